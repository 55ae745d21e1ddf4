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
        let first = *n.first()?;
        let mut at = from;
        while at + n.len() <= h.len() {
            // Candidates by the first byte in either case (memchr2: a word at a time in wasm).
            let last = h.len() - n.len();
            at += memchr::memchr2(first, first.to_ascii_uppercase(), &h[at..=last])?;
            if h[at..at + n.len()].eq_ignore_ascii_case(n) {
                return Some(at);
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
    }
}
