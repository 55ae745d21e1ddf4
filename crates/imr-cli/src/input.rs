//! The inputs of a run: the files named on the command line and in `--files-from`, each read
//! into a letter (text in-process; a PDF or a scan in the limited child process).

use std::ffi::OsString;
use std::io::Read;
use std::path::PathBuf;

use imr_letter::Letter;
use imr_read::Content;

use crate::child;
use crate::cli::OcrArg;
use crate::limits::Limits;

/// One input: standard input, or a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// `-` is standard input.
    pub fn from_arg(arg: OsString) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::File(arg.into())
        }
    }

    /// The name messages and `source.name` give it (`None`: standard input).
    pub fn name(&self) -> Option<String> {
        match self {
            Input::Stdin => None,
            Input::File(p) => Some(p.to_string_lossy().into_owned()),
        }
    }

    /// The name in messages.
    pub fn label(&self) -> String {
        self.name().unwrap_or_else(|| "-".into())
    }

    fn bytes(&self) -> std::io::Result<Vec<u8>> {
        match self {
            Input::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin().read_to_end(&mut buf)?;
                Ok(buf)
            }
            Input::File(p) => std::fs::read(p),
        }
    }
}

/// The names in a `--files-from` list: one a line, blank lines skipped, a line's `\r` end
/// (a list saved on Windows) dropped. Names are bytes on Unix: any file name can be listed.
pub fn list(bytes: &[u8]) -> Vec<Input> {
    bytes
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(|l| !l.is_empty())
        .map(|l| Input::File(path(l)))
        .collect()
}

#[cfg(unix)]
fn path(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    std::ffi::OsStr::from_bytes(bytes).into()
}

#[cfg(not(unix))]
fn path(bytes: &[u8]) -> PathBuf {
    String::from_utf8_lossy(bytes).into_owned().into()
}

/// How every input is read.
#[derive(Debug, Clone, Copy)]
pub struct Reading {
    pub limits: Limits,
    pub ocr: OcrArg,
    pub with_text: bool,
}

/// What came of one input: its letters (a file may hold several, or none when it cannot be
/// read; `L` is [`Letter`], or what a command makes of one), the lines for standard error, and
/// whether it was read as IMR letters.
#[derive(Debug)]
pub struct Outcome<L = Letter> {
    pub letters: Vec<L>,
    pub messages: Vec<String>,
    pub read_as_letter: bool,
}

impl Outcome {
    /// The same outcome with each letter made into `f` of it (on the reading thread).
    pub fn map<L>(self, f: impl Fn(Letter) -> L) -> Outcome<L> {
        Outcome {
            letters: self.letters.into_iter().map(f).collect(),
            messages: self.messages,
            read_as_letter: self.read_as_letter,
        }
    }
}

/// Reads one input into its letters.
pub fn read(input: &Input, how: &Reading) -> Outcome {
    let label = input.label();
    let failed = |why: String| Outcome {
        letters: Vec::new(),
        messages: vec![format!("imr: {label}: {why}")],
        read_as_letter: false,
    };
    let bytes = match input.bytes() {
        Ok(b) => b,
        Err(e) => return failed(format!("cannot read the file: {e}")),
    };
    let content = imr_read::sniff(&bytes);
    let extracted = match content {
        Content::Text => imr_read::extract(&bytes).map_err(|e| e.to_string()),
        Content::Pdf | Content::Image => child::extract(&bytes, &how.limits, how.ocr),
    };
    let extracted = match extracted {
        Ok(e) => e,
        Err(why) if content == Content::Pdf => {
            return failed(format!("cannot read this PDF: {why}"))
        }
        Err(why) => return failed(format!("cannot read this image: {why}")),
    };
    let mut messages: Vec<String> = extracted
        .warnings
        .iter()
        .map(|(_, m)| format!("imr: {label}: warning: {m}"))
        .collect();
    let low = &extracted.low_confidence_pages;
    if !low.is_empty() {
        messages.push(format!(
            "imr: {label}: warning: the text recogniser was unsure of page{} {} (mean word confidence under {}); check its values against the scan",
            if low.len() == 1 { "" } else { "s" },
            low.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
            imr_scan::LOW_CONFIDENCE
        ));
    }
    let options = imr_read::Options {
        with_text: how.with_text,
    };
    let letters = imr_read::letters(&extracted, input.name().as_deref(), options);
    let mut recognized = true;
    for letter in letters.iter().filter(|l| !l.is_recognized()) {
        let why = letter.warnings.first().map_or("", |w| w.message.as_str());
        messages.push(format!("imr: {label}: not an IMR letter: {why}"));
        recognized = false;
    }
    Outcome {
        letters,
        messages,
        read_as_letter: recognized,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_one_name_a_line() {
        assert_eq!(
            list(b"a.txt\r\n\nb c.pdf\n-\n"),
            [
                Input::File("a.txt".into()),
                Input::File("b c.pdf".into()),
                Input::File("-".into())
            ]
        );
        assert!(list(b"").is_empty());
    }
}
