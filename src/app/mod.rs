//! The window (filled in by the window work).
