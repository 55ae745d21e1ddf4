//! Insights: what the letters shown add up to, from `imr_letter::stats` over the letters and
//! items that pass the filters: items by decision, by treatment type, pharmaceutical subtype,
//! reviewer specialty and guideline cited (with overturn rates), the days from UR denial to
//! application and from application to decision, and decisions by month. Each chart is drawn
//! by `chart`; a row's label (or its bar) filters the Items view to it where a filter exists.

use std::rc::Rc;

use imr_letter::stats::{GuidelineGroup, Insights as Stats, Interval, Row};
use imr_letter::{Decision, Guideline};
use yew::prelude::*;

use super::chart::{chart, percent, tenths, Chart, ChartRow};
use crate::labels::{subtype_label, type_label};
use crate::state::{Action, AppState, DatesFilter, Filter, View};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
}

/// A guideline group as the page names it.
pub fn guideline_label(g: &GuidelineGroup) -> String {
    match (&g.guideline, &g.chapter) {
        (None, _) => "None cited".into(),
        (Some(Guideline::Mtus), Some(c)) => format!("MTUS {c}"),
        (Some(Guideline::Mtus), None) => "MTUS (no chapter)".into(),
        (Some(Guideline::Odg), _) => "ODG".into(),
        (Some(Guideline::Acoem), _) => "ACOEM".into(),
        (Some(Guideline::Other), _) => "Other guideline".into(),
    }
}

fn row<K>(
    label: String,
    key: String,
    filter: Option<Callback<MouseEvent>>,
    r: &Row<K>,
    base: usize,
) -> ChartRow {
    ChartRow {
        label,
        key,
        filter,
        count: r.items,
        base,
        decided: r.decided,
        overturned: r.overturned,
    }
}

/// An interval's chart: letters by days, with the median and 90th percentile.
/// A filter's callback for a row: `None` where no filter exists.
type FilterTo<'a> = &'a dyn Fn(Rc<dyn Fn(&mut Filter)>) -> Option<Callback<MouseEvent>>;

/// An interval's chart; `span` makes the filter of a bin of days.
fn interval_chart(
    id: &'static str,
    title: &'static str,
    i: &Interval,
    span: fn(i64, Option<i64>) -> DatesFilter,
    filter_to: FilterTo,
) -> Chart {
    let days = |v: Option<i64>| v.map_or("-".into(), |d| format!("{d} days"));
    let value = |v: Option<i64>| v.map(|d| d.to_string()).unwrap_or_default();
    Chart {
        id,
        title,
        group: "Days",
        unit: "Letters",
        rates: false,
        note: Some(format!(
            "Median {}, 90th percentile {}; {} letters with both dates ({} missing a date, {} out of order).",
            days(i.median),
            days(i.p90),
            i.letters,
            i.missing,
            i.out_of_order
        )),
        rows: i
            .bins
            .iter()
            .map(|b| {
                let key = match b.to {
                    Some(to) => format!("{}-{to}", b.from),
                    None => format!("{}+", b.from),
                };
                let (from, to) = (b.from, b.to);
                ChartRow {
                    label: format!("{key} days"),
                    key,
                    filter: filter_to(Rc::new(move |f: &mut Filter| {
                        f.dates = Some(span(from, to))
                    })),
                    count: b.letters,
                    base: i.letters,
                    decided: 0,
                    overturned: 0,
                }
            })
            .collect(),
        figures: vec![
            ("median", value(i.median)),
            ("90th percentile", value(i.p90)),
            ("missing a date", i.missing.to_string()),
            ("out of order", i.out_of_order.to_string()),
        ],
    }
}

#[function_component(Insights)]
pub fn insights_view(props: &Props) -> Html {
    let state = &props.state;
    // Counted once per change of what is shown (letters, filter or sort), not per render.
    let ins: Rc<Stats> = {
        let s = state.clone();
        use_memo(state.shown.clone(), move |_| s.insights())
    };
    let filter_to = |set: Rc<dyn Fn(&mut Filter)>| {
        let s = state.clone();
        Some(Callback::from(move |_: MouseEvent| {
            let mut f = s.filter.clone();
            set(&mut f);
            s.dispatch(Action::SetFilter(f));
            s.dispatch(Action::Show(View::Items));
        }))
    };
    let unread = ins.items - ins.decided;
    let decisions = Chart {
        id: "chart-decisions",
        title: "Items by decision",
        group: "Decision",
        unit: "Items",
        rates: false,
        note: None,
        rows: [
            ("Upheld", "upheld", ins.decided - ins.overturned),
            ("Overturned", "overturned", ins.overturned),
            ("Decision not read", "unknown", unread),
        ]
        .into_iter()
        .filter(|(_, k, n)| *n > 0 || *k != "unknown")
        .map(|(label, key, n)| ChartRow {
            label: label.into(),
            key: key.into(),
            filter: match key {
                "upheld" => filter_to(Rc::new(|f: &mut Filter| {
                    f.decision = Some(Decision::Upheld)
                })),
                "overturned" => filter_to(Rc::new(|f: &mut Filter| {
                    f.decision = Some(Decision::Overturned)
                })),
                _ => None,
            },
            count: n,
            base: ins.items,
            decided: 0,
            overturned: 0,
        })
        .collect(),
        figures: vec![],
    };
    let by_type = Chart {
        id: "chart-by-type",
        title: "Items and overturn rate by treatment type",
        group: "Treatment type",
        unit: "Items",
        rates: true,
        note: None,
        rows: ins
            .by_type
            .iter()
            .filter(|r| r.items > 0)
            .map(|r| {
                let t = r.key;
                let f = filter_to(Rc::new(move |f: &mut Filter| {
                    f.category = Some(t);
                    f.subtype = None;
                }));
                row(type_label(t).into(), t.as_str().into(), f, r, ins.items)
            })
            .collect(),
        figures: vec![],
    };
    let drug_items: usize = ins.pharmaceutical.iter().map(|r| r.items).sum();
    let drugs = Chart {
        id: "chart-pharmaceutical",
        title: "Pharmaceutical items by subtype",
        group: "Subtype",
        unit: "Items",
        rates: true,
        note: None,
        rows: ins
            .pharmaceutical
            .iter()
            .map(|r| match r.key {
                Some(s) => {
                    let f = filter_to(Rc::new(move |f: &mut Filter| {
                        f.category = Some(imr_letter::TreatmentType::Pharmaceutical);
                        f.subtype = Some(s);
                    }));
                    row(subtype_label(s), s.as_str().into(), f, r, drug_items)
                }
                None => row("(no subtype)".into(), "none".into(), None, r, drug_items),
            })
            .collect(),
        figures: vec![],
    };
    let by_specialty = Chart {
        id: "chart-by-specialty",
        title: "Items and overturn rate by reviewer specialty",
        group: "Reviewer specialty",
        unit: "Items",
        rates: true,
        note: None,
        rows: ins
            .by_specialty
            .iter()
            .map(|r| match &r.key {
                Some(s) => {
                    let spec = s.clone();
                    let f = filter_to(Rc::new(move |f: &mut Filter| f.specialty = spec.clone()));
                    row(s.clone(), s.clone(), f, r, ins.items)
                }
                None => row("(not stated)".into(), "none".into(), None, r, ins.items),
            })
            .collect(),
        figures: vec![],
    };
    let by_guideline = Chart {
        id: "chart-by-guideline",
        title: "Items and overturn rate by guideline cited",
        group: "Guideline",
        unit: "Items",
        rates: true,
        note: None,
        rows: ins
            .by_guideline
            .iter()
            .map(|r| {
                let label = guideline_label(&r.key);
                let g = r.key.clone();
                let f = filter_to(Rc::new(move |f: &mut Filter| f.guideline = Some(g.clone())));
                row(label.clone(), label, f, r, ins.items)
            })
            .collect(),
        figures: vec![],
    };
    let ur_to_app = interval_chart(
        "chart-ur-to-application",
        "Days from UR denial to application",
        &ins.ur_denial_to_application,
        DatesFilter::UrDenialToApplication,
        &filter_to,
    );
    let app_to_decision = interval_chart(
        "chart-application-to-decision",
        "Days from application to decision",
        &ins.application_to_decision,
        DatesFilter::ApplicationToDecision,
        &filter_to,
    );
    let by_month = Chart {
        id: "chart-by-month",
        title: "Decisions by month",
        group: "Month of the decision",
        unit: "Letters",
        rates: true,
        note: None,
        rows: ins
            .by_month
            .iter()
            .map(|r| {
                let label = r.key.map_or("(no date)".into(), |m| m.to_string());
                let month = r.key;
                ChartRow {
                    label: label.clone(),
                    key: label,
                    filter: filter_to(Rc::new(move |f: &mut Filter| {
                        f.dates = Some(DatesFilter::Month(month))
                    })),
                    count: r.letters,
                    base: ins.letters,
                    decided: r.decided,
                    overturned: r.overturned,
                }
            })
            .collect(),
        figures: vec![],
    };
    html! {
        <section class="insights" id="insights" aria-label="Insights">
            <p class="insights-lead" id="insights-totals">
                { format!("{} letters, {} items: {} overturned of {} decided ({}).",
                    ins.letters, ins.items, ins.overturned, ins.decided,
                    percent(tenths(ins.overturned, ins.decided))) }
                <span class="muted">{ " Counted over the letters and items that pass the filters. An item citing several guidelines counts under each; a letter naming several specialties counts under each. Click a bar or a name to see those items. Texts that are not IMR letters are not counted." }</span>
            </p>
            <div class="charts">
                { chart(&decisions) }
                { chart(&by_type) }
                { chart(&drugs) }
                { chart(&by_specialty) }
                { chart(&by_guideline) }
                { chart(&ur_to_app) }
                { chart(&app_to_decision) }
                { chart(&by_month) }
            </div>
        </section>
    }
}
