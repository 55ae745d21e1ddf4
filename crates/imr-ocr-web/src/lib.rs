//! The page's OCR module, loaded only when a scan is met (never part of the first visit): a thin
//! wasm-bindgen shell over `imr-read`'s sans-I/O scan path ([`imr_read::begin`],
//! [`imr_read::ScanJob`], [`imr_read::ScanJob::finish`]), the same code the CLI runs, so the page
//! and `imr` build a scan's text and `ocr` block alike. The Tesseract engine itself runs beside
//! it in the OCR worker (`static/ocr/imr-ocr-worker.js`), which drives one [`ScanReader`] a file:
//!
//! ```js
//! const job = new ScanReader(bytes, name);      // throws Error with .code (image-too-large...)
//! for (let n = 0; n < job.toRecognise(); n++) { // 0 for a PDF whose pages all have text
//!   const bands = job.pageBands(n);             // the n-th page without text, prepared, in bands
//!   bands.forEach((band, b) => job.setBandWords(n, b, tsv(engine, band))); // any order, at once
//! }
//! const reply = job.finish(id, "tesseract-wasm 0.11"); // JSON: {"id", "ok": {letters, text, kind, pages}}
//! ```
//!
//! A page is cut into bands at blank rows ([`imr_read::bands`]: the first page whole, later
//! pages in halves) so that the worker's engines read a file's pages at once; each band's words
//! come back in its own pixels and are put back in the page's here.

use imr_letter::Letter;
use imr_read::bands::CutPage;
use imr_read::{Begun, Extracted, GrayImage, OcrMode, PageWords, ReadError};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Width the page images of the letter view are shrunk to, at most about (a letter page at
/// 150 dpi is 1,275 pixels across).
pub const PREVIEW_WIDTH: u32 = 1275;

/// A band of a page image prepared for the engine: 300 dpi, deskewed, one grey byte a pixel.
#[wasm_bindgen]
pub struct PageImage {
    width: u32,
    height: u32,
    dpi: u32,
    gray: Vec<u8>,
}

#[wasm_bindgen]
impl PageImage {
    #[wasm_bindgen(getter)]
    pub fn width(&self) -> u32 {
        self.width
    }
    #[wasm_bindgen(getter)]
    pub fn height(&self) -> u32 {
        self.height
    }
    #[wasm_bindgen(getter)]
    pub fn dpi(&self) -> u32 {
        self.dpi
    }
    /// The pixels as RGBA (what the engine's `loadImage` takes as `ImageData`).
    pub fn rgba(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.gray.len() * 4);
        for &g in &self.gray {
            out.extend_from_slice(&[g, g, g, 255]);
        }
        out
    }
}

/// What the file needs: its text now, or pages to recognise first.
enum Stage {
    Text(Extracted),
    Scan {
        job: imr_read::ScanJob,
        pages: Vec<Option<PageBands>>,
    },
}

/// A page to recognise, as cut (its pixels dropped once the bands are out), and each band's
/// words once read.
struct PageBands {
    cut: CutPage,
    bands: Vec<Option<Vec<imr_read::Word>>>,
    /// The page as the engine reads it, shrunk for the letter view, until taken.
    preview: Option<GrayImage>,
}

/// One file being read: [`imr_read::begin`] with OCR where pages have no text.
#[wasm_bindgen]
pub struct ScanReader {
    name: Option<String>,
    stage: Option<Stage>,
}

#[wasm_bindgen]
impl ScanReader {
    /// Reads the file (text, PDF, PNG, JPEG or TIFF, by content) up to the pages the engine
    /// must read, within the scan reader's bounds; throws an `Error` whose `code` says why it
    /// cannot be read.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: &[u8], name: Option<String>) -> Result<ScanReader, JsValue> {
        let stage = match imr_read::begin(bytes, OcrMode::Auto).map_err(js_error)? {
            Begun::Text(e) => Stage::Text(e),
            Begun::Scan(job) => {
                let pages = (0..job.pages_to_recognise()).map(|_| None).collect();
                Stage::Scan { job, pages }
            }
        };
        Ok(ScanReader {
            name,
            stage: Some(stage),
        })
    }

    /// Pages of the file (0 for text).
    #[wasm_bindgen(js_name = pageCount)]
    pub fn page_count(&self) -> usize {
        match &self.stage {
            Some(Stage::Text(e)) => e.pages().unwrap_or(0),
            Some(Stage::Scan { job, .. }) => job.pages(),
            None => 0,
        }
    }

    /// Pages the engine must read (0 when every page has text).
    #[wasm_bindgen(js_name = toRecognise)]
    pub fn to_recognise(&self) -> usize {
        match &self.stage {
            Some(Stage::Scan { job, .. }) => job.pages_to_recognise(),
            _ => 0,
        }
    }

    /// The file's page number (from 1) of the `n`-th page to recognise.
    #[wasm_bindgen(js_name = pageNumber)]
    pub fn page_number(&self, n: usize) -> usize {
        match &self.stage {
            Some(Stage::Scan { job, .. }) if n < job.pages_to_recognise() => job.page_number(n),
            _ => 0,
        }
    }

    /// The `n`-th page to recognise, prepared for the engine (300 dpi, deskewed) and cut into
    /// the bands [`imr_read::bands::plan`] gives it, top to bottom.
    #[wasm_bindgen(js_name = pageBands)]
    pub fn page_bands(&mut self, n: usize) -> Vec<PageImage> {
        let Some(Stage::Scan { job, pages }) = &mut self.stage else {
            return Vec::new();
        };
        if n >= job.pages_to_recognise() {
            return Vec::new();
        }
        let cut = job.page_cut(n);
        // Whole pixels averaged (sharp text, and cheap): 300 dpi to 150.
        let f = (cut.image.width / PREVIEW_WIDTH).max(1);
        let preview = imr_read::shrink(&cut.image, f, f);
        let dpi = cut.image.dpi.x.round() as u32;
        let images = (0..cut.rows.len())
            .map(|b| {
                let band = cut.band(b);
                PageImage {
                    width: band.width,
                    height: band.height,
                    dpi,
                    gray: band.pixels,
                }
            })
            .collect();
        pages[n] = Some(PageBands {
            preview: Some(preview),
            bands: cut.rows.iter().map(|_| None).collect(),
            cut: CutPage {
                image: GrayImage {
                    pixels: Vec::new(),
                    ..cut.image
                },
                rows: cut.rows,
            },
        });
        images
    }

    /// The `n`-th page to recognise as the engine reads it, shrunk to at most about
    /// [`PREVIEW_WIDTH`] pixels across for the letter view (once, after [`Self::page_bands`]).
    #[wasm_bindgen(js_name = takePreview)]
    pub fn take_preview(&mut self, n: usize) -> Option<PageImage> {
        let Some(Stage::Scan { pages, .. }) = &mut self.stage else {
            return None;
        };
        let img = pages.get_mut(n)?.as_mut()?.preview.take()?;
        Some(PageImage {
            width: img.width,
            height: img.height,
            dpi: img.dpi.x.round() as u32,
            gray: img.pixels,
        })
    }

    /// The engine's words (Tesseract TSV) for band `band` of the `n`-th page to recognise, in
    /// the band's pixels.
    #[wasm_bindgen(js_name = setBandWords)]
    pub fn set_band_words(&mut self, n: usize, band: usize, tsv: &str) {
        if let Some(Stage::Scan { pages, .. }) = &mut self.stage {
            if let Some(slot) = pages
                .get_mut(n)
                .and_then(Option::as_mut)
                .and_then(|p| p.bands.get_mut(band))
            {
                *slot = Some(imr_read::parse_tsv(tsv));
            }
        }
    }

    /// The letters read from the file, as the page's `Reply` JSON for job `id`:
    /// `{"id": id, "ok": Parsed}` or `{"id": id, "err": {code, message}}`. A page the engine
    /// (or a band) the engine gave no words for counts as empty. Once only: the job is spent.
    pub fn finish(&mut self, id: u32, engine: &str) -> String {
        let result = match self.stage.take() {
            Some(stage) => read(stage, engine, self.name.as_deref()),
            None => Err(Failure {
                code: "ocr-failed",
                message: "This scan was already read.".into(),
            }),
        };
        let reply = match result {
            Ok(ok) => Reply {
                id,
                ok: Some(ok),
                err: None,
            },
            Err(err) => Reply {
                id,
                ok: None,
                err: Some(err),
            },
        };
        serde_json::to_string(&reply).unwrap_or_default()
    }
}

/// The letters of a file whose pages are all known (text pages as they were, image pages from
/// the engine's words).
fn read(stage: Stage, engine: &str, name: Option<&str>) -> Result<Parsed, Failure> {
    let extracted = match stage {
        Stage::Text(e) => e,
        Stage::Scan { job, pages } => {
            let words = pages
                .into_iter()
                .map(|p| match p {
                    Some(p) => p
                        .cut
                        .stack(p.bands.into_iter().map(Option::unwrap_or_default).collect()),
                    None => PageWords {
                        width: 0,
                        height: 0,
                        dpi: 0,
                        words: Vec::new(),
                    },
                })
                .collect();
            job.finish(words, engine).map_err(|e| Failure {
                code: e.code(),
                message: capitalised(&e.to_string()),
            })?
        }
    };
    // Every letter of the file (a bundle gives several), each with the scan's `ocr` block.
    let letters = imr_read::letters(&extracted, name, Default::default());
    Ok(Parsed {
        letters,
        pages: extracted.pages(),
        kind: extracted.kind.as_str(),
        text: extracted.text,
    })
}

/// What the page's worker protocol carries for a read file (the page's `Parsed`).
#[derive(Debug, Serialize)]
pub struct Parsed {
    pub letters: Vec<Letter>,
    pub text: String,
    pub kind: &'static str,
    pub pages: Option<usize>,
}

/// Why a file could not be read (the page's `Failure`).
#[derive(Debug, Serialize)]
struct Failure {
    code: &'static str,
    message: String,
}

#[derive(Serialize)]
struct Reply {
    id: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    ok: Option<Parsed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    err: Option<Failure>,
}

fn js_error(e: ReadError) -> JsValue {
    let err = js_sys::Error::new(&capitalised(&e.to_string()));
    let _ = js_sys::Reflect::set(&err, &"code".into(), &e.code().into());
    JsValue::from(err)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect::<String>() + ".",
        None => String::new(),
    }
}
