//! `PlanView`: the support plan builder. The person writes their plan in whatever shape suits
//! them: any block anywhere, edited in place, moved with buttons (so with the keyboard too, and
//! never by dragging), deleted with undo. Beside it: the budget panel, sign-off (only when the host
//! gives rules and a practitioner), the review log, gentle legal checks, and files.
//!
//! [`PlanScreen`] holds what the screen shows (the [`PlanState`] plus the host's settings, what to
//! announce and where focus goes); [`PlanScreen::apply`] applies a [`PlanAction`]. The owner (the
//! element) calls it and tells the host what happened through the returned [`Emit`].

use ourplan_core::Lang;
use ourplan_core::format;
use ourplan_core::i18n::{t, tn};
use ourplan_core::plan::{
    Balance, Block, Error, Field, FieldType, Focus, Frequency, Indicative, Kind, Law, Message,
    Moves, PaidFrom, Period, PlanState, Practitioner, Rules, Template, Verdict, balance,
    builtin_templates, format_pence, parse_pounds, suggestions, to_json, to_markdown, totals,
};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Which way a block moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Up among its siblings.
    Up,
    /// Down among its siblings.
    Down,
    /// Into the section just above it.
    Into,
    /// Out of the section it is in.
    Out,
}

impl Move {
    fn suffix(self) -> &'static str {
        match self {
            Move::Up => "up",
            Move::Down => "down",
            Move::Into => "into",
            Move::Out => "out",
        }
    }
}

/// What the person did, for the owner of the screen to apply.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanAction {
    /// Start from a blank page (`None`) or a starter (its index in [`PlanScreen::templates`]).
    Start(Option<usize>),
    /// Add a block of `kind` at the end of `parent` (the plan itself, or a section).
    Add {
        /// The kind.
        kind: Kind,
        /// The section, or `None` for the top of the plan.
        parent: Option<String>,
    },
    /// Opened the "add a block here" control below a block.
    OpenAddAfter(String),
    /// Closed that control without adding.
    CloseAdd,
    /// Added a block of `kind` just after the block `after`, beside it in the same section.
    AddAfter {
        /// The kind.
        kind: Kind,
        /// The block it follows.
        after: String,
    },
    /// Typed into a text field of a block.
    SetText {
        /// The block.
        id: String,
        /// The field.
        field: &'static str,
        /// The words.
        text: String,
    },
    /// Typed into a cost box (pounds, as typed).
    SetCost {
        /// The block.
        id: String,
        /// The text.
        text: String,
    },
    /// Chose a frequency, "paid from" or outcome (empty for none).
    SetChoice {
        /// The block.
        id: String,
        /// The field.
        field: &'static str,
        /// The JSON value chosen.
        value: String,
    },
    /// Ticked or unticked a yes/no field.
    SetBool {
        /// The block.
        id: String,
        /// The field.
        field: &'static str,
        /// Ticked.
        on: bool,
    },
    /// Changed the plan's title.
    SetTitle(String),
    /// Left a changed field (the native `change` moment).
    Commit,
    /// Moved a block.
    Move {
        /// The block.
        id: String,
        /// Which way.
        how: Move,
    },
    /// Moved a block with a key (Alt and an arrow) while in it: focus returns to `focus` (the
    /// id of the control the person was in).
    MoveByKey {
        /// The block.
        id: String,
        /// Up (else down).
        up: bool,
        /// The id of the focused control.
        focus: String,
    },
    /// Deleted a block.
    Remove(String),
    /// Undo.
    Undo,
    /// Redo.
    Redo,
    /// Added an item to a block's list.
    AddItem {
        /// The block.
        block: String,
        /// Which list.
        field: &'static str,
    },
    /// Typed into an item.
    SetItem {
        /// The block.
        block: String,
        /// The item.
        item: String,
        /// The words.
        text: String,
    },
    /// Ticked or unticked a checklist item.
    ItemDone {
        /// The block.
        block: String,
        /// The item.
        item: String,
        /// Ticked.
        done: bool,
    },
    /// Moved an item up or down.
    MoveItem {
        /// The block.
        block: String,
        /// The item.
        item: String,
        /// Up (else down).
        up: bool,
    },
    /// Deleted an item.
    RemoveItem {
        /// The block.
        block: String,
        /// The item.
        item: String,
    },
    /// Added a review, dated today.
    AddReview,
    /// Changed a review field.
    SetReview {
        /// The review.
        id: String,
        /// `date`, `by`, `working`, `notWorking` or `changes`.
        field: &'static str,
        /// The words.
        text: String,
    },
    /// Deleted a review.
    RemoveReview(String),
    /// Marked the plan complex, or not (practitioner).
    SetComplex(bool),
    /// The practitioner signs the plan off.
    SignOff,
    /// Opened a plan file with this text.
    Import(String),
}

/// What the host hears after an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emit {
    /// Nothing changed in the value.
    Nothing,
    /// The value changed while typing.
    Input,
    /// A typed change was committed.
    Change,
    /// A deliberate change (add, move, delete, undo): both input and change.
    Both,
    /// The practitioner signed off.
    Signoff,
}

/// What the builder shows: the plan being edited and the host's settings.
#[derive(Debug)]
pub struct PlanScreen {
    /// The plan and its history.
    pub state: PlanState,
    /// The language.
    pub lang: Lang,
    /// Sign-off rules from the host.
    pub rules: Option<Rules>,
    /// The practitioner signing off, from the host.
    pub practitioner: Option<Practitioner>,
    /// Which law's gentle checks to show.
    pub law: Option<Law>,
    /// The host's indicative budget.
    pub host_indicative: Option<Indicative>,
    /// Starters the host added, after the kit's own.
    pub host_templates: Vec<Template>,
    /// Whether the person has started (the choice of starters shows until then).
    pub started: bool,
    announce: Option<Message>,
    announce_seq: u64,
    focus: Option<String>,
    focus_seq: u64,
    import_error: Option<Error>,
    /// What the person should know about the file just opened (parts this version cannot show).
    import_notes: Vec<Message>,
    /// Cost boxes whose text is not (yet) an amount: the text as typed, and what is wrong.
    cost_typed: HashMap<String, (String, Option<Error>)>,
    /// The block below which the "add a block here" control is open.
    adding_after: Option<String>,
}

impl PlanScreen {
    /// A blank plan in `lang`, with the choice of starters showing.
    pub fn new(lang: Lang) -> PlanScreen {
        PlanScreen {
            state: PlanState::new(lang),
            lang,
            rules: None,
            practitioner: None,
            law: None,
            host_indicative: None,
            host_templates: Vec::new(),
            started: false,
            announce: None,
            announce_seq: 0,
            focus: None,
            focus_seq: 0,
            import_error: None,
            import_notes: Vec::new(),
            cost_typed: HashMap::new(),
            adding_after: None,
        }
    }

    /// Switches the language. A title nobody has changed yet ("My support plan") follows it.
    pub fn set_lang(&mut self, lang: Lang) {
        let old = t(self.lang, "plan.title_default", &[]);
        self.lang = lang;
        if self.state.plan().title == old && !self.state.can_undo() {
            let mut plan = self.state.plan().clone();
            plan.title = t(lang, "plan.title_default", &[]);
            if let Ok(state) = PlanState::from_plan(plan) {
                self.state = state;
            }
        }
    }

    /// Every starter offered after the blank page: the host's own first (a council or an
    /// organisation adds starters it wants people to see), then the kit's (but its blank one).
    pub fn templates(&self) -> Vec<&Template> {
        self.host_templates
            .iter()
            .chain(builtin_templates().iter().filter(|t| t.id != "blank"))
            .collect()
    }

    /// Sets the host's indicative budget, and gives it to the plan when the plan has none of its
    /// own or the host changes it.
    pub fn set_host_indicative(&mut self, indicative: Option<Indicative>) {
        self.host_indicative = indicative.clone();
        if self.state.plan().budget.indicative == indicative || indicative.is_none() {
            return;
        }
        if self.state.can_undo() {
            let _ = self.state.set_indicative(indicative);
        } else {
            let mut plan = self.state.plan().clone();
            plan.budget.indicative = indicative;
            if let Ok(state) = PlanState::from_plan(plan) {
                self.state = state;
            }
        }
    }

    /// Replaces the plan with one the host gave (no history, no announcement).
    pub fn set_plan_json(&mut self, text: &str) -> Result<(), Error> {
        let state = PlanState::from_json(text)?;
        self.state = state;
        self.cost_typed.clear();
        self.import_error = None;
        // A plan the host hands over is the person's plan, even with only a title: show it,
        // not the choice of starters.
        self.started = true;
        if self.state.plan().budget.indicative.is_none() {
            let host = self.host_indicative.clone();
            self.set_host_indicative(host);
        }
        Ok(())
    }

    /// Whether every cost box holds an amount.
    pub fn problems(&self) -> Vec<(String, String)> {
        self.cost_typed
            .iter()
            .filter_map(|(id, (_, e))| {
                e.as_ref()
                    .map(|e| (format!("op-f-{id}-costPence"), e.person_message(self.lang)))
            })
            .collect()
    }

    fn say(&mut self, message: Message) {
        self.announce = Some(message);
        self.announce_seq += 1;
    }

    fn focus_on(&mut self, id: String) {
        self.focus = Some(id);
        self.focus_seq += 1;
    }

    fn take(&mut self, result: Result<ourplan_core::plan::Feedback, Error>) -> bool {
        match result {
            Ok(fb) => {
                if let Some(m) = fb.announce {
                    self.say(m);
                }
                if let Some(f) = fb.focus {
                    self.focus_on(focus_id(&f));
                }
                true
            }
            Err(e) => {
                self.say(e.message());
                false
            }
        }
    }

    fn start_with(&mut self, state: PlanState) {
        self.state = state;
        self.started = true;
        self.cost_typed.clear();
        let host = self.host_indicative.clone();
        self.set_host_indicative(host);
    }

    /// Applies what the person did. `now` is the date and time (RFC 3339) from the page.
    pub fn apply(&mut self, action: PlanAction, now: &str) -> Emit {
        // Starting over replaces the whole state (and its generation): compare the documents
        // then. Everything else is told apart by the generation, which costs nothing at 500
        // blocks where writing the document twice per keystroke cost milliseconds.
        let before = match action {
            PlanAction::Start(_) => Before::Json(to_json(self.state.plan())),
            _ => Before::Generation(self.state.generation()),
        };
        let mut emit = Emit::Both;
        match action {
            PlanAction::Start(which) => {
                let state = match which.and_then(|i| self.templates().get(i).map(|t| (*t).clone()))
                {
                    Some(template) => {
                        let state = PlanState::from_template(&template, self.lang);
                        self.say(
                            Message::counted(
                                "plan.announce.template_added",
                                state.plan().blocks.len() as u64,
                            )
                            .text("template", template.title.get(self.lang)),
                        );
                        state
                    }
                    None => {
                        self.say(Message::new("plan.ui.start.started_blank"));
                        PlanState::new(self.lang)
                    }
                };
                self.start_with(state);
                self.focus_on("op-title".to_owned());
            }
            PlanAction::Add { kind, parent } => {
                let result = self.state.add_block(kind, parent.as_deref(), usize::MAX);
                if let Ok(fb) = &result {
                    if let Some(Focus::Block(id)) = &fb.focus {
                        let target = first_control(id, kind);
                        let fb = fb.clone();
                        self.take(Ok(fb));
                        self.focus_on(target);
                        return self.finish(&before, emit);
                    }
                }
                self.take(result);
            }
            PlanAction::OpenAddAfter(id) => {
                self.adding_after = Some(id.clone());
                self.focus_on(format!("op-add-after-{id}-kind"));
                return Emit::Nothing;
            }
            PlanAction::CloseAdd => {
                if let Some(id) = self.adding_after.take() {
                    self.focus_on(format!("op-b-{id}-add-below"));
                }
                return Emit::Nothing;
            }
            PlanAction::AddAfter { kind, after } => {
                self.adding_after = None;
                let result = self.state.place(&after).and_then(|place| {
                    self.state
                        .add_block(kind, place.parent.as_deref(), place.index + 1)
                });
                match result {
                    Ok(fb) => {
                        let target = match &fb.focus {
                            Some(Focus::Block(id)) => Some(first_control(id, kind)),
                            _ => None,
                        };
                        self.take(Ok(fb));
                        if let Some(target) = target {
                            self.focus_on(target);
                        }
                    }
                    Err(e) => {
                        self.take(Err(e));
                    }
                }
            }
            PlanAction::SetText { id, field, text } => {
                let r = self.state.set_field(&id, field, Value::String(text));
                self.take(r);
                emit = Emit::Input;
            }
            PlanAction::SetCost { id, text } => {
                emit = Emit::Input;
                match parse_pounds(&text) {
                    Ok(pence) => {
                        self.cost_typed.insert(id.clone(), (text, None));
                        let r = self.state.set_field(&id, "costPence", Value::from(pence));
                        self.take(r);
                    }
                    Err(e) => {
                        self.cost_typed.insert(id, (text, Some(e)));
                    }
                }
            }
            PlanAction::SetChoice { id, field, value } => {
                let value = if value.is_empty() {
                    Value::Null
                } else {
                    Value::String(value)
                };
                let r = self.state.set_field(&id, field, value);
                self.take(r);
            }
            PlanAction::SetBool { id, field, on } => {
                let r = self.state.set_field(&id, field, Value::Bool(on));
                self.take(r);
            }
            PlanAction::SetTitle(text) => {
                let fb = self.state.set_title(&text);
                self.take(Ok(fb));
                emit = Emit::Input;
            }
            PlanAction::Commit => {
                self.state.seal();
                return Emit::Change;
            }
            PlanAction::Move { id, how } => {
                let r = match how {
                    Move::Up => self.state.move_up(&id),
                    Move::Down => self.state.move_down(&id),
                    Move::Into => self.state.move_into_previous(&id),
                    Move::Out => self.state.move_out(&id),
                };
                if self.take(r) {
                    // Keep focus on the button pressed while that move is still possible, so
                    // pressing it again moves the block again; else on the block.
                    let moves = self.state.moves(&id).unwrap_or_default();
                    let again = match how {
                        Move::Up => moves.up,
                        Move::Down => moves.down,
                        Move::Into => false,
                        Move::Out => moves.out,
                    };
                    let target = if again {
                        format!("op-b-{id}-{}", how.suffix())
                    } else {
                        format!("op-b-{id}")
                    };
                    self.focus_on(target);
                }
            }
            PlanAction::MoveByKey { id, up, focus } => {
                let r = if up {
                    self.state.move_up(&id)
                } else {
                    self.state.move_down(&id)
                };
                if self.take(r) && !focus.is_empty() {
                    self.focus_on(focus);
                }
            }
            PlanAction::Remove(id) => {
                let r = self.state.remove(&id);
                self.take(r);
            }
            PlanAction::Undo => {
                let fb = self.state.undo();
                self.take(Ok(fb));
                self.cost_typed.clear();
            }
            PlanAction::Redo => {
                let fb = self.state.redo();
                self.take(Ok(fb));
                self.cost_typed.clear();
            }
            PlanAction::AddItem { block, field } => {
                let r = self.state.add_item(&block, field, usize::MAX, "");
                self.take(r);
            }
            PlanAction::SetItem { block, item, text } => {
                let r = self.state.set_item_text(&block, &item, &text);
                self.take(r);
                emit = Emit::Input;
            }
            PlanAction::ItemDone { block, item, done } => {
                let r = self.state.set_item_done(&block, &item, done);
                self.take(r);
            }
            PlanAction::MoveItem { block, item, up } => {
                let r = self.state.move_item(&block, &item, up);
                if self.take(r) {
                    self.focus_on(format!(
                        "op-i-{block}-{item}-{}",
                        if up { "up" } else { "down" }
                    ));
                }
            }
            PlanAction::RemoveItem { block, item } => {
                let r = self.state.remove_item(&block, &item);
                self.take(r);
            }
            PlanAction::AddReview => {
                let date = now.get(..10).unwrap_or("");
                let r = self.state.add_review(date);
                self.take(r);
            }
            PlanAction::SetReview { id, field, text } => {
                let r = self.state.set_review_field(&id, field, &text);
                self.take(r);
                emit = Emit::Input;
            }
            PlanAction::RemoveReview(id) => {
                let r = self.state.remove_review(&id);
                self.take(r);
            }
            PlanAction::SetComplex(on) => {
                let fb = self.state.set_complex(on);
                self.take(Ok(fb));
            }
            PlanAction::SignOff => {
                let (Some(rules), Some(who)) = (self.rules.clone(), self.practitioner.clone())
                else {
                    return Emit::Nothing;
                };
                let r = self.state.sign_off(&rules, &who, now);
                if self.take(r) {
                    self.focus_on("op-signoff-status".to_owned());
                    return Emit::Signoff;
                }
            }
            PlanAction::Import(text) => match self.state.replace_from_json(&text) {
                Ok(fb) => {
                    self.import_error = None;
                    self.import_notes = ourplan_core::plan::unknown_parts(self.state.plan());
                    self.cost_typed.clear();
                    self.started = true;
                    self.take(Ok(fb));
                    self.focus_on("op-title".to_owned());
                }
                Err(e) => {
                    self.say(e.message());
                    self.import_notes.clear();
                    self.import_error = Some(e);
                    self.focus_on("op-import-error".to_owned());
                    return Emit::Nothing;
                }
            },
        }
        self.finish(&before, emit)
    }

    fn finish(&self, before: &Before, emit: Emit) -> Emit {
        let same = match before {
            Before::Json(json) => to_json(self.state.plan()) == *json,
            Before::Generation(g) => self.state.generation() == *g,
        };
        if same { Emit::Nothing } else { emit }
    }
}

/// How [`PlanScreen::apply`] tells whether the plan changed.
enum Before {
    Json(String),
    Generation(u64),
}

/// The DOM id an operation's focus goes to.
fn focus_id(focus: &Focus) -> String {
    match focus {
        Focus::Block(id) => format!("op-b-{id}"),
        Focus::Item { block, item } => format!("op-i-{block}-{item}"),
        Focus::AddTo(None) => "op-add-top".to_owned(),
        Focus::AddTo(Some(s)) => format!("op-add-{s}"),
        Focus::AddItem { block, field } => format!("op-b-{block}-add-{field}"),
        Focus::Title => "op-title".to_owned(),
        Focus::Review(id) => format!("op-r-{id}-date"),
        Focus::AddReview => "op-add-review".to_owned(),
    }
}

/// The first control of a new block, for focus after adding it.
fn first_control(id: &str, kind: Kind) -> String {
    match kind.fields().first() {
        Some(f) if f.ty == FieldType::Items => format!("op-b-{id}-add-{}", f.name),
        Some(f) => format!("op-f-{id}-{}", f.name),
        None => format!("op-b-{id}"),
    }
}

/// Properties of [`PlanView`].
#[derive(Properties, Clone)]
pub struct PlanViewProps {
    /// The screen. The owner changes it in response to actions, then bumps `revision`.
    pub screen: Rc<RefCell<PlanScreen>>,
    /// Changes whenever `screen` has changed.
    pub revision: u64,
    /// The plan can be read but not changed.
    #[prop_or_default]
    pub readonly: bool,
    /// Everything is disabled.
    #[prop_or_default]
    pub disabled: bool,
    /// The page is being printed: the plan is drawn as a document beside the builder, for the
    /// printed copy only (see `plan_read`).
    #[prop_or_default]
    pub printing: bool,
    /// Receives every action.
    pub on_action: Callback<PlanAction>,
}

impl PartialEq for PlanViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.screen, &other.screen)
            && self.revision == other.revision
            && self.readonly == other.readonly
            && self.disabled == other.disabled
            && self.printing == other.printing
            && self.on_action == other.on_action
    }
}

/// What every part of the view needs: the language, whether it can be changed, and where
/// actions go. Cheap to compare, so block components can skip drawing when nothing changed.
#[derive(Clone, PartialEq)]
struct Env {
    lang: Lang,
    editable: bool,
    disabled: bool,
    on: Callback<PlanAction>,
}

impl Env {
    fn t(&self, key: &str) -> String {
        t(self.lang, key, &[])
    }
    fn ta(&self, key: &str, args: &[(&str, &str)]) -> String {
        t(self.lang, key, args)
    }
    fn click(&self, action: PlanAction) -> Callback<MouseEvent> {
        let on = self.on.clone();
        Callback::from(move |_: MouseEvent| on.emit(action.clone()))
    }
    /// A text box's `input` and `change` handlers: each keystroke is `make(text)`; a `change`
    /// is `make(text)` again, then the commit. A change may come with no input before it
    /// (autofill, password managers, assistive tools, WebDriver's `clear()`): it is the person's
    /// edit all the same, so the box and the plan never disagree.
    fn typed(
        &self,
        make: impl Fn(String) -> PlanAction + 'static,
    ) -> (Callback<InputEvent>, Callback<Event>) {
        let make = Rc::new(make);
        let on = self.on.clone();
        let each = make.clone();
        let oninput = Callback::from(move |e: InputEvent| on.emit(each(target_value(&e))));
        let on = self.on.clone();
        let onchange = Callback::from(move |e: Event| {
            on.emit(make(target_value(&e)));
            on.emit(PlanAction::Commit);
        });
        (oninput, onchange)
    }
}

/// The whole screen, for the parts outside the blocks (title, panels, reviews, files).
struct Cx<'a> {
    screen: &'a PlanScreen,
    env: Env,
}

impl std::ops::Deref for Cx<'_> {
    type Target = Env;
    fn deref(&self) -> &Env {
        &self.env
    }
}

/// What blocks need from the screen beyond their own content, worked out once per change of the
/// screen: which moves each block offers, cost boxes holding text that is not (yet) an amount,
/// the outcomes a budget line can link to, and where an "add here" control is open.
#[derive(Default)]
struct Shared {
    moves: HashMap<String, Moves>,
    cost: HashMap<String, (String, Option<Error>)>,
    outcomes: Vec<(String, String)>,
    adding_after: Option<String>,
}

impl Shared {
    fn new(screen: &PlanScreen, env: &Env) -> Shared {
        let state = &screen.state;
        let mut moves = HashMap::new();
        let mut outcome_list = Vec::new();
        walk(&state.plan().blocks, &mut |b| {
            moves.insert(b.id.clone(), state.moves(&b.id).unwrap_or_default());
            if b.kind() == Kind::Outcome {
                outcome_list.push((b.id.clone(), display_name(env, b)));
            }
        });
        Shared {
            moves,
            cost: screen.cost_typed.clone(),
            outcomes: outcome_list,
            adding_after: screen.adding_after.clone(),
        }
    }

    /// Whether `self` and `other` say the same about `id`.
    fn same_for(&self, other: &Shared, id: &str) -> bool {
        self.moves.get(id) == other.moves.get(id)
            && self.cost.get(id) == other.cost.get(id)
            && (self.adding_after.as_deref() == Some(id))
                == (other.adding_after.as_deref() == Some(id))
    }
}

/// Visits every block, sections' blocks included, in document order.
fn walk<'a>(blocks: &'a [Block], visit: &mut impl FnMut(&'a Block)) {
    for b in blocks {
        visit(b);
        walk(b.body.children(), visit);
    }
}

/// Properties of one block's component.
#[derive(Properties)]
struct BlockProps {
    block: Block,
    env: Env,
    shared: Rc<Shared>,
}

impl PartialEq for BlockProps {
    /// Equal when nothing this block (and, for a section, anything inside it) draws has changed,
    /// so typing in one block of 500 redraws one block.
    fn eq(&self, other: &Self) -> bool {
        if self.block != other.block || self.env != other.env {
            return false;
        }
        if Rc::ptr_eq(&self.shared, &other.shared) {
            return true;
        }
        let mut same = self.shared.same_for(&other.shared, &self.block.id);
        let mut links = false;
        walk(self.block.body.children(), &mut |b| {
            same = same && self.shared.same_for(&other.shared, &b.id);
            links = links || b.kind() == Kind::BudgetLine;
        });
        if links || self.block.kind() == Kind::BudgetLine {
            same = same && self.shared.outcomes == other.shared.outcomes;
        }
        same
    }
}

/// A block inside a component's drawing: its environment and the shared facts.
struct Bx<'a> {
    env: &'a Env,
    shared: &'a Rc<Shared>,
}

impl std::ops::Deref for Bx<'_> {
    type Target = Env;
    fn deref(&self) -> &Env {
        self.env
    }
}

/// The value of the input, textarea or select an event came from.
fn target_value(e: &Event) -> String {
    let Some(target) = e.target() else {
        return String::new();
    };
    if let Some(el) = target.dyn_ref::<HtmlInputElement>() {
        el.value()
    } else if let Some(el) = target.dyn_ref::<HtmlTextAreaElement>() {
        el.value()
    } else if let Some(el) = target.dyn_ref::<HtmlSelectElement>() {
        el.value()
    } else {
        String::new()
    }
}

fn target_checked(e: &Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// The element with `id` in the same root (shadow root or document) as `near`.
fn by_id(near: &Element, id: &str) -> Option<Element> {
    let root = near.get_root_node();
    if let Some(shadow) = root.dyn_ref::<web_sys::ShadowRoot>() {
        shadow.get_element_by_id(id)
    } else if let Some(doc) = root.dyn_ref::<web_sys::Document>() {
        doc.get_element_by_id(id)
    } else {
        None
    }
}

/// Moves focus to `el` without the browser laying out the page there and then to scroll to it
/// (at 500 blocks that forced layout cost more than the change itself); the element is brought
/// into view just before the next frame, when the page is laid out anyway.
///
/// An element that still has focus is not focused again: the element's JS half moves blocks
/// with `moveBefore` where the browser has it, so the pressed button keeps focus through a move,
/// and focusing it again would only force a layout of the changed list.
fn focus_calmly(el: &HtmlElement) {
    let focused = el
        .get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .ok()
        .and_then(|r| r.active_element())
        .or_else(|| el.owner_document().and_then(|d| d.active_element()));
    if focused.as_ref() != Some(el.as_ref()) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let el = el.clone();
    let scroll = Closure::once_into_js(move || {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    });
    let _ = window.request_animation_frame(scroll.unchecked_ref());
}

/// Undo and redo from the keyboard, anywhere in the builder: Ctrl+Z (Cmd+Z), and Ctrl+Y or
/// Ctrl+Shift+Z. The plan's own history is used in text boxes too, so one undo takes back a run
/// of typing, as the Undo button does.
fn undo_keys(on: Callback<PlanAction>, editable: bool) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if !editable || !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
            return;
        }
        let action = match (e.key().to_lowercase().as_str(), e.shift_key()) {
            ("z", false) => PlanAction::Undo,
            ("z", true) | ("y", false) => PlanAction::Redo,
            _ => return,
        };
        e.prevent_default();
        on.emit(action);
    })
}

/// Draws the plan builder.
#[function_component(PlanView)]
pub fn plan_view(props: &PlanViewProps) -> Html {
    let root_ref = use_node_ref();
    let (focus_seq, focus_target) = {
        let s = props.screen.borrow();
        (s.focus_seq, s.focus.clone())
    };
    {
        let root_ref = root_ref.clone();
        use_effect_with(focus_seq, move |_| {
            if let (Some(id), Some(root)) = (focus_target, root_ref.cast::<Element>()) {
                let find = move || by_id(&root, &id).and_then(|e| e.dyn_into::<HtmlElement>().ok());
                match find() {
                    Some(el) => focus_calmly(&el),
                    // Not drawn yet (a part of the builder that renders on its own): once more
                    // in the next frame, so focus is not silently left behind.
                    None => {
                        if let Some(window) = web_sys::window() {
                            let again = Closure::once_into_js(move || {
                                if let Some(el) = find() {
                                    focus_calmly(&el);
                                }
                            });
                            let _ = window.request_animation_frame(again.unchecked_ref());
                        }
                    }
                }
            }
        });
    }
    let screen = props.screen.borrow();
    let lang = screen.lang;
    let env = Env {
        lang,
        editable: !(props.readonly || props.disabled),
        disabled: props.disabled,
        on: props.on_action.clone(),
    };
    let shared = Rc::new(Shared::new(&screen, &env));
    let cx = Cx {
        screen: &screen,
        env: env.clone(),
    };
    let plan = screen.state.plan();
    let choosing = !screen.started && plan.blocks.is_empty() && cx.editable;
    let announcement = screen
        .announce
        .as_ref()
        .map(|m| m.render(lang))
        .unwrap_or_default();
    // The same words twice in a row are announced again when they differ by a trailing space.
    let announcement = if screen.announce_seq % 2 == 1 {
        format!("{announcement}\u{a0}")
    } else {
        announcement
    };
    // Read-only: the person's document, not a greyed-out form (and the same when printed).
    if props.readonly && !props.disabled {
        return html! {
            <div class="op-plan op-plan--read" lang={lang.tag()} part="plan" ref={root_ref}>
                { crate::plan_read::read_back(&screen.state, lang, "") }
                { files(&cx, &props.screen) }
            </div>
        };
    }
    let onkeydown = undo_keys(env.on.clone(), env.editable);
    html! {
        <div class="op-plan" lang={lang.tag()} part="plan" ref={root_ref} {onkeydown}>
            // While printing, the printed copy is the plan as a document; the builder stays as it
            // was on screen, focus and all.
            if props.printing {
                <div class="op-plan-print">{ crate::plan_read::read_back(&screen.state, lang, "op-print-") }</div>
            }
            if choosing {
                { starters(&cx) }
            } else {
                { toolbar(&cx) }
                <div class="op-plan__layout">
                    <div class="op-plan__main">
                        { title(&cx) }
                        <ol class="op-plan__blocks" part="blocks">
                            { for plan.blocks.iter().map(|b| html! {
                                <BlockView key={b.id.clone()} block={b.clone()} env={env.clone()} shared={shared.clone()} />
                            }) }
                        </ol>
                        if plan.blocks.is_empty() {
                            <p class="op-body op-hint">{ cx.t("plan.ui.empty") }</p>
                        }
                        if cx.editable { { add_control(&env, None, "") } }
                    </div>
                    <div class="op-plan__side">
                        { budget_panel(&cx) }
                        { signoff_panel(&cx) }
                        { checks_panel(&cx) }
                    </div>
                </div>
                { reviews(&cx) }
            }
            { files(&cx, &props.screen) }
            <div class="op-visually-hidden" role="status" aria-live="polite">{ announcement }</div>
        </div>
    }
}

fn starters(cx: &Cx<'_>) -> Html {
    html! {
        <section class="op-plan-start" aria-labelledby="op-start-title" part="starters">
            <h2 class="op-heading-l" id="op-start-title">{ cx.t("plan.ui.start.title") }</h2>
            <p class="op-body">{ cx.t("plan.ui.start.hint") }</p>
            <button type="button" class="op-button op-button--start" id="op-start-blank" onclick={cx.click(PlanAction::Start(None))}>
                { cx.t("plan.ui.start.blank") }
            </button>
            <h3 class="op-heading-m">{ cx.t("plan.ui.start.or") }</h3>
            <ul class="op-plan-start__list">
                { for cx.screen.templates().into_iter().enumerate().map(|(i, tpl)| {
                    let title = tpl.title.get(cx.lang).to_owned();
                    html! {
                        <li class="op-plan-start__item" key={tpl.id.clone()}>
                            <h4 class="op-heading-s">{ title.clone() }</h4>
                            <p class="op-body">{ tpl.description.get(cx.lang).to_owned() }</p>
                            <button type="button" class="op-button op-button--secondary" id={format!("op-start-{}", tpl.id)}
                                onclick={cx.click(PlanAction::Start(Some(i)))}>
                                { cx.ta("plan.ui.start.template", &[("template", &title)]) }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

fn toolbar(cx: &Cx<'_>) -> Html {
    if !cx.editable {
        return html! {};
    }
    html! {
        <div class="op-plan-toolbar" part="toolbar">
            <button type="button" class="op-button op-button--secondary" id="op-undo" onclick={cx.click(PlanAction::Undo)}
                aria-keyshortcuts="Control+Z Meta+Z">{ cx.t("plan.ui.undo") }</button>
            <button type="button" class="op-button op-button--secondary" id="op-redo" onclick={cx.click(PlanAction::Redo)}
                aria-keyshortcuts="Control+Y Control+Shift+Z Meta+Shift+Z">{ cx.t("plan.ui.redo") }</button>
            <p class="op-hint op-plan-toolbar__keys">{ cx.t("plan.ui.keys") }</p>
        </div>
    }
}

fn title(cx: &Cx<'_>) -> Html {
    let (oninput, onchange) = cx.typed(PlanAction::SetTitle);
    html! {
        <div class="op-form-group">
            <label class="op-label op-plan__title-label" for="op-title">{ cx.t("plan.ui.title") }</label>
            <input class="op-input op-plan__title" id="op-title" type="text" part="input"
                value={cx.screen.state.plan().title.clone()} {oninput} {onchange}
                readonly={!cx.editable && !cx.disabled} disabled={cx.disabled} />
        </div>
    }
}

fn display_name(env: &Env, block: &Block) -> String {
    let name = block.body.name();
    let name: String = name.lines().next().unwrap_or("").chars().take(40).collect();
    if name.is_empty() {
        env.t(block.kind().label())
    } else {
        name
    }
}

/// One block, drawn again only when its props change (see [`BlockProps`]'s equality).
#[function_component(BlockView)]
fn block_view(props: &BlockProps) -> Html {
    let bx = Bx {
        env: &props.env,
        shared: &props.shared,
    };
    let block = &props.block;
    let id = block.id.clone();
    let kind = block.kind();
    let moves = bx.shared.moves.get(&id).copied().unwrap_or_default();
    let name = display_name(bx.env, block);
    let hidden = |text: String| {
        html! { <span class="op-visually-hidden">{" "}{ text }</span> }
    };
    let tool = |how: Move, key: &str| {
        html! {
            <button type="button" class="op-button op-button--secondary op-button--small" id={format!("op-b-{id}-{}", how.suffix())}
                onclick={bx.click(PlanAction::Move { id: id.clone(), how })}>
                { bx.t(key) }{ hidden(name.clone()) }
            </button>
        }
    };
    let heading_id = format!("op-b-{id}-h");
    let onkeydown = {
        let on = bx.on.clone();
        let id = id.clone();
        let editable = bx.editable;
        Callback::from(move |e: KeyboardEvent| {
            let up = match e.key().as_str() {
                "ArrowUp" => true,
                "ArrowDown" => false,
                _ => return,
            };
            if !editable || !e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            // The innermost block moves; the sections around it leave the key alone.
            e.prevent_default();
            e.stop_propagation();
            let focus = e
                .target_dyn_into::<Element>()
                .map(|t| t.id())
                .unwrap_or_default();
            on.emit(PlanAction::MoveByKey {
                id: id.clone(),
                up,
                focus,
            });
        })
    };
    let adding_here = bx.shared.adding_after.as_deref() == Some(id.as_str());
    // The block's own fields are one group in a form, named by the block; a section's blocks
    // follow, outside it (forms do not nest).
    let (inner, own): (Vec<&Field>, Vec<&Field>) = kind
        .fields()
        .iter()
        .partition(|f| f.ty == FieldType::Children);
    html! {
        <>
        <li class={classes!("op-plan-block", (kind == Kind::Section).then_some("op-plan-block--section"))}
            id={format!("op-b-{id}")} tabindex="-1" part="block" data-kind={kind.as_str()} {onkeydown}>
            <h3 class="op-plan-block__kind" id={heading_id}>{ bx.t(kind.label()) }</h3>
            if kind == Kind::Unknown {
                <p class="op-hint">{ bx.t("plan.ui.unknown.hint") }</p>
            }
            <form class="op-plan-block__fields" onsubmit={no_submit()}>
                // Named by the block, so "Item 1" or "What I want" in one block is told apart
                // from the same field in the next when a screen reader enters the group.
                <div role="group" aria-label={name.clone()}>
                    { for own.iter().map(|f| field_view(&bx, block, f.name, f.ty, f.label)) }
                </div>
            </form>
            { for inner.iter().map(|f| field_view(&bx, block, f.name, f.ty, f.label)) }
            if bx.editable {
                <div class="op-plan-block__tools" part="block-tools">
                    if moves.up { { tool(Move::Up, "plan.ui.move.up") } }
                    if moves.down { { tool(Move::Down, "plan.ui.move.down") } }
                    if moves.into { { tool(Move::Into, "plan.ui.move.into") } }
                    if moves.out { { tool(Move::Out, "plan.ui.move.out") } }
                    if !adding_here {
                        <button type="button" class="op-button op-button--secondary op-button--small" id={format!("op-b-{id}-add-below")}
                            aria-expanded="false" onclick={bx.click(PlanAction::OpenAddAfter(id.clone()))}>
                            { bx.t("plan.ui.add.below") }{ hidden(name.clone()) }
                        </button>
                    }
                    <button type="button" class="op-button op-button--warning op-button--small" id={format!("op-b-{id}-remove")}
                        onclick={bx.click(PlanAction::Remove(id.clone()))}>
                        { bx.t("plan.ui.remove") }{ hidden(name.clone()) }
                    </button>
                </div>
            }
        </li>
        if adding_here && bx.editable {
            <li class="op-plan-add-here" part="add-here">
                { add_here(bx.env, &id, &name) }
            </li>
        }
        </>
    }
}

/// The submit handler of each block's small form of fields. Chromium's form filling reads every
/// control outside a form on the page each time a field gets focus (13-24 ms at 500 blocks),
/// but only the focused field's form when it has one: 3.3 ms with the fields of each block in a
/// form. Only the fields: every form costs when the page is drawn (forms around the tools and
/// add controls too made a 500-block plan take 1.1 s to draw instead of 0.68). No submit
/// button; Enter in a lone text box would submit the form and reload the page: never.
fn no_submit() -> Callback<SubmitEvent> {
    Callback::from(|e: SubmitEvent| e.prevent_default())
}

/// Past this many options a select draws only its chosen one until someone reaches for it.
const LAZY_OPTIONS: usize = 8;

#[derive(Properties, PartialEq)]
struct ChoiceProps {
    id: String,
    options: Rc<Vec<(String, String)>>,
    current: String,
    onchange: Callback<Event>,
    disabled: bool,
}

/// A select of a block's field. A long one (a budget line's linked outcome, with one option per
/// outcome in the plan) draws only the chosen option until the pointer comes near it or it gets
/// focus: Chromium restyles every option of every select whenever a block moves, so 250 budget
/// lines with 60 outcomes each made a move cost 9 ms more. The full list is drawn in the
/// microtask after the first pointer, focus or key event, before the browser opens the list or
/// acts on a key, so people and assistive technology always meet the whole list.
#[function_component(Choice)]
fn choice(props: &ChoiceProps) -> Html {
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

/// The choice of block kinds in an add control.
fn kind_select(env: &Env, id: String) -> Html {
    html! {
        <select class="op-select" {id}>
            { for Kind::ALL.iter().map(|k| html! { <option value={k.as_str()} selected={*k == Kind::Text}>{ env.t(k.label()) }</option> }) }
        </select>
    }
}

/// An add button's click: the kind chosen in the select `select_id`, made into an action.
fn add_chosen(
    env: &Env,
    select_id: &str,
    action: impl Fn(Kind) -> PlanAction + 'static,
) -> Callback<MouseEvent> {
    let on = env.on.clone();
    let select_id = select_id.to_owned();
    Callback::from(move |e: MouseEvent| {
        let kind = e
            .target_dyn_into::<Element>()
            .and_then(|target| by_id(&target, &select_id))
            .and_then(|s| s.dyn_into::<HtmlSelectElement>().ok())
            .and_then(|s| Kind::from_name(&s.value()));
        if let Some(kind) = kind {
            on.emit(action(kind));
        }
    })
}

/// The "add a block here" control that opens below a block.
fn add_here(env: &Env, after: &str, name: &str) -> Html {
    let base = format!("op-add-after-{after}");
    let select_id = format!("{base}-kind");
    let after_owned = after.to_owned();
    let onclick = add_chosen(env, &select_id, move |kind| PlanAction::AddAfter {
        kind,
        after: after_owned.clone(),
    });
    let onkeydown = {
        let on = env.on.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                e.stop_propagation();
                on.emit(PlanAction::CloseAdd);
            }
        })
    };
    html! {
        <div class="op-plan-add op-plan-add--here" {onkeydown}>
            <label class="op-label" for={select_id.clone()}>{ env.ta("plan.ui.add.label_after", &[("name", name)]) }</label>
            <div class="op-plan-add__row">
                { kind_select(env, select_id) }
                <button type="button" class="op-button" id={base.clone()} aria-label={env.ta("plan.ui.add.label_after", &[("name", name)])} {onclick}>
                    { env.t("plan.ui.add.button") }
                </button>
                <button type="button" class="op-button op-button--secondary" id={format!("{base}-cancel")}
                    onclick={env.click(PlanAction::CloseAdd)}>{ env.t("plan.ui.add.cancel") }</button>
            </div>
        </div>
    }
}

fn long_text(kind: Kind, field: &str) -> bool {
    matches!(kind, Kind::Text | Kind::WhatMatters)
        || matches!(field, "howTheyHelp" | "howIWillKnow" | "value")
}

fn field_view(cx: &Bx<'_>, block: &Block, field: &'static str, ty: FieldType, label: &str) -> Html {
    let id = block.id.clone();
    let kind = block.kind();
    let control_id = format!("op-f-{id}-{field}");
    let label_text = cx.t(label);
    let ro = !cx.editable && !cx.disabled;
    match ty {
        FieldType::Text => {
            let value = block.body.text(field).unwrap_or("").to_owned();
            let bid = id.clone();
            let (oninput, onchange) = cx.typed(move |text| PlanAction::SetText {
                id: bid.clone(),
                field,
                text,
            });
            html! {
                <div class="op-form-group">
                    <label class="op-label" for={control_id.clone()}>{ label_text }</label>
                    if long_text(kind, field) {
                        <textarea class="op-textarea" id={control_id} rows="3" part="textarea" value={value}
                            {oninput} {onchange} readonly={ro} disabled={cx.disabled} />
                    } else {
                        <input class="op-input" id={control_id} type="text" part="input" value={value}
                            {oninput} {onchange} readonly={ro} disabled={cx.disabled} />
                    }
                </div>
            }
        }
        FieldType::Pence => {
            let stored = block.body.get(field).and_then(|v| v.as_u64()).unwrap_or(0);
            let (text, problem) = match cx.shared.cost.get(&id) {
                Some((text, problem)) => (text.clone(), problem.as_ref()),
                None => (
                    format_pence(i128::from(stored))
                        .trim_start_matches('£')
                        .to_owned(),
                    None,
                ),
            };
            let bid = id.clone();
            let (oninput, onchange) = cx.typed(move |text| PlanAction::SetCost {
                id: bid.clone(),
                text,
            });
            let hint_id = format!("{control_id}-hint");
            let error_id = format!("{control_id}-error");
            let described = match problem {
                Some(_) => format!("{hint_id} {error_id}"),
                None => hint_id.clone(),
            };
            html! {
                <div class={classes!("op-form-group", problem.map(|_| "op-form-group--error"))}>
                    <label class="op-label" for={control_id.clone()}>{ label_text }</label>
                    <p class="op-hint" id={hint_id}>{ cx.t("plan.ui.cost.hint") }</p>
                    if let Some(p) = problem {
                        <p class="op-error-message" id={error_id}>
                            <span class="op-visually-hidden">{ cx.t("plan.ui.error_prefix") }{" "}</span>{ p.person_message(cx.lang) }
                        </p>
                    }
                    <div class="op-plan-money">
                        <span class="op-plan-money__prefix" aria-hidden="true">{ "£" }</span>
                        <input class={classes!("op-input", "op-plan-money__input", problem.map(|_| "op-input--error"))}
                            id={control_id} type="text" inputmode="decimal" spellcheck="false" part="input"
                            value={text} aria-describedby={described} {oninput} {onchange}
                            readonly={ro} disabled={cx.disabled} />
                    </div>
                </div>
            }
        }
        FieldType::Frequency | FieldType::PaidFrom | FieldType::BlockRef => {
            let current = match block.body.get(field) {
                Some(Value::String(s)) => s,
                _ => String::new(),
            };
            let options: Vec<(String, String)> = match ty {
                FieldType::Frequency => Frequency::ALL
                    .iter()
                    .map(|f| (f.as_str().to_owned(), cx.t(f.label())))
                    .collect(),
                FieldType::PaidFrom => PaidFrom::ALL
                    .iter()
                    .map(|f| (f.as_str().to_owned(), cx.t(f.label())))
                    .collect(),
                _ => {
                    let mut list = vec![(String::new(), cx.t("plan.ui.outcome.none"))];
                    list.extend(cx.shared.outcomes.iter().cloned());
                    list
                }
            };
            let on = cx.on.clone();
            let bid = id.clone();
            let onchange = Callback::from(move |e: Event| {
                on.emit(PlanAction::SetChoice {
                    id: bid.clone(),
                    field,
                    value: target_value(&e),
                })
            });
            html! {
                <div class="op-form-group">
                    <label class="op-label" for={control_id.clone()}>{ label_text }</label>
                    <Choice id={control_id} options={Rc::new(options)} {current} {onchange} disabled={!cx.editable} />
                </div>
            }
        }
        FieldType::Bool => {
            let on_now = matches!(block.body.get(field), Some(Value::Bool(true)));
            let on = cx.on.clone();
            let bid = id.clone();
            let onchange = Callback::from(move |e: Event| {
                on.emit(PlanAction::SetBool {
                    id: bid.clone(),
                    field,
                    on: target_checked(&e),
                })
            });
            html! {
                <div class="op-form-group op-checkboxes__item">
                    <input class="op-checkboxes__input" id={control_id.clone()} type="checkbox" part="checkbox"
                        checked={on_now} {onchange} disabled={!cx.editable} />
                    <label class="op-checkboxes__label" for={control_id}>{ label_text }</label>
                </div>
            }
        }
        FieldType::Items => items_view(cx, block, field, &label_text),
        FieldType::Children => {
            let children = block.body.children();
            let name = display_name(cx.env, block);
            html! {
                <div class="op-plan-section__body">
                    <p class="op-visually-hidden">{ label_text }</p>
                    <ol class="op-plan__blocks">
                        { for children.iter().map(|b| html! {
                            <BlockView key={b.id.clone()} block={b.clone()} env={cx.env.clone()} shared={cx.shared.clone()} />
                        }) }
                    </ol>
                    if cx.editable { { add_control(cx.env, Some(&id), &name) } }
                </div>
            }
        }
    }
}

fn items_view(cx: &Bx<'_>, block: &Block, field: &'static str, label: &str) -> Html {
    let bid = block.id.clone();
    let items = block.body.items(field).unwrap_or(&[]);
    let checklist = block.kind() == Kind::Checklist;
    let count = items.len();
    html! {
        <fieldset class="op-fieldset op-plan-items">
            <legend class="op-fieldset__legend op-fieldset__legend--s">{ label.to_owned() }</legend>
            <ul class="op-plan-items__list">
                { for items.iter().enumerate().map(|(n, item)| {
                    let iid = format!("op-i-{bid}-{}", item.id);
                    let number = (n + 1).to_string();
                    let item_label = cx.ta("plan.ui.item.label", &[("number", &number)]);
                    let (b, i) = (bid.clone(), item.id.clone());
                    let (oninput, onchange) = cx.typed(move |text| PlanAction::SetItem { block: b.clone(), item: i.clone(), text });
                    let on = cx.on.clone();
                    let (b, i) = (bid.clone(), item.id.clone());
                    let ondone = Callback::from(move |e: Event| on.emit(PlanAction::ItemDone { block: b.clone(), item: i.clone(), done: target_checked(&e) }));
                    let hidden = html! { <span class="op-visually-hidden">{" "}{ item_label.clone() }</span> };
                    html! {
                        <li class="op-plan-items__item" key={item.id.clone()}>
                            if checklist {
                                <span class="op-plan-items__done">
                                    <input class="op-checkboxes__input" type="checkbox" id={format!("{iid}-done")} checked={item.done == Some(true)}
                                        onchange={ondone} disabled={!cx.editable} />
                                    <label class="op-checkboxes__label" for={format!("{iid}-done")}>
                                        <span class="op-visually-hidden">{ cx.t("plan.ui.item.done") }{" "}{ item_label.clone() }</span>
                                    </label>
                                </span>
                            }
                            <label class="op-visually-hidden" for={iid.clone()}>{ item_label.clone() }</label>
                            <input class="op-input op-plan-items__text" id={iid.clone()} type="text" value={item.text.clone()}
                                {oninput} {onchange} readonly={!cx.editable && !cx.disabled} disabled={cx.disabled} />
                            if cx.editable {
                                if n > 0 {
                                    <button type="button" class="op-button op-button--secondary op-button--small" id={format!("{iid}-up")}
                                        onclick={cx.click(PlanAction::MoveItem { block: bid.clone(), item: item.id.clone(), up: true })}>
                                        { cx.t("plan.ui.item.up") }{ hidden.clone() }</button>
                                }
                                if n + 1 < count {
                                    <button type="button" class="op-button op-button--secondary op-button--small" id={format!("{iid}-down")}
                                        onclick={cx.click(PlanAction::MoveItem { block: bid.clone(), item: item.id.clone(), up: false })}>
                                        { cx.t("plan.ui.item.down") }{ hidden.clone() }</button>
                                }
                                <button type="button" class="op-button op-button--secondary op-button--small"
                                    onclick={cx.click(PlanAction::RemoveItem { block: bid.clone(), item: item.id.clone() })}>
                                    { cx.t("plan.ui.item.remove") }{ hidden }</button>
                            }
                        </li>
                    }
                }) }
            </ul>
            if cx.editable {
                <button type="button" class="op-button op-button--secondary op-button--small" id={format!("op-b-{bid}-add-{field}")}
                    onclick={cx.click(PlanAction::AddItem { block: bid.clone(), field })}>
                    { cx.t("plan.ui.item.add") }<span class="op-visually-hidden">{" "}{ label.to_owned() }</span>
                </button>
            }
        </fieldset>
    }
}

fn add_control(cx: &Env, parent: Option<&str>, section_name: &str) -> Html {
    let base = match parent {
        Some(id) => format!("op-add-{id}"),
        None => "op-add-top".to_owned(),
    };
    let select_id = format!("{base}-kind");
    let parent_owned = parent.map(str::to_owned);
    let onclick = add_chosen(cx, &select_id, move |kind| PlanAction::Add {
        kind,
        parent: parent_owned.clone(),
    });
    let label = match parent {
        Some(_) => cx.ta("plan.ui.add.label_in", &[("section", section_name)]),
        None => cx.t("plan.ui.add.label"),
    };
    html! {
        <div class={classes!("op-plan-add", parent.map(|_| "op-plan-add--section"))} part="add">
            <label class="op-label" for={select_id.clone()}>{ label.clone() }</label>
            <div class="op-plan-add__row">
                { kind_select(cx, select_id) }
                // Every add button says where it adds: "Add to ‘Mornings’", not just "Add".
                <button type="button" class="op-button" id={base} aria-label={label.clone()} {onclick}>
                    { cx.t("plan.ui.add.button") }
                </button>
            </div>
        </div>
    }
}

fn amount_per(pence: i128, period: Period) -> Message {
    let key = match period {
        Period::Week => "plan.budget.amount.week",
        Period::Month => "plan.budget.amount.month",
        Period::Year => "plan.budget.amount.year",
    };
    Message::new(key).text("amount", format_pence(pence))
}

fn budget_panel(cx: &Cx<'_>) -> Html {
    let plan = cx.screen.state.plan();
    let Ok(totals) = totals(plan) else {
        return html! {
            <section class="op-plan-panel" aria-labelledby="op-budget-title" part="budget">
                <h2 class="op-heading-m" id="op-budget-title">{ cx.t("plan.ui.budget.title") }</h2>
                <p class="op-body">{ cx.t("plan.money.too_large") }</p>
            </section>
        };
    };
    let indicative = plan.budget.indicative.as_ref();
    let period = indicative.map_or(Period::Week, |i| i.period);
    let spending = match period {
        Period::Week => totals.weekly,
        Period::Month => totals.monthly,
        Period::Year => totals.yearly,
    };
    let r = |m: Message| m.render(cx.lang);
    let balance = balance(plan).ok().flatten();
    let over = matches!(balance, Some(Balance::Over { .. }));
    html! {
        <section class="op-plan-panel op-plan-budget" aria-labelledby="op-budget-title" part="budget">
            <h2 class="op-heading-m" id="op-budget-title">{ cx.t("plan.ui.budget.title") }</h2>
            <dl class="op-plan-budget__figures">
                <div class="op-plan-budget__row">
                    <dt>{ cx.t("plan.export.indicative") }</dt>
                    <dd id="op-budget-indicative">{ match indicative {
                        Some(i) => r(amount_per(i128::from(i.amount_pence), i.period)),
                        None => cx.t("plan.ui.budget.none"),
                    } }</dd>
                </div>
                <div class="op-plan-budget__row">
                    <dt>{ cx.t("plan.export.regular") }</dt>
                    <dd id="op-budget-spending">{ r(amount_per(spending, period)) }</dd>
                </div>
                if totals.one_off > 0 {
                    <div class="op-plan-budget__row">
                        <dt>{ cx.t("plan.export.one_off") }</dt>
                        <dd>{ format_pence(totals.one_off) }</dd>
                    </div>
                }
                if totals.own_yearly > 0 || totals.own_one_off > 0 {
                    <div class="op-plan-budget__row">
                        <dt>{ cx.t("plan.export.own_money") }</dt>
                        <dd>{ r(amount_per(totals.own_weekly, Period::Week)) }</dd>
                    </div>
                }
            </dl>
            if let Some(b) = balance {
                <p class={classes!("op-plan-budget__balance", over.then_some("op-plan-budget__balance--over"))} id="op-budget-balance">
                    { r(b.message()) }
                </p>
                if over {
                    <p class="op-hint">{ cx.t("plan.ui.budget.over_hint") }</p>
                }
            }
        </section>
    }
}

fn signoff_panel(cx: &Cx<'_>) -> Html {
    let state = &cx.screen.state;
    let plan = state.plan();
    let signed = plan.signoff.as_ref().map(|s| {
        let day = s.at.get(..10).unwrap_or(&s.at);
        let when = format::date(cx.lang, day).unwrap_or_else(|| day.to_owned());
        let text = if s.role.is_empty() {
            cx.ta("plan.ui.signoff.done", &[("name", &s.name), ("at", &when)])
        } else {
            cx.ta(
                "plan.ui.signoff.done_role",
                &[("name", &s.name), ("role", &s.role), ("at", &when)],
            )
        };
        let changed = state.changed_since_signoff() == Some(true);
        html! {
            <div class="op-plan-signoff__status" id="op-signoff-status" tabindex="-1">
                <p class="op-body op-plan-signoff__done">{ text }</p>
                if changed {
                    <p class="op-body op-plan-signoff__changed">{ cx.t("plan.ui.signoff.changed") }</p>
                }
            </div>
        }
    });
    let (Some(rules), Some(who)) = (&cx.screen.rules, &cx.screen.practitioner) else {
        return match signed {
            Some(s) => html! {
                <section class="op-plan-panel" aria-labelledby="op-signoff-title" part="signoff">
                    <h2 class="op-heading-m" id="op-signoff-title">{ cx.t("plan.ui.signoff.title") }</h2>
                    { s }
                </section>
            },
            None => html! {},
        };
    };
    // Signed off and unchanged since: the record of it, and no verdict or button. After a change
    // (marking the plan complex included) they come back, to sign the plan as it now stands.
    let current = plan.signoff.is_some() && state.changed_since_signoff() == Some(false);
    let verdict = state.evaluate(rules);
    let on = cx.on.clone();
    let oncomplex =
        Callback::from(move |e: Event| on.emit(PlanAction::SetComplex(target_checked(&e))));
    html! {
        <section class="op-plan-panel op-plan-signoff" aria-labelledby="op-signoff-title" part="signoff">
            <h2 class="op-heading-m" id="op-signoff-title">{ cx.t("plan.ui.signoff.title") }</h2>
            { signed.unwrap_or_default() }
            <div class="op-form-group op-checkboxes__item">
                <input class="op-checkboxes__input" id="op-complex" type="checkbox" checked={plan.complex}
                    onchange={oncomplex} disabled={cx.disabled} />
                <label class="op-checkboxes__label" for="op-complex">{ cx.t("plan.ui.signoff.complex") }</label>
            </div>
            if !current {
            { match verdict {
                Ok(Verdict::Within) => html! {
                    <>
                        <p class="op-body op-plan-signoff__can" id="op-signoff-verdict">{ cx.t("plan.ui.signoff.can") }</p>
                        <button type="button" class="op-button op-button--start" id="op-signoff" disabled={cx.disabled}
                            onclick={cx.click(PlanAction::SignOff)}>
                            { cx.ta("plan.ui.signoff.button", &[("name", &who.name)]) }
                        </button>
                    </>
                },
                Ok(Verdict::NeedsSecondLook(reasons)) => html! {
                    <div class="op-plan-signoff__second" id="op-signoff-verdict">
                        <p class="op-body op-plan-signoff__title">{ cx.t("plan.ui.signoff.second_look") }</p>
                        <p class="op-body">{ tn(cx.lang, "plan.signoff.needs_second_look", reasons.len() as u64, &[("count", &reasons.len().to_string())]) }</p>
                        <ul class="op-plan-list" id="op-signoff-reasons">
                            { for reasons.iter().map(|m| html! { <li>{ m.render(cx.lang) }</li> }) }
                        </ul>
                    </div>
                },
                Err(e) => html! { <p class="op-body">{ e.person_message(cx.lang) }</p> },
            } }
            }
        </section>
    }
}

fn checks_panel(cx: &Cx<'_>) -> Html {
    let Some(law) = cx.screen.law else {
        return html! {};
    };
    let list = suggestions(cx.screen.state.plan(), law);
    html! {
        <section class="op-plan-panel op-plan-checks" aria-labelledby="op-checks-title" part="checks">
            <h2 class="op-heading-m" id="op-checks-title">{ cx.t("plan.ui.checks.title") }</h2>
            if list.is_empty() {
                <p class="op-body">{ cx.t("plan.ui.checks.none") }</p>
            } else {
                <p class="op-hint">{ cx.t("plan.ui.checks.hint") }</p>
                <ul class="op-plan-list" id="op-checks-list">
                    { for list.iter().map(|s| html! {
                        <li key={s.rule}>
                            { s.message.render(cx.lang) }
                            <span class="op-plan-checks__cite">{ s.cite.render(cx.lang) }</span>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}

fn reviews(cx: &Cx<'_>) -> Html {
    let plan = cx.screen.state.plan();
    let last = plan
        .reviews
        .iter()
        .map(|r| r.date.as_str())
        .filter(|d| !d.is_empty())
        .max();
    let review_field = |rid: &str, field: &'static str, value: &str, long: bool| {
        let control_id = format!("op-r-{rid}-{field}");
        let id = rid.to_owned();
        let (oninput, onchange) = cx.typed(move |text| PlanAction::SetReview {
            id: id.clone(),
            field,
            text,
        });
        let on = cx.on.clone();
        let id = rid.to_owned();
        // A date box reports its value on change (part-typed dates are empty).
        let ondate = Callback::from(move |e: Event| {
            on.emit(PlanAction::SetReview {
                id: id.clone(),
                field,
                text: target_value(&e),
            })
        });
        let label = cx.t(&format!("plan.review.{field}"));
        let ro = !cx.editable && !cx.disabled;
        html! {
            <div class="op-form-group">
                <label class="op-label" for={control_id.clone()}>{ label }</label>
                if field == "date" {
                    <input class="op-input op-plan-review__date" id={control_id} type="date" value={value.to_owned()}
                        onchange={ondate} readonly={ro} disabled={cx.disabled} />
                } else if long {
                    <textarea class="op-textarea" id={control_id} rows="2" value={value.to_owned()}
                        {oninput} onchange={onchange.clone()} readonly={ro} disabled={cx.disabled} />
                } else {
                    <input class="op-input" id={control_id} type="text" value={value.to_owned()}
                        {oninput} onchange={onchange.clone()} readonly={ro} disabled={cx.disabled} />
                }
            </div>
        }
    };
    html! {
        <section class="op-plan-reviews" aria-labelledby="op-reviews-title" part="reviews">
            <h2 class="op-heading-m" id="op-reviews-title">{ cx.t("plan.ui.reviews.title") }</h2>
            <p class="op-body" id="op-last-reviewed">{ match last {
                Some(d) => cx.ta("plan.ui.reviews.last", &[("date", &format::date(cx.lang, d).unwrap_or_else(|| d.to_owned()))]),
                None => cx.t("plan.ui.reviews.never"),
            } }</p>
            <p class="op-hint">{ cx.t("plan.ui.reviews.hint") }</p>
            <ol class="op-plan-reviews__list">
                { for plan.reviews.iter().map(|r| html! {
                    <li class="op-plan-review" key={r.id.clone()}>
                        { review_field(&r.id, "date", &r.date, false) }
                        { review_field(&r.id, "by", &r.by, false) }
                        { review_field(&r.id, "working", &r.working, true) }
                        { review_field(&r.id, "notWorking", &r.not_working, true) }
                        { review_field(&r.id, "changes", &r.changes, true) }
                        if cx.editable {
                            <button type="button" class="op-button op-button--warning op-button--small"
                                onclick={cx.click(PlanAction::RemoveReview(r.id.clone()))}>{ cx.t("plan.ui.reviews.remove") }</button>
                        }
                    </li>
                }) }
            </ol>
            if cx.editable {
                <button type="button" class="op-button op-button--secondary" id="op-add-review"
                    onclick={cx.click(PlanAction::AddReview)}>{ cx.t("plan.ui.reviews.add") }</button>
            }
        </section>
    }
}

fn files(cx: &Cx<'_>, screen: &Rc<RefCell<PlanScreen>>) -> Html {
    // The files are written when the person reaches for a link (pointer over it, focus on it, a
    // click or the context menu), not on every change: at 500 blocks writing both files and
    // encoding them as addresses cost more than drawing the change itself.
    let fill = |markdown: bool| {
        let screen = Rc::downgrade(screen);
        Callback::from(move |e: Event| {
            let (Some(screen), Some(link)) = (screen.upgrade(), e.target_dyn_into::<Element>())
            else {
                return;
            };
            let Ok(screen) = screen.try_borrow() else {
                return;
            };
            let href = if markdown {
                format!(
                    "data:text/markdown;charset=utf-8,{}",
                    js_sys::encode_uri_component(&to_markdown(screen.state.plan(), screen.lang))
                )
            } else {
                format!(
                    "data:application/json;charset=utf-8,{}",
                    js_sys::encode_uri_component(&to_json(screen.state.plan()))
                )
            };
            let _ = link.set_attribute("href", &href);
        })
    };
    let (json_fill, md_fill) = (fill(false), fill(true));
    let on = cx.on.clone();
    let onchange = Callback::from(move |e: Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let on = on.clone();
        let read = Closure::once(move |text: JsValue| {
            on.emit(PlanAction::Import(text.as_string().unwrap_or_default()));
        });
        let _ = file.text().then(&read);
        read.forget();
        // Choosing the same file again opens it again.
        input.set_value("");
    });
    let open_file = Callback::from(|e: MouseEvent| {
        let input = e
            .target_dyn_into::<Element>()
            .and_then(|b| by_id(&b, "op-import"))
            .and_then(|i| i.dyn_into::<HtmlElement>().ok());
        if let Some(input) = input {
            input.click();
        }
    });
    let error = cx.screen.import_error.as_ref();
    let notes = &cx.screen.import_notes;
    html! {
        <section class="op-plan-files" aria-labelledby="op-files-title" part="files">
            <h2 class="op-heading-m" id="op-files-title">{ cx.t("plan.ui.files.title") }</h2>
            <ul class="op-plan-files__links">
                <li><a class="op-link" id="op-export-json" href="data:application/json;charset=utf-8," download="support-plan.json"
                    onclick={json_fill.reform(Event::from)} onfocus={json_fill.reform(Event::from)}
                    onmouseover={json_fill.reform(Event::from)} oncontextmenu={json_fill.reform(Event::from)}>{ cx.t("plan.ui.files.json") }</a></li>
                <li><a class="op-link" id="op-export-md" href="data:text/markdown;charset=utf-8," download="support-plan.md"
                    onclick={md_fill.reform(Event::from)} onfocus={md_fill.reform(Event::from)}
                    onmouseover={md_fill.reform(Event::from)} oncontextmenu={md_fill.reform(Event::from)}>{ cx.t("plan.ui.files.markdown") }</a></li>
            </ul>
            if cx.editable {
                <div class={classes!("op-form-group", error.map(|_| "op-form-group--error"))}>
                    <h3 class="op-heading-s" id="op-import-title">{ cx.t("plan.ui.files.open") }</h3>
                    <p class="op-hint" id="op-import-hint">{ cx.t("plan.ui.files.hint") }</p>
                    if let Some(e) = error {
                        <p class="op-error-message" id="op-import-error" tabindex="-1" role="alert">
                            <span class="op-visually-hidden">{ cx.t("plan.ui.error_prefix") }{" "}</span>{ e.person_message(cx.lang) }
                        </p>
                    }
                    if !notes.is_empty() {
                        <div class="op-plan-files__notes" id="op-import-notes" role="status">
                            <ul class="op-plan-list">
                                { for notes.iter().map(|m| html! { <li>{ m.render(cx.lang) }</li> }) }
                            </ul>
                        </div>
                    }
                    // The browser's own file box speaks the browser's language and is wider than
                    // a phone: a button in the plan's language opens it instead.
                    <button type="button" class="op-button op-button--secondary" id="op-import-button"
                        aria-describedby={if error.is_some() { "op-import-hint op-import-error" } else { "op-import-hint" }}
                        onclick={open_file}>{ cx.t("plan.ui.files.choose") }</button>
                    <input class="op-file-upload" id="op-import" type="file" accept=".json,application/json"
                        hidden=true tabindex="-1" aria-labelledby="op-import-title" {onchange} />
                </div>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2026-03-01T10:30:00.000Z";

    fn screen() -> PlanScreen {
        let mut s = PlanScreen::new(Lang::En);
        s.set_host_indicative(Some(Indicative {
            amount_pence: 15000,
            period: Period::Week,
        }));
        s
    }

    fn add(s: &mut PlanScreen, kind: Kind) -> String {
        assert_eq!(
            s.apply(PlanAction::Add { kind, parent: None }, NOW),
            Emit::Both
        );
        s.state.plan().blocks.last().unwrap().id.clone()
    }

    #[test]
    fn starters_follow_the_blank_page_and_keep_the_host_budget() {
        let mut s = screen();
        assert!(!s.state.can_undo(), "the host's budget is no step of undo");
        assert!(s.templates().iter().all(|t| t.id != "blank"));
        s.apply(PlanAction::Start(Some(0)), NOW);
        assert!(s.started);
        assert!(!s.state.plan().blocks.is_empty());
        assert_eq!(
            s.state
                .plan()
                .budget
                .indicative
                .as_ref()
                .unwrap()
                .amount_pence,
            15000
        );
        assert_eq!(s.focus.as_deref(), Some("op-title"));
    }

    #[test]
    fn a_cost_that_is_not_an_amount_is_kept_as_typed_and_explained() {
        let mut s = screen();
        let id = add(&mut s, Kind::BudgetLine);
        assert_eq!(s.focus.as_deref(), Some(format!("op-f-{id}-what").as_str()));
        s.apply(
            PlanAction::SetCost {
                id: id.clone(),
                text: "12.50".into(),
            },
            NOW,
        );
        assert_eq!(
            s.state.plan().blocks[0].body.get("costPence"),
            Some(12_50.into())
        );
        assert!(s.problems().is_empty());
        let emit = s.apply(
            PlanAction::SetCost {
                id: id.clone(),
                text: "12.5p".into(),
            },
            NOW,
        );
        assert_eq!(emit, Emit::Nothing);
        assert_eq!(
            s.state.plan().blocks[0].body.get("costPence"),
            Some(12_50.into())
        );
        assert_eq!(s.problems().len(), 1);
    }

    #[test]
    fn moving_keeps_focus_on_the_button_while_it_can_move_again() {
        let mut s = screen();
        let a = add(&mut s, Kind::Text);
        let b = add(&mut s, Kind::Text);
        let c = add(&mut s, Kind::Text);
        s.apply(
            PlanAction::Move {
                id: c.clone(),
                how: Move::Up,
            },
            NOW,
        );
        assert_eq!(s.focus, Some(format!("op-b-{c}-up")));
        s.apply(
            PlanAction::Move {
                id: c.clone(),
                how: Move::Up,
            },
            NOW,
        );
        assert_eq!(s.focus, Some(format!("op-b-{c}")));
        let ids: Vec<&str> = s
            .state
            .plan()
            .blocks
            .iter()
            .map(|b| b.id.as_str())
            .collect();
        assert_eq!(ids, [c.as_str(), a.as_str(), b.as_str()]);
    }

    #[test]
    fn a_bad_file_is_refused_and_the_plan_kept() {
        let mut s = screen();
        add(&mut s, Kind::Heading);
        let before = to_json(s.state.plan());
        assert_eq!(
            s.apply(PlanAction::Import("{\"format\":".into()), NOW),
            Emit::Nothing
        );
        assert_eq!(to_json(s.state.plan()), before);
        assert!(s.import_error.is_some());
        assert_eq!(s.focus.as_deref(), Some("op-import-error"));
        add(&mut s, Kind::Text);
        assert_eq!(s.apply(PlanAction::Import(before.clone()), NOW), Emit::Both);
        assert_eq!(to_json(s.state.plan()), before);
        assert!(s.import_error.is_none());
    }

    #[test]
    fn sign_off_needs_rules_and_a_practitioner() {
        let mut s = screen();
        let id = add(&mut s, Kind::Text);
        s.apply(
            PlanAction::SetText {
                id,
                field: "text",
                text: "I like mornings".into(),
            },
            NOW,
        );
        assert_eq!(s.apply(PlanAction::SignOff, NOW), Emit::Nothing);
        s.rules = Some(Rules::from_json(r#"{"notComplex": true}"#).unwrap());
        s.practitioner = Some(Practitioner::from_json(r#"{"name": "Sam Patel"}"#).unwrap());
        assert_eq!(s.apply(PlanAction::SignOff, NOW), Emit::Signoff);
        assert_eq!(s.state.plan().signoff.as_ref().unwrap().at, NOW);
        s.apply(PlanAction::SetComplex(true), NOW);
        assert_eq!(s.apply(PlanAction::SignOff, NOW), Emit::Nothing);
        assert_eq!(s.state.changed_since_signoff(), Some(true));
    }

    #[test]
    fn an_untouched_title_follows_the_language() {
        let mut s = screen();
        s.set_lang(Lang::Cy);
        assert_eq!(s.state.plan().title, "Fy nghynllun cymorth");
        s.apply(PlanAction::SetTitle("Fy mywyd".into()), NOW);
        s.set_lang(Lang::En);
        assert_eq!(s.state.plan().title, "Fy mywyd");
    }

    #[test]
    fn a_block_added_here_goes_just_below_in_the_same_section() {
        let mut s = screen();
        let section = add(&mut s, Kind::Section);
        let after = add(&mut s, Kind::Text);
        s.apply(
            PlanAction::Move {
                id: after.clone(),
                how: Move::Into,
            },
            NOW,
        );
        let last = add(&mut s, Kind::Heading);
        assert_eq!(
            s.apply(PlanAction::OpenAddAfter(after.clone()), NOW),
            Emit::Nothing
        );
        assert_eq!(s.adding_after.as_deref(), Some(after.as_str()));
        assert_eq!(s.focus, Some(format!("op-add-after-{after}-kind")));
        let emit = s.apply(
            PlanAction::AddAfter {
                kind: Kind::Person,
                after: after.clone(),
            },
            NOW,
        );
        assert_eq!(emit, Emit::Both);
        assert!(s.adding_after.is_none());
        let plan = s.state.plan();
        assert_eq!(
            plan.blocks.len(),
            2,
            "top level keeps the section and the heading"
        );
        assert_eq!(plan.blocks[1].id, last);
        let inside = plan.blocks[0].body.children();
        assert_eq!(plan.blocks[0].id, section);
        assert_eq!(inside.len(), 2);
        assert_eq!(inside[0].id, after);
        assert_eq!(inside[1].kind(), Kind::Person);
        assert_eq!(s.focus, Some(format!("op-f-{}-name", inside[1].id)));
    }

    #[test]
    fn closing_add_here_returns_focus_and_changes_nothing() {
        let mut s = screen();
        let a = add(&mut s, Kind::Text);
        s.apply(PlanAction::OpenAddAfter(a.clone()), NOW);
        assert_eq!(s.apply(PlanAction::CloseAdd, NOW), Emit::Nothing);
        assert!(s.adding_after.is_none());
        assert_eq!(s.focus, Some(format!("op-b-{a}-add-below")));
    }

    #[test]
    fn only_real_changes_are_told_to_the_host() {
        let mut s = screen();
        let a = add(&mut s, Kind::Text);
        let set = |s: &mut PlanScreen, text: &str| {
            s.apply(
                PlanAction::SetText {
                    id: a.clone(),
                    field: "text",
                    text: text.into(),
                },
                NOW,
            )
        };
        assert_eq!(set(&mut s, "Walks"), Emit::Input);
        assert_eq!(set(&mut s, "Walks"), Emit::Nothing);
        assert_eq!(
            s.apply(
                PlanAction::Move {
                    id: a.clone(),
                    how: Move::Up
                },
                NOW
            ),
            Emit::Nothing,
            "a move with nowhere to go changes nothing"
        );
        assert_eq!(s.apply(PlanAction::Undo, NOW), Emit::Both);
        assert_eq!(s.apply(PlanAction::Start(None), NOW), Emit::Both);
        assert_eq!(s.apply(PlanAction::Start(None), NOW), Emit::Nothing);
    }

    #[test]
    fn a_review_is_dated_today() {
        let mut s = screen();
        s.apply(PlanAction::AddReview, NOW);
        assert_eq!(s.state.plan().reviews[0].date, "2026-03-01");
    }
}
