//! Prints the text of a PDF (and its warnings on stderr): `cargo run --example pdftext FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: pdftext FILE.pdf");
    let bytes = std::fs::read(&path).expect("cannot read the file");
    match imr_pdf::extract_text(&bytes) {
        Ok(t) => {
            print!("{}", t.text);
            for w in t.warnings {
                eprintln!("warning [{}]: {}", w.code, w.message);
            }
        }
        Err(e) => {
            eprintln!("error [{}]: {e}", e.code());
            std::process::exit(1);
        }
    }
}
