//! A scanned letter's pages as the text recogniser read them, beside its text: the words of the
//! highlighted value outlined on the page. The images are the OCR worker's (`crate::ocr`,
//! `blob:` URLs); the boxes are the letter's `ocr` block (its pixels at `ocr.dpi`), drawn as SVG
//! so that no style attribute is needed (the CSP refuses them). (A value with a word read with
//! low confidence has a `low-confidence` warning, shown beside it as every warning is.)

use std::rc::Rc;

use imr_letter::Ocr;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::Row;

/// The words of the `ocr` block whose text overlaps `span`: `(page, [x, y, w, h])`.
pub fn words_in(ocr: &Ocr, span: [usize; 2]) -> Vec<(usize, [u64; 4])> {
    let [a, b] = span;
    ocr.words
        .iter()
        .enumerate()
        .flat_map(|(page, words)| {
            words
                .iter()
                .filter(move |w| (w[0] as usize) < b && (w[1] as usize) > a)
                .map(move |w| (page, [w[2], w[3], w[4], w[5]]))
        })
        .collect()
}

/// The pages of the letter shown (`row`) as the text recogniser read them, with the words of
/// the highlighted value (`span`, in the file's whole text) outlined; nothing for a letter not
/// read by OCR here. A hook of the letter view (a component of its own would cost the page's
/// wasm Yew's per-component machinery).
#[hook]
pub fn use_page_images(row: &Rc<Row>, span: Option<[usize; 2]>) -> Html {
    let boxes_ref = use_node_ref();
    let l = row.letter();
    let images = l
        .ocr
        .as_ref()
        .and_then(|_| crate::ocr::page_images(row.id.entry));
    let outlined = match (&l.ocr, span) {
        (Some(ocr), Some(span)) => words_in(ocr, span),
        _ => Vec::new(),
    };
    {
        // The first outlined word into the middle of the pages' box (the box only, not the page).
        let boxes_ref = boxes_ref.clone();
        use_effect_with(span, move |_| {
            let Some(pages) = boxes_ref.cast::<web_sys::Element>() else {
                return;
            };
            let Some(first) = pages.query_selector(".word-box").ok().flatten() else {
                return;
            };
            let (outer, inner) = (
                pages.get_bounding_client_rect(),
                first.get_bounding_client_rect(),
            );
            if let Some(el) = pages.dyn_ref::<web_sys::HtmlElement>() {
                let by = inner.top() - outer.top() - (outer.height() - inner.height()) / 2.0;
                el.set_scroll_top(el.scroll_top() + by as i32);
            }
        });
    }
    let (Some(ocr), Some(images)) = (&l.ocr, images) else {
        return html! {};
    };
    let [first, last] = l.source.pages.unwrap_or([1, ocr.page_sizes.len()]);
    let pages = (first.max(1)..=last.min(ocr.page_sizes.len())).filter_map(|n| {
        let url = images.get(n - 1)?.clone()?;
        let [w, h] = ocr.page_sizes[n - 1];
        (w > 0 && h > 0).then_some((n, url, w, h))
    });
    let of = ocr.page_sizes.len();
    html! {
        <section class="page-images no-print" aria-label="Page images of the scan">
            <h2>{ "Scan" }</h2>
            <div class="page-image-list" id="page-images" tabindex="0" ref={boxes_ref}>
                { for pages.map(|(n, url, w, h)| {
                    let here: Vec<&[u64; 4]> = outlined.iter().filter(|(p, _)| *p + 1 == n).map(|(_, b)| b).collect();
                    html! {
                        <figure class="page-image" data-page={n.to_string()}>
                            <svg viewBox={format!("0 0 {w} {h}")} role="img"
                                aria-label={format!("Page {n} of {of}, as read by OCR, {} word(s) of the highlighted value outlined", here.len())}>
                                <image href={url} x="0" y="0" width={w.to_string()} height={h.to_string()} />
                                { for here.iter().map(|b| html! {
                                    <rect class="word-box" x={b[0].to_string()} y={b[1].to_string()}
                                        width={b[2].to_string()} height={b[3].to_string()} rx="4" />
                                }) }
                            </svg>
                            <figcaption>{ format!("Page {n} of {of}") }</figcaption>
                        </figure>
                    }
                }) }
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ocr() -> Ocr {
        Ocr {
            engine: "e".into(),
            pages: 2,
            mean_confidence: 90.0,
            dpi: 300,
            page_sizes: vec![[100, 100], [100, 100]],
            words: vec![
                vec![[0, 4, 1, 2, 3, 4], [5, 9, 5, 2, 3, 4]],
                vec![[11, 15, 7, 8, 9, 10]],
            ],
        }
    }

    #[test]
    fn a_span_outlines_the_words_it_overlaps_on_their_pages() {
        let o = ocr();
        assert_eq!(words_in(&o, [0, 4]), vec![(0, [1, 2, 3, 4])]);
        assert_eq!(
            words_in(&o, [6, 13]),
            vec![(0, [5, 2, 3, 4]), (1, [7, 8, 9, 10])]
        );
        assert_eq!(words_in(&o, [9, 11]), vec![]);
    }
}
