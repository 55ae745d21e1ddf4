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
//! const any = await readAny(new Uint8Array(buf), "fax.pdf");  // the same, scans read by OCR
//! ```
//!
//! `readAny` reads text and PDFs here and hands a scan (an image file, or a PDF with pages
//! without text) to the reader's OCR worker (`dist/ocr/imr-ocr-worker.js`, a module worker of
//! the same origin), which reads it as the web app does and answers with its letters.

use imr_letter::Letter;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Where the OCR worker is by default, relative to the page (the reader's `dist/` layout).
pub const OCR_WORKER: &str = "./ocr/imr-ocr-worker.js";

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

/// Reads any file (text, PDF or scan, told by content) and resolves to an array of Letter
/// objects, as [`read_file`] does; an image file (PNG, JPEG, TIFF) or a PDF with pages without
/// text is read by OCR in the OCR worker at `ocrWorker` (default `./ocr/imr-ocr-worker.js`,
/// relative to the page; its files beside it), started for this file and stopped after. Rejects
/// with an `Error` whose `code` says why the file cannot be read.
#[wasm_bindgen(js_name = readAny)]
pub fn read_any(
    bytes: Vec<u8>,
    name: Option<String>,
    #[wasm_bindgen(js_name = ocrWorker)] ocr_worker: Option<String>,
) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        match imr_read::read(&bytes, name.as_deref(), imr_read::Options::default()) {
            Ok(read) if !read.extracted.has_scanned_page() => to_js(&read.letters),
            Err(e) if e.code() != "no-text-layer" => Err(read_error(e)),
            _ => {
                let url = ocr_worker.as_deref().unwrap_or(OCR_WORKER);
                let letters = read_by_ocr(&bytes, name.as_deref(), url).await?;
                to_js(&letters)
            }
        }
    })
}

/// The OCR worker's answer for a file (the page's `Reply`).
#[derive(Deserialize)]
struct Reply {
    ok: Option<Parsed>,
    err: Option<Failure>,
}

#[derive(Deserialize)]
struct Parsed {
    letters: Vec<Letter>,
}

#[derive(Deserialize)]
struct Failure {
    code: String,
    message: String,
}

fn js_error(code: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    let _ = js_sys::Reflect::set(&err, &"code".into(), &JsValue::from_str(code));
    err.into()
}

/// Starts the OCR worker, hands it the file, and waits for its letters.
async fn read_by_ocr(bytes: &[u8], name: Option<&str>, url: &str) -> Result<Vec<Letter>, JsValue> {
    let unavailable = |_| {
        js_error(
            "ocr-unavailable",
            "The text recogniser could not be started.",
        )
    };
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(url, &options).map_err(unavailable)?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let file: JsValue = match name {
        Some(n) => web_sys::File::new_with_u8_array_sequence(&parts, n)?.into(),
        None => web_sys::Blob::new_with_u8_array_sequence(&parts)?.into(),
    };
    let mut settle = None;
    let answered = js_sys::Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    let (resolve, reject) = settle.expect("the promise's executor runs at once");
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            // Progress messages have no `reply`.
            if let Ok(reply) = js_sys::Reflect::get(&ev.data(), &"reply".into()) {
                if reply.is_string() {
                    let _ = resolve.call1(&JsValue::NULL, &reply);
                }
            }
        });
    let on_error =
        Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |ev: web_sys::ErrorEvent| {
            ev.prevent_default();
            let e = js_error("ocr-crashed", "The text recogniser stopped on this file.");
            let _ = reject.call1(&JsValue::NULL, &e);
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let msg = js_sys::Object::new();
    js_sys::Reflect::set(&msg, &"id".into(), &JsValue::from(1))?;
    js_sys::Reflect::set(&msg, &"file".into(), &file)?;
    js_sys::Reflect::set(&msg, &"previews".into(), &JsValue::FALSE)?;
    worker.post_message(&msg).map_err(unavailable)?;
    let answer = wasm_bindgen_futures::JsFuture::from(answered).await;
    worker.terminate();
    drop((on_message, on_error));
    let reply: Reply = serde_json::from_str(&answer?.as_string().unwrap_or_default())
        .map_err(|e| js_error("ocr-failed", &e.to_string()))?;
    match (reply.ok, reply.err) {
        (Some(p), _) => Ok(p.letters),
        (None, Some(f)) => Err(js_error(&f.code, &f.message)),
        (None, None) => Err(js_error(
            "ocr-failed",
            "The text recogniser gave no answer.",
        )),
    }
}

/// The version of the Letter JSON schema the objects follow.
#[wasm_bindgen(js_name = schemaVersion)]
pub fn schema_version() -> u32 {
    1
}
