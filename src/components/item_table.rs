//! One row per disputed item of the letters shown.

use yew::prelude::*;

use super::letter_table::{cut_mark, date_text, place_text, sort_header};
use super::windowed::Windowed;
use crate::labels::category_label;
use crate::state::{is_cut, item_source, Action, AppState, Column, View};

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
    let count = state.shown.items.len();
    if count == 0 {
        return html! { <p class="muted" id="no-rows">{ "No item matches." }</p> };
    }
    let header = html! {
        <>
            { sort_header(state, Column::Case, "Case") }
            { sort_header(state, Column::DecisionDate, "Decision date") }
            { sort_header(state, Column::Request, "Request") }
            { sort_header(state, Column::Category, "Category") }
            { sort_header(state, Column::Decision, "Decision") }
            { sort_header(state, Column::Source, "Guideline source") }
            { sort_header(state, Column::Specialties, "Specialties") }
        </>
    };
    let cells = {
        let state = state.clone();
        Callback::from(move |i: usize| {
            let (r, n) = state.shown.items[i];
            let row = state.item_row(r, n);
            let request = request_text(row.item);
            let specialties = row.letter.reviewer.specialties.join(", ");
            let case = row.letter.case_number.clone().unwrap_or_else(|| {
                place_text(row.row).map_or_else(
                    || row.row.name.to_string(),
                    |p| format!("{} ({p})", row.row.name),
                )
            });
            html! {
                <>
                    <td><button type="button" class="link case" tabindex="-1">{ case }</button>
                        if is_cut(row.letter) { { " " }{ cut_mark() } }</td>
                    <td class="nowrap">{ date_text(row.letter.dates.decision) }</td>
                    <td title={request.clone()}>{ request }</td>
                    <td class="category">{ category_label(&row.item.category) }</td>
                    <td>{ decision_badge(row.item.decision) }</td>
                    <td>{ source_text(item_source(row.item)) }</td>
                    <td title={specialties.clone()}>{ specialties }</td>
                </>
            }
        })
    };
    let on_open = {
        let state = state.clone();
        Callback::from(move |i: usize| {
            let (r, _) = state.shown.items[i];
            let id = state.index.rows[r as usize].id;
            state.dispatch(Action::Show(View::Letter(id)));
        })
    };
    html! {
        <Windowed id="items-table" caption="Disputed items (click a row, or press Enter on it, to open its letter)"
            {header} {count} {cells} {on_open} />
    }
}
