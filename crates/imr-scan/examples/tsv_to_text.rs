//! Assembles pages of words saved as Tesseract TSV (`<letter>-<page>.tsv`, as the WebAssembly
//! engine benchmark writes them) into each letter's text, OUT_DIR/<letter>.txt.
//!
//! cargo run -p imr-scan --example tsv_to_text -- [--page-paragraphs 1] [--kern 0.75] [--specks 0.25] TSV_DIR OUT_DIR [DPI]
//!
//! The options change the layout from its default (`--kern 0`: never join a split capital; `--specks 0`:
//! keep every word).

use std::collections::BTreeMap;

use imr_scan::{assemble, parse_tsv, Layout, PageInput, PageWords};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut layout = Layout::default();
    while args.first().is_some_and(|a| a.starts_with("--")) {
        let flag = args.remove(0);
        let value = args.remove(0);
        match flag.as_str() {
            "--page-paragraphs" => layout.page_paragraphs = value == "1",
            "--kern" => layout.kern_join = value.parse().expect("--kern F"),
            "--specks" => layout.speck_size = value.parse().expect("--specks F"),
            _ => panic!("unknown option {flag}"),
        }
    }
    let (tsv_dir, out_dir) = (&args[0], &args[1]);
    let dpi: u32 = args.get(2).map_or(300, |d| d.parse().expect("DPI"));
    let mut letters: BTreeMap<String, Vec<(u32, PageWords)>> = BTreeMap::new();
    for entry in std::fs::read_dir(tsv_dir).expect("TSV_DIR") {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".tsv") else {
            continue;
        };
        let (letter, page) = stem.rsplit_once('-').expect("<letter>-<page>.tsv");
        let words = parse_tsv(&std::fs::read_to_string(format!("{tsv_dir}/{name}")).unwrap());
        let page_words = PageWords {
            width: 0,
            height: 0,
            dpi,
            words,
        };
        letters
            .entry(letter.to_owned())
            .or_default()
            .push((page.parse().expect("page number"), page_words));
    }
    std::fs::create_dir_all(out_dir).unwrap();
    for (letter, mut pages) in letters {
        pages.sort_by_key(|(n, _)| *n);
        let inputs: Vec<PageInput> = pages.iter().map(|(_, w)| PageInput::Words(w)).collect();
        let out = assemble(&inputs, "tsv", &layout);
        std::fs::write(format!("{out_dir}/{letter}.txt"), out.text).unwrap();
    }
}
