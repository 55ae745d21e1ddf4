//! PDF text extraction: the text of a letter PDF in reading order, pages in order,
//! in pure Rust, natively and in WebAssembly. Empty-password encryption is opened.
//!
//! The text follows pypdf's line structure (lines joined with `\n`, pages joined with `\n`),
//! which is what the letter parser's corpus was made with.

mod cache;
mod document;
mod encoding;
mod error;
mod font;
mod images;
mod layout;
pub mod limits;

pub use error::{PdfError, PdfWarning, WarningCode};
pub use images::{ImageColor, ImageEncoding, PdfImage, PdfPage, PdfPages};

/// Text extracted from a PDF, plus what went wrong along the way without stopping it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfText {
    /// The text: lines joined with `\n`, pages joined with `\n`.
    pub text: String,
    /// Number of pages read (including pages whose text could not be read).
    pub pages: usize,
    /// Where each page's text starts in `text` (byte offsets, one per page).
    pub page_starts: Vec<usize>,
    /// Problems that did not stop extraction.
    pub warnings: Vec<PdfWarning>,
    /// Pages (from 1) that draw an image: a page among them with no text is a scanned page.
    pub image_pages: Vec<usize>,
}

/// Whether `bytes` look like a PDF: `%PDF-` within the first 1024 bytes.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Extracts the text of a PDF.
///
/// A damaged PDF from which some text was read gives `Ok` with warnings; `Err` only when
/// nothing usable came out.
pub fn extract_text(bytes: &[u8]) -> Result<PdfText, PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::Empty);
    }
    if !is_pdf(bytes) {
        return Err(PdfError::NotPdf);
    }
    if bytes.len() > limits::MAX_BYTES {
        return Err(PdfError::TooLarge {
            bytes: bytes.len(),
            limit: limits::MAX_BYTES,
        });
    }
    guarded(|| extract(bytes))
}

/// Every page's text layer, and for each page without one (a scan) the images it draws, still
/// encoded, for OCR. Fails like [`extract_text`] except that a PDF without text is no error.
pub fn page_images(bytes: &[u8]) -> Result<PdfPages, PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::Empty);
    }
    if !is_pdf(bytes) {
        return Err(PdfError::NotPdf);
    }
    if bytes.len() > limits::MAX_BYTES {
        return Err(PdfError::TooLarge {
            bytes: bytes.len(),
            limit: limits::MAX_BYTES,
        });
    }
    guarded(|| images::read(bytes))
}

/// Runs `f`, turning a panic of the PDF crate into an error (native builds only; on wasm32 a
/// panic aborts, so inputs known to panic are filtered before they reach the crate).
#[cfg(not(target_arch = "wasm32"))]
fn guarded<T>(f: impl FnOnce() -> Result<T, PdfError>) -> Result<T, PdfError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(PdfError::Damaged(
            "the PDF reader stopped on an internal error".into(),
        ))
    })
}

#[cfg(target_arch = "wasm32")]
fn guarded<T>(f: impl FnOnce() -> Result<T, PdfError>) -> Result<T, PdfError> {
    f()
}

fn extract(bytes: &[u8]) -> Result<PdfText, PdfError> {
    extract_within(bytes, document::DECODE_LIMITS)
}

fn extract_within(bytes: &[u8], decode: pdf::guard::DecodeLimits) -> Result<PdfText, PdfError> {
    let pages = document::read_pages(bytes, decode)?;
    let mut warnings = pages.warnings;
    let unreadable: Vec<usize> = pages
        .texts
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_err())
        .map(|(i, _)| i + 1)
        .collect();
    if pages.count > 0 && unreadable.len() == pages.count {
        let why = match pages.texts.first() {
            Some(Err(document::PageError::Other(why))) => why,
            _ => "it cannot be decrypted",
        };
        return Err(PdfError::Damaged(format!(
            "none of its {} page{} could be read: {why}",
            pages.count,
            plural(pages.count)
        )));
    }
    // Pages read only in part: which pages, the warning, and what befell them ("{pages}" is
    // where the page numbers go).
    let faults: [(&[usize], WarningCode, &str); 5] = [
        (
            &unreadable,
            WarningCode::PageUnreadable,
            "the text of {pages} of {count} could not be read and is missing",
        ),
        (
            &pages.damaged_pages,
            WarningCode::PageDamaged,
            "parts of {pages} could not be read, so text may be missing there",
        ),
        (
            &pages.cut_pages,
            WarningCode::PageIncomplete,
            "the text of {pages} stops early and the rest could not be read",
        ),
        (
            &pages.bad_fonts,
            WarningCode::FontUnreadable,
            "fonts of {pages} could not be read, so some characters or spaces there may be wrong",
        ),
        (
            &pages.bad_widths,
            WarningCode::FontWidths,
            "fonts of {pages} give implausible widths for some letters, so usual widths were used; spaces between words there may be wrong",
        ),
    ];
    for (numbers, code, what) in faults {
        if !numbers.is_empty() {
            let which = format!("page{} {}", plural(numbers.len()), list(numbers));
            let what = what
                .replace("{pages}", &which)
                .replace("{count}", &pages.count.to_string());
            warnings.push(PdfWarning::new(code, format!("the PDF is damaged: {what}")));
        }
    }
    let texts: Vec<String> = pages
        .texts
        .into_iter()
        .map(Result::unwrap_or_default)
        .collect();
    let mut page_starts = Vec::with_capacity(texts.len());
    let mut at = 0;
    for t in &texts {
        page_starts.push(at);
        at += t.len() + 1;
    }
    let text = texts.join("\n");
    if text.trim().is_empty() {
        if !unreadable.is_empty() {
            return Err(PdfError::Damaged(format!(
                "page{} {} could not be read and the others have no text",
                plural(unreadable.len()),
                list(&unreadable)
            )));
        }
        return Err(PdfError::NoTextLayer { pages: pages.count });
    }
    if !document::ends_with_eof(bytes) {
        warnings.push(PdfWarning::new(
            WarningCode::TruncatedPdf,
            "the PDF does not end with its end-of-file marker; it may be cut short and text may be missing",
        ));
    }
    Ok(PdfText {
        text,
        pages: pages.count,
        page_starts,
        warnings,
        image_pages: pages.image_pages,
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `1`, `1 and 3`, `1, 2 and 5`.
fn list(items: &[usize]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => {
            let rest: Vec<String> = rest.iter().map(ToString::to_string).collect();
            format!("{} and {last}", rest.join(", "))
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use pdf::guard::DecodeLimits;

    const LETTER: &[u8] = include_bytes!("../../../tests/corpus/real/pdf/format1_CM16-0230548.pdf");

    #[test]
    fn decode_limits_stop_any_stream_and_the_file_as_a_whole() {
        let within = |per_stream, per_file| {
            extract_within(
                LETTER,
                DecodeLimits {
                    per_stream,
                    per_file,
                },
            )
        };
        let all = within(usize::MAX, usize::MAX).unwrap();
        assert_eq!(all, extract_text(LETTER).unwrap());
        // The cross-reference stream, read on opening, is over 100 bytes.
        assert_eq!(
            within(100, usize::MAX),
            Err(PdfError::TooLargeDecompressed { limit: 100 })
        );
        // Each stream fits, all of them together do not.
        assert_eq!(
            within(usize::MAX, 20_000),
            Err(PdfError::TooLargeDecompressed { limit: 20_000 })
        );
    }
}
