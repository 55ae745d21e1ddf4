//! Running Debian's `tesseract` command on a page image (native shells only).
//!
//! The page goes in on standard input as a PGM file, the words come back as TSV on standard
//! output; one thread (`OMP_THREAD_LIMIT=1`: on a shared machine Tesseract's own threads cost
//! more than they give, and a shell reads several files at once instead); a time limit kills it.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::raster::GrayImage;
use crate::words::{parse_tsv, PageWords};

/// How to run Tesseract.
#[derive(Debug, Clone)]
pub struct Tesseract {
    /// The program (`tesseract`, found on `PATH`).
    pub program: PathBuf,
    /// Arguments given before the others (none for Tesseract; lets a test run another program).
    pub leading_args: Vec<String>,
    /// Language model (`eng`).
    pub lang: String,
    /// Folder of the model files (`--tessdata-dir`); Tesseract's own when `None`.
    pub tessdata_dir: Option<PathBuf>,
    /// Page segmentation mode (`--psm`): 3 fully automatic, 4 one column, 6 one block.
    pub psm: u8,
    /// Longest one page may take.
    pub timeout: Duration,
}

impl Default for Tesseract {
    fn default() -> Self {
        Tesseract {
            program: PathBuf::from("tesseract"),
            leading_args: Vec::new(),
            lang: "eng".into(),
            tessdata_dir: None,
            psm: 3,
            timeout: Duration::from_secs(60),
        }
    }
}

/// Why Tesseract gave no words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NativeError {
    /// The program could not be started (not installed?).
    NotInstalled(String),
    /// It ran past the time limit and was stopped.
    TimedOut(Duration),
    /// It failed; its message.
    Failed(String),
}

impl NativeError {
    /// Stable kebab-case code.
    pub fn code(&self) -> &'static str {
        match self {
            NativeError::NotInstalled(_) => "ocr-not-installed",
            NativeError::TimedOut(_) => "ocr-timeout",
            NativeError::Failed(_) => "ocr-failed",
        }
    }
}

impl std::fmt::Display for NativeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NativeError::NotInstalled(p) => write!(
                f,
                "the OCR program `{p}` could not be started; install Tesseract (Debian: tesseract-ocr tesseract-ocr-eng)"
            ),
            NativeError::TimedOut(t) => {
                write!(f, "OCR of one page took longer than {} s and was stopped", t.as_secs())
            }
            NativeError::Failed(why) => write!(f, "OCR failed: {why}"),
        }
    }
}

impl std::error::Error for NativeError {}

impl Tesseract {
    /// The engine's name and version for the `ocr` block (`"tesseract 5.3.0"`).
    pub fn version(&self) -> Result<String, NativeError> {
        let out = Command::new(&self.program)
            .args(&self.leading_args)
            .arg("--version")
            .output()
            .map_err(|_| NativeError::NotInstalled(self.program.display().to_string()))?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        let first = text.lines().next().unwrap_or("tesseract").trim();
        Ok(format!("{first} ({})", self.lang))
    }

    /// Recognises the words of one page image (the boxes are in its pixels).
    pub fn recognise(&self, img: &GrayImage) -> Result<PageWords, NativeError> {
        let dpi = img.dpi.x.min(img.dpi.y).round().max(1.0) as u32;
        let mut command = Command::new(&self.program);
        command.args(&self.leading_args);
        if let Some(dir) = &self.tessdata_dir {
            command.arg("--tessdata-dir").arg(dir);
        }
        let mut child = command
            .args([
                "stdin",
                "stdout",
                "-l",
                &self.lang,
                "--dpi",
                &dpi.to_string(),
            ])
            .args(["--psm", &self.psm.to_string(), "tsv"])
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|_| NativeError::NotInstalled(self.program.display().to_string()))?;
        let pgm = img.to_pgm();
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let writer = std::thread::spawn(move || stdin.write_all(&pgm));
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let reader = std::thread::spawn(move || {
            let mut s = Vec::new();
            stdout.read_to_end(&mut s).map(|_| s)
        });
        let mut stderr = child.stderr.take().expect("stderr is piped");
        let errors = std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = stderr.read_to_end(&mut s);
            s
        });
        let start = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if start.elapsed() >= self.timeout => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(NativeError::TimedOut(self.timeout));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => return Err(NativeError::Failed(e.to_string())),
            }
        };
        let _ = writer.join();
        let out = reader.join().ok().and_then(Result::ok).unwrap_or_default();
        let err = errors.join().unwrap_or_default();
        if !status.success() {
            let why = String::from_utf8_lossy(&err);
            let why = why.lines().last().unwrap_or("no message").trim();
            return Err(NativeError::Failed(format!("{status}: {why}")));
        }
        Ok(PageWords {
            width: img.width,
            height: img.height,
            dpi,
            words: parse_tsv(&String::from_utf8_lossy(&out)),
        })
    }
}
