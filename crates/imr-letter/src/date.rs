//! Dates as the letters write them: `MM/DD/YYYY` (also `M/D/YYYY`, `MM-DD-YYYY`, `MM-DD-YY`).

use crate::model::Date;
use crate::vocab::Fidelity;

/// What a date-shaped word holds.
#[derive(Debug, PartialEq, Eq)]
pub enum DateWord {
    /// Not shaped like a date at all.
    NotADate,
    /// Shaped like a date, but no such day exists (`02/30/2016`).
    Impossible,
    /// A real date; `Loose` when read through OCR's confusions (`O1/l2/2O16`).
    Valid(Date, Fidelity),
}

/// The digit an OCR confusion stands for, in a word shaped like a date.
fn digit_of(c: char) -> Option<(char, bool)> {
    match c {
        '0'..='9' => Some((c, false)),
        'O' | 'o' | 'D' | 'Q' => Some(('0', true)),
        'l' | 'I' | '|' | 'i' | '!' => Some(('1', true)),
        'S' | 's' => Some(('5', true)),
        'B' => Some(('8', true)),
        'Z' | 'z' => Some(('2', true)),
        _ => None,
    }
}

/// Reads one word such as `12/14/2016`; trailing `.`, `,`, `;` or `)` are not part of it.
/// Returns the reading and the length of the date within the word.
pub fn read_date(word: &str) -> (DateWord, usize) {
    let core = word.trim_end_matches(['.', ',', ';', ')', ':']);
    // A date is short, and begins with a digit or a letter OCR mistakes for one.
    if !(5..=12).contains(&core.len()) || core.chars().next().and_then(digit_of).is_none() {
        return (DateWord::NotADate, 0);
    }
    let sep = if core.contains('/') { '/' } else { '-' };
    // Digits, and the letters OCR mistakes for them.
    let mut confused = false;
    let mut digits_only = String::with_capacity(core.len());
    for c in core.chars() {
        if c == sep {
            digits_only.push(c);
            continue;
        }
        match digit_of(c) {
            Some((d, guess)) => {
                confused |= guess;
                digits_only.push(d);
            }
            None => return (DateWord::NotADate, 0),
        }
    }
    // A date has at least one true digit in each part (`l/l/lO` is not one).
    if confused
        && core
            .split(sep)
            .any(|part| !part.bytes().any(|b| b.is_ascii_digit()))
    {
        return (DateWord::NotADate, 0);
    }
    let mut parts = digits_only.split(sep);
    let (Some(m), Some(d), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return (DateWord::NotADate, 0);
    };
    let digits = |s: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(m, 1, 2) || !digits(d, 1, 2) || !(digits(y, 4, 4) || digits(y, 2, 2)) {
        return (DateWord::NotADate, 0);
    }
    let mut year: u16 = y.parse().unwrap_or(0);
    if y.len() == 2 {
        // Two-digit years in letters are this century's or the last's (injuries back to 1950).
        year += if year < 50 { 2000 } else { 1900 };
    }
    let reading = match Date::new(year, m.parse().unwrap_or(0), d.parse().unwrap_or(0)) {
        Some(date) => DateWord::Valid(
            date,
            if confused {
                Fidelity::Loose
            } else {
                Fidelity::Exact
            },
        ),
        None => DateWord::Impossible,
    };
    (reading, core.len())
}

/// The date a word states (`12/14/2016`, `9/6/2013.`), if it is a real one.
pub fn date_of_word(word: &str) -> Option<Date> {
    match read_date(word).0 {
        DateWord::Valid(d, _) => Some(d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_letters_forms() {
        let d = |y, m, dd| DateWord::Valid(Date::new(y, m, dd).unwrap(), Fidelity::Exact);
        assert_eq!(read_date("12/14/2016"), (d(2016, 12, 14), 10));
        assert_eq!(read_date("9/6/2013."), (d(2013, 9, 6), 8));
        assert_eq!(read_date("11-17-2016"), (d(2016, 11, 17), 10));
        assert_eq!(read_date("11-9-16"), (d(2016, 11, 9), 7));
        assert_eq!(read_date("02/29/2016"), (d(2016, 2, 29), 10));
        assert_eq!(read_date("02/30/2016"), (DateWord::Impossible, 10));
        assert_eq!(read_date("13/01/2016").0, DateWord::Impossible);
        assert_eq!(read_date("10/325mg").0, DateWord::NotADate);
        assert_eq!(read_date("CM16-0237844").0, DateWord::NotADate);
        assert_eq!(read_date("1-2-3-4").0, DateWord::NotADate);
        let loose = DateWord::Valid(Date::new(2017, 1, 12).unwrap(), Fidelity::Loose);
        assert_eq!(read_date("O1/l2/2O17"), (loose, 10));
        assert_eq!(read_date("l/l/lO").0, DateWord::NotADate);
        assert_eq!(read_date("Dated:").0, DateWord::NotADate);
    }

    #[test]
    fn days_between_dates() {
        let a = Date::new(2016, 12, 5).unwrap();
        let b = Date::new(2017, 1, 12).unwrap();
        assert_eq!(b.days_since_epoch() - a.days_since_epoch(), 38);
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::parse_iso("2016-12-05"), Some(a));
        assert_eq!(a.to_string(), "2016-12-05");
    }
}
