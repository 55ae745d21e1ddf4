//! The 12 real letter PDFs read the same as the corpus text made from them with pypdf.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::{real_pdfs, words};

#[test]
fn word_sequence_equals_pypdf() {
    for (name, pdf, txt) in real_pdfs() {
        let out = imr_pdf::extract_text(&pdf).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(words(&out.text), words(&txt), "{name}");
    }
}

#[test]
fn lines_equal_pypdf() {
    for (name, pdf, txt) in real_pdfs() {
        let out = imr_pdf::extract_text(&pdf).unwrap();
        let ours: Vec<&str> = out.text.lines().collect();
        let theirs: Vec<&str> = txt.lines().collect();
        assert_eq!(ours, theirs, "{name}");
        assert_eq!(out.text, txt, "{name}: byte for byte");
    }
}

#[test]
fn pages_counted_and_no_warnings() {
    for (name, pdf, _) in real_pdfs() {
        let out = imr_pdf::extract_text(&pdf).unwrap();
        assert!((2..=10).contains(&out.pages), "{name}: {} pages", out.pages);
        assert_eq!(out.warnings, vec![], "{name}");
        let head: String = out.text.chars().take(200).collect();
        assert!(head.contains("Case Number: CM1"), "{name}");
    }
}

#[test]
fn letter_from_pdf_equals_letter_from_text() {
    for (name, pdf, txt) in real_pdfs() {
        let out = imr_pdf::extract_text(&pdf).unwrap();
        let mut from_pdf = imr_letter::parse(&out.text);
        let mut from_txt = imr_letter::parse(&txt);
        from_pdf.spans.clear();
        from_txt.spans.clear();
        assert_eq!(from_pdf, from_txt, "{name}");
    }
}

#[test]
fn is_pdf_by_content() {
    for (_, pdf, txt) in real_pdfs() {
        assert!(imr_pdf::is_pdf(&pdf));
        assert!(!imr_pdf::is_pdf(txt.as_bytes()));
    }
}
