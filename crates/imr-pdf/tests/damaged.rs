//! Damaged copies of the real PDFs (made here, not committed) and made-up inputs: each gives a
#![cfg(not(target_arch = "wasm32"))]
//! specific error, or a partial result with a warning.

mod common;
use common::{made, real_pdfs, words};
use imr_pdf::{extract_text, PdfError, WarningCode};

/// Fractions of the file at which copies are cut or damaged.
const AT: [f64; 10] = [0.02, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

#[test]
fn cut_copies_are_reported_as_truncated() {
    for (name, pdf, _) in real_pdfs() {
        for frac in AT {
            let cut = &pdf[..(pdf.len() as f64 * frac) as usize];
            assert_eq!(
                extract_text(cut),
                Err(PdfError::Truncated),
                "{name} cut at {frac}"
            );
        }
        // Cut inside the final cross-reference stream: still truncated.
        let cut = &pdf[..pdf.len() - 100];
        assert_eq!(
            extract_text(cut),
            Err(PdfError::Truncated),
            "{name} minus 100 bytes"
        );
        // Only the end-of-file marker lost: all text, with a warning.
        let cut = &pdf[..pdf.len() - 5];
        let out = extract_text(cut).unwrap();
        assert_eq!(codes(&out), [WarningCode::TruncatedPdf], "{name}");
        assert_eq!(out.text, extract_text(&pdf).unwrap().text);
    }
}

#[test]
fn padding_and_a_prefix_change_nothing() {
    for (name, pdf, txt) in real_pdfs() {
        let mut padded = pdf.clone();
        padded.extend_from_slice(&[0; 2000]);
        padded.extend_from_slice(b"\r\n \n");
        let out = extract_text(&padded).unwrap();
        assert_eq!(
            (out.text.as_str(), out.warnings.len()),
            (txt.as_str(), 0),
            "{name}"
        );
        let mut prefixed = b"junk before the header\r\n".to_vec();
        prefixed.extend_from_slice(&pdf);
        assert_eq!(extract_text(&prefixed).unwrap().text, txt, "{name}");
    }
}

#[test]
fn tiny_prefixes_are_empty_or_not_pdf() {
    let (_, pdf, _) = &real_pdfs()[0];
    assert_eq!(extract_text(&pdf[..0]), Err(PdfError::Empty));
    assert_eq!(extract_text(&pdf[..4]), Err(PdfError::NotPdf));
    assert_eq!(extract_text(&pdf[..5]), Err(PdfError::Truncated));
}

/// `pdf` with `n` bytes from `at` xor-ed with 0x5A.
fn flipped(pdf: &[u8], at: usize, n: usize) -> Vec<u8> {
    let mut out = pdf.to_vec();
    for b in out.iter_mut().skip(at).take(n) {
        *b ^= 0x5a;
    }
    out
}

/// Warning codes a damaged file may give.
const DAMAGE: [WarningCode; 9] = [
    WarningCode::DamagedPdf,
    WarningCode::PageUnreadable,
    WarningCode::PageDamaged,
    WarningCode::PageIncomplete,
    WarningCode::FontUnreadable,
    WarningCode::FontWidths,
    WarningCode::StreamDamaged,
    WarningCode::EncryptionDamaged,
    WarningCode::TruncatedPdf,
];

/// Checks one damaged copy: text unchanged, or changed with a damage warning, or a damage
/// error. Returns whether the result was partial (fewer words, some text).
fn check_damaged(what: &str, bad: &[u8], txt: &str) -> bool {
    match extract_text(bad) {
        Ok(out) => {
            let codes = codes(&out);
            assert!(
                codes.iter().all(|c| DAMAGE.contains(c)),
                "{what}: {codes:?}"
            );
            if out.text != txt {
                assert!(!codes.is_empty(), "{what}: text changed without a warning");
                for w in &out.warnings {
                    assert!(w.message.starts_with("the PDF"), "{what}: {}", w.message);
                }
            }
            let (got, all) = (words(&out.text).len(), words(txt).len());
            got > 0 && got < all
        }
        Err(e) => {
            let ok = matches!(
                e,
                PdfError::Damaged(_) | PdfError::Truncated | PdfError::NoTextLayer { .. }
            );
            assert!(ok, "{what}: {e:?}");
            false
        }
    }
}

#[test]
fn flipped_bytes_give_text_with_warnings_or_a_damage_error() {
    let mut partial = 0;
    for (name, pdf, txt) in real_pdfs() {
        for frac in AT {
            let bad = flipped(&pdf, (pdf.len() as f64 * frac) as usize, 16);
            partial += usize::from(check_damaged(&format!("{name} at {frac}"), &bad, &txt));
        }
    }
    assert!(partial >= 10, "only {partial} partial results");
}

/// Offsets of the data of every stream in `pdf`.
fn stream_starts(pdf: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = pdf[i..]
        .windows(7)
        .position(|w| w == b"stream\r" || w == b"stream\n")
    {
        let start = i + p;
        let data = start + if pdf[start + 6] == b'\r' { 8 } else { 7 };
        if !pdf[..start].ends_with(b"end") {
            out.push(data);
        }
        i = start + 7;
    }
    out
}

#[test]
fn corrupted_streams_lose_only_their_pages() {
    let (mut partial, mut total) = (0, 0);
    for (name, pdf, txt) in real_pdfs() {
        let starts = stream_starts(&pdf);
        assert!(starts.len() > 5, "{name}");
        for at in starts {
            let bad = flipped(&pdf, at + 4, 8);
            partial += usize::from(check_damaged(&format!("{name} stream at {at}"), &bad, &txt));
            total += 1;
        }
    }
    assert!(partial >= 12, "{partial} partial results of {total}");
}

#[test]
fn lost_fonts_fall_back_to_winansi() {
    // The first object stream of these letters holds the page's fonts: damage it and the text
    // still reads, with a warning.
    let mut same_letters = 0;
    for (name, pdf, txt) in real_pdfs() {
        for at in stream_starts(&pdf) {
            if let Ok(out) = extract_text(&flipped(&pdf, at + 4, 8)) {
                if codes(&out).contains(&WarningCode::FontUnreadable)
                    && letters(&out.text) == letters(&txt)
                {
                    same_letters += 1;
                    assert!(
                        out.warnings
                            .iter()
                            .any(|w| w.message.contains("fonts of page")),
                        "{name}"
                    );
                }
            }
        }
    }
    assert!(same_letters >= 5, "{same_letters}");
}

fn letters(s: &str) -> String {
    s.split_whitespace().collect()
}

fn codes(out: &imr_pdf::PdfText) -> Vec<WarningCode> {
    out.warnings.iter().map(|w| w.code).collect()
}

const MADE_UP_TEXT: &str =
    "Made-up letter for tests\nDate Assigned: 01/02/2017 Date of Injury: 03/04/2016\nTwo words";

#[test]
fn made_up_text_pdf() {
    let out = extract_text(&made("text-made-up.pdf")).unwrap();
    assert_eq!(out.text, MADE_UP_TEXT);
    assert_eq!((out.pages, out.warnings.len()), (1, 0));
}

#[test]
fn empty_password_rc4_opens() {
    for name in ["empty-password-rc4.pdf", "empty-password-rc4-40.pdf"] {
        let out = extract_text(&made(name)).unwrap();
        assert_eq!(out.text, MADE_UP_TEXT, "{name}");
    }
}

#[test]
fn empty_password_aes256_opens() {
    let out = extract_text(&made("empty-password-aes256.pdf")).unwrap();
    assert_eq!(out.text, MADE_UP_TEXT);
    assert_eq!(out.warnings, vec![]);
}

#[test]
fn inflate_bomb_is_refused_as_it_inflates() {
    // 0.5 MB that inflates to 512 MiB: stopped at the per-stream limit, in-process.
    let err = extract_text(&made("inflate-bomb.pdf")).unwrap_err();
    let limit = imr_pdf::limits::MAX_STREAM_DECODED;
    assert_eq!(err, PdfError::TooLargeDecompressed { limit });
    assert_eq!(err.code(), "too-large-decompressed");
    assert!(
        err.to_string().contains("over 32 MB once decompressed"),
        "{err}"
    );
}

#[test]
fn real_password_is_asked_for() {
    for name in ["password-aes128.pdf", "password-aes256.pdf"] {
        let err = extract_text(&made(name)).unwrap_err();
        assert_eq!(err, PdfError::NeedsPassword, "{name}");
        assert!(err.to_string().contains("password"));
    }
}

#[test]
fn image_only_pdf_has_no_text_layer() {
    let err = extract_text(&made("image-only.pdf")).unwrap_err();
    assert_eq!(err, PdfError::NoTextLayer { pages: 2 });
    assert_eq!(err.code(), "no-text-layer");
    assert!(err.to_string().contains("OCR is not done"));
}

#[test]
fn empty_and_not_pdf() {
    assert_eq!(extract_text(b""), Err(PdfError::Empty));
    assert_eq!(
        extract_text(b"Case Number: CM16-0230548"),
        Err(PdfError::NotPdf)
    );
    let (_, _, txt) = &real_pdfs()[0];
    assert_eq!(extract_text(txt.as_bytes()), Err(PdfError::NotPdf));
    assert_eq!(extract_text(b"%PDF-1.7\n"), Err(PdfError::Truncated));
    assert_eq!(
        extract_text(b"%PDF-1.7\nnonsense\n%%EOF\n").map_err(|e| e.code()),
        Err("damaged-pdf")
    );
}

#[test]
fn too_large_is_refused_before_parsing() {
    let limit = imr_pdf::limits::MAX_BYTES;
    let mut big = vec![b' '; limit + 1];
    big[..8].copy_from_slice(b"%PDF-1.7");
    assert_eq!(
        extract_text(&big),
        Err(PdfError::TooLarge {
            bytes: limit + 1,
            limit
        })
    );
}

#[test]
fn is_pdf_looks_at_the_first_kilobyte() {
    let mut junk = vec![b'x'; 1000];
    junk.extend_from_slice(b"%PDF-1.4");
    assert!(imr_pdf::is_pdf(&junk));
    let mut late = vec![b'x'; 1020];
    late.extend_from_slice(b"%PDF-1.4");
    assert!(!imr_pdf::is_pdf(&late));
    assert!(!imr_pdf::is_pdf(b""));
}

#[test]
fn errors_have_codes_and_one_sentence() {
    let all = [
        PdfError::Empty,
        PdfError::NotPdf,
        PdfError::NeedsPassword,
        PdfError::NoTextLayer { pages: 1 },
        PdfError::Damaged("can't inflate".into()),
        PdfError::TooLarge { bytes: 2, limit: 1 },
        PdfError::TooLargeDecompressed { limit: 1 << 20 },
        PdfError::Truncated,
        PdfError::UnsupportedEncryption,
    ];
    let mut codes: Vec<&str> = all.iter().map(PdfError::code).collect();
    for (e, code) in all.iter().zip(&codes) {
        let msg = e.to_string();
        assert!(msg.starts_with("this ") || msg.starts_with("the "), "{msg}");
        assert!(!msg.contains('\n') && !msg.ends_with('.'), "{msg}");
        assert!(
            code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{code}"
        );
    }
    codes.dedup();
    assert_eq!(codes.len(), all.len());
    assert_eq!(
        PdfError::NoTextLayer { pages: 1 }.to_string(),
        "this PDF has no text layer (1 page, a scanned image?); OCR is not done"
    );
    assert_eq!(PdfError::NotPdf.code(), "not-a-pdf");
}

#[test]
fn warning_codes_are_distinct_kebab_case() {
    let codes: Vec<&str> = WarningCode::ALL.iter().map(|c| c.as_str()).collect();
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), codes.len());
    for code in codes {
        assert!(
            code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{code}"
        );
    }
    assert_eq!(WarningCode::FontWidths.to_string(), "font-widths");
    assert_eq!(String::from(WarningCode::PageUnreadable), "page-unreadable");
}
