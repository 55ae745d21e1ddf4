//! The limits of the child process that reads one PDF or scan, from the environment. Every
//! value is either valid or a usage error naming the variable: never a silent default.

use std::fmt;

/// Megabytes of address space for one child: `IMR_PDF_MEMORY_MB`.
pub const MEMORY_VAR: &str = "IMR_PDF_MEMORY_MB";
/// Seconds for reading one file: `IMR_PDF_SECONDS`.
pub const SECONDS_VAR: &str = "IMR_PDF_SECONDS";
/// Seconds more for each page read by OCR: `IMR_OCR_SECONDS`.
pub const OCR_SECONDS_VAR: &str = "IMR_OCR_SECONDS";

/// Largest value either variable takes (a million seconds is 11 days; a million MB, a terabyte).
pub const MAX: u64 = 1_000_000;
/// Smallest memory limit: below it the child cannot even start.
pub const MIN_MEMORY_MB: u64 = 32;

/// How much one PDF or scan may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Address space of the child, in MB.
    pub memory_mb: u64,
    /// Seconds for reading the file (decoding, text extraction).
    pub seconds: u64,
    /// Seconds more for each page read by OCR (Tesseract takes 4-5 s of CPU a page, several
    /// times that on a busy machine).
    pub ocr_seconds: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            memory_mb: 1024,
            seconds: 30,
            ocr_seconds: 120,
        }
    }
}

/// A variable whose value is not a whole number in its range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadVar {
    pub name: &'static str,
    pub value: String,
    pub min: u64,
}

impl fmt::Display for BadVar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid value '{}' for the environment variable {}: a whole number from {} to {MAX} is expected",
            self.value.escape_debug(),
            self.name,
            self.min
        )
    }
}

impl Limits {
    /// The limits the environment sets (the defaults for variables not set).
    pub fn from_env() -> Result<Limits, BadVar> {
        Limits::from_vars(|name| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned()))
    }

    /// The limits from `get` (a variable's value, if set).
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Result<Limits, BadVar> {
        let d = Limits::default();
        Ok(Limits {
            memory_mb: value(&get, MEMORY_VAR, MIN_MEMORY_MB, d.memory_mb)?,
            seconds: value(&get, SECONDS_VAR, 1, d.seconds)?,
            ocr_seconds: value(&get, OCR_SECONDS_VAR, 1, d.ocr_seconds)?,
        })
    }
}

fn value(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    min: u64,
    default: u64,
) -> Result<u64, BadVar> {
    let Some(raw) = get(name) else {
        return Ok(default);
    };
    raw.trim()
        .parse::<u64>()
        .ok()
        .filter(|v| (min..=MAX).contains(v))
        .ok_or(BadVar {
            name,
            value: raw,
            min,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(memory: Option<&str>, seconds: Option<&str>) -> Result<Limits, BadVar> {
        Limits::from_vars(|name| match name {
            MEMORY_VAR => memory.map(str::to_string),
            SECONDS_VAR => seconds.map(str::to_string),
            _ => None,
        })
    }

    #[test]
    fn values_in_range_are_taken_and_unset_ones_default() {
        assert_eq!(with(None, None), Ok(Limits::default()));
        assert_eq!(
            with(Some("256"), Some(" 1000000 ")),
            Ok(Limits {
                memory_mb: 256,
                seconds: 1_000_000,
                ocr_seconds: 120,
            })
        );
        assert_eq!(with(Some("32"), Some("1")).unwrap().seconds, 1);
    }

    #[test]
    fn every_other_value_is_refused_with_the_variables_name() {
        for bad in [
            "0",
            "-1",
            "abc",
            "",
            "1.5",
            "1000001",
            "9223372036854775807",
            "18446744073709551615",
            "99999999999999999999999",
        ] {
            let e = with(None, Some(bad)).unwrap_err();
            assert_eq!(e.name, SECONDS_VAR, "{bad}");
            assert!(e.to_string().contains("IMR_PDF_SECONDS"), "{e}");
            let e = with(Some(bad), None).unwrap_err();
            assert_eq!(e.name, MEMORY_VAR, "{bad}");
            let e = Limits::from_vars(|n| (n == OCR_SECONDS_VAR).then(|| bad.to_string()));
            assert_eq!(e.unwrap_err().name, OCR_SECONDS_VAR, "{bad}");
        }
        assert_eq!(with(Some("31"), None).unwrap_err().min, 32);
    }
}
