//! Expansion: the lowered template instantiated for the current value (list items, named
//! entries, conditional fields, the chosen shape, opened recursive parts). Runs per keystroke on
//! a schema that changes with the answers.

use super::{Branch, Conditional, ExpandContext, Kind, Node, last_token};
use crate::pointer;
use serde_json::{Map, Value};

/// Instantiates `template` at `pointer` for `value` (see [`FormModel::expand`]). `item_of` names
/// the list and position when the node is an array item, for a label like "Contact 2".
///
/// [`FormModel::expand`]: super::FormModel::expand
pub fn expand(
    template: &Node,
    value: Option<&Value>,
    pointer: String,
    item_of: Option<(&str, usize)>,
    ctx: &ExpandContext<'_>,
) -> Node {
    let mut node = Node {
        pointer,
        ..template.clone()
    };
    if let Some((list_label, index)) = item_of {
        let base = if template.label.is_empty() {
            list_label
        } else {
            &template.label
        };
        node.label = format!("{base} {}", index + 1);
        // An item is there because the person added it: it is not an optional question.
        node.required = true;
    }
    if let Kind::Recursive { reference } = &node.kind {
        return open_recursive(&node, reference, value, ctx).unwrap_or(node);
    }
    // A value of the wrong shape (a number where a group of questions is expected, say) shows as
    // code so it can be seen and fixed, rather than as questions that would hide it.
    let wrong_shape = match (&node.kind, value) {
        (Kind::Object { .. }, Some(v)) => !v.is_object(),
        (Kind::Array { .. }, Some(v)) => !v.is_array(),
        _ => false,
    };
    if wrong_shape {
        node.kind = Kind::Raw;
    }
    let parent = node.pointer.clone();
    let label = node.label.clone();
    match &mut node.kind {
        Kind::Object {
            children,
            conditionals,
            extra,
        } => object(
            children,
            conditionals,
            extra.as_deref(),
            value,
            &parent,
            ctx,
        ),
        Kind::Alternatives { branches, chosen } => {
            *chosen = alternatives(branches, value, &parent, &label, ctx);
        }
        Kind::Array {
            item,
            prefix,
            items,
            ..
        } => *items = array(item.as_deref(), prefix, value, &parent, &label, ctx),
        _ => {}
    }
    node
}

/// A recursive part drawn one level further, when it holds a value or the person opened it.
fn open_recursive(
    node: &Node,
    reference: &str,
    value: Option<&Value>,
    ctx: &ExpandContext<'_>,
) -> Option<Node> {
    if value.is_none() && !(ctx.opened)(&node.pointer) {
        return None;
    }
    let mut inner = (ctx.lower_reference)(reference, node.pointer.clone())?;
    inner.label = node.label.clone();
    inner.required = node.required;
    Some(expand(&inner, value, node.pointer.clone(), None, ctx))
}

/// An object's fields for `value`: its listed fields, the conditional fields that show, and the
/// entries the person named.
fn object(
    children: &mut Vec<Node>,
    conditionals: &[Conditional],
    extra: Option<&Node>,
    value: Option<&Value>,
    parent: &str,
    ctx: &ExpandContext<'_>,
) {
    for child in children.iter_mut() {
        let key = last_token(&child.pointer);
        let at = pointer::join(parent, &key);
        *child = expand(child, value.and_then(|v| v.get(&key)), at, None, ctx);
    }
    let empty = Value::Object(Map::new());
    let object = value.filter(|v| v.is_object()).unwrap_or(&empty);
    for cond in conditionals {
        conditional(children, cond, object, parent, ctx);
    }
    if let Some(template) = extra {
        named_entries(children, template, object, parent, ctx);
    }
}

/// Adds the fields `cond` shows for `object` among `children`, notes those it hides, and marks
/// the names it requires.
fn conditional(
    children: &mut Vec<Node>,
    cond: &Conditional,
    object: &Value,
    parent: &str,
    ctx: &ExpandContext<'_>,
) {
    let passes = (ctx.test)(&cond.test, object);
    let (shown, hidden, required) = if passes {
        (&cond.then, &cond.otherwise, &cond.then_required)
    } else {
        (&cond.otherwise, &cond.then, &cond.otherwise_required)
    };
    // Straight after the question that brings them, in their own order.
    let mut place = children
        .iter()
        .rposition(|c| cond.triggers.contains(&last_token(&c.pointer)))
        .map(|i| i + 1);
    for extra in shown {
        let key = last_token(&extra.pointer);
        if children.iter().any(|c| last_token(&c.pointer) == key) {
            continue;
        }
        let at = pointer::join(parent, &key);
        ctx.shown_conditional.borrow_mut().push(at.clone());
        let node = expand(extra, object.get(&key), at, None, ctx);
        match place.as_mut() {
            Some(i) => {
                children.insert(*i, node);
                *i += 1;
            }
            None => children.push(node),
        }
    }
    for extra in hidden {
        let key = last_token(&extra.pointer);
        if !children.iter().any(|c| last_token(&c.pointer) == key) {
            ctx.hidden_conditional
                .borrow_mut()
                .push(pointer::join(parent, &key));
        }
    }
    for child in children.iter_mut() {
        if required.contains(&last_token(&child.pointer)) {
            child.required = true;
        }
    }
}

/// Entries the person named: every key of the value the listed fields do not take.
fn named_entries(
    children: &mut Vec<Node>,
    template: &Node,
    object: &Value,
    parent: &str,
    ctx: &ExpandContext<'_>,
) {
    let taken: Vec<String> = children.iter().map(|c| last_token(&c.pointer)).collect();
    if let Some(map) = object.as_object() {
        for (key, v) in map {
            if taken.contains(key) {
                continue;
            }
            let at = pointer::join(parent, key);
            let mut entry = expand(template, Some(v), at, None, ctx);
            entry.label = key.clone();
            entry.entry = true;
            entry.required = true;
            children.push(entry);
        }
    }
}

/// The shape chosen for `value`, and its fields at this pointer.
fn alternatives(
    branches: &[Branch],
    value: Option<&Value>,
    parent: &str,
    label: &str,
    ctx: &ExpandContext<'_>,
) -> Option<(usize, Box<Node>)> {
    pick_shape(branches, value, parent, ctx).map(|i| {
        let branch = &branches[i].node;
        let mut inner = expand(branch, value, parent.to_owned(), None, ctx);
        // The choice's own label and required mark stand for the fields inside.
        inner.label = label.to_owned();
        (i, Box::new(inner))
    })
}

/// The shape the value names by its fixed properties (`kind: "care"`), which choosing a shape
/// sets; else the person's choice; else the first shape the value fits; else, for an answer
/// still being filled in, the shape it has most in common with (never one it contradicts).
fn pick_shape(
    branches: &[Branch],
    value: Option<&Value>,
    parent: &str,
    ctx: &ExpandContext<'_>,
) -> Option<usize> {
    let named = value.and_then(|v| branches.iter().position(|b| b.named_by(v)));
    named
        .or_else(|| (ctx.choice)(parent).filter(|i| *i < branches.len()))
        .or_else(|| {
            let v = value?;
            branches
                .iter()
                .position(|b| (ctx.fits)(b.test, v))
                .or_else(|| best_partial_fit(branches, v))
        })
}

/// The branch an incomplete object value has most in common with: the most of its keys among
/// the branch's fields, and no fixed property (a `const`) it contradicts.
fn best_partial_fit(branches: &[Branch], v: &Value) -> Option<usize> {
    let map = v.as_object()?;
    branches
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            if b.contradicted_by(v) {
                return None;
            }
            let fields = b.node.children();
            let mut score = 0;
            for key in map.keys() {
                if fields.iter().any(|f| last_token(&f.pointer) == *key)
                    || b.fixed.iter().any(|(k, _)| k == key)
                {
                    score += 1;
                }
            }
            (score > 0).then_some((score, i))
        })
        .max_by_key(|(score, i)| (*score, std::cmp::Reverse(*i)))
        .map(|(_, i)| i)
}

/// A list's items for `value`: one node per item it holds, from the tuple's templates first.
fn array(
    item: Option<&Node>,
    prefix: &[Node],
    value: Option<&Value>,
    parent: &str,
    label: &str,
    ctx: &ExpandContext<'_>,
) -> Vec<Node> {
    let values = value
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let at = pointer::join(parent, &i.to_string());
            match prefix.get(i).or(item) {
                Some(t) => expand(t, Some(v), at, Some((label, i)), ctx),
                // An item the schema does not allow still shows, as code, so it can be fixed.
                None => Node::raw(at, format!("{label} {}", i + 1)),
            }
        })
        .collect()
}
