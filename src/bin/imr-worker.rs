//! The parsing Web Worker: reads one file (or pasted text) per message, parses it, answers with
//! JSON (see `imr_web::protocol`). Started by `static/imr-worker_loader.js`.
//!
//! A panic here aborts (traps) this worker only; the page restarts it (see `imr_web::runner`).

use imr_web::protocol::{self, Failure, Parsed, Reply};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = ev.data();
        let id = js_sys::Reflect::get(&data, &"id".into())
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0) as u32;
        let reply = Reply::new(id, handle(&data));
        let json = serde_json::to_string(&reply).unwrap_or_default();
        let _ = reply_scope.post_message(&JsValue::from_str(&json));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

fn handle(data: &JsValue) -> Result<Parsed, Failure> {
    if let Some(text) = js_sys::Reflect::get(data, &"text".into())
        .ok()
        .and_then(|v| v.as_string())
    {
        return Ok(protocol::parse_text(text));
    }
    let file = js_sys::Reflect::get(data, &"file".into()).ok();
    let Some(blob) = file.and_then(|f| f.dyn_into::<web_sys::Blob>().ok()) else {
        return Err(Failure {
            code: "bad-message".into(),
            message: "The parser was given nothing to read.".into(),
        });
    };
    let name = blob.dyn_ref::<web_sys::File>().map(web_sys::File::name);
    let bytes = web_sys::FileReaderSync::new()
        .and_then(|r| r.read_as_array_buffer(&blob))
        .map(|buf| js_sys::Uint8Array::new(&buf).to_vec());
    match bytes {
        Ok(b) => protocol::parse_bytes(&b, name.as_deref()),
        Err(_) => Err(Failure {
            code: "unreadable".into(),
            message: "The browser could not read this file.".into(),
        }),
    }
}
