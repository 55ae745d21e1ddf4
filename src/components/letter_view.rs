//! One letter: header card, reviewer and patient, summary, decisions, warnings, and its source.

use std::rc::Rc;

use imr_letter::{Item, Letter, Span};
use yew::prelude::*;

use super::field::Field;
use super::item_table::{decision_badge, request_text, source_text};
use super::letter_table::place_text;
use super::letter_table::{date_text, outcome_cell};
use super::page_image::use_page_images;
use super::source_view::{valid_span, SourceView};
use crate::search::Needle;
use crate::state::{days_between, is_cut, item_source, Action, AppState, LetterId, Row, View};
use crate::summary::letter_summary;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
    /// The letter, as the index holds it (its file's name, text and place).
    pub row: Rc<Row>,
}

/// The letter's own part of its file's text, and where that part starts: a file with several
/// letters shows each letter's text only (spans stay offsets into the whole text).
fn own_text(row: &Row, text: &str) -> (Rc<str>, usize) {
    let part = row
        .letter()
        .source
        .span
        .filter(|_| row.of > 1)
        .and_then(|s| valid_span(text, Some(s)));
    match part {
        Some((a, b)) => (Rc::from(&text[a..b]), a),
        None => (Rc::from(text), 0),
    }
}

/// The span a highlight key points at: a field's pointer, or `/warnings/N`.
pub fn resolve_span(letter: &Letter, key: &str) -> Option<Span> {
    if let Some(n) = key.strip_prefix("/warnings/") {
        return letter.warnings.get(n.parse::<usize>().ok()?)?.span;
    }
    letter.spans.get(key).copied()
}

/// The byte range covered by an item's spans.
fn item_range(letter: &Letter, n: usize) -> Option<(usize, usize)> {
    let prefix = format!("/items/{n}/");
    letter
        .spans
        .iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .fold(None, |acc, (_, s)| match acc {
            None => Some((s[0], s[1])),
            Some((a, b)) => Some((a.min(s[0]), b.max(s[1]))),
        })
}

/// `s` with the search's matches marked (as text nodes and `<mark>`s: nothing in it runs).
fn marked(s: &str, needle: &Needle) -> Html {
    let mut parts: Vec<Html> = Vec::new();
    let mut at = 0;
    for (a, b) in needle.matches(s) {
        parts.push(html! { &s[at..a] });
        parts.push(html! { <mark class="hit">{ &s[a..b] }</mark> });
        at = b;
    }
    parts.push(html! { &s[at..] });
    parts.into_iter().collect()
}

fn interval(days: Option<i64>) -> String {
    match days {
        Some(1) => "1 day".into(),
        Some(d) => format!("{d} days"),
        None => "—".into(),
    }
}

#[function_component(LetterView)]
pub fn letter_view(props: &Props) -> Html {
    let state = &props.state;
    let row = &props.row;
    let l = row.letter();
    // The file's text is read back when the letter is shown (`SourceText`: it is kept out of
    // wasm memory), so the values show at once and the text as soon as it is read: (letter,
    // its part of the text and where that starts; `None` inside: it could not be read).
    let source = use_state(|| None::<(LetterId, Option<(Rc<str>, usize)>)>);
    let shown_id = use_mut_ref(|| row.id);
    {
        let (source, shown_id, row) = (source.clone(), shown_id.clone(), row.clone());
        use_effect_with(row.id, move |id| {
            *shown_id.borrow_mut() = *id;
            wasm_bindgen_futures::spawn_local(async move {
                let text = row.text.read().await;
                // Only if the letter is still the one shown (a quick step may have moved on).
                if *shown_id.borrow() == row.id {
                    source.set(Some((row.id, text.map(|t| own_text(&row, &t)))));
                }
            });
        });
    }
    // The field whose source is highlighted: this view's own state (a hover re-renders the
    // letter, not the app), and of this letter only (another letter starts with none).
    let highlight = use_state(|| None::<(LetterId, String)>);
    let highlighted: Option<&str> = highlight
        .as_ref()
        .filter(|(id, _)| *id == row.id)
        .map(|(_, p)| p.as_str());
    let on_highlight = {
        let highlight = highlight.clone();
        use_callback(row.id, move |p: Option<String>, id| {
            highlight.set(p.map(|p| (*id, p)))
        })
    };
    let f = |ptr: String, content: Html| {
        let span = resolve_span(l, &ptr);
        let has_span = span.is_some();
        let active = highlighted == Some(ptr.as_str());
        // Warnings about this value (their span within its span), shown beside it.
        let notes: Vec<&str> = match span {
            Some([a, b]) if !ptr.starts_with("/warnings/") => l
                .warnings
                .iter()
                .filter(|w| w.span.is_some_and(|s| s[0] >= a && s[1] <= b && s[0] < b))
                .map(|w| w.message.as_str())
                .collect(),
            _ => Vec::new(),
        };
        html! {
            <>
                <Field {ptr} {has_span} {active} on_highlight={on_highlight.clone()}>{ content }</Field>
                if !notes.is_empty() {
                    <span class="field-warning" role="note" title={notes.join(" ")}
                        aria-label={format!("Warning: {}", notes.join(" "))}>{ "⚠" }</span>
                }
            </>
        }
    };
    let text_or_dash = |s: &Option<String>| -> Html {
        match s {
            Some(s) => html! { { s.clone() } },
            None => html! { <span class="muted">{ "—" }</span> },
        }
    };
    // What a search of the letters' text found here is marked in the summary and rationales.
    let needle = match &state.filter {
        f if f.search_text => Needle::new(&f.search),
        _ => Needle::default(),
    };
    let hit = |s: &Option<String>| s.as_ref().is_some_and(|s| needle.is_in(s));
    let searched = |s: &Option<String>| match s {
        Some(s) if !needle.is_empty() => marked(s, &needle),
        _ => text_or_dash(s),
    };
    let date_field = |key: &str, label: &str, d: Option<imr_letter::Date>| {
        html! {
            <div class="kv"><dt>{ label.to_string() }</dt>
                <dd id={format!("v-{key}")}>{ f(format!("/dates/{key}"), html! { date_text(d) }) }</dd></div>
        }
    };
    let back = {
        let s = state.clone();
        Callback::from(move |_| s.dispatch(Action::Show(View::Letters)))
    };
    let print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let step = |by: isize| {
        let s = state.clone();
        Callback::from(move |_| s.dispatch(Action::Step(by)))
    };
    let prev = state.neighbour(props.row.id, -1);
    let next = state.neighbour(props.row.id, 1);
    let position = state.position(props.row.id);
    let copied = use_state(|| None::<bool>);
    {
        // Another letter: its summary is not copied yet.
        let copied = copied.clone();
        use_effect_with(props.row.id, move |_| copied.set(None));
    }
    let copy = {
        let text = letter_summary(l);
        let copied = copied.clone();
        Callback::from(move |_| {
            let Some(w) = web_sys::window() else { return };
            let promise = w.navigator().clipboard().write_text(&text);
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                copied.set(Some(ok));
            });
        })
    };
    let d = &l.dates;
    let cut = is_cut(l);
    let list = |key: &str, v: &[String]| -> Html {
        if v.is_empty() {
            return html! { <span class="muted">{ "—" }</span> };
        }
        html! { <>{ for v.iter().enumerate().map(|(i, s)| html! {
            <>{ if i > 0 { ", " } else { "" } }{ f(format!("/reviewer/{key}/{i}"), html! { s.clone() }) }</>
        }) }</> }
    };
    let warnings_of_item = |n: usize| -> Vec<(usize, &imr_letter::Warning)> {
        let Some((a, b)) = item_range(l, n) else {
            return vec![];
        };
        l.warnings
            .iter()
            .enumerate()
            .filter(|(_, w)| w.span.is_some_and(|s| s[0] >= a && s[1] <= b))
            .collect()
    };
    let item_row = |n: usize, item: &Item| -> Html {
        let p = |k: &str| format!("/items/{n}/{k}");
        let ws = warnings_of_item(n);
        html! {
            <tr id={format!("item-{n}")}>
                <td class="num">{ n + 1 }</td>
                <td>
                    <div class="request">{ f(p("request"), html! { request_text(item) }) }</div>
                    if !ws.is_empty() {
                        <ul class="warnings inline">{ for ws.iter().map(|(i, w)| html! {
                            <li>{ f(format!("/warnings/{i}"), html! { w.message.clone() }) }</li>
                        }) }</ul>
                    }
                    <details open={hit(&item.rationale)}>
                        <summary>{ "Guidelines and rationale" }</summary>
                        <dl class="item-detail">
                            <dt>{ "Heading" }</dt><dd>{ f(p("heading"), html! { item.heading.clone().unwrap_or_else(|| "\u{2014}".into()) }) }</dd>
                            <dt>{ "Claims Administrator guideline" }</dt>
                            <dd>{ f(p("claims_administrator_guideline"), text_or_dash(&item.claims_administrator_guideline)) }</dd>
                            <dt>{ "MAXIMUS guideline" }</dt>
                            <dd>{ f(p("maximus_guideline"), text_or_dash(&item.maximus_guideline)) }</dd>
                            if !item.citations.is_empty() {
                                <dt>{ "Citations" }</dt>
                                <dd><ul>{ for item.citations.iter().enumerate().map(|(c, cit)| html! {
                                    <li><span class={classes!("tag", cit.source.as_str())}>{ source_text(cit.source.as_str()) }</span>{ " " }
                                        { f(format!("/items/{n}/citations/{c}/text"), html! { cit.text.clone() }) }</li>
                                }) }</ul></dd>
                            }
                            <dt>{ "Decision rationale" }</dt>
                            <dd class="rationale">{ f(p("rationale"), searched(&item.rationale)) }</dd>
                        </dl>
                    </details>
                </td>
                <td>{ f(p("decision"), decision_badge(item.decision)) }</td>
                <td>{ source_text(item_source(item)) }</td>
            </tr>
        }
    };
    let span = highlighted.and_then(|k| resolve_span(l, k));
    let page_images = use_page_images(row, span);
    let source = match source.as_ref().filter(|(id, _)| *id == row.id) {
        Some((_, Some((text, start)))) => {
            let start = *start;
            let span = span.and_then(|[a, b]| Some([a.checked_sub(start)?, b.checked_sub(start)?]));
            html! { <SourceView text={text.clone()} {span} /> }
        }
        waiting => html! {
            <section class="source no-print" aria-label="Source text of the letter">
                <h2>{ "Source text" }</h2>
                <p class="muted" id="source-status" role="status">{
                    if waiting.is_some() { "The text could not be read back." } else { "Reading the text…" }
                }</p>
            </section>
        },
    };
    let mut about = match (row.parsed.pages, row.parsed.kind.as_str()) {
        (Some(n), "scan") => format!(" (scan, {n} pages)"),
        (Some(n), _) => format!(" (PDF, {n} pages)"),
        (None, _) => String::new(),
    };
    if let Some(p) = place_text(row) {
        about += &format!(" \u{b7} {p}");
    }
    html! {
        <article class="letter" aria-label="Letter">
            <div class="letter-nav no-print">
                <button type="button" id="back" class="secondary" onclick={back}>{ "← All letters" }</button>
                <span class="file-name" id="letter-file">{ &*row.name }{ about }</span>
                <span class="copy-status" role="status" id="copy-status">{ match *copied {
                    Some(true) => "Summary copied",
                    Some(false) => "Copying was refused by the browser",
                    None => "",
                } }</span>
                <button type="button" id="copy-summary" class="secondary" onclick={copy}
                    title="Case, dates, and each item with its decision and guideline source, as plain text">{ "Copy summary" }</button>
                <button type="button" id="print" class="secondary" onclick={print}>{ "Print" }</button>
                if let Some((at, of)) = position {
                    <span class="stepper" role="group" aria-label="Letters of the table">
                        <button type="button" id="prev-letter" class="secondary" disabled={prev.is_none()}
                            onclick={step(-1)} title="Previous letter (←)" aria-keyshortcuts="ArrowLeft">{ "← Previous" }</button>
                        <span id="letter-position">{ format!("{at} of {of}") }</span>
                        <button type="button" id="next-letter" class="secondary" disabled={next.is_none()}
                            onclick={step(1)} title="Next letter (→)" aria-keyshortcuts="ArrowRight">{ "Next →" }</button>
                    </span>
                }
            </div>
            if let Some(ocr) = &l.ocr {
                <p class="ocr-note" id="ocr-note" data-confidence={(ocr.mean_confidence.round() as u32).to_string()}>
                    { format!("Read by OCR ({}): {} page(s), mean word confidence {}%. Check the values against the scan.", ocr.engine, ocr.pages, ocr.mean_confidence.round() as u32) }
                </p>
            }
            if cut {
                <div class="cut-banner" id="cut-banner" role="alert">
                    <strong>{ "This letter is incomplete: " }</strong>
                    { "the text stops before the letter ends (a page may be missing). What the missing part held is not shown, and the outcome may be unknown: check the original letter." }
                </div>
            }
            <div class="letter-body">
                <div class="structure">
                    <section class="card header-card" aria-label="Case">
                        <h2>{ "Case " }<span id="v-case">{ f("/case_number".into(), text_or_dash(&l.case_number)) }</span></h2>
                        <dl class="kvs">
                            { date_field("assigned", "Date assigned", d.assigned) }
                            { date_field("injury", "Date of injury", d.injury) }
                            { date_field("ur_denial", "UR denial", d.ur_denial) }
                            { date_field("application_received", "Application received", d.application_received) }
                            { date_field("decision", "Decision date", d.decision) }
                            <div class="kv"><dt>{ "Priority" }</dt><dd id="v-priority">{ f("/priority".into(), text_or_dash(&l.priority)) }</dd></div>
                        </dl>
                        <dl class="kvs intervals">
                            <div class="kv"><dt>{ "UR denial → application" }</dt><dd id="v-days-ur-app">{ interval(days_between(d.ur_denial, d.application_received)) }</dd></div>
                            <div class="kv"><dt>{ "Application → decision" }</dt><dd id="v-days-app-decision">{ interval(days_between(d.application_received, d.decision)) }</dd></div>
                            <div class="kv"><dt>{ "Outcome" }</dt><dd id="v-outcome">{ outcome_cell(l.outcome, cut) }</dd></div>
                        </dl>
                    </section>
                    <section class="card" aria-label="Reviewer and patient">
                        <dl class="kvs">
                            <div class="kv"><dt>{ "Reviewer licensure" }</dt><dd id="v-licensure">{ list("licensure", &l.reviewer.licensure) }</dd></div>
                            <div class="kv"><dt>{ "Reviewer specialties" }</dt><dd id="v-specialties">{ list("specialties", &l.reviewer.specialties) }</dd></div>
                            <div class="kv"><dt>{ "Patient age" }</dt><dd id="v-age">{ f("/patient/age".into(), text_or_dash(&l.patient.age.map(|a| a.to_string()))) }</dd></div>
                            <div class="kv"><dt>{ "Patient sex" }</dt><dd id="v-sex">{ f("/patient/sex".into(), text_or_dash(&l.patient.sex.map(|s| s.as_str().to_string()))) }</dd></div>
                        </dl>
                    </section>
                    <section class="card" aria-label="Clinical case summary">
                        <h3>{ "Clinical case summary" }</h3>
                        <p id="v-summary" class="summary">{ f("/summary".into(), searched(&l.summary)) }</p>
                    </section>
                    <section class="card" aria-label="Decisions">
                        <h3>{ format!("Decisions ({} item{})", l.items.len(), if l.items.len() == 1 { "" } else { "s" }) }</h3>
                        if l.items.is_empty() {
                            <p class="muted">{ "No disputed item was found." }</p>
                        } else {
                            <table class="decisions" id="decisions">
                                <thead><tr><th scope="col">{ "#" }</th><th scope="col">{ "Item" }</th><th scope="col">{ "Decision" }</th><th scope="col">{ "Guideline source" }</th></tr></thead>
                                <tbody>{ for l.items.iter().enumerate().map(|(n, it)| item_row(n, it)) }</tbody>
                            </table>
                        }
                    </section>
                    if !l.warnings.is_empty() {
                        <section class="card warn-card" aria-label="Warnings">
                            <h3>{ "Warnings" }</h3>
                            <ul class="warnings" id="warnings">
                                { for l.warnings.iter().enumerate().map(|(i, w)| html! {
                                    <li data-code={w.code.as_str()}>{ f(format!("/warnings/{i}"), html! { w.message.clone() }) }</li>
                                }) }
                            </ul>
                        </section>
                    }
                </div>
                <div class="beside">
                    { page_images }
                    { source }
                </div>
            </div>
        </article>
    }
}
