//! The plan builder's screen, without the DOM: the plan being edited with its history, the host's
//! settings (rules, practitioner, law, budget, starters), what the person is told and where focus
//! goes next. [`PlanScreen::apply`] applies what the person did ([`PlanAction`]) and says what the
//! host hears ([`Emit`]). A view draws it; focus targets are abstract ([`Focus`]), and the view
//! maps them to its elements.

pub use super::actions::{Move, PictureRefused, PlanAction};
use super::{
    Error, Feedback, Focus, Indicative, Kind, Law, Message, PlanState, Practitioner, Rules,
    Template, builtin_templates, parse_pounds, to_json, unknown_parts,
};
pub use crate::Emit;
use crate::i18n::{Lang, t};
use serde_json::{Value, json};
use std::collections::HashMap;

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
    /// What the person should know about the picture they last chose for a block: the block,
    /// the words, and whether the picture was refused (an error) or taken.
    pub picture_note: Option<(String, Message, bool)>,
    /// Cost boxes whose text is not (yet) an amount: the text as typed, and what is wrong.
    pub cost_typed: HashMap<String, (String, Option<Error>)>,
    /// The block below which the "add a block here" control is open.
    pub adding_after: Option<String>,
    /// The part the person last typed in (kept with a draft, so focus returns to it).
    pub last_edited: Option<Focus>,
    /// This copy's name, added to ids it makes (see [`PlanScreen::set_site`]).
    pub site: Option<String>,
    /// Who is editing, recorded on blocks they add (see [`PlanScreen::set_author`]).
    pub author: Option<String>,
    /// A copy being combined, shown before it is applied.
    pub combining: Option<super::screen_merge::Combining>,
    /// What the last combination did (for the host's `ourplan-merge` event).
    pub last_merge: Option<super::merge::Summary>,
    /// What files and edits are held to (the element's `limits` property).
    pub(super) limits: crate::limits::Limits,
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
            picture_note: None,
            cost_typed: HashMap::new(),
            adding_after: None,
            last_edited: None,
            site: None,
            author: None,
            combining: None,
            last_merge: None,
            limits: crate::limits::Limits::default(),
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
                self.keep_copy_name();
            }
        }
    }

    /// What files and edits are held to (the element's `limits` property).
    pub fn limits(&self) -> &crate::limits::Limits {
        &self.limits
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
                self.keep_copy_name();
            }
        }
    }

    /// Replaces the plan with one the host gave (no history, no announcement).
    pub fn set_plan_json(&mut self, text: &str) -> Result<(), Error> {
        let state = PlanState::from_json_within(text, &self.limits)?;
        self.state = state;
        self.opened();
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

    /// Makes a draft the plan (the person chose it): its document, with the same checks as a
    /// file, and focus where the person was (`place`, from [`PlanScreen::place`]; the title when
    /// that part is gone); `when` is the draft's time in words, announced. A draft that does not
    /// open leaves the plan as it was and says why.
    pub fn restore(&mut self, document: &Value, when: &str, place: &Value) -> Result<(), Error> {
        self.set_plan_json(&document.to_string())?;
        self.say(Message::new("draft.restored").text("when", when));
        let focus = self.place_from(place.get("focus").unwrap_or(&Value::Null));
        self.last_edited = Some(focus.clone());
        self.focus_on(focus);
        Ok(())
    }

    /// Where the person is, kept with a draft: the part they last typed in, as JSON (`{"focus":
    /// {"block", "field"}}`, `{"block", "item"}`, `{"review"}`, `{"title": true}`, or null).
    pub fn place(&self) -> Value {
        let focus = match &self.last_edited {
            Some(Focus::Field { block, field }) => json!({ "block": block, "field": field }),
            Some(Focus::Item { block, item }) => json!({ "block": block, "item": item }),
            Some(Focus::Review(id)) => json!({ "review": id }),
            Some(Focus::Title) => json!({ "title": true }),
            _ => Value::Null,
        };
        json!({ "focus": focus })
    }

    /// The focus a kept place names, when the plan still has that part; else the title.
    fn place_from(&self, focus: &Value) -> Focus {
        let text = |k: &str| focus.get(k).and_then(Value::as_str);
        let plan = self.state.plan();
        if let Some(block) = text("block").and_then(|b| self.state.block(b)) {
            if let Some(field) = text("field").and_then(|f| block.kind().field(f)) {
                return Focus::Field {
                    block: block.id.clone(),
                    field: field.name,
                };
            }
            if let Some(item) = text("item") {
                let has = block
                    .body
                    .item_lists()
                    .iter()
                    .any(|(_, items)| items.iter().any(|i| i.id == item));
                if has {
                    return Focus::Item {
                        block: block.id.clone(),
                        item: item.to_owned(),
                    };
                }
            }
        }
        if let Some(review) = text("review").filter(|r| plan.reviews.iter().any(|x| x.id == *r)) {
            return Focus::Review(review.to_owned());
        }
        Focus::Title
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

    /// Applies what the person did. `now` is the date and time (RFC 3339) from the page.
    pub fn apply(&mut self, action: PlanAction, now: &str) -> Emit {
        // Starting over replaces the whole state (and its generation): compare the documents
        // then. Everything else is told apart by the generation, which costs nothing at 500
        // blocks where writing the document twice per keystroke cost milliseconds.
        let before = match action {
            PlanAction::Start(_) => Before::Json(to_json(self.state.plan())),
            _ => Before::Generation(self.state.generation()),
        };
        match self.dispatch(action, now) {
            Tell::IfChanged(emit) => self.finish(&before, emit),
            Tell::Always(emit) => emit,
        }
    }

    /// Does what `action` asks. Typing tells the host `input`; a deliberate act (a choice, a
    /// tick, a move) tells it `input` and `change`.
    fn dispatch(&mut self, action: PlanAction, now: &str) -> Tell {
        if let Some(place) = edited(&action) {
            self.last_edited = Some(place);
        }
        match action {
            // Starting, and adding blocks.
            PlanAction::Start(which) => self.start(which),
            PlanAction::Add { kind, parent } => self.add(kind, parent.as_deref()),
            PlanAction::OpenAddAfter(id) => self.open_add_after(id),
            PlanAction::CloseAdd => self.close_add(),
            PlanAction::AddAfter { kind, after } => self.add_after(kind, &after),
            // A block's fields, and the title.
            PlanAction::SetText { id, field, text } => self.act(Emit::Input, |s| {
                s.set_field(&id, field, Value::String(text))
            }),
            PlanAction::SetCost { id, text } => self.set_cost(id, text),
            PlanAction::SetChoice { id, field, value } => self.set_choice(&id, field, value),
            PlanAction::SetBool { id, field, on } => {
                self.act(Emit::Both, |s| s.set_field(&id, field, Value::Bool(on)))
            }
            PlanAction::SetPicture {
                id,
                field,
                url,
                width,
                height,
                file_bytes,
            } => self.set_picture(&id, field, &url, (width, height), file_bytes),
            PlanAction::PictureProblem { id, problem } => {
                self.picture_refused(id, &problem);
                Tell::Always(Emit::Nothing)
            }
            PlanAction::RemovePicture { id, field } => {
                self.picture_note = None;
                self.act(Emit::Both, |s| {
                    s.seal();
                    let done = s.set_field(&id, field, Value::String(String::new()));
                    s.seal();
                    done
                })
            }
            PlanAction::SetTitle(text) => self.act(Emit::Input, |s| Ok(s.set_title(&text))),
            PlanAction::Commit => self.commit(),
            // Moving and removing blocks, and undoing.
            PlanAction::Move { id, how } => self.move_block(id, how),
            PlanAction::MoveByKey { id, up, focus } => self.move_by_key(&id, up, focus),
            PlanAction::Remove(id) => self.act(Emit::Both, |s| s.remove(&id)),
            PlanAction::Undo => self.step(PlanState::undo),
            PlanAction::Redo => self.step(PlanState::redo),
            // A block's items.
            PlanAction::AddItem { block, field } => {
                self.act(Emit::Both, |s| s.add_item(&block, field, usize::MAX, ""))
            }
            PlanAction::SetItem { block, item, text } => {
                self.act(Emit::Input, |s| s.set_item_text(&block, &item, &text))
            }
            PlanAction::ItemDone { block, item, done } => {
                self.act(Emit::Both, |s| s.set_item_done(&block, &item, done))
            }
            PlanAction::MoveItem { block, item, up } => self.move_item(block, item, up),
            PlanAction::RemoveItem { block, item } => {
                self.act(Emit::Both, |s| s.remove_item(&block, &item))
            }
            // Reviews and sign-off.
            PlanAction::AddReview => self.add_review(now),
            PlanAction::SetReview { id, field, text } => {
                self.act(Emit::Input, |s| s.set_review_field(&id, field, &text))
            }
            PlanAction::RemoveReview(id) => self.act(Emit::Both, |s| s.remove_review(&id)),
            PlanAction::SetComplex(on) => self.act(Emit::Both, |s| Ok(s.set_complex(on))),
            PlanAction::SignOff => self.sign_off(now),
            // Files, and combining copies.
            PlanAction::Import(text) => self.import(&text),
            PlanAction::Share => {
                self.state.checkpoint();
                Tell::Always(Emit::Nothing)
            }
            PlanAction::SetAuthor(name) => {
                self.set_author(&name);
                Tell::Always(Emit::Nothing)
            }
            PlanAction::FileTooLarge(bytes) => {
                let (found, allowed) = (crate::limits::file_bytes(bytes), self.limits.value_bytes);
                if let Err(e) = super::read::over(crate::limits::Limit::ValueBytes, found, allowed)
                {
                    self.refuse(e);
                }
                Tell::Always(Emit::Nothing)
            }
            PlanAction::Combine(text) => {
                self.combine_preview(&text);
                Tell::Always(Emit::Nothing)
            }
            PlanAction::CombineAnyway => {
                self.combine_anyway();
                Tell::Always(Emit::Nothing)
            }
            PlanAction::CombineCancel => {
                self.combining = None;
                self.focus_on(Focus::Element("op-combine-button".to_owned()));
                Tell::Always(Emit::Nothing)
            }
            PlanAction::CombineApply => match self.combine_apply() {
                Some(_) => Tell::Always(Emit::Merge),
                None => Tell::Always(Emit::Nothing),
            },
            PlanAction::Choose { at, field, value } => {
                self.choose(&at, &field, value);
                Tell::IfChanged(Emit::Both)
            }
            PlanAction::Settle { at, keep } => {
                self.settle_kept(&at, keep);
                Tell::IfChanged(Emit::Both)
            }
        }
    }

    /// Does `op` to the plan and takes what it says; the host hears `emit` if the plan changed.
    fn act(
        &mut self,
        emit: Emit,
        op: impl FnOnce(&mut PlanState) -> Result<Feedback, Error>,
    ) -> Tell {
        let result = op(&mut self.state);
        self.take(result);
        Tell::IfChanged(emit)
    }

    fn finish(&self, before: &Before, emit: Emit) -> Emit {
        let same = match before {
            Before::Json(json) => to_json(self.state.plan()) == *json,
            Before::Generation(g) => self.state.generation() == *g,
        };
        if same { Emit::Nothing } else { emit }
    }

    fn say(&mut self, message: Message) {
        self.announce = Some(message);
        self.announce_seq += 1;
    }

    pub(super) fn focus_on(&mut self, target: Focus) {
        self.focus = Some(target);
        self.focus_seq += 1;
    }

    pub(super) fn take(&mut self, result: Result<Feedback, Error>) -> bool {
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
}

/// Starting, and adding blocks.
impl PlanScreen {
    /// Starts from a blank page (`None`) or a starter (its index in [`PlanScreen::templates`]).
    fn start(&mut self, which: Option<usize>) -> Tell {
        let state = match which.and_then(|i| self.templates().get(i).map(|t| (*t).clone())) {
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
        Tell::IfChanged(Emit::Both)
    }

    fn start_with(&mut self, state: PlanState) {
        self.state = state;
        self.keep_copy_name();
        self.started = true;
        self.cost_typed.clear();
        let host = self.host_indicative.clone();
        self.set_host_indicative(host);
    }

    /// Adds a block of `kind` at the end of `parent` (the plan itself, or a section).
    fn add(&mut self, kind: Kind, parent: Option<&str>) -> Tell {
        let result = self.state.add_block(kind, parent, usize::MAX);
        self.added(kind, result);
        Tell::IfChanged(Emit::Both)
    }

    fn open_add_after(&mut self, id: String) -> Tell {
        self.adding_after = Some(id.clone());
        self.focus_on(Focus::AddAfterKind(id));
        Tell::Always(Emit::Nothing)
    }

    fn close_add(&mut self) -> Tell {
        if let Some(id) = self.adding_after.take() {
            self.focus_on(Focus::AddBelow(id));
        }
        Tell::Always(Emit::Nothing)
    }

    /// Adds a block of `kind` just after the block `after`, beside it in the same section.
    fn add_after(&mut self, kind: Kind, after: &str) -> Tell {
        self.adding_after = None;
        let result = self.state.place(after).and_then(|place| {
            self.state
                .add_block(kind, place.parent.as_deref(), place.index + 1)
        });
        self.added(kind, result);
        Tell::IfChanged(Emit::Both)
    }

    /// Takes what adding a block of `kind` said, then moves focus on from the new block to its
    /// first control: the person added it to write in it.
    fn added(&mut self, kind: Kind, result: Result<Feedback, Error>) {
        let target = match &result {
            Ok(Feedback {
                focus: Some(Focus::Block(id)),
                ..
            }) => Some(Focus::first_control(id, kind)),
            _ => None,
        };
        self.take(result);
        if let Some(target) = target {
            self.focus_on(target);
        }
    }
}

/// A block's fields, and the title.
impl PlanScreen {
    /// A cost as typed: an amount goes into the plan; anything else stays in the box, explained,
    /// and the plan keeps the last amount.
    /// Puts a picture the browser made ready into block `id` (its `field`: a picture block's
    /// `picture`, or `headingPicture`), and says so (with how much smaller it was made, when it
    /// was).
    fn set_picture(
        &mut self,
        id: &str,
        field: &'static str,
        url: &str,
        (width, height): (u32, u32),
        file: u64,
    ) -> Tell {
        let (key, picture) = match super::Picture::from_data_url(url, width, height) {
            Ok(p) => p,
            Err(_) => {
                self.picture_refused(id.to_owned(), &PictureRefused::Failed);
                return Tell::Always(Emit::Nothing);
            }
        };
        let made = picture.bytes() as u64;
        self.state.keep_picture(key.clone(), picture);
        // Choosing a picture is one step of undo of its own, never folded into typing.
        self.state.seal();
        let result = self.state.set_field(id, field, Value::String(key));
        self.state.seal();
        if self.take(result) {
            let message = if file > made + made / 10 {
                Message::new("plan.picture.added_smaller")
                    .text("from", super::pictures::size_words(file))
                    .text("to", super::pictures::size_words(made))
            } else {
                Message::new("plan.picture.added")
            };
            self.say(message.clone());
            self.picture_note = Some((id.to_owned(), message, false));
            // A picture block's description is the gentle prompt; beside a heading, the
            // heading names the picture.
            if field == "picture" {
                self.focus_on(Focus::Field {
                    block: id.to_owned(),
                    field: "description",
                });
            }
        }
        Tell::IfChanged(Emit::Both)
    }

    /// Tells the person why the picture they chose for block `id` was not used.
    fn picture_refused(&mut self, id: String, problem: &PictureRefused) {
        let message = match problem {
            PictureRefused::NotAPicture { name } => {
                Message::new("plan.picture.not_picture").text("name", name.clone())
            }
            PictureRefused::TooLarge { name, bytes } => Message::new("plan.picture.too_large")
                .text("name", name.clone())
                .text("size", super::pictures::size_words(*bytes)),
            PictureRefused::Failed => Message::new("plan.picture.failed"),
        };
        self.say(message.clone());
        self.picture_note = Some((id, message, true));
    }

    fn set_cost(&mut self, id: String, text: String) -> Tell {
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
        Tell::IfChanged(Emit::Input)
    }

    /// A frequency, "paid from" or outcome chosen; empty for none.
    fn set_choice(&mut self, id: &str, field: &'static str, value: String) -> Tell {
        let value = if value.is_empty() {
            Value::Null
        } else {
            Value::String(value)
        };
        self.act(Emit::Both, |s| s.set_field(id, field, value))
    }

    /// A changed field was left: what was typed becomes one step of undo, and the host hears
    /// `change` whether or not this step changed the plan.
    fn commit(&mut self) -> Tell {
        self.state.seal();
        Tell::Always(Emit::Change)
    }
}

/// Moving and removing blocks, and undoing.
impl PlanScreen {
    fn move_block(&mut self, id: String, how: Move) -> Tell {
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
        Tell::IfChanged(Emit::Both)
    }

    /// A move with a key from inside the block: focus returns to the control it came from.
    fn move_by_key(&mut self, id: &str, up: bool, focus: String) -> Tell {
        let r = if up {
            self.state.move_up(id)
        } else {
            self.state.move_down(id)
        };
        if self.take(r) && !focus.is_empty() {
            self.focus_on(Focus::Element(focus));
        }
        Tell::IfChanged(Emit::Both)
    }

    /// Undo or redo. Cost boxes show the plan's amounts again, not text typed before the step.
    fn step(&mut self, step: fn(&mut PlanState) -> Feedback) -> Tell {
        let fb = step(&mut self.state);
        self.take(Ok(fb));
        self.cost_typed.clear();
        Tell::IfChanged(Emit::Both)
    }
}

/// A block's items.
impl PlanScreen {
    /// Moves an item up or down, keeping focus on the button pressed.
    fn move_item(&mut self, block: String, item: String, up: bool) -> Tell {
        let r = self.state.move_item(&block, &item, up);
        if self.take(r) {
            self.focus_on(Focus::ItemMove { block, item, up });
        }
        Tell::IfChanged(Emit::Both)
    }
}

/// Reviews and sign-off.
impl PlanScreen {
    /// Adds a review dated today: the date part of `now`.
    fn add_review(&mut self, now: &str) -> Tell {
        let date = now.get(..10).unwrap_or("");
        self.act(Emit::Both, |s| s.add_review(date))
    }

    /// Signs the plan off at `now`, when the host gave rules and a practitioner.
    fn sign_off(&mut self, now: &str) -> Tell {
        let (Some(rules), Some(who)) = (self.rules.clone(), self.practitioner.clone()) else {
            return Tell::Always(Emit::Nothing);
        };
        let r = self.state.sign_off(&rules, &who, now);
        if self.take(r) {
            self.focus_on(Focus::SignoffStatus);
            return Tell::Always(Emit::Signoff);
        }
        Tell::IfChanged(Emit::Both)
    }
}

/// Files.
impl PlanScreen {
    /// Opens a plan file. One that cannot be read is refused with its reason, and the plan kept.
    fn import(&mut self, text: &str) -> Tell {
        match self.state.replace_from_json(text) {
            Ok(fb) => {
                self.opened();
                self.import_error = None;
                self.import_notes = unknown_parts(self.state.plan());
                self.cost_typed.clear();
                self.started = true;
                self.take(Ok(fb));
                self.focus_on(Focus::Title);
                Tell::IfChanged(Emit::Both)
            }
            Err(e) => {
                self.refuse(e);
                Tell::Always(Emit::Nothing)
            }
        }
    }

    /// Says why a file was not opened (or combined), beside the file controls.
    pub(super) fn refuse(&mut self, e: Error) {
        self.say(e.message());
        self.import_notes.clear();
        self.import_error = Some(e);
        self.focus_on(Focus::ImportError);
    }
}

/// What [`PlanScreen::apply`] tells the host once an action is done.
enum Tell {
    /// This, if the plan changed; else nothing.
    IfChanged(Emit),
    /// This, whatever changed.
    Always(Emit),
}

/// The part of the plan an action types into (kept with a draft as where the person was).
fn edited(action: &PlanAction) -> Option<Focus> {
    Some(match action {
        PlanAction::SetText { id, field, .. } => Focus::Field {
            block: id.clone(),
            field,
        },
        PlanAction::SetCost { id, .. } => Focus::Field {
            block: id.clone(),
            field: "costPence",
        },
        PlanAction::SetItem { block, item, .. } => Focus::Item {
            block: block.clone(),
            item: item.clone(),
        },
        PlanAction::SetReview { id, .. } => Focus::Review(id.clone()),
        PlanAction::SetTitle(_) => Focus::Title,
        _ => return None,
    })
}

/// How [`PlanScreen::apply`] tells whether the plan changed.
enum Before {
    Json(String),
    Generation(u64),
}
