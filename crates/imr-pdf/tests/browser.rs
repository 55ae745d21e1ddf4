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

#[wasm_bindgen_test]
fn refuses_a_decompression_bomb_in_the_browser() {
    // 0.5 MB that inflates to 512 MiB: refused at the per-stream limit, in the module itself.
    let bomb = include_bytes!("../../../tests/corpus/made/inflate-bomb.pdf");
    let limit = imr_pdf::limits::MAX_STREAM_DECODED;
    assert_eq!(
        imr_pdf::extract_text(bomb),
        Err(imr_pdf::PdfError::TooLargeDecompressed { limit })
    );
}

#[wasm_bindgen_test]
fn reads_aes256_and_damaged_encryption_in_the_browser() {
    let aes256 = include_bytes!("../../../tests/corpus/made/empty-password-aes256.pdf");
    let out = imr_pdf::extract_text(aes256).unwrap();
    assert!(out.text.starts_with("Made-up letter for tests"));
    // One byte of /O changed: found among about 8,000 candidates (time printed).
    let flipped = include_bytes!("../../../tests/corpus/adversarial/pdf_flip_says_password.pdf");
    let t0 = now();
    let out = imr_pdf::extract_text(flipped).unwrap();
    console_log!("imr-pdf wasm: /O repaired in {:.0} ms", now() - t0);
    assert!(out.text.contains("Case Number: CM16-0247802"));
    assert_eq!(
        out.warnings[0].code,
        imr_pdf::WarningCode::EncryptionDamaged
    );
    // A real password: every candidate tried before saying so (time printed).
    let password = include_bytes!("../../../tests/corpus/made/password-aes128.pdf");
    let t0 = now();
    assert_eq!(
        imr_pdf::extract_text(password),
        Err(imr_pdf::PdfError::NeedsPassword)
    );
    console_log!(
        "imr-pdf wasm: real password reported in {:.0} ms",
        now() - t0
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
