//! `PlanState` operations outside the block tree's shape: the items of lists, checklists and
//! "please do / please don't" blocks; reviews; the budget; the "complex" mark; and sign-off.
//!
//! Item and review edits replace one small list as a step of history (a list of a dozen items
//! costs nothing to keep twice), which keeps undo simple and exact.

use super::document::{Budget, Indicative, Item, ManagedAs, Review, Signoff};
use super::edit::{PlanState, changed, no_such};
use super::error::{Error, ErrorKind};
use super::fields::short_name;
use super::fingerprint::fingerprint;
use super::history::{Change, Top};
use super::signoff::{Practitioner, Rules, Verdict, evaluate, is_date, is_date_time};
use super::{Arg, Feedback, Focus, Message};

/// Which review fields [`PlanState::set_review_field`] writes.
const REVIEW_FIELDS: [&str; 5] = ["date", "by", "working", "notWorking", "changes"];

impl PlanState {
    /// Adds an item with `text` at `index` in a block's item list (`items`, `pleaseDo` or
    /// `pleaseDont`). Focus goes to the new item.
    pub fn add_item(
        &mut self,
        block: &str,
        field: &str,
        index: usize,
        text: &str,
    ) -> Result<Feedback, Error> {
        let (field, mut items) = self.items_of(block, field)?;
        let checklist = self.block(block).map(|b| b.kind()) == Some(super::Kind::Checklist);
        let id = self.fresh("i");
        let at = index.min(items.len());
        items.insert(
            at,
            Item {
                id: id.clone(),
                text: text.to_owned(),
                done: checklist.then_some(false),
                extra: Default::default(),
            },
        );
        let what = self.named("plan.announce.item_added", block);
        self.commit_items(block, field, items, what.clone(), None)?;
        Ok(Feedback::say(
            what,
            Some(Focus::Item {
                block: block.to_owned(),
                item: id,
            }),
        ))
    }

    /// Changes an item's words. Typing says nothing; a run of typing is one step of undo.
    pub fn set_item_text(
        &mut self,
        block: &str,
        item: &str,
        text: &str,
    ) -> Result<Feedback, Error> {
        let (field, mut items, at) = self.find_item(block, item)?;
        if items[at].text == text {
            return Ok(Feedback::none());
        }
        items[at].text = text.to_owned();
        let what = self.changed_block(block)?;
        let key = Some(format!("item:{block}:{item}"));
        self.commit_items(block, field, items, what, key)?;
        Ok(Feedback::none())
    }

    /// Ticks or unticks a checklist item (the checkbox itself tells a screen reader).
    pub fn set_item_done(
        &mut self,
        block: &str,
        item: &str,
        done: bool,
    ) -> Result<Feedback, Error> {
        let (field, mut items, at) = self.find_item(block, item)?;
        if items[at].done == Some(done) {
            return Ok(Feedback::none());
        }
        items[at].done = Some(done);
        let what = self.changed_block(block)?;
        self.commit_items(block, field, items, what, None)?;
        Ok(Feedback::none())
    }

    /// Moves an item up (`up`) or down one place in its list.
    pub fn move_item(&mut self, block: &str, item: &str, up: bool) -> Result<Feedback, Error> {
        let (field, mut items, at) = self.find_item(block, item)?;
        let name = short_name(&items[at].text, "plan.kind.item");
        let focus = Some(Focus::Item {
            block: block.to_owned(),
            item: item.to_owned(),
        });
        let to = match (up, at) {
            (true, 0) => None,
            (true, at) => Some(at - 1),
            (false, at) if at + 1 < items.len() => Some(at + 1),
            (false, _) => None,
        };
        let Some(to) = to else {
            let key = if up {
                "plan.announce.already_first"
            } else {
                "plan.announce.already_last"
            };
            return Ok(Feedback::say(Message::new(key).arg("name", name), focus));
        };
        items.swap(at, to);
        let total = items.len();
        let key = if up {
            "plan.announce.moved_up"
        } else {
            "plan.announce.moved_down"
        };
        let what = Message::new(key).arg("name", name);
        self.commit_items(block, field, items, what.clone(), None)?;
        let said = Message::new("plan.announce.with_position")
            .arg("what", Arg::Message(what.into()))
            .text("position", (to + 1).to_string())
            .text("total", total.to_string());
        Ok(Feedback::say(said, focus))
    }

    /// Removes an item. Focus goes to the item now in its place, else the one before, else the
    /// list's "add an item" control.
    pub fn remove_item(&mut self, block: &str, item: &str) -> Result<Feedback, Error> {
        let (field, mut items, at) = self.find_item(block, item)?;
        let removed = items.remove(at);
        let name = short_name(&removed.text, "plan.kind.item");
        let focus = match items
            .get(at)
            .or_else(|| at.checked_sub(1).and_then(|i| items.get(i)))
        {
            Some(next) => Focus::Item {
                block: block.to_owned(),
                item: next.id.clone(),
            },
            None => Focus::AddItem {
                block: block.to_owned(),
                field,
            },
        };
        let what = Message::new("plan.announce.removed").arg("name", name);
        self.commit_items(block, field, items, what.clone(), None)?;
        Ok(Feedback::say(what, Some(focus)))
    }

    /// Adds a review dated `date` (`YYYY-MM-DD`, or empty to fill in later), after the others.
    pub fn add_review(&mut self, date: &str) -> Result<Feedback, Error> {
        check_date(date)?;
        let id = self.fresh("r");
        let mut reviews = self.plan.reviews.clone();
        reviews.push(Review {
            id: id.clone(),
            date: date.to_owned(),
            by: String::new(),
            working: String::new(),
            not_working: String::new(),
            changes: String::new(),
            extra: Default::default(),
        });
        let what = Message::new("plan.announce.review_added");
        self.commit(Change::Top(Top::Reviews(reviews)), what.clone(), None)?;
        Ok(Feedback::say(what, Some(Focus::Review(id))))
    }

    /// Changes a review's `date`, `by`, `working`, `notWorking` or `changes`.
    pub fn set_review_field(
        &mut self,
        id: &str,
        field: &str,
        text: &str,
    ) -> Result<Feedback, Error> {
        let field =
            *REVIEW_FIELDS
                .iter()
                .find(|f| **f == field)
                .ok_or_else(|| ErrorKind::NoSuchField {
                    kind: "review",
                    field: field.to_owned(),
                })?;
        if field == "date" {
            check_date(text)?;
        }
        let mut reviews = self.plan.reviews.clone();
        let review = reviews
            .iter_mut()
            .find(|r| r.id == id)
            .ok_or_else(|| no_such(id))?;
        let slot = match field {
            "date" => &mut review.date,
            "by" => &mut review.by,
            "working" => &mut review.working,
            "notWorking" => &mut review.not_working,
            _ => &mut review.changes,
        };
        if slot == text {
            return Ok(Feedback::none());
        }
        *slot = text.to_owned();
        let what = Message::new("plan.announce.review_changed");
        let key = Some(format!("review:{id}:{field}"));
        self.commit(Change::Top(Top::Reviews(reviews)), what, key)?;
        Ok(Feedback::none())
    }

    /// Removes a review. Focus goes to the next review, else the one before, else "add a review".
    pub fn remove_review(&mut self, id: &str) -> Result<Feedback, Error> {
        let mut reviews = self.plan.reviews.clone();
        let at = reviews
            .iter()
            .position(|r| r.id == id)
            .ok_or_else(|| no_such(id))?;
        reviews.remove(at);
        let focus = match reviews
            .get(at)
            .or_else(|| at.checked_sub(1).and_then(|i| reviews.get(i)))
        {
            Some(next) => Focus::Review(next.id.clone()),
            None => Focus::AddReview,
        };
        let what = Message::new("plan.announce.review_removed");
        self.commit(Change::Top(Top::Reviews(reviews)), what.clone(), None)?;
        Ok(Feedback::say(what, Some(focus)))
    }

    /// Sets or clears the indicative budget (the screen reads the amount with
    /// [`crate::plan::parse_pounds`]).
    pub fn set_indicative(&mut self, indicative: Option<Indicative>) -> Result<Feedback, Error> {
        if let Some(i) = &indicative {
            if i.amount_pence > super::MAX_PENCE {
                return Err(ErrorKind::TooLarge.into());
            }
        }
        let mut budget = self.plan.budget.clone();
        budget.indicative = indicative;
        Ok(self.set_budget(budget, Some("budget:indicative")))
    }

    /// Changes how the indicative budget was worked out.
    pub fn set_how_worked_out(&mut self, text: &str) -> Feedback {
        let mut budget = self.plan.budget.clone();
        budget.how_worked_out = text.to_owned();
        self.set_budget(budget, Some("budget:howWorkedOut"))
    }

    /// Changes how the budget is managed.
    pub fn set_managed_as(&mut self, managed_as: ManagedAs) -> Feedback {
        let mut budget = self.plan.budget.clone();
        budget.managed_as = managed_as;
        self.set_budget(budget, None)
    }

    /// Marks the plan as complex, or not.
    pub fn set_complex(&mut self, complex: bool) -> Feedback {
        if self.plan.complex != complex {
            let what = Message::new("plan.announce.changed_complex");
            // Setting a flag cannot fail.
            let _ = self.commit(Change::Top(Top::Complex(complex)), what, None);
        }
        Feedback::none()
    }

    /// Whether the plan is within `rules`, and if not, why.
    pub fn evaluate(&self, rules: &Rules) -> Result<Verdict, Error> {
        evaluate(&self.plan, rules)
    }

    /// Signs the plan off as `who` at `at` (an RFC 3339 date and time from the host), recording
    /// a fingerprint of the plan. Only within `rules`: otherwise the error lists the reasons, to
    /// show the person, and nothing is recorded. Sign-off is an act, not an edit: undo does not
    /// take it back (use [`PlanState::clear_signoff`]), and edits after it keep it, with
    /// [`PlanState::changed_since_signoff`] saying the plan has changed.
    pub fn sign_off(
        &mut self,
        rules: &Rules,
        who: &Practitioner,
        at: &str,
    ) -> Result<Feedback, Error> {
        if who.name.trim().is_empty() {
            return Err(ErrorKind::NoPractitioner.into());
        }
        if !is_date_time(at) {
            return Err(ErrorKind::BadDate {
                value: at.to_owned(),
                expected: "RFC 3339, like 2025-03-01T10:30:00Z",
            }
            .into());
        }
        if let Verdict::NeedsSecondLook(reasons) = evaluate(&self.plan, rules)? {
            return Err(ErrorKind::NeedsSecondLook { reasons }.into());
        }
        self.generation += 1;
        self.plan.signoff = Some(Signoff {
            name: who.name.trim().to_owned(),
            role: who.role.trim().to_owned(),
            at: at.to_owned(),
            fingerprint: fingerprint(&self.plan),
            extra: Default::default(),
        });
        let said = Message::new("plan.announce.signed_off").text("name", who.name.trim());
        Ok(Feedback::say(said, None))
    }

    /// Takes a sign-off away (say, to sign off again after changes).
    pub fn clear_signoff(&mut self) {
        if self.plan.signoff.take().is_some() {
            self.generation += 1;
        }
    }

    /// Whether the plan has changed since it was signed off; `None` if it never was.
    pub fn changed_since_signoff(&self) -> Option<bool> {
        let signoff = self.plan.signoff.as_ref()?;
        Some(signoff.fingerprint != fingerprint(&self.plan))
    }

    // Helpers.

    fn set_budget(&mut self, budget: Budget, key: Option<&str>) -> Feedback {
        if self.plan.budget != budget {
            let what = Message::new("plan.announce.changed_budget");
            // Replacing the budget cannot fail.
            let _ = self.commit(
                Change::Top(Top::Budget(budget)),
                what,
                key.map(str::to_owned),
            );
        }
        Feedback::none()
    }

    /// A copy of a block's item list, with the field's static name.
    fn items_of(&self, block: &str, field: &str) -> Result<(&'static str, Vec<Item>), Error> {
        let b = self.block(block).ok_or_else(|| no_such(block))?;
        let spec = b
            .kind()
            .field(field)
            .filter(|f| b.body.items(f.name).is_some());
        let spec = spec.ok_or_else(|| ErrorKind::NoSuchField {
            kind: b.kind().as_str(),
            field: field.to_owned(),
        })?;
        Ok((
            spec.name,
            b.body.items(spec.name).unwrap_or_default().to_vec(),
        ))
    }

    /// The list holding `item` in `block`, copied, with the item's position.
    fn find_item(
        &self,
        block: &str,
        item: &str,
    ) -> Result<(&'static str, Vec<Item>, usize), Error> {
        let b = self.block(block).ok_or_else(|| no_such(block))?;
        b.body
            .item_lists()
            .into_iter()
            .find_map(|(field, items)| {
                let at = items.iter().position(|i| i.id == item)?;
                Some((field, items.to_vec(), at))
            })
            .ok_or_else(|| no_such(item))
    }

    fn commit_items(
        &mut self,
        block: &str,
        field: &'static str,
        items: Vec<Item>,
        what: Message,
        key: Option<String>,
    ) -> Result<(), Error> {
        let change = Change::Items {
            id: block.to_owned(),
            field,
            items,
        };
        self.commit(change, what, key).map(|_| ())
    }

    fn named(&self, key: &'static str, block: &str) -> Message {
        let name = self
            .block(block)
            .map_or(Arg::Key("plan.kind.item"), |b| b.name_arg());
        Message::new(key).arg("name", name)
    }

    fn changed_block(&self, block: &str) -> Result<Message, Error> {
        self.block(block).map(changed).ok_or_else(|| no_such(block))
    }
}

fn check_date(date: &str) -> Result<(), Error> {
    if date.is_empty() || is_date(date) {
        Ok(())
    } else {
        Err(ErrorKind::BadDate {
            value: date.to_owned(),
            expected: "YYYY-MM-DD",
        }
        .into())
    }
}
