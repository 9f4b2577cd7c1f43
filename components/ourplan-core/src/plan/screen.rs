//! The plan builder's screen, without the DOM: the plan being edited with its history, the host's
//! settings (rules, practitioner, law, budget, starters), what the person is told and where focus
//! goes next. [`PlanScreen::apply`] applies what the person did ([`PlanAction`]) and says what the
//! host hears ([`Emit`]). A view draws it; focus targets are abstract ([`Focus`]), and the view
//! maps them to its elements.

use super::{
    Error, Feedback, Focus, Indicative, Kind, Law, Message, PlanState, Practitioner, Rules,
    Template, builtin_templates, parse_pounds, to_json, unknown_parts,
};
pub use crate::Emit;
use crate::i18n::{Lang, t};
use serde_json::Value;
use std::collections::HashMap;

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
    /// What a screen reader should hear after the last action.
    pub announce: Option<Message>,
    /// Goes up with each announcement (the same words twice are announced twice).
    pub announce_seq: u64,
    /// Where focus should go after the last action.
    pub focus: Option<Focus>,
    /// Goes up with each focus request.
    pub focus_seq: u64,
    /// Why the file the person chose last was not opened.
    pub import_error: Option<Error>,
    /// What the person should know about the file just opened (parts this version cannot show).
    pub import_notes: Vec<Message>,
    /// Cost boxes whose text is not (yet) an amount: the text as typed, and what is wrong.
    pub cost_typed: HashMap<String, (String, Option<Error>)>,
    /// The block below which the "add a block here" control is open.
    pub adding_after: Option<String>,
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

    /// The cost boxes holding something that is not an amount: each block's id, and what is wrong
    /// in the screen's language.
    pub fn problems(&self) -> Vec<(String, String)> {
        self.cost_typed
            .iter()
            .filter_map(|(id, (_, e))| {
                e.as_ref()
                    .map(|e| (id.clone(), e.person_message(self.lang)))
            })
            .collect()
    }

    fn say(&mut self, message: Message) {
        self.announce = Some(message);
        self.announce_seq += 1;
    }

    fn focus_on(&mut self, target: Focus) {
        self.focus = Some(target);
        self.focus_seq += 1;
    }

    fn take(&mut self, result: Result<Feedback, Error>) -> bool {
        match result {
            Ok(fb) => {
                if let Some(m) = fb.announce {
                    self.say(m);
                }
                if let Some(f) = fb.focus {
                    self.focus_on(f);
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
                self.focus_on(Focus::Title);
            }
            PlanAction::Add { kind, parent } => {
                let result = self.state.add_block(kind, parent.as_deref(), usize::MAX);
                if let Ok(fb) = &result {
                    if let Some(Focus::Block(id)) = &fb.focus {
                        let target = Focus::first_control(id, kind);
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
                self.focus_on(Focus::AddAfterKind(id));
                return Emit::Nothing;
            }
            PlanAction::CloseAdd => {
                if let Some(id) = self.adding_after.take() {
                    self.focus_on(Focus::AddBelow(id));
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
                            Some(Focus::Block(id)) => Some(Focus::first_control(id, kind)),
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
                        Focus::MoveButton { block: id, how }
                    } else {
                        Focus::Block(id)
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
                    self.focus_on(Focus::Element(focus));
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
                    self.focus_on(Focus::ItemMove { block, item, up });
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
                    self.focus_on(Focus::SignoffStatus);
                    return Emit::Signoff;
                }
            }
            PlanAction::Import(text) => match self.state.replace_from_json(&text) {
                Ok(fb) => {
                    self.import_error = None;
                    self.import_notes = unknown_parts(self.state.plan());
                    self.cost_typed.clear();
                    self.started = true;
                    self.take(Ok(fb));
                    self.focus_on(Focus::Title);
                }
                Err(e) => {
                    self.say(e.message());
                    self.import_notes.clear();
                    self.import_error = Some(e);
                    self.focus_on(Focus::ImportError);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Kind, Period};

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
        assert_eq!(s.focus, Some(Focus::Title));
    }

    #[test]
    fn a_cost_that_is_not_an_amount_is_kept_as_typed_and_explained() {
        let mut s = screen();
        let id = add(&mut s, Kind::BudgetLine);
        assert_eq!(
            s.focus,
            Some(Focus::Field {
                block: id.clone(),
                field: "what"
            })
        );
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
        assert_eq!(
            s.focus,
            Some(Focus::MoveButton {
                block: c.clone(),
                how: Move::Up
            })
        );
        s.apply(
            PlanAction::Move {
                id: c.clone(),
                how: Move::Up,
            },
            NOW,
        );
        assert_eq!(s.focus, Some(Focus::Block(c.clone())));
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
        assert_eq!(s.focus, Some(Focus::ImportError));
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
        assert_eq!(s.focus, Some(Focus::AddAfterKind(after.clone())));
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
        assert_eq!(
            s.focus,
            Some(Focus::Field {
                block: inside[1].id.clone(),
                field: "name"
            })
        );
    }

    #[test]
    fn closing_add_here_returns_focus_and_changes_nothing() {
        let mut s = screen();
        let a = add(&mut s, Kind::Text);
        s.apply(PlanAction::OpenAddAfter(a.clone()), NOW);
        assert_eq!(s.apply(PlanAction::CloseAdd, NOW), Emit::Nothing);
        assert!(s.adding_after.is_none());
        assert_eq!(s.focus, Some(Focus::AddBelow(a.clone())));
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
