//! Pages of real scans cut into bands for several engines: every cut falls in blank rows, the
//! bands share the page's ink, and the first page stays whole.

use imr_scan::bands::{cut, plan, CutPage};
use imr_scan::{prepare, read, Limits, Prep, ScanPage};

fn scan(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../tests/corpus/scans/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn ink(row: &[u8]) -> usize {
    row.iter().filter(|&&p| p < 128).count()
}

#[test]
fn later_pages_of_real_scans_are_cut_in_two_through_blank_rows() {
    for name in [
        "format1_CM16-0237844.scan-fax.pdf",
        "format1_CM16-0237844.scan-jpeg.pdf",
        "format1_CM17-0010365.scan-fax.pdf",
    ] {
        let doc = read(&scan(name), &Limits::default()).unwrap();
        let images: Vec<_> = doc
            .pages
            .iter()
            .filter_map(|p| match p {
                ScanPage::Image(img) => Some(prepare(img, &Prep::default()).0),
                ScanPage::Text(_) => None,
            })
            .collect();
        assert!(images.len() >= 2, "{name}");
        let parts = plan(images.len());
        assert_eq!(parts[0], 1, "{name}: the first page is read whole");
        for (n, img) in images.into_iter().enumerate().skip(1) {
            let page = CutPage::new(img, parts[n]);
            let rows = &page.rows;
            assert_eq!(rows.len(), 2, "{name} page {}", n + 1);
            assert_eq!((rows[0].start, rows[1].end), (0, page.image.height));
            assert_eq!(rows[0].end, rows[1].start);
            // The cut row and the rows about it are blank: no line of text is touched.
            let at = rows[0].end;
            let allowed = page.image.width as usize * 2 / 1000;
            for y in at.saturating_sub(3)..at + 3 {
                assert!(
                    ink(page.image.row(y)) <= allowed,
                    "{name} page {}: row {y}",
                    n + 1
                );
            }
            // Each band holds a fair share of the page's ink (the engine's time goes with it).
            let share =
                |r: &std::ops::Range<u32>| r.clone().map(|y| ink(page.image.row(y))).sum::<usize>();
            let (top, bottom) = (share(&rows[0]), share(&rows[1]));
            let part = top as f64 / (top + bottom) as f64;
            assert!(
                (0.3..=0.7).contains(&part),
                "{name} page {}: {part:.2} of the ink above the cut",
                n + 1
            );
            // The bands put back together are the page.
            let mut pixels = page.band(0).pixels;
            pixels.extend(page.band(1).pixels);
            assert!(pixels == page.image.pixels, "{name} page {}", n + 1);
            assert_eq!(cut(&page.image, 1).len(), 1);
        }
    }
}
