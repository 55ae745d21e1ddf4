//! A PDF whose pages mix a text layer and a scan; preprocessing of page images.

use imr_scan::preprocess::{resample, resampled_size, rotate, skew_angle};
use imr_scan::{prepare, read, Dpi, GrayImage, Limits, Prep, ScanPage};

/// A two-page PDF: page 1 has text, page 2 only an 8 x 4 grey image drawn at 100 dpi (left
/// half black, right half white).
fn mixed_pdf() -> Vec<u8> {
    let image: Vec<u8> = (0..32).map(|i| if i % 8 < 4 { 0 } else { 255 }).collect();
    let text = b"BT /F1 12 Tf 72 700 Td (Case Number: CM16-0000001) Tj ET";
    let draw = b"q 5.76 0 0 2.88 0 0 cm /Im0 Do Q";
    let stream = |dict: &str, data: &[u8]| {
        let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        s.extend_from_slice(data);
        s.extend_from_slice(b"\nendstream");
        s
    };
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 7 0 R >> >> /Contents 8 0 R >>".to_vec(),
        stream("", text),
        stream(
            "/Type /XObject /Subtype /Image /Width 8 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8",
            &image,
        ),
        stream("", draw),
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

#[test]
fn a_pdf_with_one_text_page_and_one_scanned_page() {
    let doc = read(&mixed_pdf(), &Limits::default()).unwrap();
    assert_eq!(doc.pages.len(), 2);
    assert_eq!(doc.image_pages(), 1);
    match &doc.pages[0] {
        ScanPage::Text(t) => assert!(t.contains("Case Number: CM16-0000001"), "{t:?}"),
        other => panic!("page 1 should be text: {other:?}"),
    }
    let ScanPage::Image(img) = &doc.pages[1] else {
        panic!("page 2 should be an image");
    };
    assert_eq!((img.width, img.height), (8, 4));
    assert_eq!((img.dpi.x, img.dpi.y), (100.0, 100.0));
    assert_eq!(img.row(0), &[0, 0, 0, 0, 255, 255, 255, 255]);
}

/// A white 300 dpi page with dark bars like lines of text.
fn lined_page() -> GrayImage {
    let mut img = GrayImage::white(900, 700, Dpi::square(300.0));
    for line in 0..13 {
        let y0 = 100 + line * 40;
        for y in y0..y0 + 10 {
            for x in 100..800 {
                // Gaps between "words".
                if x % 120 < 100 {
                    img.pixels[y * 900 + x] = 0;
                }
            }
        }
    }
    img
}

#[test]
fn a_skewed_page_is_measured_and_straightened() {
    let page = lined_page();
    let level = skew_angle(&page);
    assert!(level.abs() < 0.06, "level page: {level}");
    for degrees in [1.2f32, -1.2, 2.5] {
        let skewed = rotate(&page, -degrees);
        let found = skew_angle(&skewed);
        assert!(
            (found - degrees).abs() <= 0.1,
            "skew {degrees}: found {found}"
        );
        let (straight, removed) = prepare(
            &skewed,
            &Prep {
                target_dpi: 0.0,
                deskew: true,
                binarize: false,
            },
        );
        assert_eq!(removed, found);
        assert!(skew_angle(&straight).abs() <= 0.1);
    }
}

#[test]
fn a_claimed_resolution_never_blows_a_page_up() {
    // A 5000 x 5000 image that says it is 5 dpi would be 300 000 pixels wide at 300 dpi.
    let tiny_dpi = GrayImage {
        width: 5000,
        height: 5000,
        dpi: Dpi::square(5.0),
        pixels: Vec::new(), // the size is all that is asked
    };
    let (w, h, dpi) = resampled_size(&tiny_dpi, Dpi::square(300.0));
    let pixels = u64::from(w) * u64::from(h);
    assert!(
        pixels <= imr_scan::preprocess::MAX_PREPARED_PIXELS,
        "{pixels}"
    );
    assert!(pixels > 49_000_000, "{pixels}");
    assert!((dpi.x - 7.07).abs() < 0.01, "{dpi:?}");
}

#[test]
fn resampling_to_the_engine_resolution() {
    let fax = GrayImage::white(1734, 2156, Dpi { x: 204.0, y: 196.0 });
    let out = resample(&fax, Dpi::square(300.0));
    assert_eq!((out.width, out.height), (2550, 3300));
    assert_eq!((out.dpi.x, out.dpi.y), (300.0, 300.0));
    let (binary, _) = prepare(
        &lined_page(),
        &Prep {
            target_dpi: 150.0,
            deskew: false,
            binarize: true,
        },
    );
    assert_eq!((binary.width, binary.height), (450, 350));
    assert!(binary.pixels.iter().all(|&p| p == 0 || p == 255));
    assert_eq!(binary.get(60, 52), 0);
    assert_eq!(binary.get(20, 20), 255);
}
