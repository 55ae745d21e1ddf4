#![no_main]
//! Fuzzes the letter parser: no panic, and every span is in bounds and on char boundaries.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let letter = imr_letter::parse(text);
        for [s, e] in letter.spans.values().copied() {
            assert!(s <= e && e <= text.len());
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        }
    }
});
