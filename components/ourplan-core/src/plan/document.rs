//! The plan document's types and their JSON form (`schemas/plan.schema.json` describes the same).
//!
//! Unknown fields are kept: the document and every block, item, review and budget carry an
//! `extra` map, so a file written by a newer kit or another tool survives a round trip here.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

pub use super::choices::{Frequency, ManagedAs, PaidFrom, Period};
pub use super::kinds::{Field, FieldType, Kind};
pub use super::merge::History;
use super::merge::written;
use super::pictures::{self, Pictures};
use crate::merge::{Stored, Written};
use std::collections::BTreeMap;

/// The `format` every plan file carries.
pub const FORMAT: &str = "ourplan-plan";
/// The newest document version this kit reads and writes.
pub const VERSION: u64 = 1;
/// How many sections a block may sit inside. Deeper nesting helps nobody read a plan, and a
/// limit keeps every file well inside the JSON parser's nesting limit, so an exported plan can
/// always be opened again.
pub const MAX_DEPTH: usize = 12;

/// A support plan.
///
/// Its JSON form has the fields below in camelCase, and `merge` (the merge history, see
/// [`crate::plan::merge`]) once the plan has been opened, shared or merged.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Always [`FORMAT`].
    pub format: String,
    /// The document version, [`VERSION`] for plans this kit writes.
    pub version: u64,
    /// The plan's title, in the person's words.
    pub title: String,
    /// The person's blocks, in their order.
    pub blocks: Vec<Block>,
    /// The indicative budget and how it is managed.
    pub budget: Budget,
    /// Whether a practitioner marked the plan as complex (a sign-off rule may look at this).
    pub complex: bool,
    /// Who signed the plan off, when, and a fingerprint of what they saw.
    pub signoff: Option<Signoff>,
    /// Reviews of the plan, oldest first.
    pub reviews: Vec<Review>,
    /// The pictures the blocks show, by key (see [`crate::plan::pictures`]). A picture no block
    /// shows any more stays here (undo may bring its block back) but is not written to a file.
    pub pictures: Pictures,
    /// The counter new ids are made from. It only goes up, so an id is never reused, even after
    /// the block that had it was removed.
    pub next_id: u64,
    /// How this copy combines with others: its document id, revisions, snapshots of common
    /// ancestors, open conflicts. `None` until the plan is first opened, shared or merged.
    pub merge: Option<History>,
    /// Fields this kit does not know, kept as they were.
    pub extra: Map<String, Value>,
}

/// The plan's JSON form, written.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlanOut<'a> {
    format: &'a str,
    version: u64,
    title: &'a str,
    blocks: &'a [Block],
    budget: &'a Budget,
    complex: bool,
    signoff: &'a Option<Signoff>,
    reviews: &'a [Review],
    #[serde(skip_serializing_if = "pictures::PicturesOut::is_empty")]
    pictures: pictures::PicturesOut<'a>,
    next_id: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    merge: Option<Written<'a>>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

/// The plan's JSON form, read.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlanIn {
    format: String,
    version: u64,
    #[serde(default)]
    title: String,
    #[serde(default)]
    blocks: Vec<Block>,
    #[serde(default)]
    budget: Budget,
    #[serde(default)]
    complex: bool,
    #[serde(default)]
    signoff: Option<Signoff>,
    #[serde(default)]
    reviews: Vec<Review>,
    /// Read as any JSON first: pictures that cannot be read stay in the file as they were.
    #[serde(default)]
    pictures: Option<Value>,
    #[serde(default)]
    next_id: u64,
    /// Read as any JSON first: a history that cannot be read is dropped, never the plan.
    #[serde(default)]
    merge: Option<Value>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

impl Serialize for Plan {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        PlanOut {
            format: &self.format,
            version: self.version,
            title: &self.title,
            blocks: &self.blocks,
            budget: &self.budget,
            complex: self.complex,
            signoff: &self.signoff,
            reviews: &self.reviews,
            // A fingerprint covers the blocks, whose picture keys are hashes of the pictures.
            pictures: if self.omit_history() {
                pictures::PicturesOut::Written(BTreeMap::new())
            } else {
                pictures::written_out(self)
            },
            next_id: self.next_id,
            merge: if self.omit_history() {
                None
            } else {
                written(self)
            },
            extra: &self.extra,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Plan {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let read = PlanIn::deserialize(deserializer)?;
        let mut plan = Plan {
            format: read.format,
            version: read.version,
            title: read.title,
            blocks: read.blocks,
            budget: read.budget,
            complex: read.complex,
            signoff: read.signoff,
            reviews: read.reviews,
            pictures: Pictures::new(),
            next_id: read.next_id,
            merge: None,
            extra: read.extra,
        };
        match read.pictures.map(|p| (Pictures::deserialize(&p), p)) {
            Some((Ok(pictures), _)) => plan.pictures = pictures,
            Some((Err(_), kept)) => {
                plan.extra.insert("pictures".to_owned(), kept);
            }
            None => {}
        }
        if let Some(stored) = read.merge.and_then(|m| Stored::deserialize(m).ok()) {
            plan.merge = Some(stored.into_history());
        }
        Ok(plan)
    }
}

thread_local! {
    /// Set while the plan's content alone is wanted (its fingerprint).
    static CONTENT_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl Plan {
    /// The plan's JSON without its merge history (what a fingerprint covers).
    pub(crate) fn content_value(&self) -> Value {
        CONTENT_ONLY.with(|c| c.set(true));
        let value = serde_json::to_value(self).unwrap_or(Value::Null);
        CONTENT_ONLY.with(|c| c.set(false));
        value
    }

    fn omit_history(&self) -> bool {
        CONTENT_ONLY.with(|c| c.get())
    }

    /// An empty plan with this title.
    pub fn new(title: impl Into<String>) -> Plan {
        Plan {
            format: FORMAT.to_owned(),
            version: VERSION,
            title: title.into(),
            blocks: Vec::new(),
            budget: Budget::default(),
            complex: false,
            signoff: None,
            reviews: Vec::new(),
            pictures: Pictures::new(),
            next_id: 1,
            merge: None,
            extra: Map::new(),
        }
    }
}

/// The budget part of a plan.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Budget {
    /// The indicative budget from the council, if there is one yet.
    #[serde(default)]
    pub indicative: Option<Indicative>,
    /// How the indicative budget was worked out, in plain words.
    #[serde(default)]
    pub how_worked_out: String,
    /// How the budget is managed.
    #[serde(default)]
    pub managed_as: ManagedAs,
    /// Fields this kit does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An indicative budget: an amount for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Indicative {
    /// The amount, in whole pence.
    pub amount_pence: u64,
    /// The period the amount is for.
    pub period: Period,
}

/// A sign-off: who, when, and a fingerprint of the plan's content at that moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signoff {
    /// The practitioner's name.
    pub name: String,
    /// Their role.
    #[serde(default)]
    pub role: String,
    /// When, as an RFC 3339 date and time supplied by the host.
    pub at: String,
    /// [`crate::plan::fingerprint`] of the plan when it was signed off.
    pub fingerprint: String,
    /// Fields this kit does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A review of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    /// Stable id.
    pub id: String,
    /// The date of the review, `YYYY-MM-DD`, or empty while not yet given.
    #[serde(default)]
    pub date: String,
    /// Who took part.
    #[serde(default)]
    pub by: String,
    /// What is working.
    #[serde(default)]
    pub working: String,
    /// What is not working.
    #[serde(default)]
    pub not_working: String,
    /// What will change.
    #[serde(default)]
    pub changes: String,
    /// Fields this kit does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One block of the plan: an id, what kind of block it is with its content, and unknown fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Stable id, unique in the document.
    pub id: String,
    /// The kind and its content.
    pub body: Body,
    /// Fields this kit does not know.
    pub extra: Map<String, Value>,
}

/// What a block is and holds. In JSON the kind is the `kind` field beside the content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Body {
    /// A part of the plan with a title the person chose; sections nest.
    Section {
        #[serde(default)]
        title: String,
        #[serde(default)]
        children: Vec<Block>,
    },
    /// A heading.
    Heading {
        #[serde(default)]
        text: String,
    },
    /// Paragraphs in the person's own words (blank lines between paragraphs).
    Text {
        #[serde(default)]
        text: String,
    },
    /// A list.
    List {
        #[serde(default)]
        items: Vec<Item>,
    },
    /// A list of things to do, each ticked off or not.
    Checklist {
        #[serde(default)]
        items: Vec<Item>,
    },
    /// What matters to me.
    WhatMatters {
        #[serde(default)]
        text: String,
    },
    /// Someone important to the person.
    Person {
        #[serde(default)]
        name: String,
        #[serde(default)]
        relationship: String,
        #[serde(default)]
        how_they_help: String,
        #[serde(default)]
        contact: String,
    },
    /// An outcome the person wants.
    Outcome {
        #[serde(default)]
        what: String,
        #[serde(default)]
        how_i_will_know: String,
        #[serde(default)]
        by_when: String,
    },
    /// Something someone will do.
    Action {
        #[serde(default)]
        who: String,
        #[serde(default)]
        what: String,
        #[serde(default)]
        by_when: String,
    },
    /// A line of spending.
    BudgetLine {
        #[serde(default)]
        what: String,
        /// Whole pence, never a float.
        #[serde(default)]
        cost_pence: u64,
        #[serde(default)]
        frequency: Frequency,
        #[serde(default)]
        paid_from: PaidFrom,
        /// The outcome block this spending is for.
        #[serde(default)]
        outcome_id: Option<String>,
        /// Marked as needing a second look before sign-off.
        #[serde(default)]
        second_look: bool,
    },
    /// Please do, and please don't.
    DoDont {
        #[serde(default)]
        please_do: Vec<Item>,
        #[serde(default)]
        please_dont: Vec<Item>,
    },
    /// A label and a value ("Date last updated": "3 March").
    LabelValue {
        #[serde(default)]
        label: String,
        #[serde(default)]
        value: String,
    },
    /// A picture, with a few words for people who cannot see it.
    Picture {
        /// The key of the picture in the plan's `pictures`, or empty while none is chosen.
        #[serde(default)]
        picture: String,
        /// What the picture shows, in the person's words (may be empty: never forced).
        #[serde(default)]
        description: String,
    },
    /// A kind of block this version does not know (made by a newer kit, or another tool). Its
    /// content stays in the block's `extra`, untouched, and goes back out as it came in: the
    /// screen shows it as a part this version cannot show, and nothing is lost.
    #[serde(skip)]
    Unknown {
        /// The kind's name as the file gave it.
        kind: String,
    },
}

/// One item of a list, a checklist or a "please do / please don't" block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Stable id, unique in the document.
    pub id: String,
    /// The item's words.
    #[serde(default)]
    pub text: String,
    /// Ticked or not: checklists only (absent elsewhere).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
    /// Fields this kit does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Serialize for Block {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // `id` first, then `kind` and the content, then unknown fields, as people read files.
        if let Body::Unknown { kind } = &self.body {
            #[derive(Serialize)]
            struct Kept<'a> {
                id: &'a str,
                kind: &'a str,
                #[serde(flatten)]
                extra: &'a Map<String, Value>,
            }
            return Kept {
                id: &self.id,
                kind,
                extra: &self.extra,
            }
            .serialize(serializer);
        }
        #[derive(Serialize)]
        struct View<'a> {
            id: &'a str,
            #[serde(flatten)]
            body: &'a Body,
            #[serde(flatten)]
            extra: &'a Map<String, Value>,
        }
        View {
            id: &self.id,
            body: &self.body,
            extra: &self.extra,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Two flattened fields (the tagged body and the unknown fields) cannot share one map in
        // serde's derive: both would see every key. So the keys are split here by the kind's
        // field table, which a test keeps in step with `Body`.
        let mut map = Map::<String, Value>::deserialize(deserializer)?;
        // `shift_remove` keeps the other keys in the file's order, as people read files.
        let id = match map.shift_remove("id") {
            Some(Value::String(id)) => id,
            _ => return Err(D::Error::custom("a block needs an \"id\" that is a string")),
        };
        let kind_name = match map.shift_remove("kind") {
            Some(Value::String(kind)) => kind,
            _ => {
                return Err(D::Error::custom(
                    "a block needs a \"kind\" that is a string",
                ));
            }
        };
        let Some(kind) = Kind::from_name(&kind_name) else {
            return Ok(Block {
                id,
                body: Body::Unknown { kind: kind_name },
                extra: map,
            });
        };
        let mut known = Map::new();
        known.insert("kind".to_owned(), Value::String(kind_name));
        for field in kind.fields() {
            if let Some(value) = map.shift_remove(field.name) {
                known.insert(field.name.to_owned(), value);
            }
        }
        let body = Body::deserialize(Value::Object(known)).map_err(D::Error::custom)?;
        Ok(Block {
            id,
            body,
            extra: map,
        })
    }
}
