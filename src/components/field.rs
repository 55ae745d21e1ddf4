//! A value taken from the letter: hovering, focusing or clicking it highlights its source.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// JSON pointer of the field (`/dates/decision`), the key of its span.
    pub ptr: AttrValue,
    /// Whether the letter has a span for it.
    pub has_span: bool,
    /// Whether its source is the one highlighted.
    pub active: bool,
    /// Highlights a field's source (by its pointer).
    pub on_highlight: Callback<Option<String>>,
    #[prop_or_default]
    pub children: Html,
}

#[function_component(Field)]
pub fn field(props: &Props) -> Html {
    if !props.has_span {
        return html! { <span class="field" data-ptr={props.ptr.clone()}>{ props.children.clone() }</span> };
    }
    let show = {
        let on = props.on_highlight.clone();
        let ptr = props.ptr.clone();
        let active = props.active;
        move || {
            if !active {
                on.emit(Some(ptr.to_string()));
            }
        }
    };
    let onmouseenter = {
        let show = show.clone();
        Callback::from(move |_: MouseEvent| show())
    };
    let onfocus = {
        let show = show.clone();
        Callback::from(move |_: FocusEvent| show())
    };
    let onclick = Callback::from(move |_: MouseEvent| show());
    html! {
        <span class={classes!("field", "sourced", props.active.then_some("active"))} tabindex="0"
            data-ptr={props.ptr.clone()} title="Show where this came from"
            {onmouseenter} {onfocus} {onclick}>
            { props.children.clone() }
        </span>
    }
}
