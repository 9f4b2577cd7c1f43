//! JSON Pointer (RFC 6901) helpers: build, split, read, write and remove values at a pointer.

use serde_json::{Map, Value};

/// Escapes one reference token (`~` to `~0`, `/` to `~1`).
pub fn escape(token: &str) -> String {
    // Most tokens need nothing: one copy, not two passes that each allocate.
    if !token.contains(['~', '/']) {
        return token.to_owned();
    }
    token.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one reference token.
pub fn unescape(token: &str) -> String {
    if !token.contains('~') {
        return token.to_owned();
    }
    token.replace("~1", "/").replace("~0", "~")
}

/// The last unescaped token of a pointer (`""` for the root): `tokens(p).pop()` without
/// splitting the whole pointer.
pub fn last(pointer: &str) -> String {
    let rest = pointer.trim_start_matches('/');
    unescape(rest.rsplit('/').next().unwrap_or_default())
}

/// `parent` + `/` + escaped `token`.
pub fn join(parent: &str, token: &str) -> String {
    let mut out = String::with_capacity(parent.len() + token.len() + 1);
    out.push_str(parent);
    out.push('/');
    if token.contains(['~', '/']) {
        out.push_str(&escape(token));
    } else {
        out.push_str(token);
    }
    out
}

/// The unescaped tokens of a pointer (`""` is the root and has none).
pub fn tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .trim_start_matches('/')
        .split('/')
        .map(unescape)
        .collect()
}

/// The value at `pointer`, if there is one.
pub fn get<'a>(value: &'a Value, pointer: &str) -> Option<&'a Value> {
    value.pointer(pointer)
}

/// Sets the value at `pointer`, making objects along the way (and replacing any non-object that
/// stands where an object must be: the form's shape wins over a stray value). A pointer deeper
/// than any value can be ([`crate::error::NESTING_LIMIT`]) changes nothing: no form draws a
/// field there, and building it would make a value too deep to read back or drop safely.
pub fn set(root: &mut Value, pointer: &str, new: Value) {
    let tokens = tokens(pointer);
    if tokens.len() > crate::error::NESTING_LIMIT {
        return;
    }
    set_tokens(root, &tokens, new);
}

fn set_tokens(cur: &mut Value, tokens: &[String], new: Value) {
    let Some((token, rest)) = tokens.split_first() else {
        *cur = new;
        return;
    };
    if let Value::Array(items) = cur {
        if let Some(item) = token.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
            return set_tokens(item, rest, new);
        }
    }
    if !cur.is_object() {
        *cur = Value::Object(Map::new());
    }
    if let Value::Object(map) = cur {
        set_tokens(map.entry(token.clone()).or_insert(Value::Null), rest, new);
    }
}

/// Removes the value at `pointer`; then removes each parent object left empty, from the nearest
/// upwards, while `prune(parent_pointer)` says it may (an empty optional section is not kept).
pub fn remove(root: &mut Value, pointer: &str, prune: &dyn Fn(&str) -> bool) {
    let tokens = tokens(pointer);
    let mut depth = tokens.len();
    while depth > 0 {
        let parent_ptr = tokens[..depth - 1]
            .iter()
            .fold(String::new(), |p, t| join(&p, t));
        let now_empty = match root.pointer_mut(&parent_ptr) {
            Some(Value::Object(map)) => {
                if map.shift_remove(&tokens[depth - 1]).is_none() {
                    return;
                }
                map.is_empty()
            }
            _ => return,
        };
        if !now_empty || depth == 1 || !prune(&parent_ptr) {
            return;
        }
        depth -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn last_is_the_last_of_tokens() {
        for p in [
            "",
            "/",
            "//",
            "/a",
            "/a/b",
            "a",
            "a/b",
            "/a/",
            "/a~1b",
            "/x/a~0b~1c",
            "/~01",
            "/g1/f11",
        ] {
            assert_eq!(last(p), tokens(p).pop().unwrap_or_default(), "{p:?}");
        }
        assert_eq!(escape("a~b/c"), "a~0b~1c");
        assert_eq!(unescape("a~0b~1c"), "a~b/c");
        assert_eq!(unescape("~01"), "~1");
        assert_eq!(join("/x", "a/b~"), "/x/a~1b~0");
        assert_eq!(join("", "plain"), "/plain");
    }

    #[test]
    fn escaping_round_trips() {
        assert_eq!(join("", "a/b~c"), "/a~1b~0c");
        assert_eq!(tokens("/a~1b~0c/d"), vec!["a/b~c", "d"]);
        assert!(tokens("").is_empty());
    }

    #[test]
    fn set_makes_objects() {
        let mut v = json!(null);
        set(&mut v, "/a/b", json!(1));
        assert_eq!(v, json!({"a": {"b": 1}}));
        set(&mut v, "", json!(2));
        assert_eq!(v, json!(2));
    }

    #[test]
    fn remove_prunes_empty_optional_parents() {
        let mut v = json!({"a": {"b": {"c": 1}}, "d": 2});
        remove(&mut v, "/a/b/c", &|_| true);
        assert_eq!(v, json!({"d": 2}));
        let mut v = json!({"a": {"b": {"c": 1}}});
        remove(&mut v, "/a/b/c", &|p| p != "/a");
        assert_eq!(v, json!({"a": {}}));
        let mut v = json!({"a": {"b": 1, "c": 2}});
        remove(&mut v, "/a/b", &|_| true);
        assert_eq!(v, json!({"a": {"c": 2}}));
        let mut v = json!({"a": 1});
        remove(&mut v, "/zzz/y", &|_| true);
        assert_eq!(v, json!({"a": 1}));
    }
}
