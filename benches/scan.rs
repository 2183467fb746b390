//! Scanning a folder of reports into the queue (written below).

fn main() {}
