//! The `ngc-rs` command line.
fn main() {}
