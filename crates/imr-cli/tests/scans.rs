//! Scans through the CLI: a fax and a JPEG scan read by Debian's Tesseract (two pages each:
//! OCR is slow), an image file, hostile images refused with their reason while the other files
//! go on, and `--ocr off`.

use std::path::PathBuf;
use std::process::{Command, Output};

fn corpus(rel: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus")
        .join(rel);
    p.to_string_lossy().into_owned()
}

fn imr(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_imr"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG that declares 100,000 x 100,000 grey pixels (10 gigapixels) in a few bytes.
fn huge_png() -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A one-page PDF whose page is a Group 4 fax image of 1728 x 100 whose data never ends
/// (every `1` bit is one more white line, and there is no end-of-block mark).
fn endless_fax_pdf() -> Vec<u8> {
    let data = vec![0xFFu8; 200_000];
    let mut image = format!(
        "<< /Type /XObject /Subtype /Image /Width 1728 /Height 100 /ColorSpace /DeviceGray \
         /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 1728 /Rows 100 >> \
         /Length {} >>\nstream\n",
        data.len()
    )
    .into_bytes();
    image.extend_from_slice(&data);
    image.extend_from_slice(b"\nendstream");
    let draw = b"q 612 0 0 35 0 700 cm /Im0 Do Q";
    let mut content = format!("<< /Length {} >>\nstream\n", draw.len()).into_bytes();
    content.extend_from_slice(draw);
    content.extend_from_slice(b"\nendstream");
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        image,
        content,
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

fn decisions(letter: &serde_json::Value) -> Vec<&str> {
    letter["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["decision"].as_str().unwrap_or("null"))
        .collect()
}

/// The `ocr` block: one entry a page, each word a byte range of the text that holds a word,
/// and a box inside its page.
fn check_ocr_block(letter: &serde_json::Value, pages: usize) {
    let ocr = &letter["ocr"];
    assert!(
        ocr["engine"].as_str().unwrap().starts_with("tesseract 5"),
        "{ocr}"
    );
    assert_eq!(ocr["pages"], pages);
    assert_eq!(ocr["dpi"], 300);
    let confidence = ocr["mean_confidence"].as_f64().unwrap();
    assert!((80.0..=100.0).contains(&confidence), "{confidence}");
    let sizes = ocr["page_sizes"].as_array().unwrap();
    assert_eq!(sizes.len(), pages);
    let text = letter["text"].as_str().unwrap();
    let words = ocr["words"].as_array().unwrap();
    assert_eq!(words.len(), pages);
    for (page, size) in words.iter().zip(sizes) {
        // A US letter page at 300 dpi: 2550 x 3300.
        let (w, h) = (size[0].as_u64().unwrap(), size[1].as_u64().unwrap());
        assert!(
            (2500..=2600).contains(&w) && (3250..=3400).contains(&h),
            "{size}"
        );
        let page = page.as_array().unwrap();
        assert!(page.len() > 100, "{} words", page.len());
        for word in page {
            let v: Vec<u64> = word
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_u64().unwrap())
                .collect();
            let [start, end, x, y, bw, bh] = v[..] else {
                panic!("{word}")
            };
            let piece = &text[start as usize..end as usize];
            assert!(
                !piece.is_empty() && !piece.contains(char::is_whitespace),
                "{piece:?}"
            );
            assert!(x + bw <= w && y + bh <= h, "{word}");
        }
    }
}

#[test]
fn scans_are_read_by_ocr_and_hostile_images_are_refused_while_the_rest_goes_on() {
    let dir = std::env::temp_dir().join(format!("imr-cli-scans-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let huge = dir.join("huge.png");
    std::fs::write(&huge, huge_png()).unwrap();
    let endless = dir.join("endless-fax.pdf");
    std::fs::write(&endless, endless_fax_pdf()).unwrap();
    let fax = corpus("scans/format1_CM17-0010365.scan-fax.pdf");
    let jpeg = corpus("scans/format1_CM16-0237844.scan-jpeg.pdf");
    let text = corpus("real/format1_CM16-0237844.txt");
    let o = imr(&[
        "parse",
        "--format",
        "jsonl",
        "--with-text",
        "--jobs",
        "2",
        &fax,
        huge.to_str().unwrap(),
        &jpeg,
        endless.to_str().unwrap(),
        &text,
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "imr: {}: cannot read this image: a page image of 100000 x 100000 pixels is too large to read here (at most 50 megapixels)",
            huge.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "imr: {}: cannot read this PDF: a fax image's data does not end where its page does",
            endless.display()
        )),
        "{err}"
    );
    let letters: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(letters.len(), 3);

    let (fax_letter, jpeg_letter, text_letter) = (&letters[0], &letters[1], &letters[2]);
    assert_eq!(fax_letter["source"]["name"], fax.as_str());
    assert_eq!(fax_letter["source"]["kind"], "scan");
    assert_eq!(fax_letter["source"]["pages"], serde_json::json!([1, 2]));
    assert_eq!(fax_letter["case_number"], "CM17-0010365");
    assert_eq!(fax_letter["dates"]["decision"], "2017-02-14");
    assert_eq!(decisions(fax_letter), ["overturned"]);
    assert_eq!(fax_letter["outcome"], "overturned");
    check_ocr_block(fax_letter, 2);

    assert_eq!(jpeg_letter["source"]["kind"], "scan");
    assert_eq!(jpeg_letter["case_number"], "CM16-0237844");
    assert_eq!(jpeg_letter["dates"]["injury"], "2016-10-20");
    assert_eq!(decisions(jpeg_letter), ["upheld"]);
    assert_eq!(jpeg_letter["outcome"], "upheld");
    check_ocr_block(jpeg_letter, 2);

    // The same letter as text: no OCR block, and the same decisions.
    assert_eq!(text_letter["source"]["kind"], "text");
    assert!(text_letter["ocr"].is_null());
    assert_eq!(decisions(text_letter), decisions(jpeg_letter));
}

#[test]
fn an_image_file_is_a_scan_and_ocr_off_refuses_scans() {
    let png = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../imr-scan/tests/fixtures/rgb.png");
    let png = png.to_str().unwrap();
    let o = imr(&["parse", png]);
    // A tiny image with no words: read, but not a letter.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["source"]["kind"], "scan");
    assert_eq!(v[0]["layout"], "unrecognized");
    assert_eq!(v[0]["ocr"]["pages"], 1);
    assert!(stderr(&o).contains("not an IMR letter"));

    let fax = corpus("scans/format1_CM17-0010365.scan-fax.pdf");
    let o = imr(&[
        "parse",
        "--ocr",
        "off",
        &fax,
        png,
        &corpus("real/format1_CM16-0237844.txt"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("format1_CM17-0010365.scan-fax.pdf: cannot read this PDF: this PDF has no text layer (2 pages, a scanned image?); OCR is not done"),
        "{err}"
    );
    assert!(
        err.contains("rgb.png: cannot read this image: this file is an image (a scan) and has no text; OCR is not done"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["case_number"], "CM16-0237844");
}

/// Two faxed letters joined into one PDF (`qpdf --pages`, as any PDF tool joins files): read by
/// OCR page by page, then cut where the second letter begins, each letter with its own pages.
#[test]
fn a_bundle_of_scans_gives_each_letter() {
    let bundle = corpus("made/bundle/two-faxes.pdf");
    let o = imr(&["parse", "--format", "jsonl", "--with-text", &bundle]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let letters: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(letters.len(), 2);
    let (first, second) = (&letters[0], &letters[1]);
    assert_eq!(first["source"]["kind"], "scan");
    assert_eq!(first["source"]["index"], 0);
    assert_eq!(first["source"]["pages"], serde_json::json!([1, 2]));
    assert_eq!(first["case_number"], "CM17-0010365");
    assert_eq!(decisions(first), ["overturned"]);
    assert_eq!(second["source"]["index"], 1);
    assert_eq!(second["source"]["pages"], serde_json::json!([3, 4]));
    assert_eq!(second["case_number"], "CM16-0237844");
    assert_eq!(decisions(second), ["upheld"]);
    assert_eq!(second["outcome"], "upheld");
    for l in &letters {
        assert!(
            l["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .all(|w| w["code"] != "truncated" && w["code"] != "several-letters"),
            "{l}"
        );
        check_ocr_block(l, 4);
    }
}

/// A PDF whose first page has a text layer and whose second is a scanned page (`qpdf --pages`
/// of a letter's PDF and its fax): the text page is read as text, the scanned one by OCR, and
/// the letter says which (the `ocr` block has a size and words for the scanned page only).
#[test]
fn a_pdf_with_a_scanned_page_among_text_pages_reads_that_page_by_ocr() {
    let mixed = corpus("made/scans/CM16-0237844-text-page1-scan-page2.pdf");
    let o = imr(&["parse", "--with-text", &mixed]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let letter = &v[0];
    assert_eq!(letter["case_number"], "CM16-0237844");
    assert_eq!(decisions(letter), ["upheld"]);
    assert_eq!(letter["source"]["kind"], "scan");
    let ocr = &letter["ocr"];
    assert_eq!(ocr["pages"], 1);
    assert_eq!(ocr["page_sizes"][0], serde_json::json!([0, 0]));
    assert_eq!(ocr["words"][0], serde_json::json!([]));
    let words = ocr["words"][1].as_array().unwrap();
    assert!(words.len() > 100, "{} words", words.len());
    // Words of values read with low confidence are warned of, each with its word's span.
    for w in letter["warnings"].as_array().unwrap() {
        if w["code"] == "low-confidence" {
            let [a, b] = [0, 1].map(|i| w["span"][i].as_u64().unwrap() as usize);
            let part = &letter["text"].as_str().unwrap()[a..b];
            assert!(a >= words[0][0].as_u64().unwrap() as usize, "{w}");
            let message = w["message"].as_str().unwrap();
            assert!(
                message.contains(" was read by OCR with low confidence ("),
                "{w}"
            );
            assert!(message.contains(part), "{w}");
        }
    }
    // The text page's words are the text layer's: the case number comes before the OCR'd page.
    let text = letter["text"].as_str().unwrap();
    let first_ocr_word = words[0][0].as_u64().unwrap() as usize;
    assert!(text[..first_ocr_word].contains("CM16-0237844"));
}
