//! nianbao: open the window, or run a CLI command.

fn main() {
    println!("nianbao: under construction");
}
