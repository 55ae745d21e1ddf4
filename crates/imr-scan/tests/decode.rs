//! Decoding each kind of file to page images, told apart by content (fixtures: `fixtures/make.py`).

use imr_scan::{read, sniff, FileKind, GrayImage, Limits, ScanPage};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn images(bytes: &[u8]) -> Vec<GrayImage> {
    read(bytes, &Limits::default())
        .unwrap()
        .pages
        .into_iter()
        .map(|p| match p {
            ScanPage::Image(img) => img,
            ScanPage::Text(t) => panic!("a text page: {t:?}"),
        })
        .collect()
}

/// Asserts that the image is black exactly inside the box `x0..=x1, y0..=y1` (a tolerance for
/// JPEG's ringing) and white elsewhere, looking at every pixel.
fn assert_box(img: &GrayImage, (x0, y0, x1, y1): (u32, u32, u32, u32), tolerance: u8) {
    for y in 0..img.height {
        for x in 0..img.width {
            let inside = (x0..=x1).contains(&x) && (y0..=y1).contains(&y);
            let edge = x + 1 == x0 || x == x1 + 1 || y + 1 == y0 || y == y1 + 1;
            let p = img.get(x, y);
            if edge && tolerance > 0 {
                continue;
            }
            if inside {
                assert!(p <= tolerance, "({x}, {y}) should be black, is {p}");
            } else {
                assert!(p >= 255 - tolerance, "({x}, {y}) should be white, is {p}");
            }
        }
    }
}

#[test]
fn formats_are_told_by_content() {
    assert_eq!(sniff(&fixture("two-pages-g4.tif")), FileKind::Tiff);
    assert_eq!(sniff(&fixture("gray.jpg")), FileKind::Jpeg);
    assert_eq!(sniff(&fixture("rgb.png")), FileKind::Png);
    assert_eq!(sniff(&fixture("g4.pdf")), FileKind::Pdf);
    assert_eq!(sniff(b"Case Number: CM16-0237844"), FileKind::Unknown);
    let err = read(b"Case Number: CM16-0237844", &Limits::default()).unwrap_err();
    assert_eq!(err.code(), "unknown-format");
    assert_eq!(
        read(b"", &Limits::default()).unwrap_err().code(),
        "empty-file"
    );
}

#[test]
fn multi_page_group4_tiff() {
    let pages = images(&fixture("two-pages-g4.tif"));
    assert_eq!(pages.len(), 2);
    assert_eq!((pages[0].width, pages[0].height), (240, 80));
    assert_eq!((pages[0].dpi.x, pages[0].dpi.y), (204.0, 196.0));
    assert_box(&pages[0], (20, 10, 59, 29), 0);
    assert_eq!((pages[1].width, pages[1].height), (200, 60));
    assert_box(&pages[1], (100, 30, 139, 49), 0);
}

#[test]
fn jpeg_file() {
    let pages = images(&fixture("gray.jpg"));
    assert_eq!(pages.len(), 1);
    assert_eq!((pages[0].width, pages[0].height), (64, 48));
    assert_eq!((pages[0].dpi.x, pages[0].dpi.y), (300.0, 300.0));
    assert_box(&pages[0], (0, 0, 31, 47), 40);
}

#[test]
fn png_files_rgb_and_one_bit() {
    let rgb = &images(&fixture("rgb.png"))[0];
    assert_eq!((rgb.width, rgb.height), (40, 30));
    assert_eq!(rgb.dpi.x, 150.0);
    // Pure red is Rec. 601 luma 76; white stays white.
    assert_eq!(rgb.get(5, 5), 76);
    assert_eq!(rgb.get(30, 5), 255);
    let bilevel = &images(&fixture("bilevel.png"))[0];
    assert_eq!(bilevel.dpi.x, imr_scan::DEFAULT_DPI);
    assert_box(bilevel, (10, 5, 19, 14), 0);
}

#[test]
fn image_only_pdfs_give_their_images_at_the_drawn_resolution() {
    let g4 = &images(&fixture("g4.pdf"))[0];
    assert_eq!((g4.width, g4.height), (240, 80));
    assert_eq!((g4.dpi.x, g4.dpi.y), (204.0, 196.0));
    assert_box(g4, (20, 10, 59, 29), 0);

    let jpeg = &images(&fixture("jpeg.pdf"))[0];
    assert_eq!((jpeg.width, jpeg.height, jpeg.dpi.x), (64, 48, 300.0));
    assert_box(jpeg, (0, 0, 31, 47), 40);

    let flate = &images(&fixture("flate.pdf"))[0];
    assert_eq!((flate.width, flate.height, flate.dpi.x), (64, 48, 100.0));
    assert_box(flate, (32, 0, 63, 47), 0);
}

#[test]
fn a_real_fax_pdf_gives_both_pages() {
    let pages = images(&fixture("CM16-0237844.scan-fax.pdf"));
    assert_eq!(pages.len(), 2);
    for p in &pages {
        assert_eq!((p.width, p.height), (1734, 2156));
        assert_eq!((p.dpi.x, p.dpi.y), (204.0, 196.0));
        // A letter page is mostly white paper with some black ink.
        let dark = p.pixels.iter().filter(|&&v| v < 128).count() as f64 / p.pixels.len() as f64;
        assert!((0.005..0.2).contains(&dark), "dark share {dark}");
    }
}
