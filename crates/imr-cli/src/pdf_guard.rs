//! Reads a PDF's text in a child process (`imr __extract-pdf`), so that one hostile file cannot
//! take the whole run down: the child gets a memory limit (address space, Unix) and a time
//! limit, and is stopped when it goes past either. The `pdf` crate inflates streams with no cap
//! of its own; a decompression bomb must not fill the machine's memory.
//!
//! Limits come from `IMR_PDF_MEMORY_MB` (default 1024) and `IMR_PDF_SECONDS` (default 30).

use std::io::{Read, Write};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use imr_read::Extracted;

/// The hidden argument that makes `imr` the child.
pub const CHILD_ARG: &str = "__extract-pdf";

/// How much one PDF may take.
pub struct Limits {
    pub memory_mb: u64,
    pub seconds: u64,
}

impl Limits {
    /// The defaults, or what the environment says.
    pub fn from_env() -> Limits {
        let var = |name: &str, default: u64| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(default)
        };
        Limits {
            memory_mb: var("IMR_PDF_MEMORY_MB", 1024),
            seconds: var("IMR_PDF_SECONDS", 30),
        }
    }
}

/// Extracts the text of `bytes` in a child process within `limits`; `Err` is a plain sentence.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot start the PDF reader: {e}"))?;
    let mut command = Command::new(exe);
    command
        .arg(CHILD_ARG)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    limit_memory(&mut command, limits.memory_mb);
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start the PDF reader: {e}"))?;

    let (mut stdin, mut stdout, mut stderr) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take());
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(s) = stdin.as_mut() {
            let _ = s.write_all(&input);
        }
    });
    let reader = std::thread::spawn(move || {
        let (mut out, mut err) = (Vec::new(), String::new());
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut out);
        }
        if let Some(s) = stderr.as_mut() {
            let _ = s.read_to_string(&mut err);
        }
        (out, err)
    });

    let deadline = Instant::now() + Duration::from_secs(limits.seconds);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(1)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let _ = writer.join();
    let (out, err) = reader.join().unwrap_or_default();
    match status {
        None => Err(format!(
            "reading this PDF took longer than {} s and was stopped (a damaged or hostile file?)",
            limits.seconds
        )),
        Some(s) if !s.success() && err.contains("memory allocation") => Err(format!(
            "reading this PDF needed more than {} MB of memory and was stopped (a decompression bomb or a damaged file?)",
            limits.memory_mb
        )),
        Some(s) if !s.success() => Err("the PDF reader stopped on this file (a damaged or hostile file?)".into()),
        Some(_) => from_json(&out),
    }
}

fn from_json(out: &[u8]) -> Result<Extracted, String> {
    let answer: Answer =
        serde_json::from_slice(out).map_err(|_| "the PDF reader gave no answer".to_string())?;
    match answer {
        Answer { ok: Some(e), .. } => Ok(e),
        Answer { error: Some(e), .. } => Err(e),
        _ => Err("the PDF reader gave no answer".into()),
    }
}

/// What the child writes: the extracted text, or why there is none.
#[derive(serde::Serialize, serde::Deserialize)]
struct Answer {
    ok: Option<Extracted>,
    error: Option<String>,
}

/// The child: PDF bytes on standard input, the text as JSON on standard output.
pub fn run_child() -> ExitCode {
    let mut bytes = Vec::new();
    if std::io::stdin().read_to_end(&mut bytes).is_err() {
        return ExitCode::from(2);
    }
    let answer = match imr_read::extract(&bytes) {
        Ok(e) => Answer {
            ok: Some(e),
            error: None,
        },
        Err(e) => Answer {
            ok: None,
            error: Some(e.to_string()),
        },
    };
    let mut out = std::io::stdout().lock();
    let written = serde_json::to_writer(&mut out, &answer).map_err(std::io::Error::from);
    if written.and_then(|_| out.flush()).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

#[cfg(unix)]
fn limit_memory(command: &mut Command, mb: u64) {
    use std::os::unix::process::CommandExt;
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
fn limit_memory(_command: &mut Command, _mb: u64) {}
