//! Native extraction time per real letter PDF.
fn main() {}
