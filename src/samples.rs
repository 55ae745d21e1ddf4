//! The built-in sample letters behind "Try a sample letter".

/// (button label, file name, text)
pub const SAMPLES: &[(&str, &str, &str)] = &[
    (
        "2014 letter (no header)",
        "letter_2014_no_header.txt",
        include_str!("../tests/corpus/seed/letter_2014_no_header.txt"),
    ),
    (
        "2016 letter (with header)",
        "format1_CM16-0237844.txt",
        include_str!("../tests/corpus/real/format1_CM16-0237844.txt"),
    ),
];
