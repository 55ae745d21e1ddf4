//! Reads one PDF or scan in a child process (`imr __extract`), so that one hostile file cannot
//! take the whole run down: the child gets a memory limit (address space, Unix) and a time
//! limit, and is stopped when it goes past either. The PDF crate can inflate a stream far past
//! its input, an image header can claim any size, and OCR runs an outside program: none of them
//! may fill the machine's memory or hang the run.
//!
//! The child reads the file's bytes on standard input and writes on standard output one line
//! `ocr-pages N` when N pages are to be read by OCR (the parent then gives it N times the OCR
//! time limit of a page more), then its answer as one line of JSON: the extracted text, or why there is none.
//! The pages are recognised by Debian's `tesseract` (`imr_scan::native`), one band at a time (the bands
//! the page reads at once, `ScanJob::page_cut`), each within the time limit of a page.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, ExitCode, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use imr_read::{Begun, Extracted, OcrMode};
use imr_scan::native::Tesseract;

use crate::cli::{ChildArgs, OcrArg, CHILD};
use crate::limits::Limits;
use crate::oom;

/// The line that announces the pages to read by OCR.
const OCR_PAGES: &str = "ocr-pages ";

/// Reads `bytes` (a PDF or an image) in a child process within `limits`; `Err` is a sentence
/// saying why nothing was read.
pub fn extract(bytes: &[u8], limits: &Limits, ocr: OcrArg) -> Result<Extracted, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot start the reader: {e}"))?;
    let mut command = Command::new(exe);
    command
        .arg(CHILD)
        .args(["--ocr", ocr_arg(ocr)])
        .args(["--page-seconds", &limits.ocr_seconds.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    sandbox(&mut command, limits.memory_mb);
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start the reader: {e}"))?;

    let mut stdin = child.stdin.take().expect("piped");
    let stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    // The reader tells the pages to read by OCR as they are announced, then the answer when
    // the child closes its output (it has ended, or is about to).
    let (events, heard) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut answer = None;
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            match line
                .strip_prefix(OCR_PAGES)
                .map(|n| n.trim().parse::<u64>())
            {
                Some(Ok(pages)) => {
                    let _ = events.send(Heard::Pages(pages));
                }
                _ => answer = Some(line),
            }
        }
        let _ = events.send(Heard::Closed(answer));
    });
    let errors = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr.read_to_end(&mut s);
        String::from_utf8_lossy(&s).into_owned()
    });

    let start = Instant::now();
    let mut allowed = limits.seconds;
    let mut answer = None;
    let status = loop {
        let left = Duration::from_secs(allowed).saturating_sub(start.elapsed());
        match heard.recv_timeout(left) {
            Ok(Heard::Pages(pages)) => {
                allowed = allowed.saturating_add(pages.saturating_mul(limits.ocr_seconds));
            }
            Ok(Heard::Closed(a)) => {
                answer = a;
                // Its output is closed: it has ended or is ending; still within the limit.
                break wait_until(&mut child, deadline(start, allowed));
            }
            Err(_) => {
                kill(&mut child);
                break None;
            }
        }
    };
    let _ = writer.join();
    let _ = reader.join();
    let err = errors.join().unwrap_or_default();
    match status {
        None => Err(format!(
            "reading it took longer than {allowed} s and was stopped (a damaged or hostile file?)"
        )),
        Some(s) if !s.success() => Err(crash(s, &err, limits.memory_mb)),
        Some(_) => {
            let answer: Answer = answer
                .and_then(|a| serde_json::from_str(&a).ok())
                .ok_or("the reader gave no answer")?;
            match answer {
                Answer { ok: Some(e), .. } => Ok(e),
                Answer { error: Some(e), .. } => Err(e),
                _ => Err("the reader gave no answer".into()),
            }
        }
    }
}

/// What the reader of the child's output hears.
enum Heard {
    /// `ocr-pages N`.
    Pages(u64),
    /// The output closed; its last other line (the answer), if any.
    Closed(Option<String>),
}

/// `seconds` after `start` (or as far as an `Instant` goes).
fn deadline(start: Instant, seconds: u64) -> Instant {
    start
        .checked_add(Duration::from_secs(seconds))
        .unwrap_or(start + Duration::from_secs(u32::MAX.into()))
}

/// Waits for the child to end until `deadline`, then stops it (`None`).
fn wait_until(child: &mut std::process::Child, deadline: Instant) -> Option<ExitStatus> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(1)),
            _ => {
                kill(child);
                return None;
            }
        }
    }
}

/// Why the child stopped, from its exit and its standard error: the memory limit when it says
/// so (its own allocator's marker, or the runtime's allocation-failure message), else a crash.
fn crash(status: ExitStatus, stderr: &str, memory_mb: u64) -> String {
    let over_memory = status.code() == Some(oom::EXIT_CODE) && stderr.contains(oom::MARKER)
        || (stderr.contains("memory allocation of") && stderr.contains("failed"))
        || stderr.contains("Cannot allocate memory")
        || stderr.contains("std::bad_alloc");
    if over_memory {
        return format!(
            "reading it needed more than {memory_mb} MB of memory (IMR_PDF_MEMORY_MB) and was stopped (a decompression bomb or a damaged file?)"
        );
    }
    format!(
        "the reader crashed on this file ({}; a damaged or hostile file, or more memory needed than IMR_PDF_MEMORY_MB={memory_mb} allows?)",
        describe(status)
    )
}

#[cfg(unix)]
fn describe(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (_, Some(libc::SIGABRT)) => "it aborted".into(),
        (_, Some(libc::SIGSEGV)) => "segmentation fault".into(),
        (_, Some(libc::SIGBUS)) => "bus error".into(),
        (_, Some(libc::SIGKILL)) => "killed".into(),
        (_, Some(sig)) => format!("signal {sig}"),
        (Some(code), None) => format!("exit status {code}"),
        (None, None) => "stopped".into(),
    }
}

#[cfg(not(unix))]
fn describe(status: ExitStatus) -> String {
    status.to_string()
}

fn ocr_arg(ocr: OcrArg) -> &'static str {
    match ocr {
        OcrArg::Auto => "auto",
        OcrArg::Off => "off",
        OcrArg::Force => "force",
    }
}

/// What the child writes last: the extracted text, or why there is none.
#[derive(serde::Serialize, serde::Deserialize)]
struct Answer {
    ok: Option<Extracted>,
    error: Option<String>,
}

/// The child: the file's bytes on standard input; `ocr-pages N` and the answer on standard
/// output.
pub fn run(args: &ChildArgs) -> ExitCode {
    oom::exit_on_allocation_failure();
    let mut bytes = Vec::new();
    if std::io::stdin().read_to_end(&mut bytes).is_err() {
        return ExitCode::from(2);
    }
    test_hooks();
    let mut out = std::io::stdout().lock();
    let answer = match read(&bytes, args.ocr.mode(), args.page_seconds, &mut out) {
        Ok(e) => Answer {
            ok: Some(e),
            error: None,
        },
        Err(e) => Answer {
            ok: None,
            error: Some(e),
        },
    };
    let written = serde_json::to_writer(&mut out, &answer).map_err(std::io::Error::from);
    if written
        .and_then(|_| writeln!(out))
        .and_then(|_| out.flush())
        .is_err()
    {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

/// Reads the file, running Tesseract on each page to recognise.
fn read(
    bytes: &[u8],
    mode: OcrMode,
    page_seconds: u64,
    out: &mut impl Write,
) -> Result<Extracted, String> {
    let job = match imr_read::begin(bytes, mode).map_err(|e| e.to_string())? {
        Begun::Text(e) => return Ok(e),
        Begun::Scan(job) => job,
    };
    let n = job.pages_to_recognise();
    writeln!(out, "{OCR_PAGES}{n}")
        .and_then(|_| out.flush())
        .map_err(|e| e.to_string())?;
    let engine = Tesseract {
        timeout: Duration::from_secs(page_seconds),
        ..Tesseract::default()
    };
    let name = engine.version().map_err(|e| e.to_string())?;
    let mut words = Vec::with_capacity(n);
    for i in 0..n {
        let cut = job.page_cut(i);
        let bands = (0..cut.rows.len())
            .map(|b| engine.recognise(&cut.band(b)).map(|w| w.words))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("page {}: {e}", job.page_number(i)))?;
        words.push(cut.stack(bands));
    }
    job.finish(words, &name).map_err(|e| e.to_string())
}

/// Debug builds only, so that the limits can be tested without a file that needs them (and
/// without depending on the machine's speed): `IMR_TEST_STALL=1` makes the child wait forever
/// before it reads, `IMR_TEST_ALLOCATE=1` makes it ask for 4 GiB at once.
fn test_hooks() {
    if !cfg!(debug_assertions) {
        return;
    }
    if std::env::var_os("IMR_TEST_ALLOCATE").is_some() {
        let mut big: Vec<u8> = Vec::new();
        // Past the address-space limit: the allocator's marker, then exit.
        big.reserve_exact(4 << 30);
        std::hint::black_box(&big);
    }
    if std::env::var_os("IMR_TEST_STALL").is_some() {
        loop {
            std::thread::sleep(Duration::from_secs(3600));
        }
    }
}

/// The child's own process group (so that stopping it stops Tesseract too) and its memory
/// limit.
#[cfg(unix)]
fn sandbox(command: &mut Command, mb: u64) {
    use std::os::unix::process::CommandExt;
    command.process_group(0);
    let bytes = mb.saturating_mul(1 << 20) as libc::rlim_t;
    // SAFETY: runs in the forked child before exec; setrlimit is async-signal-safe and the
    // closure touches nothing but its copied argument.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn sandbox(_command: &mut Command, _mb: u64) {}

/// Stops the child and everything it started (its process group).
fn kill(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(pid) = i32::try_from(child.id()) {
        // SAFETY: signals the child's own process group, made for it by `sandbox`.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}
