//! A value taken from the letter: hovering, focusing or clicking it highlights its source.

use yew::prelude::*;

use crate::state::{Action, AppState};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
    /// JSON pointer of the field (`/dates/decision`), the key of its span.
    pub ptr: AttrValue,
    /// Whether the letter has a span for it.
    pub has_span: bool,
    #[prop_or_default]
    pub children: Html,
}

#[function_component(Field)]
pub fn field(props: &Props) -> Html {
    if !props.has_span {
        return html! { <span class="field" data-ptr={props.ptr.clone()}>{ props.children.clone() }</span> };
    }
    let show = {
        let state = props.state.clone();
        let ptr = props.ptr.clone();
        move || {
            if state.highlight.as_deref() != Some(ptr.as_str()) {
                state.dispatch(Action::Highlight(Some(ptr.to_string())));
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
    let active = props.state.highlight.as_deref() == Some(props.ptr.as_str());
    html! {
        <span class={classes!("field", "sourced", active.then_some("active"))} tabindex="0"
            data-ptr={props.ptr.clone()} title="Show where this came from"
            {onmouseenter} {onfocus} {onclick}>
            { props.children.clone() }
        </span>
    }
}
