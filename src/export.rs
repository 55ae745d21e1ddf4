//! Exports of what the page shows: JSON (Letter JSON v1 array) and CSV, as in-page downloads.

use gloo_file::{Blob, ObjectUrl};
use imr_letter::Letter;
use wasm_bindgen::JsValue;

/// The letters as one JSON array of Letter objects (`docs/letter-json-v1.md`).
pub fn letters_json(letters: &[&Letter]) -> String {
    serde_json::to_string_pretty(letters).unwrap_or_else(|_| "[]".into())
}

/// The letters as CSV: the same columns as `imr parse --format csv` (one row per item).
pub fn letters_csv(letters: &[&Letter]) -> String {
    // Letter by letter, each without its header row: no copy of the letters (and no code to
    // clone them in the page's wasm).
    let header = imr_letter::csv::to_csv(&[]);
    let mut out = header.clone();
    for letter in letters {
        let one = imr_letter::csv::to_csv(std::slice::from_ref(*letter));
        out.push_str(one.strip_prefix(header.as_str()).unwrap_or(&one));
    }
    out
}

/// Offers `content` as a file download made in the page (a `blob:` URL, no request).
///
/// The URL stays valid until the next download (the browser reads the blob after this returns):
/// at most one export is kept in memory, and none is revoked on a timer.
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let url = ObjectUrl::from(Blob::new_with_options(content, Some(mime)));
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(file_name);
    a.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&a)?;
    a.click();
    body.remove_child(&a)?;
    LAST_DOWNLOAD.with(|last| last.replace(Some(url))); // the previous one is revoked
    Ok(())
}

thread_local! {
    static LAST_DOWNLOAD: std::cell::RefCell<Option<ObjectUrl>> = const { std::cell::RefCell::new(None) };
}
