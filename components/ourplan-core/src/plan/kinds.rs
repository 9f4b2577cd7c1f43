//! The kinds of block and each kind's field table: names, types and label keys. One table serves
//! the JSON reader (which keys belong to a kind), the generic field editor (which values a field
//! takes) and a screen drawing any block (which controls, with which labels).

/// The kinds of block, without content: for menus, labels and the field table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// [`Body::Section`](crate::plan::Body::Section).
    Section,
    /// [`Body::Heading`](crate::plan::Body::Heading).
    Heading,
    /// [`Body::Text`](crate::plan::Body::Text).
    Text,
    /// [`Body::List`](crate::plan::Body::List).
    List,
    /// [`Body::Checklist`](crate::plan::Body::Checklist).
    Checklist,
    /// [`Body::WhatMatters`](crate::plan::Body::WhatMatters).
    WhatMatters,
    /// [`Body::Person`](crate::plan::Body::Person).
    Person,
    /// [`Body::Outcome`](crate::plan::Body::Outcome).
    Outcome,
    /// [`Body::Action`](crate::plan::Body::Action).
    Action,
    /// [`Body::BudgetLine`](crate::plan::Body::BudgetLine).
    BudgetLine,
    /// [`Body::DoDont`](crate::plan::Body::DoDont).
    DoDont,
    /// [`Body::LabelValue`](crate::plan::Body::LabelValue).
    LabelValue,
    /// [`Body::Picture`](crate::plan::Body::Picture).
    Picture,
    /// [`Body::Unknown`](crate::plan::Body::Unknown): never offered, never made here.
    Unknown,
}

/// What type of value a block field holds, so a screen can draw the right control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// A string the person types.
    Text,
    /// Items with ids, edited with the item operations of [`crate::plan::PlanState`].
    Items,
    /// Child blocks (sections only), edited by adding and moving blocks.
    Children,
    /// Whole pence (a JSON integer).
    Pence,
    /// One of `weekly`, `monthly`, `yearly`, `one-off`.
    Frequency,
    /// One of `direct-payment`, `council-managed`, `individual-service-fund`, `own-money`, `other`.
    PaidFrom,
    /// The id of an outcome block, or null.
    BlockRef,
    /// True or false.
    Bool,
    /// The key of a picture in the plan's `pictures` (a string, empty while none is chosen).
    Picture,
}

/// One field of a block kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The field's JSON name.
    pub name: &'static str,
    /// Its type.
    pub ty: FieldType,
    /// The catalogue key of its label.
    pub label: &'static str,
}

const fn f(name: &'static str, ty: FieldType, label: &'static str) -> Field {
    Field { name, ty, label }
}

use FieldType as T;

/// A field table as a constant (a `const fn` call in a plain `&[...]` would be a temporary).
macro_rules! table {
    ($($field:expr),* $(,)?) => {{
        const TABLE: &[Field] = &[$($field),*];
        TABLE
    }};
}

impl Kind {
    /// Every kind, in the order a menu offers them.
    pub const ALL: [Kind; 13] = [
        Kind::Section,
        Kind::Heading,
        Kind::Text,
        Kind::List,
        Kind::Checklist,
        Kind::WhatMatters,
        Kind::Person,
        Kind::Outcome,
        Kind::Action,
        Kind::BudgetLine,
        Kind::DoDont,
        Kind::LabelValue,
        Kind::Picture,
    ];

    /// The JSON name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Section => "section",
            Kind::Heading => "heading",
            Kind::Text => "text",
            Kind::List => "list",
            Kind::Checklist => "checklist",
            Kind::WhatMatters => "whatMatters",
            Kind::Person => "person",
            Kind::Outcome => "outcome",
            Kind::Action => "action",
            Kind::BudgetLine => "budgetLine",
            Kind::DoDont => "doDont",
            Kind::LabelValue => "labelValue",
            Kind::Picture => "picture",
            // The real name is the block's own (`Body::Unknown`).
            Kind::Unknown => "unknown",
        }
    }

    /// The kind with this JSON name.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The catalogue key of the kind's name ("Section", "Budget line").
    pub fn label(self) -> &'static str {
        match self {
            Kind::Section => "plan.kind.section",
            Kind::Heading => "plan.kind.heading",
            Kind::Text => "plan.kind.text",
            Kind::List => "plan.kind.list",
            Kind::Checklist => "plan.kind.checklist",
            Kind::WhatMatters => "plan.kind.whatMatters",
            Kind::Person => "plan.kind.person",
            Kind::Outcome => "plan.kind.outcome",
            Kind::Action => "plan.kind.action",
            Kind::BudgetLine => "plan.kind.budgetLine",
            Kind::DoDont => "plan.kind.doDont",
            Kind::LabelValue => "plan.kind.labelValue",
            Kind::Picture => "plan.kind.picture",
            Kind::Unknown => "plan.kind.unknown",
        }
    }

    /// The kind's fields, in the order a screen shows them.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Section => table![
                f("title", T::Text, "plan.field.section.title"),
                f("children", T::Children, "plan.field.section.children"),
            ],
            Kind::Heading => table![f("text", T::Text, "plan.field.heading.text")],
            Kind::Text => table![f("text", T::Text, "plan.field.text.text")],
            Kind::List => table![f("items", T::Items, "plan.field.list.items")],
            Kind::Checklist => table![f("items", T::Items, "plan.field.checklist.items")],
            Kind::WhatMatters => table![f("text", T::Text, "plan.field.whatMatters.text")],
            Kind::Person => table![
                f("name", T::Text, "plan.field.person.name"),
                f("relationship", T::Text, "plan.field.person.relationship"),
                f("howTheyHelp", T::Text, "plan.field.person.howTheyHelp"),
                f("contact", T::Text, "plan.field.person.contact"),
            ],
            Kind::Outcome => table![
                f("what", T::Text, "plan.field.outcome.what"),
                f("howIWillKnow", T::Text, "plan.field.outcome.howIWillKnow"),
                f("byWhen", T::Text, "plan.field.outcome.byWhen"),
            ],
            Kind::Action => table![
                f("who", T::Text, "plan.field.action.who"),
                f("what", T::Text, "plan.field.action.what"),
                f("byWhen", T::Text, "plan.field.action.byWhen"),
            ],
            Kind::BudgetLine => table![
                f("what", T::Text, "plan.field.budgetLine.what"),
                f("costPence", T::Pence, "plan.field.budgetLine.costPence"),
                f("frequency", T::Frequency, "plan.field.budgetLine.frequency"),
                f("paidFrom", T::PaidFrom, "plan.field.budgetLine.paidFrom"),
                f("outcomeId", T::BlockRef, "plan.field.budgetLine.outcomeId"),
                f("secondLook", T::Bool, "plan.field.budgetLine.secondLook"),
            ],
            Kind::DoDont => table![
                f("pleaseDo", T::Items, "plan.field.doDont.pleaseDo"),
                f("pleaseDont", T::Items, "plan.field.doDont.pleaseDont"),
            ],
            Kind::LabelValue => table![
                f("label", T::Text, "plan.field.labelValue.label"),
                f("value", T::Text, "plan.field.labelValue.value"),
            ],
            Kind::Picture => table![
                f("picture", T::Picture, "plan.field.picture.picture"),
                f("description", T::Text, "plan.field.picture.description"),
            ],
            // Nothing to edit: what it holds is kept as it came.
            Kind::Unknown => &[],
        }
    }

    /// The field called `name`, if this kind has one.
    pub fn field(self, name: &str) -> Option<&'static Field> {
        self.fields().iter().find(|f| f.name == name)
    }
}
