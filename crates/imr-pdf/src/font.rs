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

/// A letter or digit narrower than this share of the usual width of its kind in the same font
/// (capitals, small letters, digits: the median) has a damaged width. The narrowest real
/// glyphs ('i', 'l', 'I') are 0.4-0.55 of it.
const TOO_NARROW: f32 = 0.25;
/// ... or wider than this share (the widest real ones, 'm', 'W', are up to 1.6).
const TOO_WIDE: f32 = 2.0;

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
    /// Codes whose widths were implausible (damaged) and were replaced (sorted).
    repaired: Vec<u16>,
    /// The widths as a whole cannot be trusted (an array of the wrong length, a damaged space
    /// width): any text in this font may be spaced wrong.
    widths_suspect: bool,
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
            repaired: Vec::new(),
            widths_suspect: false,
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

    /// Whether `font` has its widths: a simple font that declares `FirstChar` and `LastChar`
    /// needs `Widths`, a Type0 font a descendant font.
    fn widths_present(font: &Font) -> bool {
        match &font.data {
            FontData::Type1(info) | FontData::TrueType(info) => {
                info.widths.is_some() || info.first_char.is_none() || info.last_char.is_none()
            }
            FontData::Type0(t0) => !t0.descendant_fonts.is_empty(),
            _ => true,
        }
    }

    /// Whether a simple font's `Widths` has as many entries as `FirstChar`..`LastChar` asks.
    fn widths_length_right(font: &Font) -> bool {
        match &font.data {
            FontData::Type1(info) | FontData::TrueType(info) => {
                match (info.first_char, info.last_char, info.widths.as_ref()) {
                    (Some(first), Some(last), Some(w)) => {
                        i64::from(last) - i64::from(first) + 1 == w.len() as i64
                    }
                    _ => true,
                }
            }
            _ => true,
        }
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
        let complete = Self::widths_present(font) && !matches!(to_unicode, Some(Err(_)));
        let to_unicode = to_unicode.and_then(Result::ok);
        let (mut widths, dw, fixed_pitch) = read_widths(font);
        let bbox_width = descriptor(font).map(|d| {
            let r = &d.font_bbox;
            (r.right - r.left).abs()
        });
        let (repaired, space_damaged) = repair_widths(&mut widths, bbox_width, |code| {
            char_of(code, two_byte, &table, to_unicode.as_ref())
        });
        let widths_suspect = space_damaged || !Self::widths_length_right(font);

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
            repaired,
            widths_suspect,
        }
    }

    /// Whether the width of `code` was damaged and replaced, or all widths are suspect.
    pub(crate) fn width_repaired(&self, code: u16) -> bool {
        self.widths_suspect || self.repaired.binary_search(&code).is_ok()
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

/// The first character `code` stands for (as [`FontModel::push_text`] reads it).
fn char_of(
    code: u16,
    two_byte: bool,
    table: &[char; 256],
    to_unicode: Option<&ToUnicodeMap>,
) -> Option<char> {
    if let Some(s) = to_unicode.and_then(|m| m.get(code)) {
        return s.chars().next();
    }
    match u8::try_from(code) {
        Ok(b) if !two_byte => Some(table[usize::from(b)]),
        _ => char::from_u32(u32::from(code)),
    }
}

/// The font descriptor of a simple font, or of a Type0 font's descendant.
fn descriptor(font: &Font) -> Option<&pdf::font::FontDescriptor> {
    match &font.data {
        FontData::Type1(info) | FontData::TrueType(info) => info.font_descriptor.as_ref(),
        FontData::Type0(t0) => match t0.descendant_fonts.first().map(|f| &f.data) {
            Some(FontData::CIDFontType0(cid)) | Some(FontData::CIDFontType2(cid)) => {
                Some(&cid.font_descriptor)
            }
            _ => None,
        },
        FontData::CIDFontType0(cid) | FontData::CIDFontType2(cid) => Some(&cid.font_descriptor),
        FontData::Other(_) => None,
    }
}

/// Kinds of glyphs whose widths are alike within a font.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Capital,
    Small,
    Digit,
}

impl Kind {
    fn of(c: char) -> Option<Kind> {
        match c {
            'A'..='Z' => Some(Kind::Capital),
            'a'..='z' => Some(Kind::Small),
            '0'..='9' => Some(Kind::Digit),
            _ => None,
        }
    }
}

/// The median of `values` (which must not be empty).
fn median(mut values: Vec<f32>) -> f32 {
    values.sort_by(f32::total_cmp);
    values[values.len() / 2]
}

/// Replaces implausible (damaged) widths by the usual width of their kind in the same font:
/// a letter or digit narrower than [`TOO_NARROW`] or wider than [`TOO_WIDE`] times the
/// median of its kind; any glyph wider than twice the font's bounding box (at least 1000) or
/// of negative width. Kinds with fewer than 3 widths are judged by all letters and digits;
/// a font with fewer than 3 is left as it is. Returns the codes replaced (sorted), and whether
/// the space's width was implausible (it is then half the small letters' usual width).
fn repair_widths(
    widths: &mut [f32],
    bbox_width: Option<f32>,
    char_of: impl Fn(u16) -> Option<char>,
) -> (Vec<u16>, bool) {
    let kinds: Vec<(u16, Option<Kind>, Option<char>)> = widths
        .iter()
        .enumerate()
        .filter(|(_, w)| !w.is_nan())
        .filter_map(|(i, _)| u16::try_from(i).ok())
        .map(|code| {
            let c = char_of(code);
            (code, c.and_then(Kind::of), c)
        })
        .collect();
    let sample = |kind: Option<Kind>| -> Vec<f32> {
        kinds
            .iter()
            .filter(|(_, k, _)| k.is_some() && (kind.is_none() || *k == kind))
            .map(|(code, _, _)| widths[usize::from(*code)])
            .filter(|w| *w > 0.0)
            .collect()
    };
    let all = sample(None);
    if all.len() < 3 {
        return (Vec::new(), false);
    }
    let overall = median(all);
    let usual = |kind: Kind| {
        let own = sample(Some(kind));
        if own.len() >= 3 {
            median(own)
        } else {
            overall
        }
    };
    let usual = [usual(Kind::Capital), usual(Kind::Small), usual(Kind::Digit)];
    let usual_of = |kind: Kind| usual[kind as usize];
    let widest = 2.0
        * bbox_width
            .filter(|w| w.is_finite())
            .unwrap_or(0.0)
            .max(1000.0);
    let mut repaired = Vec::new();
    let mut space_damaged = false;
    for &(code, kind, c) in &kinds {
        let w = &mut widths[usize::from(code)];
        let fixed = match kind {
            Some(kind) => {
                let u = usual_of(kind);
                (!(TOO_NARROW * u..=TOO_WIDE * u).contains(w)).then_some(u)
            }
            None if c == Some(' ') => {
                let u = usual_of(Kind::Small);
                let bad = *w != 0.0 && !(0.15 * u..=1.5 * u).contains(w);
                space_damaged |= bad;
                bad.then_some(u / 2.0)
            }
            None => (*w < 0.0 || *w > widest).then_some(overall),
        };
        if let Some(u) = fixed {
            *w = u;
            repaired.push(code);
        }
    }
    (repaired, space_damaged)
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
