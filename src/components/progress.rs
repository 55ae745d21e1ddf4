//! The batch's progress bar (done / total) and its cancel button.

use yew::prelude::*;

use crate::state::AppState;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
    pub on_cancel: Callback<()>,
}

#[function_component(Progress)]
pub fn progress(props: &Props) -> Html {
    let (done, total) = props.state.batch;
    let pending = props.state.pending();
    if total == 0 {
        return html! {};
    }
    let onclick = {
        let cb = props.on_cancel.clone();
        Callback::from(move |_| cb.emit(()))
    };
    html! {
        <section class="progress no-print" aria-label="Reading progress">
            <label for="progress-bar" id="progress-text" data-done={done.to_string()} data-total={total.to_string()}
                data-pending={pending.to_string()} data-entries={props.state.entries.len().to_string()}>
                { if pending > 0 { format!("Reading {done} / {total}") } else { format!("Read {done} / {total}") } }
            </label>
            <progress id="progress-bar" max={total.to_string()} value={done.to_string()} />
            if pending > 0 {
                <button type="button" id="cancel" class="secondary" {onclick}>{ "Cancel" }</button>
            }
        </section>
    }
}
