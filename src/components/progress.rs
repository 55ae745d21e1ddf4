//! The batch's progress bar (done / total, files per second, time left) and its cancel button;
//! after the batch, a short summary that can be dismissed.

use yew::prelude::*;

use crate::runner::{now, BatchInfo};
use crate::scheduler::Summary;
use crate::state::{AppState, Entry, Status};

/// From this many files, the bar also says how long is left.
const BIG_BATCH: usize = 50;
/// The rate is shown once the batch has run this long (ms): earlier it says little.
const RATE_AFTER_MS: u64 = 1_000;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
    pub batch: BatchInfo,
    pub on_cancel: Callback<()>,
    pub on_dismiss: Callback<()>,
}

#[function_component(Progress)]
pub fn progress(props: &Props) -> Html {
    let (done, total) = props.state.batch;
    let pending = props.state.pending();
    let data = |text: String| {
        html! {
            <label for="progress-bar" id="progress-text" data-done={done.to_string()} data-total={total.to_string()}
                data-pending={pending.to_string()} data-entries={props.state.entries.len().to_string()}>
                { text }
            </label>
        }
    };
    if pending == 0 {
        let BatchInfo::Over(summary) = props.batch else {
            return html! {};
        };
        let onclick = props.on_dismiss.reform(|_| ());
        let entries = &props.state.entries;
        let batch = &entries[entries.len().saturating_sub(total)..];
        let (summary, by_ocr) = with_scans(summary, batch);
        let mut text = summary_text(&summary);
        if by_ocr > 0 {
            text += &format!(" · {by_ocr} being read by OCR");
        }
        return html! {
            <section class="progress batch-summary no-print" aria-label="Last batch" role="status">
                { data(text) }
                <button type="button" id="dismiss-summary" class="secondary" aria-label="Dismiss" {onclick}>{ "×" }</button>
            </section>
        };
    }
    let mut text = format!("Reading {done} / {total}");
    if let BatchInfo::Running(started) = props.batch {
        let elapsed = now().0.saturating_sub(started.0);
        if elapsed >= RATE_AFTER_MS && done > 0 {
            text += &format!(" · {} files/s", rate(done, elapsed));
            if total >= BIG_BATCH {
                let left = (total - done) as u64 * elapsed / done as u64;
                text += &format!(" · about {} left", duration(left));
            }
        }
    }
    let onclick = props.on_cancel.reform(|_| ());
    html! {
        <section class="progress no-print" aria-label="Reading progress">
            { data(text) }
            <progress id="progress-bar" max={total.to_string()} value={done.to_string()} />
            <button type="button" id="cancel" class="secondary" {onclick}>{ "Cancel" }</button>
        </section>
    }
}

/// "12 read, 1 not read, 3 cancelled, in 2.4 s" (the parts that are not zero).
pub fn summary_text(s: &Summary) -> String {
    let mut parts = vec![format!("{} read", s.read)];
    if s.failed > 0 {
        parts.push(format!("{} not read", s.failed));
    }
    if s.cancelled > 0 {
        parts.push(format!("{} cancelled", s.cancelled));
    }
    format!("{}, in {}", parts.join(", "), duration(s.elapsed.0))
}

/// The batch's summary counted on its files as they stand: the parsing worker's summary counts
/// a scan it handed to the text recogniser as not read, but the scan is read (or not) by OCR
/// after. Also gives the scans still being read. The scheduler's summary stays as it is when it
/// is not of these files (a cancelled batch is forgotten by the state).
pub fn with_scans(s: Summary, batch: &[Entry]) -> (Summary, usize) {
    if batch.is_empty() || s.read + s.failed + s.cancelled != batch.len() {
        return (s, 0);
    }
    let mut out = Summary {
        read: 0,
        failed: 0,
        cancelled: 0,
        ..s
    };
    let mut by_ocr = 0;
    for e in batch {
        match e.status {
            Status::Done(_) => out.read += 1,
            Status::Failed(_) => out.failed += 1,
            Status::Cancelled | Status::Queued => out.cancelled += 1,
            Status::Ocr(_) => by_ocr += 1,
        }
    }
    (out, by_ocr)
}

/// Files per second, with one decimal below 10 (integer arithmetic: float formatting costs
/// the page's wasm ~10 KB).
pub fn rate(files: usize, ms: u64) -> String {
    let tenths = files as u64 * 10_000 / ms.max(1);
    if tenths >= 100 {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// "0.4 s", "12 s", "3 min 5 s".
pub fn duration(ms: u64) -> String {
    let s = ms / 1000;
    match s {
        0..=9 => format!("{}.{} s", s, ms % 1000 / 100),
        10..=59 => format!("{s} s"),
        _ => format!("{} min {} s", s / 60, s % 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::Millis;

    #[test]
    fn rates_and_durations_read_well() {
        assert_eq!(rate(3, 2_000), "1.5");
        assert_eq!(rate(250, 2_000), "125");
        assert_eq!(rate(1, 0), "1000");
        assert_eq!(duration(420), "0.4 s");
        assert_eq!(duration(9_960), "9.9 s");
        assert_eq!(duration(42_000), "42 s");
        assert_eq!(duration(185_000), "3 min 5 s");
    }

    #[test]
    fn a_scan_read_by_ocr_counts_as_read() {
        use crate::protocol::{Failure, Parsed};
        use crate::state::OcrStage;
        let entry = |id, status| Entry {
            id,
            name: format!("f{id}"),
            status,
        };
        let parsed = || {
            Status::Done(std::rc::Rc::new(Parsed {
                letters: vec![],
                text: String::new(),
                kind: "scan".into(),
                pages: Some(1),
            }))
        };
        // The parsing worker answered 2 read, 2 failed: one of them a scan sent on to OCR.
        let s = Summary {
            read: 2,
            failed: 2,
            cancelled: 0,
            elapsed: Millis(1_000),
        };
        let failure = Status::Failed(Failure {
            code: "not-a-pdf".into(),
            message: String::new(),
        });
        let mut batch = vec![
            entry(1, parsed()),
            entry(2, parsed()),
            entry(3, failure),
            entry(4, Status::Ocr(OcrStage::Page { page: 1, pages: 2 })),
        ];
        let (now, reading) = with_scans(s, &batch);
        assert_eq!((now.read, now.failed, reading), (2, 1, 1));
        assert_eq!(
            summary_text(&now),
            "2 read, 1 not read, in 1.0 s",
            "a scan being read is not 'not read'"
        );
        batch[3].status = parsed();
        let (now, reading) = with_scans(s, &batch);
        assert_eq!((now.read, now.failed, reading), (3, 1, 0));
        // Another batch's files: the scheduler's summary as it is.
        assert_eq!(with_scans(s, &batch[..3]), (s, 0));
    }

    #[test]
    fn the_summary_names_what_is_not_zero() {
        let s = Summary {
            read: 12,
            failed: 0,
            cancelled: 0,
            elapsed: Millis(2_400),
        };
        assert_eq!(summary_text(&s), "12 read, in 2.4 s");
        let s = Summary {
            failed: 1,
            cancelled: 3,
            ..s
        };
        assert_eq!(
            summary_text(&s),
            "12 read, 1 not read, 3 cancelled, in 2.4 s"
        );
    }
}
