//! One row per disputed item of the letters shown.

use yew::prelude::*;

use super::letter_table::{date_text, sort_header};
use crate::labels::category_label;
use crate::state::{item_source, Action, AppState, Column, View};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
}

pub fn decision_badge(d: Option<imr_letter::Decision>) -> Html {
    let (text, class) = match d {
        Some(imr_letter::Decision::Upheld) => ("Upheld", "upheld"),
        Some(imr_letter::Decision::Overturned) => ("Overturned", "overturned"),
        None => ("Unreadable", "unknown"),
    };
    html! { <span class={classes!("badge", class)}>{ text }</span> }
}

/// An item's request, or a dash where its heading was lost.
pub fn request_text(i: &imr_letter::Item) -> String {
    i.request.clone().unwrap_or_else(|| "\u{2014}".into())
}

pub fn source_text(s: &str) -> &'static str {
    match s {
        "mtus" => "MTUS",
        "non_mtus" => "Non-MTUS",
        "both" => "MTUS + Non-MTUS",
        _ => "None cited",
    }
}

#[function_component(ItemTable)]
pub fn item_table(props: &Props) -> Html {
    let state = &props.state;
    let rows = state.visible_items();
    if rows.is_empty() {
        return html! { <p class="muted" id="no-rows">{ "No item matches." }</p> };
    }
    html! {
        <table class="grid" id="items-table">
            <caption class="visually-hidden">{ "Disputed items (click a row to open its letter)" }</caption>
            <thead><tr>
                { sort_header(state, Column::Case, "Case") }
                { sort_header(state, Column::DecisionDate, "Decision date") }
                { sort_header(state, Column::Request, "Request") }
                { sort_header(state, Column::Category, "Category") }
                { sort_header(state, Column::Decision, "Decision") }
                { sort_header(state, Column::Source, "Guideline source") }
                { sort_header(state, Column::Specialties, "Specialties") }
            </tr></thead>
            <tbody>
                { for rows.iter().map(|r| {
                    let id = r.entry.id;
                    let s = state.clone();
                    let open = Callback::from(move |_| s.dispatch(Action::Show(View::Letter(id))));
                    html! {
                        <tr key={format!("{id}-{}", r.n)} class="clickable" onclick={open.clone()}>
                            <td><button type="button" class="link case" onclick={open}>
                                { r.letter.case_number.clone().unwrap_or_else(|| r.entry.name.clone()) }
                            </button></td>
                            <td class="nowrap">{ date_text(r.letter.dates.decision) }</td>
                            <td>{ request_text(r.item) }</td>
                            <td class="category">{ category_label(&r.item.category) }</td>
                            <td>{ decision_badge(r.item.decision) }</td>
                            <td>{ source_text(item_source(r.item)) }</td>
                            <td>{ r.letter.reviewer.specialties.join(", ") }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
