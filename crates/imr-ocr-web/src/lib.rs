//! The page's OCR module, loaded only when a scan is met (never part of the first visit): a thin
//! wasm-bindgen shell over `imr-read`'s sans-I/O scan path ([`imr_read::begin`],
//! [`imr_read::ScanJob`], [`imr_read::ScanJob::finish`]), the same code the CLI runs, so the page
//! and `imr` build a scan's text and `ocr` block alike. The Tesseract engine itself runs beside
//! it in the OCR worker (`static/ocr/imr-ocr-worker.js`), which drives one [`ScanReader`] a file:
//!
//! ```js
//! const job = new ScanReader(bytes, name);      // throws Error with .code (image-too-large...)
//! for (let n = 0; n < job.toRecognise(); n++) { // 0 for a PDF whose pages all have text
//!   const page = job.pageImage(n);              // the n-th page without text, prepared
//!   job.setWords(n, page.width, page.height, page.dpi, tsv(engine, page));
//! }
//! const reply = job.finish(id, "tesseract-wasm 0.11"); // JSON: {"id", "ok": {letters, text, kind, pages}}
//! ```

use imr_letter::Letter;
use imr_read::{Begun, Extracted, OcrMode, PageWords, ReadError};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A page image prepared for the engine: 300 dpi, deskewed, one grey byte a pixel.
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
        words: Vec<Option<PageWords>>,
    },
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
                let words = (0..job.pages_to_recognise()).map(|_| None).collect();
                Stage::Scan { job, words }
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

    /// The `n`-th page to recognise, prepared for the engine (300 dpi, deskewed).
    #[wasm_bindgen(js_name = pageImage)]
    pub fn page_image(&self, n: usize) -> Option<PageImage> {
        match &self.stage {
            Some(Stage::Scan { job, .. }) if n < job.pages_to_recognise() => {
                let img = job.page_image(n);
                Some(PageImage {
                    width: img.width,
                    height: img.height,
                    dpi: img.dpi.x.round() as u32,
                    gray: img.pixels,
                })
            }
            _ => None,
        }
    }

    /// The engine's words for the `n`-th page to recognise (Tesseract TSV), at the size of
    /// [`Self::page_image`].
    #[wasm_bindgen(js_name = setWords)]
    pub fn set_words(&mut self, n: usize, width: u32, height: u32, dpi: u32, tsv: &str) {
        if let Some(Stage::Scan { words, .. }) = &mut self.stage {
            if let Some(slot) = words.get_mut(n) {
                *slot = Some(PageWords {
                    width,
                    height,
                    dpi,
                    words: imr_read::parse_tsv(tsv),
                });
            }
        }
    }

    /// The letters read from the file, as the page's `Reply` JSON for job `id`:
    /// `{"id": id, "ok": Parsed}` or `{"id": id, "err": {code, message}}`. A page the engine
    /// gave no words for counts as an empty page. Once only: the job is spent.
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
        Stage::Scan { job, words } => {
            let words = words
                .into_iter()
                .map(|w| {
                    w.unwrap_or(PageWords {
                        width: 0,
                        height: 0,
                        dpi: 0,
                        words: Vec::new(),
                    })
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
