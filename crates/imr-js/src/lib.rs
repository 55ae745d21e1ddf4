//! The letter parser as a small ES module for other pages (built with
//! `wasm-bindgen --target web`; see the README's "JS API").
//!
//! ```js
//! import init, { parseLetter, parsePdf } from "./imr_js.js";
//! await init();
//! const letter = parseLetter(text);          // a Letter JSON v1 object
//! const fromPdf = parsePdf(new Uint8Array(buf)); // the same, or throws Error(message) with .code
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

/// Parses the text of one letter; returns a Letter JSON v1 object. Never throws for any text.
#[wasm_bindgen(js_name = parseLetter)]
pub fn parse_letter(text: &str) -> Result<JsValue, JsValue> {
    to_js(&imr_letter::parse(text))
}

/// Extracts the text of a letter PDF and parses it; throws an `Error` whose `code` property
/// is the reader's error code (e.g. `"not-a-pdf"`) when the PDF cannot be read.
#[wasm_bindgen(js_name = parsePdf)]
pub fn parse_pdf(bytes: &[u8]) -> Result<JsValue, JsValue> {
    pdf::parse(bytes)
}

/// The version of the Letter JSON schema the objects follow.
#[wasm_bindgen(js_name = schemaVersion)]
pub fn schema_version() -> u32 {
    1
}

mod pdf {
    use super::*;
    pub fn parse(bytes: &[u8]) -> Result<JsValue, JsValue> {
        match imr_pdf::extract_text(bytes) {
            Ok(t) => {
                let mut letter = imr_letter::parse(&t.text);
                letter.add_extraction_warnings(t.warnings.into_iter().map(|w| (w.code, w.message)));
                to_js(&letter)
            }
            Err(e) => {
                let err = js_sys::Error::new(&e.to_string());
                let _ = js_sys::Reflect::set(&err, &"code".into(), &JsValue::from_str(e.code()));
                Err(err.into())
            }
        }
    }
}
