//! "Make scans readable offline": fetches the text recogniser's files (a few MB, otherwise
//! loaded when the first scan is met) into the service worker's cache ahead of time, with its
//! progress in words and a state that says when it is done.

use yew::prelude::*;

use super::ocr_status::megabytes;
use crate::ocr::{Offline, Prefetch};
use crate::runner::single_file_edition;

/// What the status line says.
pub fn offline_text(state: Offline) -> String {
    match state {
        Offline::Idle => String::new(),
        Offline::Fetching { loaded, total } => {
            let of = if total > 0 {
                format!(" of {}", megabytes(total))
            } else {
                String::new()
            };
            format!(
                "Fetching the text recogniser for offline use: {}{of}…",
                megabytes(loaded)
            )
        }
        Offline::Done => "Done: the text recogniser is kept in this browser, so scans are read offline too.".into(),
        Offline::Failed => "The text recogniser could not be fetched; try again when the page's server can be reached.".into(),
    }
}

/// The button and its status line, as a hook of the component that shows them (a component of
/// its own would cost the page's wasm Yew's per-component machinery).
#[hook]
pub fn use_make_offline() -> Html {
    let state = use_state(|| Offline::Idle);
    let running = use_mut_ref(|| None::<Prefetch>);
    if single_file_edition() {
        return html! {};
    }
    let onclick = {
        let (state, running) = (state.clone(), running.clone());
        Callback::from(move |_: MouseEvent| {
            // The fetching worker stays (idle) until the next click or the page goes: dropping
            // it from its own message listener would drop that listener while it runs.
            let set = state.setter();
            let on = Callback::from(move |s: Offline| set.set(s));
            state.set(Offline::Fetching {
                loaded: 0,
                total: 0,
            });
            match Prefetch::start(on) {
                Ok(p) => *running.borrow_mut() = Some(p),
                Err(_) => state.set(Offline::Failed),
            }
        })
    };
    let busy = matches!(*state, Offline::Fetching { .. });
    let tag = match *state {
        Offline::Idle => "idle",
        Offline::Fetching { .. } => "fetching",
        Offline::Done => "done",
        Offline::Failed => "failed",
    };
    let label = if *state == Offline::Done {
        "Scans readable offline ✓"
    } else {
        "Make scans readable offline"
    };
    html! {
        <div class="offline" role="group" aria-label="Offline use">
            <button type="button" id="make-offline" class="secondary" disabled={busy} {onclick}>
                { label }
            </button>
            <span id="offline-status" role="status" data-state={tag}>{ offline_text(*state) }</span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_is_said_in_words() {
        assert_eq!(offline_text(Offline::Idle), "");
        assert_eq!(
            offline_text(Offline::Fetching {
                loaded: 1_200_000,
                total: 4_400_000
            }),
            "Fetching the text recogniser for offline use: 1.2 MB of 4.4 MB…"
        );
        assert_eq!(
            offline_text(Offline::Fetching {
                loaded: 1_200_000,
                total: 0
            }),
            "Fetching the text recogniser for offline use: 1.2 MB…"
        );
        assert!(offline_text(Offline::Done).starts_with("Done:"));
    }
}
