//! Insights: what the letters shown add up to. Decisions, and items and overturn rates by
//! treatment type, pharmaceutical subtype and guideline cited, from `imr_letter::stats` over
//! the letters and items that pass the filters. Each chart is a table (what a screen reader
//! reads) with its bars drawn as inline SVG; a treatment type's name filters the Items view.

use imr_letter::stats::{insights, GuidelineGroup, Row};
use imr_letter::{Guideline, TreatmentType};
use yew::prelude::*;

use crate::labels::{subtype_label, type_label};
use crate::state::{Action, AppState, Filter, View};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
}

/// `a / b` in tenths of a percent, rounded half up; `None` when `b` is 0. (Integer arithmetic:
/// float formatting costs the page's wasm ~10 KB.)
pub fn tenths(a: usize, b: usize) -> Option<u64> {
    (b > 0).then(|| (a as u64 * 2000 + b as u64) / (b as u64 * 2))
}

/// Tenths of a percent as text: `33.3%`.
pub fn percent(t: u64) -> String {
    format!("{}.{}%", t / 10, t % 10)
}

/// A horizontal bar of `t` tenths of a percent of the cell's width.
fn bar(t: Option<u64>, class: &'static str) -> Html {
    let w = t.unwrap_or(0).min(1000);
    html! {
        <svg class={classes!("bar", class)} viewBox="0 0 1000 10" preserveAspectRatio="none"
            aria-hidden="true" focusable="false">
            <rect class="bar-bg" width="1000" height="10" />
            <rect width={w.to_string()} height="10" />
        </svg>
    }
}

/// One chart: a title and its rows.
struct Chart {
    id: &'static str,
    title: &'static str,
    group: &'static str,
    /// Whether the rows have an overturn rate column.
    rates: bool,
    rows: Vec<ChartRow>,
}

struct ChartRow {
    label: String,
    key: String,
    /// Filters the Items view to this row, when there is such a filter.
    filter: Option<Callback<MouseEvent>>,
    row: RowCounts,
}

struct RowCounts {
    items: usize,
    base: usize,
    decided: usize,
    overturned: usize,
}

fn counts<K>(r: &Row<K>, base: usize) -> RowCounts {
    RowCounts {
        items: r.items,
        base,
        decided: r.decided,
        overturned: r.overturned,
    }
}

fn chart(c: &Chart) -> Html {
    html! {
        <section class="card chart" aria-labelledby={format!("{}-title", c.id)}>
            <h3 id={format!("{}-title", c.id)}>{ c.title }</h3>
            if c.rows.is_empty() {
                <p class="muted">{ "No item." }</p>
            } else {
                <table class="chart-table" id={c.id}>
                    <thead><tr>
                        <th scope="col">{ c.group }</th>
                        <th scope="col">{ "Items (share)" }</th>
                        if c.rates {
                            <th scope="col">{ "Overturned (of decided)" }</th>
                        }
                    </tr></thead>
                    <tbody>{ for c.rows.iter().map(|r| {
                        let share = tenths(r.row.items, r.row.base);
                        let rate = tenths(r.row.overturned, r.row.decided);
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
                                    { bar(share, "share") }
                                    <span class="n">{ r.row.items }</span>
                                    <span class="muted">{ format!(" ({})", share.map(percent).unwrap_or_else(|| "-".into())) }</span>
                                </td>
                                if c.rates {
                                    <td class="rate">
                                        { bar(rate, "overturn") }
                                        <span class="n">{ rate.map(percent).unwrap_or_else(|| "-".into()) }</span>
                                        <span class="muted">{ format!(" ({} of {})", r.row.overturned, r.row.decided) }</span>
                                    </td>
                                }
                            </tr>
                        }
                    }) }</tbody>
                </table>
            }
        </section>
    }
}

fn guideline_label(g: &GuidelineGroup) -> String {
    match (&g.guideline, &g.chapter) {
        (None, _) => "None cited".into(),
        (Some(Guideline::Mtus), Some(c)) => format!("MTUS {c}"),
        (Some(Guideline::Mtus), None) => "MTUS (no chapter)".into(),
        (Some(Guideline::Odg), _) => "ODG".into(),
        (Some(Guideline::Acoem), _) => "ACOEM".into(),
        (Some(Guideline::Other), _) => "Other guideline".into(),
    }
}

#[function_component(Insights)]
pub fn insights_view(props: &Props) -> Html {
    let state = &props.state;
    let ins = insights(&state.insight_letters());
    let show_type = |t: TreatmentType| {
        let s = state.clone();
        Callback::from(move |_: MouseEvent| {
            s.dispatch(Action::SetFilter(Filter {
                category: Some(t),
                ..s.filter.clone()
            }));
            s.dispatch(Action::Show(View::Items));
        })
    };
    let row = |label: String, key: String, filter, row: RowCounts| ChartRow {
        label,
        key,
        filter,
        row,
    };
    let unread = ins.items - ins.decided;
    let decisions = Chart {
        id: "chart-decisions",
        title: "Items by decision",
        group: "Decision",
        rates: false,
        rows: [
            ("Upheld", "upheld", ins.decided - ins.overturned),
            ("Overturned", "overturned", ins.overturned),
            ("Decision not read", "unknown", unread),
        ]
        .into_iter()
        .filter(|(_, k, n)| *n > 0 || *k != "unknown")
        .map(|(label, key, n)| {
            let counts = RowCounts {
                items: n,
                base: ins.items,
                decided: 0,
                overturned: 0,
            };
            row(label.into(), key.into(), None, counts)
        })
        .collect(),
    };
    let by_type = Chart {
        id: "chart-by-type",
        title: "Items and overturn rate by treatment type",
        group: "Treatment type",
        rates: true,
        rows: ins
            .by_type
            .iter()
            .filter(|r| r.items > 0)
            .map(|r| {
                row(
                    type_label(r.key).into(),
                    r.key.as_str().into(),
                    Some(show_type(r.key)),
                    counts(r, ins.items),
                )
            })
            .collect(),
    };
    let drug_items: usize = ins.pharmaceutical.iter().map(|r| r.items).sum();
    let drugs = Chart {
        id: "chart-pharmaceutical",
        title: "Pharmaceutical items by subtype",
        group: "Subtype",
        rates: true,
        rows: ins
            .pharmaceutical
            .iter()
            .map(|r| {
                let (label, key) = match r.key {
                    Some(s) => (subtype_label(s), s.as_str().to_string()),
                    None => ("(no subtype)".to_string(), "none".to_string()),
                };
                row(label, key, None, counts(r, drug_items))
            })
            .collect(),
    };
    let by_guideline = Chart {
        id: "chart-by-guideline",
        title: "Items and overturn rate by guideline cited",
        group: "Guideline",
        rates: true,
        rows: ins
            .by_guideline
            .iter()
            .map(|r| {
                let label = guideline_label(&r.key);
                row(label.clone(), label, None, counts(r, ins.items))
            })
            .collect(),
    };
    html! {
        <section class="insights" id="insights" aria-label="Insights">
            <p class="insights-lead" id="insights-totals">
                { format!("{} letters, {} items: {} overturned of {} decided ({}).",
                    ins.letters, ins.items, ins.overturned, ins.decided,
                    tenths(ins.overturned, ins.decided).map(percent).unwrap_or_else(|| "-".into())) }
                <span class="muted">{ " Counted over the letters and items that pass the filters. An item citing several guidelines counts under each." }</span>
            </p>
            <div class="charts">
                { chart(&decisions) }
                { chart(&by_type) }
                { chart(&by_guideline) }
                { chart(&drugs) }
            </div>
        </section>
    }
}
