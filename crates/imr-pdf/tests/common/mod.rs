//! Shared helpers: the real letter PDFs and their corpus text.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

/// Every real PDF with the corpus text (pypdf's) of the same letter.
pub fn real_pdfs() -> Vec<(String, Vec<u8>, String)> {
    let dir = corpus().join("real/pdf");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/corpus/real/pdf") {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("pdf") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let txt = corpus().join("real").join(format!("{stem}.txt"));
        let text = std::fs::read_to_string(&txt).unwrap_or_else(|_| panic!("{}", txt.display()));
        out.push((stem, std::fs::read(&path).unwrap(), text));
    }
    out.sort();
    assert_eq!(out.len(), 12, "the 12 real PDFs");
    out
}

pub fn made(name: &str) -> Vec<u8> {
    std::fs::read(corpus().join("made").join(name)).unwrap()
}

pub fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}
