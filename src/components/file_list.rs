//! Files that could not be read (with the reason) or were cancelled; the others go on. (Scans
//! being read by OCR are shown by `OcrStatus`.)

use yew::prelude::*;

use crate::state::{AppState, Status};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
}

#[function_component(FileList)]
pub fn file_list(props: &Props) -> Html {
    let rows: Vec<Html> = props
        .state
        .entries
        .iter()
        .filter_map(|e| match &e.status {
            Status::Failed(f) => Some(html! {
                <li class="failed" data-code={f.code.clone()}>
                    <span class="name">{ &e.name }</span>{ ": " }<span class="reason">{ &f.message }</span>
                </li>
            }),
            Status::Cancelled => Some(html! {
                <li class="cancelled"><span class="name">{ &e.name }</span>{ ": cancelled" }</li>
            }),
            _ => None,
        })
        .collect();
    let unrecognized = props
        .state
        .index
        .rows
        .iter()
        .filter(|r| !r.letter().is_recognized())
        .count();
    if rows.is_empty() && unrecognized == 0 {
        return html! {};
    }
    html! {
        <section class="file-list no-print" aria-label="Files not read">
            if !rows.is_empty() {
                <details open={rows.len() <= 5}>
                    <summary id="failed-count">{ format!("{} file(s) not read", rows.len()) }</summary>
                    <ul>{ for rows }</ul>
                </details>
            }
            if unrecognized > 0 {
                <p class="warn">{ format!("{unrecognized} letter(s) were read but do not look like an IMR letter (outcome empty).") }</p>
            }
        </section>
    }
}
