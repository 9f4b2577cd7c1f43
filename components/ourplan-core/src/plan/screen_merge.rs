//! Combining copies on the plan builder's screen: sharing a copy, combining with one (a preview
//! in plain words first, then one step of undo), choosing between versions changed in both
//! copies, deciding about parts one copy removed while another changed them, and authorship.

use super::merge::{self, Conflict, MergeError, Summary};
use super::screen::PlanScreen;
use super::{Arg, Block, Error, Focus, Message, Plan, import_json_within};
use serde_json::Value;

/// A combination the person is looking at before applying it.
#[derive(Debug, Clone)]
pub struct Combining {
    /// The copy they chose.
    pub theirs: Plan,
    /// The result, once it can be made (`None` while asking whether to combine a different plan).
    pub merged: Option<Plan>,
    /// What it would change.
    pub summary: Summary,
    /// The copy is of a different plan: the person is asked first.
    pub other_document: bool,
}

/// One open conflict, ready to show.
#[derive(Debug, Clone)]
pub struct ConflictView {
    /// The entity (`b:<id>`, `i:<id>`, `r:<id>`, `p`).
    pub at: String,
    /// The field.
    pub field: String,
    /// Which part of the plan, in words.
    pub label: Message,
    /// The versions, as their copies had them.
    pub values: Vec<Value>,
}

impl PlanScreen {
    /// Names this copy (random, from the element), so ids it makes never clash with another
    /// copy's; kept when the plan is replaced.
    pub fn set_site(&mut self, site: &str) {
        self.site = Some(site.to_owned());
        self.state.set_site(site);
    }

    /// Who is editing (the host's `author`), recorded on blocks they add. Empty for nobody.
    pub fn set_author(&mut self, author: &str) {
        let author = author.trim();
        self.author = (!author.is_empty()).then(|| author.to_owned());
        self.state.set_author(self.author.as_deref());
    }

    /// The limits files and edits are held to (the element's `limits` property).
    pub fn set_limits(&mut self, limits: crate::limits::Limits) {
        self.limits = limits;
        self.state.set_limits(limits);
    }

    /// A new editing state keeps this copy's name and author.
    pub(super) fn keep_copy_name(&mut self) {
        if let Some(site) = self.site.clone() {
            self.state.set_site(&site);
        }
        self.state.set_author(self.author.as_deref());
        self.state.set_limits(self.limits);
    }

    /// After a plan was opened (set, restored, read from a file): the copy's site again, and a
    /// checkpoint, so a later merge with any copy made from this state finds it.
    pub(super) fn opened(&mut self) {
        self.keep_copy_name();
        self.state.checkpoint();
    }

    /// The plan as a file to share: checkpointed first, so the copy and this plan have a common
    /// ancestor that both know.
    pub fn share(&mut self) -> String {
        self.state.checkpoint();
        super::to_json(self.state.plan())
    }

    /// Reads a copy and shows what combining it would do. A file that is not a plan is refused
    /// with its reason, as opening one is.
    pub(super) fn combine_preview(&mut self, text: &str) {
        self.import_error = None;
        // Held to the element's limits, as opening a file is.
        let theirs = match import_json_within(text, &self.limits) {
            Ok(plan) => plan,
            Err(e) => {
                self.refuse(e);
                return;
            }
        };
        let (merged, summary, other_document) =
            match merge::merge(self.state.plan(), &theirs, false) {
                Ok(m) => (Some(m.plan), m.summary, false),
                Err(MergeError::OtherDocument) => (None, Summary::default(), true),
                Err(MergeError::Broken(why)) => {
                    // A fault in the kit, never a fault of the file: said plainly, nothing applied.
                    self.refuse(Error::from(super::ErrorKind::NotAPlan { found: Some(why) }));
                    return;
                }
            };
        self.combining = Some(Combining {
            theirs,
            merged,
            summary,
            other_document,
        });
        self.focus_on(Focus::Element("op-combine".to_owned()));
    }

    /// The person confirmed combining a copy of a different plan.
    pub(super) fn combine_anyway(&mut self) {
        let Some(c) = self.combining.as_mut() else {
            return;
        };
        if let Ok(m) = merge::merge(self.state.plan(), &c.theirs, true) {
            c.merged = Some(m.plan);
            c.summary = m.summary;
            c.other_document = false;
        }
        self.focus_on(Focus::Element("op-combine".to_owned()));
    }

    /// Applies the combination shown, as one step of undo. Returns what it did.
    pub(super) fn combine_apply(&mut self) -> Option<Summary> {
        let c = self.combining.take()?;
        let merged = c.merged?;
        self.apply_merged(merged, c.summary.clone());
        Some(c.summary)
    }

    /// Combines a copy at once (the element's `merge()`): what it did, or why not.
    pub fn merge_now(
        &mut self,
        theirs: &Plan,
        other_document: bool,
    ) -> Result<Summary, MergeError> {
        let m = merge::merge(self.state.plan(), theirs, other_document)?;
        if !m.summary.nothing_new || m.plan != *self.state.plan() {
            self.apply_merged(m.plan, m.summary.clone());
        }
        Ok(m.summary)
    }

    fn apply_merged(&mut self, plan: Plan, summary: Summary) {
        let said = Message::new("plan.announce.combined")
            .arg("summary", Arg::Message(Box::new(summary_words(&summary))));
        let focus = if summary.conflicts + summary.kept > 0 {
            Focus::Element("op-conflicts".to_owned())
        } else {
            Focus::Title
        };
        let result = self.state.replace_as(plan, said, focus);
        self.take(result);
        self.started = true;
        self.cost_typed.clear();
        self.last_merge = Some(summary);
    }

    /// Settles a conflict with `value` (one version, or the person's own blend).
    pub(super) fn choose(&mut self, at: &str, field: &str, value: Value) {
        let mut plan = self.state.plan().clone();
        if !matches!(merge::resolve(&mut plan, at, field, value), Ok(true)) {
            return;
        }
        // Focus stays in the panel while anything is left to settle; then it goes to the part
        // just settled, so the person carries on from there (and undo is a key away).
        let focus = if !merge::conflicts(&plan).is_empty() || !kept_of(&plan).is_empty() {
            Focus::Element("op-conflicts".to_owned())
        } else {
            self.settled_focus(&plan, at, field)
        };
        let result = self
            .state
            .replace_as(plan, Message::new("plan.announce.chose"), focus);
        self.take(result);
    }

    fn settled_focus(&self, plan: &Plan, at: &str, field: &str) -> Focus {
        if let Some(id) = at.strip_prefix("b:") {
            let mut found = None;
            super::tree::walk(&plan.blocks, &mut |b: &Block| {
                if b.id == id {
                    found = Some(match b.kind().field(field) {
                        Some(f) => Focus::Field {
                            block: b.id.clone(),
                            field: f.name,
                        },
                        None => Focus::Block(b.id.clone()),
                    });
                }
            });
            if let Some(focus) = found {
                return focus;
            }
        }
        if let Some(id) = at.strip_prefix("r:") {
            return Focus::Review(id.to_owned());
        }
        Focus::Title
    }

    /// Keeps, or removes, a part a merge kept although one copy had removed it.
    pub(super) fn settle_kept(&mut self, at: &str, keep: bool) {
        let mut plan = self.state.plan().clone();
        if !matches!(merge::settle_kept(&mut plan, at, keep), Ok(true)) {
            return;
        }
        let key = if keep {
            "plan.announce.kept"
        } else {
            "plan.announce.removed_kept"
        };
        let focus = if !merge::conflicts(&plan).is_empty() || !kept_of(&plan).is_empty() {
            Focus::Element("op-conflicts".to_owned())
        } else if keep {
            self.settled_focus(&plan, at, "")
        } else {
            Focus::Title
        };
        let result = self.state.replace_as(plan, Message::new(key), focus);
        self.take(result);
    }

    /// The open conflicts, each with the part of the plan it is in.
    pub fn open_conflicts(&self) -> Vec<ConflictView> {
        let plan = self.state.plan();
        merge::conflicts(plan)
            .into_iter()
            .map(|c| ConflictView {
                label: self.label(&c),
                at: c.at,
                field: c.field,
                values: c.values,
            })
            .collect()
    }

    /// Parts kept although one copy removed them: (entity, name in words).
    pub fn kept_parts(&self) -> Vec<(String, Message)> {
        let plan = self.state.plan();
        let Some(history) = plan.merge.as_ref() else {
            return Vec::new();
        };
        history
            .kept
            .iter()
            .filter_map(|at| {
                let name = if let Some(id) = at.strip_prefix("b:") {
                    self.state.block(id)?.name_arg()
                } else if let Some(id) = at.strip_prefix("r:") {
                    let review = plan.reviews.iter().find(|r| r.id == id)?;
                    Arg::Text(review.date.clone())
                } else {
                    return None;
                };
                Some((
                    at.clone(),
                    Message::new("plan.ui.kept.part").arg("name", name),
                ))
            })
            .collect()
    }

    fn label(&self, c: &Conflict) -> Message {
        let field = c.field.as_str();
        if let Some(id) = c.at.strip_prefix("b:") {
            if let Some(block) = self.state.block(id) {
                let what = block
                    .kind()
                    .field(field)
                    .map_or(Arg::Text(field.to_owned()), |f| Arg::Key(f.label));
                return Message::new("plan.ui.conflict.in_block")
                    .arg("name", block.name_arg())
                    .arg("what", what);
            }
        }
        if let Some(id) = c.at.strip_prefix("i:") {
            let mut holder: Option<&Block> = None;
            super::tree::walk(&self.state.plan().blocks, &mut |b: &Block| {
                if b.body
                    .item_lists()
                    .iter()
                    .any(|(_, l)| l.iter().any(|i| i.id == id))
                {
                    holder = Some(b);
                }
            });
            if let Some(block) = holder {
                return Message::new("plan.ui.conflict.item").arg("name", block.name_arg());
            }
        }
        if c.at.starts_with("r:") {
            return Message::new("plan.ui.conflict.review");
        }
        if field == "title" {
            return Message::new("plan.ui.title");
        }
        Message::new("plan.ui.conflict.plan")
    }
}

/// What a merge did, in plain words.
pub fn summary_words(s: &Summary) -> Message {
    if s.nothing_new && s.conflicts == 0 && s.kept == 0 {
        return Message::new("plan.ui.share.nothing_new");
    }
    Message::new("plan.ui.share.summary")
        .arg("added", Arg::Text(s.added.to_string()))
        .arg("changed", Arg::Text(s.changed.to_string()))
        .arg("removed", Arg::Text(s.removed.to_string()))
        .arg("conflicts", Arg::Text((s.conflicts + s.kept).to_string()))
}

fn kept_of(plan: &Plan) -> &[String] {
    plan.merge.as_ref().map_or(&[], |h| &h.kept)
}
