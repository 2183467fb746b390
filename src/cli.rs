//! The command line: `extract` and `check` over the core; with no command,
//! the window (when built with the `gui` feature).
//!
//! CONTRACT: `main()` is what the binary calls; filled in by the core work.

use std::process::ExitCode;

/// Parses the command line and runs it; returns the process exit code.
pub fn main() -> ExitCode {
    #[cfg(feature = "gui")]
    {
        let file = std::env::args_os().nth(1).map(std::path::PathBuf::from);
        return match crate::app::run(file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("nianbao: {e:#}");
                ExitCode::from(2)
            }
        };
    }
    #[cfg(not(feature = "gui"))]
    {
        eprintln!("nianbao: built without the window (feature `gui`)");
        ExitCode::from(2)
    }
}
