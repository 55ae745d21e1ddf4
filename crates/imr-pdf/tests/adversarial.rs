//! Real letter PDFs changed in one small way (`tests/corpus/adversarial/`): each reads right,
//! with a warning that says what was damaged.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::{corpus, real_pdfs};
use imr_pdf::{extract_text, WarningCode};

fn adversarial(name: &str) -> Vec<u8> {
    std::fs::read(corpus().join("adversarial").join(name)).unwrap()
}

/// The corpus text of the real letter `stem`.
fn original(stem: &str) -> String {
    let (_, _, txt) = real_pdfs()
        .into_iter()
        .find(|(name, _, _)| name == stem)
        .unwrap();
    txt
}

fn codes(out: &imr_pdf::PdfText) -> Vec<WarningCode> {
    out.warnings.iter().map(|w| w.code).collect()
}

#[test]
fn a_damaged_width_is_replaced_and_the_heading_reads_whole() {
    // One byte of a bold font's /Widths changed: 'N' is 72 instead of 722 wide, which put a
    // space into "AND".
    let out = extract_text(&adversarial("pdf_widths_byte_splits_heading.pdf")).unwrap();
    assert!(out.text.contains("IMR ISSUES, DECISIONS AND RATIONALES"));
    assert_eq!(out.text, original("format1_CM16-0237844"));
    assert_eq!(codes(&out), [WarningCode::FontWidths]);
    assert!(
        out.warnings[0].message.contains("page 1 "),
        "{}",
        out.warnings[0]
    );
}

#[test]
fn a_flipped_byte_in_an_encrypted_stream_is_damage_not_encryption() {
    // A bit flipped in the last block of an encrypted object stream: its padding and its
    // checksum are wrong, the objects in it still read.
    let out = extract_text(&adversarial("pdf_flip_says_aes256.pdf")).unwrap();
    assert_eq!(out.text, original("format1_CM17-0007142"));
    assert_eq!(codes(&out), [WarningCode::StreamDamaged]);
}

#[test]
fn a_flipped_byte_in_the_owner_key_is_damage_not_a_password() {
    // One byte of /O changed: the empty password no longer fits until that byte is found.
    let out = extract_text(&adversarial("pdf_flip_says_password.pdf")).unwrap();
    assert_eq!(out.text, original("format1_CM16-0247802"));
    assert_eq!(codes(&out), [WarningCode::EncryptionDamaged]);
}

#[test]
fn a_damaged_user_key_is_damage_not_a_password() {
    // Two bytes of /U changed (in its first 16 bytes, which the password check compares).
    let (name, pdf, txt) = real_pdfs().remove(0);
    let at = find(&pdf, b"/U(").expect("a literal /U string") + 3;
    // Two plain bytes among the first eight (no escape, parenthesis or line end around them).
    let plain = |i: usize| !b"\\()\r\n".contains(&pdf[i]) && pdf[i - 1] != b'\\';
    let mut bad = pdf.clone();
    for i in (at + 1..at + 8).filter(|&i| plain(i)).take(2) {
        bad[i] = if pdf[i] == b'A' { b'B' } else { b'A' };
    }
    let out = extract_text(&bad).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(out.text, txt);
    assert_eq!(codes(&out), [WarningCode::EncryptionDamaged]);
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
