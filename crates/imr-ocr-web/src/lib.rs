//! The page's OCR module, loaded only when a scan is met (never part of the first visit): a thin
//! wasm-bindgen shell over `imr-scan` (page images out, words in, text assembled) and
//! `imr-read` (the same parser as every other path). The Tesseract engine itself runs beside it
//! in the OCR worker (`static/ocr/imr-ocr-worker.js`), which drives one [`ScanJob`] a file:
//!
//! ```js
//! const job = new ScanJob(bytes, name);        // throws Error with .code (image-too-large...)
//! for (let i = 0; i < job.pageCount(); i++) {
//!   const page = job.pageImage(i);             // undefined for a page read from its text layer
//!   if (page) job.setWords(i, tsv(engine, page));
//! }
//! const reply = job.finish(id, "tesseract-wasm 0.11"); // JSON: {"id", "ok": {letter, text, kind, pages}}
//! ```

use imr_letter::{Letter, Ocr, SourceKind, WarningCode};
use imr_scan::{GrayImage, Layout, Limits, PageInput, PageWords, Prep, ScanDocument, ScanPage};
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

/// One scanned file being read: its pages, and the words the engine gave for each image page.
#[wasm_bindgen]
pub struct ScanJob {
    name: Option<String>,
    doc: ScanDocument,
    words: Vec<Option<PageWords>>,
}

#[wasm_bindgen]
impl ScanJob {
    /// Decodes the file (PDF, PNG, JPEG or TIFF, by content) within [`Limits::default`]; throws
    /// an `Error` whose `code` says why it cannot be read.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: &[u8], name: Option<String>) -> Result<ScanJob, JsValue> {
        let doc = imr_scan::read(bytes, &Limits::default()).map_err(|e| {
            let err = js_sys::Error::new(&capitalised(&e.to_string()));
            let _ = js_sys::Reflect::set(&err, &"code".into(), &e.code().into());
            JsValue::from(err)
        })?;
        Ok(ScanJob::from_document(doc, name))
    }

    /// Pages of the file.
    #[wasm_bindgen(js_name = pageCount)]
    pub fn page_count(&self) -> usize {
        self.doc.pages.len()
    }

    /// Pages that need the engine.
    #[wasm_bindgen(js_name = imagePages)]
    pub fn image_pages(&self) -> usize {
        self.doc.image_pages()
    }

    /// Page `index` prepared for the engine, or `undefined` for a page with a text layer.
    #[wasm_bindgen(js_name = pageImage)]
    pub fn page_image(&self, index: usize) -> Option<PageImage> {
        self.prepared(index).map(|img| PageImage {
            width: img.width,
            height: img.height,
            dpi: img.dpi.x.round() as u32,
            gray: img.pixels,
        })
    }

    /// The engine's words for page `index` (Tesseract TSV), at the size of [`Self::page_image`].
    #[wasm_bindgen(js_name = setWords)]
    pub fn set_words(&mut self, index: usize, width: u32, height: u32, dpi: u32, tsv: &str) {
        if let Some(slot) = self.words.get_mut(index) {
            *slot = Some(PageWords {
                width,
                height,
                dpi,
                words: imr_scan::parse_tsv(tsv),
            });
        }
    }

    /// The letter read from the pages, as the page's `Reply` JSON for job `id`:
    /// `{"id": id, "ok": Parsed}`.
    pub fn finish(&self, id: u32, engine: &str) -> String {
        let parsed = self.parsed(engine);
        serde_json::to_string(&Reply { id, ok: parsed }).unwrap_or_default()
    }
}

impl ScanJob {
    /// A job over a decoded document.
    pub fn from_document(doc: ScanDocument, name: Option<String>) -> ScanJob {
        let words = doc.pages.iter().map(|_| None).collect();
        ScanJob { name, doc, words }
    }

    /// Page `index` at 300 dpi, deskewed (the preparation measured best), if it is an image.
    pub fn prepared(&self, index: usize) -> Option<GrayImage> {
        match self.doc.pages.get(index)? {
            ScanPage::Image(img) => Some(imr_scan::prepare(img, &Prep::default()).0),
            ScanPage::Text(_) => None,
        }
    }

    /// The text, the first letter in it and its `ocr` block. An image page the engine gave no
    /// words for counts as an empty page.
    pub fn parsed(&self, engine: &str) -> Parsed {
        let empty = PageWords {
            width: 0,
            height: 0,
            dpi: 0,
            words: Vec::new(),
        };
        let inputs: Vec<PageInput> = self
            .doc
            .pages
            .iter()
            .zip(&self.words)
            .map(|(page, words)| match (page, words) {
                (ScanPage::Text(t), _) => PageInput::Text(t),
                (ScanPage::Image(_), Some(w)) => PageInput::Words(w),
                (ScanPage::Image(_), None) => PageInput::Words(&empty),
            })
            .collect();
        let assembled = imr_scan::assemble(&inputs, engine, &Layout::default());
        let warnings: Vec<(WarningCode, String)> = self
            .doc
            .warnings
            .iter()
            .map(|w| {
                let code =
                    WarningCode::from_str_code(w.code).unwrap_or(WarningCode::PageUnreadable);
                (code, w.message.clone())
            })
            .collect();
        let o = assembled.ocr;
        let ocr = Ocr {
            engine: o.engine,
            pages: o.pages as usize,
            mean_confidence: o.mean_confidence.unwrap_or(0.0),
            dpi: o.dpi,
            page_sizes: o.page_sizes,
            words: o
                .words
                .iter()
                .map(|page| page.iter().map(|w| w.map(u64::from)).collect())
                .collect(),
        };
        let extracted = imr_read::Extracted {
            text: assembled.text,
            kind: SourceKind::Scan,
            page_starts: assembled.page_starts,
            warnings,
            ocr: Some(ocr),
            low_confidence_pages: assembled.low_confidence_pages,
        };
        // Every letter of the scan (a bundle gives several), each with the scan's `ocr` block.
        let letters = imr_read::letters(&extracted, self.name.as_deref(), Default::default());
        Parsed {
            letters,
            text: extracted.text,
            kind: SourceKind::Scan.as_str(),
            pages: Some(self.doc.pages.len()),
        }
    }
}

/// What the page's worker protocol carries for a read file (the page's `Parsed`).
#[derive(Debug, Serialize)]
pub struct Parsed {
    pub letters: Vec<Letter>,
    pub text: String,
    pub kind: &'static str,
    pub pages: Option<usize>,
}

#[derive(Serialize)]
struct Reply {
    id: u32,
    ok: Parsed,
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect::<String>() + ".",
        None => String::new(),
    }
}
