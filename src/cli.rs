//! The command line: `extract` and `check` over the core.
//!
//! CONTRACT: filled in by the core work.
