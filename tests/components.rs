//! Component tests of the web app in headless Chromium (wasm-bindgen-test):
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p imr-web --test components`
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use imr_web::components::source_view::{Props, SourceView};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn tick() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let w = web_sys::window().unwrap();
        w.set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn host() -> web_sys::Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    host
}

#[wasm_bindgen_test]
async fn source_text_is_rendered_as_text_with_the_span_marked() {
    let text =
        "Case Number: CM16-1 <script>window.__x = 1</script> <img src=x onerror=alert(1)> é.";
    let host = host();
    let start = text.find("CM16-1").unwrap();
    let props = Props {
        text: Rc::from(text),
        span: Some([start, start + 6]),
    };
    yew::Renderer::<SourceView>::with_root_and_props(host.clone(), props).render();
    tick().await;
    let pre = host
        .query_selector("#source-text")
        .unwrap()
        .expect("the text box");
    assert_eq!(pre.text_content().unwrap(), text);
    assert!(
        host.query_selector("script, img").unwrap().is_none(),
        "letter markup must stay text"
    );
    let mark = host
        .query_selector("mark")
        .unwrap()
        .expect("the marked span");
    assert_eq!(mark.text_content().unwrap(), "CM16-1");
}

#[wasm_bindgen_test]
async fn a_span_off_char_boundaries_marks_nothing() {
    let text = "é and more";
    let host = host();
    let props = Props {
        text: Rc::from(text),
        span: Some([1, 4]),
    };
    yew::Renderer::<SourceView>::with_root_and_props(host.clone(), props).render();
    tick().await;
    assert_eq!(
        host.query_selector("#source-text")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        text
    );
    assert!(host.query_selector("mark").unwrap().is_none());
}
