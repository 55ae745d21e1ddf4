//! The reading pipeline on real files: PDFs and their text give the same letters; a PDF that
//! holds several letters gives each, with its pages; a PDF that lost its last page says so;
//! text in other encodings reads as its UTF-8 twin, with a warning.

use std::path::PathBuf;

use imr_read::{read, Letter, Options, SourceKind, WarningCode};

fn corpus(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn letters(rel: &str) -> Vec<Letter> {
    read(&corpus(rel), Some(rel), Options::default())
        .unwrap()
        .letters
}

/// The letter's fields, without what depends on where it stands or how it was had.
fn fields(l: &Letter) -> Letter {
    let mut l = l.clone();
    l.spans.clear();
    l.warnings.iter_mut().for_each(|w| {
        w.span = None;
        w.related = None;
    });
    l.source = Default::default();
    l
}

fn codes(l: &Letter) -> Vec<WarningCode> {
    l.warnings.iter().map(|w| w.code).collect()
}

const CASES: [&str; 3] = ["CM16-0230548", "CM16-0237844", "CM17-0010365"];

#[test]
fn a_pdf_of_three_letters_gives_three_with_their_pages() {
    let got = letters("made/bundle/three-letters.pdf");
    assert_eq!(got.len(), 3);
    let pages = [[1, 2], [3, 4], [5, 6]];
    for (i, l) in got.iter().enumerate() {
        let alone = letters(&format!("real/pdf/format1_{}.pdf", CASES[i]));
        assert_eq!(fields(l), fields(&alone[0]), "letter {i}");
        assert_eq!(l.source.index, i);
        assert_eq!(l.source.pages, Some(pages[i]));
        assert_eq!(l.source.kind, SourceKind::Pdf);
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    }
}

#[test]
fn a_letter_cut_in_the_middle_of_a_pdf_bundle_is_flagged_alone() {
    let got = letters("made/bundle/three-letters-middle-cut.pdf");
    assert_eq!(got.len(), 3);
    assert!(got[0].warnings.is_empty() && got[2].warnings.is_empty());
    assert!(codes(&got[1]).contains(&WarningCode::Truncated));
    assert_eq!(got[1].case_number.as_deref(), Some("CM16-0246487"));
    assert_eq!(got[1].source.pages, Some([3, 5]));
}

#[test]
fn a_pdf_without_its_last_page_is_flagged() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/made/cut");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        let l = letters(&format!("made/cut/{name}"));
        assert_eq!(l.len(), 1);
        assert!(codes(&l[0]).contains(&WarningCode::Truncated), "{name}");
        // The outcome of a cut letter is not a verdict, unless its items settle it.
        assert!(
            l[0].outcome.is_none() || l[0].outcome == Some(imr_read::Outcome::PartiallyOverturned),
            "{name}: {:?}",
            l[0].outcome
        );
        n += 1;
    }
    assert_eq!(n, 12);
}

#[test]
fn a_pdf_and_its_text_give_the_same_letter() {
    for case in CASES {
        let pdf = letters(&format!("real/pdf/format1_{case}.pdf"));
        let txt = letters(&format!("real/format1_{case}.txt"));
        assert_eq!(fields(&pdf[0]), fields(&txt[0]), "{case}");
    }
}

#[test]
fn utf16_and_windows_1252_read_as_their_utf8_twin() {
    let text = String::from_utf8(corpus("real/format1_CM16-0237844.txt")).unwrap();
    let utf8 = read(text.as_bytes(), None, Options::default())
        .unwrap()
        .letters;
    let mut le_bom = vec![0xff, 0xfe];
    le_bom.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be_bom = vec![0xfe, 0xff];
    be_bom.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    // Windows-1252: the same text with a curly quote, as Word saves it.
    let cp1252: Vec<u8> = text
        .replace("CLINICAL CASE SUMMARY", "CLINICAL CASE SUMMARY \u{201c}")
        .chars()
        .map(|c| if c == '\u{201c}' { 0x93 } else { c as u8 })
        .collect();
    for (what, bytes) in [
        ("UTF-16LE BOM", le_bom),
        ("UTF-16BE BOM", be_bom),
        ("UTF-16LE", le),
        ("cp1252", cp1252),
    ] {
        let got = read(&bytes, None, Options::default()).unwrap().letters;
        let mut got = got[0].clone();
        assert_eq!(codes(&got), [WarningCode::TextEncoding], "{what}");
        got.warnings.clear();
        assert_eq!(got.case_number, utf8[0].case_number, "{what}");
        assert_eq!(got.items, utf8[0].items, "{what}");
        assert_eq!(got.dates, utf8[0].dates, "{what}");
    }
}

#[test]
fn the_text_is_given_when_asked() {
    let bytes = corpus("real/pdf/format1_CM16-0237844.pdf");
    let r = read(&bytes, Some("x.pdf"), Options { with_text: true }).unwrap();
    let l = &r.letters[0];
    let text = l.text.as_deref().unwrap();
    assert_eq!(text, r.extracted.text);
    let [s, e] = l.spans["/case_number"];
    assert_eq!(&text[s..e], "CM16-0237844");
    assert_eq!(l.source.name.as_deref(), Some("x.pdf"));
}

#[test]
fn a_pdf_with_a_scanned_page_among_text_pages_is_told_apart() {
    let partly = read(
        &corpus("made/scans/CM16-0237844-text-page1-scan-page2.pdf"),
        None,
        Options::default(),
    )
    .unwrap();
    // Both pages draw an image (the letterhead's logo, the scan); only the second has no text.
    assert_eq!(partly.extracted.image_pages, vec![1, 2]);
    assert!(partly.extracted.has_scanned_page());
    for case in CASES {
        let whole = read(
            &corpus(&format!("real/pdf/format1_{case}.pdf")),
            None,
            Options::default(),
        )
        .unwrap();
        assert!(!whole.extracted.has_scanned_page(), "{case}");
    }
}
