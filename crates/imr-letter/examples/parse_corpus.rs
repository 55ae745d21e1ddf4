//! Parses every corpus text given on the command line once (for profilers: callgrind, perf).
fn main() {
    let mut items = 0;
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        items += imr_letter::parse(&text).items.len();
    }
    println!("{items} items");
}
