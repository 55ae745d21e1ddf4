//! A file's text, kept out of the page's wasm memory while the batch is open.
//!
//! The views need the letters' values at once but a file's text only when one of its letters is
//! opened: in the browser the text is a `Blob` (the browser keeps its bytes, outside the page's
//! heaps), read back as a whole when a letter is shown. Wasm memory never shrinks, so a text
//! held there for the batch's life would cost its bytes for good. Natively (the state's unit
//! tests) it is a plain `String`.

/// The UTF-8 text a file's letters were parsed from (their spans are byte offsets into it).
#[derive(Debug)]
pub struct SourceText {
    len: usize,
    #[cfg(target_arch = "wasm32")]
    blob: web_sys::Blob,
    #[cfg(not(target_arch = "wasm32"))]
    text: String,
}

impl SourceText {
    /// Keeps `text` (copied out of wasm memory in the browser: the caller drops its own copy).
    pub fn new(text: &str) -> SourceText {
        SourceText {
            len: text.len(),
            #[cfg(target_arch = "wasm32")]
            blob: blob_of(text),
            #[cfg(not(target_arch = "wasm32"))]
            text: text.to_string(),
        }
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The whole text, read back (`None` if the browser could not read it).
    pub async fn read(&self) -> Option<String> {
        #[cfg(target_arch = "wasm32")]
        {
            // A Blob the browser could not make is empty: not this text.
            if self.blob.size() as usize != self.len {
                return None;
            }
            let text = wasm_bindgen_futures::JsFuture::from(self.blob.text()).await;
            text.ok()?.as_string()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            Some(self.text.clone())
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn blob_of(text: &str) -> web_sys::Blob {
    // A view of the bytes in wasm memory, copied by the Blob constructor before it returns
    // (nothing allocates in between, so the view stays valid).
    let view = unsafe { js_sys::Uint8Array::view(text.as_bytes()) };
    let parts = js_sys::Array::of1(&view);
    web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap_or_else(|_| {
        // Only when the browser refuses to allocate: an empty text (the letter's values stay).
        web_sys::Blob::new().expect("an empty Blob")
    })
}
