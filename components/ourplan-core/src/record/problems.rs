//! A record's problems as a person meets them: checking the value, which problems show (after a
//! field is left, or everywhere after validate), the field each one sits beside, and its words.

use super::{Form, RecordState, Schema, ShownProblem};
use crate::i18n::{Lang, t};
use crate::model::{Kind, Node};
use crate::pointer;
use crate::schema::{Message, Problem};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

impl RecordState {
    /// The person left the field at `pointer`: its problem may show from now on.
    pub fn leave(&mut self, pointer: &str) {
        if self.touched.insert(pointer.to_owned()) {
            self.settle();
        }
    }

    /// Shows every problem (the host called validate, or the form was submitted). Returns whether
    /// the value is valid.
    pub fn validate_all(&mut self) -> bool {
        // Checking needs the validator; a schema that fails to compile becomes the load error.
        let _ = self.compile_pending();
        self.show_all = true;
        self.settle();
        self.is_valid()
    }

    /// Whether the value is valid (and nothing typed is unparsed).
    pub fn is_valid(&self) -> bool {
        matches!(&self.schema, Schema::Ready { problems, .. } if problems.is_empty())
            && self.json_errors.is_empty()
    }

    /// Whether the error summary shows.
    pub fn summary_shown(&self) -> bool {
        self.show_all && !self.all_problems().is_empty()
    }

    /// The problem shown beside the field at `pointer`, if any: only once the person has left the
    /// field (or validate was called), and gone as soon as it is fixed.
    pub fn visible_problem(&self, pointer: &str) -> Option<ShownProblem> {
        if !self.show_all && !self.touched.contains(pointer) {
            return None;
        }
        // Every field shows its problem after validate: place them all once (cached). Before
        // that only the fields the person has left show one, so only this field's is written.
        if self.show_all || self.shown.borrow().is_some() {
            let shown = self.shown();
            return shown.at.get(pointer).map(|&i| shown.list[i].clone());
        }
        self.placed(|p| p == pointer).remove(pointer)
    }

    /// The first problem in form order (what the form's validity message says), written alone.
    pub fn first_problem(&self) -> Option<ShownProblem> {
        if let Some(shown) = self.shown.borrow().as_ref() {
            return shown.list.first().cloned();
        }
        let model = self.schema.model()?;
        let at: HashSet<&str> = self
            .json_errors
            .keys()
            .map(|p| model.nearest(p).pointer.as_str())
            .chain(
                self.schema
                    .problems()
                    .iter()
                    .map(|p| model.nearest(&p.pointer).pointer.as_str()),
            )
            .collect();
        let first = model
            .walk()
            .into_iter()
            .find(|n| at.contains(n.pointer.as_str()))?;
        self.placed(|p| p == first.pointer).remove(&first.pointer)
    }

    /// Every current problem, each placed at the nearest field the form draws, one per field, in
    /// form order.
    pub fn all_problems(&self) -> Vec<ShownProblem> {
        self.shown().list.clone()
    }

    /// Checks the value again after a change, once the schema is compiled.
    pub(super) fn revalidate(&mut self) {
        if let Schema::Ready {
            form,
            compiled,
            problems,
        } = &mut self.schema
        {
            *problems = within_chosen_shapes(form, &self.value, compiled.problems(&self.value));
        }
        self.shown.replace(None);
        self.settle();
    }

    fn shown(&self) -> Rc<Shown> {
        if let Some(shown) = self.shown.borrow().as_ref() {
            return shown.clone();
        }
        let list = self.place_problems();
        let at = list
            .iter()
            .enumerate()
            .map(|(i, p)| (p.pointer.clone(), i))
            .collect();
        let shown = Rc::new(Shown { list, at });
        self.shown.replace(Some(shown.clone()));
        shown
    }

    fn place_problems(&self) -> Vec<ShownProblem> {
        let Some(model) = self.schema.model() else {
            return Vec::new();
        };
        let mut by_field = self.placed(|_| true);
        model
            .walk()
            .into_iter()
            .filter_map(|n| by_field.remove(&n.pointer))
            .collect()
    }

    /// Each problem placed at the field that shows it (the first problem of a field wins), for
    /// the fields `keep` accepts; only their messages are written, so a keystroke in a form with
    /// hundreds of problems nobody has been shown yet writes none of them.
    fn placed(&self, keep: impl Fn(&str) -> bool) -> HashMap<String, ShownProblem> {
        let Some(model) = self.schema.model() else {
            return HashMap::new();
        };
        let mut by_field: HashMap<String, ShownProblem> = HashMap::new();
        for (ptr, (line, column)) in &self.json_errors {
            let node = model.nearest(ptr);
            if !keep(&node.pointer) {
                continue;
            }
            let message = t(
                self.lang,
                "error.json",
                &[
                    ("label", &label_for(node, self.lang)),
                    ("line", &line.to_string()),
                    ("column", &column.to_string()),
                ],
            );
            by_field.insert(node.pointer.clone(), shown(node, message));
        }
        for p in self.schema.problems() {
            let node = model.nearest(&p.pointer);
            if !keep(&node.pointer) || by_field.contains_key(&node.pointer) {
                continue;
            }
            by_field.insert(
                node.pointer.clone(),
                shown(node, message_at(&p.keyword, &p.message, node, self.lang)),
            );
        }
        by_field
    }

    /// Marks the fields whose shown problem appeared, changed or went away.
    fn settle(&mut self) {
        let showing = |pointer: &str| self.show_all || self.touched.contains(pointer);
        let visible: HashMap<String, String> = match self.shown.borrow().as_ref() {
            Some(shown) => shown
                .list
                .iter()
                .filter(|p| showing(&p.pointer))
                .map(|p| (p.pointer.clone(), p.message.clone()))
                .collect(),
            // Only the problems someone can see: the full list waits until it is asked for.
            None => self
                .placed(showing)
                .into_iter()
                .map(|(pointer, p)| (pointer, p.message))
                .collect(),
        };
        let old = std::mem::take(&mut self.revisions.visible);
        let mut changed: Vec<String> = visible
            .iter()
            .filter(|(p, m)| old.get(*p) != Some(*m))
            .map(|(p, _)| p.clone())
            .collect();
        changed.extend(old.keys().filter(|p| !visible.contains_key(*p)).cloned());
        for p in changed {
            self.changed_at(&p);
        }
        self.revisions.visible = visible;
    }
}

/// Problems placed at the fields that show them, in form order, with an index by field pointer.
#[derive(Debug, Default)]
pub(super) struct Shown {
    list: Vec<ShownProblem>,
    at: HashMap<String, usize>,
}

/// The words of `message` about `node`: "Choose" rather than "Enter" for a missing choice.
pub(super) fn message_at(keyword: &str, message: &Message, node: &Node, lang: Lang) -> String {
    // The schema's own words for this keyword win (`x-ourplan.messages`).
    if let Some(own) = node
        .messages
        .get(keyword)
        .or_else(|| node.messages.get("*"))
    {
        return own.clone();
    }
    let mut message = message.clone();
    if message.key == "error.required" {
        match node.kind {
            Kind::Choice { .. } | Kind::MultiChoice { .. } | Kind::Alternatives { .. } => {
                message.key = "error.required_choice";
            }
            // A checkbox's label is often a statement ("I agree"): "Answer ‘I agree’".
            Kind::Boolean => message.key = "error.required_boolean",
            _ => {}
        }
    }
    message.render_about(lang, &label_for(node, lang))
}

/// A value that fits none of a `oneOf`'s shapes fails at the choice itself ("choose which kind of
/// answer fits"). Once a shape is chosen, the person needs to hear what is missing from *that*
/// shape, beside its fields: so such a problem is replaced by the chosen shape's own problems.
fn within_chosen_shapes(form: &Form, value: &Value, problems: Vec<Problem>) -> Vec<Problem> {
    let model = &form.model;
    let mut out = Vec::with_capacity(problems.len());
    for p in problems {
        let replaced = match (p.keyword.as_str(), model.find(&p.pointer).map(|n| &n.kind)) {
            (
                "oneOf" | "anyOf",
                Some(Kind::Alternatives {
                    branches,
                    chosen: Some((i, _)),
                }),
            ) => {
                let test = branches
                    .get(*i)
                    .and_then(|b| form.lowered.tests.get(b.test))
                    .and_then(Option::as_ref);
                let value = pointer::get(value, &p.pointer);
                match (test, value) {
                    (Some(c), Some(v)) => {
                        let inner: Vec<Problem> = c
                            .problems(v)
                            .into_iter()
                            .map(|mut q| {
                                q.pointer = format!("{}{}", p.pointer, q.pointer);
                                q
                            })
                            .collect();
                        (!inner.is_empty()).then_some(inner)
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        match replaced {
            Some(inner) => out.extend(inner),
            None => out.push(p),
        }
    }
    out
}

fn shown(node: &Node, message: String) -> ShownProblem {
    ShownProblem {
        pointer: node.pointer.clone(),
        message,
    }
}

/// The label as it reads inside a sentence: quoted as the schema wrote it ("Enter ‘Full name’").
/// A title may be a noun phrase, a question ("Follow up in how many weeks?") or a statement ("I
/// agree", "Happy for us to email them"); only quoting reads naturally for every one. The Welsh
/// catalogue puts the quotes in its own sentences.
fn label_for(node: &Node, lang: Lang) -> String {
    if node.label.is_empty() {
        return t(lang, "label.this_answer", &[]);
    }
    if lang.base() == Lang::Cy {
        node.label.clone()
    } else {
        format!("‘{}’", node.label)
    }
}
