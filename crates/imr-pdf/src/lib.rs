//! PDF text extraction (issue 3).
