//! The plan read back: the person's document as they wrote it, for a read-only plan and for
//! print. Their headings and words as text, in their order; the budget as a table; the sign-off
//! and the reviews. Nothing empty, and nothing that looks as if it could be changed: no boxes,
//! buttons, hints or prompts.

use ourplan_core::Lang;
use ourplan_core::format;
use ourplan_core::i18n::t;
use ourplan_core::plan::Pictures;
use ourplan_core::plan::pictures::alt_text;
use ourplan_core::plan::{
    Block, Body, FieldType, Frequency, Item, Kind, PaidFrom, Period, Plan, PlanState, Review,
    Totals, balance, cost_words, format_pence, totals,
};
use yew::prelude::*;

/// Draws `state`'s plan as a document. `id_prefix` keeps ids apart when a builder draws this
/// beside itself for print.
pub(super) fn read_back(state: &PlanState, lang: Lang, id_prefix: &str) -> Html {
    let plan = state.plan();
    let r = Reader {
        lang,
        id_prefix,
        pictures: &plan.pictures,
    };
    let title = if plan.title.trim().is_empty() {
        t(lang, "plan.title_default", &[])
    } else {
        plan.title.trim().to_owned()
    };
    let blocks: Vec<&Block> = plan.blocks.iter().filter(|b| shows(b)).collect();
    html! {
        <article class="op-plan-read" lang={lang.tag()} part="read-back">
            <h2 class="op-heading-l op-plan-read__title">{ title.clone() }</h2>
            if blocks.is_empty() {
                <p class="op-body">{ t(lang, "plan.ui.empty", &[]) }</p>
            }
            { for blocks.into_iter().map(|b| r.block(b, 3, &title)) }
            { r.budget(plan) }
            { r.signoff(state) }
            { r.reviews(plan) }
        </article>
    }
}

struct Reader<'a> {
    lang: Lang,
    id_prefix: &'a str,
    pictures: &'a Pictures,
}

/// Whether a block has anything to read (a section counts when anything inside it does).
fn shows(block: &Block) -> bool {
    match &block.body {
        Body::Unknown { .. } => true,
        Body::Section { title, children } => !title.trim().is_empty() || children.iter().any(shows),
        _ => ourplan_core::plan::has_content(std::slice::from_ref(block)),
    }
}

/// The person's words, paragraph by paragraph (a blank line between paragraphs), each keeping
/// its line breaks.
fn paragraphs(text: &str) -> Html {
    let text = text.trim();
    html! {
        { for text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(|p| html! {
            <p class="op-body op-pre-wrap">{ p.to_owned() }</p>
        }) }
    }
}

/// A picture with its description below it (when the person gave one). Its text for people who
/// cannot see it is the description, or "Picture" and the part of the plan it is in.
pub(super) fn picture_figure(
    pictures: &Pictures,
    key: &str,
    description: &str,
    around: &str,
    lang: Lang,
) -> Html {
    let alt = alt_text(description, around, lang);
    let caption = description.trim();
    match pictures.get(key).filter(|p| p.shows()) {
        Some(p) => html! {
            <figure class="op-plan-picture">
                <img class="op-plan-picture__img" src={AttrValue::from(p.data_url())} alt={alt}
                    width={p.width.to_string()} height={p.height.to_string()} part="picture" />
                if !caption.is_empty() {
                    <figcaption class="op-plan-picture__caption op-pre-wrap" aria-hidden="true">{ caption.to_owned() }</figcaption>
                }
            </figure>
        },
        None if !key.is_empty() => html! {
            <p class="op-body op-hint">{ t(lang, "plan.picture.cannot_show", &[]) }</p>
        },
        None => paragraphs(description),
    }
}

fn heading(level: u8, class: &'static str, text: String) -> Html {
    match level {
        0..=3 => html! { <h3 class={class}>{ text }</h3> },
        4 => html! { <h4 class={class}>{ text }</h4> },
        5 => html! { <h5 class={class}>{ text }</h5> },
        _ => html! { <h6 class={class}>{ text }</h6> },
    }
}

/// A summary list of one row: `key` and `value`; `value_class` adds to the value's class.
fn one_row(key: String, value: Html, value_class: Option<&'static str>) -> Html {
    html! {
        <dl class="op-summary-list op-plan-read__fields">
            <div class="op-summary-list__row">
                <dt class="op-summary-list__key">{ key }</dt>
                <dd class={classes!("op-summary-list__value", value_class)}>{ value }</dd>
            </div>
        </dl>
    }
}

impl Reader<'_> {
    fn t(&self, key: &str) -> String {
        t(self.lang, key, &[])
    }

    /// A block, its heading (if it has one) at `level`, in a box of its own, inside the part of
    /// the plan called `around` (its section's title, or the plan's).
    fn block(&self, block: &Block, level: u8, around: &str) -> Html {
        let kind = block.kind();
        let body = match &block.body {
            Body::Section { title, children } => self.section(title, children, level),
            Body::Heading { text } => heading(level, "op-heading-m", text.trim().to_owned()),
            Body::Text { text } => paragraphs(text),
            Body::WhatMatters { text } => html! {
                <>
                    { heading(level.saturating_add(1), "op-heading-s", self.t(kind.label())) }
                    { paragraphs(text) }
                </>
            },
            Body::List { items } => bullets(items),
            Body::Checklist { items } => self.checklist(items),
            Body::DoDont { .. } => self.do_dont(block, level),
            Body::BudgetLine {
                what,
                cost_pence,
                frequency,
                paid_from,
                ..
            } => self.budget_line(kind, what, *cost_pence, *frequency, *paid_from),
            Body::LabelValue { label, value } => one_row(
                label.trim().to_owned(),
                html! { { value.trim().to_owned() } },
                Some("op-pre-wrap"),
            ),
            Body::Person { .. } | Body::Outcome { .. } | Body::Action { .. } => {
                self.labelled_fields(block, level)
            }
            Body::Picture {
                picture,
                description,
            } => picture_figure(self.pictures, picture, description, around, self.lang),
            Body::Unknown { .. } => html! {
                <p class="op-body op-hint">{ self.t(Kind::Unknown.label()) }</p>
            },
        };
        // The picture beside the heading, named by the block (a section's goes inside it).
        let beside = match self
            .pictures
            .get(block.heading_picture())
            .filter(|p| p.shows())
        {
            Some(p) => {
                let name: String = match block.name_arg() {
                    ourplan_core::plan::Arg::Text(words) => words,
                    _ => self.t(kind.label()),
                };
                html! {
                    <img class="op-plan-read__picture" src={AttrValue::from(p.data_url())}
                        alt={alt_text("", &name, self.lang)} width={p.width.to_string()} height={p.height.to_string()} />
                }
            }
            None => html! {},
        };
        html! {
            <div class="op-plan-read__block" key={block.id.clone()} data-kind={kind.as_str()}>{ beside }{ body }</div>
        }
    }

    /// A section: its title (or "Section") as a heading, then the blocks inside it that show.
    fn section(&self, title: &str, children: &[Block], level: u8) -> Html {
        let title = if title.trim().is_empty() {
            self.t("plan.kind.section")
        } else {
            title.trim().to_owned()
        };
        html! {
            <section class="op-plan-read__section">
                { heading(level, "op-heading-m", title.clone()) }
                { for children.iter().filter(|c| shows(c)).map(|c| self.block(c, level.saturating_add(1), &title)) }
            </section>
        }
    }

    /// A checklist: each item with a tick or a box, and (for a screen reader) done or to do.
    fn checklist(&self, items: &[Item]) -> Html {
        html! {
            <ul class="op-list op-plan-read__checklist">
                { for items.iter().filter(|i| !i.text.trim().is_empty()).map(|i| {
                    let done = i.done == Some(true);
                    html! {
                        <li key={i.id.clone()} class={classes!("op-plan-read__check", done.then_some("op-plan-read__check--done"))}>
                            <span class="op-plan-read__mark" aria-hidden="true">{ if done { "☑" } else { "☐" } }</span>
                            { i.text.trim().to_owned() }
                            <span class="op-visually-hidden">{ " (" }{ self.t(if done { "plan.read.done" } else { "plan.read.to_do" }) }{ ")" }</span>
                        </li>
                    }
                }) }
            </ul>
        }
    }

    /// Things to do and not to do: each list that has items, under its heading.
    fn do_dont(&self, block: &Block, level: u8) -> Html {
        html! {
            <>
                { for block.kind().fields().iter().map(|f| {
                    let items: Vec<&str> = block.body.items(f.name).unwrap_or(&[]).iter()
                        .map(|i| i.text.trim()).filter(|t| !t.is_empty()).collect();
                    if items.is_empty() {
                        return html! {};
                    }
                    html! {
                        <>
                            { heading(level.saturating_add(1), "op-heading-s", self.t(f.label)) }
                            <ul class="op-list op-list--bullet">
                                { for items.into_iter().map(|text| html! { <li class="op-pre-wrap">{ text.to_owned() }</li> }) }
                            </ul>
                        </>
                    }
                }) }
            </>
        }
    }

    /// A budget line: what (or "Budget line"), its cost in words and where the money comes from.
    fn budget_line(
        &self,
        kind: Kind,
        what: &str,
        cost_pence: u64,
        frequency: Frequency,
        paid_from: PaidFrom,
    ) -> Html {
        let cost = cost_words(cost_pence, frequency, self.lang);
        let key = if what.trim().is_empty() {
            self.t(kind.label())
        } else {
            what.trim().to_owned()
        };
        one_row(
            key,
            html! { <>{ cost }{ " (" }{ self.t(paid_from.label()) }{ ")" }</> },
            None,
        )
    }

    /// A person, an outcome or an action: its kind as a heading, then its words field by field.
    fn labelled_fields(&self, block: &Block, level: u8) -> Html {
        let kind = block.kind();
        let rows: Vec<(String, String)> = kind
            .fields()
            .iter()
            .filter(|f| f.ty == FieldType::Text)
            .filter_map(|f| {
                let text = block.body.text(f.name)?.trim();
                (!text.is_empty()).then(|| (self.t(f.label), text.to_owned()))
            })
            .collect();
        html! {
            <>
                { heading(level.saturating_add(1), "op-heading-s", self.t(kind.label())) }
                <dl class="op-summary-list op-plan-read__fields">
                    { for rows.into_iter().map(|(k, v)| html! {
                        <div class="op-summary-list__row">
                            <dt class="op-summary-list__key">{ k }</dt>
                            <dd class="op-summary-list__value op-pre-wrap">{ v }</dd>
                        </div>
                    }) }
                </dl>
            </>
        }
    }

    /// Every budget line in the plan's order, as a table with its totals, then how the spending
    /// stands against the indicative budget.
    fn budget(&self, plan: &Plan) -> Html {
        let mut lines = Vec::new();
        collect_lines(&plan.blocks, &mut lines);
        let indicative = plan.budget.indicative.as_ref();
        if lines.is_empty() && indicative.is_none() {
            return html! {};
        }
        let Ok(totals) = totals(plan) else {
            return html! { <p class="op-body">{ self.t("plan.money.too_large") }</p> };
        };
        let title_id = format!("{}read-budget", self.id_prefix);
        html! {
            <section class="op-plan-read__budget" aria-labelledby={title_id.clone()}>
                <h3 class="op-heading-m" id={title_id}>{ self.t("plan.export.budget") }</h3>
                if !lines.is_empty() {
                    { self.budget_table(&lines) }
                }
                { self.budget_sums(plan, &totals) }
                if let Ok(Some(b)) = balance(plan) {
                    <p class="op-body op-plan-read__balance">{ b.message().render(self.lang) }</p>
                }
            </section>
        }
    }

    /// The budget lines as a table: what, how often, paid from, and the cost.
    fn budget_table(&self, lines: &[Line]) -> Html {
        html! {
            <table class="op-table">
                <thead class="op-table__head">
                    <tr class="op-table__row">
                        <th scope="col" class="op-table__header">{ self.t("plan.field.budgetLine.what") }</th>
                        <th scope="col" class="op-table__header">{ self.t("plan.field.budgetLine.frequency") }</th>
                        <th scope="col" class="op-table__header">{ self.t("plan.field.budgetLine.paidFrom") }</th>
                        <th scope="col" class="op-table__header op-table__header--numeric">{ self.t("plan.field.budgetLine.costPence") }</th>
                    </tr>
                </thead>
                <tbody class="op-table__body">
                    { for lines.iter().map(|(what, pence, frequency, from)| html! {
                        <tr class="op-table__row">
                            <td class="op-table__cell op-pre-wrap">{ if what.trim().is_empty() { self.t("plan.kind.budgetLine") } else { what.trim().to_owned() } }</td>
                            <td class="op-table__cell">{ self.t(frequency.label()) }</td>
                            <td class="op-table__cell">{ self.t(from) }</td>
                            <td class="op-table__cell op-table__cell--numeric">{ format_pence(i128::from(*pence)) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        }
    }

    /// The indicative budget, the regular spending (per the budget's period, else per week),
    /// one-off spending and the person's own money, those there are.
    fn budget_sums(&self, plan: &Plan, totals: &Totals) -> Html {
        let indicative = plan.budget.indicative.as_ref();
        let amount =
            |key: &str, pence: i128| t(self.lang, key, &[("amount", &format_pence(pence))]);
        html! {
            <dl class="op-summary-list">
                if let Some(i) = indicative {
                    <div class="op-summary-list__row">
                        <dt class="op-summary-list__key">{ self.t("plan.export.indicative") }</dt>
                        <dd class="op-summary-list__value">{ amount(period_amount_key(i.period), i128::from(i.amount_pence)) }</dd>
                    </div>
                }
                if totals.lines > 0 {
                    <div class="op-summary-list__row">
                        <dt class="op-summary-list__key">{ self.t("plan.export.regular") }</dt>
                        <dd class="op-summary-list__value">{ match indicative.map(|i| i.period) {
                            Some(Period::Month) => amount("plan.budget.amount.month", totals.monthly),
                            Some(Period::Year) => amount("plan.budget.amount.year", totals.yearly),
                            _ => amount("plan.budget.amount.week", totals.weekly),
                        } }</dd>
                    </div>
                }
                if totals.one_off > 0 {
                    <div class="op-summary-list__row">
                        <dt class="op-summary-list__key">{ self.t("plan.export.one_off") }</dt>
                        <dd class="op-summary-list__value">{ format_pence(totals.one_off) }</dd>
                    </div>
                }
                if totals.own_yearly > 0 || totals.own_one_off > 0 {
                    <div class="op-summary-list__row">
                        <dt class="op-summary-list__key">{ self.t("plan.export.own_money") }</dt>
                        <dd class="op-summary-list__value">{ amount("plan.budget.amount.week", totals.own_weekly) }</dd>
                    </div>
                }
            </dl>
        }
    }

    fn signoff(&self, state: &PlanState) -> Html {
        let Some(s) = &state.plan().signoff else {
            return html! {};
        };
        let day = s.at.get(..10).unwrap_or(&s.at);
        let when = format::date(self.lang, day).unwrap_or_else(|| day.to_owned());
        let text = if s.role.is_empty() {
            t(
                self.lang,
                "plan.ui.signoff.done",
                &[("name", &s.name), ("at", &when)],
            )
        } else {
            t(
                self.lang,
                "plan.ui.signoff.done_role",
                &[("name", &s.name), ("role", &s.role), ("at", &when)],
            )
        };
        html! {
            <section class="op-plan-read__signoff">
                <h3 class="op-heading-m">{ self.t("plan.ui.signoff.title") }</h3>
                <p class="op-body">{ text }</p>
                if state.changed_since_signoff() == Some(true) {
                    <p class="op-body">{ self.t("plan.ui.signoff.changed") }</p>
                }
            </section>
        }
    }

    /// The reviews with a date or anything written, each under its date.
    fn reviews(&self, plan: &Plan) -> Html {
        let reviews: Vec<_> = plan
            .reviews
            .iter()
            .filter(|r| !r.date.is_empty() || !review_fields(r).is_empty())
            .collect();
        if reviews.is_empty() {
            return html! {};
        }
        html! {
            <section class="op-plan-read__reviews">
                <h3 class="op-heading-m">{ self.t("plan.export.reviews") }</h3>
                { for reviews.into_iter().map(|r| self.review(r)) }
            </section>
        }
    }

    fn review(&self, r: &Review) -> Html {
        let title = if r.date.is_empty() {
            self.t("plan.export.review")
        } else {
            let date = format::date(self.lang, &r.date).unwrap_or_else(|| r.date.clone());
            t(self.lang, "plan.export.review_on", &[("date", &date)])
        };
        html! {
            <div class="op-plan-read__review" key={r.id.clone()}>
                <h4 class="op-heading-s">{ title }</h4>
                <dl class="op-summary-list">
                    { for review_fields(r).into_iter().map(|(k, v)| html! {
                        <div class="op-summary-list__row">
                            <dt class="op-summary-list__key">{ self.t(k) }</dt>
                            <dd class="op-summary-list__value op-pre-wrap">{ v }</dd>
                        </div>
                    }) }
                </dl>
            </div>
        }
    }
}

/// A list's items that have words, as bullets.
fn bullets(items: &[Item]) -> Html {
    html! {
        <ul class="op-list op-list--bullet">
            { for items.iter().filter(|i| !i.text.trim().is_empty()).map(|i| html! {
                <li key={i.id.clone()} class="op-pre-wrap">{ i.text.trim().to_owned() }</li>
            }) }
        </ul>
    }
}

/// A review's written fields (catalogue key and words), those with words.
fn review_fields(r: &Review) -> Vec<(&'static str, String)> {
    [
        ("plan.review.by", &r.by),
        ("plan.review.working", &r.working),
        ("plan.review.notWorking", &r.not_working),
        ("plan.review.changes", &r.changes),
    ]
    .into_iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| (k, v.trim().to_owned()))
    .collect()
}

fn period_amount_key(period: Period) -> &'static str {
    match period {
        Period::Week => "plan.budget.amount.week",
        Period::Month => "plan.budget.amount.month",
        Period::Year => "plan.budget.amount.year",
    }
}

/// A budget line as the table shows it: what, pence, how often, and the catalogue key of where
/// the money comes from.
type Line = (String, u64, Frequency, &'static str);

/// The budget lines with an amount or words, in the plan's order.
fn collect_lines(blocks: &[Block], out: &mut Vec<Line>) {
    for b in blocks {
        if let Body::BudgetLine {
            what,
            cost_pence,
            frequency,
            paid_from,
            ..
        } = &b.body
        {
            if *cost_pence > 0 || !what.trim().is_empty() {
                out.push((what.clone(), *cost_pence, *frequency, paid_from.label()));
            }
        }
        collect_lines(b.body.children(), out);
    }
}
