#![no_main]
//! Fuzzes PDF text extraction: no panic, no hang; errors and warnings are well-formed, and
//! `is_pdf` agrees with the result.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match imr_pdf::extract_text(data) {
        Ok(out) => {
            assert!(imr_pdf::is_pdf(data));
            assert!(!out.text.trim().is_empty());
            for w in &out.warnings {
                assert!(!w.code.as_str().is_empty() && !w.message.is_empty());
            }
        }
        Err(e) => {
            assert!(!e.code().is_empty() && !e.to_string().is_empty());
            if data.is_empty() {
                assert_eq!(e, imr_pdf::PdfError::Empty);
            }
        }
    }
});
