//! The whole native OCR path on scanned files: read, prepare, Tesseract, assemble. Writes each
//! file's text to OUT_DIR/<name>.txt and prints the time per page.
//!
//! cargo run --release -p imr-scan --features native-tesseract --example ocr_files -- \
//!     [--dpi 300] [--psm 3] [--deskew 1] [--binarize 0] [--gap 0] [--engine-paragraphs 1] \
//!     [--tessdata DIR] [--timeout SECONDS] [--pages-out DIR] [--tsv-out DIR] [--whole-pages 1] \
//!     OUT_DIR FILE...
//!
//! Pages are cut into bands as the CLI and the page's OCR worker cut them
//! ([`imr_scan::bands::plan`]: every page after the first in two, at blank rows), and a page's
//! bands are read at once; `--whole-pages 1` reads each page whole instead.
//!
//! `--pages-out` also writes each prepared page as DIR/<name>-<page>.pgm (for other engines);
//! `--tsv-out` each page's words as DIR/<name>-<page>.tsv (Tesseract's TSV columns), so that
//! `tsv_to_text` can assemble them again without running the engine.

use std::time::Instant;

use imr_scan::bands::CutPage;
use imr_scan::native::Tesseract;
use imr_scan::{assemble, prepare, read, Layout, Limits, PageInput, PageWords, Prep, ScanPage};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut prep = Prep::default();
    let mut layout = Layout::default();
    let mut engine = Tesseract::default();
    let mut pages_out = None;
    let mut tsv_out = None;
    let mut whole_pages = false;
    while args.first().is_some_and(|a| a.starts_with("--")) {
        let flag = args.remove(0);
        let value = args.remove(0);
        match flag.as_str() {
            "--dpi" => prep.target_dpi = value.parse().expect("--dpi N"),
            "--psm" => engine.psm = value.parse().expect("--psm N"),
            "--deskew" => prep.deskew = value == "1",
            "--binarize" => prep.binarize = value == "1",
            "--gap" => layout.gap_paragraphs = value.parse().expect("--gap F"),
            "--engine-paragraphs" => layout.engine_paragraphs = value == "1",
            "--pages-out" => pages_out = Some(value),
            "--tsv-out" => tsv_out = Some(value),
            "--whole-pages" => whole_pages = value == "1",
            "--tessdata" => engine.tessdata_dir = Some(value.into()),
            "--timeout" => {
                engine.timeout = std::time::Duration::from_secs(value.parse().expect("--timeout S"))
            }
            _ => panic!("unknown option {flag}"),
        }
    }
    let out_dir = args.remove(0);
    std::fs::create_dir_all(&out_dir).expect("OUT_DIR");
    let version = engine.version().expect("tesseract");
    println!("# {version}; {prep:?}; {layout:?}");
    println!("file\tpages\tread_ms\tprep_ms_per_page\tocr_ms_per_page\tmean_confidence\tskew");
    let (mut total_pages, mut total_ocr) = (0usize, 0f64);
    for path in &args {
        let name = std::path::Path::new(path)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let bytes = std::fs::read(path).expect("read");
        let t0 = Instant::now();
        let doc = match read(&bytes, &Limits::default()) {
            Ok(doc) => doc,
            Err(e) => {
                println!("{name}\terror {}: {e}", e.code());
                continue;
            }
        };
        let read_ms = t0.elapsed().as_secs_f64() * 1e3;
        let (mut prep_ms, mut ocr_ms) = (0.0, 0.0);
        let mut results: Vec<Result<String, PageWords>> = Vec::new();
        let mut skews = Vec::new();
        let plan = imr_scan::bands::plan(doc.image_pages());
        let mut image_page = 0;
        for (n, page) in doc.pages.iter().enumerate() {
            match page {
                ScanPage::Text(t) => results.push(Ok(t.clone())),
                ScanPage::Image(img) => {
                    let t = Instant::now();
                    let (ready, skew) = prepare(img, &prep);
                    prep_ms += t.elapsed().as_secs_f64() * 1e3;
                    skews.push(format!("{skew:.2}"));
                    if let Some(dir) = &pages_out {
                        std::fs::create_dir_all(dir).unwrap();
                        std::fs::write(format!("{dir}/{name}-{}.pgm", n + 1), ready.to_pgm())
                            .unwrap();
                    }
                    let t = Instant::now();
                    let page = CutPage::new(ready, if whole_pages { 1 } else { plan[image_page] });
                    image_page += 1;
                    let bands = std::thread::scope(|s| {
                        let running: Vec<_> = (0..page.rows.len())
                            .map(|b| {
                                let (engine, page) = (&engine, &page);
                                s.spawn(move || {
                                    engine.recognise(&page.band(b)).expect("tesseract").words
                                })
                            })
                            .collect();
                        running.into_iter().map(|h| h.join().unwrap()).collect()
                    });
                    let words = page.stack(bands);
                    ocr_ms += t.elapsed().as_secs_f64() * 1e3;
                    if let Some(dir) = &tsv_out {
                        std::fs::create_dir_all(dir).unwrap();
                        std::fs::write(format!("{dir}/{name}-{}.tsv", n + 1), to_tsv(&words))
                            .unwrap();
                    }
                    results.push(Err(words));
                }
            }
        }
        let inputs: Vec<PageInput> = results
            .iter()
            .map(|r| match r {
                Ok(t) => PageInput::Text(t),
                Err(w) => PageInput::Words(w),
            })
            .collect();
        let out = assemble(&inputs, &version, &layout);
        std::fs::write(format!("{out_dir}/{name}.txt"), &out.text).expect("write");
        let n = doc.image_pages().max(1) as f64;
        total_pages += doc.image_pages();
        total_ocr += ocr_ms;
        println!(
            "{name}\t{}\t{read_ms:.0}\t{:.0}\t{:.0}\t{:.1}\t{}",
            doc.pages.len(),
            prep_ms / n,
            ocr_ms / n,
            out.ocr.mean_confidence.unwrap_or(0.0),
            skews.join(",")
        );
    }
    println!(
        "# {total_pages} pages, OCR {:.0} ms a page on average",
        total_ocr / total_pages.max(1) as f64
    );
}

/// The words as Tesseract's TSV (level-5 rows only: what `parse_tsv` reads back).
fn to_tsv(page: &PageWords) -> String {
    let mut out = String::from(
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n",
    );
    for (i, w) in page.words.iter().enumerate() {
        out.push_str(&format!(
            "5\t1\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            w.key.block,
            w.key.paragraph,
            w.key.line,
            i + 1,
            w.bbox.x,
            w.bbox.y,
            w.bbox.w,
            w.bbox.h,
            w.confidence,
            w.text
        ));
    }
    out
}
