//! `RecordView`: draws a conversation record from a `RecordState`: labelled fields, hints, errors
//! beside their fields, and the GOV.UK-style error summary. All text reaches the DOM as text nodes.

use ourplan_core::format;
use ourplan_core::i18n::{t, tn};
use ourplan_core::model::{ChoiceWidget, InputKind, Kind, Node, Voice};
use ourplan_core::record::{Action, Focus};
use ourplan_core::{Input, Lang, RecordState};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The id of the element that holds a field (inputs, or the fieldset of a group): stable, unique
/// per pointer, and safe in an id attribute and a CSS selector whatever the property names are.
pub fn field_id(pointer: &str) -> String {
    let mut id = String::from("op-f");
    for b in pointer.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => id.push(b as char),
            b'/' => id.push('-'),
            // `_` starts an escape, so a literal one is doubled: ids stay unique per pointer.
            b'_' => id.push_str("__"),
            _ => id.push_str(&format!("_{b:02x}")),
        }
    }
    id
}

/// The DOM id of the element a focus target names.
fn focus_id(target: &Focus) -> String {
    match target {
        Focus::Field(pointer) => field_id(pointer),
        Focus::ItemButton { item, up } => {
            format!("{}-{}", field_id(item), if *up { "up" } else { "down" })
        }
        Focus::EntryName(entry) => format!("{}-name", field_id(entry)),
        Focus::AddButton(list) => format!("{}-add", field_id(list)),
    }
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
    /// Where each top-level field registers a callback that redraws it alone (see [`Redraws`]).
    #[prop_or_default]
    pub redraws: Redraws,
}

/// Callbacks that redraw one top-level field, by pointer. A keystroke that changed nothing but
/// its own field (`RecordState::changed_top_fields`) redraws that field through this, without
/// the record building and comparing the components of the other 999.
pub type Redraws = Rc<RefCell<HashMap<String, Callback<()>>>>;

impl PartialEq for RecordViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.redraws, &other.redraws)
            && Rc::ptr_eq(&self.state, &other.state)
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
    let record_ref = use_node_ref();
    let (focus_seq, focus_id) = {
        let state = props.state.borrow();
        let (seq, target) = state.focus_request();
        (seq, target.map(focus_id))
    };
    {
        let record_ref = record_ref.clone();
        use_effect_with(focus_seq, move |_| {
            if let (Some(id), Some(root)) = (focus_id, record_ref.cast::<Element>()) {
                let selector = format!("#{id}");
                if let Ok(Some(el)) = root.query_selector(&selector) {
                    if let Ok(el) = el.dyn_into::<HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            }
        });
    }
    let state = props.state.borrow();
    let lang = state.lang();
    let ctx = Ctx {
        state: &state,
        rc: &props.state,
        redraws: &props.redraws,
        on_action: &props.on_action,
        readonly: props.readonly,
        disabled: props.disabled,
        lang,
    };

    // Neither a form nor an error yet: the schema is on its way.
    let loading = state.load_error().is_none() && state.model().is_none();
    let body = if let Some(error) = state.load_error() {
        html! {
            <div class="op-load-error" role="alert" part="load-error">
                <h2 class="op-heading-m">{ t(lang, "load.title", &[]) }</h2>
                <p class="op-body">{ error.person_message(lang) }</p>
            </div>
        }
    } else if let Some(model) = state.model() {
        if ctx.readonly {
            read_back(&ctx, &model.root)
        } else {
            html! {
                <>
                    { summary(&ctx, &summary_ref) }
                    { root(&ctx, &model.root) }
                </>
            }
        }
    } else {
        html! { <p class="op-body op-hint">{ t(lang, "form.loading", &[]) }</p> }
    };
    let (_, announcement) = state.announcement();
    html! {
        <div class={classes!("op-record", loading.then_some("op-record--loading"))} lang={lang.tag()} part="form" ref={record_ref}>
            { body }
            <div class="op-visually-hidden" role="status" aria-live="polite">{ announcement.to_owned() }</div>
        </div>
    }
}

struct Ctx<'a> {
    state: &'a RecordState,
    /// The same state, shared, for the field components drawn inside.
    rc: &'a Rc<RefCell<RecordState>>,
    redraws: &'a Redraws,
    on_action: &'a Callback<Action>,
    readonly: bool,
    disabled: bool,
    lang: Lang,
}

/// Properties of one field's component: which field, and its revision in the state
/// ([`RecordState::revision`]), so a keystroke in one field of 1,000 redraws that field (and
/// the groups around it, which compare their fields' revisions and go no deeper).
#[derive(Properties)]
struct FieldProps {
    state: Rc<RefCell<RecordState>>,
    redraws: Redraws,
    pointer: AttrValue,
    revision: u64,
    on_action: Callback<Action>,
    readonly: bool,
    disabled: bool,
    lang: Lang,
}

impl PartialEq for FieldProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.state, &other.state)
            && Rc::ptr_eq(&self.redraws, &other.redraws)
            && self.pointer == other.pointer
            && self.revision == other.revision
            && self.on_action == other.on_action
            && self.readonly == other.readonly
            && self.disabled == other.disabled
            && self.lang == other.lang
    }
}

/// One field (with everything inside it), drawn again only when its revision moves.
#[function_component(FieldView)]
fn field_view(props: &FieldProps) -> Html {
    let redraw = use_force_update();
    {
        // A top-level field can be redrawn alone (see `Redraws`).
        let redraws = props.redraws.clone();
        use_effect_with(props.pointer.clone(), move |pointer| {
            let pointer = pointer.to_string();
            let top = pointer.matches('/').count() == 1;
            let mine = Callback::from(move |()| redraw.force_update());
            if top {
                redraws.borrow_mut().insert(pointer.clone(), mine.clone());
            }
            move || {
                let mut map = redraws.borrow_mut();
                if top && map.get(&pointer) == Some(&mine) {
                    map.remove(&pointer);
                }
            }
        });
    }
    let state = props.state.borrow();
    let Some(node) = state.model().and_then(|m| m.find(&props.pointer)) else {
        return html! {};
    };
    let ctx = Ctx {
        state: &state,
        rc: &props.state,
        redraws: &props.redraws,
        on_action: &props.on_action,
        readonly: props.readonly,
        disabled: props.disabled,
        lang: props.lang,
    };
    field(&ctx, node)
}

/// The component for the field `node` (see [`FieldView`]).
fn field_component(ctx: &Ctx<'_>, node: &Node) -> Html {
    html! {
        <FieldView key={node.pointer.clone()} state={ctx.rc.clone()} redraws={ctx.redraws.clone()} pointer={AttrValue::from(node.pointer.clone())}
            revision={ctx.state.revision(&node.pointer)} on_action={ctx.on_action.clone()}
            readonly={ctx.readonly} disabled={ctx.disabled} lang={ctx.lang} />
    }
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
                    let id = field_id(&p.pointer);
                    let target = id.clone();
                    let onclick = Callback::from(move |e: MouseEvent| {
                        e.prevent_default();
                        focus_in_root(&e, &target);
                    });
                    html! { <li key={id.clone()}><a href={format!("#{id}")} {onclick}>{ p.message }</a></li> }
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
        Kind::Object { children, .. } => html! {
            <>
                if !node.label.is_empty() {
                    <h2 class="op-heading-l" part="title">{ node.label.clone() }</h2>
                }
                if let Some(hint) = &node.hint {
                    <p class="op-body op-lede">{ hint.clone() }</p>
                }
                { error_message(ctx, node) }
                { group(ctx, node, children, ctx.state.top_level_default()) }
            </>
        },
        _ => field(ctx, node),
    }
}

/// The fields of a group that show at this level, then "Add more" buttons for the others.
fn group(ctx: &Ctx<'_>, parent: &Node, children: &[Node], inherited: bool) -> Html {
    let (entries, fields): (Vec<&Node>, Vec<&Node>) = children.iter().partition(|c| c.entry);
    let (shown, hidden): (Vec<&Node>, Vec<&Node>) = fields
        .into_iter()
        .partition(|c| ctx.state.is_shown(c, inherited));
    let map = match &parent.kind {
        Kind::Object { extra: Some(_), .. } => map_entries(ctx, parent, &entries),
        _ => html! {},
    };
    let more = if hidden.is_empty() || ctx.readonly || ctx.disabled {
        html! {}
    } else {
        html! {
            <div class="op-add-more" part="add-more">
                <h3 class="op-add-more__title">{ t(ctx.lang, "more.title", &[]) }</h3>
                <p class="op-hint">{ t(ctx.lang, "more.hint", &[]) }</p>
                <ul class="op-add-more__list">
                    { for hidden.iter().map(|n| {
                        let on_action = ctx.on_action.clone();
                        let pointer = n.pointer.clone();
                        let onclick = Callback::from(move |_: MouseEvent| on_action.emit(Action::Reveal { pointer: pointer.clone() }));
                        html! {
                            <li key={n.pointer.clone()}>
                                <button type="button" class="op-button op-button--secondary" {onclick}>{ n.label.clone() }</button>
                            </li>
                        }
                    }) }
                </ul>
            </div>
        }
    };
    // The fields as one keyed list of their own. Spread among the unkeyed parts after them,
    // they would be matched by place from the end: a follow-up question appearing mid-group
    // would make every field above it be drawn afresh, taking focus from the answer just given.
    let fields: Html = shown.into_iter().map(|c| field_component(ctx, c)).collect();
    html! {
        <>
            { fields }
            { map }
            { more }
        </>
    }
}

/// Named entries of a map (`additionalProperties`): each a name box, its answer, and Remove,
/// then "Add another". A name takes effect when the person leaves its box, so the box keeps
/// focus while they type.
fn map_entries(ctx: &Ctx<'_>, parent: &Node, entries: &[&Node]) -> Html {
    let editable = !(ctx.readonly || ctx.disabled || parent.read_only);
    let add = {
        let on_action = ctx.on_action.clone();
        let pointer = parent.pointer.clone();
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::AddEntry {
                pointer: pointer.clone(),
            })
        })
    };
    html! {
        <div class="op-map" part="map">
            // One keyed list of their own (see `group`).
            { entries.iter().enumerate().map(|(index, entry)| {
                let id = field_id(&entry.pointer);
                let name_id = format!("{id}-name");
                let problem = ctx.state.entry_name_problem(&entry.pointer);
                let rename = {
                    let on_action = ctx.on_action.clone();
                    let pointer = entry.pointer.clone();
                    Callback::from(move |e: Event| {
                        if let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                            on_action.emit(Action::RenameEntry { pointer: pointer.clone(), name: el.value() });
                        }
                    })
                };
                let remove = {
                    let on_action = ctx.on_action.clone();
                    let pointer = entry.pointer.clone();
                    Callback::from(move |_: MouseEvent| on_action.emit(Action::RemoveEntry { pointer: pointer.clone() }))
                };
                let value_node = Node { label: t(ctx.lang, "map.value", &[]), ..(*entry).clone() };
                let shown_name = ctx.state.entry_name(&entry.pointer);
                // Keyed by place, not by name: naming an entry changes its pointer, and an entry
                // drawn afresh would take the focus from the answer the person just tabbed to.
                let answer = unkeyed(field(ctx, &value_node));
                html! {
                    <div class="op-list-item" key={format!("{}#{index}", parent.pointer)} part="map-entry">
                        <div class={classes!("op-form-group", problem.as_ref().map(|_| "op-form-group--error"))}>
                            <label class="op-label" for={name_id.clone()}>{ t(ctx.lang, "map.name", &[]) }</label>
                            if let Some(p) = &problem {
                                <p class="op-error-message" id={format!("{name_id}-error")}>
                                    <span class="op-visually-hidden">{ t(ctx.lang, "form.error_prefix", &[]) }{" "}</span>{ p.clone() }
                                </p>
                            }
                            <input class={classes!("op-input", problem.as_ref().map(|_| "op-input--error"))} id={name_id.clone()} type="text"
                                spellcheck="false" value={shown_name.clone()}
                                aria-describedby={problem.as_ref().map(|_| format!("{name_id}-error"))}
                                aria-invalid={problem.as_ref().map(|_| "true")}
                                readonly={!editable} onchange={rename} part="input" />
                        </div>
                        { answer }
                        if editable {
                            <button type="button" class="op-button op-button--warning" onclick={remove}>
                                { t(ctx.lang, "map.remove", &[]) }<span class="op-visually-hidden">{" "}{ shown_name }</span>
                            </button>
                        }
                    </div>
                }
            }).collect::<Html>() }
            if editable {
                <button type="button" class="op-button op-button--secondary" id={format!("{}-add", field_id(&parent.pointer))} onclick={add}>
                    { t(ctx.lang, "map.add", &[]) }<span class="op-visually-hidden">{" "}{ parent.label.clone() }</span>
                </button>
            }
        </div>
    }
}

/// `html` without its key, so it is patched in place when what it draws moves to a new pointer.
fn unkeyed(mut html: Html) -> Html {
    if let yew::virtual_dom::VNode::VTag(tag) = &mut html {
        std::rc::Rc::make_mut(tag).key = None;
    }
    html
}

/// The record read back (readonly): a GOV.UK summary list of what was answered, groups as
/// headed lists, in the form's order. Empty answers are left out: a proportionate record reads
/// as what was said, not as a list of blanks.
fn read_back(ctx: &Ctx<'_>, root: &Node) -> Html {
    html! {
        <div class="op-read-back" part="read-back">
            if !root.label.is_empty() {
                <h2 class="op-heading-l" part="title">{ root.label.clone() }</h2>
            }
            { read_group(ctx, root.children(), 3) }
        </div>
    }
}

fn read_group(ctx: &Ctx<'_>, children: &[Node], level: u8) -> Html {
    let answered: Vec<&Node> = children
        .iter()
        .filter(|c| ctx.state.value_at(&c.pointer).is_some())
        .collect();
    // In the form's own order: answers next to each other share one summary list, and a group
    // stands where its question stands.
    let mut parts: Vec<Result<Vec<&Node>, &Node>> = Vec::new();
    for n in answered {
        if is_group(n) {
            parts.push(Err(n));
        } else if let Some(Ok(rows)) = parts.last_mut() {
            rows.push(n);
        } else {
            parts.push(Ok(vec![n]));
        }
    }
    let heading = |n: &Node| {
        let text = n.label.clone();
        match level {
            3 => html! { <h3 class="op-heading-m">{ text }</h3> },
            4 => html! { <h4 class="op-heading-s">{ text }</h4> },
            _ => html! { <h5 class="op-heading-s">{ text }</h5> },
        }
    };
    let row = |key: String, label: String, answer: Html| {
        html! {
            <div class="op-summary-list__row" {key}>
                <dt class="op-summary-list__key">{ label }</dt>
                <dd class="op-summary-list__value">{ answer }</dd>
            </div>
        }
    };
    html! {
        { for parts.into_iter().map(|part| match part {
            Ok(rows) => html! {
                <dl class="op-summary-list" key={format!("rows-{}", rows[0].pointer)}>
                    { for rows.iter().map(|n| row(n.pointer.clone(), n.label.clone(), answer_text(ctx, n))) }
                </dl>
            },
            Err(g) => {
                // A chosen shape is read back by its title ("Care home"), then its answers.
                let shape = match &g.kind {
                    Kind::Alternatives { branches, chosen: Some((i, _)) } => branches
                        .get(*i)
                        .map(|b| b.label.clone())
                        .filter(|l| !l.is_empty()),
                    _ => None,
                };
                html! {
                    <section class="op-read-back__group" key={g.pointer.clone()}>
                        { heading(g) }
                        if let Some(shape) = shape {
                            <p class="op-body op-read-back__shape">{ shape }</p>
                        }
                        { read_group(ctx, g.children(), level.saturating_add(1)) }
                    </section>
                }
            }
        }) }
    }
}

fn is_group(n: &Node) -> bool {
    match &n.kind {
        Kind::Object { .. } | Kind::Array { .. } => true,
        Kind::Alternatives {
            chosen: Some((_, inner)),
            ..
        } => matches!(inner.kind, Kind::Object { .. }),
        _ => false,
    }
}

/// An answer as a person reads it: option labels rather than stored values, Yes or No, dates
/// as "23 November 2026" and numbers with their thousands grouped.
fn answer_text(ctx: &Ctx<'_>, n: &Node) -> Html {
    let value = ctx.state.value_at(&n.pointer);
    let kind = match &n.kind {
        Kind::Alternatives {
            chosen: Some((_, inner)),
            ..
        } => &inner.kind,
        other => other,
    };
    let text = match (kind, value) {
        (Kind::Boolean, Some(serde_json::Value::Bool(b))) => {
            t(ctx.lang, if *b { "form.yes" } else { "form.no" }, &[])
        }
        (Kind::Choice { options, .. }, Some(v)) => options
            .iter()
            .find(|o| &o.value == v)
            .map(|o| o.label.clone())
            .unwrap_or_else(|| ctx.state.display_text(&n.pointer)),
        (Kind::MultiChoice { options }, Some(serde_json::Value::Array(vs))) => options
            .iter()
            .filter(|o| vs.contains(&o.value))
            .map(|o| o.label.clone())
            .collect::<Vec<_>>()
            .join(", "),
        // Dates, times and numbers as a person reads them; text the formatter cannot read
        // (a part-typed date, say) shows as it is stored.
        (Kind::Text { input, .. }, Some(serde_json::Value::String(s))) => match input {
            InputKind::Date | InputKind::MemorableDate => format::date(ctx.lang, s),
            InputKind::Time => format::time(s),
            InputKind::DateTime => format::date_time(ctx.lang, s),
            _ => None,
        }
        .unwrap_or_else(|| ctx.state.display_text(&n.pointer)),
        (Kind::Number { .. }, Some(serde_json::Value::Number(x))) => format::number(x),
        _ => ctx.state.display_text(&n.pointer),
    };
    html! { <span class="op-pre-wrap">{ text }</span> }
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
    if count_shown(ctx, node).is_some() {
        parts.push(format!("{id}-count"));
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
    // Whose words a field holds is part of its name, so a screen reader hears it too.
    let voice = node.voice.map(|v| match v {
        Voice::Person => ("voice.person", "op-tag op-tag--person"),
        Voice::Practitioner => ("voice.practitioner", "op-tag op-tag--practitioner"),
    });
    html! {
        <>
            { node.label.clone() }
            if !node.required {
                <span class="op-optional">{" "}{ t(ctx.lang, "form.optional", &[]) }</span>
            }
            if let Some((key, class)) = voice {
                {" "}<span class={class}>{ t(ctx.lang, key, &[]) }</span>
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

/// A text-like field's `change`: the edit it carries, then the commit. A `change` may come with
/// no `input` before it (autofill, password managers, assistive tools, WebDriver's `clear()`), and
/// it is the person's edit all the same: without this the box would show new text while the
/// value kept the old.
fn change_cb<E: JsCast + 'static>(
    ctx: &Ctx<'_>,
    pointer: &str,
    read: impl Fn(&E) -> Input + 'static,
) -> Callback<Event> {
    let edit = edit_cb(ctx, pointer, read);
    let commit = commit_cb(ctx, pointer);
    Callback::from(move |e: Event| {
        edit.emit(e.clone());
        commit.emit(e);
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
        Kind::Object { children, .. } => html! {
            <div class={group_class(ctx, node)} key={key}>
                <fieldset class="op-fieldset" id={id.clone()} tabindex="-1" aria-describedby={described_by(ctx, node)} part="fieldset">
                    <legend class="op-fieldset__legend op-fieldset__legend--m">{ label_text(ctx, node) }</legend>
                    { hint(node) }
                    { error_message(ctx, node) }
                    { group(ctx, node, children, true) }
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
                        aria-invalid={has_error.then_some("true")}
                        aria-required={node.required.then_some("true")}
                        readonly={read_only} disabled={ctx.disabled}
                        value={ctx.state.display_text(&node.pointer)}
                        placeholder={node.placeholder.clone()}
                        oninput={input_cb::<HtmlTextAreaElement>(ctx, &node.pointer, |el| Input::Text(el.value()))}
                        onchange={change_cb::<HtmlTextAreaElement>(ctx, &node.pointer, |el| Input::Text(el.value()))}
                        onfocusout={leave_cb(ctx, &node.pointer)}
                        part="textarea" />
                    { character_count(ctx, node) }
                </div>
            }
        }
        Kind::Text { .. } if input_kind(node) == InputKind::MemorableDate => {
            memorable_date(ctx, node)
        }
        Kind::Text { .. } | Kind::Number { .. } => {
            let kind_of_input = input_kind(node);
            let (ty, mode, spell) = match (&node.kind, kind_of_input) {
                (Kind::Number { integer: true }, _) => ("text", Some("numeric"), false),
                (Kind::Number { integer: false }, _) => ("text", Some("decimal"), false),
                (_, InputKind::Email) => ("email", None, false),
                (_, InputKind::Url) => ("url", None, false),
                (_, InputKind::Date) => ("date", None, false),
                (_, InputKind::Time) => ("time", None, false),
                (_, InputKind::DateTime) => ("datetime-local", None, false),
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
                        aria-invalid={has_error.then_some("true")}
                        aria-required={node.required.then_some("true")}
                        readonly={read_only} disabled={ctx.disabled}
                        value={local_form(kind_of_input, &ctx.state.display_text(&node.pointer))}
                        placeholder={node.placeholder.clone()}
                        oninput={input_cb::<HtmlInputElement>(ctx, &node.pointer, move |el| Input::Text(with_offset(kind_of_input, el.value())))}
                        onchange={change_cb::<HtmlInputElement>(ctx, &node.pointer, move |el| Input::Text(with_offset(kind_of_input, el.value())))}
                        onfocusout={leave_cb(ctx, &node.pointer)}
                        part="input" />
                    { character_count(ctx, node) }
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
                                    let hint_id = o.hint.as_ref().map(|_| format!("{radio_id}-hint"));
                                    html! {
                                        <div class="op-radios__item" key={i}>
                                            <input class="op-radios__input" id={radio_id.clone()} name={id.clone()} type="radio"
                                                value={i.to_string()} checked={selected == Some(i)}
                                                disabled={ctx.disabled || read_only} aria-describedby={hint_id.clone()}
                                                {onchange} onfocusout={leave_cb(ctx, &node.pointer)} part="radio" />
                                            { option_text("op-radios", &radio_id, &o.label, o.hint.as_deref()) }
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
                                aria-invalid={has_error.then_some("true")}
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
        Kind::Recursive { .. } => {
            let on_action = ctx.on_action.clone();
            let pointer = node.pointer.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                on_action.emit(Action::Open {
                    pointer: pointer.clone(),
                })
            });
            html! {
                <div class={group_class(ctx, node)} key={key}>
                    <fieldset class="op-fieldset" aria-describedby={described_by(ctx, node)} part="fieldset">
                        <legend class="op-fieldset__legend op-fieldset__legend--m">{ label_text(ctx, node) }</legend>
                        { hint(node) }
                        { error_message(ctx, node) }
                        if !(ctx.disabled || read_only) {
                            <button type="button" class="op-button op-button--secondary" id={id.clone()} {onclick}>
                                { t(ctx.lang, "list.add_first", &[("item", &node.label.to_lowercase())]) }
                            </button>
                        }
                    </fieldset>
                </div>
            }
        }
        Kind::Alternatives { branches, chosen } => {
            let current = chosen.as_ref().map(|(i, _)| *i);
            // The first radio carries the field's id (for the error summary) unless the chosen
            // shape is a single field, which then carries it.
            let scalar = chosen
                .as_ref()
                .is_some_and(|(_, n)| !matches!(n.kind, Kind::Object { .. }));
            html! {
                <div class={group_class(ctx, node)} key={key}>
                    <fieldset class="op-fieldset" aria-describedby={described_by(ctx, node)} part="fieldset">
                        <legend class="op-fieldset__legend op-fieldset__legend--m">{ label_text(ctx, node) }</legend>
                        { hint(node) }
                        { error_message(ctx, node) }
                        <div class="op-radios">
                            { for branches.iter().enumerate().map(|(i, b)| {
                                let radio_id = if i == 0 && !scalar { id.clone() } else { format!("{id}-choice-{i}") };
                                let on_action = ctx.on_action.clone();
                                let pointer = node.pointer.clone();
                                let onchange = Callback::from(move |_: Event| {
                                    on_action.emit(Action::Choose { pointer: pointer.clone(), branch: i });
                                });
                                let label = if b.label.is_empty() {
                                    t(ctx.lang, "choice.option", &[("number", &(i + 1).to_string())])
                                } else {
                                    b.label.clone()
                                };
                                // A shape's description says what choosing it means: under its radio.
                                let hint = b.node.hint.as_deref();
                                let hint_id = hint.map(|_| format!("{radio_id}-hint"));
                                html! {
                                    <div class="op-radios__item" key={i}>
                                        <input class="op-radios__input" id={radio_id.clone()} name={format!("{id}-choice")} type="radio"
                                            checked={current == Some(i)} disabled={ctx.disabled || read_only}
                                            aria-describedby={hint_id} {onchange} part="radio" />
                                        { option_text("op-radios", &radio_id, &label, hint) }
                                    </div>
                                }
                            }) }
                        </div>
                        if let Some((_, inner)) = chosen {
                            <div class="op-conditional" part="conditional">
                                if let Kind::Object { children, .. } = &inner.kind {
                                    { group(ctx, node, children, true) }
                                } else {
                                    // Its description is already under its radio.
                                    { field(ctx, &Node { label: t(ctx.lang, "choice.answer", &[]), hint: None, ..(**inner).clone() }) }
                                }
                            </div>
                        }
                    </fieldset>
                </div>
            }
        }
        Kind::Array {
            items,
            max_items,
            item,
            ..
        } => {
            // "Add another step" names the item when the schema titles it, else the list.
            let item_name = item
                .as_ref()
                .map(|i| i.label.as_str())
                .filter(|l| !l.is_empty())
                .unwrap_or(&node.label);
            list(ctx, node, items, *max_items, &item_name.to_lowercase())
        }
        Kind::MultiChoice { options } => {
            let current: Vec<serde_json::Value> = ctx
                .state
                .value_at(&node.pointer)
                .and_then(|v| v.as_array())
                .cloned()
                .unwrap_or_default();
            html! {
                <div class={group_class(ctx, node)} key={key}>
                    <fieldset class="op-fieldset" aria-describedby={described_by(ctx, node)} part="fieldset">
                        <legend class="op-fieldset__legend op-fieldset__legend--s">{ label_text(ctx, node) }</legend>
                        { hint(node) }
                        { error_message(ctx, node) }
                        <div class="op-checkboxes">
                            { for options.iter().enumerate().map(|(i, o)| {
                                let box_id = if i == 0 { id.clone() } else { format!("{id}-{i}") };
                                let on_action = ctx.on_action.clone();
                                let pointer = node.pointer.clone();
                                let onchange = Callback::from(move |e: Event| {
                                    let on = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).is_some_and(|el| el.checked());
                                    on_action.emit(Action::Edit { pointer: pointer.clone(), input: Input::Toggle(i, on) });
                                    on_action.emit(Action::Commit { pointer: pointer.clone() });
                                });
                                let hint_id = o.hint.as_ref().map(|_| format!("{box_id}-hint"));
                                html! {
                                    <div class="op-checkboxes__item" key={i}>
                                        <input class="op-checkboxes__input" id={box_id.clone()} type="checkbox"
                                            checked={current.contains(&o.value)}
                                            disabled={ctx.disabled || read_only} aria-describedby={hint_id.clone()}
                                            {onchange} onfocusout={leave_cb(ctx, &node.pointer)} part="checkbox" />
                                        { option_text("op-checkboxes", &box_id, &o.label, o.hint.as_deref()) }
                                    </div>
                                }
                            }) }
                        </div>
                    </fieldset>
                </div>
            }
        }
        _ => html! {},
    }
}

/// A radio's or checkbox's label (block `op-radios` or `op-checkboxes`), with its hint under it
/// when the option has one (the input names it with `aria-describedby`, id `{input_id}-hint`).
fn option_text(block: &str, input_id: &str, label: &str, hint: Option<&str>) -> Html {
    let label = html! {
        <label class={format!("op-label {block}__label")} for={input_id.to_owned()}>{ label.to_owned() }</label>
    };
    match hint {
        None => label,
        Some(hint) => html! {
            <div class={format!("{block}__text")}>
                { label }
                <div id={format!("{input_id}-hint")} class={format!("op-hint {block}__hint")}>{ hint.to_owned() }</div>
            </div>
        },
    }
}

/// A list (GOV.UK "add another"): each item in a box with move and remove buttons, then an add
/// button. Nothing needs dragging.
fn list(
    ctx: &Ctx<'_>,
    node: &Node,
    items: &[Node],
    max_items: Option<u64>,
    item_name: &str,
) -> Html {
    let id = field_id(&node.pointer);
    let editable = !(ctx.readonly || ctx.disabled || node.read_only);
    // Full at maxItems, and when a tuple (prefixItems with `items: false`) has every position.
    let no_more_shapes = match &node.kind {
        Kind::Array {
            item: None, prefix, ..
        } => items.len() >= prefix.len(),
        _ => false,
    };
    let full = no_more_shapes || max_items.is_some_and(|m| items.len() as u64 >= m);
    let count = items.len();
    let limit = ctx.state.list_limit(&node.pointer);
    let show_more = {
        let on_action = ctx.on_action.clone();
        let pointer = node.pointer.clone();
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::ShowMore {
                pointer: pointer.clone(),
            })
        })
    };
    let add = {
        let on_action = ctx.on_action.clone();
        let pointer = node.pointer.clone();
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::AddItem {
                pointer: pointer.clone(),
            })
        })
    };
    html! {
        <div class={group_class(ctx, node)} key={node.pointer.clone()}>
            <fieldset class="op-fieldset" id={id.clone()} tabindex="-1" aria-describedby={described_by(ctx, node)} part="fieldset">
                <legend class="op-fieldset__legend op-fieldset__legend--m">{ label_text(ctx, node) }</legend>
                { hint(node) }
                { error_message(ctx, node) }
                if items.is_empty() {
                    <p class="op-hint">{ t(ctx.lang, "list.empty", &[]) }</p>
                }
                // One keyed list of their own (see `group`).
                { items.iter().take(limit).enumerate().map(|(i, item)| {
                    let item_id = field_id(&item.pointer);
                    let button = |delta: isize| {
                        let on_action = ctx.on_action.clone();
                        let pointer = item.pointer.clone();
                        Callback::from(move |_: MouseEvent| on_action.emit(Action::MoveItem { pointer: pointer.clone(), delta }))
                    };
                    let remove = {
                        let on_action = ctx.on_action.clone();
                        let pointer = item.pointer.clone();
                        Callback::from(move |_: MouseEvent| on_action.emit(Action::RemoveItem { pointer: pointer.clone() }))
                    };
                    html! {
                        <div class="op-list-item" key={item.pointer.clone()} part="list-item">
                            { field_component(ctx, item) }
                            if editable {
                                <div class="op-list-item__actions">
                                    <button type="button" class="op-button op-button--secondary" id={format!("{item_id}-up")}
                                        disabled={i == 0} onclick={button(-1)}>
                                        { t(ctx.lang, "list.move_up", &[]) }<span class="op-visually-hidden">{" "}{ item.label.clone() }</span>
                                    </button>
                                    <button type="button" class="op-button op-button--secondary" id={format!("{item_id}-down")}
                                        disabled={i + 1 == count} onclick={button(1)}>
                                        { t(ctx.lang, "list.move_down", &[]) }<span class="op-visually-hidden">{" "}{ item.label.clone() }</span>
                                    </button>
                                    <button type="button" class="op-button op-button--warning" id={format!("{item_id}-remove")} onclick={remove}>
                                        { t(ctx.lang, "list.remove", &[]) }<span class="op-visually-hidden">{" "}{ item.label.clone() }</span>
                                    </button>
                                </div>
                            }
                        </div>
                    }
                }).collect::<Html>() }
                if count > limit {
                    <p class="op-hint">{ t(ctx.lang, "list.showing", &[("shown", &limit.to_string()), ("total", &count.to_string())]) }</p>
                    <button type="button" class="op-button op-button--secondary" onclick={show_more}>
                        { t(ctx.lang, "list.show_more", &[]) }
                    </button>
                }
                if editable {
                    if full {
                        if !no_more_shapes {
                            <p class="op-hint">{ tn(ctx.lang, "list.full", max_items.unwrap_or(0), &[]) }</p>
                        }
                    } else {
                        <button type="button" class="op-button op-button--secondary" id={focus_id(&Focus::AddButton(node.pointer.clone()))} onclick={add}>
                            { if count == 0 { t(ctx.lang, "list.add_first", &[("item", item_name)]) } else { t(ctx.lang, "list.add", &[("item", item_name)]) } }
                        </button>
                    }
                }
            </fieldset>
        </div>
    }
}

/// The character count's number, when it shows: for text areas, and for other text fields once
/// three quarters of the limit is used (a count on every short field is noise).
fn count_shown(ctx: &Ctx<'_>, node: &Node) -> Option<(u64, i64)> {
    let Kind::Text {
        max_length: Some(max),
        multiline,
        ..
    } = &node.kind
    else {
        return None;
    };
    let used = ctx.state.display_text(&node.pointer).chars().count() as u64;
    (*multiline || used * 4 >= max * 3).then(|| (*max, *max as i64 - used as i64))
}

fn character_count(ctx: &Ctx<'_>, node: &Node) -> Html {
    let Some((_, left)) = count_shown(ctx, node) else {
        return html! {};
    };
    let (key, n, over) = if left >= 0 {
        ("count.remaining", left as u64, false)
    } else {
        ("count.too_many", left.unsigned_abs(), true)
    };
    html! {
        <div class={classes!("op-hint", "op-character-count", over.then_some("op-character-count--over"))}
            id={format!("{}-count", field_id(&node.pointer))}>
            { tn(ctx.lang, key, n, &[]) }
        </div>
    }
}

/// A native time or date-time input gives local time without seconds or offset; JSON Schema's
/// `time` and `date-time` need both. Adds them, with the person's UTC offset at that moment.
fn with_offset(kind: InputKind, typed: String) -> String {
    if typed.is_empty() {
        return typed;
    }
    let offset_at = |iso_local: &str| -> String {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso_local));
        let minutes = -(date.get_timezone_offset() as i64);
        let (sign, m) = if minutes < 0 {
            ('-', -minutes)
        } else {
            ('+', minutes)
        };
        format!("{sign}{:02}:{:02}", m / 60, m % 60)
    };
    match kind {
        InputKind::DateTime if typed.len() == 16 => {
            let offset = offset_at(&typed);
            format!("{typed}:00{offset}")
        }
        InputKind::Time if typed.len() == 5 => {
            // A time alone takes today's offset (summer time or not).
            let today = js_sys::Date::new_0();
            let local = format!(
                "{:04}-{:02}-{:02}T{typed}",
                today.get_full_year(),
                today.get_month() + 1,
                today.get_date()
            );
            let offset = offset_at(&local);
            format!("{typed}:00{offset}")
        }
        _ => typed,
    }
}

/// The inverse of [`with_offset`] for showing a stored value in a native input.
fn local_form(kind: InputKind, stored: &str) -> String {
    match kind {
        InputKind::DateTime if stored.len() > 16 => stored[..16].to_owned(),
        InputKind::Time if stored.len() > 5 => stored[..5].to_owned(),
        _ => stored.to_owned(),
    }
}

/// The GOV.UK memorable date: day, month and year boxes. The value is `YYYY-MM-DD` once all three
/// make a date; until then what was typed is kept (as `day|month|year`), and the validator asks
/// for a real date.
fn memorable_date(ctx: &Ctx<'_>, node: &Node) -> Html {
    let id = field_id(&node.pointer);
    let shown = ctx.state.display_text(&node.pointer);
    let parts: Vec<String> = if shown.contains('|') {
        shown.split('|').map(str::to_owned).collect()
    } else if shown.len() == 10 && shown.as_bytes().get(4) == Some(&b'-') {
        let (y, m, d) = (&shown[0..4], &shown[5..7], &shown[8..10]);
        vec![
            d.trim_start_matches('0').to_owned(),
            m.trim_start_matches('0').to_owned(),
            y.to_owned(),
        ]
    } else {
        vec![String::new(), String::new(), String::new()]
    };
    let part = |i: usize| parts.get(i).cloned().unwrap_or_default();
    let has_error = ctx.state.visible_problem(&node.pointer).is_some();
    let on_action = ctx.on_action.clone();
    let pointer = node.pointer.clone();
    let base = id.clone();
    let read_boxes = Callback::from(move |e: Event| {
        let Some(root) = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| el.closest(".op-date-input").ok().flatten())
        else {
            return;
        };
        let read = |suffix: &str| -> String {
            root.query_selector(&format!("#{base}{suffix}"))
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
                .map(|el| el.value().trim().to_owned())
                .unwrap_or_default()
        };
        let (d, m, y) = (read(""), read("-month"), read("-year"));
        let text = match (d.parse::<u32>(), m.parse::<u32>(), y.parse::<u32>()) {
            _ if d.is_empty() && m.is_empty() && y.is_empty() => String::new(),
            (Ok(d), Ok(m), Ok(y)) if y >= 1000 => format!("{y:04}-{m:02}-{d:02}"),
            _ => format!("{d}|{m}|{y}"),
        };
        on_action.emit(Action::Edit {
            pointer: pointer.clone(),
            input: Input::Text(text),
        });
    });
    let oninput = read_boxes.reform(InputEvent::into);
    // A change with no input before it is an edit too (see `change_cb`).
    let onchange = {
        let commit = commit_cb(ctx, &node.pointer);
        Callback::from(move |e: Event| {
            read_boxes.emit(e.clone());
            commit.emit(e);
        })
    };
    let boxes = [
        ("", "date.day", "op-date-input__day", 2),
        ("-month", "date.month", "op-date-input__month", 2),
        ("-year", "date.year", "op-date-input__year", 4),
    ];
    html! {
        <div class={group_class(ctx, node)} key={node.pointer.clone()}>
            <fieldset class="op-fieldset" role="group" aria-describedby={described_by(ctx, node)} part="fieldset">
                <legend class="op-fieldset__legend op-fieldset__legend--s">{ label_text(ctx, node) }</legend>
                { hint(node) }
                { error_message(ctx, node) }
                <div class="op-date-input">
                    { for boxes.iter().enumerate().map(|(i, (suffix, key, class, width))| html! {
                        <div class="op-date-input__item" key={*suffix}>
                            <label class="op-label op-date-input__label" for={format!("{id}{suffix}")}>{ t(ctx.lang, key, &[]) }</label>
                            <input class={classes!("op-input", *class, has_error.then_some("op-input--error"))}
                                id={format!("{id}{suffix}")} type="text" inputmode="numeric" spellcheck="false"
                                aria-invalid={has_error.then_some("true")}
                                size={width.to_string()} maxlength={if *width == 4 { "4" } else { "2" }}
                                autocomplete={if node.pointer.contains("birth") { ["bday-day", "bday-month", "bday-year"][i] } else { "off" }}
                                value={part(i)} readonly={ctx.readonly || node.read_only} disabled={ctx.disabled}
                                oninput={oninput.clone()}
                                onchange={onchange.clone()}
                                onfocusout={leave_cb(ctx, &node.pointer)} part="input" />
                        </div>
                    }) }
                </div>
            </fieldset>
        </div>
    }
}

fn input_kind(node: &Node) -> InputKind {
    match &node.kind {
        Kind::Text { input, .. } => *input,
        _ => InputKind::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_safe() {
        assert_eq!(field_id(""), "op-f");
        assert_eq!(field_id("/a b/c\"<"), "op-f-a_20b-c_22_3c");
        assert_eq!(field_id("/what_matters"), "op-f-what__matters");
        assert_ne!(field_id("/a_20b"), field_id("/a b"));
    }
}
