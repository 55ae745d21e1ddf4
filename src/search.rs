//! Search in the letters' own strings, in place: ASCII case-insensitive (the letters are
//! ASCII; full Unicode case folding costs the page's wasm ~8 KB), with no lower-cased copy of
//! the text, so that searching summaries and rationales adds no memory a letter.

/// A search as typed: trimmed and lower-cased (ASCII) once. Empty: no search.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Needle(String);

impl Needle {
    pub fn new(typed: &str) -> Needle {
        Needle(typed.trim().to_ascii_lowercase())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Where the needle is found in `hay` at or after byte `from`, ignoring ASCII case.
    pub fn find(&self, hay: &str, from: usize) -> Option<usize> {
        let (h, n) = (hay.as_bytes(), self.0.as_bytes());
        if n.is_empty() {
            return None;
        }
        // Candidates by the needle's rarest byte in either case (memchr2: a word at a time in
        // wasm), then the whole needle around it.
        let (k, b) = rarest(n);
        let mut at = from + k; // where that byte must be
        while at + (n.len() - k) <= h.len() {
            let last = h.len() - (n.len() - k);
            at += memchr::memchr2(b, b.to_ascii_uppercase(), &h[at..=last])?;
            let start = at - k;
            if h[start..start + n.len()].eq_ignore_ascii_case(n) {
                return Some(start);
            }
            at += 1;
        }
        None
    }

    /// Whether the needle is in `hay`, ignoring ASCII case.
    pub fn is_in(&self, hay: &str) -> bool {
        self.find(hay, 0).is_some()
    }

    /// The byte ranges of its matches in `hay`, in order, not overlapping. (A match starts on a
    /// character boundary: the needle is whole UTF-8, and its first byte starts a character.)
    pub fn matches<'a>(&'a self, hay: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        let mut from = 0;
        std::iter::from_fn(move || {
            let at = self.find(hay, from)?;
            from = at + self.0.len();
            Some((at, from))
        })
    }
}

/// The needle's byte least frequent in English text, and where it is: letters ranked by
/// frequency (a space before them all), anything else rarer than any letter.
fn rarest(needle: &[u8]) -> (usize, u8) {
    const BY_FREQUENCY: &[u8] = b" etaoinshrdlcumwfgypbvkjxqz";
    let rank = |b: u8| {
        BY_FREQUENCY
            .iter()
            .position(|&f| f == b)
            .unwrap_or(BY_FREQUENCY.len())
    };
    let mut best = (0, needle[0]);
    for (i, &b) in needle.iter().enumerate() {
        if rank(b) > rank(best.1) {
            best = (i, b);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::Needle;

    #[test]
    fn finds_every_match_ignoring_ascii_case() {
        let n = Needle::new("  Opioid ");
        assert_eq!(n.as_str(), "opioid");
        let hay = "OPIOIDS: opioid use; Non-opioid. opioi";
        let got: Vec<_> = n.matches(hay).map(|(a, b)| &hay[a..b]).collect();
        assert_eq!(got, ["OPIOID", "opioid", "opioid"]);
        // An independent count: every position where the lower-cased text starts with it.
        let lower = hay.to_ascii_lowercase();
        let count = (0..lower.len())
            .filter(|&i| lower[i..].starts_with("opioid"))
            .count();
        assert_eq!(n.matches(hay).count(), count);
        assert!(!n.is_in("opioi"));
        assert!(!Needle::new("").is_in("anything"));
    }

    #[test]
    fn non_ascii_and_non_letters_match_exactly() {
        let n = Needle::new("é 5");
        assert_eq!(n.matches("É 5, é 5").collect::<Vec<_>>(), [(6, 10)]);
        let n = Needle::new("aa");
        assert_eq!(n.matches("aaa").count(), 1, "no overlap");
        assert!(Needle::new("x").find("abc", 9).is_none());
        // The rarest byte is not the first: matches at the very start and end still count.
        let n = Needle::new("opioid");
        assert_eq!(
            n.matches("Opioid opioiD").collect::<Vec<_>>(),
            [(0, 6), (7, 13)]
        );
        assert_eq!(n.find("xOpioid", 1), Some(1));
        assert_eq!(n.find("xOpioid", 2), None);
        assert_eq!(super::rarest(b"physical therapy"), (0, b'p'));
        assert_eq!(super::rarest(b"cm16-0230651"), (2, b'1'));
    }
}
