//! Telling a file's format by its first bytes, never by its name.

/// A file's format, by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `%PDF-` in the first 1024 bytes.
    Pdf,
    /// The PNG signature.
    Png,
    /// A JPEG start-of-image marker.
    Jpeg,
    /// A TIFF header, either byte order.
    Tiff,
    /// None of these.
    Unknown,
}

/// The format of `bytes`, by content.
pub fn sniff(bytes: &[u8]) -> FileKind {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        FileKind::Png
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        FileKind::Jpeg
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        FileKind::Tiff
    } else if imr_pdf::is_pdf(bytes) {
        FileKind::Pdf
    } else {
        FileKind::Unknown
    }
}

/// Whether `bytes` are an image file this crate reads (PNG, JPEG or TIFF).
pub fn is_image(bytes: &[u8]) -> bool {
    matches!(
        sniff(bytes),
        FileKind::Png | FileKind::Jpeg | FileKind::Tiff
    )
}
