//! Exports one function over raw memory; with `pdf` it extracts text, with `letter` it parses
//! a letter, without either it only
//! copies the bytes into a `String` (the baseline: allocator, UTF-8, formatting).

/// Allocates `len` bytes for the host to fill.
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut v = Vec::<u8>::with_capacity(len);
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}

/// Returns the length of the text of the `len` bytes at `ptr`.
///
/// # Safety
/// `ptr` must point to `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn text_len(ptr: *const u8, len: usize) -> usize {
    let bytes = std::slice::from_raw_parts(ptr, len);
    run(bytes)
}

#[cfg(feature = "pdf")]
fn run(bytes: &[u8]) -> usize {
    match imr_pdf::extract_text(bytes) {
        Ok(t) => t.text.len() + t.warnings.iter().map(|w| w.message.len()).sum::<usize>(),
        Err(e) => e.to_string().len(),
    }
}

#[cfg(feature = "letter")]
fn run(bytes: &[u8]) -> usize {
    let l = imr_letter::parse(&String::from_utf8_lossy(bytes));
    l.items.iter().map(|i| i.request.as_ref().map_or(0, String::len)).sum::<usize>()
        + l.warnings.iter().map(|w| w.message.len()).sum::<usize>()
        + l.spans.len()
}

#[cfg(not(any(feature = "pdf", feature = "letter")))]
fn run(bytes: &[u8]) -> usize {
    let s = String::from_utf8_lossy(bytes).into_owned();
    format!("{s}{}", s.len()).len()
}
