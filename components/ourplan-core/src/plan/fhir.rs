//! The plan as HL7 FHIR R4 (4.0.1), the form NHS and council systems exchange: a `Bundle` holding
//! one `CarePlan` and a `Goal` for every outcome.
//!
//! What goes where, and why:
//! - **The bundle** is of type `collection`: a set of resources handed over together, with no
//!   instruction to a server (`transaction` would ask a server to store them) and no
//!   `Composition` (a `document` needs one, with a timestamp and an identifier we cannot give
//!   without making the output depend on the clock). Every entry has a `fullUrl` of the form
//!   `urn:uuid:…`, and references between entries use those URNs: R4 resolves a `urn:uuid:`
//!   reference to the entry with that `fullUrl`, whereas a relative reference (`Goal/b3`)
//!   resolves only against a RESTful `fullUrl` on a server we do not have.
//! - **Ids are deterministic**: each UUID is SHA-256 (the kit's own, in [`super::fingerprint`])
//!   of the plan's document id (its merge history's, or else its fingerprint) and the block's id,
//!   marked as a name-based UUID (version 8, RFC 9562). The same plan always gives the same
//!   bundle; each Goal also names its block in `identifier`.
//! - **The CarePlan**: `status` is `active` when the plan was signed off and has not changed since,
//!   `draft` otherwise; `intent` is `plan`; `title`; `description` is what matters to the person
//!   (their "what matters to me" words), `subject` is the person (see below), `period.start` is the
//!   sign-off date, `author` the practitioner who signed it off, `contributor` whoever the plan
//!   says supported the person to write it, `goal` every Goal, `activity` every action and every
//!   budget line, `note` every review and the sign-off.
//! - **The narrative** (`text`, `status` `generated`) is XHTML in the `http://www.w3.org/1999/xhtml`
//!   namespace holding every block's words in the person's order, the budget, the reviews and the
//!   sign-off. Only elements FHIR allows in a narrative are used (`div`, `h1`–`h6`, `p`, `br`,
//!   `ul`, `li`, `dl`, `dt`, `dd`, `b`), with no attributes but the namespace; every word typed
//!   is escaped (`&`, `<`, `>`, `"`, `'`), so a `<script>` typed into a plan is text, and
//!   characters XML cannot hold (most control characters) are left out of the narrative only.
//! - **Goals**: one per outcome that has any words, `lifecycleStatus` `active` in an active plan
//!   and `proposed` in a draft (nobody has agreed it yet), `description.text` the outcome's words,
//!   `target.dueDate` when "by when" is a date (`YYYY-MM-DD`), otherwise "by when" in a `note`, as
//!   is "how I will know".
//! - **Money**: R4's `CarePlan.activity.detail` has no element for what an activity costs
//!   (`quantity` and `dailyAmount` are amounts of a product, not money). The resources that do
//!   hold money (`ChargeItem`, `Claim`, `Invoice`) record billing for things done, need a
//!   `Patient` and more we do not have, and `CarePlan.activity.reference` may not point at them.
//!   So each budget line is an activity whose `detail` carries the cost as an extension of the
//!   standard `Money` type ([`COST_URL`], `value` in pounds and `currency` `GBP`), with how
//!   often in `scheduledTiming` and where the money comes from as a second extension
//!   ([`PAID_FROM_URL`]). The amount is written as an exact decimal built from whole pence with
//!   integer arithmetic (`12345` pence is `123.45`), never through a floating-point number; a
//!   system that does not know the extension still reads the amount in the activity's
//!   `description` and in the narrative.
//! - **The subject**: a plan holds no identity of its person (no name field, no NHS number), so
//!   `subject` is a reference the caller gives (`Patient/123`, say, from a council's own
//!   records), or else a `display` alone.
//!
//! Profiles: this is checked against base R4 only. The UK Core profiles could not be fetched
//! where the kit is built, so conformance to them is unchecked.

use super::budget::{balance, period_key, totals};
use super::document::{Block, Body, Frequency, ManagedAs, Plan};
use super::export::cost_words;
use super::fingerprint::{fingerprint, sha256_hex};
use super::money::format_pence;
use super::pictures::alt_text;
use crate::i18n::{Lang, t};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// The extension carrying a budget line's cost (`valueMoney`) on `CarePlan.activity.detail`.
pub const COST_URL: &str = "https://ourplan.example/fhir/StructureDefinition/budget-line-cost";
/// The extension saying where a budget line's money comes from (`valueCode`: `direct-payment`,
/// `council-managed`, `individual-service-fund`, `own-money` or `other`).
pub const PAID_FROM_URL: &str =
    "https://ourplan.example/fhir/StructureDefinition/budget-line-paid-from";
/// The identifier system naming the plan block a resource was made from.
pub const BLOCK_ID_SYSTEM: &str = "https://ourplan.example/fhir/block-id";
/// The identifier system of a picture's key (`sha256:` and the hash of its data).
pub const PICTURE_SYSTEM: &str = "https://ourplan.example/fhir/picture-key";
/// The identifier system of a plan's document id (shared by every copy of one plan).
pub const PLAN_ID_SYSTEM: &str = "https://ourplan.example/fhir/plan-id";

/// The namespace every narrative `div` is in.
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// The key of a placeholder object holding an exact decimal's text (see [`Exact`]). A person's
/// words only ever become JSON strings, never objects, so nothing typed can look like one.
const DECIMAL: &str = "\u{0}decimal";

/// The plan as a FHIR R4 `Bundle` (pretty-printed JSON text, ending in a new line).
///
/// `subject` is a reference to the person the plan is for (`Patient/123`, `urn:uuid:…`), when the
/// caller knows one; without it the CarePlan and Goals name the person by a `display` alone.
/// Labels (the narrative's headings, "By when") are in `lang`; the person's words are as typed.
/// It returns text rather than a [`Value`] so that amounts stay exact decimals (a `Value` would
/// hold them as floating-point numbers).
pub fn to_fhir(plan: &Plan, lang: Lang, subject: Option<&str>) -> String {
    let bundle = bundle(plan, lang, subject);
    let mut text = serde_json::to_string_pretty(&Exact(&bundle)).unwrap_or_default();
    text.push('\n');
    text
}

/// The bundle, with each amount as a placeholder object that [`Exact`] writes as a number.
fn bundle(plan: &Plan, lang: Lang, subject: Option<&str>) -> Value {
    let seed = match &plan.merge {
        Some(history) if !history.doc.is_empty() => history.doc.clone(),
        _ => fingerprint(plan),
    };
    let active = plan
        .signoff
        .as_ref()
        .is_some_and(|s| s.fingerprint == fingerprint(plan));
    let subject = match subject.map(str::trim).filter(|s| !s.is_empty()) {
        Some(reference) => json!({ "reference": reference }),
        None => json!({ "display": person_display(lang) }),
    };

    let mut goals = Vec::new();
    let mut goal_refs: HashMap<&str, String> = HashMap::new();
    super::tree::walk(&plan.blocks, &mut |block| {
        if let Some(goal) = goal(block, lang, &seed, &subject, active) {
            goal_refs.insert(&block.id, urn(&seed, &format!("block:{}", block.id)));
            goals.push(goal);
        }
    });

    let mut care_plan = Map::new();
    care_plan.insert("resourceType".into(), json!("CarePlan"));
    care_plan.insert("id".into(), json!(uuid(&seed, "careplan")));
    care_plan.insert(
        "text".into(),
        json!({ "status": "generated", "div": narrative(plan, lang) }),
    );
    if let Some(history) = plan.merge.as_ref().filter(|h| !h.doc.is_empty()) {
        care_plan.insert(
            "identifier".into(),
            json!([{ "system": PLAN_ID_SYSTEM, "value": history.doc }]),
        );
    }
    care_plan.insert(
        "status".into(),
        json!(if active { "active" } else { "draft" }),
    );
    care_plan.insert("intent".into(), json!("plan"));
    if let Some(title) = words(&plan.title) {
        care_plan.insert("title".into(), json!(title));
    }
    let mut matters = Vec::new();
    super::tree::walk(&plan.blocks, &mut |b: &Block| {
        if let Body::WhatMatters { text } = &b.body {
            matters.extend(words(text));
        }
    });
    if !matters.is_empty() {
        care_plan.insert("description".into(), json!(matters.join("\n\n")));
    }
    care_plan.insert("subject".into(), subject.clone());
    if let Some(s) = plan.signoff.as_ref().filter(|_| active) {
        if let Some(date) = s.at.get(..10).filter(|d| is_fhir_date(d)) {
            care_plan.insert("period".into(), json!({ "start": date }));
        }
    }
    if let Some(s) = &plan.signoff {
        if let Some(who) = signer(s) {
            care_plan.insert("author".into(), json!({ "display": who }));
        }
    }
    let mut supported = Vec::new();
    super::tree::walk(&plan.blocks, &mut |b: &Block| {
        if let Body::LabelValue { label, value } = &b.body {
            if super::about_me::is_supported_by(label) {
                supported.extend(words(value).map(|v| json!({ "display": v })));
            }
        }
    });
    if !supported.is_empty() {
        care_plan.insert("contributor".into(), Value::Array(supported));
    }
    if !goals.is_empty() {
        let refs: Vec<Value> = goals
            .iter()
            .map(|(id, _)| json!({ "reference": format!("urn:uuid:{id}") }))
            .collect();
        care_plan.insert("goal".into(), Value::Array(refs));
    }
    let mut activities = Vec::new();
    super::tree::walk(&plan.blocks, &mut |b: &Block| {
        activities.extend(activity(b, lang, &goal_refs));
    });
    if !activities.is_empty() {
        care_plan.insert("activity".into(), Value::Array(activities));
    }
    let notes = notes(plan, lang);
    if !notes.is_empty() {
        care_plan.insert("note".into(), Value::Array(notes));
    }
    let pictures = pictures(plan, lang, &seed, &subject);
    if !pictures.is_empty() {
        let refs: Vec<Value> = pictures
            .iter()
            .map(|(id, _)| json!({ "reference": format!("urn:uuid:{id}") }))
            .collect();
        care_plan.insert("supportingInfo".into(), Value::Array(refs));
    }

    let care_plan_id = uuid(&seed, "careplan");
    let mut entries = vec![json!({
        "fullUrl": format!("urn:uuid:{care_plan_id}"),
        "resource": Value::Object(care_plan),
    })];
    for (id, resource) in goals.into_iter().chain(pictures) {
        entries.push(json!({ "fullUrl": format!("urn:uuid:{id}"), "resource": resource }));
    }
    json!({
        "resourceType": "Bundle",
        "id": uuid(&seed, "bundle"),
        "type": "collection",
        "entry": entries,
    })
}

/// "The person this plan belongs to", for a subject known by no reference.
fn person_display(lang: Lang) -> String {
    t(lang, "plan.export.fhir_subject", &[])
}

/// A Goal for an outcome with words in it: its UUID and the resource.
fn goal(
    block: &Block,
    lang: Lang,
    seed: &str,
    subject: &Value,
    active: bool,
) -> Option<(String, Value)> {
    let Body::Outcome {
        what,
        how_i_will_know,
        by_when,
    } = &block.body
    else {
        return None;
    };
    let (what, know, when) = (words(what), words(how_i_will_know), words(by_when));
    // An outcome left empty (a starter's placeholder) is no goal.
    let description = what.or(know).or(when)?;
    let id = uuid(seed, &format!("block:{}", block.id));
    let label = |field: &str| t(lang, &format!("plan.field.outcome.{field}"), &[]);
    let mut div = Xhtml::default();
    div.open("dl");
    for (field, value) in [("what", what), ("howIWillKnow", know), ("byWhen", when)] {
        if let Some(value) = value {
            div.element("dt", &label(field));
            div.element("dd", value);
        }
    }
    div.close("dl");
    let mut goal = Map::new();
    goal.insert("resourceType".into(), json!("Goal"));
    goal.insert("id".into(), json!(id));
    goal.insert(
        "text".into(),
        json!({ "status": "generated", "div": div.finish() }),
    );
    goal.insert(
        "identifier".into(),
        json!([{ "system": BLOCK_ID_SYSTEM, "value": block.id }]),
    );
    goal.insert(
        "lifecycleStatus".into(),
        json!(if active { "active" } else { "proposed" }),
    );
    goal.insert("description".into(), json!({ "text": description }));
    goal.insert("subject".into(), subject.clone());
    let mut notes = Vec::new();
    if let Some(when) = when {
        if is_fhir_date(when) {
            goal.insert("target".into(), json!([{ "dueDate": when }]));
        } else {
            notes.push(labelled(&label("byWhen"), when));
        }
    }
    if let (Some(know), true) = (know, what.is_some()) {
        notes.push(labelled(&label("howIWillKnow"), know));
    }
    if !notes.is_empty() {
        let notes: Vec<Value> = notes.into_iter().map(|n| json!({ "text": n })).collect();
        goal.insert("note".into(), Value::Array(notes));
    }
    Some((id, Value::Object(goal)))
}

/// An action or a budget line as a `CarePlan.activity`.
fn activity(block: &Block, lang: Lang, goals: &HashMap<&str, String>) -> Option<Value> {
    match &block.body {
        Body::Action { who, what, by_when } => {
            let (who, what, when) = (words(who), words(what), words(by_when));
            if who.is_none() && what.is_none() && when.is_none() {
                return None;
            }
            let mut detail = Map::new();
            detail.insert("status".into(), json!("not-started"));
            if let Some(when) = when {
                detail.insert("scheduledString".into(), json!(when));
            }
            if let Some(who) = who {
                detail.insert("performer".into(), json!([{ "display": who }]));
            }
            if let Some(what) = what {
                detail.insert("description".into(), json!(what));
            }
            Some(json!({ "detail": detail }))
        }
        Body::BudgetLine {
            what,
            cost_pence,
            frequency,
            paid_from,
            outcome_id,
            ..
        } => {
            let mut detail = Map::new();
            detail.insert(
                "extension".into(),
                json!([
                    { "url": COST_URL, "valueMoney": { "value": decimal(*cost_pence), "currency": "GBP" } },
                    { "url": PAID_FROM_URL, "valueCode": paid_from.as_str() },
                ]),
            );
            if let Some(goal) = outcome_id.as_deref().and_then(|id| goals.get(id)) {
                detail.insert("goal".into(), json!([{ "reference": goal }]));
            }
            detail.insert("status".into(), json!("not-started"));
            let unit = match frequency {
                Frequency::Weekly => Some("wk"),
                Frequency::Monthly => Some("mo"),
                Frequency::Yearly => Some("a"),
                Frequency::OneOff => None,
            };
            match unit {
                Some(unit) => detail.insert(
                    "scheduledTiming".into(),
                    json!({ "repeat": { "frequency": 1, "period": 1, "periodUnit": unit } }),
                ),
                None => detail.insert(
                    "scheduledString".into(),
                    json!(t(lang, frequency.label(), &[])),
                ),
            };
            let cost = cost_words(*cost_pence, *frequency, lang);
            let from = t(lang, paid_from.label(), &[]);
            let description = match words(what) {
                Some(what) => format!("{what}: {cost} ({from})"),
                None => format!("{cost} ({from})"),
            };
            detail.insert("description".into(), json!(description));
            Some(json!({ "detail": detail }))
        }
        _ => None,
    }
}

/// Every review, and the sign-off, as `CarePlan.note`s.
fn notes(plan: &Plan, lang: Lang) -> Vec<Value> {
    let mut notes = Vec::new();
    for r in &plan.reviews {
        let mut text = Vec::new();
        for (key, value) in [
            ("plan.review.working", &r.working),
            ("plan.review.notWorking", &r.not_working),
            ("plan.review.changes", &r.changes),
        ] {
            if let Some(value) = words(value) {
                text.push(labelled(&t(lang, key, &[]), value));
            }
        }
        let date = words(&r.date);
        if let Some(date) = date.filter(|d| !is_fhir_date(d)) {
            text.insert(0, labelled(&t(lang, "plan.review.date", &[]), date));
        }
        if text.is_empty() && words(&r.by).is_none() {
            continue;
        }
        let heading = markdown(&t(lang, "plan.export.review", &[]));
        let mut note = Map::new();
        if let Some(by) = words(&r.by) {
            note.insert("authorString".into(), json!(by));
        }
        if let Some(date) = date.filter(|d| is_fhir_date(d)) {
            note.insert("time".into(), json!(date));
        }
        text.insert(0, heading);
        note.insert("text".into(), json!(text.join("\n\n")));
        notes.push(Value::Object(note));
    }
    if let Some(s) = &plan.signoff {
        let who = signer(s).unwrap_or_default();
        let at = crate::format::date(lang, s.at.get(..10).unwrap_or(&s.at))
            .unwrap_or_else(|| s.at.clone());
        let mut text = markdown(&t(
            lang,
            "plan.export.signed_off",
            &[("who", &who), ("at", &at)],
        ));
        if s.fingerprint != fingerprint(plan) {
            text.push_str("\n\n");
            text.push_str(&markdown(&t(lang, "plan.export.changed_since", &[])));
        }
        let mut note = Map::new();
        if let Some(who) = signer(s) {
            note.insert("authorString".into(), json!(who));
        }
        if is_fhir_date_time(&s.at) {
            note.insert("time".into(), json!(s.at));
        }
        note.insert("text".into(), json!(text));
        notes.push(Value::Object(note));
    }
    notes
}

/// "Name (role)" of whoever signed the plan off.
fn signer(s: &super::document::Signoff) -> Option<String> {
    let name = words(&s.name)?;
    Some(match words(&s.role) {
        Some(role) => format!("{name} ({role})"),
        None => name.to_owned(),
    })
}

/// "Label: words" as Markdown (an `Annotation`'s text is Markdown).
fn labelled(label: &str, value: &str) -> String {
    format!("{}: {}", markdown(label), markdown(value))
}

/// The person's words with anything Markdown would read as structure or HTML escaped by a
/// backslash (which a Markdown reader drops), so they read back as typed.
fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let start = line.trim_start();
        let digits = start.bytes().take_while(u8::is_ascii_digit).count();
        if start.starts_with(['#', '>', '-', '+', '=', '|'])
            || (digits > 0 && matches!(start.as_bytes().get(digits), Some(b'.' | b')')))
        {
            out.push('\\');
        }
        for c in line.chars() {
            if matches!(c, '\\' | '<' | '>' | '[' | ']' | '&' | '`' | '*' | '_') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Text trimmed, or `None` when it is empty (FHIR strings may not be empty).
fn words(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

/// Whole pence as the exact decimal number of pounds (`12345` is `123.45`), as a placeholder
/// [`Exact`] writes.
fn decimal(pence: u64) -> Value {
    json!({ DECIMAL: pounds(pence) })
}

/// Whole pence as exact pounds text, from integers alone: `1` is `0.01`, `12345` is `123.45`.
pub fn pounds(pence: u64) -> String {
    format!("{}.{:02}", pence / 100, pence % 100)
}

/// A deterministic UUID (version 8, RFC 9562: name-based, here SHA-256) for `part` of the plan
/// whose document id (or fingerprint) is `seed`.
fn uuid(seed: &str, part: &str) -> String {
    let hex = sha256_hex(format!("ourplan FHIR\n{seed}\n{part}").as_bytes());
    let mut digits: Vec<char> = hex.chars().take(32).collect();
    digits[12] = '8';
    let variant = digits[16].to_digit(16).unwrap_or(0) & 0x3 | 0x8;
    digits[16] = char::from_digit(variant, 16).unwrap_or('8');
    let d: String = digits.into_iter().collect();
    format!(
        "{}-{}-{}-{}-{}",
        &d[..8],
        &d[8..12],
        &d[12..16],
        &d[16..20],
        &d[20..]
    )
}

fn urn(seed: &str, part: &str) -> String {
    format!("urn:uuid:{}", uuid(seed, part))
}

/// A real calendar date written `YYYY-MM-DD` (FHIR's `date` allows `YYYY` and `YYYY-MM` too; a
/// person's "by when" is kept as a date only when it names a day).
pub(crate) fn is_fhir_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let number = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &text[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year > 0 && (1..=days).contains(&day)
}

/// An RFC 3339 date and time in FHIR's `dateTime` form (upper-case `T` and `Z`, an offset).
fn is_fhir_date_time(text: &str) -> bool {
    let b = text.as_bytes();
    text.len() >= 20
        && is_fhir_date(&text[..10])
        && b[10] == b'T'
        && !text.contains(['t', 'z'])
        && super::is_date_time(text)
}

/// The narrative: every block's words in the person's order, then the budget, the reviews and
/// the sign-off.
fn narrative(plan: &Plan, lang: Lang) -> String {
    let mut div = Xhtml::default();
    let title = words(&plan.title)
        .map(str::to_owned)
        .unwrap_or_else(|| t(lang, "plan.title_default", &[]));
    div.element("h1", &title);
    for block in &plan.blocks {
        block_xhtml(&mut div, block, 2, lang);
    }
    budget_xhtml(&mut div, plan, lang);
    if !plan.reviews.is_empty() {
        div.element("h2", &t(lang, "plan.export.reviews", &[]));
        for r in &plan.reviews {
            let heading = match words(&r.date) {
                Some(date) => t(
                    lang,
                    "plan.export.review_on",
                    &[(
                        "date",
                        &crate::format::date(lang, date).unwrap_or_else(|| date.to_owned()),
                    )],
                ),
                None => t(lang, "plan.export.review", &[]),
            };
            div.element("h3", &heading);
            div.open("dl");
            for (key, value) in [
                ("plan.review.by", &r.by),
                ("plan.review.working", &r.working),
                ("plan.review.notWorking", &r.not_working),
                ("plan.review.changes", &r.changes),
            ] {
                if let Some(value) = words(value) {
                    div.element("dt", &t(lang, key, &[]));
                    div.element("dd", value);
                }
            }
            div.close("dl");
        }
    }
    if let Some(s) = &plan.signoff {
        let who = signer(s).unwrap_or_default();
        let at = crate::format::date(lang, s.at.get(..10).unwrap_or(&s.at))
            .unwrap_or_else(|| s.at.clone());
        div.element(
            "p",
            &t(
                lang,
                "plan.export.signed_off",
                &[("who", &who), ("at", &at)],
            ),
        );
        if s.fingerprint != fingerprint(plan) {
            div.element("p", &t(lang, "plan.export.changed_since", &[]));
        }
    }
    div.finish()
}

fn block_xhtml(div: &mut Xhtml, block: &Block, level: usize, lang: Lang) {
    let heading = format!("h{}", level.min(6));
    let label = |key: &str| t(lang, key, &[]);
    let field = |name: &str| {
        block
            .kind()
            .field(name)
            .map(|f| label(f.label))
            .unwrap_or_default()
    };
    match &block.body {
        Body::Section { title, children } => {
            let title = words(title)
                .map(str::to_owned)
                .unwrap_or_else(|| label("plan.kind.section"));
            div.element(&heading, &title);
            for child in children {
                block_xhtml(div, child, level + 1, lang);
            }
        }
        Body::Heading { text } => {
            if let Some(text) = words(text) {
                div.element(&heading, text);
            }
        }
        Body::Text { text } => div.paragraphs(text),
        Body::WhatMatters { text } if words(text).is_some() => {
            div.bold_paragraph(&label("plan.kind.whatMatters"));
            div.paragraphs(text);
        }
        Body::List { items } | Body::Checklist { items } => {
            let checklist = matches!(block.body, Body::Checklist { .. });
            let filled: Vec<_> = items.iter().filter(|i| words(&i.text).is_some()).collect();
            if filled.is_empty() {
                return;
            }
            div.open("ul");
            for item in filled {
                let tick = match (checklist, item.done) {
                    (false, _) => "",
                    (true, Some(true)) => "[x] ",
                    (true, _) => "[ ] ",
                };
                div.element("li", &format!("{tick}{}", item.text.trim()));
            }
            div.close("ul");
        }
        Body::DoDont {
            please_do,
            please_dont,
        } => {
            for (name, items) in [("pleaseDo", please_do), ("pleaseDont", please_dont)] {
                let filled: Vec<_> = items.iter().filter_map(|i| words(&i.text)).collect();
                if filled.is_empty() {
                    continue;
                }
                div.bold_paragraph(&field(name));
                div.open("ul");
                for text in filled {
                    div.element("li", text);
                }
                div.close("ul");
            }
        }
        Body::LabelValue { label: l, value } if words(l).is_some() || words(value).is_some() => {
            div.open("dl");
            div.element("dt", l.trim());
            div.element("dd", value.trim());
            div.close("dl");
        }
        Body::BudgetLine {
            what,
            cost_pence,
            frequency,
            paid_from,
            ..
        } => {
            let cost = cost_words(*cost_pence, *frequency, lang);
            let from = label(paid_from.label());
            div.open("p");
            if let Some(what) = words(what) {
                div.open("b");
                div.lines_inline(what);
                div.out.push_str("</b>: ");
            }
            div.text(&format!("{cost} ({from})"));
            div.close("p");
        }
        Body::Person { .. } | Body::Outcome { .. } | Body::Action { .. } => {
            let filled: Vec<(String, &str)> = block
                .kind()
                .fields()
                .iter()
                .filter_map(|f| Some((field(f.name), words(block.body.text(f.name)?)?)))
                .collect();
            if filled.is_empty() {
                return;
            }
            div.bold_paragraph(&label(block.kind().label()));
            div.open("dl");
            for (name, value) in filled {
                div.element("dt", &name);
                div.element("dd", value);
            }
            div.close("dl");
        }
        Body::Unknown { .. } => {
            div.bold_paragraph(&label("plan.kind.unknown"));
            // Whatever words the block holds, so they reach the reader even so.
            let texts: Vec<&str> = block
                .extra
                .values()
                .filter_map(Value::as_str)
                .filter(|s| !s.starts_with("data:"))
                .filter_map(words)
                .collect();
            for text in texts {
                div.paragraphs(text);
            }
        }
        // An empty "what matters" or label and answer says nothing.
        Body::WhatMatters { .. } | Body::LabelValue { .. } => {}
        // The picture itself is a DocumentReference (see `pictures`); the narrative says it is
        // there, with the person's description.
        Body::Picture { description, .. } => match words(description) {
            Some(d) => div.element("p", &t(lang, "plan.picture.alt", &[("title", d)])),
            None => div.element("p", &t(lang, "plan.picture.alt_plain", &[])),
        },
    }
}

/// Every picture the plan shows as a `DocumentReference` (its UUID and the resource), with the
/// picture inside as an `Attachment` (`contentType`, base64 `data`, `size`) and its description
/// (or "Picture" and the block's words) as `description` and the attachment's `title`.
fn pictures(plan: &Plan, lang: Lang, seed: &str, subject: &Value) -> Vec<(String, Value)> {
    // A picture block's description names a picture before a heading's words do.
    let mut named: Vec<(String, String)> = Vec::new();
    let mut beside_named: Vec<(String, String)> = Vec::new();
    super::tree::walk(&plan.blocks, &mut |b: &Block| {
        let name = || match b.name_arg() {
            super::Arg::Text(w) => w,
            _ => t(lang, b.kind().label(), &[]),
        };
        if let Body::Picture {
            picture,
            description,
        } = &b.body
        {
            if !picture.is_empty() {
                named.push((picture.clone(), alt_text(description, &plan.title, lang)));
            }
        }
        let beside = b.heading_picture();
        if !beside.is_empty() {
            beside_named.push((beside.to_owned(), alt_text("", &name(), lang)));
        }
    });
    named.extend(beside_named);
    let mut seen = std::collections::HashSet::new();
    named
        .into_iter()
        .filter(|(key, _)| seen.insert(key.clone()))
        .filter_map(|(key, title)| {
            let p = plan.pictures.get(&key).filter(|p| p.shows())?;
            let id = uuid(seed, &format!("picture:{key}"));
            let resource = json!({
                "resourceType": "DocumentReference",
                "id": id,
                "identifier": [{ "system": PICTURE_SYSTEM, "value": key }],
                "status": "current",
                "subject": subject,
                "description": title,
                "content": [{ "attachment": {
                    "contentType": p.media_type,
                    "data": p.data.as_ref(),
                    "size": p.bytes(),
                    "title": title,
                } }],
            });
            Some((id, resource))
        })
        .collect()
}

fn budget_xhtml(div: &mut Xhtml, plan: &Plan, lang: Lang) {
    let b = &plan.budget;
    let Ok(totals) = totals(plan) else {
        return;
    };
    if b.indicative.is_none() && totals.lines == 0 && b.how_worked_out.trim().is_empty() {
        return;
    }
    div.element("h2", &t(lang, "plan.export.budget", &[]));
    div.open("dl");
    let mut line = |key: &str, value: &str| {
        div.element("dt", &t(lang, key, &[]));
        div.element("dd", value);
    };
    if let Some(i) = &b.indicative {
        let amount = format_pence(i.amount_pence.into());
        line(
            "plan.export.indicative",
            &t(lang, period_key(i.period, "amount"), &[("amount", &amount)]),
        );
    }
    if let Some(how) = words(&b.how_worked_out) {
        line("plan.export.how_worked_out", how);
    }
    if b.managed_as != ManagedAs::NotSaid {
        line(
            "plan.export.managed_as",
            &t(lang, b.managed_as.label(), &[]),
        );
    }
    if totals.lines > 0 {
        let week = |p: i128| {
            let amount = format_pence(p);
            t(lang, "plan.budget.amount.week", &[("amount", &amount)])
        };
        line("plan.export.regular", &week(totals.weekly));
        if totals.one_off > 0 {
            line("plan.export.one_off", &format_pence(totals.one_off));
        }
        if totals.own_yearly > 0 || totals.own_one_off > 0 {
            line("plan.export.own_money", &week(totals.own_weekly));
        }
    }
    div.close("dl");
    if let Ok(Some(balance)) = balance(plan) {
        div.element("p", &balance.message().render(lang));
    }
}

/// XHTML written as text: elements opened and closed by the code, words escaped on the way in.
#[derive(Default)]
struct Xhtml {
    out: String,
}

impl Xhtml {
    fn open(&mut self, tag: &str) {
        self.out.push('<');
        self.out.push_str(tag);
        self.out.push('>');
    }

    fn close(&mut self, tag: &str) {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push_str(">\n");
    }

    /// Escaped words.
    fn text(&mut self, text: &str) {
        escape_into(&mut self.out, text);
    }

    /// One element holding words, their line breaks kept (as `<br/>`).
    fn element(&mut self, tag: &str, text: &str) {
        self.open(tag);
        self.lines_inline(text);
        self.close(tag);
    }

    /// Words with their line breaks as `<br/>` followed by a new line (so the text content
    /// still has a break between the lines).
    fn lines_inline(&mut self, text: &str) {
        for (i, line) in text.trim().lines().enumerate() {
            if i > 0 {
                self.out.push_str("<br/>\n");
            }
            self.text(line.trim_end());
        }
    }

    fn bold_paragraph(&mut self, text: &str) {
        self.open("p");
        self.open("b");
        self.lines_inline(text);
        self.out.push_str("</b>");
        self.close("p");
    }

    /// Paragraphs as typed: blank lines between paragraphs, line breaks within.
    fn paragraphs(&mut self, text: &str) {
        let mut paragraph = Vec::new();
        let flush = |div: &mut Xhtml, paragraph: &mut Vec<&str>| {
            if !paragraph.is_empty() {
                div.element("p", &paragraph.join("\n"));
                paragraph.clear();
            }
        };
        for line in text.lines() {
            if line.trim().is_empty() {
                flush(self, &mut paragraph);
            } else {
                paragraph.push(line);
            }
        }
        flush(self, &mut paragraph);
    }

    /// The `div`, in the XHTML namespace.
    fn finish(self) -> String {
        format!("<div xmlns=\"{XHTML_NS}\">\n{}</div>", self.out)
    }
}

/// Escapes the five characters XML gives meaning to, and leaves out characters XML 1.0 cannot
/// hold at all (control characters other than tab and line breaks, U+FFFE and U+FFFF).
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// Writes a [`Value`] as JSON with each placeholder `{"\0decimal": "123.45"}` as the number
/// `123.45`, verbatim.
struct Exact<'a>(&'a Value);

impl Serialize for Exact<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Object(map) => {
                if let (1, Some(Value::String(number))) = (map.len(), map.get(DECIMAL)) {
                    let raw = serde_json::value::RawValue::from_string(number.clone())
                        .map_err(serde::ser::Error::custom)?;
                    return raw.serialize(serializer);
                }
                let mut out = serializer.serialize_map(Some(map.len()))?;
                for (key, value) in map {
                    out.serialize_entry(key, &Exact(value))?;
                }
                out.end()
            }
            Value::Array(items) => {
                let mut out = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    out.serialize_element(&Exact(item))?;
                }
                out.end()
            }
            other => other.serialize(serializer),
        }
    }
}
