//! The first screen, before any letter: what the page does, what it reads, that nothing leaves
//! the machine and how to check it, and the sample letters.

use yew::prelude::*;

use crate::runner::{single_file_edition, Job};
use crate::samples::SAMPLES;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_add: Callback<Vec<(String, Job)>>,
}

/// The sample letters as buttons that read them.
pub fn sample_buttons(on_add: &Callback<Vec<(String, Job)>>, id_prefix: &str) -> Html {
    html! { <>{ for SAMPLES.iter().enumerate().map(|(n, (label, name, text))| {
        let on_add = on_add.clone();
        let onclick = Callback::from(move |_| {
            on_add.emit(vec![((*name).to_string(), Job::Text((*text).to_string()))])
        });
        html! { <button type="button" id={format!("{id_prefix}{n}")} class="secondary" {onclick}>{ *label }</button> }
    }) }</> }
}

#[function_component(Landing)]
pub fn landing(props: &Props) -> Html {
    html! {
        <section class="landing" id="landing" aria-labelledby="landing-title">
            <h2 id="landing-title">{ "Read IMR decision letters, here in this tab" }</h2>
            <p class="lead">
                { "This page reads California workers' compensation Independent Medical Review (IMR) \
                   Final Determination Letters and lays each one out: case, dates, reviewer, and every \
                   disputed treatment with its decision (upheld or overturned) and the guidelines cited. \
                   With many letters it gives tables, filters, totals and Insights (which treatments \
                   get overturned, under which guideline), and exports JSON or CSV." }
            </p>
            <div class="landing-grid">
                <div class="card">
                    <h3>{ "What it reads" }</h3>
                    <ul id="accepts">
                        <li><b>{ "Text" }</b>{ ": paste a letter above, or drop .txt files." }</li>
                        <li><b>{ "PDF" }</b>{ ": the letters as sent, one or hundreds at once, or a whole folder." }</li>
                        <li><b>{ "Scans" }</b>{ ": faxes and scanned PDFs, PNG, JPEG and TIFF images are read by OCR \
                            in this page (the recogniser, about 3 MB, loads the first time a scan is met; \
                            the single-file edition lists scans as not read and sends you to the served page)." }</li>
                    </ul>
                    // Its work is `static/imr-offline.js` (a plain script: no wasm on a first visit).
                    if !single_file_edition() {
                        <div class="offline" role="group" aria-label="Offline use">
                            <button type="button" id="make-offline" class="secondary">{ "Make scans readable offline" }</button>
                            <span id="offline-status" role="status" data-state="idle"></span>
                        </div>
                    }
                </div>
                <div class="card" id="privacy-how">
                    <h3>{ "Nothing leaves this machine" }</h3>
                    <p>{ "Letters are read by this page's own code, in this tab. Nothing is uploaded, and \
                          nothing is kept once the tab is closed unless you export it." }</p>
                    <p>{ "To check: the page's Content Security Policy (view its source) allows no \
                          connection to any other site; the browser's network panel shows no request while a \
                          letter is read; and once loaded, the page keeps working offline." }</p>
                </div>
            </div>
            <div class="samples" role="group" aria-label="Try a sample letter">
                <span>{ "No letter at hand? Try a sample:" }</span>
                { sample_buttons(&props.on_add, "landing-sample-") }
            </div>
        </section>
    }
}
