//! A table that renders only the rows in view (windowing), for batches of thousands of letters.
//!
//! Rows have one height, so the rows in view follow from the scroll offset alone; spacer rows
//! stand for the others. That height comes from the layout in use, measured once rows are laid
//! out (the distance from one row to the next): a one-line row of 36 px on wide screens, a card
//! of one line a cell below 900 px (`static/app.css` makes every row of a layout the same
//! height, its cells one line each). Screen readers get the whole count
//! (`aria-rowcount`, `aria-rowindex`). Keyboard: one row is focusable at a time (arrows, Page
//! Up/Down, Home/End move it; Enter opens it). Printing renders every row (`beforeprint`), so
//! that what is filtered prints in full.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Height of a row in CSS pixels in the wide layout (`static/app.css` gives rows exactly this
/// height), assumed until rows are measured.
pub const ROW_HEIGHT: i32 = 36;
/// Rows rendered beyond the view, above and below (also covers the sticky header).
const OVERSCAN: usize = 8;
/// Height assumed before the scroll box is measured.
const FIRST_VIEW_PX: i32 = 1200;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The table's id; rows get `{id}-row-{position}`.
    pub id: AttrValue,
    pub caption: AttrValue,
    /// The header row's cells (`<th>`s).
    pub header: Html,
    pub count: usize,
    /// The cells (`<td>`s) of the row at this position.
    pub cells: Callback<usize, Html>,
    /// A row was opened (click, Enter).
    pub on_open: Callback<usize>,
}

#[function_component(Windowed)]
pub fn windowed(props: &Props) -> Html {
    let scroll = use_node_ref();
    // (scroll offset, view height) of the scroll box, in px.
    let view = use_state(|| (0, FIRST_VIEW_PX));
    // From one row's top to the next one's, in px (measured: see the module's doc).
    let pitch = use_state(|| f64::from(ROW_HEIGHT));
    let active = use_state(|| 0usize);
    // The same, always current for the handlers: keys pressed in quick succession may come
    // before the render the previous one asked for (whose handlers would see the old row).
    let active_now = use_mut_ref(|| 0usize);
    let focus_active = use_mut_ref(|| false);
    let printing = use_state(|| false);
    let count = props.count;

    // Print every row: rendered before the browser lays the page out for printing. A resize
    // renders again, so that the rows are measured again (the layout may have changed).
    {
        let (printing, scroll, view) = (printing.clone(), scroll.clone(), view.clone());
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|w| {
                let (on, off) = (printing.clone(), printing);
                [
                    EventListener::new(&w, "beforeprint", move |_| on.set(true)),
                    EventListener::new(&w, "afterprint", move |_| off.set(false)),
                    EventListener::new(&w, "resize", move |_| {
                        if let Some(el) = scroll.cast::<web_sys::Element>() {
                            view.set((el.scroll_top(), el.client_height().max(1)));
                        }
                    }),
                ]
            });
            move || drop(listeners)
        });
    }
    // The view's real height and the rows' pitch, once laid out (after every render: a change
    // of layout re-renders through the resize listener above).
    {
        let (scroll, view, pitch) = (scroll.clone(), view.clone(), pitch.clone());
        use_effect(move || {
            if let Some(el) = scroll.cast::<web_sys::Element>() {
                let h = el.client_height();
                if h > 0 && h != view.1 {
                    view.set((view.0, h));
                }
                if let Some(p) = measure_pitch(&el) {
                    if (p - *pitch).abs() > 0.01 {
                        pitch.set(p);
                    }
                }
            }
        });
    }

    // Focus the active row after a key moved it (it is rendered by then).
    {
        let (focus_active, id) = (focus_active.clone(), props.id.clone());
        use_effect_with(*active, move |a| {
            if std::mem::take(&mut *focus_active.borrow_mut()) {
                super::app::focus_id(&format!("{id}-row-{a}"));
            }
        });
    }
    let onscroll = {
        let view = view.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::Element = e.target_unchecked_into();
            view.set((el.scroll_top(), el.client_height().max(1)));
        })
    };
    let row_px = *pitch;
    let onkeydown = {
        let (active, view, scroll, on_open) = (
            active.clone(),
            view.clone(),
            scroll.clone(),
            props.on_open.clone(),
        );
        let (focus_active, active_now) = (focus_active.clone(), active_now.clone());
        Callback::from(move |e: KeyboardEvent| {
            if count == 0 {
                return;
            }
            let page = (f64::from(view.1) / row_px).max(1.0) as usize;
            let cur = (*active_now.borrow()).min(count - 1);
            let next = match e.key().as_str() {
                "ArrowDown" => (cur + 1).min(count - 1),
                "ArrowUp" => cur.saturating_sub(1),
                "PageDown" => (cur + page).min(count - 1),
                "PageUp" => cur.saturating_sub(page),
                "Home" => 0,
                "End" => count - 1,
                "Enter" | " " => {
                    // Only when a row has the focus (not a header's sort button).
                    let on_row = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|t| t.tag_name().eq_ignore_ascii_case("tr"));
                    if on_row {
                        e.prevent_default();
                        on_open.emit(cur);
                    }
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            // Scroll so that the row is in view (below the sticky header), then focus it.
            if let Some(el) = scroll.cast::<web_sys::Element>() {
                let (top, h) = (el.scroll_top(), el.client_height());
                let y = (next as f64 * row_px) as i32;
                let (row, header) = (row_px.ceil() as i32, ROW_HEIGHT + 4);
                let want = if y < top {
                    y
                } else if y + row + header > top + h {
                    y + row + header - h
                } else {
                    top
                };
                if want != top {
                    el.set_scroll_top(want);
                }
                view.set((want, h.max(1)));
            }
            *focus_active.borrow_mut() = true;
            *active_now.borrow_mut() = next;
            active.set(next);
        })
    };

    let (first, last) = if *printing {
        (0, count)
    } else {
        let per_view = (f64::from(view.1) / row_px) as usize + 1;
        let top = (f64::from(view.0.max(0)) / row_px) as usize;
        let first = top.saturating_sub(OVERSCAN).min(count);
        (first, (top + per_view + OVERSCAN).min(count))
    };
    let cur = (*active).min(count.saturating_sub(1));
    // The spacers' heights go in the cells' `height` attribute (a presentational hint): the
    // page's CSP refuses style attributes, and a height set later, through the CSSOM, would
    // let the browser clamp the scroll offset in between.
    let spacer = |rows: usize, key: &'static str| {
        (rows > 0).then(|| {
            let height = ((rows as f64 * row_px).round() as i64).to_string();
            html! {
                <tr {key} class="spacer" aria-hidden="true"><td {height}></td></tr>
            }
        })
    };
    let rows = (first..last).map(|i| {
        let open = {
            let (on_open, active, now) =
                (props.on_open.clone(), active.clone(), active_now.clone());
            Callback::from(move |_| {
                *now.borrow_mut() = i;
                active.set(i);
                on_open.emit(i);
            })
        };
        html! {
            <tr key={i} id={format!("{}-row-{i}", props.id)} class="clickable" onclick={open}
                aria-rowindex={(i + 2).to_string()} tabindex={if i == cur { "0" } else { "-1" }}>
                { props.cells.emit(i) }
            </tr>
        }
    });
    html! {
        <div class="table-scroll" ref={scroll} {onscroll} {onkeydown}>
            <table class="grid windowed" id={props.id.clone()} aria-rowcount={(count + 1).to_string()}>
                <caption class="visually-hidden">{ props.caption.clone() }</caption>
                <thead><tr aria-rowindex="1">{ props.header.clone() }</tr></thead>
                <tbody>
                    { for spacer(first, "above") }
                    { for rows }
                    { for spacer(count - last, "below") }
                </tbody>
            </table>
        </div>
    }
}

/// The distance from the first rendered row's top to the second's, in px: the height of a row
/// in the layout in use, margins included. `None` with fewer than two rows rendered.
fn measure_pitch(scroll: &web_sys::Element) -> Option<f64> {
    let first = scroll.query_selector("tbody tr[aria-rowindex]").ok()??;
    let second = first.next_element_sibling()?;
    if !second.has_attribute("aria-rowindex") {
        return None;
    }
    let top = |r: &web_sys::Element| r.get_bounding_client_rect().top();
    let pitch = top(&second) - top(&first);
    (pitch >= 1.0).then_some(pitch)
}
