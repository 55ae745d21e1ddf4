//! Statistics over many letters: the tables an Insights view and `imr stats` show, made from
//! parsed letters only (no I/O). Each table is plain typed rows ([`Insights`]); [`Table`] gives
//! any of them as aligned text or CSV.
//!
//! Counting rules:
//! - An overturn rate is over the items of its row whose decision is known (`decided`, its n);
//!   an item whose decision word could not be read counts in `items` only.
//! - An item whose letter names several specialties counts under each; an item citing several
//!   guidelines or chapters counts under each (once per group), and under "none cited" when it
//!   cites nothing. Shares are of all items (of all pharmaceutical items for the subtypes), so
//!   these two tables' shares may add up to more than 1.
//! - Intervals are per letter, in days; a letter missing either date, or whose dates are out of
//!   order, is counted apart. Median and 90th percentile are by nearest rank (the value at rank
//!   ⌈p·n⌉ of the sorted days).

use std::fmt;

use crate::model::{Date, Decision, Guideline, Item, Letter, Subtype, TreatmentType};

/// One group of items.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Row<K> {
    pub key: K,
    /// Letters with at least one item in the group.
    pub letters: usize,
    pub items: usize,
    /// `items` over the table's base: all items (all pharmaceutical items for the subtypes);
    /// 0 when there is none.
    pub share: f64,
    /// Items whose decision is known: the n of the overturn rate.
    pub decided: usize,
    pub overturned: usize,
    /// `overturned / decided`; `None` when no decision is known.
    pub overturn_rate: Option<f64>,
}

/// A guideline and chapter as cited: `guideline` `None` is "none cited"; `chapter` is the
/// MTUS chapter (`None` for the other guidelines, which are counted whole).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GuidelineGroup {
    pub guideline: Option<Guideline>,
    pub chapter: Option<String>,
}

/// A calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: u16,
    pub month: u8,
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse_iso(&format!("{s}-01"))
            .map(|d| Month {
                year: d.year(),
                month: d.month(),
            })
            .ok_or_else(|| serde::de::Error::custom("expected a month YYYY-MM"))
    }
}

/// Days between two dates of each letter, as a distribution.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Interval {
    /// Letters with both dates, in order.
    pub letters: usize,
    /// Letters without one of the dates.
    pub missing: usize,
    /// Letters whose second date comes before the first.
    pub out_of_order: usize,
    /// [`BINS`], each with its letters.
    pub bins: Vec<Bin>,
    pub median: Option<i64>,
    pub p90: Option<i64>,
}

/// Letters whose interval is `from..=to` days (`to` `None`: or more).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Bin {
    pub from: i64,
    pub to: Option<i64>,
    pub letters: usize,
    /// `letters` over the interval's letters; 0 when there is none.
    pub share: f64,
}

/// The bins of the intervals, in days: weeks up to eight, then to 90, then more.
pub const BINS: [(i64, Option<i64>); 10] = [
    (0, Some(7)),
    (8, Some(14)),
    (15, Some(21)),
    (22, Some(28)),
    (29, Some(35)),
    (36, Some(42)),
    (43, Some(49)),
    (50, Some(56)),
    (57, Some(90)),
    (91, None),
];

/// Every table of the Insights view.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Insights {
    pub letters: usize,
    pub items: usize,
    /// Items whose decision is known.
    pub decided: usize,
    pub overturned: usize,
    /// Every type, in the spec's order (rows of no item too).
    pub by_type: Vec<Row<TreatmentType>>,
    /// The pharmaceutical items by subtype, in the spec's order (`None`: no subtype), rows
    /// of no item left out.
    pub pharmaceutical: Vec<Row<Option<Subtype>>>,
    /// By the reviewer's specialty (`None`: none stated), most items first.
    pub by_specialty: Vec<Row<Option<String>>>,
    /// By guideline: each MTUS chapter, ODG, ACOEM, other, none cited; most items first.
    pub by_guideline: Vec<Row<GuidelineGroup>>,
    pub ur_denial_to_application: Interval,
    pub application_to_decision: Interval,
    /// By the month of the decision (`None`: no decision date), in order; `letters` counts
    /// every letter of the month, with items or not.
    pub by_month: Vec<Row<Option<Month>>>,
}

/// Counts of one group while counting.
#[derive(Default)]
struct Tally {
    letters: usize,
    items: usize,
    decided: usize,
    overturned: usize,
    /// The last letter counted, so that each letter counts once.
    last_letter: Option<usize>,
}

impl Tally {
    fn add(&mut self, letter: usize, item: &Item) {
        if self.last_letter != Some(letter) {
            self.letters += 1;
            self.last_letter = Some(letter);
        }
        self.items += 1;
        self.decided += usize::from(item.decision.is_some());
        self.overturned += usize::from(item.decision == Some(Decision::Overturned));
    }

    fn row<K>(&self, key: K, base: usize) -> Row<K> {
        Row {
            key,
            letters: self.letters,
            items: self.items,
            share: ratio(self.items, base),
            decided: self.decided,
            overturned: self.overturned,
            overturn_rate: (self.decided > 0).then(|| ratio(self.overturned, self.decided)),
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The tables for `letters`.
pub fn insights(letters: &[Letter]) -> Insights {
    insights_of(&letters.iter().collect::<Vec<_>>(), |_| true)
}

/// The groups of [`Insights::by_guideline`] an item counts under: each guideline it cites
/// (each MTUS chapter apart), once; "none cited" when it cites nothing.
pub fn guideline_groups(item: &Item) -> Vec<GuidelineGroup> {
    let mut groups = dedup(item.citations.iter().map(|c| GuidelineGroup {
        guideline: Some(c.guideline),
        chapter: c.chapter.clone().filter(|_| c.guideline == Guideline::Mtus),
    }));
    if groups.is_empty() {
        groups.push(GuidelineGroup {
            guideline: None,
            chapter: None,
        });
    }
    groups
}

/// Groups while counting: each key once with its tally, in first-seen order. There are few
/// groups (types, subtypes, specialties, guidelines, months): a linear search is quick, and
/// it is much less code in the page's wasm than a map for each kind of key.
struct Groups<K>(Vec<(K, Tally)>);

impl<K: PartialEq> Groups<K> {
    fn new() -> Self {
        Groups(Vec::new())
    }

    fn get(&mut self, key: K) -> &mut Tally {
        let at = match self.0.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                self.0.push((key, Tally::default()));
                self.0.len() - 1
            }
        };
        &mut self.0[at].1
    }

    /// The rows of `order`'s keys that were counted, in that order.
    fn rows_in(mut self, order: impl Iterator<Item = K>, base: usize) -> Vec<Row<K>> {
        order
            .filter_map(|k| {
                let at = self.0.iter().position(|(g, _)| *g == k)?;
                Some(self.0.swap_remove(at).1.row(k, base))
            })
            .collect()
    }
}

/// The tables for `letters`, counting only the items `keep` lets through (every letter counts
/// in its month and intervals). No letter is copied: the page counts what its filters show.
pub fn insights_of(letters: &[&Letter], keep: impl Fn(&Item) -> bool) -> Insights {
    let mut types = Groups::new();
    let mut drugs = Groups::new();
    // Keys borrowed from the letters while counting; owned in the rows.
    let mut specialties: Groups<Option<&str>> = Groups::new();
    let mut guidelines: Groups<(Option<Guideline>, Option<&str>)> = Groups::new();
    let mut months: Groups<Option<Month>> = Groups::new();
    let (mut items, mut decided, mut overturned, mut drug_items) = (0, 0, 0, 0);
    for (n, letter) in letters.iter().enumerate() {
        let month = letter.dates.decision.map(|d| Month {
            year: d.year(),
            month: d.month(),
        });
        // Each letter counts in its month, with items or not.
        let m = months.get(month);
        m.letters += 1;
        m.last_letter = Some(n);
        let mut specs: Vec<Option<&str>> =
            dedup(letter.reviewer.specialties.iter().map(|s| Some(s.as_str())));
        if specs.is_empty() {
            specs.push(None);
        }
        for item in letter.items.iter().filter(|i| keep(i)) {
            items += 1;
            decided += usize::from(item.decision.is_some());
            overturned += usize::from(item.decision == Some(Decision::Overturned));
            let kind = item.category.kind;
            types.get(kind).add(n, item);
            if kind == TreatmentType::Pharmaceutical {
                drug_items += 1;
                drugs.get(item.category.subtype).add(n, item);
            }
            for &s in &specs {
                specialties.get(s).add(n, item);
            }
            let cited = item.citations.iter().map(|c| {
                let chapter = c
                    .chapter
                    .as_deref()
                    .filter(|_| c.guideline == Guideline::Mtus);
                (Some(c.guideline), chapter)
            });
            let mut groups = dedup(cited);
            if groups.is_empty() {
                groups.push((None, None));
            }
            for g in groups {
                guidelines.get(g).add(n, item);
            }
            months.get(month).add(n, item);
        }
    }
    let by_type = TreatmentType::ALL
        .iter()
        .map(|&t| {
            let tally = types.0.iter().position(|(k, _)| *k == t);
            let tally = tally.map(|at| types.0.swap_remove(at).1);
            tally.unwrap_or_default().row(t, items)
        })
        .collect();
    let drug_order = TreatmentType::Pharmaceutical
        .subtypes()
        .iter()
        .map(|&s| Some(s));
    let pharmaceutical = drugs.rows_in(drug_order.chain([None]), drug_items);
    let by_specialty = specialties
        .0
        .into_iter()
        .map(|(k, t)| t.row(k.map(str::to_string), items))
        .collect();
    let by_guideline = guidelines
        .0
        .into_iter()
        .map(|((guideline, chapter), t)| {
            let chapter = chapter.map(str::to_string);
            t.row(GuidelineGroup { guideline, chapter }, items)
        })
        .collect();
    let mut by_month: Vec<Row<Option<Month>>> =
        months.0.into_iter().map(|(m, t)| t.row(m, items)).collect();
    by_month.sort_unstable_by_key(|r| r.key);
    Insights {
        letters: letters.len(),
        items,
        decided,
        overturned,
        by_type,
        pharmaceutical,
        by_specialty: most_first(by_specialty),
        by_guideline: most_first(by_guideline),
        ur_denial_to_application: interval(letters, |l| {
            (l.dates.ur_denial, l.dates.application_received)
        }),
        application_to_decision: interval(letters, |l| {
            (l.dates.application_received, l.dates.decision)
        }),
        by_month,
    }
}

/// Values in first-seen order, each once.
fn dedup<T: PartialEq>(values: impl Iterator<Item = T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// Rows with most items first; ties by key.
fn most_first<K: Ord>(mut rows: Vec<Row<K>>) -> Vec<Row<K>> {
    rows.sort_unstable_by(|a, b| b.items.cmp(&a.items).then_with(|| a.key.cmp(&b.key)));
    rows
}

fn interval(
    letters: &[&Letter],
    dates: impl Fn(&Letter) -> (Option<Date>, Option<Date>),
) -> Interval {
    let (mut days, mut missing, mut out_of_order) = (Vec::new(), 0, 0);
    for l in letters {
        match dates(l) {
            (Some(a), Some(b)) if b >= a => days.push(b.days_since_epoch() - a.days_since_epoch()),
            (Some(_), Some(_)) => out_of_order += 1,
            _ => missing += 1,
        }
    }
    days.sort_unstable();
    let n = days.len();
    let bins = BINS
        .iter()
        .map(|&(from, to)| {
            let count = days
                .iter()
                .filter(|&&d| d >= from && to.is_none_or(|t| d <= t))
                .count();
            Bin {
                from,
                to,
                letters: count,
                share: ratio(count, n),
            }
        })
        .collect();
    // Nearest rank: the value at rank ceil(p * n), 1-based.
    let rank = |p: usize| (n > 0).then(|| days[(p * n).div_ceil(100).max(1) - 1]);
    Interval {
        letters: n,
        missing,
        out_of_order,
        bins,
        median: rank(50),
        p90: rank(90),
    }
}

// ---- text and CSV ---------------------------------------------------------------------------

/// A table as text cells: a name (for choosing it), a title, a header and rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// snake_case, as the field of [`Insights`] it shows.
    pub name: &'static str,
    pub title: &'static str,
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

/// The columns of a table of rows after its key; the overturn rate is over `decided`.
const ROW_HEADER: [&str; 6] = [
    "letters",
    "items",
    "share",
    "decided",
    "overturned",
    "overturn rate",
];

impl Insights {
    /// Every table, in the order of the fields.
    pub fn tables(&self) -> Vec<Table> {
        let type_label = |t: &TreatmentType| t.as_str().to_string();
        let subtype_label =
            |s: &Option<Subtype>| s.map_or("(no subtype)".to_string(), |s| s.as_str().to_string());
        let specialty_label =
            |s: &Option<String>| s.clone().unwrap_or_else(|| "(not stated)".to_string());
        let guideline_label = |g: &GuidelineGroup| match (&g.guideline, &g.chapter) {
            (None, _) => "none cited".to_string(),
            (Some(Guideline::Mtus), Some(c)) => format!("MTUS {c}"),
            (Some(Guideline::Mtus), None) => "MTUS (no chapter)".to_string(),
            (Some(Guideline::Odg), _) => "ODG".to_string(),
            (Some(Guideline::Acoem), _) => "ACOEM".to_string(),
            (Some(Guideline::Other), _) => "other".to_string(),
        };
        let month_label = |m: &Option<Month>| m.map_or("(no date)".to_string(), |m| m.to_string());
        vec![
            rows_table(
                "by_type",
                "Items by treatment type",
                "type",
                &self.by_type,
                type_label,
            ),
            rows_table(
                "pharmaceutical",
                "Pharmaceutical items by subtype",
                "subtype",
                &self.pharmaceutical,
                subtype_label,
            ),
            rows_table(
                "by_specialty",
                "Items by reviewer specialty",
                "specialty",
                &self.by_specialty,
                specialty_label,
            ),
            rows_table(
                "by_guideline",
                "Items by guideline cited",
                "guideline",
                &self.by_guideline,
                guideline_label,
            ),
            interval_table(
                "ur_denial_to_application",
                "Days from UR denial to application",
                &self.ur_denial_to_application,
            ),
            interval_table(
                "application_to_decision",
                "Days from application to decision",
                &self.application_to_decision,
            ),
            rows_table(
                "by_month",
                "Decisions by month",
                "month",
                &self.by_month,
                month_label,
            ),
        ]
    }

    /// Every table as text, each under its title, with a first line of totals.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{} letters, {} items, {} overturned of {} decided ({})\n",
            self.letters,
            self.items,
            self.overturned,
            self.decided,
            percent(Some(ratio(self.overturned, self.decided)))
        );
        for t in self.tables() {
            out.push('\n');
            out.push_str(&t.to_text());
        }
        out
    }
}

fn rows_table<K>(
    name: &'static str,
    title: &'static str,
    key: &'static str,
    rows: &[Row<K>],
    label: impl Fn(&K) -> String,
) -> Table {
    let mut header = vec![key];
    header.extend(ROW_HEADER);
    Table {
        name,
        title,
        header,
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    label(&r.key),
                    r.letters.to_string(),
                    r.items.to_string(),
                    fraction(Some(r.share)),
                    r.decided.to_string(),
                    r.overturned.to_string(),
                    fraction(r.overturn_rate),
                ]
            })
            .collect(),
    }
}

fn interval_table(name: &'static str, title: &'static str, i: &Interval) -> Table {
    let mut rows: Vec<Vec<String>> = i
        .bins
        .iter()
        .map(|b| {
            let days = match b.to {
                Some(to) => format!("{}-{to}", b.from),
                None => format!("{}+", b.from),
            };
            vec![days, b.letters.to_string(), fraction(Some(b.share))]
        })
        .collect();
    let value = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    rows.push(vec!["median".into(), value(i.median), String::new()]);
    rows.push(vec!["90th percentile".into(), value(i.p90), String::new()]);
    rows.push(vec![
        "missing a date".into(),
        i.missing.to_string(),
        String::new(),
    ]);
    rows.push(vec![
        "out of order".into(),
        i.out_of_order.to_string(),
        String::new(),
    ]);
    Table {
        name,
        title,
        header: vec!["days", "letters", "share"],
        rows,
    }
}

/// A share (0 to 1) as a fraction with four decimals (CSV), empty for none. Integer arithmetic:
/// float formatting would add to a page's wasm.
pub fn fraction(v: Option<f64>) -> String {
    v.map(|v| {
        let n = (v * 10_000.0 + 0.5) as u64;
        format!("{}.{:04}", n / 10_000, n % 10_000)
    })
    .unwrap_or_default()
}

/// A share (0 to 1) as a percentage with one decimal (text), `-` for none.
fn percent(v: Option<f64>) -> String {
    v.map_or("-".to_string(), |v| {
        let n = (v * 1_000.0 + 0.5) as u64;
        format!("{}.{}%", n / 10, n % 10)
    })
}

impl Table {
    /// The table as aligned plain text under its title: numbers to the right, shares and
    /// rates as percentages.
    pub fn to_text(&self) -> String {
        let fractions: Vec<bool> = self
            .header
            .iter()
            .map(|h| matches!(*h, "share" | "overturn rate"))
            .collect();
        // An empty rate is a group of no item; other empty cells stay empty.
        let cell = |c: usize, v: &str| match (fractions[c], v) {
            (true, "") if self.header[c] == "overturn rate" => "-".to_string(),
            (true, v) if !v.is_empty() => percent(v.parse().ok()),
            _ => v.to_string(),
        };
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| r.iter().enumerate().map(|(c, v)| cell(c, v)).collect())
            .collect();
        let widths: Vec<usize> = (0..self.header.len())
            .map(|c| {
                rows.iter()
                    .map(|r| r[c].chars().count())
                    .chain([self.header[c].len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: Vec<&str>| {
            let mut s = String::new();
            for (c, v) in cells.iter().enumerate() {
                let pad = widths[c] - v.chars().count();
                if c == 0 {
                    s.push_str(v);
                    s.push_str(&" ".repeat(pad));
                } else {
                    s.push_str("  ");
                    s.push_str(&" ".repeat(pad));
                    s.push_str(v);
                }
            }
            s.truncate(s.trim_end().len());
            s.push('\n');
            s
        };
        let mut out = format!("{}\n", self.title);
        out.push_str(&line(self.header.clone()));
        for r in &rows {
            out.push_str(&line(r.iter().map(String::as_str).collect()));
        }
        out
    }

    /// The table as CSV: the header, then the rows (RFC 4180 quoting, CRLF line ends; a cell
    /// beginning with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, as in the letters' CSV).
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let header = self.header.iter().map(|h| h.replace(' ', "_"));
        for row in std::iter::once(header.collect::<Vec<_>>()).chain(self.rows.iter().cloned()) {
            let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

fn csv_cell(cell: &str) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let cell = if risky {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if risky || cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}
