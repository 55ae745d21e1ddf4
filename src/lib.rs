//! The in-browser reader of IMR Final Determination Letters.
//!
//! The page (`src/main.rs`) and the parsing Web Worker (`src/bin/imr-worker.rs`) share this
//! library. Nothing here sends a byte anywhere: files are read by the browser, parsed in the
//! worker, shown by Yew, and exported as downloads made in the page.

pub mod components;
pub mod export;
pub mod labels;
pub mod ocr;
pub mod protocol;
pub mod runner;
pub mod samples;
pub mod scheduler;
pub mod search;
pub mod source_text;
pub mod state;
pub mod summary;
