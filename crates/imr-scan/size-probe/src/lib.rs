//! Exports one function over raw memory. With `pdf` it extracts a PDF's text (what the page's
//! worker does today); with `scan` it also reads scans: decodes page images, prepares them and
//! assembles words (the engine itself is not in this binary).

/// Allocates `len` bytes for the host to fill.
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut v = Vec::<u8>::with_capacity(len);
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}

/// Returns a number that depends on everything read from the `len` bytes at `ptr`.
///
/// # Safety
/// `ptr` must point to `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn run(ptr: *const u8, len: usize) -> usize {
    let bytes = std::slice::from_raw_parts(ptr, len);
    read(bytes)
}

#[cfg(all(feature = "pdf", not(feature = "scan")))]
fn read(bytes: &[u8]) -> usize {
    match imr_pdf::extract_text(bytes) {
        Ok(t) => t.text.len() + t.warnings.iter().map(|w| w.message.len()).sum::<usize>(),
        Err(e) => e.to_string().len(),
    }
}

#[cfg(feature = "scan")]
fn read(bytes: &[u8]) -> usize {
    let text = match imr_pdf::extract_text(bytes) {
        Ok(t) => t.text.len() + t.warnings.iter().map(|w| w.message.len()).sum::<usize>(),
        Err(e) => e.to_string().len(),
    };
    let doc = match imr_scan::read(bytes, &imr_scan::Limits::default()) {
        Ok(doc) => doc,
        Err(e) => return text + e.to_string().len(),
    };
    let mut pages = Vec::new();
    for page in &doc.pages {
        if let imr_scan::ScanPage::Image(img) = page {
            let (ready, _) = imr_scan::prepare(img, &imr_scan::Prep::default());
            // Stands in for the engine's answer.
            let tsv = String::from_utf8_lossy(&ready.pixels[..ready.pixels.len().min(64)]).into_owned();
            pages.push(imr_scan::PageWords {
                width: ready.width,
                height: ready.height,
                dpi: 300,
                words: imr_scan::parse_tsv(&tsv),
            });
        }
    }
    let inputs: Vec<imr_scan::PageInput> = pages.iter().map(imr_scan::PageInput::Words).collect();
    let out = imr_scan::assemble(&inputs, "engine", &imr_scan::Layout::default());
    text + out.text.len() + out.ocr.words.len()
}

#[cfg(not(feature = "pdf"))]
fn read(bytes: &[u8]) -> usize {
    String::from_utf8_lossy(bytes).len()
}
