#![no_main]
//! Fuzzes PDF text extraction (filled in with issue 3).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = data;
});
