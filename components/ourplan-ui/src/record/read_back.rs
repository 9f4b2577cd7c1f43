//! The record read back (readonly): a GOV.UK summary list of what was answered, groups as headed
//! lists, in the form's order, each answer as a person reads it.

use super::Ctx;
use ourplan_core::format;
use ourplan_core::i18n::t;
use ourplan_core::model::{InputKind, Kind, Node};
use yew::prelude::*;

/// The record read back from `root`. Empty answers are left out: a proportionate record reads
/// as what was said, not as a list of blanks.
pub(super) fn read_back(ctx: &Ctx<'_>, root: &Node) -> Html {
    html! {
        <div class="op-read-back" part="read-back">
            if !root.label.is_empty() {
                <h2 class="op-heading-l" part="title">{ root.label.clone() }</h2>
            }
            { read_group(ctx, root.children(), 3) }
        </div>
    }
}

/// The answered fields among `children`, with headings at `level` for the groups among them.
fn read_group(ctx: &Ctx<'_>, children: &[Node], level: u8) -> Html {
    let answered: Vec<&Node> = children
        .iter()
        .filter(|c| ctx.state.value_at(&c.pointer).is_some())
        .collect();
    // In the form's own order: answers next to each other share one summary list, and a group
    // stands where its question stands.
    let mut parts: Vec<Result<Vec<&Node>, &Node>> = Vec::new();
    for n in answered {
        if is_group(n) {
            parts.push(Err(n));
        } else if let Some(Ok(rows)) = parts.last_mut() {
            rows.push(n);
        } else {
            parts.push(Ok(vec![n]));
        }
    }
    html! {
        { for parts.into_iter().map(|part| match part {
            Ok(rows) => rows_list(ctx, &rows),
            Err(g) => group_section(ctx, g, level),
        }) }
    }
}

/// Answers next to each other, as one summary list.
fn rows_list(ctx: &Ctx<'_>, rows: &[&Node]) -> Html {
    let row = |key: String, label: String, answer: Html| {
        html! {
            <div class="op-summary-list__row" {key}>
                <dt class="op-summary-list__key">{ label }</dt>
                <dd class="op-summary-list__value">{ answer }</dd>
            </div>
        }
    };
    html! {
        <dl class="op-summary-list" key={format!("rows-{}", rows[0].pointer)}>
            { for rows.iter().map(|n| row(n.pointer.clone(), n.label.clone(), answer_text(ctx, n))) }
        </dl>
    }
}

/// A group, headed at `level`, with its answers inside.
fn group_section(ctx: &Ctx<'_>, g: &Node, level: u8) -> Html {
    let text = g.label.clone();
    let heading = match level {
        3 => html! { <h3 class="op-heading-m">{ text }</h3> },
        4 => html! { <h4 class="op-heading-s">{ text }</h4> },
        _ => html! { <h5 class="op-heading-s">{ text }</h5> },
    };
    // A chosen shape is read back by its title ("Care home"), then its answers.
    let shape = match &g.kind {
        Kind::Alternatives {
            branches,
            chosen: Some((i, _)),
        } => branches
            .get(*i)
            .map(|b| b.label.clone())
            .filter(|l| !l.is_empty()),
        _ => None,
    };
    html! {
        <section class="op-read-back__group" key={g.pointer.clone()}>
            { heading }
            if let Some(shape) = shape {
                <p class="op-body op-read-back__shape">{ shape }</p>
            }
            { read_group(ctx, g.children(), level.saturating_add(1)) }
        </section>
    }
}

fn is_group(n: &Node) -> bool {
    match &n.kind {
        Kind::Object { .. } | Kind::Array { .. } => true,
        Kind::Alternatives {
            chosen: Some((_, inner)),
            ..
        } => matches!(inner.kind, Kind::Object { .. }),
        _ => false,
    }
}

/// An answer as a person reads it: option labels rather than stored values, Yes or No, dates
/// as "23 November 2026" and numbers with their thousands grouped.
fn answer_text(ctx: &Ctx<'_>, n: &Node) -> Html {
    let value = ctx.state.value_at(&n.pointer);
    let kind = match &n.kind {
        Kind::Alternatives {
            chosen: Some((_, inner)),
            ..
        } => &inner.kind,
        other => other,
    };
    // A web address the schema calls a URI is a link, when it is `http:` or `https:` (never
    // `javascript:`, `data:` or anything else, which stay text).
    if let (
        Kind::Text {
            input: InputKind::Url,
            ..
        },
        Some(serde_json::Value::String(s)),
    ) = (kind, value)
    {
        if web_address(s) {
            return html! {
                <a class="op-link" href={s.clone()} rel="noopener noreferrer">{ s.clone() }</a>
            };
        }
    }
    let text = match (kind, value) {
        (Kind::Boolean, Some(serde_json::Value::Bool(b))) => {
            t(ctx.lang, if *b { "form.yes" } else { "form.no" }, &[])
        }
        (Kind::Choice { options, .. }, Some(v)) => options
            .iter()
            .find(|o| &o.value == v)
            .map(|o| o.label.clone())
            .unwrap_or_else(|| ctx.state.display_text(&n.pointer)),
        (Kind::MultiChoice { options }, Some(serde_json::Value::Array(vs))) => options
            .iter()
            .filter(|o| vs.contains(&o.value))
            .map(|o| o.label.clone())
            .collect::<Vec<_>>()
            .join(", "),
        // Dates, times and numbers as a person reads them; text the formatter cannot read
        // (a part-typed date, say) shows as it is stored.
        (Kind::Text { input, .. }, Some(serde_json::Value::String(s))) => match input {
            InputKind::Date | InputKind::MemorableDate => format::date(ctx.lang, s),
            InputKind::Time => format::time(s),
            InputKind::DateTime => format::date_time(ctx.lang, s),
            _ => None,
        }
        .unwrap_or_else(|| ctx.state.display_text(&n.pointer)),
        (Kind::Number { .. }, Some(serde_json::Value::Number(x))) => format::number(x),
        _ => ctx.state.display_text(&n.pointer),
    };
    html! { <span class="op-pre-wrap">{ text }</span> }
}

/// Whether `s` is an absolute `http:` or `https:` address with nothing a browser would read
/// differently (no spaces, control characters or backslashes, which browsers strip or rewrite).
pub(crate) fn web_address(s: &str) -> bool {
    let lower = s.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && s.len() > lower.find("//").map_or(0, |i| i + 2)
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
}

#[cfg(test)]
mod tests {
    use super::web_address;

    #[test]
    fn only_plain_web_addresses_are_links() {
        assert!(web_address("https://example.org/a?b=c"));
        assert!(web_address("HTTP://example.org"));
        for not in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "https://",
            "https://exa mple.org",
            "java\tscript:alert(1)",
            "https:\\\\evil",
            "https://a\u{0}b",
            "//example.org",
            "ftp://example.org",
        ] {
            assert!(!web_address(not), "{not}");
        }
    }
}
