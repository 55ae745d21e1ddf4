//! Views, filters, search, totals of what is shown, exports and "Clear all".

use gloo_timers::callback::Timeout;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::insights::guideline_label;
use crate::export;
use crate::labels::{subtype_label, type_label};
use crate::state::{Action, AppState, Filter, GuidelineFilter, View, WarningsFilter};
use imr_letter::{Decision, Outcome, Subtype, TreatmentType};

/// How long typing must pause before the search filter follows the box.
const SEARCH_DEBOUNCE_MS: u32 = 150;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
}

/// A select bound to one filter field.
fn select(
    state: &UseReducerHandle<AppState>,
    id: &'static str,
    label: &'static str,
    value: &str,
    options: Vec<(String, String)>,
    set: fn(&mut Filter, String),
) -> Html {
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            let mut f = state.filter.clone();
            set(&mut f, v);
            state.dispatch(Action::SetFilter(f));
        })
    };
    html! {
        <div class="control">
            <label for={id}>{ label }</label>
            <select {id} {onchange}>
                { for options.into_iter().map(|(v, text)| {
                    let selected = v == value;
                    html! { <option value={v} {selected}>{ text }</option> }
                }) }
            </select>
        </div>
    }
}

/// A filter set from Insights (no select shows it), as a chip that removes it.
fn chip(
    state: &UseReducerHandle<AppState>,
    id: &'static str,
    label: String,
    clear: fn(&mut Filter),
) -> Html {
    let onclick = {
        let state = state.clone();
        Callback::from(move |_| {
            let mut f = state.filter.clone();
            clear(&mut f);
            state.dispatch(Action::SetFilter(f));
        })
    };
    html! {
        <button type="button" class="chip" {id} {onclick} title="Remove this filter">{ format!("{label} ×") }</button>
    }
}

/// "Any" (`""`), then each value: its `as_str` and its label.
fn opts<T: Copy>(list: &[(T, &str)], as_str: fn(T) -> &'static str) -> Vec<(String, String)> {
    let mut v = vec![(String::new(), "Any".to_string())];
    v.extend(
        list.iter()
            .map(|&(t, label)| (as_str(t).to_string(), label.to_string())),
    );
    v
}

/// The value of `all` whose `as_str` is `v`; `None` for "Any" (`""`).
fn pick<T: Copy>(all: &[T], as_str: fn(T) -> &'static str, v: &str) -> Option<T> {
    all.iter().copied().find(|&t| as_str(t) == v)
}

const OUTCOMES: [(Outcome, &str); 3] = [
    (Outcome::Upheld, "Upheld"),
    (Outcome::Overturned, "Overturned"),
    (Outcome::PartiallyOverturned, "Partially overturned"),
];
const DECISIONS: [(Decision, &str); 2] = [
    (Decision::Upheld, "Upheld"),
    (Decision::Overturned, "Overturned"),
];
const SOURCES: [(GuidelineFilter, &str); 3] = [
    (GuidelineFilter::Mtus, "MTUS"),
    (GuidelineFilter::NonMtus, "Non-MTUS"),
    (GuidelineFilter::NoneCited, "None cited"),
];
const WARNINGS: [(WarningsFilter, &str); 2] = [
    (WarningsFilter::WithWarnings, "With warnings"),
    (WarningsFilter::Cut, "Cut (incomplete)"),
];

#[function_component(Toolbar)]
pub fn toolbar(props: &Props) -> Html {
    let state = &props.state;
    let f = &state.filter;
    let totals = state.totals();
    let tab = |view: View, id: &'static str, text: &'static str| {
        let s = state.clone();
        let selected = state.view == view;
        html! {
            <button type="button" {id} aria-pressed={selected.to_string()}
                class={classes!("tab", selected.then_some("selected"))}
                onclick={Callback::from(move |_| s.dispatch(Action::Show(view)))}>{ text }</button>
        }
    };
    let mut specialties = vec![(String::new(), "Any".to_string())];
    specialties.extend(state.specialties().iter().map(|s| (s.clone(), s.clone())));
    let types: Vec<(TreatmentType, &str)> = TreatmentType::ALL
        .iter()
        .map(|&t| (t, type_label(t)))
        .collect();
    let categories = opts(&types, TreatmentType::as_str);
    // Search is debounced: the filter follows the box once typing pauses (or at once on
    // Enter), not on every keystroke.
    let search = use_state(|| f.search.clone());
    let pending = use_mut_ref(|| None::<Timeout>);
    {
        // The filter changed elsewhere (reset, clear): the box follows.
        let (search, pending) = (search.clone(), pending.clone());
        use_effect_with(f.search.clone(), move |s| {
            pending.borrow_mut().take();
            search.set(s.clone());
        });
    }
    let apply_search = {
        let state = state.clone();
        move |v: String| {
            if v != state.filter.search {
                state.dispatch(Action::SetFilter(Filter {
                    search: v,
                    ..state.filter.clone()
                }));
            }
        }
    };
    let on_search = {
        let (search, pending, apply) = (search.clone(), pending.clone(), apply_search.clone());
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            search.set(v.clone());
            let apply = apply.clone();
            // Replacing the timeout cancels the one before.
            *pending.borrow_mut() = Some(Timeout::new(SEARCH_DEBOUNCE_MS, move || apply(v)));
        })
    };
    let on_search_key = {
        let pending = pending.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                pending.borrow_mut().take();
                apply_search(e.target_unchecked_into::<HtmlInputElement>().value());
            }
        })
    };
    // The subtypes of the type chosen (Insights' subtype bars set one).
    let subtypes: Vec<(Subtype, String)> = f
        .category
        .map(|t| {
            t.subtypes()
                .iter()
                .map(|&s| (s, subtype_label(s)))
                .collect()
        })
        .unwrap_or_default();
    let subtype_opts = opts(
        &subtypes
            .iter()
            .map(|(s, l)| (*s, l.as_str()))
            .collect::<Vec<_>>(),
        Subtype::as_str,
    );
    // Searching the letters' text too: the box's text applies at once with it.
    let on_search_text = {
        let (state, search, pending) = (state.clone(), search.clone(), pending.clone());
        Callback::from(move |e: Event| {
            pending.borrow_mut().take();
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            state.dispatch(Action::SetFilter(Filter {
                search_text: on,
                search: (*search).clone(),
                ..state.filter.clone()
            }));
        })
    };
    let on_json = {
        let state = state.clone();
        Callback::from(move |_| {
            let letters: Vec<&imr_letter::Letter> =
                state.visible_letters().map(|r| r.letter()).collect();
            let _ = export::download(
                "imr-letters.json",
                "application/json",
                &export::letters_json(&letters),
            );
        })
    };
    let on_csv = {
        let state = state.clone();
        Callback::from(move |_| {
            let letters: Vec<&imr_letter::Letter> =
                state.visible_letters().map(|r| r.letter()).collect();
            let _ = export::download(
                "imr-letters.csv",
                "text/csv",
                &export::letters_csv(&letters),
            );
        })
    };
    let on_clear = {
        let state = state.clone();
        Callback::from(move |_| {
            crate::ocr::forget_page_images();
            state.dispatch(Action::ClearAll)
        })
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::SetFilter(Filter::default())))
    };
    html! {
        <section class="toolbar no-print" aria-label="Views, filters and export">
            <div class="tabs" role="group" aria-label="View">
                { tab(View::Letters, "tab-letters", "Letters") }
                { tab(View::Items, "tab-items", "Items") }
                { tab(View::Insights, "tab-insights", "Insights") }
            </div>
            <div class="filters">
                { select(state, "f-outcome", "Outcome", f.outcome.map_or("", Outcome::as_str), opts(&OUTCOMES, Outcome::as_str),
                    |f, v| f.outcome = pick(&OUTCOMES.map(|o| o.0), Outcome::as_str, &v)) }
                { select(state, "f-decision", "Item decision", f.decision.map_or("", Decision::as_str), opts(&DECISIONS, Decision::as_str),
                    |f, v| f.decision = pick(&DECISIONS.map(|d| d.0), Decision::as_str, &v)) }
                { select(state, "f-specialty", "Specialty", &f.specialty, specialties, |f, v| f.specialty = v) }
                { select(state, "f-category", "Category", f.category.map_or("", TreatmentType::as_str), categories,
                    |f, v| { f.category = pick(&TreatmentType::ALL, TreatmentType::as_str, &v); f.subtype = None; }) }
                if !subtypes.is_empty() {
                    { select(state, "f-subtype", "Subtype", f.subtype.map_or("", Subtype::as_str), subtype_opts,
                        |f, v| f.subtype = f.category.and_then(|t| pick(t.subtypes(), Subtype::as_str, &v))) }
                }
                { select(state, "f-source", "Guideline source", f.source.map_or("", GuidelineFilter::as_str), opts(&SOURCES, GuidelineFilter::as_str),
                    |f, v| f.source = pick(&GuidelineFilter::ALL, GuidelineFilter::as_str, &v)) }
                { select(state, "f-warnings", "Warnings", f.warnings.map_or("", WarningsFilter::as_str), opts(&WARNINGS, WarningsFilter::as_str),
                    |f, v| f.warnings = pick(&WarningsFilter::ALL, WarningsFilter::as_str, &v)) }
                <div class="control search">
                    <label for="f-search">{ "Search" }</label>
                    <input id="f-search" type="search" value={(*search).clone()} oninput={on_search} onkeydown={on_search_key}
                        placeholder="case, request, specialty, file" />
                    <label class="check"><input type="checkbox" id="f-search-text" checked={f.search_text} onchange={on_search_text} />
                        { " Also search summaries and rationales" }</label>
                </div>
                if let Some(g) = &f.guideline {
                    { chip(state, "f-guideline", format!("Guideline cited: {}", guideline_label(g)), |f| f.guideline = None) }
                }
                if let Some(d) = f.dates {
                    { chip(state, "f-dates", d.label(), |f| f.dates = None) }
                }
                if *f != Filter::default() {
                    <button type="button" class="link" onclick={on_reset}>{ "Reset filters" }</button>
                }
            </div>
            <div class="totals" role="status" aria-live="polite">
                <span><b id="total-letters">{ totals.letters }</b>{ " letters" }</span>
                <span><b id="total-items">{ totals.items }</b>{ " items" }</span>
                <span><b id="total-overturned">{ totals.overturned }</b>{ " overturned" }</span>
                <span>{ "overturn rate " }<b id="total-rate">{ totals.rate() }</b></span>
            </div>
            <div class="actions">
                <button type="button" id="export-json" onclick={on_json}>{ "Export JSON" }</button>
                <button type="button" id="export-csv" onclick={on_csv}>{ "Export CSV" }</button>
                <button type="button" id="clear-all" class="danger" onclick={on_clear}>{ "Clear all" }</button>
            </div>
        </section>
    }
}
