//! The letter's text beside its structure, with the highlighted field's source marked.
//! Always rendered as text: whatever the letter contains, nothing in it runs.

use std::rc::Rc;

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: Rc<str>,
    /// Byte span to mark, `[start, end)`.
    pub span: Option<[usize; 2]>,
}

/// The span if it lies on character boundaries of the text.
pub fn valid_span(text: &str, span: Option<[usize; 2]>) -> Option<(usize, usize)> {
    let [a, b] = span?;
    (a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b))
        .then_some((a, b))
}

#[function_component(SourceView)]
pub fn source_view(props: &Props) -> Html {
    let mark = use_node_ref();
    let pre = use_node_ref();
    {
        let (mark, pre) = (mark.clone(), pre.clone());
        use_effect_with(props.span, move |_| {
            // Scroll the text box only (not the page): the marked span to its middle.
            if let (Some(m), Some(p)) = (
                mark.cast::<web_sys::HtmlElement>(),
                pre.cast::<web_sys::HtmlElement>(),
            ) {
                let top = m.offset_top() - (p.client_height() - m.offset_height()) / 2;
                p.set_scroll_top(top.max(0));
            }
        });
    }
    let text: &str = &props.text;
    let body = match valid_span(text, props.span) {
        Some((a, b)) => html! {
            <>
                { &text[..a] }
                <mark id="source-mark" ref={mark}>{ &text[a..b] }</mark>
                { &text[b..] }
            </>
        },
        None => html! { { text } },
    };
    html! {
        <section class="source no-print" aria-label="Source text of the letter">
            <h2>{ "Source text" }</h2>
            <pre id="source-text" tabindex="0" ref={pre}>{ body }</pre>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::valid_span;

    #[test]
    fn spans_must_be_on_char_boundaries() {
        assert_eq!(valid_span("héllo", Some([0, 1])), Some((0, 1)));
        assert_eq!(valid_span("héllo", Some([0, 2])), None);
        assert_eq!(valid_span("abc", Some([2, 9])), None);
        assert_eq!(valid_span("abc", None), None);
    }
}
