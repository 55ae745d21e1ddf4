//! The letter's text with white space collapsed, mapped back to byte offsets of the input.
//!
//! Every run of white space becomes one byte that still says what it held: `' '` for space within
//! a line, `'\n'` for a line break, `'\r'` for a paragraph break (a blank line). Values read from
//! this text are therefore already "collapsed" as the spec wants, and each byte maps back to the
//! input so that every value gets its span.

use crate::model::Span;

/// A space within a line.
pub const SPACE: u8 = b' ';
/// A line break.
pub const LINE: u8 = b'\n';
/// A paragraph break: one or more blank lines (or a page break after a blank line).
pub const PARA: u8 = b'\r';

/// A range `[start, end)` of the collapsed text, on character boundaries (made only by
/// [`Flat::range`], which snaps to them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlatRange {
    start: usize,
    end: usize,
}

impl FlatRange {
    pub fn start(self) -> usize {
        self.start
    }
    pub fn end(self) -> usize {
        self.end
    }
}

/// The collapsed text and its map to the input.
pub struct Flat {
    text: String,
    /// Where each stretch of the collapsed text comes from: `(flat offset, input offset)`,
    /// sorted; flat bytes from one entry up to the next map one-to-one onto the input. Offsets
    /// are `usize`: a text over 4 GiB maps as exactly as a small one.
    map: Vec<(usize, usize)>,
}

/// Whether a line break is counted double (a letter with a blank line after every line).
fn is_double_spaced(src: &str) -> bool {
    let b = src.as_bytes();
    let (mut lines, mut empty) = (1usize, 0usize);
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' {
            lines += 1;
            let next = match b.get(i + 1) {
                Some(b'\r') => b.get(i + 2),
                other => other,
            };
            if next == Some(&b'\n') {
                empty += 1;
            }
        }
    }
    lines >= 8 && empty * 10 >= lines * 4
}

impl Flat {
    /// Collapses `src`; leading and trailing white space (and a leading byte-order mark) is
    /// dropped.
    pub fn new(src: &str) -> Flat {
        let double = is_double_spaced(src);
        let bytes = src.as_bytes();
        let mut text: Vec<u8> = Vec::with_capacity(src.len());
        let mut map: Vec<(usize, usize)> = Vec::with_capacity(src.len() / 4);
        // (start offset of the pending white-space run, line breaks in it)
        let mut run: Option<(usize, u32)> = None;
        // A byte-order mark at the start is not text.
        let mut i = if src.starts_with('\u{feff}') { 3 } else { 0 };
        while i < bytes.len() {
            let b = bytes[i];
            // The char at `i`: its length, and whether it is white space (and a line break).
            let (len, space, breaks) = if b < 0x80 {
                match b {
                    b'\n' => (1, true, 1),
                    b'\r' => (1, true, u32::from(bytes.get(i + 1) != Some(&b'\n'))),
                    b'\x0b' | b'\x0c' => (1, true, 1),
                    b' ' | b'\t' => (1, true, 0),
                    _ => (1, false, 0),
                }
            } else {
                let c = src[i..].chars().next().unwrap_or(' ');
                let breaks = u32::from(matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}'));
                (c.len_utf8(), c.is_whitespace(), breaks)
            };
            if space {
                let r = run.get_or_insert((i, 0));
                r.1 += breaks;
                i += len;
                continue;
            }
            if let Some((start, breaks)) = run.take() {
                if !text.is_empty() {
                    let mut breaks = if double { breaks.div_ceil(2) } else { breaks };
                    // A blank line before a lower-case word is a page break mid-sentence.
                    if breaks > 1 && b.is_ascii_lowercase() {
                        breaks = 1;
                    }
                    text.push(match breaks {
                        0 => SPACE,
                        1 => LINE,
                        _ => PARA,
                    });
                    map.push((text.len() - 1, start));
                }
            }
            // Copy this char and the plain ASCII that follows it in one go.
            let end = i
                + len
                + bytes[i + len..]
                    .iter()
                    .position(|&c| c >= 0x80 || c <= b' ')
                    .unwrap_or(bytes.len() - i - len);
            map.push((text.len(), i));
            text.extend_from_slice(&bytes[i..end]);
            i = end;
        }
        // Whole chars of valid UTF-8 were copied, and ASCII bytes added: still valid.
        let text = String::from_utf8(text).unwrap_or_default();
        Flat { text, map }
    }

    /// The collapsed text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// The whole collapsed text as a range.
    pub fn all(&self) -> FlatRange {
        FlatRange {
            start: 0,
            end: self.text.len(),
        }
    }

    /// `[a, b)` clamped to the text and moved back onto character boundaries.
    pub fn range(&self, a: usize, b: usize) -> FlatRange {
        let end = self.floor_boundary(b.min(self.text.len()));
        let start = self.floor_boundary(a.min(end));
        FlatRange { start, end }
    }

    /// The character boundary at or before `i`.
    pub fn floor_boundary(&self, i: usize) -> usize {
        let mut i = i.min(self.text.len());
        while !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    /// The start of the line that holds `i` (just past the line or paragraph break before it),
    /// not before `floor`.
    pub fn line_start(&self, i: usize, floor: usize) -> usize {
        let t = self.text.as_bytes();
        t[floor.min(i)..i]
            .iter()
            .rposition(|&c| c == LINE || c == PARA)
            .map_or(floor.min(i), |p| floor + p + 1)
    }

    /// The end of the line that holds `i` (at the next line or paragraph break), not past `to`.
    pub fn line_end(&self, i: usize, to: usize) -> usize {
        let to = to.min(self.text.len());
        let t = self.text.as_bytes();
        t[i.min(to)..to]
            .iter()
            .position(|&c| c == LINE || c == PARA)
            .map_or(to, |p| i + p)
    }

    /// The first byte at or after `i`, before `end`, that is not a space within a line.
    pub fn skip_spaces(&self, mut i: usize, end: usize) -> usize {
        while i < end && self.text.as_bytes()[i] == SPACE {
            i += 1;
        }
        i
    }

    /// The lines of `[from, to)`, each as `(start, end)` without its break.
    pub fn lines(&self, from: usize, to: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let to = to.min(self.text.len());
        let mut i = from.min(to);
        let mut done = false;
        std::iter::from_fn(move || {
            if done {
                return None;
            }
            let end = self.line_end(i, to);
            let line = (i, end);
            if end >= to {
                done = true;
            } else {
                i = end + 1;
            }
            Some(line)
        })
    }

    /// The input span of flat range `[a, b)` (which must not be empty).
    pub fn span(&self, a: usize, b: usize) -> Span {
        debug_assert!(a < b && b <= self.text.len());
        // Trimmed ranges end on a copied char's last byte: the char ends one byte later.
        [self.source_offset(a), self.source_offset(b - 1) + 1]
    }

    /// The input offset of flat byte `i`.
    fn source_offset(&self, i: usize) -> usize {
        let at = self.map.partition_point(|&(f, _)| f <= i) - 1;
        let (f, s) = self.map[at];
        s + (i - f)
    }

    /// `[a, b)` without white space at either end, or `None` if nothing is left.
    pub fn trim(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        let t = self.text.as_bytes();
        let (mut a, mut b) = (a.min(b), b.min(t.len()));
        while a < b && is_ws_byte(t[a]) {
            a += 1;
        }
        while b > a && is_ws_byte(t[b - 1]) {
            b -= 1;
        }
        (a < b).then_some((a, b))
    }

    /// The value at `[a, b)`: trimmed, every white space a plain space; with its input span.
    pub fn value(&self, a: usize, b: usize) -> Option<(String, Span)> {
        let (a, b) = self.trim(a, b)?;
        let mut v = self.text.as_bytes()[a..b].to_vec();
        for c in v.iter_mut().filter(|c| **c == LINE || **c == PARA) {
            *c = SPACE;
        }
        // Only ASCII bytes were changed: still UTF-8.
        let v = String::from_utf8(v).unwrap_or_default();
        Some((v, self.span(a, b)))
    }

    /// First occurrence of `needle` in `[from, to)`; a space in `needle` matches any white space.
    pub fn find(&self, needle: &str, from: usize, to: usize) -> Option<usize> {
        let to = to.min(self.text.len());
        if from >= to {
            return None;
        }
        if !self.text.is_char_boundary(from) || !self.text.is_char_boundary(to) {
            return None;
        }
        let h = &self.text.as_bytes()[from..to];
        // A space in the needle stands for any white space: look for its longest run without
        // one (memmem), then check the whole needle around it. A run is whole characters, so
        // every place it matches starts on a character boundary.
        let n = needle.as_bytes();
        let (k, run) = n
            .split(|&c| c == b' ')
            .scan(0, |at, run| {
                let k = *at;
                *at += run.len() + 1;
                Some((k, run))
            })
            .max_by_key(|(_, run)| run.len())?;
        if run.is_empty() {
            return None;
        }
        let finder = memchr::memmem::Finder::new(run);
        let mut pos = k;
        while pos < h.len() {
            let i = pos + finder.find(&h[pos..])?;
            pos = i + 1;
            if matches_at(h, i - k, n) {
                return Some(from + i - k);
            }
        }
        None
    }

    /// Last occurrence of `needle` in `[from, to)`, as [`Flat::find`] matches.
    pub fn rfind(&self, needle: &str, from: usize, to: usize) -> Option<usize> {
        let mut last = None;
        let mut pos = from;
        while let Some(at) = self.find(needle, pos, to) {
            last = Some(at);
            pos = at + 1;
            while !self.text.is_char_boundary(pos) {
                pos += 1;
            }
        }
        last
    }

    /// Whether `needle` (spaces matching any white space) stands at `at`; returns its end.
    pub fn match_at(&self, at: usize, needle: &str) -> Option<usize> {
        let t = self.text.as_bytes();
        (at <= t.len() && matches_at(t, at, needle.as_bytes())).then_some(at + needle.len())
    }

    /// The byte at `i`, or `None` past the end.
    pub fn byte(&self, i: usize) -> Option<u8> {
        self.text.as_bytes().get(i).copied()
    }

    /// The words of `[a, b)` with their flat ranges.
    pub fn words(&self, a: usize, b: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let t = &self.text.as_bytes()[..b.min(self.text.len())];
        let mut i = a;
        std::iter::from_fn(move || {
            while i < t.len() && is_ws_byte(t[i]) {
                i += 1;
            }
            if i >= t.len() {
                return None;
            }
            let s = i;
            while i < t.len() && !is_ws_byte(t[i]) {
                i += 1;
            }
            Some((s, i))
        })
    }
}

/// Whether a flat byte is one of the collapsed white-space bytes.
pub fn is_ws_byte(b: u8) -> bool {
    b == SPACE || b == LINE || b == PARA
}

fn matches_at(hay: &[u8], at: usize, needle: &[u8]) -> bool {
    at + needle.len() <= hay.len()
        && needle
            .iter()
            .zip(&hay[at..])
            .all(|(&n, &h)| if n == b' ' { is_ws_byte(h) } else { n == h })
}
