//! Getting letters in: paste, pick files or a folder, or try a built-in sample.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::app::jobs_from_files;
use super::landing::sample_buttons;
use crate::runner::Job;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_add: Callback<Vec<(String, Job)>>,
    /// Letters are loaded: show the intake on one line.
    pub compact: bool,
}

#[function_component(Intake)]
pub fn intake(props: &Props) -> Html {
    let paste = use_node_ref();
    let pasted_count = use_state(|| 0u32);

    let on_read_paste = {
        let paste = paste.clone();
        let on_add = props.on_add.clone();
        let pasted_count = pasted_count.clone();
        Callback::from(move |_| {
            if let Some(ta) = paste.cast::<HtmlTextAreaElement>() {
                let text = ta.value();
                if text.trim().is_empty() {
                    return;
                }
                let n = *pasted_count + 1;
                pasted_count.set(n);
                on_add.emit(vec![(format!("Pasted text {n}"), Job::Text(text))]);
                ta.set_value("");
            }
        })
    };
    let on_pick = {
        let on_add = props.on_add.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_add.emit(jobs_from_files(input.files()));
            input.set_value("");
        })
    };
    html! {
        <section class={classes!("intake", "no-print", props.compact.then_some("compact"))} aria-label="Add letters">
            <div class="paste">
                <label for="paste-box">{ "Paste the text of a letter" }</label>
                <textarea id="paste-box" ref={paste} rows={if props.compact { "1" } else { "7" }}
                    spellcheck="false" placeholder="Case Number: CM16-… or HOW THE IMR FINAL DETERMINATION WAS MADE …" />
                <button type="button" id="read-paste" onclick={on_read_paste}>{ "Read pasted text" }</button>
            </div>
            <div class="pick">
                <p class="hint">{ "Or drop text and PDF files anywhere on this page, or:" }</p>
                <label class="button" for="pick-files">{ "Choose files…" }</label>
                <input id="pick-files" class="visually-hidden" type="file" multiple=true
                    accept=".txt,.pdf,text/plain,application/pdf" onchange={on_pick.clone()} />
                <label class="button" for="pick-folder">{ "Choose a folder…" }</label>
                <input id="pick-folder" class="visually-hidden" type="file" multiple=true
                    webkitdirectory=true onchange={on_pick} />
                // Before any letter, the first screen offers the samples.
                if props.compact {
                    <div class="samples" role="group" aria-label="Try a sample letter">
                        <span class="hint">{ "Try a sample letter:" }</span>
                        { sample_buttons(&props.on_add, "sample-") }
                    </div>
                }
            </div>
        </section>
    }
}
