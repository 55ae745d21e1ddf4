//! The letter layouts the parser knows, one module each. A layout owns its detection, its
//! sections and its rule for a cut letter; [`LAYOUTS`] tries them in order. A new layout is a
//! new module and a line in that table.

mod final_determination;
mod notice2013;

use crate::diagnostics::Builder;

/// One letter layout.
pub trait LetterLayout: Sync {
    /// Reads the letter in `b.range`, its truncation check included, if the text is a letter
    /// of this layout; returns `false` (having changed nothing) if it is not.
    fn read(&self, b: &mut Builder) -> bool;
}

/// The layouts, in the order they are tried.
pub static LAYOUTS: [&dyn LetterLayout; 2] = [
    &final_determination::FinalDetermination,
    &notice2013::Notice2013,
];

/// Warns that the letter in `b.range` stops before its end, pointing at its last words.
pub(crate) fn warn_truncated(b: &mut Builder) {
    let end = b.end();
    let tail = b
        .flat
        .floor_boundary(end.saturating_sub(40).max(b.range.start()));
    b.warn(
        crate::diagnostics::WarningCode::Truncated,
        "The text stops before the letter ends; what follows the last words is missing.",
        Some((tail, end)),
    );
}
