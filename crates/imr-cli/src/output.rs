//! Writing letters as they come, in the three formats: one JSON array (pretty, exactly what
//! `serde_json::to_writer_pretty` gives for the whole list), JSON lines, CSV
//! (`imr_letter::csv`, the page's export). Each letter is rendered on its own ([`render`], on
//! the thread that read it) and written in order; nothing is held back but the current letter,
//! so that the output of thousands of files needs no more memory than one.

use std::io::{self, Write};

use imr_letter::Letter;

use crate::cli::Format;

/// A format's writer: [`Output::letter`] for each letter, then [`Output::finish`].
pub struct Output<W: Write> {
    out: W,
    format: Format,
    letters: usize,
}

impl<W: Write> Output<W> {
    pub fn new(out: W, format: Format) -> io::Result<Self> {
        let mut o = Output {
            out,
            format,
            letters: 0,
        };
        if format == Format::Csv {
            // The table with no letter is its header row.
            o.out.write_all(imr_letter::csv::to_csv(&[]).as_bytes())?;
        }
        Ok(o)
    }

    /// Writes one letter as [`render`] made it (JSON lines: flushed, so that a reader sees it
    /// at once).
    pub fn letter(&mut self, rendered: &[u8]) -> io::Result<()> {
        self.letters += 1;
        match self.format {
            Format::Json => {
                self.out.write_all(if self.letters == 1 {
                    b"[\n  "
                } else {
                    b",\n  "
                })?;
                self.out.write_all(rendered)
            }
            Format::Jsonl => {
                self.out.write_all(rendered)?;
                self.out.flush()
            }
            Format::Csv => self.out.write_all(rendered),
        }
    }

    /// Closes the JSON array and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        if self.format == Format::Json {
            self.out
                .write_all(if self.letters == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
    }
}

/// One letter in `format`: for JSON the pretty object indented one level (its place in the
/// array is the writer's), for JSON lines one line, for CSV its rows.
pub fn render(format: Format, letter: &Letter) -> Vec<u8> {
    match format {
        Format::Json => {
            let pretty = serde_json::to_vec_pretty(letter).expect("a Letter always serializes");
            // JSON strings hold no raw line breaks: every `\n` is the layout's.
            let mut out = Vec::with_capacity(pretty.len() + pretty.len() / 8);
            for (i, line) in pretty.split(|&b| b == b'\n').enumerate() {
                if i > 0 {
                    out.extend_from_slice(b"\n  ");
                }
                out.extend_from_slice(line);
            }
            out
        }
        Format::Jsonl => {
            let mut out = serde_json::to_vec(letter).expect("a Letter always serializes");
            out.push(b'\n');
            out
        }
        Format::Csv => {
            let header = imr_letter::csv::to_csv(&[]);
            let table = imr_letter::csv::to_csv(std::slice::from_ref(letter));
            table
                .strip_prefix(&header)
                .unwrap_or(&table)
                .as_bytes()
                .to_vec()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letters() -> Vec<Letter> {
        let text = include_str!("../../../tests/corpus/real/format1_CM16-0237844.txt");
        vec![
            imr_letter::parse(text),
            imr_letter::parse("not a letter\n\"quoted\"\n"),
        ]
    }

    fn written(format: Format, letters: &[Letter]) -> Vec<u8> {
        let mut buf = Vec::new();
        let mut o = Output::new(&mut buf, format).unwrap();
        for l in letters {
            o.letter(&render(format, l)).unwrap();
        }
        o.finish().unwrap();
        buf
    }

    #[test]
    fn streamed_json_is_the_pretty_array() {
        for n in 0..=2 {
            let ls = &letters()[..n];
            let mut whole = serde_json::to_vec_pretty(ls).unwrap();
            whole.push(b'\n');
            assert_eq!(
                String::from_utf8(written(Format::Json, ls)).unwrap(),
                String::from_utf8(whole).unwrap(),
                "{n} letters"
            );
        }
    }

    #[test]
    fn streamed_csv_is_the_whole_table() {
        let ls = letters();
        assert_eq!(
            String::from_utf8(written(Format::Csv, &ls)).unwrap(),
            imr_letter::csv::to_csv(&ls)
        );
    }

    #[test]
    fn jsonl_is_one_letter_a_line() {
        let out = String::from_utf8(written(Format::Jsonl, &letters())).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        let first: Letter = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(first.case_number.as_deref(), Some("CM16-0237844"));
    }
}
