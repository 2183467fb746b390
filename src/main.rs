//! nianbao: open the window, or run a CLI command (see `cli`).

fn main() -> std::process::ExitCode {
    nianbao::cli::main()
}
