//! Fonts as text extraction needs them: character codes to Unicode, and glyph widths.
//!
//! Widths are read here rather than with `pdf::font::Font::widths`, which indexes a missing
//! descendant font and allocates whatever a `W` range asks for.

use pdf::encoding::BaseEncoding;
use pdf::font::{Font, FontData, ToUnicodeMap};
use pdf::object::Resolve;
use pdf::primitive::Primitive;

use crate::encoding::{glyph_to_char, Base};

/// Largest CID range of a `W` entry that is expanded; larger ones are clipped.
const MAX_W_RANGE: u32 = 0x1_0000;

/// Width given to the space when the font does not say (pypdf's default).
const FALLBACK_SPACE_WIDTH: f32 = 200.0;

/// A font reduced to what text extraction needs.
#[derive(Debug, Clone)]
pub(crate) struct FontModel {
    /// Every part of the font was read (else text may have wrong characters or spaces).
    pub(crate) complete: bool,
    /// Codes are two bytes (Type0 fonts) rather than one.
    two_byte: bool,
    /// Single-byte code to character (base encoding plus `Differences`).
    table: Box<[char; 256]>,
    /// `ToUnicode` map, which wins over `table`.
    to_unicode: Option<ToUnicodeMap>,
    /// Glyph widths in thousandths of the font size, by code (NaN: not given).
    widths: Vec<f32>,
    /// Width of codes missing from `widths`.
    default_width: f32,
    /// The code that draws a space, if any.
    space_code: Option<u16>,
    /// Width of a space, in thousandths of the font size.
    pub(crate) space_width: f32,
}

impl FontModel {
    fn with_table(table: Box<[char; 256]>, space_width: f32, default_width: f32) -> Self {
        FontModel {
            complete: true,
            two_byte: false,
            table,
            to_unicode: None,
            widths: Vec::new(),
            default_width,
            space_code: Some(0x20),
            space_width,
        }
    }

    /// The font in effect before any `Tf`: WinAnsi, no widths.
    pub(crate) fn initial() -> Self {
        Self::with_table(base_table(Base::WinAnsi), 250.0, 500.0)
    }

    /// Stands in for a font that is missing or cannot be read: WinAnsi, the usual encoding of
    /// letters (pypdf would give U+FFFD for every character instead).
    pub(crate) fn fallback() -> Self {
        Self::with_table(base_table(Base::WinAnsi), 250.0, 500.0)
    }

    /// Whether `font` has all its widths: a simple font that declares `FirstChar` and
    /// `LastChar` needs as many `Widths`.
    fn widths_complete(font: &Font) -> bool {
        let widths_ok = match &font.data {
            FontData::Type1(info) | FontData::TrueType(info) => {
                match (info.first_char, info.last_char, info.widths.as_ref()) {
                    (Some(first), Some(last), Some(w)) => {
                        i64::from(last) - i64::from(first) + 1 == w.len() as i64
                    }
                    (Some(_), Some(_), None) => false,
                    _ => true,
                }
            }
            FontData::Type0(t0) => !t0.descendant_fonts.is_empty(),
            _ => true,
        };
        widths_ok
    }

    /// Reads `font`; parts that cannot be read fall back to defaults.
    pub(crate) fn from_pdf(font: &Font, resolve: &impl Resolve) -> Self {
        let two_byte = matches!(font.data, FontData::Type0(_))
            || matches!(
                font.encoding.as_ref().map(|e| &e.base),
                Some(BaseEncoding::IdentityH)
            );
        let mut table = base_table(match font.encoding.as_ref().map(|e| &e.base) {
            Some(BaseEncoding::MacRomanEncoding) => Base::MacRoman,
            Some(BaseEncoding::StandardEncoding) => Base::Standard,
            _ => Base::WinAnsi,
        });
        if let Some(enc) = font.encoding.as_ref() {
            for (&code, name) in &enc.differences {
                if let (Ok(code), Some(c)) = (u8::try_from(code), glyph_to_char(name)) {
                    table[usize::from(code)] = c;
                }
            }
        }
        let text_encoded = font
            .to_unicode
            .as_ref()
            .is_none_or(|s| crate::document::text_filters(&s.info.filters));
        let to_unicode = if text_encoded {
            font.to_unicode(resolve)
        } else {
            Some(Err(pdf::error::PdfError::Invalid))
        };
        let complete = Self::widths_complete(font) && !matches!(to_unicode, Some(Err(_)));
        let to_unicode = to_unicode.and_then(Result::ok);
        let (widths, dw, fixed_pitch) = read_widths(font);

        let space_code = to_unicode
            .iter()
            .flat_map(|m| m.iter())
            .filter(|(_, v)| *v == " ")
            .map(|(k, _)| k)
            .min()
            .or_else(|| {
                (!two_byte)
                    .then(|| table.iter().position(|&c| c == ' '))
                    .flatten()
                    .map(|p| p as u16)
            });
        let space = space_code.map_or(0.0, |c| width_of(&widths, c).unwrap_or(0.0));
        let default_width = match dw {
            Some(dw) => dw,
            None if space != 0.0 => {
                if fixed_pitch {
                    space
                } else {
                    2.0 * space
                }
            }
            None => {
                let valid: Vec<f32> = widths.iter().copied().filter(|w| *w > 0.0).collect();
                if valid.is_empty() {
                    500.0
                } else {
                    (valid.iter().sum::<f32>() / valid.len() as f32).floor()
                }
            }
        };
        let space_width = if space != 0.0 {
            space
        } else {
            FALLBACK_SPACE_WIDTH
        };
        FontModel {
            complete,
            two_byte,
            table,
            to_unicode,
            widths,
            default_width,
            space_code,
            space_width,
        }
    }

    /// The character codes in a string drawn with this font.
    pub(crate) fn codes<'a>(&self, bytes: &'a [u8]) -> impl Iterator<Item = u16> + 'a {
        let step = if self.two_byte { 2 } else { 1 };
        bytes.chunks(step).map(|c| match *c {
            [hi, lo] => u16::from_be_bytes([hi, lo]),
            [b] => u16::from(b),
            _ => 0,
        })
    }

    /// Appends the text of `code` to `out`; returns the number of characters appended.
    pub(crate) fn push_text(&self, code: u16, out: &mut String) -> usize {
        if let Some(s) = self.to_unicode.as_ref().and_then(|m| m.get(code)) {
            out.push_str(s);
            return s.chars().count();
        }
        let c = match u8::try_from(code) {
            Ok(b) if !self.two_byte => self.table[usize::from(b)],
            _ => char::from_u32(u32::from(code)).unwrap_or('\u{fffd}'),
        };
        out.push(c);
        1
    }

    /// Width of `code`, in thousandths of the font size.
    pub(crate) fn width(&self, code: u16) -> f32 {
        if Some(code) == self.space_code {
            return self.space_width;
        }
        width_of(&self.widths, code).unwrap_or(self.default_width)
    }

    /// Width of the text `" "` (as pypdf counts a space it inserts).
    pub(crate) fn inserted_space_width(&self) -> f32 {
        if self.space_code.is_some() {
            self.space_width
        } else {
            self.default_width
        }
    }
}

/// The width of `code` in `widths`, if given.
fn width_of(widths: &[f32], code: u16) -> Option<f32> {
    widths
        .get(usize::from(code))
        .copied()
        .filter(|w| !w.is_nan())
}

/// Sets the width of `code`, growing `widths` as needed.
fn set_width(widths: &mut Vec<f32>, code: u16, width: f32) {
    let i = usize::from(code);
    if widths.len() <= i {
        widths.resize(i + 1, f32::NAN);
    }
    widths[i] = width;
}

fn base_table(base: Base) -> Box<[char; 256]> {
    let mut table = Box::new(['\0'; 256]);
    for (code, slot) in table.iter_mut().enumerate() {
        *slot = base.decode(code as u8);
    }
    table
}

/// Widths by code, the CID font's default width if any, and whether the font is fixed-pitch.
fn read_widths(font: &Font) -> (Vec<f32>, Option<f32>, bool) {
    let mut widths = Vec::new();
    match &font.data {
        FontData::Type1(info) | FontData::TrueType(info) => {
            let fixed = info
                .font_descriptor
                .as_ref()
                .is_some_and(|d| d.flags & 1 != 0);
            if let (Some(first), Some(ws)) = (info.first_char, info.widths.as_ref()) {
                for (i, w) in ws.iter().enumerate().take(0x1_0000) {
                    if let Ok(code) = u16::try_from(i64::from(first) + i as i64) {
                        set_width(&mut widths, code, *w);
                    }
                }
            }
            (widths, None, fixed)
        }
        FontData::Type0(t0) => match t0.descendant_fonts.first().map(|f| &f.data) {
            Some(FontData::CIDFontType0(cid)) | Some(FontData::CIDFontType2(cid)) => {
                read_w_array(&cid.widths, &mut widths);
                (
                    widths,
                    Some(cid.default_width),
                    cid.font_descriptor.flags & 1 != 0,
                )
            }
            _ => (widths, None, false),
        },
        FontData::CIDFontType0(cid) | FontData::CIDFontType2(cid) => {
            read_w_array(&cid.widths, &mut widths);
            (widths, Some(cid.default_width), false)
        }
        FontData::Other(_) => (widths, None, false),
    }
}

/// Reads a CID font's `W` array (`c [w1 w2 ...]` and `c1 c2 w` entries), clipping ranges.
fn read_w_array(w: &[Primitive], out: &mut Vec<f32>) {
    let mut i = 0;
    while i < w.len() {
        let Ok(first) = w[i].as_u32() else { return };
        match w.get(i + 1) {
            Some(Primitive::Array(list)) => {
                for (k, p) in list.iter().enumerate().take(MAX_W_RANGE as usize) {
                    if let (Ok(code), Ok(width)) =
                        (u16::try_from(first as usize + k), p.as_number())
                    {
                        set_width(out, code, width);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Ok(last), Some(Ok(width))) =
                    (last.as_u32(), w.get(i + 2).map(|p| p.as_number()))
                else {
                    return;
                };
                for cid in first..=last.min(first.saturating_add(MAX_W_RANGE)) {
                    if let Ok(code) = u16::try_from(cid) {
                        set_width(out, code, width);
                    }
                }
                i += 3;
            }
            None => return,
        }
    }
}
