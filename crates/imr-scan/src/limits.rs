//! Bounds on the work one file may cause. Checked before any pixel is decoded.

/// Bounds on decoding one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most pixels in one page image (a letter page at 300 dpi is 8.4 million).
    pub max_pixels: u64,
    /// Most bytes all page images of one file may decode to (one byte a pixel).
    pub max_decoded_bytes: u64,
    /// Most pages read from one file.
    pub max_pages: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_pixels: 50_000_000,
            max_decoded_bytes: 400_000_000,
            max_pages: 100,
        }
    }
}
