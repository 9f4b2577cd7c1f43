//! Writing plan files: JSON that round-trips exactly (`read` reads it back), and a plain-text
//! (Markdown) export in the person's own order and headings.

use super::budget::{balance, period_key, totals};
use super::document::{Block, Body, Frequency, ManagedAs, Plan};
use super::fingerprint::fingerprint;
use super::money::format_pence;
use super::pictures::{Pictures, alt_text};
use crate::i18n::{Lang, t};
use std::fmt::Write as _;

/// The plan as pretty-printed JSON. `import_json(&to_json(plan))` gives the same plan back,
/// unknown fields included.
pub fn to_json(plan: &Plan) -> String {
    // A plan is strings, numbers and maps with string keys: serialising it cannot fail.
    let mut text = serde_json::to_string_pretty(plan).unwrap_or_default();
    text.push('\n');
    text
}

/// The plan as compact JSON: what the element hands its form and its host after every change
/// (it is written on every keystroke, so it skips the indentation a person reading the file
/// would want). Reads back exactly as [`to_json`]'s text does.
pub fn to_compact_json(plan: &Plan) -> String {
    serde_json::to_string(plan).unwrap_or_default()
}

/// The plan as Markdown that reads well as plain text: the person's blocks in their order, with
/// their headings, then the budget, the reviews and the sign-off. Words are the person's own;
/// only the labels come from the catalogue, in `lang`.
pub fn to_markdown(plan: &Plan, lang: Lang) -> String {
    let mut out = String::new();
    let title = if plan.title.trim().is_empty() {
        t(lang, "plan.title_default", &[])
    } else {
        plan.title.trim().to_owned()
    };
    let _ = writeln!(out, "# {}\n", one_line(&title));
    let cx = Md {
        lang,
        pictures: &plan.pictures,
    };
    blocks(&mut out, &plan.blocks, 2, &cx, &title);
    budget(&mut out, plan, lang);
    reviews(&mut out, plan, lang);
    if let Some(s) = &plan.signoff {
        let role = if s.role.is_empty() {
            String::new()
        } else {
            format!(" ({})", s.role)
        };
        // The names and the date come from the file: escaped like the person's words.
        let who = one_line(&format!("{}{role}", s.name));
        let at = one_line(&readable_date(lang, s.at.get(..10).unwrap_or(&s.at)));
        let _ = writeln!(
            out,
            "{}\n",
            t(
                lang,
                "plan.export.signed_off",
                &[("who", &who), ("at", &at)]
            )
        );
        if s.fingerprint != fingerprint(plan) {
            let _ = writeln!(out, "{}\n", t(lang, "plan.export.changed_since", &[]));
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

/// What every block of a Markdown file is written with.
struct Md<'a> {
    lang: Lang,
    pictures: &'a Pictures,
}

/// `list`, inside the part of the plan called `around` (a section's title, or the plan's).
fn blocks(out: &mut String, list: &[Block], level: usize, cx: &Md<'_>, around: &str) {
    for block in list {
        block_text(out, block, level, cx, around);
    }
}

/// The picture beside a block's heading, if it has one this kit shows, named by the block.
fn beside(out: &mut String, block: &Block, cx: &Md<'_>) {
    let Some(p) = cx
        .pictures
        .get(block.heading_picture())
        .filter(|p| p.shows())
    else {
        return;
    };
    let name = match block.name_arg() {
        super::Arg::Text(words) => words,
        _ => t(cx.lang, block.kind().label(), &[]),
    };
    let alt = one_line(&alt_text("", &name, cx.lang));
    let _ = writeln!(out, "![{alt}]({})\n", p.data_url());
}

fn block_text(out: &mut String, block: &Block, level: usize, cx: &Md<'_>, around: &str) {
    let lang = cx.lang;
    if block.kind() != super::Kind::Section {
        beside(out, block, cx);
    }
    let hashes = "#".repeat(level.min(6));
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
            let raw = title;
            let title = if title.trim().is_empty() {
                label("plan.kind.section")
            } else {
                one_line(title)
            };
            let _ = writeln!(out, "{hashes} {title}\n");
            beside(out, block, cx);
            blocks(out, children, level + 1, cx, raw);
        }
        Body::Heading { text } if !text.trim().is_empty() => {
            let _ = writeln!(out, "{hashes} {}\n", one_line(text));
        }
        Body::Text { text } => paragraphs(out, text),
        Body::WhatMatters { text } if !text.trim().is_empty() => {
            let _ = writeln!(out, "**{}**\n", label("plan.kind.whatMatters"));
            paragraphs(out, text);
        }
        Body::List { items } | Body::Checklist { items } => {
            let checklist = block.kind() == super::Kind::Checklist;
            for item in items.iter().filter(|i| !i.text.trim().is_empty()) {
                let tick = match (checklist, item.done) {
                    (false, _) => "",
                    (true, Some(true)) => "[x] ",
                    (true, _) => "[ ] ",
                };
                let _ = writeln!(out, "- {tick}{}", one_line(&item.text));
            }
            out.push('\n');
        }
        Body::DoDont {
            please_do,
            please_dont,
        } => {
            for (name, items) in [("pleaseDo", please_do), ("pleaseDont", please_dont)] {
                if items.iter().all(|i| i.text.trim().is_empty()) {
                    continue;
                }
                let _ = writeln!(out, "**{}**\n", field(name));
                for item in items.iter().filter(|i| !i.text.trim().is_empty()) {
                    let _ = writeln!(out, "- {}", one_line(&item.text));
                }
                out.push('\n');
            }
        }
        Body::LabelValue { label: l, value } => {
            if !l.trim().is_empty() || !value.trim().is_empty() {
                let _ = writeln!(out, "**{}:** {}\n", one_line(l), one_line(value));
            }
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
            let _ = writeln!(out, "- {}: {cost} ({from})\n", one_line(what));
        }
        // The picture inside the file, as a `data:` address, so the file stays one file and any
        // Markdown reader shows it; the description as its text and below it.
        Body::Picture {
            picture,
            description,
        } => {
            let alt = one_line(&alt_text(description, around, lang));
            match cx.pictures.get(picture).filter(|p| p.shows()) {
                Some(p) => {
                    let _ = writeln!(out, "![{alt}]({})\n", p.data_url());
                    if !description.trim().is_empty() {
                        let _ = writeln!(out, "*{alt}*\n");
                    }
                }
                None if !picture.is_empty() => {
                    let _ = writeln!(out, "*{}*\n", label("plan.picture.cannot_show"));
                }
                None if !description.trim().is_empty() => paragraphs(out, description),
                None => {}
            }
        }
        // Kept in the JSON file as it came; in Markdown, said to be there and not shown.
        Body::Unknown { .. } => {
            let _ = writeln!(out, "*{}*\n", label("plan.kind.unknown"));
        }
        Body::Person { .. } | Body::Outcome { .. } | Body::Action { .. } => {
            let names: Vec<&str> = block.kind().fields().iter().map(|f| f.name).collect();
            let filled: Vec<(String, &str)> = names
                .iter()
                .filter_map(|n| Some((field(n), block.body.text(n)?.trim())))
                .filter(|(_, v)| !v.is_empty())
                .collect();
            if filled.is_empty() {
                return;
            }
            let _ = writeln!(out, "**{}**\n", label(block.kind().label()));
            for (name, value) in filled {
                let _ = writeln!(out, "- {}: {}", one_line(&name), one_line(value));
            }
            out.push('\n');
        }
        // Empty headings and "what matters" blocks say nothing.
        Body::Heading { .. } | Body::WhatMatters { .. } => {}
    }
}

fn budget(out: &mut String, plan: &Plan, lang: Lang) {
    let b = &plan.budget;
    let Ok(totals) = totals(plan) else {
        return;
    };
    if b.indicative.is_none() && totals.lines == 0 && b.how_worked_out.trim().is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", t(lang, "plan.export.budget", &[]));
    let mut line = |key: &str, value: String| {
        let _ = writeln!(out, "- {}: {value}", t(lang, key, &[]));
    };
    if let Some(i) = &b.indicative {
        let amount = format_pence(i.amount_pence.into());
        line(
            "plan.export.indicative",
            t(lang, period_key(i.period, "amount"), &[("amount", &amount)]),
        );
    }
    if !b.how_worked_out.trim().is_empty() {
        line("plan.export.how_worked_out", one_line(&b.how_worked_out));
    }
    if b.managed_as != ManagedAs::NotSaid {
        line("plan.export.managed_as", t(lang, b.managed_as.label(), &[]));
    }
    if totals.lines > 0 {
        let week = |p: i128| {
            let amount = format_pence(p);
            t(lang, "plan.budget.amount.week", &[("amount", &amount)])
        };
        line("plan.export.regular", week(totals.weekly));
        if totals.one_off > 0 {
            line("plan.export.one_off", format_pence(totals.one_off));
        }
        if totals.own_yearly > 0 || totals.own_one_off > 0 {
            line("plan.export.own_money", week(totals.own_weekly));
        }
    }
    if let Ok(Some(balance)) = balance(plan) {
        let _ = writeln!(out, "\n{}", balance.message().render(lang));
    }
    out.push('\n');
}

/// "23 November 2026" for an ISO date; anything else as it was written.
fn readable_date(lang: Lang, iso: &str) -> String {
    crate::format::date(lang, iso).unwrap_or_else(|| iso.to_owned())
}

fn reviews(out: &mut String, plan: &Plan, lang: Lang) {
    if plan.reviews.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", t(lang, "plan.export.reviews", &[]));
    for r in &plan.reviews {
        let heading = if r.date.is_empty() {
            t(lang, "plan.export.review", &[])
        } else {
            t(
                lang,
                "plan.export.review_on",
                &[("date", &one_line(&readable_date(lang, &r.date)))],
            )
        };
        let _ = writeln!(out, "### {heading}\n");
        for (key, value) in [
            ("plan.review.by", &r.by),
            ("plan.review.working", &r.working),
            ("plan.review.notWorking", &r.not_working),
            ("plan.review.changes", &r.changes),
        ] {
            if !value.trim().is_empty() {
                let _ = writeln!(out, "- {}: {}", t(lang, key, &[]), one_line(value));
            }
        }
        out.push('\n');
    }
}

/// "£150.00 a week", "£300.00 once".
pub fn cost_words(pence: u64, frequency: Frequency, lang: Lang) -> String {
    let amount = format_pence(pence.into());
    let key = match frequency {
        Frequency::Weekly => "plan.budget.amount.week",
        Frequency::Monthly => "plan.budget.amount.month",
        Frequency::Yearly => "plan.budget.amount.year",
        Frequency::OneOff => "plan.budget.amount.one_off",
    };
    t(lang, key, &[("amount", &amount)])
}

/// Paragraphs as they were typed, one blank line apart, each line made safe to read as text.
fn paragraphs(out: &mut String, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    for line in text.lines() {
        let _ = writeln!(out, "{}", escape_line(line.trim_end()));
    }
    out.push('\n');
}

/// One line of the person's words for a heading or a list item: line breaks become spaces.
fn one_line(text: &str) -> String {
    let joined: Vec<&str> = text.split_whitespace().collect();
    escape_line(&joined.join(" "))
}

/// Stops a line of the person's words from being read as Markdown structure (a heading, a
/// quote, a list), as HTML, or as a link or an image by whoever renders the file, without
/// changing how it reads as plain text: HTML tags, entities, link brackets, code and the
/// backslash itself are escaped with a backslash, which every Markdown reader drops.
fn escape_line(line: &str) -> String {
    let mut escaped = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if matches!(c, '\\' | '<' | '>' | '[' | ']' | '&' | '`') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    let line = escaped.as_str();
    let start = line.trim_start();
    let digits = start.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = digits > 0 && matches!(start.as_bytes().get(digits), Some(b'.' | b')'));
    if numbered {
        return format!("{}\\{}", &start[..digits], &start[digits..]);
    }
    let marker = start.starts_with(['#', '>', '=', '|'])
        || ["- ", "+ ", "* ", "--", "***", "___"]
            .iter()
            .any(|m| start.starts_with(m));
    if marker {
        format!("\\{start}")
    } else {
        line.to_owned()
    }
}
