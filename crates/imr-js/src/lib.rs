//! The letter parser as a small ES module for other pages (built with
//! `wasm-bindgen --target web`; see the README's "JS API"). A thin shell over `imr-read`, the
//! same reading pipeline as the CLI and the page.
//!
//! ```js
//! import init, { parseLetter, parsePdf, readFile } from "./imr_js.js";
//! await init();
//! const letter = parseLetter(text);              // a Letter JSON v1 object
//! const fromPdf = parsePdf(new Uint8Array(buf));  // the same, or throws Error(message) with .code
//! const letters = readFile(new Uint8Array(buf), "name.pdf"); // every letter of any file
//! ```

use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // Maps become plain objects (`spans`), as in the JSON spec; absent values become `null`.
    let ser = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value
        .serialize(&ser)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

fn read_error(e: imr_read::ReadError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    let _ = js_sys::Reflect::set(&err, &"code".into(), &JsValue::from_str(e.code()));
    err.into()
}

/// Parses the text of one letter; returns a Letter JSON v1 object. Never throws for any text.
#[wasm_bindgen(js_name = parseLetter)]
pub fn parse_letter(text: &str) -> Result<JsValue, JsValue> {
    let read =
        imr_read::read(text.as_bytes(), None, imr_read::Options::default()).map_err(read_error)?;
    to_js(&read.letters[0])
}

/// Extracts the text of a letter PDF and parses it; throws an `Error` whose `code` property
/// is the reader's error code (e.g. `"not-a-pdf"`) when the PDF cannot be read.
#[wasm_bindgen(js_name = parsePdf)]
pub fn parse_pdf(bytes: &[u8]) -> Result<JsValue, JsValue> {
    if imr_read::sniff(bytes) != imr_read::Content::Pdf {
        return Err(read_error(imr_read::ReadError::Pdf(
            imr_pdf::PdfError::NotPdf,
        )));
    }
    let read = imr_read::read(bytes, None, imr_read::Options::default()).map_err(read_error)?;
    to_js(&read.letters[0])
}

/// Reads any file (text or PDF, told by content) and returns an array of Letter objects, one
/// per letter in it, each with `source.name` set to `name`.
#[wasm_bindgen(js_name = readFile)]
pub fn read_file(bytes: &[u8], name: Option<String>) -> Result<JsValue, JsValue> {
    let read =
        imr_read::read(bytes, name.as_deref(), imr_read::Options::default()).map_err(read_error)?;
    to_js(&read.letters)
}

/// The version of the Letter JSON schema the objects follow.
#[wasm_bindgen(js_name = schemaVersion)]
pub fn schema_version() -> u32 {
    1
}
