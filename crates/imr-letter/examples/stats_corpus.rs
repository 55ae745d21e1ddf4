//! Prints the Insights tables of the letters named on the command line (text; `--csv` for CSV).
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let csv = args.iter().any(|a| a == "--csv");
    let letters: Vec<_> = args
        .iter()
        .filter(|a| *a != "--csv")
        .map(|p| imr_letter::parse(&std::fs::read_to_string(p).unwrap()))
        .collect();
    let insights = imr_letter::stats::insights(&letters);
    if csv {
        for t in insights.tables() {
            println!("# {}", t.name);
            print!("{}", t.to_csv());
        }
    } else {
        print!("{}", insights.to_text());
    }
}
