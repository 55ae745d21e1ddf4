//! One row per letter; sortable by any column; a click (or Enter) opens the letter.

use imr_letter::Outcome;
use yew::prelude::*;

use super::windowed::Windowed;
use crate::state::{is_cut, Action, AppState, Column, Row, View};
use crate::summary::us_date;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
}

/// A sortable column header.
pub fn sort_header(state: &UseReducerHandle<AppState>, col: Column, text: &'static str) -> Html {
    let (cur, desc) = state.sort;
    let aria = if cur == col {
        if desc {
            "descending"
        } else {
            "ascending"
        }
    } else {
        "none"
    };
    let arrow = if cur == col {
        if desc {
            " ▼"
        } else {
            " ▲"
        }
    } else {
        ""
    };
    let s = state.clone();
    html! {
        <th scope="col" aria-sort={aria}>
            <button type="button" class="sort" onclick={Callback::from(move |_| s.dispatch(Action::SortBy(col)))}>
                { text }{ arrow }
            </button>
        </th>
    }
}

pub fn outcome_badge(o: Option<Outcome>) -> Html {
    match o {
        Some(o) => {
            let text = match o {
                Outcome::Upheld => "Upheld",
                Outcome::Overturned => "Overturned",
                Outcome::PartiallyOverturned => "Partially overturned",
            };
            html! { <span class={classes!("badge", o.as_str())}>{ text }</span> }
        }
        None => html! { <span class="badge none">{ "—" }</span> },
    }
}

/// A letter's outcome, marked when the letter is cut short: "Incomplete" where the cut left
/// the outcome unknown, else the outcome followed by "incomplete".
pub fn outcome_cell(o: Option<Outcome>, cut: bool) -> Html {
    match (o, cut) {
        (_, false) => outcome_badge(o),
        (None, true) => html! { <span class="badge cut" title={CUT_TITLE}>{ "Incomplete" }</span> },
        (Some(_), true) => html! { <>{ outcome_badge(o) }{ " " }{ cut_mark() }</> },
    }
}

const CUT_TITLE: &str = "The letter's text stops before the letter ends";

/// The mark of a cut letter in the tables.
pub fn cut_mark() -> Html {
    html! { <span class="cut-mark" title={CUT_TITLE}>{ "incomplete" }</span> }
}

/// A date as the letter writes it (`12/14/2016`), its ISO form (as exported) in a tooltip.
pub fn date_text(d: Option<imr_letter::Date>) -> Html {
    match d {
        Some(d) => {
            let iso = d.to_string();
            html! { <time datetime={iso.clone()} title={format!("ISO {iso}")}>{ us_date(d) }</time> }
        }
        None => html! { "—" },
    }
}

/// Where a letter sits in its file, when the file holds several: "letter 2 of 3, pages 4–6".
pub fn place_text(row: &Row) -> Option<String> {
    if row.of < 2 {
        return None;
    }
    let mut t = format!("letter {} of {}", row.id.index + 1, row.of);
    match row.letter().source.pages {
        Some([a, b]) if a == b => t += &format!(", page {a}"),
        Some([a, b]) => t += &format!(", pages {a}\u{2013}{b}"),
        None => {}
    }
    Some(t)
}

/// A file name, and the letter's place in it when the file holds several.
pub fn file_cell(row: &Row) -> Html {
    let place = place_text(row);
    let title = match &place {
        Some(p) => format!("{} ({p})", row.name),
        None => row.name.to_string(),
    };
    html! {
        <td class="file" {title}>{ &*row.name }
            if let Some(p) = place { <span class="place">{ format!(" \u{b7} {p}") }</span> }
        </td>
    }
}

#[function_component(LetterTable)]
pub fn letter_table(props: &Props) -> Html {
    let state = &props.state;
    let count = state.shown.letters.len();
    if count == 0 {
        return html! { <p class="muted" id="no-rows">{ if state.pending() > 0 { "Reading…" } else { "No letter matches." } }</p> };
    }
    let header = html! {
        <>
            { sort_header(state, Column::File, "File") }
            { sort_header(state, Column::Case, "Case") }
            { sort_header(state, Column::DecisionDate, "Decision date") }
            { sort_header(state, Column::InjuryDate, "Injury date") }
            { sort_header(state, Column::Items, "Items") }
            { sort_header(state, Column::Outcome, "Outcome") }
            { sort_header(state, Column::Specialties, "Specialties") }
        </>
    };
    let cells = {
        let state = state.clone();
        Callback::from(move |i: usize| {
            let row = &state.index.rows[state.shown.letters[i] as usize];
            let l = row.letter();
            let specialties = l.reviewer.specialties.join(", ");
            html! {
                <>
                    { file_cell(row) }
                    <td><button type="button" class="link case" tabindex="-1">
                        { l.case_number.clone().unwrap_or_else(|| "(no case number)".into()) }
                    </button></td>
                    <td class="nowrap">{ date_text(l.dates.decision) }</td>
                    <td class="nowrap">{ date_text(l.dates.injury) }</td>
                    <td class="num">{ l.items.len() }</td>
                    <td>{ outcome_cell(l.outcome, is_cut(l)) }</td>
                    <td title={specialties.clone()}>{ specialties }</td>
                </>
            }
        })
    };
    let on_open = {
        let state = state.clone();
        Callback::from(move |i: usize| {
            let id = state.index.rows[state.shown.letters[i] as usize].id;
            state.dispatch(Action::Show(View::Letter(id)));
        })
    };
    html! {
        <Windowed id="letters-table" caption="Letters (click a row, or press Enter on it, to open it)"
            {header} {count} {cells} {on_open} />
    }
}
