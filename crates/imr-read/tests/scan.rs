//! The scan path of the reading pipeline, sans I/O: what needs OCR is told by content, the
//! pages to recognise are handed out as prepared images, and the engine's words come back as
//! the letter's text and `ocr` block. (The real engine runs in the CLI's tests.)

use imr_read::{
    begin, extract, letters, parse_tsv, Begun, OcrMode, Options, PageWords, SourceKind,
};

fn corpus(rel: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../tests/corpus/{rel}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const FAX: &str = "scans/format1_CM17-0010365.scan-fax.pdf";

#[test]
fn text_and_text_layer_pdfs_need_no_ocr() {
    for (file, kind) in [
        ("real/format1_CM16-0237844.txt", SourceKind::Text),
        ("real/pdf/format1_CM16-0237844.pdf", SourceKind::Pdf),
    ] {
        let bytes = corpus(file);
        for mode in [OcrMode::Auto, OcrMode::Off, OcrMode::Force] {
            let Ok(Begun::Text(e)) = begin(&bytes, mode) else {
                panic!("{file} {mode:?}")
            };
            assert_eq!(e.kind, kind);
            assert_eq!(e, extract(&bytes).unwrap(), "{file} {mode:?}");
            assert!(e.ocr.is_none());
        }
    }
}

/// Tesseract's TSV for one line of words at the given left edges.
fn tsv(rows: &[(&str, u32)]) -> String {
    let mut s = String::from(
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n",
    );
    for (i, (word, x)) in rows.iter().enumerate() {
        s.push_str(&format!(
            "5\t1\t1\t1\t1\t{}\t{x}\t100\t120\t40\t95\t{word}\n",
            i + 1
        ));
    }
    s
}

#[test]
fn a_scan_gives_its_pages_to_recognise_and_its_words_back_as_a_letter() {
    let bytes = corpus(FAX);
    // Without OCR, today's error.
    assert_eq!(
        begin(&bytes, OcrMode::Off).unwrap_err().code(),
        "no-text-layer"
    );
    assert_eq!(extract(&bytes).unwrap_err().code(), "no-text-layer");

    let Ok(Begun::Scan(job)) = begin(&bytes, OcrMode::Auto) else {
        panic!("a scan")
    };
    assert_eq!((job.pages(), job.pages_to_recognise()), (2, 2));
    assert_eq!(job.page_number(1), 2);
    // Prepared for the engine: the fax's 204 x 196 dpi resampled to 300.
    let img = job.page_image(0);
    assert_eq!(img.dpi.x, 300.0);
    assert!((2500..2600).contains(&img.width) && (3250..3400).contains(&img.height));

    // Words as an engine gives them, one page each.
    let page = |rows: &[(&str, u32)]| PageWords {
        width: img.width,
        height: img.height,
        dpi: 300,
        words: parse_tsv(&tsv(rows)),
    };
    let words = vec![
        page(&[("Case", 100), ("Number:", 240), ("CM17-0010365", 420)]),
        page(&[("Overturned", 100)]),
    ];

    let Ok(Begun::Scan(again)) = begin(&bytes, OcrMode::Auto) else {
        panic!("a scan")
    };
    let err = again
        .finish(words[..1].to_vec(), "test engine")
        .unwrap_err();
    assert_eq!(err.code(), "ocr-failed");

    let e = job.finish(words, "test engine 1.0").unwrap();
    assert_eq!(e.kind, SourceKind::Scan);
    // A page break is a paragraph break.
    assert_eq!(e.text, "Case Number: CM17-0010365\n\nOverturned");
    assert_eq!(e.page_starts, [0, 27]);
    let ocr = e.ocr.clone().unwrap();
    assert_eq!(
        (ocr.engine.as_str(), ocr.pages, ocr.dpi),
        ("test engine 1.0", 2, 300)
    );
    assert_eq!(ocr.mean_confidence, 95.0);
    assert_eq!(ocr.page_sizes, [[img.width, img.height]; 2]);
    assert_eq!(ocr.words[0][2], [13, 25, 420, 100, 120, 40]);
    assert_eq!(ocr.words[1], [[27, 37, 100, 100, 120, 40]]);

    let letter = letters(&e, Some("fax.pdf"), Options { with_text: true }).remove(0);
    assert_eq!(letter.source.kind, SourceKind::Scan);
    assert_eq!(letter.source.pages, Some([1, 2]));
    assert_eq!(letter.ocr, Some(ocr));
    assert_eq!(letter.text.as_deref(), Some(e.text.as_str()));
}

#[test]
fn image_files_are_scans_by_content() {
    let png = std::fs::read(format!(
        "{}/../imr-scan/tests/fixtures/rgb.png",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    assert_eq!(imr_read::sniff(&png), imr_read::Content::Image);
    assert_eq!(extract(&png).unwrap_err().code(), "no-text-layer");
    assert_eq!(
        begin(&png, OcrMode::Off).unwrap_err().code(),
        "no-text-layer"
    );
    let Ok(Begun::Scan(job)) = begin(&png, OcrMode::Auto) else {
        panic!("an image")
    };
    assert_eq!(job.pages_to_recognise(), 1);
}
