//! Small hostile PDFs built here: cycles, self-references, absurd counts. Each ends with a
//! specific result, quickly.
#![cfg(not(target_arch = "wasm32"))]

use imr_pdf::{extract_text, PdfError, WarningCode};

/// A PDF whose objects are `objs` (object 1 is the catalog), with a correct xref table.
fn pdf(objs: &[&str]) -> Vec<u8> {
    let objs: Vec<&[u8]> = objs.iter().map(|o| o.as_bytes()).collect();
    pdf_with(&objs, "")
}

/// [`pdf`] with objects of any bytes and `extra` entries in the trailer.
fn pdf_with(objs: &[&[u8]], extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    let trailer = format!(
        "trailer\n<< /Size {} /Root 1 0 R {extra}>>\nstartxref\n{xref}\n%%EOF\n",
        objs.len() + 1
    );
    out.extend_from_slice(trailer.as_bytes());
    out
}

fn stream(data: &str) -> String {
    format!("<< /Length {} >>\nstream\n{data}\nendstream", data.len())
}

const CATALOG: &str = "<< /Type /Catalog /Pages 2 0 R >>";
const FONT: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

fn damaged(bytes: &[u8]) -> bool {
    matches!(extract_text(bytes), Err(PdfError::Damaged(_)))
}

#[test]
fn a_well_formed_tiny_pdf_reads() {
    let content = stream("BT /F1 12 Tf 72 720 Td (Hello) Tj 0 -14 Td (world) Tj ET");
    let bytes = pdf(&[
        CATALOG,
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        &content,
        FONT,
    ]);
    assert_eq!(extract_text(&bytes).unwrap().text, "Hello\nworld");
}

#[test]
fn page_tree_that_contains_itself() {
    assert!(damaged(&pdf(&[
        CATALOG,
        "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"
    ])));
}

#[test]
fn page_that_is_its_own_parent() {
    let content = stream("BT /F1 12 Tf (Hi) Tj ET");
    let bytes = pdf(&[
        CATALOG,
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>",
        &content,
    ]);
    assert!(damaged(&bytes));
}

#[test]
fn stream_length_that_refers_to_itself() {
    let bytes = pdf(&[
        CATALOG,
        "<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
        "<< /Length 4 0 R >>\nstream\nBT /F1 12 Tf (Hi) Tj ET\nendstream",
        FONT,
    ]);
    assert!(damaged(&bytes));
}

#[test]
fn form_that_draws_itself_stops_at_the_nesting_bound() {
    let form_data = "BT /F1 12 Tf (Yo) Tj ET /X Do";
    let form = format!(
        "<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /X 5 0 R >> /Font << /F1 6 0 R >> >> /Length {} >>\nstream\n{form_data}\nendstream",
        form_data.len()
    );
    let content = stream("BT /F1 12 Tf (Hi) Tj ET /X Do");
    let bytes = pdf(&[
        CATALOG,
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /XObject << /X 5 0 R >> /Font << /F1 6 0 R >> >> >>",
        &content,
        &form,
        FONT,
    ]);
    let out = extract_text(&bytes).unwrap();
    let depth = imr_pdf::limits::MAX_FORM_DEPTH;
    // Every `Do` starts a new line (as in pypdf), the last one too.
    assert_eq!(out.text, format!("Hi{}\n", "\nYo".repeat(depth)));
}

#[test]
fn absurd_page_counts() {
    let content = stream("BT /F1 12 Tf (Hi) Tj ET");
    for count in ["4000000000", "3000000", "-1"] {
        let tree = format!(
            "<< /Type /Pages /Kids [3 0 R] /Count {count} /Resources << /Font << /F1 5 0 R >> >> >>"
        );
        let bytes = pdf(&[
            CATALOG,
            &tree,
            "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
            &content,
            FONT,
        ]);
        match extract_text(&bytes) {
            Ok(out) => {
                assert_eq!(out.pages, imr_pdf::limits::MAX_PAGES, "{count}");
                assert!(out.text.starts_with("Hi"), "{count}");
                let codes: Vec<_> = out.warnings.iter().map(|w| w.code).collect();
                assert_eq!(
                    codes,
                    [WarningCode::TooManyPages, WarningCode::PageUnreadable],
                    "{count}"
                );
            }
            Err(e) => assert!(matches!(e, PdfError::Damaged(_)), "{count}: {e:?}"),
        }
    }
}

#[test]
fn missing_font_reads_as_winansi_with_a_warning() {
    let content = stream("BT /F9 12 Tf (Caf\\351) Tj ET");
    let bytes = pdf(&[
        CATALOG,
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
        &content,
    ]);
    let out = extract_text(&bytes).unwrap();
    assert_eq!(out.text, "Café");
    assert_eq!(out.warnings[0].code, WarningCode::FontUnreadable);
}

#[test]
fn image_filters_on_text_streams_are_refused_before_decoding() {
    // A JPEG header asking for a 65535 x 65535 image, as a page's content stream.
    let jpeg = "\u{ff}\u{d8}\u{ff}\u{c0}\u{0}\u{11}\u{8}\u{ff}\u{ff}\u{ff}\u{ff}";
    let content = format!(
        "<< /Length {} /Filter /DCTDecode >>\nstream\n{jpeg}\nendstream",
        jpeg.len()
    );
    let bytes = pdf(&[
        CATALOG,
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
        &content,
    ]);
    assert!(damaged(&bytes));
}

#[test]
fn an_empty_page_beside_a_broken_one_is_damage_not_a_scan() {
    let bytes = pdf(&[
        CATALOG,
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        "<< /Type /Page /Parent 2 0 R >>",
        "<< /Type /Page /Parent 2 0 R /Contents 9 0 R >>",
    ]);
    assert_eq!(
        extract_text(&bytes),
        Err(PdfError::Damaged(
            "page 2 could not be read and the others have no text".into()
        ))
    );
}

#[test]
fn run_length_bomb_is_refused_as_it_decodes() {
    // 0.5 MB of runs of 128 spaces: 64 MiB once decoded, stopped at the per-stream limit.
    let limit = imr_pdf::limits::MAX_STREAM_DECODED;
    let runs = 2 * limit / 128;
    let mut data = [0x81, b' '].repeat(runs);
    data.push(0x80);
    let mut content = format!(
        "<< /Length {} /Filter /RunLengthDecode >>\nstream\n",
        data.len()
    )
    .into_bytes();
    content.extend_from_slice(&data);
    content.extend_from_slice(b"\nendstream");
    let bytes = pdf_with(
        &[
            CATALOG.as_bytes(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
            &content,
        ],
        "",
    );
    assert_eq!(
        extract_text(&bytes),
        Err(PdfError::TooLargeDecompressed { limit })
    );
}

/// A one-page PDF encrypted with the dictionary `encrypt` (object 6).
fn encrypted(encrypt: &str) -> Vec<u8> {
    let content = stream("BT /F1 12 Tf (Hi) Tj ET");
    let objs: [&[u8]; 6] = [
        CATALOG.as_bytes(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        content.as_bytes(),
        FONT.as_bytes(),
        encrypt.as_bytes(),
    ];
    pdf_with(&objs, "/Encrypt 6 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] ")
}

#[test]
fn encryption_this_reader_does_not_implement_is_named() {
    let o = format!("<{}>", "AB".repeat(32));
    for encrypt in [
        // A certificate (public-key) security handler.
        "<< /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5 /V 4 /Recipients [<00>] >>".to_owned(),
        // The standard handler with an algorithm version this reader does not know.
        format!("<< /Filter /Standard /V 3 /R 3 /Length 128 /O {o} /U {o} /P -4 >>"),
        format!("<< /Filter /Standard /V 4 /R 7 /O {o} /U {o} /P -4 /CF << /StdCF << /CFM /AESV2 >> >> /StmF /StdCF /StrF /StdCF >>"),
    ] {
        assert_eq!(
            extract_text(&encrypted(&encrypt)),
            Err(PdfError::UnsupportedEncryption),
            "{encrypt}"
        );
    }
}

#[test]
fn a_widths_array_of_the_wrong_length_is_read_with_a_warning() {
    // FirstChar 32 to LastChar 126 asks for 95 widths; there are 3.
    let content = stream("BT /F1 12 Tf 72 720 Td (Hello) Tj 0 -14 Td (world) Tj ET");
    let font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 126 /Widths [278 278 355] >>";
    let bytes = pdf(&[
        CATALOG,
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        &content,
        font,
    ]);
    let out = extract_text(&bytes).unwrap();
    assert_eq!(out.text, "Hello\nworld");
    let codes: Vec<_> = out.warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, [WarningCode::FontWidths]);
}

#[test]
fn an_implausible_width_is_replaced_by_the_usual_width_of_its_kind() {
    // Capitals 600 wide, but 'N' 60 (a digit lost): "A", "N", "D" drawn one by one, each placed
    // after the true widths, read as one word once 'N' is taken as 600 wide.
    let mut widths = vec!["600"; 95];
    widths[usize::from(b'N' - 32)] = "60";
    let font = format!(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 126 /Widths [{}] >>",
        widths.join(" ")
    );
    let content = stream("BT /F1 10 Tf 72 720 Td (A) Tj 6 0 Td (N) Tj 6 0 Td (D) Tj ET");
    let bytes = pdf(&[
        CATALOG,
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        &content,
        &font,
    ]);
    let out = extract_text(&bytes).unwrap();
    assert_eq!(out.text, "AND");
    let codes: Vec<_> = out.warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, [WarningCode::FontWidths]);
}

#[test]
fn pages_that_draw_an_image_are_told_from_blank_ones() {
    let text = stream("BT /F1 12 Tf 72 720 Td (Hello) Tj ET");
    let blank = stream("");
    let draw = stream("q 612 0 0 792 0 0 cm /Im1 Do Q");
    let image = "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray \
                 /BitsPerComponent 8 /Length 1 >>\nstream\n\u{7f}\nendstream";
    let bytes = pdf(&[
        CATALOG,
        "<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>",
        "<< /Type /Page /Parent 2 0 R /Contents 6 0 R /Resources << /Font << /F1 9 0 R >> >> >>",
        "<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>",
        "<< /Type /Page /Parent 2 0 R /Contents 8 0 R /Resources << /XObject << /Im1 10 0 R >> >> >>",
        &text,
        &blank,
        &draw,
        FONT,
        image,
    ]);
    let read = extract_text(&bytes).unwrap();
    assert_eq!(read.text.trim(), "Hello");
    assert_eq!(read.pages, 3);
    // The third page draws an image; the second is blank.
    assert_eq!(read.image_pages, vec![3]);
}
