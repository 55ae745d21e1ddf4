//! Real OCR with Debian's `tesseract` (package tesseract-ocr, installed by scripts/setup.sh) on
//! two strips of a real faxed letter: its header line and its decision line (a whole page takes
//! several seconds; two strips well under one).

use std::time::Duration;

use imr_scan::native::{NativeError, Tesseract};
use imr_scan::{assemble, prepare, read, Layout, Limits, PageInput, Prep, ScanPage};

#[test]
fn the_case_number_and_the_decision_come_out_of_a_faxed_letter() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/CM16-0237844.scan-fax.pdf"
    ))
    .unwrap();
    let doc = read(&bytes, &Limits::default()).unwrap();
    let ScanPage::Image(page) = &doc.pages[0] else {
        panic!("page 1 is a scan");
    };
    let (ready, skew) = prepare(page, &Prep::default());
    assert_eq!((ready.width, ready.height, skew), (2550, 3300, 0.0));
    // At 300 dpi the header's first line is near y = 395, the item's decision near y = 2649.
    let header = ready.crop(0, 370, 2550, 80);
    let decision = ready.crop(0, 2625, 2550, 90);
    let engine = Tesseract::default();
    let version = engine.version().unwrap();
    assert!(version.starts_with("tesseract "), "{version}");
    let words = [
        engine.recognise(&header).unwrap(),
        engine.recognise(&decision).unwrap(),
    ];
    let inputs: Vec<PageInput> = words.iter().map(PageInput::Words).collect();
    let out = assemble(&inputs, &version, &Layout::default());
    // The header strip cuts through the table's rules, read as `|` and dashes.
    let (first_line, rest) = out.text.split_once('\n').unwrap();
    assert!(first_line.contains("Case Number:"), "{first_line}");
    assert!(first_line.contains("CM16-0237844"), "{first_line}");
    assert!(rest.ends_with("\nUpheld"), "{rest}");
    assert_eq!(out.ocr.dpi, 300);
    let case = out.ocr.words[0]
        .iter()
        .find(|w| &out.text[w[0] as usize..w[1] as usize] == "CM16-0237844")
        .copied()
        .unwrap();
    assert_eq!(
        &out.text[case[0] as usize..case[1] as usize],
        "CM16-0237844"
    );
    // The case number's box, in the strip: right of the label, on its line.
    assert!(
        (700..800).contains(&case[2]) && (10..40).contains(&case[3]),
        "{case:?}"
    );
    let upheld = out.ocr.words[1].last().unwrap();
    assert_eq!(&out.text[upheld[0] as usize..upheld[1] as usize], "Upheld");
}

#[test]
fn a_missing_program_and_a_time_limit() {
    let img = imr_scan::GrayImage::white(100, 40, imr_scan::Dpi::square(300.0));
    let missing = Tesseract {
        program: "/nonexistent/tesseract".into(),
        ..Tesseract::default()
    };
    let err = missing.recognise(&img).unwrap_err();
    assert_eq!(err.code(), "ocr-not-installed");
    // A program that never answers stands in for a stuck engine.
    let stuck = Tesseract {
        program: "/bin/sh".into(),
        leading_args: vec!["-c".into(), "sleep 30".into(), "sh".into()],
        timeout: Duration::from_millis(200),
        ..Tesseract::default()
    };
    let err = stuck.recognise(&img).unwrap_err();
    assert_eq!(err, NativeError::TimedOut(Duration::from_millis(200)));
    assert_eq!(err.code(), "ocr-timeout");
}
