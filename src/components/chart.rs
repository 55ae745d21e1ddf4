//! One chart of Insights, drawn by the page: a horizontal bar chart as inline SVG (title, the
//! groups on the vertical axis, counts and, where the rows have one, the overturn rate on the
//! horizontal axes), the same numbers as a table (what a screen reader reads; its labels are
//! buttons where a row filters the Items view), and downloads of the picture (SVG) and of the
//! numbers (CSV). Clicking a bar does what its label's button does.
//!
//! The SVG carries its colours and font as presentation attributes, so that the downloaded
//! file looks as the chart does; the page's style sheet overrides them for the dark theme.

use imr_letter::stats::{fraction, Table};
use yew::prelude::*;

use crate::export;

/// A chart: its rows and what they count.
pub struct Chart {
    /// The element ids start with it; the downloads are named after it.
    pub id: &'static str,
    pub title: &'static str,
    /// What the rows are (the vertical axis, the table's first column).
    pub group: &'static str,
    /// What is counted (the horizontal axis): "Items" or "Letters".
    pub unit: &'static str,
    /// Whether the rows have an overturn rate (a second panel and column).
    pub rates: bool,
    /// A line under the title (e.g. the median).
    pub note: Option<String>,
    pub rows: Vec<ChartRow>,
    /// Figures that are no row (a median), as more rows of the CSV: name and value.
    pub figures: Vec<(&'static str, String)>,
}

pub struct ChartRow {
    pub label: String,
    /// Names the row for tests and the CSV (`data-key`).
    pub key: String,
    /// Filters the Items view to this row, when there is such a filter.
    pub filter: Option<Callback<MouseEvent>>,
    pub count: usize,
    /// What the share is of.
    pub base: usize,
    pub decided: usize,
    pub overturned: usize,
}

/// `a / b` in tenths of a percent, rounded half up; `None` when `b` is 0. (Integer arithmetic:
/// float formatting costs the page's wasm ~10 KB.)
pub fn tenths(a: usize, b: usize) -> Option<u64> {
    (b > 0).then(|| (a as u64 * 2000 + b as u64) / (b as u64 * 2))
}

/// Tenths of a percent as text: `33.3%`; `-` for none.
pub fn percent(t: Option<u64>) -> String {
    t.map_or("-".into(), |t| format!("{}.{}%", t / 10, t % 10))
}

// The picture's geometry, in SVG user units.
const WIDTH: u64 = 670;
const LABELS: u64 = 190; // the labels' right edge
const COUNT_X: u64 = 198; // where the count bars start
const RATE_X: u64 = 470; // where the rate bars start
const RATE_LEN: u64 = 100; // a rate bar of 100%
const ROW: u64 = 22;
const BAR: u64 = 14;
const BAR_COLOUR: &str = "#1f4e79";
const RATE_COLOUR: &str = "#17602a";
const INK: &str = "#1b1f24";
const MUTED: &str = "#5b6570";

/// A label cut to fit the labels' column (the table has it whole).
fn fit(label: &str) -> String {
    if label.chars().count() <= 30 {
        label.to_string()
    } else {
        label.chars().take(29).collect::<String>() + "…"
    }
}

/// A coordinate as an attribute.
fn num(v: u64) -> String {
    v.to_string()
}

/// The chart's picture.
fn picture(c: &Chart) -> Html {
    let top: u64 = if c.note.is_some() { 62 } else { 46 };
    let n = c.rows.len() as u64;
    let axis_y = top + n * ROW + 4;
    let height = axis_y + 40;
    // Counts: the longest bar leaves room for its number.
    let count_len: u64 = if c.rates {
        RATE_X - COUNT_X - 100
    } else {
        WIDTH - COUNT_X - 100
    };
    let max = c.rows.iter().map(|r| r.count).max().unwrap_or(0).max(1) as u64;
    let text = |x: u64, y: u64, anchor: &'static str, fill: &'static str, s: String| {
        html! { <text x={num(x)} y={num(y)} text-anchor={anchor} fill={fill}>{ s }</text> }
    };
    let axis = |x: u64, len: u64, ticks: [(u64, String); 3], title: &'static str| {
        html! {
            <g class="axis">
                <line x1={num(x)} y1={num(axis_y)} x2={num(x + len)} y2={num(axis_y)} stroke={MUTED} />
                { for ticks.into_iter().map(|(at, label)| html! { <>
                    <line x1={num(x + at)} y1={num(axis_y)} x2={num(x + at)} y2={num(axis_y + 4)} stroke={MUTED} />
                    { text(x + at, axis_y + 15, "middle", MUTED, label) }
                </> }) }
                { text(x + len / 2, axis_y + 32, "middle", INK, title.to_string()) }
            </g>
        }
    };
    let rows = c.rows.iter().enumerate().map(|(i, r)| {
        let y = top + i as u64 * ROW;
        let len = r.count as u64 * count_len / max;
        let rate = tenths(r.overturned, r.decided);
        let onclick = r.filter.clone();
        html! {
            <g data-key={r.key.clone()} class={classes!("bar-row", onclick.is_some().then_some("clickable"))} {onclick}>
                <title>{ &r.label }</title>
                { text(LABELS, y + 11, "end", INK, fit(&r.label)) }
                <rect class="count" x={num(COUNT_X)} y={num(y)} width={num(len)} height={num(BAR)} fill={BAR_COLOUR} />
                { text(COUNT_X + len + 4, y + 11, "start", INK, format!("{} ({})", r.count, percent(tenths(r.count, r.base)))) }
                if c.rates {
                    <rect class="rate-bg" x={num(RATE_X)} y={num(y)} width={num(RATE_LEN)} height={num(BAR)} fill="#e4e8ed" />
                    <rect class="rate" x={num(RATE_X)} y={num(y)} width={num(rate.unwrap_or(0) / 10)} height={num(BAR)} fill={RATE_COLOUR} />
                    { text(RATE_X + RATE_LEN + 4, y + 11, "start", INK, format!("{} ({}/{})", percent(rate), r.overturned, r.decided)) }
                }
            </g>
        }
    });
    html! {
        <svg id={format!("{}-svg", c.id)} class="chart-svg" xmlns="http://www.w3.org/2000/svg"
            viewBox={format!("0 0 {WIDTH} {height}")} width={num(WIDTH)} height={num(height)}
            font-family="system-ui, sans-serif" font-size="12"
            role="img" aria-labelledby={format!("{}-title", c.id)}>
            <text class="svg-title" x="0" y="16" font-size="15" font-weight="bold" fill={INK}>{ c.title }</text>
            if let Some(note) = &c.note {
                { text(0, 34, "start", MUTED, note.clone()) }
            }
            { text(LABELS, top - 8, "end", INK, c.group.to_string()) }
            { for rows }
            <line x1={num(COUNT_X)} y1={num(top - 4)} x2={num(COUNT_X)} y2={num(axis_y)} stroke={MUTED} />
            { axis(COUNT_X, count_len, [(0, "0".into()), (count_len / 2, format!("{}", max / 2)), (count_len, max.to_string())],
                if c.unit == "Letters" { "Letters" } else { "Items" }) }
            if c.rates {
                { axis(RATE_X, RATE_LEN, [(0, "0%".into()), (50, "50%".into()), (100, "100%".into())], "Overturned, % of decided") }
            }
        </svg>
    }
}

/// The chart's numbers as a table.
fn table(c: &Chart) -> Html {
    html! {
        <table class="chart-table" id={c.id}>
            <thead><tr>
                <th scope="col">{ c.group }</th>
                <th scope="col">{ format!("{} (share)", c.unit) }</th>
                if c.rates {
                    <th scope="col">{ "Overturned (of decided)" }</th>
                }
            </tr></thead>
            <tbody>{ for c.rows.iter().map(|r| {
                let rate = tenths(r.overturned, r.decided);
                html! {
                    <tr data-key={r.key.clone()}>
                        <th scope="row">{
                            match &r.filter {
                                Some(onclick) => html! {
                                    <button type="button" class="link" title="Show these items" onclick={onclick.clone()}>{ r.label.clone() }</button>
                                },
                                None => html! { r.label.clone() },
                            }
                        }</th>
                        <td class="items">
                            <span class="n">{ r.count }</span>
                            <span class="muted">{ format!(" ({})", percent(tenths(r.count, r.base))) }</span>
                        </td>
                        if c.rates {
                            <td class="rate">
                                <span class="n">{ percent(rate) }</span>
                                <span class="muted">{ format!(" ({} of {})", r.overturned, r.decided) }</span>
                            </td>
                        }
                    </tr>
                }
            }) }</tbody>
        </table>
    }
}

/// The chart's numbers as CSV: a row per bar (label, count, share, and with rates decided,
/// overturned and overturn rate; shares and rates as fractions with four decimals, as `imr
/// stats` writes them), then its other figures.
pub fn csv(c: &Chart) -> String {
    let share = |a: usize, b: usize| fraction((b > 0).then(|| a as f64 / b as f64));
    let mut header = vec![c.group, c.unit, "share"];
    if c.rates {
        header.extend(["decided", "overturned", "overturn rate"]);
    }
    let mut rows: Vec<Vec<String>> = c
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![r.label.clone(), r.count.to_string(), share(r.count, r.base)];
            if c.rates {
                row.extend([
                    r.decided.to_string(),
                    r.overturned.to_string(),
                    share(r.overturned, r.decided),
                ]);
            }
            row
        })
        .collect();
    rows.extend(
        c.figures
            .iter()
            .map(|(k, v)| vec![k.to_string(), v.clone()]),
    );
    Table {
        name: c.id,
        title: c.title,
        header,
        rows,
    }
    .to_csv()
}

/// The chart's picture as an SVG file: the drawn element, serialized.
fn svg_file(id: &str) -> Option<String> {
    let el = web_sys::window()?
        .document()?
        .get_element_by_id(&format!("{id}-svg"))?;
    let xml = web_sys::XmlSerializer::new()
        .ok()?
        .serialize_to_string(&el)
        .ok()?;
    Some(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{xml}\n"
    ))
}

/// One chart: its title, picture, table and downloads.
pub fn chart(c: &Chart) -> Html {
    let on_svg = {
        let id = c.id;
        Callback::from(move |_: MouseEvent| {
            if let Some(svg) = svg_file(id) {
                let _ = export::download(&format!("imr-{id}.svg"), "image/svg+xml", &svg);
            }
        })
    };
    let on_csv = {
        let (id, csv) = (c.id, csv(c));
        Callback::from(move |_: MouseEvent| {
            let _ = export::download(&format!("imr-{id}.csv"), "text/csv", &csv);
        })
    };
    let empty = c.rows.is_empty();
    html! {
        <section class="card chart" aria-labelledby={format!("{}-title", c.id)}>
            // The picture shows the title: the heading is for screen readers and the outline.
            <h3 id={format!("{}-title", c.id)} class={classes!((!empty).then_some("visually-hidden"))}>{ c.title }</h3>
            if empty {
                <p class="muted">{ format!("No {}.", c.unit.to_ascii_lowercase()) }</p>
            } else {
                <div class="chart-picture">{ picture(c) }</div>
                if let Some(note) = &c.note {
                    <p class="visually-hidden" id={format!("{}-note", c.id)}>{ note.clone() }</p>
                }
                { table(c) }
                <div class="chart-downloads no-print">
                    <button type="button" class="secondary" id={format!("{}-download-svg", c.id)} onclick={on_svg}
                        aria-label={format!("Picture (SVG): {}", c.title)}>{ "Picture (SVG)" }</button>
                    <button type="button" class="secondary" id={format!("{}-download-csv", c.id)} onclick={on_csv}
                        aria-label={format!("Numbers (CSV): {}", c.title)}>{ "Numbers (CSV)" }</button>
                </div>
            }
        </section>
    }
}
