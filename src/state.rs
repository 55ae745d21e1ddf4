//! The page's state: a `Reducible` driven by [`Action`]s. Pure data, so it is tested natively.

use std::rc::Rc;

use imr_letter::stats::{guideline_groups, insights_of, GuidelineGroup, Insights, Month};
use imr_letter::{
    CitationSource, Decision, Item, Letter, Outcome, Subtype, TreatmentType, WarningCode,
};
use yew::Reducible;

use crate::protocol::{Failure, Parsed};
use crate::search::Needle;
use crate::source_text::SourceText;

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

/// One letter of the batch: its file's entry id and its place among that file's letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LetterId {
    pub entry: u32,
    pub index: u32,
}

impl LetterId {
    /// The first (most often the only) letter of a file.
    pub fn first(entry: u32) -> LetterId {
        LetterId { entry, index: 0 }
    }
}

/// Which main view is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Letters,
    Items,
    Insights,
    Letter(LetterId),
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
    Category,
}

/// Filters over the letters (and their items); `None` (or `""`) lets everything through.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    pub outcome: Option<Outcome>,
    /// Letters with an item of this decision; items with it.
    pub decision: Option<Decision>,
    /// `""` or one specialty, exactly.
    pub specialty: String,
    /// Letters with an item citing this source; items citing it.
    pub source: Option<GuidelineFilter>,
    /// Letters with an item of this type; items of it.
    pub category: Option<TreatmentType>,
    /// With `category`: letters with an item of this subtype; items of it.
    pub subtype: Option<Subtype>,
    /// Letters with an item citing this guideline (an MTUS chapter, ODG, ACOEM, other, or none
    /// cited, as Insights groups them); items citing it.
    pub guideline: Option<GuidelineGroup>,
    /// Letters by their warnings.
    pub warnings: Option<WarningsFilter>,
    /// Letters by their dates, as Insights groups them (a month, a span of days).
    pub dates: Option<DatesFilter>,
    /// Text anywhere in case number, file name, requests, specialties (ASCII case-insensitive:
    /// full Unicode lower-casing costs ~8 KB of wasm and the letters are ASCII).
    pub search: String,
    /// Whether search also looks in the letters' text: the summary and each rationale.
    pub search_text: bool,
}

/// Letters by their dates, as Insights groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatesFilter {
    /// Decided in this month (`None`: no decision date).
    Month(Option<Month>),
    /// From `from` to `to` days (or more, without `to`) from the UR denial to the application.
    UrDenialToApplication(i64, Option<i64>),
    /// The same, from the application to the decision.
    ApplicationToDecision(i64, Option<i64>),
}

impl DatesFilter {
    fn passes(self, l: &Letter) -> bool {
        let d = &l.dates;
        let within = |days: Option<i64>, from: i64, to: Option<i64>| {
            days.is_some_and(|n| n >= from && to.is_none_or(|t| n <= t))
        };
        match self {
            DatesFilter::Month(m) => {
                d.decision.map(|d| Month {
                    year: d.year(),
                    month: d.month(),
                }) == m
            }
            DatesFilter::UrDenialToApplication(from, to) => {
                within(days_between(d.ur_denial, d.application_received), from, to)
            }
            DatesFilter::ApplicationToDecision(from, to) => {
                within(days_between(d.application_received, d.decision), from, to)
            }
        }
    }

    /// What the filter's chip says.
    pub fn label(self) -> String {
        let days = |from: i64, to: Option<i64>| match to {
            Some(to) => format!("{from}-{to} days"),
            None => format!("{from}+ days"),
        };
        match self {
            DatesFilter::Month(Some(m)) => format!("Decided in {m}"),
            DatesFilter::Month(None) => "No decision date".into(),
            DatesFilter::UrDenialToApplication(f, t) => {
                format!("UR denial to application: {}", days(f, t))
            }
            DatesFilter::ApplicationToDecision(f, t) => {
                format!("Application to decision: {}", days(f, t))
            }
        }
    }
}

/// Which guideline source an item cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuidelineFilter {
    /// At least one MTUS citation.
    Mtus,
    /// At least one non-MTUS citation.
    NonMtus,
    /// No citation.
    NoneCited,
}

impl GuidelineFilter {
    pub const ALL: [GuidelineFilter; 3] = [
        GuidelineFilter::Mtus,
        GuidelineFilter::NonMtus,
        GuidelineFilter::NoneCited,
    ];

    /// The form an option's value takes (as [`item_source`] writes them).
    pub fn as_str(self) -> &'static str {
        match self {
            GuidelineFilter::Mtus => "mtus",
            GuidelineFilter::NonMtus => "non_mtus",
            GuidelineFilter::NoneCited => "none",
        }
    }
}

/// Letters by what the reader warns about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningsFilter {
    /// At least one warning.
    WithWarnings,
    /// Cut letters: their text stops before the letter ends (see [`is_cut`]).
    Cut,
}

impl WarningsFilter {
    pub const ALL: [WarningsFilter; 2] = [WarningsFilter::WithWarnings, WarningsFilter::Cut];

    /// The form an option's value takes.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningsFilter::WithWarnings => "with_warnings",
            WarningsFilter::Cut => "cut",
        }
    }

    fn passes(self, l: &Letter) -> bool {
        match self {
            WarningsFilter::WithWarnings => !l.warnings.is_empty(),
            WarningsFilter::Cut => is_cut(l),
        }
    }
}

/// Whether the letter's text stops before the letter ends (a `truncated` warning).
pub fn is_cut(l: &Letter) -> bool {
    l.warnings.iter().any(|w| w.code == WarningCode::Truncated)
}

/// One letter as the views index it, made once when its file is read.
#[derive(Debug)]
pub struct Row {
    pub id: LetterId,
    /// Its file's name.
    pub name: Rc<str>,
    /// How many letters its file holds (1 for most files).
    pub of: usize,
    /// Its file, read: the letter is `parsed.letters[id.index]` (`parsed.text` is empty: the
    /// text is kept apart, in `text`).
    pub parsed: Rc<Parsed>,
    /// Its file's text, read back when the letter is shown.
    pub text: Rc<SourceText>,
    /// What search looks in, lower-cased (ASCII): file name, case number, specialties,
    /// requests, one per line.
    haystack: Box<str>,
}

/// Rows are never changed in place: the same letter of the same reading is the same row.
impl PartialEq for Row {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && Rc::ptr_eq(&self.parsed, &other.parsed)
    }
}

impl Row {
    fn new(id: LetterId, name: Rc<str>, parsed: Rc<Parsed>, text: Rc<SourceText>) -> Row {
        let of = parsed.letters.len();
        let l = &parsed.letters[id.index as usize];
        let mut hay = String::from(&*name);
        for s in l
            .case_number
            .iter()
            .chain(&l.reviewer.specialties)
            .chain(l.items.iter().filter_map(|i| i.request.as_ref()))
        {
            hay.push('\n');
            hay.push_str(s);
        }
        hay.make_ascii_lowercase();
        Row {
            id,
            name,
            of,
            parsed,
            text,
            haystack: hay.into_boxed_str(),
        }
    }

    pub fn letter(&self) -> &Letter {
        &self.parsed.letters[self.id.index as usize]
    }
}

/// The files and texts handed to the worker, in order. Shared by the states an action makes
/// (equal when the same `Rc`): an action that changes no entry neither copies nor compares
/// them, whatever the batch's size.
#[derive(Debug, Clone, Default)]
pub struct Entries(Rc<Vec<Entry>>);

impl PartialEq for Entries {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Entries {
    type Target = Vec<Entry>;
    fn deref(&self) -> &Vec<Entry> {
        &self.0
    }
}

/// Every letter read, in the order of their files, and what the filters offer: built once per
/// batch (appended to as files are read), never re-scanned per keystroke. Shared by the states
/// an action makes (equal when the same `Rc`).
#[derive(Debug, Clone, Default)]
pub struct Index(Rc<IndexData>);

#[derive(Debug, Default)]
pub struct IndexData {
    pub rows: Vec<Rc<Row>>,
    /// Every specialty among the letters, sorted, once each.
    pub specialties: Vec<String>,
}

impl PartialEq for Index {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Index {
    type Target = IndexData;
    fn deref(&self) -> &IndexData {
        &self.0
    }
}

/// What the tables show: positions in [`IndexData::rows`] the filter lets through, in the
/// chosen order, and their totals. Computed once per change of letters, filter or sort.
#[derive(Debug, Clone, Default)]
pub struct Shown(Rc<ShownData>);

#[derive(Debug, Default)]
pub struct ShownData {
    /// Rows shown in the Letters view, in order.
    pub letters: Vec<u32>,
    /// (row, item number) shown in the Items view, in order.
    pub items: Vec<(u32, u32)>,
    pub totals: Totals,
}

impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Shown {
    type Target = ShownData;
    fn deref(&self) -> &ShownData {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct AppState {
    pub entries: Entries,
    pub view: View,
    pub filter: Filter,
    pub sort: (Column, bool),
    /// Progress of the current batch: (done, total).
    pub batch: (usize, usize),
    /// Every letter read (see [`Index`]).
    pub index: Index,
    /// What the tables show (see [`Shown`]); kept in step by [`AppState::apply`].
    pub shown: Shown,
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
    /// Escape: from one letter back to the table.
    Escape,
    /// From one letter to the next (`1`) or previous (`-1`) of the table, in its order.
    Step(isize),
    /// Test hook (`?test-hooks`): copies of the files read so far (deep copies, as if each were
    /// read again under a new name, each with its own copy of the text) until the batch holds
    /// at least this many letters. With the texts of the files read, by entry id (read back by
    /// the page first: see [`AppState::texts`]).
    Repeat(usize, Vec<(u32, String)>),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // The keys (Escape, arrows) outside a letter change nothing: the same `Rc` is no
        // re-render of the tables.
        let in_letter = matches!(self.view, View::Letter(_));
        if matches!(action, Action::Escape | Action::Step(_)) && !in_letter {
            return self;
        }
        let mut s = (*self).clone();
        s.apply(action);
        Rc::new(s)
    }
}

/// Ids of the copies made by [`Action::Repeat`]: far above the runner's, which count from 0.
const REPEAT_IDS: u32 = 0x8000_0000;

impl AppState {
    pub fn apply(&mut self, action: Action) {
        // Entries newly read, with their texts, for the index.
        let mut added: Vec<(usize, Rc<SourceText>)> = Vec::new();
        let reshow = matches!(
            action,
            Action::Finished(_) | Action::SetFilter(_) | Action::SortBy(_) | Action::Repeat(..)
        );
        match action {
            Action::Added(list) => {
                if self.pending() == 0 {
                    self.batch = (0, 0);
                }
                self.batch.1 += list.len();
                let single = list.len() == 1 && self.entries.is_empty();
                let entries = self.entries_mut();
                for (id, name) in list {
                    entries.push(Entry {
                        id,
                        name,
                        status: Status::Queued,
                    });
                }
                if single {
                    // One file: open its letter as soon as it is read (see Finished).
                    self.view = View::Letter(LetterId::first(self.entries[0].id));
                }
            }
            Action::Finished(results) => {
                for (id, result) in results {
                    // Ids grow with entries: a binary search finds the entry (copies made by
                    // the test hook may break the order: then a scan).
                    let found = self
                        .entries
                        .binary_search_by_key(&id, |e| e.id)
                        .ok()
                        .or_else(|| self.entries.iter().position(|e| e.id == id));
                    let Some(i) = found else {
                        continue;
                    };
                    let e = &mut self.entries_mut()[i];
                    let queued = e.status == Status::Queued;
                    let was_read = e.parsed().is_some();
                    e.status = match result {
                        Ok(mut p) => {
                            // The text goes out of wasm memory (see `SourceText`).
                            let text = Rc::new(SourceText::new(&std::mem::take(&mut p.text)));
                            if !was_read {
                                added.push((i, text));
                            }
                            Status::Done(Rc::new(*p))
                        }
                        Err(f) => Status::Failed(f),
                    };
                    if queued {
                        self.batch.0 += 1;
                    }
                }
                // A single file that holds several letters: the table, not its first letter.
                if let View::Letter(l) = self.view {
                    if self.entries.len() == 1
                        && self.entries[0]
                            .parsed()
                            .is_some_and(|p| p.letters.len() > 1)
                        && l == LetterId::first(self.entries[0].id)
                    {
                        self.view = View::Letters;
                    }
                }
            }
            Action::Ocr(id, stage) => {
                if let Ok(i) = self.entries.binary_search_by_key(&id, |e| e.id) {
                    let e = &mut self.entries_mut()[i];
                    if matches!(e.status, Status::Failed(_) | Status::Ocr(_)) {
                        e.status = Status::Ocr(stage);
                    }
                }
            }
            Action::CancelOcr => {
                for e in self.entries_mut() {
                    if matches!(e.status, Status::Ocr(_)) {
                        e.status = Status::Cancelled;
                    }
                }
            }
            Action::Cancel => {
                for e in self.entries_mut() {
                    if matches!(e.status, Status::Queued | Status::Ocr(_)) {
                        e.status = Status::Cancelled;
                    }
                }
                self.batch = (0, 0);
            }
            Action::ClearAll => *self = AppState::default(),
            Action::Show(v) => self.view = v,
            Action::SetFilter(f) => self.filter = f,
            Action::SortBy(c) => {
                self.sort = if self.sort.0 == c {
                    (c, !self.sort.1)
                } else {
                    (c, false)
                };
            }
            Action::Escape => {
                if matches!(self.view, View::Letter(_)) {
                    self.view = View::Letters;
                }
            }
            Action::Step(by) => {
                if let View::Letter(id) = self.view {
                    if let Some(next) = self.neighbour(id, by) {
                        self.view = View::Letter(next);
                    }
                }
            }
            Action::Repeat(n, texts) => {
                let text_of = |id: u32| {
                    texts
                        .iter()
                        .find(|(t, _)| *t == id)
                        .map_or("", |(_, t)| t.as_str())
                };
                let read: Vec<(String, Parsed, &str)> = self
                    .entries
                    .iter()
                    .filter_map(|e| {
                        let p = e.parsed()?;
                        Some((e.name.clone(), (**p).clone(), text_of(e.id)))
                    })
                    .collect();
                let mut letters = self.index.rows.len();
                let mut next = self
                    .entries
                    .iter()
                    .map(|e| e.id)
                    .filter(|&id| id >= REPEAT_IDS)
                    .max()
                    .map_or(REPEAT_IDS, |m| m + 1);
                'copies: for copy in 1.. {
                    for (name, p, text) in &read {
                        if letters >= n {
                            break 'copies;
                        }
                        letters += p.letters.len();
                        let entries = Rc::make_mut(&mut self.entries.0);
                        entries.push(Entry {
                            id: next,
                            name: format!("copy-{copy}/{name}"),
                            status: Status::Done(Rc::new(p.clone())),
                        });
                        added.push((entries.len() - 1, Rc::new(SourceText::new(text))));
                        next += 1;
                    }
                    if read.is_empty() {
                        break;
                    }
                }
            }
        }
        if !added.is_empty() {
            self.index_entries(&added);
        }
        if reshow {
            self.shown = Shown(Rc::new(self.compute_shown()));
        }
    }

    /// The entries, to change (copied first if an earlier state still shares them).
    fn entries_mut(&mut self) -> &mut Vec<Entry> {
        Rc::make_mut(&mut self.entries.0)
    }

    /// Adds the letters of these entries (positions in `entries`, with their texts) to the index.
    fn index_entries(&mut self, added: &[(usize, Rc<SourceText>)]) {
        let mut data = IndexData {
            rows: self.index.rows.clone(),
            specialties: self.index.specialties.clone(),
        };
        for (i, text) in added {
            let e = &self.entries[*i];
            let Some(p) = e.parsed() else { continue };
            let name: Rc<str> = Rc::from(e.name.as_str());
            for (n, l) in p.letters.iter().enumerate() {
                for s in &l.reviewer.specialties {
                    if let Err(at) = data.specialties.binary_search(s) {
                        data.specialties.insert(at, s.clone());
                    }
                }
                let id = LetterId {
                    entry: e.id,
                    index: n as u32,
                };
                data.rows
                    .push(Rc::new(Row::new(id, name.clone(), p.clone(), text.clone())));
            }
        }
        self.index = Index(Rc::new(data));
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

    /// The indexed letter with this id.
    pub fn row(&self, id: LetterId) -> Option<&Rc<Row>> {
        // Rows are in the order of ids, but for copies made by the test hook before files read
        // later: then a scan.
        let rows = &self.index.rows;
        rows.binary_search_by_key(&id, |r| r.id)
            .ok()
            .map(|i| &rows[i])
            .or_else(|| rows.iter().find(|r| r.id == id))
    }

    /// The text of every file read, by entry id (for the test hook's copies, which read them
    /// back before copying).
    pub fn texts(&self) -> Vec<(u32, Rc<SourceText>)> {
        let rows = self.index.rows.iter().filter(|r| r.id.index == 0);
        rows.map(|r| (r.id.entry, r.text.clone())).collect()
    }

    /// Every specialty among the parsed letters, sorted, once each.
    pub fn specialties(&self) -> &[String] {
        &self.index.specialties
    }

    /// The letters the filter lets through, in the chosen order.
    pub fn visible_letters(&self) -> impl Iterator<Item = &Rc<Row>> + '_ {
        self.shown
            .letters
            .iter()
            .map(|&r| &self.index.rows[r as usize])
    }

    /// The item rows shown, in order.
    pub fn visible_items(&self) -> impl Iterator<Item = ItemRow<'_>> + '_ {
        self.shown.items.iter().map(|&(r, n)| self.item_row(r, n))
    }

    /// The item `n` of row `r` of the index.
    pub fn item_row(&self, r: u32, n: u32) -> ItemRow<'_> {
        let row = &self.index.rows[r as usize];
        ItemRow {
            row,
            letter: row.letter(),
            n: n as usize,
            item: &row.letter().items[n as usize],
        }
    }

    /// The letter `by` rows away from letter `id` in the table's order and filter.
    pub fn neighbour(&self, id: LetterId, by: isize) -> Option<LetterId> {
        let at = self
            .shown
            .letters
            .iter()
            .position(|&r| self.index.rows[r as usize].id == id)?;
        let r = *self.shown.letters.get(at.checked_add_signed(by)?)?;
        Some(self.index.rows[r as usize].id)
    }

    /// Where letter `id` is in the table: (1-based position, rows), if it is shown there.
    pub fn position(&self, id: LetterId) -> Option<(usize, usize)> {
        let at = self
            .shown
            .letters
            .iter()
            .position(|&r| self.index.rows[r as usize].id == id)?;
        Some((at + 1, self.shown.letters.len()))
    }

    /// What Insights counts: the visible letters, with only the items that pass the filter
    /// (counted in place, no letter copied). A text that is not an IMR letter is left out, as
    /// `imr stats` leaves it out (the letters table still lists it).
    pub fn insights(&self) -> Insights {
        let letters: Vec<&Letter> = self
            .visible_letters()
            .map(|r| r.letter())
            .filter(|l| l.is_recognized())
            .collect();
        insights_of(&letters, |i| item_passes(i, &self.filter))
    }

    /// Letters, items and overturn rate (overturned items / items) of what the filter shows.
    pub fn totals(&self) -> Totals {
        self.shown.totals
    }

    /// Filters and sorts the index (see [`Shown`]).
    fn compute_shown(&self) -> ShownData {
        let f = &self.filter;
        let needle = Needle::new(&f.search);
        let rows = &self.index.rows;
        let mut letters: Vec<u32> = (0..rows.len() as u32)
            .filter(|&r| {
                let row = &rows[r as usize];
                let l = row.letter();
                (f.outcome.is_none() || l.outcome == f.outcome)
                    && (f.specialty.is_empty() || l.reviewer.specialties.contains(&f.specialty))
                    && f.warnings.is_none_or(|w| w.passes(l))
                    && f.dates.is_none_or(|d| d.passes(l))
                    && (!f.filters_items() || l.items.iter().any(|i| item_passes(i, f)))
                    && (needle.is_empty()
                        || row.haystack.contains(needle.as_str())
                        || (f.search_text && in_text(l, &needle)))
            })
            .collect();
        let (col, desc) = self.sort;
        if !matches!(col, Column::Order) {
            sort_by_key(&mut letters, desc, |r| {
                let row = &rows[r as usize];
                letter_key(col, row, row.letter())
            });
        }
        let mut items: Vec<(u32, u32)> = letters
            .iter()
            .flat_map(|&r| {
                rows[r as usize]
                    .letter()
                    .items
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| item_passes(i, f))
                    .map(move |(n, _)| (r, n as u32))
            })
            .collect();
        if matches!(
            col,
            Column::Request | Column::Decision | Column::Source | Column::Category
        ) {
            sort_by_key(&mut items, desc, |(r, n)| {
                item_key(col, &rows[r as usize].letter().items[n as usize])
            });
        }
        let overturned = items
            .iter()
            .filter(|&&(r, n)| {
                rows[r as usize].letter().items[n as usize].decision == Some(Decision::Overturned)
            })
            .count();
        ShownData {
            totals: Totals {
                letters: letters.len(),
                items: items.len(),
                overturned,
            },
            letters,
            items,
        }
    }
}

/// Sorts by a key computed once per element; equal keys keep their order, in both directions.
fn sort_by_key<T: Copy>(v: &mut Vec<T>, desc: bool, key: impl Fn(T) -> Key) {
    let mut keyed: Vec<(Key, usize, T)> =
        v.iter().enumerate().map(|(i, &t)| (key(t), i, t)).collect();
    keyed.sort_unstable_by(|a, b| {
        let o = a.0.cmp(&b.0);
        (if desc { o.reverse() } else { o }).then(a.1.cmp(&b.1))
    });
    v.clear();
    v.extend(keyed.into_iter().map(|(_, _, t)| t));
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
    pub row: &'a Rc<Row>,
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

impl Filter {
    /// Whether the filter picks items (and so letters by their items).
    fn filters_items(&self) -> bool {
        self.decision.is_some()
            || self.source.is_some()
            || self.category.is_some()
            || self.subtype.is_some()
            || self.guideline.is_some()
    }
}

/// Whether the needle is in the letter's text: its summary or an item's rationale (searched in
/// place: the index keeps no copy of them).
fn in_text(l: &Letter, needle: &Needle) -> bool {
    l.summary
        .iter()
        .chain(l.items.iter().filter_map(|i| i.rationale.as_ref()))
        .any(|s| needle.is_in(s))
}

fn item_passes(item: &Item, f: &Filter) -> bool {
    let cites = |s| item.citations.iter().any(|c| c.source == s);
    let src_ok = match f.source {
        None => true,
        Some(GuidelineFilter::NoneCited) => item.citations.is_empty(),
        Some(GuidelineFilter::Mtus) => cites(CitationSource::Mtus),
        Some(GuidelineFilter::NonMtus) => cites(CitationSource::NonMtus),
    };
    src_ok
        && (f.decision.is_none() || item.decision == f.decision)
        && f.category.is_none_or(|t| item.category.kind == t)
        && f.subtype.is_none_or(|s| item.category.subtype == Some(s))
        && f.guideline
            .as_ref()
            .is_none_or(|g| guideline_groups(item).contains(g))
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Num(u64),
    Text(String),
}

fn letter_key(col: Column, row: &Row, l: &Letter) -> Key {
    let date =
        |d: Option<imr_letter::Date>| Key::Text(d.map(|d| d.to_string()).unwrap_or_default());
    match col {
        Column::File => Key::Text(row.name.to_ascii_lowercase()),
        Column::Case => Key::Text(l.case_number.clone().unwrap_or_default()),
        Column::DecisionDate => date(l.dates.decision),
        Column::InjuryDate => date(l.dates.injury),
        Column::Items => Key::Num(l.items.len() as u64),
        Column::Outcome => Key::Text(l.outcome.map(Outcome::as_str).unwrap_or("").into()),
        Column::Specialties => Key::Text(l.reviewer.specialties.join(", ").to_ascii_lowercase()),
        // The batch's order: files as added, letters in their file.
        _ => Key::Num((u64::from(row.id.entry) << 32) | u64::from(row.id.index)),
    }
}

fn item_key(col: Column, i: &Item) -> Key {
    match col {
        Column::Request => Key::Text(i.request.as_deref().unwrap_or("").to_ascii_lowercase()),
        Column::Decision => Key::Text(i.decision.map_or("", Decision::as_str).into()),
        Column::Category => Key::Num(
            TreatmentType::ALL
                .iter()
                .position(|&t| t == i.category.kind)
                .unwrap_or(0) as u64,
        ),
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
            layout: imr_letter::Layout::FinalDetermination,
            case_number: Some(case.into()),
            outcome: Outcome::from_decisions(items.iter().map(|i| i.decision)),
            items,
            ..Letter::default()
        };
        l.reviewer.specialties = vec![spec.into()];
        Box::new(Parsed {
            letters: vec![l],
            text: format!("Case Number: {case}\n"),
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
            outcome: Some(Outcome::PartiallyOverturned),
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
            source: Some(GuidelineFilter::NoneCited),
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
        let first = s.visible_letters().next().unwrap();
        assert_eq!(first.letter().case_number.as_deref(), Some("CM2"));
    }

    /// Runs a future that never waits (the native `SourceText::read`).
    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        let mut f = std::pin::pin!(f);
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        match f.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(v) => v,
            std::task::Poll::Pending => panic!("the native text is read at once"),
        }
    }

    #[test]
    fn a_files_text_is_kept_apart_from_its_letters() {
        let s = state();
        let row = s.row(LetterId::first(2)).unwrap();
        assert!(row.parsed.text.is_empty(), "not kept twice");
        assert_eq!(row.text.len(), "Case Number: CM2\n".len());
        assert_eq!(block_on(row.text.read()).unwrap(), "Case Number: CM2\n");
    }

    #[test]
    fn actions_that_change_no_file_share_the_entries() {
        let s = Rc::new(state());
        let after = s.clone().reduce(Action::Show(View::Items));
        assert!(Rc::ptr_eq(&s.entries.0, &after.entries.0));
        assert!(s.index == after.index && s.shown == after.shown);
        let after = s.clone().reduce(Action::Cancel);
        assert!(!Rc::ptr_eq(&s.entries.0, &after.entries.0));
    }

    #[test]
    fn a_file_with_several_letters_gives_a_row_each() {
        let mut s = state();
        let mut bundle = parsed(
            "CM3",
            vec![item(Decision::Overturned, Some(CitationSource::Mtus))],
            "Surgery",
        );
        let second = parsed("CM4", vec![item(Decision::Upheld, None)], "Orthopedics");
        bundle.letters.extend(second.letters);
        s.apply(Action::Added(vec![(4, "bundle.pdf".into())]));
        s.apply(Action::Finished(vec![(4, Ok(bundle))]));
        let rows: Vec<_> = s
            .visible_letters()
            .map(|r| (r.id.entry, r.id.index, r.of, r.letter().case_number.clone()))
            .collect();
        assert_eq!(
            rows,
            vec![
                (1, 0, 1, Some("CM1".into())),
                (2, 0, 1, Some("CM2".into())),
                (4, 0, 2, Some("CM3".into())),
                (4, 1, 2, Some("CM4".into())),
            ]
        );
        assert_eq!(
            s.totals(),
            Totals {
                letters: 4,
                items: 5,
                overturned: 2
            }
        );
        assert_eq!(
            s.specialties(),
            ["Anesthesiology", "Orthopedics", "Surgery"]
        );
        // Search finds the second letter of the file by its own case number only.
        s.apply(Action::SetFilter(Filter {
            search: "cm4".into(),
            ..Filter::default()
        }));
        let ids: Vec<_> = s.visible_letters().map(|r| r.id).collect();
        assert_eq!(ids, vec![LetterId { entry: 4, index: 1 }]);
        let items: Vec<_> = s.visible_items().map(|i| (i.row.id.index, i.n)).collect();
        assert_eq!(items, vec![(1, 0)]);
    }

    #[test]
    fn a_single_bundle_shows_the_table() {
        let mut s = AppState::default();
        s.apply(Action::Added(vec![(9, "bundle.txt".into())]));
        assert_eq!(s.view, View::Letter(LetterId::first(9)));
        let mut bundle = parsed("CM3", vec![], "Surgery");
        bundle.letters.push(Letter::default());
        s.apply(Action::Finished(vec![(9, Ok(bundle))]));
        assert_eq!(s.view, View::Letters);
    }

    #[test]
    fn repeat_copies_until_enough_letters() {
        let mut s = state();
        let texts: Vec<(u32, String)> = s
            .texts()
            .iter()
            .map(|(id, t)| (*id, block_on(t.read()).unwrap()))
            .collect();
        assert_eq!(texts[1], (2, "Case Number: CM2\n".to_string()));
        s.apply(Action::Repeat(7, texts));
        assert_eq!(s.totals().letters, 7);
        assert_eq!(s.index.rows.len(), 7);
        let names: Vec<_> = s.visible_letters().map(|r| r.name.to_string()).collect();
        assert_eq!(names[2], "copy-1/a.txt");
        assert_eq!(names[6], "copy-3/a.txt");
        // Each copy keeps its own text, as a file read again would.
        let rows = &s.index.rows;
        assert_eq!(block_on(rows[6].text.read()).unwrap(), "Case Number: CM1\n");
        assert!(!Rc::ptr_eq(&rows[6].text, &rows[0].text));
        assert!(!Rc::ptr_eq(&rows[6].parsed, &rows[0].parsed));
        // Copies are read as any file: sorting and filtering see them.
        s.apply(Action::SortBy(Column::Case));
        s.apply(Action::SortBy(Column::Case));
        let cases: Vec<_> = s
            .visible_letters()
            .map(|r| r.letter().case_number.clone().unwrap())
            .collect();
        assert_eq!(cases, ["CM2", "CM2", "CM2", "CM1", "CM1", "CM1", "CM1"]);
    }

    #[test]
    fn sorting_flips_and_clear_empties() {
        let mut s = state();
        s.apply(Action::SortBy(Column::Items));
        let cases: Vec<_> = s.visible_letters().map(|r| r.id.entry).collect();
        assert_eq!(cases, vec![1, 2]);
        s.apply(Action::SortBy(Column::Items));
        let cases: Vec<_> = s.visible_letters().map(|r| r.id.entry).collect();
        assert_eq!(cases, vec![2, 1]);
        s.apply(Action::ClearAll);
        assert!(s.entries.is_empty());
    }

    #[test]
    fn next_and_previous_follow_the_tables_order_and_filter() {
        let mut s = state();
        let (one, two) = (LetterId::first(1), LetterId::first(2));
        s.apply(Action::SortBy(Column::Items));
        s.apply(Action::SortBy(Column::Items)); // most items first: 2, 1
        s.apply(Action::Show(View::Letter(two)));
        assert_eq!(s.position(two), Some((1, 2)));
        s.apply(Action::Step(-1));
        assert_eq!(s.view, View::Letter(two), "no letter before the first");
        s.apply(Action::Step(1));
        assert_eq!(s.view, View::Letter(one));
        s.apply(Action::Step(1));
        assert_eq!(s.view, View::Letter(one), "no letter after the last");
        // A filter that hides letter 2: letter 1 is alone.
        s.apply(Action::SetFilter(Filter {
            specialty: "Surgery".into(),
            ..Filter::default()
        }));
        assert_eq!(s.position(one), Some((1, 1)));
        assert_eq!(s.neighbour(one, -1), None);
    }

    #[test]
    fn keys_outside_a_letter_keep_the_same_state() {
        let s = Rc::new(state());
        let after = s.clone().reduce(Action::Step(1));
        assert!(Rc::ptr_eq(&s, &after));
        let after = s.clone().reduce(Action::Escape);
        assert!(Rc::ptr_eq(&s, &after));
    }

    #[test]
    fn category_filter_keeps_letters_and_items_of_that_type() {
        let mut s = state();
        s.apply(Action::SetFilter(Filter {
            category: Some(TreatmentType::Other),
            ..Filter::default()
        }));
        assert_eq!(s.totals().items, 3);
        s.apply(Action::SetFilter(Filter {
            category: Some(TreatmentType::Surgery),
            ..Filter::default()
        }));
        assert_eq!(s.totals().letters, 0);
        assert_eq!(s.insights().letters, 0);
        s.apply(Action::SetFilter(Filter {
            decision: Some(Decision::Upheld),
            ..Filter::default()
        }));
        // Insights counts the items that pass: the upheld ones of both letters.
        assert_eq!(s.insights().items, 2);
    }

    #[test]
    fn insights_leave_out_a_text_that_is_not_a_letter_as_imr_stats_does() {
        let mut s = state();
        s.apply(Action::Added(vec![(4, "notes.txt".into())]));
        let mut other = parsed("CM4", vec![item(Decision::Overturned, None)], "Surgery");
        other.letters[0].layout = imr_letter::Layout::Unrecognized;
        s.apply(Action::Finished(vec![(4, Ok(other))]));
        // Listed in the table, not counted.
        assert_eq!(s.totals().letters, 3);
        let ins = s.insights();
        assert_eq!((ins.letters, ins.items, ins.overturned), (2, 3, 1));
    }

    #[test]
    fn warnings_filter_keeps_letters_with_warnings_or_cut_ones() {
        let mut s = state();
        let warn = |code: WarningCode| imr_letter::Warning {
            code,
            message: "W.".into(),
            span: None,
            related: None,
        };
        // A cut letter (its outcome unknown) and one with another warning.
        let mut cut = parsed("CM5", vec![], "Surgery");
        cut.letters[0].warnings = vec![warn(WarningCode::Truncated)];
        let mut warned = parsed("CM6", vec![item(Decision::Upheld, None)], "Surgery");
        warned.letters[0].warnings = vec![warn(WarningCode::BadDate)];
        s.apply(Action::Added(vec![
            (5, "cut.pdf".into()),
            (6, "w.txt".into()),
        ]));
        s.apply(Action::Finished(vec![(5, Ok(cut)), (6, Ok(warned))]));
        let cases = |s: &AppState| -> Vec<String> {
            s.visible_letters()
                .map(|r| r.letter().case_number.clone().unwrap())
                .collect()
        };
        assert_eq!(cases(&s), ["CM1", "CM2", "CM5", "CM6"]);
        assert!(is_cut(s.row(LetterId::first(5)).unwrap().letter()));
        assert!(!is_cut(s.row(LetterId::first(6)).unwrap().letter()));
        s.apply(Action::SetFilter(Filter {
            warnings: Some(WarningsFilter::WithWarnings),
            ..Filter::default()
        }));
        assert_eq!(cases(&s), ["CM5", "CM6"]);
        assert_eq!(s.totals().items, 1);
        s.apply(Action::SetFilter(Filter {
            warnings: Some(WarningsFilter::Cut),
            ..Filter::default()
        }));
        assert_eq!(cases(&s), ["CM5"]);
        assert_eq!(
            s.totals(),
            Totals {
                letters: 1,
                items: 0,
                overturned: 0
            }
        );
        // With another filter: both must pass.
        s.apply(Action::SetFilter(Filter {
            warnings: Some(WarningsFilter::WithWarnings),
            specialty: "Anesthesiology".into(),
            ..Filter::default()
        }));
        assert!(cases(&s).is_empty());
    }

    #[test]
    fn search_reaches_summaries_and_rationales_when_asked() {
        let mut s = state();
        let mut text = parsed("CM7", vec![item(Decision::Upheld, None)], "Surgery");
        text.letters[0].items[0].rationale = Some("Long-term OPIOID use is not supported.".into());
        let mut summary = parsed("CM8", vec![], "Surgery");
        summary.letters[0].summary = Some("The patient takes opioids.".into());
        s.apply(Action::Added(vec![
            (7, "r.txt".into()),
            (8, "s.txt".into()),
        ]));
        s.apply(Action::Finished(vec![(7, Ok(text)), (8, Ok(summary))]));
        let cases = |s: &AppState| -> Vec<String> {
            s.visible_letters()
                .map(|r| r.letter().case_number.clone().unwrap())
                .collect()
        };
        let mut f = Filter {
            search: " Opioid".into(),
            ..Filter::default()
        };
        s.apply(Action::SetFilter(f.clone()));
        assert!(
            cases(&s).is_empty(),
            "not in case, request, specialty, file"
        );
        f.search_text = true;
        s.apply(Action::SetFilter(f.clone()));
        assert_eq!(cases(&s), ["CM7", "CM8"]);
        // The fields are still searched.
        f.search = "cm1".into();
        s.apply(Action::SetFilter(f));
        assert_eq!(cases(&s), ["CM1"]);
    }

    #[test]
    fn subtype_and_guideline_filters_pick_items() {
        use imr_letter::{Category, Guideline};
        let mut s = state();
        let mut drugs = parsed(
            "CM9",
            vec![
                item(Decision::Upheld, Some(CitationSource::Mtus)),
                item(Decision::Overturned, None),
            ],
            "Surgery",
        );
        for (i, sub) in [Subtype::Opioid, Subtype::Nsaid].into_iter().enumerate() {
            drugs.letters[0].items[i].category = Category {
                kind: TreatmentType::Pharmaceutical,
                subtype: Some(sub),
                ..Category::default()
            };
        }
        drugs.letters[0].items[0].citations[0].guideline = Guideline::Mtus;
        drugs.letters[0].items[0].citations[0].chapter = Some("Chronic Pain".into());
        s.apply(Action::Added(vec![(9, "d.txt".into())]));
        s.apply(Action::Finished(vec![(9, Ok(drugs))]));
        s.apply(Action::SetFilter(Filter {
            category: Some(TreatmentType::Pharmaceutical),
            subtype: Some(Subtype::Nsaid),
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
            guideline: Some(GuidelineGroup {
                guideline: Some(Guideline::Mtus),
                chapter: Some("Chronic Pain".into()),
            }),
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
        // "None cited": the items citing nothing, of every letter.
        s.apply(Action::SetFilter(Filter {
            guideline: Some(GuidelineGroup {
                guideline: None,
                chapter: None,
            }),
            ..Filter::default()
        }));
        assert_eq!(
            s.totals(),
            Totals {
                letters: 2,
                items: 2,
                overturned: 2
            }
        );
        assert_eq!(s.insights().items, 2);
    }

    #[test]
    fn guideline_filter_spells_as_item_source() {
        let it = item(Decision::Upheld, Some(CitationSource::NonMtus));
        let with = |g| Filter {
            source: Some(g),
            ..Filter::default()
        };
        let passing: Vec<_> = GuidelineFilter::ALL
            .into_iter()
            .filter(|&g| item_passes(&it, &with(g)))
            .map(GuidelineFilter::as_str)
            .collect();
        assert_eq!(passing, [item_source(&it)]);
        assert_eq!(
            GuidelineFilter::NoneCited.as_str(),
            item_source(&item(Decision::Upheld, None))
        );
    }

    #[test]
    fn intervals_in_days() {
        let a = Date::new(2016, 12, 5);
        let b = Date::new(2016, 12, 12);
        assert_eq!(days_between(a, b), Some(7));
        assert_eq!(days_between(None, b), None);
    }
}
