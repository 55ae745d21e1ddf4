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

/// All 12 real letters, for timing.
const ALL: [(&str, &[u8]); 12] = [
    (
        "CM16-0230548",
        include_bytes!("../../../tests/corpus/real/pdf/format1_CM16-0230548.pdf"),
    ),
    (
        "CM16-0230651",
        include_bytes!("../../../tests/corpus/real/pdf/format1_CM16-0230651.pdf"),
    ),
    (
        "CM16-0237844",
        include_bytes!("../../../tests/corpus/real/pdf/format1_CM16-0237844.pdf"),
    ),
    (
        "CM16-0242419",
        include_bytes!("../../../tests/corpus/real/pdf/format1_CM16-0242419.pdf"),
    ),
    (
        "CM16-0246487",
        include_bytes!("../../../tests/corpus/real/pdf/format1_CM16-0246487.pdf"),
    ),
    (
        "CM16-0247287",
        include_bytes!("../../../tests/corpus/real/pdf/format1_CM16-0247287.pdf"),
    ),
    (
        "CM16-0247802",
        include_bytes!("../../../tests/corpus/real/pdf/format1_CM16-0247802.pdf"),
    ),
    (
        "CM16-0248698",
        include_bytes!("../../../tests/corpus/real/pdf/format1_CM16-0248698.pdf"),
    ),
    (
        "CM17-0007142",
        include_bytes!("../../../tests/corpus/real/pdf/format1_CM17-0007142.pdf"),
    ),
    (
        "CM17-0010365",
        include_bytes!("../../../tests/corpus/real/pdf/format1_CM17-0010365.pdf"),
    ),
    (
        "CM17-0010420",
        include_bytes!("../../../tests/corpus/real/pdf/format1_CM17-0010420.pdf"),
    ),
    (
        "CM17-0010885",
        include_bytes!("../../../tests/corpus/real/pdf/format1_CM17-0010885.pdf"),
    ),
];

/// Timing (printed, not asserted): median of 15 extractions per letter, as in BENCHMARKS.md.
/// Run with `--release ... -- --nocapture` to see the lines.
#[wasm_bindgen_test]
fn time_per_pdf() {
    let mut medians = Vec::new();
    for (name, pdf) in ALL {
        let mut ms = Vec::new();
        for _ in 0..15 {
            let t0 = now();
            let out = imr_pdf::extract_text(pdf).unwrap();
            ms.push(now() - t0);
            assert!(out.text.contains("Case Number:"), "{name}");
        }
        ms.sort_by(f64::total_cmp);
        let median = ms[ms.len() / 2];
        console_log!(
            "imr-pdf wasm {name}: {} bytes, median {median:.2} ms",
            pdf.len()
        );
        medians.push(median);
    }
    let mean = medians.iter().sum::<f64>() / medians.len() as f64;
    console_log!("imr-pdf wasm: mean of medians {mean:.2} ms per PDF");
}
