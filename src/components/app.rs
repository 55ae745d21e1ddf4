//! The page: intake, progress, the tables or one letter; files dropped anywhere are read.

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{
    file_list::FileList, insights::Insights, intake::Intake, item_table::ItemTable,
    landing::Landing, letter_table::LetterTable, letter_view::LetterView, ocr_status::OcrStatus,
    progress::Progress, toolbar::Toolbar,
};
use crate::runner::{single_file_edition, BatchInfo, Job, RunnerHandle};
use crate::state::{Action, AppState, Status, View};

/// Jobs for the files of a `FileList` (hidden files such as `.DS_Store` skipped).
pub fn jobs_from_files(files: Option<web_sys::FileList>) -> Vec<(String, Job)> {
    let mut jobs = Vec::new();
    if let Some(list) = files {
        for i in 0..list.length() {
            if let Some(f) = list.get(i) {
                let name = f.name();
                if name.starts_with('.') {
                    continue;
                }
                let rel = js_sys::Reflect::get(&f, &"webkitRelativePath".into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .filter(|s| !s.is_empty())
                    .unwrap_or(name);
                jobs.push((rel, Job::File(f)));
            }
        }
    }
    jobs
}

#[wasm_bindgen]
extern "C" {
    /// `static/imr-drop.js`: the files of a drop, folders walked, as `[path, File]` pairs sorted
    /// by path. (A plain script rather than an `inline_js` snippet, which the glue would import
    /// as a module: the single-file edition puts it as it is in its one module script.)
    #[wasm_bindgen(js_name = imrFilesFromDrop)]
    fn files_from_drop(dt: &web_sys::DataTransfer) -> js_sys::Promise;
}

/// Jobs for a drop: files, and the files of dropped folders (hidden files skipped).
async fn jobs_from_drop(promise: js_sys::Promise) -> Vec<(String, Job)> {
    let Ok(list) = wasm_bindgen_futures::JsFuture::from(promise).await else {
        return Vec::new();
    };
    let list: js_sys::Array = list.unchecked_into();
    list.iter()
        .filter_map(|pair| {
            let pair: js_sys::Array = pair.unchecked_into();
            let name = pair.get(0).as_string()?;
            let file: web_sys::File = pair.get(1).dyn_into().ok()?;
            let base = name.rsplit('/').next().unwrap_or(&name);
            (!base.starts_with('.')).then_some((name, Job::File(file)))
        })
        .collect()
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let batch = use_state(BatchInfo::default);
    let runner = {
        let d = state.dispatcher();
        let set_batch = batch.setter();
        use_memo((), move |_| {
            RunnerHandle::new(d, Callback::from(move |b| set_batch.set(b)))
        })
    };
    let dragging = use_state(|| false);

    let on_add = {
        let runner = runner.clone();
        Callback::from(move |jobs: Vec<(String, Job)>| runner.add(jobs))
    };
    let on_cancel = {
        let runner = runner.clone();
        Callback::from(move |_| runner.cancel())
    };
    let on_cancel_ocr = {
        let runner = runner.clone();
        Callback::from(move |_| runner.cancel_ocr())
    };
    let on_dismiss = {
        let batch = batch.clone();
        Callback::from(move |_| batch.set(BatchInfo::Idle))
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Only when the pointer leaves the window.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        let runner = runner.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(dt) = e.data_transfer() {
                let promise = files_from_drop(&dt);
                let runner = runner.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    runner.add(jobs_from_drop(promise).await);
                });
            }
        })
    };

    // Escape, anywhere on the page, goes back from one letter to the table; the arrow keys
    // (outside text fields) go to the previous or next letter of the table.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "keydown", move |e| {
                    let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    let plain = !(k.alt_key() || k.ctrl_key() || k.meta_key() || k.shift_key());
                    match k.key().as_str() {
                        "Escape" => dispatch.dispatch(Action::Escape),
                        "ArrowLeft" if plain && !in_text_field(e) => {
                            dispatch.dispatch(Action::Step(-1))
                        }
                        "ArrowRight" if plain && !in_text_field(e) => {
                            dispatch.dispatch(Action::Step(1))
                        }
                        _ => {}
                    }
                })
            });
            move || drop(listener)
        });
    }
    // Test hook (`?test-hooks`): `imr-test` event "repeat N" copies the files read until the
    // batch holds N letters (benchmarks and tests of big batches, without N files), each copy
    // with its own text, as a real batch keeps them: the texts are read back first.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    {
        let dispatch = state.dispatcher();
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let on = web_sys::window()
                .and_then(|w| w.location().search().ok())
                .is_some_and(|s| s.split(['?', '&']).any(|p| p == "test-hooks"));
            let listener = web_sys::window()
                .and_then(|w| w.document())
                .filter(|_| on)
                .map(|doc| {
                    EventListener::new(&doc, "imr-test", move |ev| {
                        let detail = js_sys::Reflect::get(ev, &"detail".into())
                            .ok()
                            .and_then(|d| d.as_string())
                            .unwrap_or_default();
                        if let Some(Ok(n)) = detail.strip_prefix("repeat ").map(str::parse) {
                            let files = latest.borrow().texts();
                            let dispatch = dispatch.clone();
                            wasm_bindgen_futures::spawn_local(async move {
                                let mut texts = Vec::with_capacity(files.len());
                                for (id, text) in files {
                                    texts.push((id, text.read().await.unwrap_or_default()));
                                }
                                dispatch.dispatch(Action::Repeat(n, texts));
                            });
                        }
                    })
                });
            move || drop(listener)
        });
    }
    let main = match state.view {
        View::Letter(id) => match state.row(id) {
            Some(row) => html! {
                <LetterView state={state.clone()} row={row.clone()} />
            },
            None => {
                let back = {
                    let state = state.clone();
                    Callback::from(move |_| state.dispatch(Action::Show(View::Letters)))
                };
                let status = match state.entry(id.entry).map(|e| &e.status) {
                    Some(Status::Failed(f)) => {
                        format!("This file could not be read: {}", f.message)
                    }
                    Some(Status::Cancelled) => "Reading this file was cancelled.".to_string(),
                    Some(Status::Ocr(_)) => {
                        "This file is a scan: it is being read by OCR (progress above).".to_string()
                    }
                    _ => "Reading the letter…".to_string(),
                };
                html! {
                    <div class="letter-nav">
                        <button type="button" id="back" class="secondary" onclick={back}>{ "← All letters" }</button>
                        <p class="muted" role="status" id="letter-status">{ status }</p>
                    </div>
                }
            }
        },
        View::Letters if state.entries.is_empty() => html! { <Landing on_add={on_add.clone()} /> },
        View::Letters => html! { <LetterTable state={state.clone()} /> },
        View::Items => html! { <ItemTable state={state.clone()} /> },
        View::Insights => html! { <Insights state={state.clone()} /> },
    };
    let has_any = !state.entries.is_empty();
    let class = classes!("page", dragging.then_some("dragging"));
    html! {
        <div {class} {ondragover} {ondragleave} {ondrop}>
            <header class="top no-print">
                <h1>{ "IMR letter reader" }</h1>
                <p class="privacy" id="privacy">
                    { "Everything happens in this browser tab: letters are never uploaded, and nothing is stored unless you export it." }
                </p>
            </header>
            <Intake on_add={on_add} compact={has_any} />
            <Progress state={state.clone()} batch={*batch} {on_cancel} {on_dismiss} />
            <OcrStatus state={state.clone()} on_cancel={on_cancel_ocr} />
            <FileList state={state.clone()} />
            if has_any && !matches!(state.view, View::Letter(_)) {
                <Toolbar state={state.clone()} />
            }
            <main id="main">{ main }</main>
            <div class="drop-hint" aria-hidden="true">{ "Drop letters to read them" }</div>
        </div>
    }
}

/// Registers the service worker that makes the app work offline (`static/sw.js`); not in the
/// single-file edition, which has no server to cache from.
pub fn register_service_worker() {
    if single_file_edition() {
        return;
    }
    if let Some(w) = web_sys::window() {
        let nav = w.navigator();
        let has_sw = js_sys::Reflect::has(&nav, &"serviceWorker".into()).unwrap_or(false);
        if has_sw {
            let _ = nav.service_worker().register("./sw.js");
        }
    }
}

/// Whether a key event is typed into a text field or a select (its arrows are its own).
fn in_text_field(e: &Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        })
}

/// Focuses an element by id, if it exists.
pub fn focus_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
