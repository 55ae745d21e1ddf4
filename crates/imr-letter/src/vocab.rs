//! Reading the letters' closed vocabulary (decision words, labels, section headings) through
//! the ways a text can differ from the original: letter case, white space, punctuation,
//! invisible characters (zero-width spaces, soft hyphens, combining marks), look-alike letters
//! from other scripts, full-width forms, and OCR's confusions (rn/m, ri/n, l/1/I, O/0, e/c).
//!
//! A term is compared through its *skeleton*: each character folded to a small alphabet in
//! which confusable characters are one, invisible characters dropped, white space dropped.
//! Two skeletons within a bounded edit distance match. This is applied only where the letter's
//! structure puts a term (a line's last word, a line's first words, a header cell), never to
//! free text, whose words are always kept as written.

/// How closely text matched a term of the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fidelity {
    /// The same characters, but for letter case and white space.
    Exact,
    /// Read through more than case and white space: punctuation, invisible or look-alike
    /// characters, OCR's confusions. Such a reading is reported in a warning.
    Loose,
}

/// One character folded for comparison: `None` for a character that is not there to the eye
/// (zero-width, soft hyphen, combining mark), else a byte of the skeleton alphabet.
pub const fn fold(c: char) -> Option<u8> {
    let c = match c {
        '\u{200b}'..='\u{200f}'
        | '\u{2060}'..='\u{2064}'
        | '\u{feff}'
        | '\u{ad}'
        | '\u{34f}'
        | '\u{300}'..='\u{36f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}' => return None,
        // Full-width ASCII.
        '\u{ff01}'..='\u{ff5e}' => match char::from_u32(c as u32 - 0xfee0) {
            Some(a) => a,
            None => c,
        },
        _ => c,
    };
    let ascii = if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        look_alike(c)
    };
    Some(match ascii {
        'i' | 'l' | '1' | '|' | '!' => b'l',
        '0' => b'o',
        'c' => b'e',
        '5' => b's',
        c if c.is_ascii() => c as u8,
        _ => 0xff,
    })
}

/// The Latin letter a character from another script (or with a diacritic) looks like.
const fn look_alike(c: char) -> char {
    match c {
        // Cyrillic.
        'а' | 'А' => 'a',
        'в' | 'В' => 'b',
        'е' | 'Е' | 'ё' | 'Ё' => 'e',
        'к' | 'К' => 'k',
        'м' | 'М' => 'm',
        'н' | 'Н' => 'h',
        'о' | 'О' => 'o',
        'р' | 'Р' => 'p',
        'с' | 'С' => 'c',
        'т' | 'Т' => 't',
        'у' | 'У' => 'y',
        'х' | 'Х' => 'x',
        'і' | 'І' | 'ї' | 'Ї' => 'i',
        'ј' | 'Ј' => 'j',
        'ѕ' | 'Ѕ' => 's',
        'ԁ' => 'd',
        // Greek.
        'α' | 'Α' => 'a',
        'β' | 'Β' => 'b',
        'ε' | 'Ε' => 'e',
        'η' | 'Η' => 'h',
        'ι' | 'Ι' => 'i',
        'κ' | 'Κ' => 'k',
        'μ' | 'Μ' => 'm',
        'ν' | 'Ν' => 'n',
        'ο' | 'Ο' => 'o',
        'ρ' | 'Ρ' => 'p',
        'τ' | 'Τ' => 't',
        'υ' | 'Υ' => 'y',
        'χ' | 'Χ' => 'x',
        'ζ' | 'Ζ' => 'z',
        // Latin with diacritics.
        'à'..='å' | 'À'..='Å' | 'ā' | 'Ā' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' | 'ē' | 'Ē' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' | 'ı' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        // Punctuation that stands in for ASCII.
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        '\u{2024}' => '.',
        '\u{a789}' | '\u{2236}' | '\u{fe13}' => ':',
        _ => c,
    }
}

/// The longest skeleton kept: the vocabulary's terms are shorter.
pub const MAX_SKELETON: usize = 64;

/// A skeleton: the folded characters of a piece of text (white space and invisible characters
/// dropped, `rn` read as `m`, `ri` as `n` and `vv` as `w`), each with the byte offset just past the character
/// it came from. Kept on the stack: it is made for every candidate term.
pub struct Skeleton {
    bytes: [u8; MAX_SKELETON],
    ends: [usize; MAX_SKELETON],
    len: usize,
}

impl Default for Skeleton {
    fn default() -> Self {
        Skeleton {
            bytes: [0; MAX_SKELETON],
            ends: [0; MAX_SKELETON],
            len: 0,
        }
    }
}

impl Skeleton {
    /// The folded bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// Where the character of skeleton byte `i` ends in its text.
    pub fn end(&self, i: usize) -> usize {
        self.ends[i]
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// Appends one character that ended at byte `end` of its text; `false` once full.
    pub fn push(&mut self, c: char, end: usize) -> bool {
        let Some(f) = fold(c) else { return true };
        if self.len > 0 {
            let last = self.bytes[self.len - 1];
            if let Some(joined) = match (last, f) {
                (b'r', b'n') => Some(b'm'),
                // `ri` (`i` folds with `l`, `1`, `I`).
                (b'r', b'l') => Some(b'n'),
                (b'v', b'v') => Some(b'w'),
                _ => None,
            } {
                self.bytes[self.len - 1] = joined;
                self.ends[self.len - 1] = end;
                return true;
            }
        }
        if self.len == MAX_SKELETON {
            return false;
        }
        self.bytes[self.len] = f;
        self.ends[self.len] = end;
        self.len += 1;
        true
    }

    /// The skeleton of `s` (white space dropped; cut at [`MAX_SKELETON`] bytes).
    pub fn of(s: &str) -> Skeleton {
        let mut k = Skeleton::default();
        for (i, c) in s.char_indices() {
            if !c.is_whitespace() && !k.push(c, i + c.len_utf8()) {
                break;
            }
        }
        k
    }
}

/// The first three folded bytes of an ASCII term (white space skipped), computed at compile
/// time for each term: the quick test before a full comparison.
pub const fn head_of(words: &str) -> [u8; 3] {
    let b = words.as_bytes();
    let mut head = [0u8; 3];
    let (mut i, mut n) = (0, 0);
    while i < b.len() && n < 3 {
        if b[i] != b' ' {
            if let Some(f) = fold(b[i] as char) {
                head[n] = f;
                n += 1;
            }
        }
        i += 1;
    }
    head
}

/// Whether a text whose first folded bytes are `got` may start the term whose first are
/// `want`: the first must agree, and the second or the third (in either place).
pub fn may_match(got: [u8; 3], want: [u8; 3]) -> bool {
    got[0] == want[0]
        && (got[1] == want[1] || got[2] == want[2] || got[1] == want[2] || got[2] == want[1])
}

/// How many edits a skeleton of `len` bytes may differ by and still match.
pub fn budget(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        9..=16 => 2,
        _ => 3,
    }
}

/// The edit distance between `a` and `b` if it is at most `max`.
pub fn distance_within(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max || b.len() >= MAX_SKELETON {
        return None;
    }
    let mut prev = [0usize; MAX_SKELETON + 1];
    let mut cur = [0usize; MAX_SKELETON + 1];
    for (j, p) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *p = j;
    }
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[b.len()] <= max).then_some(prev[b.len()])
}

/// The best match of the skeleton `term` at the start of `text`'s skeleton: the number of
/// skeleton bytes of `text` it takes, for the prefix ends that `boundary` accepts.
pub fn prefix_match(term: &[u8], text: &[u8], boundary: impl Fn(usize) -> bool) -> Option<usize> {
    if term.len() >= MAX_SKELETON {
        return None;
    }
    let max = budget(term.len());
    // Rows of edit distances between each prefix of `term` and the text read so far.
    let mut row = [0usize; MAX_SKELETON + 1];
    let mut next = [0usize; MAX_SKELETON + 1];
    for (j, r) in row.iter_mut().enumerate().take(term.len() + 1) {
        *r = j;
    }
    let mut best: Option<(usize, usize)> = None;
    for (i, &c) in text.iter().enumerate().take(term.len() + max) {
        next[0] = i + 1;
        let mut row_min = next[0];
        for j in 0..term.len() {
            let sub = row[j] + usize::from(term[j] != c);
            next[j + 1] = sub.min(row[j + 1] + 1).min(next[j] + 1);
            row_min = row_min.min(next[j + 1]);
        }
        std::mem::swap(&mut row, &mut next);
        let d = row[term.len()];
        if d <= max && boundary(i + 1) && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, i + 1));
        }
        if row_min > max {
            break;
        }
    }
    best.map(|(_, n)| n)
}

/// Whether `read` is `term` but for letter case and white space.
pub fn same_but_case(read: &str, term: &str) -> bool {
    let mut a = read.chars().filter(|c| !c.is_whitespace());
    let mut b = term.chars().filter(|c| !c.is_whitespace());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(&y) => {}
            _ => return false,
        }
    }
}

/// A word of the closed vocabulary read from one word of text: which term, and how closely.
pub fn match_word<'t>(word: &str, terms: &[&'t str]) -> Option<(&'t str, Fidelity)> {
    // Trailing punctuation (a full stop, an asterisk) is not part of the word.
    let core = word.trim_end_matches(['.', '*', ',', ';', ':', '!', '\u{2024}']);
    let punct = core.len() != word.len();
    if !punct {
        if let Some(t) = terms.iter().find(|t| **t == core) {
            return Some((t, Fidelity::Exact));
        }
    }
    if core.len() > 3 * MAX_SKELETON {
        return None;
    }
    let skel = Skeleton::of(core);
    if skel.len() == 0 {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for &t in terms {
        let ts = Skeleton::of(t);
        if let Some(d) = distance_within(skel.bytes(), ts.bytes(), budget(ts.len())) {
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, t));
            }
        }
    }
    let (_, term) = best?;
    let fidelity = if !punct && same_but_case(core, term) {
        Fidelity::Exact
    } else {
        Fidelity::Loose
    };
    Some((term, fidelity))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Option<(&'static str, Fidelity)> {
        match_word(w, &["Upheld", "Overturned"])
    }

    #[test]
    fn decision_words_through_case_punctuation_and_ocr() {
        use Fidelity::*;
        assert_eq!(word("Upheld"), Some(("Upheld", Exact)));
        assert_eq!(word("UPHELD"), Some(("Upheld", Exact)));
        assert_eq!(word("upheld"), Some(("Upheld", Exact)));
        for loose in [
            "Upheld.",
            "Upheld*",
            "Uphe1d",
            "Uph\u{200b}eld",
            "Up\u{ad}held",
            "Uphe\u{301}ld",
            "Uph\u{435}ld",
            "Ｕｐｈｅｌｄ",
        ] {
            assert_eq!(word(loose), Some(("Upheld", Loose)), "{loose}");
        }
        for loose in ["Overtumed", "0verturned", "Overtuned", "OVERTURNED."] {
            assert_eq!(word(loose), Some(("Overturned", Loose)), "{loose}");
        }
        assert_eq!(word("Overturned"), Some(("Overturned", Exact)));
        for other in ["Denied", "Upon", "held", "Overt", "turned", "Approved"] {
            assert_eq!(word(other), None, "{other}");
        }
    }

    #[test]
    fn prefix_match_finds_the_label_end() {
        let term = Skeleton::of("Date of Injury");
        let text = Skeleton::of("Date of lnjury: 10/20/2016");
        let n = prefix_match(term.bytes(), text.bytes(), |n| text.bytes()[n] == b':').unwrap();
        assert_eq!(&text.bytes()[..n], Skeleton::of("Dateoflnjury").bytes());
    }

    #[test]
    fn distance_is_bounded() {
        assert_eq!(distance_within(b"upheld", b"upheld", 0), Some(0));
        assert_eq!(distance_within(b"upheld", b"uphold", 1), Some(1));
        assert_eq!(distance_within(b"upheld", b"overtumed", 2), None);
    }
}
