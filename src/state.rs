//! The page's state: a `Reducible` driven by [`Action`]s. Pure data, so it is tested natively.

use std::rc::Rc;

use imr_letter::{CitationSource, Decision, Item, Letter, Outcome};
use yew::Reducible;

use crate::protocol::{Failure, Parsed};

/// One file or pasted text handed to the worker.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: u32,
    pub name: String,
    pub status: Status,
}

#[derive(Debug, Clone)]
pub enum Status {
    Queued,
    Done(Rc<Parsed>),
    Failed(Failure),
    Cancelled,
    /// A scan, being read by the text recogniser (see `crate::ocr`).
    Ocr(OcrStage),
}

/// Where the reading of a scan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OcrStage {
    /// Behind another scan.
    Waiting,
    /// The recogniser's files coming in (bytes; `total` 0 when unknown).
    Loading { loaded: u64, total: u64 },
    /// Recognising page `page` of `pages`.
    Page { page: usize, pages: usize },
}

/// A parsed letter is never changed in place: two are the same when they are the same `Rc`.
/// (Comparing them deeply made every re-render of a big batch compare every letter and text,
/// once per component given the state.)
impl PartialEq for Status {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Status::Done(a), Status::Done(b)) => Rc::ptr_eq(a, b),
            (Status::Failed(a), Status::Failed(b)) => a == b,
            (Status::Ocr(a), Status::Ocr(b)) => a == b,
            (Status::Queued, Status::Queued) | (Status::Cancelled, Status::Cancelled) => true,
            _ => false,
        }
    }
}

impl Entry {
    pub fn parsed(&self) -> Option<&Rc<Parsed>> {
        match &self.status {
            Status::Done(p) => Some(p),
            _ => None,
        }
    }
}

/// Which main view is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Letters,
    Items,
    Letter(u32),
}

/// The columns one can sort by (both tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    #[default]
    Order,
    File,
    Case,
    DecisionDate,
    InjuryDate,
    Items,
    Outcome,
    Specialties,
    Request,
    Decision,
    Source,
}

/// Filters over the letters (and their items).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// `""` for any, else an [`Outcome::as_str`].
    pub outcome: String,
    /// `""`, `upheld` or `overturned`: letters with such an item; items with that decision.
    pub decision: String,
    /// `""` or one specialty, exactly.
    pub specialty: String,
    /// `""`, `mtus`, `non_mtus` or `none`.
    pub source: String,
    /// Text anywhere in case number, file name, requests, specialties (ASCII case-insensitive:
    /// full Unicode lower-casing costs ~8 KB of wasm and the letters are ASCII).
    pub search: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct AppState {
    pub entries: Vec<Entry>,
    pub view: View,
    pub filter: Filter,
    pub sort: (Column, bool),
    /// JSON pointer of the field whose source is highlighted in the letter view.
    pub highlight: Option<String>,
    /// Progress of the current batch: (done, total).
    pub batch: (usize, usize),
}

pub enum Action {
    /// Files/texts handed to the worker, with their ids.
    Added(Vec<(u32, String)>),
    /// The worker's answers, by id.
    Finished(Vec<(u32, Result<Box<Parsed>, Failure>)>),
    /// A scan's reading moved on (it was handed to the text recogniser).
    Ocr(u32, OcrStage),
    /// The scans being read were dropped.
    CancelOcr,
    /// The rest of the queue was dropped (scans being read too).
    Cancel,
    ClearAll,
    Show(View),
    SetFilter(Filter),
    /// Sort by this column; again flips the direction.
    SortBy(Column),
    Highlight(Option<String>),
    /// Escape: from one letter back to the table.
    Escape,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        s.apply(action);
        Rc::new(s)
    }
}

impl AppState {
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Added(list) => {
                if self.pending() == 0 {
                    self.batch = (0, 0);
                }
                self.batch.1 += list.len();
                let single = list.len() == 1 && self.entries.is_empty();
                for (id, name) in list {
                    self.entries.push(Entry {
                        id,
                        name,
                        status: Status::Queued,
                    });
                }
                if single {
                    // One letter: open it as soon as it is read (see Finished).
                    self.view = View::Letter(self.entries[0].id);
                }
            }
            Action::Finished(results) => {
                for (id, result) in results {
                    // Ids grow with entries: a binary search finds the entry.
                    let Ok(i) = self.entries.binary_search_by_key(&id, |e| e.id) else {
                        continue;
                    };
                    let e = &mut self.entries[i];
                    if e.status == Status::Queued {
                        self.batch.0 += 1;
                    }
                    e.status = match result {
                        Ok(p) => Status::Done(Rc::new(*p)),
                        Err(f) => Status::Failed(f),
                    };
                }
            }
            Action::Ocr(id, stage) => {
                if let Ok(i) = self.entries.binary_search_by_key(&id, |e| e.id) {
                    let e = &mut self.entries[i];
                    if matches!(e.status, Status::Failed(_) | Status::Ocr(_)) {
                        e.status = Status::Ocr(stage);
                    }
                }
            }
            Action::CancelOcr => {
                for e in &mut self.entries {
                    if matches!(e.status, Status::Ocr(_)) {
                        e.status = Status::Cancelled;
                    }
                }
            }
            Action::Cancel => {
                for e in &mut self.entries {
                    if matches!(e.status, Status::Queued | Status::Ocr(_)) {
                        e.status = Status::Cancelled;
                    }
                }
                self.batch = (0, 0);
            }
            Action::ClearAll => *self = AppState::default(),
            Action::Show(v) => {
                self.view = v;
                self.highlight = None;
            }
            Action::SetFilter(f) => self.filter = f,
            Action::SortBy(c) => {
                self.sort = if self.sort.0 == c {
                    (c, !self.sort.1)
                } else {
                    (c, false)
                };
            }
            Action::Highlight(h) => self.highlight = h,
            Action::Escape => {
                if matches!(self.view, View::Letter(_)) {
                    self.view = View::Letters;
                    self.highlight = None;
                }
            }
        }
    }

    pub fn pending(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.status == Status::Queued)
            .count()
    }

    /// The scans being read or waiting for the text recogniser.
    pub fn ocr_entries(&self) -> impl Iterator<Item = (&Entry, OcrStage)> {
        self.entries.iter().filter_map(|e| match e.status {
            Status::Ocr(stage) => Some((e, stage)),
            _ => None,
        })
    }

    pub fn entry(&self, id: u32) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Every specialty among the parsed letters, sorted, once each.
    pub fn specialties(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .entries
            .iter()
            .filter_map(Entry::parsed)
            .flat_map(|p| p.letter.reviewer.specialties.iter().cloned())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// The parsed letters the filter lets through, in the chosen order.
    pub fn visible_letters(&self) -> Vec<(&Entry, &Rc<Parsed>)> {
        let f = &self.filter;
        let needle = f.search.trim().to_ascii_lowercase();
        let mut rows: Vec<(&Entry, &Rc<Parsed>)> = self
            .entries
            .iter()
            .filter_map(|e| e.parsed().map(|p| (e, p)))
            .filter(|(e, p)| {
                let l = &p.letter;
                (f.outcome.is_empty() || l.outcome.map(Outcome::as_str) == Some(f.outcome.as_str()))
                    && (f.specialty.is_empty() || l.reviewer.specialties.contains(&f.specialty))
                    && ((f.decision.is_empty() && f.source.is_empty())
                        || l.items.iter().any(|i| item_passes(i, f)))
                    && (needle.is_empty() || letter_has_text(&e.name, l, &needle))
            })
            .collect();
        let (col, desc) = self.sort;
        rows.sort_by(|a, b| {
            let o = letter_key(col, a.0, &a.1.letter).cmp(&letter_key(col, b.0, &b.1.letter));
            if desc {
                o.reverse()
            } else {
                o
            }
        });
        rows
    }

    /// One row per item of the visible letters that passes the item filters.
    pub fn visible_items(&self) -> Vec<ItemRow<'_>> {
        let f = &self.filter;
        let mut rows: Vec<ItemRow<'_>> = self
            .visible_letters()
            .into_iter()
            .flat_map(|(e, p)| {
                p.letter
                    .items
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| item_passes(i, f))
                    .map(move |(n, item)| ItemRow {
                        entry: e,
                        letter: &p.letter,
                        n,
                        item,
                    })
            })
            .collect();
        let (col, desc) = self.sort;
        if matches!(col, Column::Request | Column::Decision | Column::Source) {
            rows.sort_by(|a, b| {
                let o = item_key(col, a.item).cmp(&item_key(col, b.item));
                if desc {
                    o.reverse()
                } else {
                    o
                }
            });
        }
        rows
    }

    /// Letters, items and overturn rate (overturned items / items) of what the filter shows.
    pub fn totals(&self) -> Totals {
        let letters = self.visible_letters().len();
        let items = self.visible_items();
        let overturned = items
            .iter()
            .filter(|r| r.item.decision == Some(Decision::Overturned))
            .count();
        Totals {
            letters,
            items: items.len(),
            overturned,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub letters: usize,
    pub items: usize,
    pub overturned: usize,
}

impl Totals {
    /// The overturn rate as a percentage with one decimal, `"-"` for no items.
    pub fn rate(&self) -> String {
        if self.items == 0 {
            "-".into()
        } else {
            // Integer arithmetic, rounded half up (float formatting costs ~10 KB of wasm).
            let tenths =
                (self.overturned as u64 * 1000 * 2 + self.items as u64) / (self.items as u64 * 2);
            format!("{}.{}%", tenths / 10, tenths % 10)
        }
    }
}

pub struct ItemRow<'a> {
    pub entry: &'a Entry,
    pub letter: &'a Letter,
    pub n: usize,
    pub item: &'a Item,
}

/// The guideline source of an item: `mtus`, `non_mtus`, `both` or `none`.
pub fn item_source(item: &Item) -> &'static str {
    let m = item
        .citations
        .iter()
        .any(|c| c.source == CitationSource::Mtus);
    let n = item
        .citations
        .iter()
        .any(|c| c.source == CitationSource::NonMtus);
    match (m, n) {
        (true, true) => "both",
        (true, false) => "mtus",
        (false, true) => "non_mtus",
        (false, false) => "none",
    }
}

fn item_passes(item: &Item, f: &Filter) -> bool {
    let src_ok = match f.source.as_str() {
        "" => true,
        "none" => item.citations.is_empty(),
        "mtus" => item
            .citations
            .iter()
            .any(|c| c.source == CitationSource::Mtus),
        "non_mtus" => item
            .citations
            .iter()
            .any(|c| c.source == CitationSource::NonMtus),
        _ => false,
    };
    src_ok
        && (f.decision.is_empty()
            || item.decision.map(Decision::as_str) == Some(f.decision.as_str()))
}

fn letter_has_text(name: &str, l: &Letter, needle: &str) -> bool {
    let has = |s: &str| s.to_ascii_lowercase().contains(needle);
    has(name)
        || l.case_number.as_deref().is_some_and(has)
        || l.reviewer.specialties.iter().any(|s| has(s))
        || l.items
            .iter()
            .any(|i| i.request.as_deref().is_some_and(has))
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Num(u64),
    Text(String),
}

fn letter_key(col: Column, e: &Entry, l: &Letter) -> Key {
    let date =
        |d: Option<imr_letter::Date>| Key::Text(d.map(|d| d.to_string()).unwrap_or_default());
    match col {
        Column::File => Key::Text(e.name.to_ascii_lowercase()),
        Column::Case => Key::Text(l.case_number.clone().unwrap_or_default()),
        Column::DecisionDate => date(l.dates.decision),
        Column::InjuryDate => date(l.dates.injury),
        Column::Items => Key::Num(l.items.len() as u64),
        Column::Outcome => Key::Text(l.outcome.map(Outcome::as_str).unwrap_or("").into()),
        Column::Specialties => Key::Text(l.reviewer.specialties.join(", ").to_ascii_lowercase()),
        _ => Key::Num(u64::from(e.id)),
    }
}

fn item_key(col: Column, i: &Item) -> Key {
    match col {
        Column::Request => Key::Text(i.request.as_deref().unwrap_or("").to_ascii_lowercase()),
        Column::Decision => Key::Text(i.decision.map_or("", Decision::as_str).into()),
        _ => Key::Text(item_source(i).into()),
    }
}

/// Days from `a` to `b`, when both are known.
pub fn days_between(a: Option<imr_letter::Date>, b: Option<imr_letter::Date>) -> Option<i64> {
    Some(b?.days_since_epoch() - a?.days_since_epoch())
}

#[cfg(test)]
mod tests {
    use super::*;
    use imr_letter::{Citation, Date};

    fn item(d: Decision, src: Option<CitationSource>) -> Item {
        Item {
            heading: Some("H".into()),
            request: Some("Physical therapy".into()),
            category: Default::default(),
            decision: Some(d),
            medically_necessary: Some(d == Decision::Overturned),
            claims_administrator_guideline: None,
            maximus_guideline: None,
            citations: src
                .map(|s| vec![Citation::new(s, "t".into())])
                .unwrap_or_default(),
            rationale: None,
        }
    }

    fn parsed(case: &str, items: Vec<Item>, spec: &str) -> Box<Parsed> {
        let mut l = Letter {
            case_number: Some(case.into()),
            outcome: Outcome::from_decisions(items.iter().map(|i| i.decision)),
            items,
            ..Letter::default()
        };
        l.reviewer.specialties = vec![spec.into()];
        Box::new(Parsed {
            letter: l,
            text: String::new(),
            kind: "text".into(),
            pages: None,
        })
    }

    #[test]
    fn a_scan_goes_from_failed_to_ocr_to_done_or_cancelled() {
        let mut s = AppState::default();
        s.apply(Action::Added(vec![
            (1, "fax.pdf".into()),
            (2, "scan.png".into()),
        ]));
        let no_text = |code: &str| Failure {
            code: code.into(),
            message: String::new(),
        };
        s.apply(Action::Finished(vec![
            (1, Err(no_text("no-text-layer"))),
            (2, Err(no_text("scan-image"))),
        ]));
        s.apply(Action::Ocr(1, OcrStage::Page { page: 1, pages: 2 }));
        s.apply(Action::Ocr(2, OcrStage::Waiting));
        let stages: Vec<_> = s.ocr_entries().map(|(e, st)| (e.id, st)).collect();
        assert_eq!(
            stages,
            [
                (1, OcrStage::Page { page: 1, pages: 2 }),
                (2, OcrStage::Waiting)
            ]
        );
        s.apply(Action::Finished(vec![(1, Ok(parsed("CM1", vec![], "X")))]));
        assert!(s.entry(1).unwrap().parsed().is_some());
        // A late progress message does not take a read letter back.
        s.apply(Action::Ocr(1, OcrStage::Waiting));
        assert!(s.entry(1).unwrap().parsed().is_some());
        s.apply(Action::CancelOcr);
        assert_eq!(s.entry(2).unwrap().status, Status::Cancelled);
        assert_eq!(s.ocr_entries().count(), 0);
    }

    fn state() -> AppState {
        let mut s = AppState::default();
        s.apply(Action::Added(vec![
            (1, "a.txt".into()),
            (2, "b.txt".into()),
            (3, "c.pdf".into()),
        ]));
        assert_eq!(s.batch, (0, 3));
        s.apply(Action::Finished(vec![(
            1,
            Ok(parsed(
                "CM1",
                vec![item(Decision::Upheld, Some(CitationSource::Mtus))],
                "Surgery",
            )),
        )]));
        s.apply(Action::Finished(vec![(
            2,
            Ok(parsed(
                "CM2",
                vec![
                    item(Decision::Overturned, None),
                    item(Decision::Upheld, Some(CitationSource::NonMtus)),
                ],
                "Anesthesiology",
            )),
        )]));
        s.apply(Action::Finished(vec![(
            3,
            Err(Failure {
                code: "bad".into(),
                message: "Bad.".into(),
            }),
        )]));
        s
    }

    #[test]
    fn totals_follow_the_filter() {
        let mut s = state();
        assert_eq!(s.batch, (3, 3));
        assert_eq!(s.pending(), 0);
        assert_eq!(
            s.totals(),
            Totals {
                letters: 2,
                items: 3,
                overturned: 1
            }
        );
        assert_eq!(s.totals().rate(), "33.3%");
        s.apply(Action::SetFilter(Filter {
            outcome: "partially_overturned".into(),
            ..Filter::default()
        }));
        assert_eq!(
            s.totals(),
            Totals {
                letters: 1,
                items: 2,
                overturned: 1
            }
        );
        s.apply(Action::SetFilter(Filter {
            source: "none".into(),
            ..Filter::default()
        }));
        assert_eq!(
            s.totals(),
            Totals {
                letters: 1,
                items: 1,
                overturned: 1
            }
        );
        s.apply(Action::SetFilter(Filter {
            search: "cm1".into(),
            ..Filter::default()
        }));
        assert_eq!(
            s.totals(),
            Totals {
                letters: 1,
                items: 1,
                overturned: 0
            }
        );
        s.apply(Action::SetFilter(Filter {
            specialty: "Anesthesiology".into(),
            ..Filter::default()
        }));
        assert_eq!(
            s.visible_letters()[0].1.letter.case_number.as_deref(),
            Some("CM2")
        );
    }

    #[test]
    fn sorting_flips_and_clear_empties() {
        let mut s = state();
        s.apply(Action::SortBy(Column::Items));
        let cases: Vec<_> = s.visible_letters().iter().map(|r| r.0.id).collect();
        assert_eq!(cases, vec![1, 2]);
        s.apply(Action::SortBy(Column::Items));
        let cases: Vec<_> = s.visible_letters().iter().map(|r| r.0.id).collect();
        assert_eq!(cases, vec![2, 1]);
        s.apply(Action::ClearAll);
        assert!(s.entries.is_empty());
    }

    #[test]
    fn intervals_in_days() {
        let a = Date::new(2016, 12, 5);
        let b = Date::new(2016, 12, 12);
        assert_eq!(days_between(a, b), Some(7));
        assert_eq!(days_between(None, b), None);
    }
}
