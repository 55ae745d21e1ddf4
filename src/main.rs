//! The web app (placeholder until issue 4 lands).
fn main() {}
