//! The window. CONTRACT: `run(file)` opens it (filled in by the window work).

use std::path::PathBuf;

/// Opens the window, on `file` if given, else on the welcome view.
pub fn run(_file: Option<PathBuf>) -> anyhow::Result<()> {
    anyhow::bail!("the window is not built yet")
}
