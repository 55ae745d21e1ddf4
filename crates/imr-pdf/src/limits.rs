//! Bounds on the work one file may cause.

/// Largest file accepted, in bytes (letters are 20-100 KB; scanned ones a few MB).
pub const MAX_BYTES: usize = 32 * 1024 * 1024;
/// Most pages read; later pages are skipped with a warning.
pub const MAX_PAGES: usize = 1000;
/// Most fonts read per page.
pub const MAX_FONTS_PER_PAGE: usize = 256;
/// Deepest nesting of form XObjects followed.
pub const MAX_FORM_DEPTH: usize = 4;
/// Most form XObjects read in one file.
pub const MAX_FORMS: usize = 1000;
/// Most content streams one page may join.
pub const MAX_CONTENT_PARTS: usize = 1000;
/// Most filters on one text stream.
pub const MAX_FILTERS: usize = 4;
/// Most bytes one stream may decompress to (letters' content streams are a few KB; one page of
/// text is well under 1 MB). A stream that would pass it is refused as it inflates.
pub const MAX_STREAM_DECODED: usize = 32 * 1024 * 1024;
/// Most bytes all streams of one file may decompress to, together.
pub const MAX_FILE_DECODED: usize = 128 * 1024 * 1024;
