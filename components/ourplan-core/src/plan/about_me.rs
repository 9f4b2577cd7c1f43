//! The plan as the PRSB "About Me" standard's sections, as JSON: what a person wants others to
//! know about them, in the order and under the headings the standard gives
//! (`schemas/templates/about-me.json` has the same headings).
//!
//! The JSON written by [`to_about_me`]:
//! ```json
//! { "standard": "PRSB About Me",
//!   "lang": "en",
//!   "title": "About me",
//!   "sections": {
//!     "whatIsMostImportantToMe":                   { "heading": "…", "entries": [] },
//!     "peopleWhoAreImportantToMe":                 { "heading": "…", "entries": [], "people": [] },
//!     "howICommunicateAndHowToCommunicateWithMe":  { "heading": "…", "entries": [] },
//!     "myWellness":                                { "heading": "…", "entries": [] },
//!     "pleaseDoAndPleaseDont":                     { "heading": "…", "entries": [], "pleaseDo": [], "pleaseDont": [] },
//!     "howAndWhenToSupportMe":                     { "heading": "…", "entries": [] },
//!     "alsoWorthKnowingAboutMe":                   { "heading": "…", "entries": [] },
//!     "supportedToWriteThisBy":                    { "heading": "…", "entries": [] },
//!     "dateLastUpdated":                           { "heading": "…", "entries": [] } } }
//! ```
//! Every section is always there, in this order, with its heading in `lang`. An entry is
//! `{ "text": "…" }`, with `"label"` when the words were written under a label or a section title
//! other than the About Me heading itself (a one-page profile's "What people like and admire
//! about me", a section the person named, a label and answer's label, an outcome's "By when";
//! both, as "My garden: Favourite plant", for a label inside a section the person named), and
//! `"block"`, the id of the block they came from. A person is `{ "name", "relationship",
//! "howTheyHelp", "contact", "label", "block" }` with the fields that have words; `pleaseDo` and
//! `pleaseDont` are entries.
//!
//! Where a block goes: a "what matters to me" block to the most important things, a person to the
//! people, a "please do and please don't" block to its section, a label and answer whose label
//! says who supported the person or when it was last updated to those sections; anything else
//! to the section it sits in, found by the section's title (the About Me and one-page profile
//! starters' titles in English or Welsh, then a few words such as "communicate" or "wellbeing").
//! Whatever maps nowhere goes to "Also worth knowing about me", with its section's title as its
//! label, so nothing the person wrote in a block is lost. Empty fields (a starter's placeholders)
//! are left out. The budget, reviews and sign-off are not part of About Me and are not written
//! here (the FHIR and Markdown exports have them).

use super::document::{Block, Body, Item, Plan};
use crate::i18n::{Lang, t};
use serde_json::{Map, Value, json};

/// The About Me sections: key, English heading, Welsh heading (the about-me starter's).
const SECTIONS: [(&str, &str, &str); 9] = [
    (
        "whatIsMostImportantToMe",
        "What is most important to me",
        "Beth sydd bwysicaf i mi",
    ),
    (
        "peopleWhoAreImportantToMe",
        "People who are important to me",
        "Pobl sy’n bwysig i mi",
    ),
    (
        "howICommunicateAndHowToCommunicateWithMe",
        "How I communicate and how to communicate with me",
        "Sut rydw i’n cyfathrebu a sut i gyfathrebu â mi",
    ),
    ("myWellness", "My wellness", "Fy llesiant"),
    (
        "pleaseDoAndPleaseDont",
        "Please do and please don’t",
        "Gwnewch a pheidiwch",
    ),
    (
        "howAndWhenToSupportMe",
        "How and when to support me",
        "Sut a phryd i fy nghefnogi",
    ),
    (
        "alsoWorthKnowingAboutMe",
        "Also worth knowing about me",
        "Pethau eraill sy’n werth eu gwybod amdana i",
    ),
    (
        "supportedToWriteThisBy",
        "Supported to write this by",
        "Wedi cael cymorth i ysgrifennu hwn gan",
    ),
    (
        "dateLastUpdated",
        "Date last updated",
        "Dyddiad diweddaru diwethaf",
    ),
];

const MOST_IMPORTANT: usize = 0;
const PEOPLE: usize = 1;
const COMMUNICATE: usize = 2;
const WELLNESS: usize = 3;
const DO_DONT: usize = 4;
const SUPPORT: usize = 5;
const ALSO: usize = 6;
const SUPPORTED_BY: usize = 7;
const DATE_UPDATED: usize = 8;

/// Section titles of the one-page profile starter (English, Welsh) and where they go. "What
/// people like and admire about me" has no About Me section of its own: it is worth knowing.
const ONE_PAGE_PROFILE: [(&str, &str, usize); 3] = [
    (
        "What people like and admire about me",
        "Beth mae pobl yn ei hoffi ac yn ei edmygu amdana i",
        ALSO,
    ),
    (
        "What’s important to me",
        "Beth sy’n bwysig i mi",
        MOST_IMPORTANT,
    ),
    (
        "How best to support me",
        "Y ffordd orau o fy nghefnogi",
        SUPPORT,
    ),
];

/// Words in a title that point to a section when the title is not one of the starters' own,
/// tried in this order (people before "important", since "people who are important to me").
const HINTS: [(&str, usize); 18] = [
    ("people", PEOPLE),
    ("pobl", PEOPLE),
    ("please do", DO_DONT),
    ("gwnewch", DO_DONT),
    ("communicat", COMMUNICATE),
    ("cyfathreb", COMMUNICATE),
    ("wellness", WELLNESS),
    ("wellbeing", WELLNESS),
    ("well-being", WELLNESS),
    ("health", WELLNESS),
    ("llesiant", WELLNESS),
    ("iechyd", WELLNESS),
    ("support me", SUPPORT),
    ("nghefnogi", SUPPORT),
    ("important", MOST_IMPORTANT),
    ("matters", MOST_IMPORTANT),
    ("pwysig", MOST_IMPORTANT),
    ("worth knowing", ALSO),
];

/// The plan's blocks as About Me sections, in the JSON shape the module's documentation gives.
pub fn to_about_me(plan: &Plan, lang: Lang) -> Value {
    let mut sections: Vec<Section> = SECTIONS.iter().map(|_| Section::default()).collect();
    for block in &plan.blocks {
        place(block, None, None, lang, &mut sections);
    }
    let mut out = Map::new();
    for ((key, en, cy), section) in SECTIONS.iter().zip(sections) {
        let heading = if lang.base() == Lang::Cy { cy } else { en };
        let mut s = Map::new();
        s.insert("heading".into(), json!(heading));
        s.insert("entries".into(), Value::Array(section.entries));
        if *key == SECTIONS[PEOPLE].0 {
            s.insert("people".into(), Value::Array(section.people));
        }
        if *key == SECTIONS[DO_DONT].0 {
            s.insert("pleaseDo".into(), Value::Array(section.please_do));
            s.insert("pleaseDont".into(), Value::Array(section.please_dont));
        }
        out.insert((*key).into(), Value::Object(s));
    }
    json!({
        "standard": "PRSB About Me",
        "lang": lang.tag(),
        "title": plan.title.trim(),
        "sections": out,
    })
}

/// What one section collects.
#[derive(Default)]
struct Section {
    entries: Vec<Value>,
    people: Vec<Value>,
    please_do: Vec<Value>,
    please_dont: Vec<Value>,
}

/// Whether a label says who supported the person to write the plan.
pub(crate) fn is_supported_by(label: &str) -> bool {
    let label = normal(label);
    label == normal(SECTIONS[SUPPORTED_BY].1)
        || label == normal(SECTIONS[SUPPORTED_BY].2)
        || [
            "supported by",
            "helped by",
            "supported to write",
            "cymorth i ysgrifennu",
        ]
        .iter()
        .any(|w| label.contains(w))
}

/// Whether a label says when the plan was last updated.
fn is_date_updated(label: &str) -> bool {
    let label = normal(label);
    label == normal(SECTIONS[DATE_UPDATED].1)
        || label == normal(SECTIONS[DATE_UPDATED].2)
        || ["last updated", "diweddaru diwethaf"]
            .iter()
            .any(|w| label.contains(w))
}

/// The section a title names, if any: the starters' titles first, then hints.
fn section_for(title: &str) -> Option<usize> {
    let title = normal(title);
    if title.is_empty() {
        return None;
    }
    let exact = SECTIONS
        .iter()
        .enumerate()
        .find(|(_, (_, en, cy))| normal(en) == title || normal(cy) == title)
        .map(|(i, _)| i)
        .or_else(|| {
            ONE_PAGE_PROFILE
                .iter()
                .find(|(en, cy, _)| normal(en) == title || normal(cy) == title)
                .map(|(_, _, i)| *i)
        });
    exact.or_else(|| {
        HINTS
            .iter()
            .find(|(word, _)| title.contains(word))
            .map(|(_, i)| *i)
    })
}

/// Whether `title` is section `i`'s own heading, in English or Welsh.
fn is_heading(title: &str, i: usize) -> bool {
    let title = normal(title);
    normal(SECTIONS[i].1) == title || normal(SECTIONS[i].2) == title
}

/// Lower case, curly apostrophes straight, spaces collapsed.
fn normal(text: &str) -> String {
    let joined: Vec<&str> = text.split_whitespace().collect();
    joined.join(" ").to_lowercase().replace(['’', '‘'], "'")
}

fn words(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

/// A label of the block's own inside a section of the person's own: "My garden: Favourite
/// plant", so that neither is lost.
fn within_label(section: Option<&str>, own: Option<&str>) -> Option<String> {
    match (section, own) {
        (Some(section), Some(own)) => Some(format!("{section}: {own}")),
        (section, own) => own.or(section).map(str::to_owned),
    }
}

/// An entry: the words, the label they were written under (if it is not the section's own), and
/// the block.
fn entry(text: &str, label: Option<&str>, block: &str) -> Value {
    let mut e = Map::new();
    if let Some(label) = label.and_then(words) {
        e.insert("label".into(), json!(label));
    }
    e.insert("text".into(), json!(text.trim()));
    e.insert("block".into(), json!(block));
    Value::Object(e)
}

/// Puts a block's words in their section. `within` is the section the block sits in (found from
/// an enclosing section's title), `label` the title of an enclosing section that is not an About
/// Me heading (kept beside the words).
fn place(
    block: &Block,
    within: Option<usize>,
    label: Option<&str>,
    lang: Lang,
    sections: &mut [Section],
) {
    let here = within.unwrap_or(ALSO);
    let id = block.id.as_str();
    let field = |name: &str| {
        block
            .kind()
            .field(name)
            .map(|f| t(lang, f.label, &[]))
            .unwrap_or_default()
    };
    let items = |items: &[Item]| -> Vec<Value> {
        items
            .iter()
            .filter_map(|i| words(&i.text))
            .map(|text| entry(text, label, id))
            .collect()
    };
    match &block.body {
        Body::Section { title, children } => {
            let found = section_for(title);
            let (within, label) = match found {
                // A title that is the section's own heading says nothing more; any other (the
                // one-page profile's, or the person's own words) is kept beside the words.
                Some(i) if is_heading(title, i) => (Some(i), None),
                Some(i) => (Some(i), words(title)),
                // A section of the person's own keeps its title beside its words, inside
                // whatever section holds it.
                None => (within, words(title).or(label)),
            };
            for child in children {
                place(child, within, label, lang, sections);
            }
        }
        Body::WhatMatters { text } => {
            if let Some(text) = words(text) {
                sections[MOST_IMPORTANT]
                    .entries
                    .push(entry(text, label, id));
            }
        }
        Body::Person {
            name,
            relationship,
            how_they_help,
            contact,
        } => {
            let mut person = Map::new();
            for (key, value) in [
                ("name", name),
                ("relationship", relationship),
                ("howTheyHelp", how_they_help),
                ("contact", contact),
            ] {
                if let Some(value) = words(value) {
                    person.insert(key.into(), json!(value));
                }
            }
            if !person.is_empty() {
                if let Some(label) = label {
                    person.insert("label".into(), json!(label));
                }
                person.insert("block".into(), json!(id));
                sections[PEOPLE].people.push(Value::Object(person));
            }
        }
        Body::DoDont {
            please_do,
            please_dont,
        } => {
            let (please_do, please_dont) = (items(please_do), items(please_dont));
            sections[DO_DONT].please_do.extend(please_do);
            sections[DO_DONT].please_dont.extend(please_dont);
        }
        Body::LabelValue { label: l, value } => {
            let Some(value) = words(value) else {
                // A label with no answer yet is kept as words of its own, unless it is one of
                // the About Me starter's (which say nothing until answered).
                if let Some(l) = words(l).filter(|l| !is_supported_by(l) && !is_date_updated(l)) {
                    sections[here].entries.push(entry(l, label, id));
                }
                return;
            };
            if is_supported_by(l) {
                sections[SUPPORTED_BY].entries.push(entry(value, None, id));
            } else if is_date_updated(l) {
                sections[DATE_UPDATED].entries.push(entry(value, None, id));
            } else {
                let to = section_for(l).unwrap_or(here);
                let label = within_label(label, words(l));
                sections[to]
                    .entries
                    .push(entry(value, label.as_deref(), id));
            }
        }
        Body::Heading { text } | Body::Text { text } => {
            if let Some(text) = words(text) {
                sections[here].entries.push(entry(text, label, id));
            }
        }
        Body::List { items: list } | Body::Checklist { items: list } => {
            let list = items(list);
            sections[here].entries.extend(list);
        }
        Body::Outcome { .. } | Body::Action { .. } => {
            for f in block.kind().fields() {
                if let Some(text) = block.body.text(f.name).and_then(words) {
                    let name = within_label(label, Some(&field(f.name)));
                    sections[here]
                        .entries
                        .push(entry(text, name.as_deref(), id));
                }
            }
        }
        Body::BudgetLine {
            what,
            cost_pence,
            frequency,
            ..
        } => {
            let cost = super::export::cost_words(*cost_pence, *frequency, lang);
            let text = match words(what) {
                Some(what) => format!("{what}: {cost}"),
                None => cost,
            };
            sections[here].entries.push(entry(&text, label, id));
        }
        Body::Unknown { .. } => {
            for text in block.extra.values().filter_map(Value::as_str) {
                if let Some(text) = words(text).filter(|t| !t.starts_with("data:")) {
                    sections[here].entries.push(entry(text, label, id));
                }
            }
        }
        // The person's description of a picture is what it tells a reader here; the picture
        // itself stays in the plan file (and the FHIR export carries it).
        Body::Picture { description, .. } => {
            if let Some(text) = words(description) {
                sections[here].entries.push(entry(text, label, id));
            }
        }
    }
}
