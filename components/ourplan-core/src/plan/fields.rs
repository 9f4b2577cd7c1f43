//! Reading and writing a block's fields by name, checked against its kind's field table, so a
//! screen can edit any block through one generic operation.

use super::Arg;
use super::document::{Block, Body, FieldType, Frequency, Item, Kind, PaidFrom};
use super::error::ErrorKind;
use super::money::MAX_PENCE;
use serde_json::Value;

/// How many characters of a block's words name it in an announcement.
const NAME_CHARS: usize = 60;

impl Body {
    /// The block's kind.
    pub fn kind(&self) -> Kind {
        match self {
            Body::Section { .. } => Kind::Section,
            Body::Heading { .. } => Kind::Heading,
            Body::Text { .. } => Kind::Text,
            Body::List { .. } => Kind::List,
            Body::Checklist { .. } => Kind::Checklist,
            Body::WhatMatters { .. } => Kind::WhatMatters,
            Body::Person { .. } => Kind::Person,
            Body::Outcome { .. } => Kind::Outcome,
            Body::Action { .. } => Kind::Action,
            Body::BudgetLine { .. } => Kind::BudgetLine,
            Body::DoDont { .. } => Kind::DoDont,
            Body::LabelValue { .. } => Kind::LabelValue,
            Body::Picture { .. } => Kind::Picture,
            Body::Unknown { .. } => Kind::Unknown,
        }
    }

    /// An empty block of `kind`.
    pub fn empty(kind: Kind) -> Body {
        let s = String::new;
        match kind {
            Kind::Section => Body::Section {
                title: s(),
                children: Vec::new(),
            },
            Kind::Heading => Body::Heading { text: s() },
            Kind::Text => Body::Text { text: s() },
            Kind::List => Body::List { items: Vec::new() },
            Kind::Checklist => Body::Checklist { items: Vec::new() },
            Kind::WhatMatters => Body::WhatMatters { text: s() },
            Kind::Person => Body::Person {
                name: s(),
                relationship: s(),
                how_they_help: s(),
                contact: s(),
            },
            Kind::Outcome => Body::Outcome {
                what: s(),
                how_i_will_know: s(),
                by_when: s(),
            },
            Kind::Action => Body::Action {
                who: s(),
                what: s(),
                by_when: s(),
            },
            Kind::BudgetLine => Body::BudgetLine {
                what: s(),
                cost_pence: 0,
                frequency: Frequency::Weekly,
                paid_from: PaidFrom::DirectPayment,
                outcome_id: None,
                second_look: false,
            },
            Kind::DoDont => Body::DoDont {
                please_do: Vec::new(),
                please_dont: Vec::new(),
            },
            Kind::LabelValue => Body::LabelValue {
                label: s(),
                value: s(),
            },
            Kind::Picture => Body::Picture {
                picture: s(),
                description: s(),
            },
            Kind::Unknown => Body::Unknown { kind: s() },
        }
    }

    /// The text field called `field`, if this kind has one.
    pub fn text(&self, field: &str) -> Option<&str> {
        // The same table as `text_mut`; a test checks both against the kinds' field tables.
        Some(match (self, field) {
            (Body::Section { title, .. }, "title") => title,
            (Body::Heading { text } | Body::Text { text } | Body::WhatMatters { text }, "text") => {
                text
            }
            (Body::Person { name, .. }, "name") => name,
            (Body::Person { relationship, .. }, "relationship") => relationship,
            (Body::Person { how_they_help, .. }, "howTheyHelp") => how_they_help,
            (Body::Person { contact, .. }, "contact") => contact,
            (Body::Outcome { what, .. }, "what") => what,
            (
                Body::Outcome {
                    how_i_will_know, ..
                },
                "howIWillKnow",
            ) => how_i_will_know,
            (Body::Outcome { by_when, .. }, "byWhen") => by_when,
            (Body::Action { who, .. }, "who") => who,
            (Body::Action { what, .. }, "what") => what,
            (Body::Action { by_when, .. }, "byWhen") => by_when,
            (Body::BudgetLine { what, .. }, "what") => what,
            (Body::LabelValue { label, .. }, "label") => label,
            (Body::LabelValue { value, .. }, "value") => value,
            (Body::Picture { picture, .. }, "picture") => picture,
            (Body::Picture { description, .. }, "description") => description,
            _ => return None,
        })
    }

    fn text_mut(&mut self, field: &str) -> Option<&mut String> {
        Some(match (self, field) {
            (Body::Section { title, .. }, "title") => title,
            (Body::Heading { text } | Body::Text { text } | Body::WhatMatters { text }, "text") => {
                text
            }
            (Body::Person { name, .. }, "name") => name,
            (Body::Person { relationship, .. }, "relationship") => relationship,
            (Body::Person { how_they_help, .. }, "howTheyHelp") => how_they_help,
            (Body::Person { contact, .. }, "contact") => contact,
            (Body::Outcome { what, .. }, "what") => what,
            (
                Body::Outcome {
                    how_i_will_know, ..
                },
                "howIWillKnow",
            ) => how_i_will_know,
            (Body::Outcome { by_when, .. }, "byWhen") => by_when,
            (Body::Action { who, .. }, "who") => who,
            (Body::Action { what, .. }, "what") => what,
            (Body::Action { by_when, .. }, "byWhen") => by_when,
            (Body::BudgetLine { what, .. }, "what") => what,
            (Body::LabelValue { label, .. }, "label") => label,
            (Body::LabelValue { value, .. }, "value") => value,
            (Body::Picture { picture, .. }, "picture") => picture,
            (Body::Picture { description, .. }, "description") => description,
            _ => return None,
        })
    }

    /// The item list called `field` (`items`, `pleaseDo`, `pleaseDont`), if this kind has one.
    pub fn items(&self, field: &str) -> Option<&[Item]> {
        match (self, field) {
            (Body::List { items } | Body::Checklist { items }, "items") => Some(items),
            (Body::DoDont { please_do, .. }, "pleaseDo") => Some(please_do),
            (Body::DoDont { please_dont, .. }, "pleaseDont") => Some(please_dont),
            _ => None,
        }
    }

    pub(crate) fn items_mut(&mut self, field: &str) -> Option<&mut Vec<Item>> {
        match (self, field) {
            (Body::List { items } | Body::Checklist { items }, "items") => Some(items),
            (Body::DoDont { please_do, .. }, "pleaseDo") => Some(please_do),
            (Body::DoDont { please_dont, .. }, "pleaseDont") => Some(please_dont),
            _ => None,
        }
    }

    /// Every item list of this block, with its field name.
    pub(crate) fn item_lists(&self) -> Vec<(&'static str, &[Item])> {
        match self {
            Body::List { items } | Body::Checklist { items } => vec![("items", items)],
            Body::DoDont {
                please_do,
                please_dont,
            } => vec![("pleaseDo", please_do), ("pleaseDont", please_dont)],
            _ => Vec::new(),
        }
    }

    /// A section's children (empty for other kinds).
    pub fn children(&self) -> &[Block] {
        match self {
            Body::Section { children, .. } => children,
            _ => &[],
        }
    }

    pub(crate) fn children_mut(&mut self) -> Option<&mut Vec<Block>> {
        match self {
            Body::Section { children, .. } => Some(children),
            _ => None,
        }
    }

    /// The value of a field that [`crate::plan::PlanState::set_field`] writes (text, pence,
    /// choices, references, booleans), as JSON. `None` for item lists, children and names this
    /// kind lacks.
    pub fn get(&self, field: &str) -> Option<Value> {
        if let Some(text) = self.text(field) {
            return Some(Value::String(text.to_owned()));
        }
        let Body::BudgetLine {
            cost_pence,
            frequency,
            paid_from,
            outcome_id,
            second_look,
            ..
        } = self
        else {
            return None;
        };
        Some(match field {
            "costPence" => Value::from(*cost_pence),
            "frequency" => serde_json::to_value(frequency).ok()?,
            "paidFrom" => serde_json::to_value(paid_from).ok()?,
            "outcomeId" => outcome_id.clone().map_or(Value::Null, Value::String),
            "secondLook" => Value::Bool(*second_look),
            _ => return None,
        })
    }

    /// Writes a field by name, checking the value's type against the kind's field table. Whether
    /// an `outcomeId` names a real outcome is checked by the caller, which can see the plan.
    pub(crate) fn set(&mut self, field: &str, value: Value) -> Result<(), ErrorKind> {
        let kind = self.kind();
        let Some(spec) = kind.field(field) else {
            return Err(ErrorKind::NoSuchField {
                kind: kind.as_str(),
                field: field.to_owned(),
            });
        };
        let wrong = || ErrorKind::WrongValue {
            field: spec.name,
            expected: expected(spec.ty),
        };
        match spec.ty {
            FieldType::Text | FieldType::Picture => {
                let Value::String(text) = value else {
                    return Err(wrong());
                };
                *self.text_mut(field).ok_or_else(wrong)? = text;
            }
            FieldType::Items | FieldType::Children => return Err(wrong()),
            _ => {
                let Body::BudgetLine {
                    cost_pence,
                    frequency,
                    paid_from,
                    outcome_id,
                    second_look,
                    ..
                } = self
                else {
                    return Err(wrong());
                };
                match spec.ty {
                    FieldType::Pence => match value.as_u64() {
                        Some(p) if p <= MAX_PENCE => *cost_pence = p,
                        _ => return Err(wrong()),
                    },
                    FieldType::Frequency => {
                        *frequency = serde_json::from_value(value).map_err(|_| wrong())?
                    }
                    FieldType::PaidFrom => {
                        *paid_from = serde_json::from_value(value).map_err(|_| wrong())?
                    }
                    FieldType::BlockRef => match value {
                        Value::Null => *outcome_id = None,
                        Value::String(id) if !id.is_empty() => *outcome_id = Some(id),
                        _ => return Err(wrong()),
                    },
                    FieldType::Bool => *second_look = value.as_bool().ok_or_else(wrong)?,
                    _ => return Err(wrong()),
                }
            }
        }
        Ok(())
    }

    /// The words that name this block in an announcement (may be empty).
    pub fn name(&self) -> &str {
        fn first_item(items: &[Item]) -> &str {
            items
                .iter()
                .map(|i| i.text.trim())
                .find(|t| !t.is_empty())
                .unwrap_or("")
        }
        match self {
            Body::Section { title: s, .. }
            | Body::Heading { text: s }
            | Body::Text { text: s }
            | Body::WhatMatters { text: s }
            | Body::Person { name: s, .. }
            | Body::Outcome { what: s, .. }
            | Body::Action { what: s, .. }
            | Body::BudgetLine { what: s, .. }
            | Body::LabelValue { label: s, .. }
            | Body::Picture { description: s, .. } => s.trim(),
            Body::List { items } | Body::Checklist { items } => first_item(items),
            Body::DoDont { please_do, .. } => first_item(please_do),
            Body::Unknown { .. } => "",
        }
    }
}

impl Block {
    /// The block's kind.
    pub fn kind(&self) -> Kind {
        self.body.kind()
    }

    /// The key of the picture beside the block's heading, or empty (see
    /// [`super::pictures::HEADING_PICTURE`]).
    pub fn heading_picture(&self) -> &str {
        self.extra
            .get(super::pictures::HEADING_PICTURE)
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    /// How an announcement names this block: the start of its words, or its kind's name when it
    /// has none yet.
    pub fn name_arg(&self) -> Arg {
        short_name(self.body.name(), self.kind().label())
    }
}

/// The start of `words` (first line, up to [`NAME_CHARS`] characters), or the catalogue key
/// `fallback` when there are no words.
pub(crate) fn short_name(words: &str, fallback: &'static str) -> Arg {
    let line = words.lines().next().unwrap_or("").trim();
    if line.is_empty() {
        return Arg::Key(fallback);
    }
    match line.char_indices().nth(NAME_CHARS) {
        Some((cut, _)) => Arg::Text(format!("{}…", line[..cut].trim_end())),
        None => Arg::Text(line.to_owned()),
    }
}

fn expected(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text => "a string",
        FieldType::Items => "items, changed with the item operations",
        FieldType::Children => "blocks, changed by adding and moving blocks",
        FieldType::Pence => "a whole number of pence from 0 to 9007199254740991",
        FieldType::Frequency => "one of weekly, monthly, yearly, one-off",
        FieldType::PaidFrom => {
            "one of direct-payment, council-managed, individual-service-fund, own-money, other"
        }
        FieldType::BlockRef => "the id of an outcome block, or null",
        FieldType::Bool => "true or false",
        FieldType::Picture => "the key of a picture in the plan's pictures, or empty",
    }
}
