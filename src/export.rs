//! Exports of what the page shows: JSON (Letter JSON v1 array) and CSV, as in-page downloads.

use imr_letter::Letter;
use wasm_bindgen::JsValue;

/// The letters as one JSON array of Letter objects (`docs/letter-json-v1.md`).
pub fn letters_json(letters: &[&Letter]) -> String {
    serde_json::to_string_pretty(letters).unwrap_or_else(|_| "[]".into())
}

/// The letters as CSV: the same columns as `imr parse --format csv` (one row per item).
pub fn letters_csv(letters: &[&Letter]) -> String {
    let owned: Vec<Letter> = letters.iter().map(|l| (*l).clone()).collect();
    imr_letter::csv::to_csv(&owned)
}

/// Offers `content` as a file download made in the page (a `blob:` URL, no request).
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(file_name);
    a.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&a)?;
    a.click();
    body.remove_child(&a)?;
    // Revoke a little later: the download reads the blob after this returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    Ok(())
}
