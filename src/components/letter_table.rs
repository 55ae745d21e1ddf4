//! One row per letter; sortable by any column; a click (or Enter) opens the letter.

use imr_letter::Outcome;
use yew::prelude::*;

use crate::state::{Action, AppState, Column, View};
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

#[function_component(LetterTable)]
pub fn letter_table(props: &Props) -> Html {
    let state = &props.state;
    let rows = state.visible_letters();
    if rows.is_empty() {
        return html! { <p class="muted" id="no-rows">{ if state.pending() > 0 { "Reading…" } else { "No letter matches." } }</p> };
    }
    html! {
        <table class="grid" id="letters-table">
            <caption class="visually-hidden">{ "Letters (click a row to open it)" }</caption>
            <thead><tr>
                { sort_header(state, Column::File, "File") }
                { sort_header(state, Column::Case, "Case") }
                { sort_header(state, Column::DecisionDate, "Decision date") }
                { sort_header(state, Column::InjuryDate, "Injury date") }
                { sort_header(state, Column::Items, "Items") }
                { sort_header(state, Column::Outcome, "Outcome") }
                { sort_header(state, Column::Specialties, "Specialties") }
            </tr></thead>
            <tbody>
                { for rows.iter().map(|(e, p)| {
                    let l = &p.letter;
                    let id = e.id;
                    let s = state.clone();
                    let open = Callback::from(move |_| s.dispatch(Action::Show(View::Letter(id))));
                    html! {
                        <tr key={id} class="clickable" onclick={open.clone()}>
                            <td class="file">{ &e.name }</td>
                            <td><button type="button" class="link case" onclick={open}>
                                { l.case_number.clone().unwrap_or_else(|| "(no case number)".into()) }
                            </button></td>
                            <td class="nowrap">{ date_text(l.dates.decision) }</td>
                            <td class="nowrap">{ date_text(l.dates.injury) }</td>
                            <td class="num">{ l.items.len() }</td>
                            <td>{ outcome_badge(l.outcome) }</td>
                            <td>{ l.reviewer.specialties.join(", ") }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
