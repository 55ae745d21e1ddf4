//! Scans, sans I/O: a file's pages to the images an OCR engine must read, and the engine's words
//! back into the letter's text and its `ocr` block. The engine is the shell's to run (the CLI:
//! Debian's `tesseract` in a limited child process; the page: a WebAssembly engine in its
//! worker), so this crate never waits on it.
//!
//! ```text
//! begin(bytes, mode) --> Begun::Text(Extracted)                      (nothing to recognise)
//!                    \-> Begun::Scan(ScanJob) --page_image(n)--> [shell: engine] --> PageWords
//!                             ScanJob::finish(words, engine) --> Extracted (kind scan, ocr)
//! ```

use imr_letter::{Ocr, SourceKind, WarningCode};
use imr_scan::bands::CutPage;
use imr_scan::{GrayImage, Layout, Limits, PageInput, PageWords, Prep, ScanDocument, ScanPage};

use crate::{decode, error::warning_code, Content, Extracted, ReadError};

/// A word the engine gave a confidence under this (0-100) makes a `low-confidence` warning on
/// the value it is part of. Measured on the scan corpus (BENCHMARKS.md, "Low-confidence words"):
/// over half the words under it are misread, about 1 in 100 of those at 90 or more.
pub const LOW_WORD_CONFIDENCE: u8 = 85;

/// When pages are read by OCR.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OcrMode {
    /// Never: an image file or a PDF without text is an error (`no-text-layer`).
    Off,
    /// Image files, and the pages of a PDF that have no text layer (the default).
    #[default]
    Auto,
    /// Every page that has a page image, even where the PDF has a text layer.
    Force,
}

impl OcrMode {
    /// Its spelling: `off`, `auto`, `force`.
    pub fn as_str(self) -> &'static str {
        match self {
            OcrMode::Off => "off",
            OcrMode::Auto => "auto",
            OcrMode::Force => "force",
        }
    }
}

/// What [`begin`] found: text to parse now, or pages to recognise first.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Begun {
    /// The file's text (a text file, or a PDF whose pages all have text).
    Text(Extracted),
    /// A scan: the shell runs the engine on [`ScanJob::page_image`] of each page to recognise,
    /// then calls [`ScanJob::finish`].
    Scan(ScanJob),
}

/// A scanned file waiting for its pages to be recognised.
#[derive(Debug)]
pub struct ScanJob {
    pages: Vec<ScanPage>,
    /// Indexes into `pages` of the pages to recognise, in order.
    to_recognise: Vec<usize>,
    warnings: Vec<(WarningCode, String)>,
    prep: Prep,
}

/// Reads a file up to the point where an OCR engine is needed. Text files and PDFs whose pages
/// all have text come back as [`Begun::Text`] (the same text as [`crate::extract`]); image files
/// (PNG, JPEG, TIFF) and PDFs with pages without text (all pages with [`OcrMode::Force`]) as
/// [`Begun::Scan`]. Images are checked against the scan reader's bounds before any pixel is
/// decoded (`image-too-large`, `unterminated-fax`, ...).
pub fn begin(bytes: &[u8], mode: OcrMode) -> Result<Begun, ReadError> {
    match crate::sniff(bytes) {
        Content::Text => {
            let (text, warning) = decode::text(bytes);
            let mut e = Extracted::from_text(text);
            e.warnings
                .extend(warning.map(|m| (WarningCode::TextEncoding, m)));
            Ok(Begun::Text(e))
        }
        Content::Image if mode == OcrMode::Off => Err(ReadError::ImageWithoutText),
        Content::Image => scan_job(bytes, Vec::new()).map(Begun::Scan),
        Content::Pdf => {
            let text_layer = match imr_pdf::extract_text(bytes) {
                Ok(pdf) => Some(crate::from_pdf(pdf)),
                Err(e @ imr_pdf::PdfError::NoTextLayer { .. }) if mode == OcrMode::Off => {
                    return Err(ReadError::Pdf(e))
                }
                Err(imr_pdf::PdfError::NoTextLayer { .. }) => None,
                Err(e) => return Err(ReadError::Pdf(e)),
            };
            match text_layer {
                Some(e)
                    if mode == OcrMode::Off || (mode == OcrMode::Auto && !e.has_scanned_page()) =>
                {
                    Ok(Begun::Text(e))
                }
                text_layer => {
                    let warnings = text_layer
                        .as_ref()
                        .map(|e| e.warnings.clone())
                        .unwrap_or_default();
                    let job = scan_job(bytes, warnings)?;
                    match text_layer {
                        // Blank pages with no image on them: nothing to recognise.
                        Some(e) if job.to_recognise.is_empty() => Ok(Begun::Text(e)),
                        _ => Ok(Begun::Scan(job)),
                    }
                }
            }
        }
    }
}

fn scan_job(bytes: &[u8], text_warnings: Vec<(WarningCode, String)>) -> Result<ScanJob, ReadError> {
    let ScanDocument {
        pages, warnings, ..
    } = imr_scan::read(bytes, &Limits::default()).map_err(ReadError::Scan)?;
    let to_recognise = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p, ScanPage::Image(_)))
        .map(|(i, _)| i)
        .collect();
    let mut all = text_warnings;
    for w in warnings {
        let code = warning_code(w.code);
        if !all.iter().any(|(c, m)| *c == code && *m == w.message) {
            all.push((code, w.message));
        }
    }
    Ok(ScanJob {
        pages,
        to_recognise,
        warnings: all,
        prep: Prep::default(),
    })
}

impl ScanJob {
    /// Number of pages in the file.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    /// Number of pages to recognise.
    pub fn pages_to_recognise(&self) -> usize {
        self.to_recognise.len()
    }

    /// The file's page number (from 1) of the `n`-th page to recognise (from 0).
    pub fn page_number(&self, n: usize) -> usize {
        self.to_recognise[n] + 1
    }

    /// The image the engine should read for the `n`-th page to recognise (from 0): resampled to
    /// 300 dpi and straightened ([`imr_scan::prepare`]). The words' boxes are in its pixels.
    /// Prepared on demand, so that a shell holds one prepared page at a time.
    pub fn page_image(&self, n: usize) -> GrayImage {
        match &self.pages[self.to_recognise[n]] {
            ScanPage::Image(img) => imr_scan::prepare(img, &self.prep).0,
            ScanPage::Text(_) => unreachable!("only image pages are listed"),
        }
    }

    /// The `n`-th page to recognise, prepared as [`Self::page_image`], with the bands the engine
    /// reads it in ([`imr_scan::bands::plan`]: the first page whole, later pages in halves, cut
    /// at blank rows). Both shells read these bands, so that the CLI and the page give a scan
    /// the same words; the page reads them at once in several engines.
    pub fn page_cut(&self, n: usize) -> CutPage {
        let parts = imr_scan::bands::plan(self.to_recognise.len())[n];
        CutPage::new(self.page_image(n), parts)
    }

    /// The letter's text and `ocr` block from the engine's words, one [`PageWords`] per page to
    /// recognise, in order; `engine` names the engine and its version. Pages are joined as
    /// [`imr_scan::assemble`] lays them out (a page break is a paragraph break).
    pub fn finish(self, recognised: Vec<PageWords>, engine: &str) -> Result<Extracted, ReadError> {
        if recognised.len() != self.to_recognise.len() {
            return Err(ReadError::WrongPageCount {
                expected: self.to_recognise.len(),
                got: recognised.len(),
            });
        }
        let mut words = recognised.iter();
        let inputs: Vec<PageInput<'_>> = self
            .pages
            .iter()
            .map(|p| match p {
                ScanPage::Text(t) => PageInput::Text(t),
                ScanPage::Image(_) => PageInput::Words(words.next().expect("counted above")),
            })
            .collect();
        let assembled = imr_scan::assemble(&inputs, engine, &Layout::default());
        let page_starts = assembled.page_starts.clone();
        let o = assembled.ocr;
        let low_confidence_words = o
            .words
            .iter()
            .flatten()
            .zip(o.confidences.iter().flatten())
            .filter(|(_, &c)| c < LOW_WORD_CONFIDENCE)
            .map(|(w, &c)| ([w[0] as usize, w[1] as usize], c))
            .collect();
        Ok(Extracted {
            text: assembled.text,
            kind: SourceKind::Scan,
            page_starts,
            warnings: self.warnings,
            low_confidence_pages: assembled.low_confidence_pages,
            low_confidence_words,
            image_pages: Vec::new(),
            ocr: Some(Ocr {
                engine: o.engine,
                pages: o.pages as usize,
                mean_confidence: o.mean_confidence.unwrap_or(0.0),
                dpi: o.dpi,
                page_sizes: o.page_sizes,
                words: o
                    .words
                    .into_iter()
                    .map(|page| page.into_iter().map(|w| w.map(u64::from)).collect())
                    .collect(),
            }),
        })
    }
}
