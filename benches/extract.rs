//! Placeholder replaced by the core work.
fn main() {}
