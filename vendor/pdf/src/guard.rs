//! (Fork addition.) Bounds on how much stream data one file may decode, and a record of the
//! damage that decoding worked around, so that a reader can refuse a decompression bomb before
//! it allocates gigabytes and can say when what it read came from damaged data.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::enc::{decode_limited, StreamFilter};
use crate::error::{PdfError, Result};

/// Most bytes that decoding may produce: per stream (each filter's output) and per file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeLimits {
    pub per_stream: usize,
    pub per_file: usize,
}

impl Default for DecodeLimits {
    /// No bound (upstream's behaviour).
    fn default() -> Self {
        DecodeLimits { per_stream: usize::MAX, per_file: usize::MAX }
    }
}

/// What decoding a file met so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DecodeReport {
    /// A stream would have decoded past this limit (and was refused).
    pub over_limit: Option<usize>,
    /// Streams or strings that were read only in part or whose end is wrong (compressed
    /// data cut short or corrupt, encrypted data with a broken end).
    pub damaged: usize,
    /// The encryption dictionary is damaged: the password fitted only once a damaged byte was
    /// worked around.
    pub encryption_repaired: bool,
}

/// The limits of one file and what decoding met; shared by its storage and its decryptor.
#[derive(Debug, Default)]
pub struct DecodeGuard {
    limits: DecodeLimits,
    decoded: AtomicUsize,
    /// The limit passed, or 0.
    over_limit: AtomicUsize,
    damaged: AtomicUsize,
    encryption_repaired: AtomicBool,
}

impl DecodeGuard {
    pub fn new(limits: DecodeLimits) -> Self {
        DecodeGuard { limits, ..Default::default() }
    }

    /// Applies `filter` to `data` within the limits left.
    pub fn decode(&self, data: &[u8], filter: &StreamFilter) -> Result<Vec<u8>> {
        let left = self.limits.per_file.saturating_sub(self.decoded.load(Ordering::Relaxed));
        let limit = self.limits.per_stream.min(left);
        match decode_limited(data, filter, limit) {
            Ok(out) => {
                self.decoded.fetch_add(out.data.len(), Ordering::Relaxed);
                if out.damaged {
                    self.note_damage();
                }
                Ok(out.data)
            }
            Err(PdfError::DecodeLimit { .. }) => {
                let limits = self.limits;
                let limit = if limits.per_stream <= left { limits.per_stream } else { limits.per_file };
                self.over_limit.store(limit.max(1), Ordering::Relaxed);
                Err(PdfError::DecodeLimit { limit })
            }
            Err(e) => Err(e),
        }
    }

    pub(crate) fn note_damage(&self) {
        self.damaged.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn note_encryption_repaired(&self) {
        self.encryption_repaired.store(true, Ordering::Relaxed);
    }

    pub fn report(&self) -> DecodeReport {
        DecodeReport {
            over_limit: match self.over_limit.load(Ordering::Relaxed) {
                0 => None,
                limit => Some(limit),
            },
            damaged: self.damaged.load(Ordering::Relaxed),
            encryption_repaired: self.encryption_repaired.load(Ordering::Relaxed),
        }
    }
}
