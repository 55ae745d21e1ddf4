//! Text files in the encodings letters are saved in: UTF-8 (a byte-order mark allowed), UTF-16
//! (with a byte-order mark, or without one when its zero bytes show it), and Windows-1252 for
//! anything else (every byte is a character there), which a warning names.

/// The text of `bytes`, and a warning sentence when it was not plain UTF-8.
pub fn text(bytes: &[u8]) -> (String, Option<String>) {
    // Text has no zero bytes; UTF-16 of Latin letters has one in every other byte (and is
    // valid UTF-8 too when it is all ASCII).
    let zeros = bytes.contains(&0);
    if !zeros {
        if let Ok(s) = std::str::from_utf8(bytes) {
            return (s.to_string(), None);
        }
    }
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return utf16(rest, u16::from_le_bytes, "UTF-16 (little-endian)");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return utf16(rest, u16::from_be_bytes, "UTF-16 (big-endian)");
    }
    match utf16_without_mark(bytes) {
        Some(true) => {
            return utf16(
                bytes,
                u16::from_le_bytes,
                "UTF-16 (little-endian, without a byte-order mark)",
            )
        }
        Some(false) => {
            return utf16(
                bytes,
                u16::from_be_bytes,
                "UTF-16 (big-endian, without a byte-order mark)",
            )
        }
        None => {}
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), None);
    }
    let text: String = bytes.iter().map(|&b| windows_1252(b)).collect();
    (
        text,
        Some("The file is not UTF-8 text; it was read as Windows-1252, so accented letters and quotation marks may be shown wrong.".into()),
    )
}

/// UTF-16 of either order, told by its zero bytes: `Some(true)` little-endian, `Some(false)`
/// big-endian. Text in Latin letters has a zero in every other byte.
fn utf16_without_mark(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let zero_odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let zero_even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    if zero_odd * 10 >= pairs * 7 && zero_even * 10 <= pairs {
        Some(true)
    } else if zero_even * 10 >= pairs * 7 && zero_odd * 10 <= pairs {
        Some(false)
    } else {
        None
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, name: &str) -> (String, Option<String>) {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut bad = !bytes.len().is_multiple_of(2);
    let text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                bad = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    let mut message = format!("The file is {name} text; it was read as such.");
    if bad {
        message.push_str(" Some of its bytes are not valid there and were replaced.");
    }
    (text, Some(message))
}

/// The character a Windows-1252 byte stands for (as the WHATWG Encoding Standard maps it).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2c6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}',
        '\u{8f}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{9d}', '\u{17e}',
        '\u{178}',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, mark: bool) -> Vec<u8> {
        let mut v = if mark { vec![0xff, 0xfe] } else { Vec::new() };
        v.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        v
    }

    #[test]
    fn encodings() {
        assert_eq!(
            text("Case Number: é".as_bytes()),
            ("Case Number: é".into(), None)
        );
        let (t, w) = text(&utf16le("Case Number: CM16-0237844", true));
        assert_eq!(t, "Case Number: CM16-0237844");
        assert!(w.unwrap().contains("UTF-16 (little-endian)"));
        let mut be = vec![0xfe, 0xff];
        be.extend("Upheld".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(text(&be).0, "Upheld");
        let (t, w) = text(&utf16le("Case Number: CM16-0237844", false));
        assert_eq!(t, "Case Number: CM16-0237844");
        assert!(w.unwrap().contains("without a byte-order mark"));
        let (t, w) = text(b"caf\xe9 \x93quoted\x94");
        assert_eq!(t, "caf\u{e9} \u{201c}quoted\u{201d}");
        assert!(w.unwrap().contains("Windows-1252"));
    }
}
