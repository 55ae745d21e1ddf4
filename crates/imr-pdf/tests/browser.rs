//! A real letter PDF extracted by the wasm32 build in headless Chromium
//! (`CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p imr-pdf`),
//! with the time per extraction printed for BENCHMARKS.md.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const PDF: &[u8] = include_bytes!("../../../tests/corpus/real/pdf/format1_CM16-0230548.pdf");
const TXT: &str = include_str!("../../../tests/corpus/real/format1_CM16-0230548.txt");

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn now() -> f64;
}

#[wasm_bindgen_test]
fn extracts_a_real_letter_in_the_browser() {
    let out = imr_pdf::extract_text(PDF).expect("the letter reads");
    assert_eq!(out.text, TXT);
    assert_eq!(out.pages, 2);
    assert!(out.warnings.is_empty());
}

#[wasm_bindgen_test]
fn reports_errors_in_the_browser() {
    assert_eq!(imr_pdf::extract_text(b""), Err(imr_pdf::PdfError::Empty));
    assert_eq!(
        imr_pdf::extract_text(&PDF[..PDF.len() / 2]),
        Err(imr_pdf::PdfError::Truncated)
    );
}

/// Timing (not an assertion): median of 20 extractions, printed to the console.
#[wasm_bindgen_test]
fn time_per_pdf() {
    let mut ms = Vec::new();
    for _ in 0..20 {
        let t0 = now();
        let out = imr_pdf::extract_text(PDF).unwrap();
        ms.push(now() - t0);
        assert_eq!(out.text.len(), TXT.len());
    }
    ms.sort_by(f64::total_cmp);
    console_log!(
        "imr-pdf wasm: {} bytes PDF, median {:.2} ms per extraction (min {:.2})",
        PDF.len(),
        ms[ms.len() / 2],
        ms[0]
    );
}
