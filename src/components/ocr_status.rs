//! The scans being read by OCR: the recogniser loading (in bytes), the page being read, how many
//! wait, and a button that stops them.

use yew::prelude::*;

use crate::state::{AppState, OcrStage};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
    pub on_cancel: Callback<()>,
}

#[function_component(OcrStatus)]
pub fn ocr_status(props: &Props) -> Html {
    let scans: Vec<_> = props.state.ocr_entries().collect();
    let Some((entry, stage)) = scans
        .iter()
        .find(|(_, s)| *s != OcrStage::Waiting)
        .or(scans.first())
    else {
        return html! {};
    };
    let mut text = match *stage {
        OcrStage::Waiting => format!("{}: a scan, waiting for the text recogniser…", entry.name),
        OcrStage::Loading { loaded, total } if total > 0 => format!(
            "Loading the text recogniser, {} of {}…",
            megabytes(loaded),
            megabytes(total)
        ),
        OcrStage::Loading { loaded, .. } => {
            format!("Loading the text recogniser, {}…", megabytes(loaded))
        }
        OcrStage::Page { page, pages } => {
            format!(
                "{}: a scan, reading page {page} of {pages} by OCR…",
                entry.name
            )
        }
    };
    if scans.len() > 1 {
        text += &format!(" ({} more scan(s) waiting)", scans.len() - 1);
    }
    let (page, pages) = match *stage {
        OcrStage::Page { page, pages } => (page, pages),
        _ => (0, 0),
    };
    let onclick = props.on_cancel.reform(|_| ());
    html! {
        <section class="progress ocr-status no-print" aria-label="Scans read by OCR">
            <p id="ocr-status" role="status" data-page={page.to_string()} data-pages={pages.to_string()}
                data-scans={scans.len().to_string()}>{ text }</p>
            <button type="button" id="cancel-ocr" class="secondary" {onclick}>{ "Stop reading scans" }</button>
        </section>
    }
}

/// Bytes as megabytes with one decimal ("3.1 MB"), in integers (float formatting costs the
/// page's wasm several KB).
fn megabytes(bytes: u64) -> String {
    let tenths = (bytes + 50_000) / 100_000;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    #[test]
    fn megabytes_have_one_decimal() {
        assert_eq!(super::megabytes(0), "0.0 MB");
        assert_eq!(super::megabytes(3_149_999), "3.1 MB");
        assert_eq!(super::megabytes(3_150_000), "3.2 MB");
    }
}
