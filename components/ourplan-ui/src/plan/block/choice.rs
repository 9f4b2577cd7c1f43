//! `Choice`: the select of a block's field, which draws a long list of options only when someone
//! reaches for it.

use std::rc::Rc;
use yew::prelude::*;

/// Past this many options a select draws only its chosen one until someone reaches for it.
const LAZY_OPTIONS: usize = 8;

/// Properties of [`Choice`].
#[derive(Properties, PartialEq)]
pub(super) struct ChoiceProps {
    /// The select's id.
    pub(super) id: String,
    /// The options: value and words.
    pub(super) options: Rc<Vec<(String, String)>>,
    /// The value chosen.
    pub(super) current: String,
    /// The select's `change`.
    pub(super) onchange: Callback<Event>,
    /// Disabled.
    pub(super) disabled: bool,
}

/// A select of a block's field. A long one (a budget line's linked outcome, with one option per
/// outcome in the plan) draws only the chosen option until the pointer comes near it or it gets
/// focus: Chromium restyles every option of every select whenever a block moves, so 250 budget
/// lines with 60 outcomes each made a move cost 9 ms more. The full list is drawn in the
/// microtask after the first pointer, focus or key event, before the browser opens the list or
/// acts on a key, so people and assistive technology always meet the whole list.
#[function_component(Choice)]
pub(super) fn choice(props: &ChoiceProps) -> Html {
    let full = use_state_eq(|| props.options.len() <= LAZY_OPTIONS);
    // Any of these events draws the full list (`set` is a no-op once it is drawn).
    let reach = |full: &UseStateHandle<bool>| {
        let full = full.clone();
        Callback::from(move |_: web_sys::Event| full.set(true))
    };
    let shown: Vec<&(String, String)> = if *full {
        props.options.iter().collect()
    } else {
        // The chosen option only (or the first, "none", when the choice is not in the list).
        let chosen = props.options.iter().find(|(v, _)| *v == props.current);
        chosen.or(props.options.first()).into_iter().collect()
    };
    let onfocusin = reach(&full).reform(|e: FocusEvent| e.into());
    let onpointerenter = reach(&full).reform(|e: PointerEvent| e.into());
    let onpointerdown = reach(&full).reform(|e: PointerEvent| e.into());
    let onkeydown = reach(&full).reform(|e: KeyboardEvent| e.into());
    html! {
        <select class="op-select" id={props.id.clone()} part="select" onchange={props.onchange.clone()}
            disabled={props.disabled} {onfocusin} {onpointerenter} {onpointerdown} {onkeydown}>
            { for shown.into_iter().map(|(value, text)| html! {
                <option value={value.clone()} selected={*value == props.current}>{ text.clone() }</option>
            }) }
        </select>
    }
}
