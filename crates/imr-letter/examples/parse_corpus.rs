//! Parses every corpus text given on the command line once (for profilers: callgrind, perf).
//! With `BUNDLE=N` in the environment, reads instead one text of N letters (the given ones
//! one after the other, repeated) with `parse_all`: its count per byte shows the bundle's
//! reading stays linear.
fn main() {
    let texts: Vec<String> = std::env::args()
        .skip(1)
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    if let Some(n) = std::env::var("BUNDLE")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        let bundle: String = texts
            .iter()
            .cycle()
            .take(n)
            .map(|t| format!("{t}\n\n"))
            .collect();
        let letters = imr_letter::parse_all(&bundle);
        println!("{} letters, {} bytes", letters.len(), bundle.len());
        return;
    }
    let items: usize = texts.iter().map(|t| imr_letter::parse(t).items.len()).sum();
    println!("{items} items");
}
