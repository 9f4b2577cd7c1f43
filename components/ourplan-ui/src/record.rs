//! `RecordView`: draws a conversation record from a `RecordState`: labelled fields, hints, errors
//! beside their fields, and the GOV.UK-style error summary. All text reaches the DOM as text nodes.

use ourplan_core::i18n::t;
use ourplan_core::model::{ChoiceWidget, InputKind, Kind, Node, field_id};
use ourplan_core::{Input, Lang, RecordState};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// What the person did, for the owner of the state to apply.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Changed a field (each keystroke, tick or choice).
    Edit {
        /// The field's value pointer.
        pointer: String,
        /// What they did.
        input: Input,
    },
    /// Committed a change (the native `change` moment: leaving a changed text field, a tick).
    Commit {
        /// The field's value pointer.
        pointer: String,
    },
    /// Left a field (focus moved out).
    Leave {
        /// The field's value pointer.
        pointer: String,
    },
}

/// Properties of [`RecordView`].
#[derive(Properties, Clone)]
pub struct RecordViewProps {
    /// The record's state. The owner mutates it in response to actions, then bumps `revision`.
    pub state: Rc<RefCell<RecordState>>,
    /// Changes whenever `state` has changed, so the view redraws.
    pub revision: u64,
    /// Changes when focus should move to the error summary (after a failed validate).
    #[prop_or_default]
    pub focus_summary: u64,
    /// Fields can be read but not changed.
    #[prop_or_default]
    pub readonly: bool,
    /// Fields are disabled.
    #[prop_or_default]
    pub disabled: bool,
    /// Receives every action.
    pub on_action: Callback<Action>,
}

impl PartialEq for RecordViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.state, &other.state)
            && self.revision == other.revision
            && self.focus_summary == other.focus_summary
            && self.readonly == other.readonly
            && self.disabled == other.disabled
            && self.on_action == other.on_action
    }
}

/// Draws a record.
#[function_component(RecordView)]
pub fn record_view(props: &RecordViewProps) -> Html {
    let summary_ref = use_node_ref();
    {
        let summary_ref = summary_ref.clone();
        use_effect_with(props.focus_summary, move |request| {
            if *request > 0 {
                if let Some(el) = summary_ref.cast::<HtmlElement>() {
                    let _ = el.focus();
                    el.scroll_into_view();
                }
            }
        });
    }
    let state = props.state.borrow();
    let lang = state.lang();
    let ctx = Ctx {
        state: &state,
        on_action: &props.on_action,
        readonly: props.readonly,
        disabled: props.disabled,
        lang,
    };

    let body = if let Some(error) = state.load_error() {
        html! {
            <div class="op-load-error" role="alert" part="load-error">
                <h2 class="op-heading-m">{ t(lang, "load.title", &[]) }</h2>
                <p class="op-body">{ error.person_message(lang) }</p>
            </div>
        }
    } else if let Some(model) = state.model() {
        html! {
            <>
                { summary(&ctx, &summary_ref) }
                { root(&ctx, &model.root) }
            </>
        }
    } else {
        html! { <p class="op-body op-hint">{ t(lang, "form.loading", &[]) }</p> }
    };
    html! { <div class="op-record" lang={lang.tag()} part="form">{ body }</div> }
}

struct Ctx<'a> {
    state: &'a RecordState,
    on_action: &'a Callback<Action>,
    readonly: bool,
    disabled: bool,
    lang: Lang,
}

fn summary(ctx: &Ctx<'_>, node_ref: &NodeRef) -> Html {
    if !ctx.state.summary_shown() {
        return html! {};
    }
    let problems = ctx.state.all_problems();
    html! {
        <div class="op-error-summary" ref={node_ref.clone()} tabindex="-1" role="alert" aria-labelledby="op-error-summary-title" part="error-summary">
            <h2 class="op-error-summary__title" id="op-error-summary-title">{ t(ctx.lang, "summary.title", &[]) }</h2>
            <ul class="op-error-summary__list">
                { for problems.into_iter().map(|p| {
                    let target = p.field_id.clone();
                    let onclick = Callback::from(move |e: MouseEvent| {
                        e.prevent_default();
                        focus_in_root(&e, &target);
                    });
                    html! { <li key={p.field_id.clone()}><a href={format!("#{}", p.field_id)} {onclick}>{ p.message }</a></li> }
                }) }
            </ul>
        </div>
    }
}

/// Focuses the element with `id` in the same root (shadow root or document) as the event target:
/// a fragment link cannot reach into a shadow root by itself.
fn focus_in_root(e: &MouseEvent, id: &str) {
    let Some(target) = e.target_dyn_into::<Element>() else {
        return;
    };
    let root = target.get_root_node();
    let found = if let Some(shadow) = root.dyn_ref::<web_sys::ShadowRoot>() {
        shadow.get_element_by_id(id)
    } else if let Some(doc) = root.dyn_ref::<web_sys::Document>() {
        doc.get_element_by_id(id)
    } else {
        None
    };
    if let Some(el) = found.and_then(|f| f.dyn_into::<HtmlElement>().ok()) {
        el.scroll_into_view();
        let _ = el.focus();
    }
}

fn root(ctx: &Ctx<'_>, node: &Node) -> Html {
    match &node.kind {
        Kind::Object { children } => html! {
            <>
                if !node.label.is_empty() {
                    <h2 class="op-heading-l" part="title">{ node.label.clone() }</h2>
                }
                if let Some(hint) = &node.hint {
                    <p class="op-body op-lede">{ hint.clone() }</p>
                }
                { error_message(ctx, node) }
                { for children.iter().map(|c| field(ctx, c)) }
            </>
        },
        _ => field(ctx, node),
    }
}

fn error_message(ctx: &Ctx<'_>, node: &Node) -> Html {
    match ctx.state.visible_problem(&node.pointer) {
        Some(p) => html! {
            <p class="op-error-message" id={format!("{}-error", field_id(&node.pointer))} part="error-message">
                <span class="op-visually-hidden">{ t(ctx.lang, "form.error_prefix", &[]) }{" "}</span>{ p.message }
            </p>
        },
        None => html! {},
    }
}

fn described_by(ctx: &Ctx<'_>, node: &Node) -> Option<AttrValue> {
    let id = field_id(&node.pointer);
    let mut parts = Vec::new();
    if node.hint.is_some() {
        parts.push(format!("{id}-hint"));
    }
    if ctx.state.visible_problem(&node.pointer).is_some() {
        parts.push(format!("{id}-error"));
    }
    (!parts.is_empty()).then(|| parts.join(" ").into())
}

fn hint(node: &Node) -> Html {
    match &node.hint {
        Some(h) => {
            html! { <div class="op-hint" id={format!("{}-hint", field_id(&node.pointer))}>{ h.clone() }</div> }
        }
        None => html! {},
    }
}

fn label_text(ctx: &Ctx<'_>, node: &Node) -> Html {
    html! {
        <>
            { node.label.clone() }
            if !node.required {
                <span class="op-optional">{" "}{ t(ctx.lang, "form.optional", &[]) }</span>
            }
        </>
    }
}

fn edit_cb<E: JsCast + 'static>(
    ctx: &Ctx<'_>,
    pointer: &str,
    read: impl Fn(&E) -> Input + 'static,
) -> Callback<Event> {
    let on_action = ctx.on_action.clone();
    let pointer = pointer.to_owned();
    Callback::from(move |e: Event| {
        if let Some(el) = e.target().and_then(|t| t.dyn_into::<E>().ok()) {
            on_action.emit(Action::Edit {
                pointer: pointer.clone(),
                input: read(&el),
            });
        }
    })
}

fn input_cb<E: JsCast + 'static>(
    ctx: &Ctx<'_>,
    pointer: &str,
    read: impl Fn(&E) -> Input + 'static,
) -> Callback<InputEvent> {
    let cb = edit_cb(ctx, pointer, read);
    Callback::from(move |e: InputEvent| cb.emit(e.into()))
}

fn commit_cb(ctx: &Ctx<'_>, pointer: &str) -> Callback<Event> {
    let on_action = ctx.on_action.clone();
    let pointer = pointer.to_owned();
    Callback::from(move |_| {
        on_action.emit(Action::Commit {
            pointer: pointer.clone(),
        })
    })
}

fn leave_cb(ctx: &Ctx<'_>, pointer: &str) -> Callback<FocusEvent> {
    let on_action = ctx.on_action.clone();
    let pointer = pointer.to_owned();
    Callback::from(move |_| {
        on_action.emit(Action::Leave {
            pointer: pointer.clone(),
        })
    })
}

fn group_class(ctx: &Ctx<'_>, node: &Node) -> Classes {
    classes!(
        "op-form-group",
        ctx.state
            .visible_problem(&node.pointer)
            .map(|_| "op-form-group--error")
    )
}

fn field(ctx: &Ctx<'_>, node: &Node) -> Html {
    let id = field_id(&node.pointer);
    let has_error = ctx.state.visible_problem(&node.pointer).is_some();
    let read_only = ctx.readonly || node.read_only;
    let key = node.pointer.clone();
    match &node.kind {
        Kind::Object { children } => html! {
            <div class={group_class(ctx, node)} key={key}>
                <fieldset class="op-fieldset" id={id.clone()} tabindex="-1" aria-describedby={described_by(ctx, node)} part="fieldset">
                    <legend class="op-fieldset__legend op-fieldset__legend--m">{ label_text(ctx, node) }</legend>
                    { hint(node) }
                    { error_message(ctx, node) }
                    { for children.iter().map(|c| field(ctx, c)) }
                </fieldset>
            </div>
        },
        Kind::Text {
            multiline: true, ..
        }
        | Kind::Raw => {
            let (rows, code) = match &node.kind {
                Kind::Raw => (6, true),
                Kind::Text { rows, .. } => (rows.unwrap_or(5), false),
                _ => unreachable!(),
            };
            html! {
                <div class={group_class(ctx, node)} key={key}>
                    <label class="op-label" for={id.clone()}>{ label_text(ctx, node) }</label>
                    { hint(node) }
                    if code {
                        <p class="op-hint op-raw-note">{ t(ctx.lang, "form.raw_note", &[]) }</p>
                    }
                    { error_message(ctx, node) }
                    <textarea
                        class={classes!("op-textarea", has_error.then_some("op-textarea--error"), code.then_some("op-textarea--code"))}
                        id={id} rows={rows.to_string()}
                        spellcheck={if code { "false" } else { "true" }}
                        aria-describedby={described_by(ctx, node)}
                        aria-required={node.required.then_some("true")}
                        readonly={read_only} disabled={ctx.disabled}
                        value={ctx.state.display_text(&node.pointer)}
                        oninput={input_cb::<HtmlTextAreaElement>(ctx, &node.pointer, |el| Input::Text(el.value()))}
                        onchange={commit_cb(ctx, &node.pointer)}
                        onfocusout={leave_cb(ctx, &node.pointer)}
                        part="textarea" />
                </div>
            }
        }
        Kind::Text { .. } | Kind::Number { .. } => {
            let (ty, mode, spell) = match (&node.kind, input_kind(node)) {
                (Kind::Number { integer: true }, _) => ("text", Some("numeric"), false),
                (Kind::Number { integer: false }, _) => ("text", Some("decimal"), false),
                (_, InputKind::Email) => ("email", None, false),
                (_, InputKind::Url) => ("url", None, false),
                (_, InputKind::Date) => ("date", None, false),
                (_, InputKind::Time) => ("time", None, false),
                (_, InputKind::Tel) => ("tel", None, false),
                _ => ("text", None, true),
            };
            html! {
                <div class={group_class(ctx, node)} key={key}>
                    <label class="op-label" for={id.clone()}>{ label_text(ctx, node) }</label>
                    { hint(node) }
                    { error_message(ctx, node) }
                    <input
                        class={classes!("op-input", has_error.then_some("op-input--error"))}
                        id={id} type={ty} inputmode={mode}
                        spellcheck={if spell { "true" } else { "false" }}
                        aria-describedby={described_by(ctx, node)}
                        aria-required={node.required.then_some("true")}
                        readonly={read_only} disabled={ctx.disabled}
                        value={ctx.state.display_text(&node.pointer)}
                        oninput={input_cb::<HtmlInputElement>(ctx, &node.pointer, |el| Input::Text(el.value()))}
                        onchange={commit_cb(ctx, &node.pointer)}
                        onfocusout={leave_cb(ctx, &node.pointer)}
                        part="input" />
                </div>
            }
        }
        Kind::Boolean => {
            let checked = ctx
                .state
                .value_at(&node.pointer)
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            let on_action = ctx.on_action.clone();
            let pointer = node.pointer.clone();
            let onchange = Callback::from(move |e: Event| {
                if let Some(el) = e
                    .target()
                    .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                {
                    on_action.emit(Action::Edit {
                        pointer: pointer.clone(),
                        input: Input::Bool(el.checked()),
                    });
                    on_action.emit(Action::Commit {
                        pointer: pointer.clone(),
                    });
                }
            });
            html! {
                <div class={group_class(ctx, node)} key={key}>
                    { error_message(ctx, node) }
                    <div class="op-checkboxes__item">
                        <input class="op-checkboxes__input" id={id.clone()} type="checkbox" checked={checked}
                            aria-describedby={described_by(ctx, node)}
                            disabled={ctx.disabled || read_only}
                            {onchange} onfocusout={leave_cb(ctx, &node.pointer)} part="checkbox" />
                        <label class="op-label op-checkboxes__label" for={id}>{ label_text(ctx, node) }</label>
                    </div>
                    { hint(node) }
                </div>
            }
        }
        Kind::Choice { options, widget } => {
            let current = ctx.state.value_at(&node.pointer);
            let selected = options.iter().position(|o| Some(&o.value) == current);
            match widget {
                ChoiceWidget::Radios => html! {
                    <div class={group_class(ctx, node)} key={key}>
                        <fieldset class="op-fieldset" aria-describedby={described_by(ctx, node)} part="fieldset">
                            <legend class="op-fieldset__legend op-fieldset__legend--s">{ label_text(ctx, node) }</legend>
                            { hint(node) }
                            { error_message(ctx, node) }
                            <div class="op-radios">
                                { for options.iter().enumerate().map(|(i, o)| {
                                    let radio_id = if i == 0 { id.clone() } else { format!("{id}-{i}") };
                                    let on_action = ctx.on_action.clone();
                                    let pointer = node.pointer.clone();
                                    let onchange = Callback::from(move |_: Event| {
                                        on_action.emit(Action::Edit { pointer: pointer.clone(), input: Input::Choice(Some(i)) });
                                        on_action.emit(Action::Commit { pointer: pointer.clone() });
                                    });
                                    html! {
                                        <div class="op-radios__item" key={i}>
                                            <input class="op-radios__input" id={radio_id.clone()} name={id.clone()} type="radio"
                                                value={i.to_string()} checked={selected == Some(i)}
                                                disabled={ctx.disabled || read_only}
                                                {onchange} onfocusout={leave_cb(ctx, &node.pointer)} part="radio" />
                                            <label class="op-label op-radios__label" for={radio_id}>{ o.label.clone() }</label>
                                        </div>
                                    }
                                }) }
                            </div>
                        </fieldset>
                    </div>
                },
                ChoiceWidget::Select => {
                    let opts = options.len();
                    let onchange = {
                        let edit = edit_cb::<HtmlSelectElement>(ctx, &node.pointer, move |el| {
                            let raw = el.value();
                            Input::Choice(raw.parse::<usize>().ok().filter(|i| *i < opts))
                        });
                        let commit = commit_cb(ctx, &node.pointer);
                        Callback::from(move |e: Event| {
                            edit.emit(e.clone());
                            commit.emit(e);
                        })
                    };
                    html! {
                        <div class={group_class(ctx, node)} key={key}>
                            <label class="op-label" for={id.clone()}>{ label_text(ctx, node) }</label>
                            { hint(node) }
                            { error_message(ctx, node) }
                            <select class={classes!("op-select", has_error.then_some("op-select--error"))} id={id}
                                aria-describedby={described_by(ctx, node)}
                                disabled={ctx.disabled || read_only}
                                {onchange} onfocusout={leave_cb(ctx, &node.pointer)} part="select">
                                <option value="" selected={selected.is_none()}>{ t(ctx.lang, "form.select_placeholder", &[]) }</option>
                                { for options.iter().enumerate().map(|(i, o)| html! {
                                    <option key={i} value={i.to_string()} selected={selected == Some(i)}>{ o.label.clone() }</option>
                                }) }
                            </select>
                        </div>
                    }
                }
            }
        }
        _ => html! {},
    }
}

fn input_kind(node: &Node) -> InputKind {
    match &node.kind {
        Kind::Text { input, .. } => *input,
        _ => InputKind::Text,
    }
}
