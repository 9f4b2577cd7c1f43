//! The message catalogue: every string the kit shows a person, in English and Welsh.
//!
//! The catalogue lives as data (`messages/en.json`, `messages/cy.json`) so that a translator can
//! review it without reading Rust. Keys are plain strings; a key missing from a language falls back
//! to English at run time, and a test fails the build when any key is missing in either language.

use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A language the kit speaks, and whether in easy read.
///
/// Easy read (the elements' `easy-read`) is a register of a language, not a language of its own:
/// its tag, plural rules, dates and the schema's own words are the language's ([`Lang::base`]);
/// only the kit's own words change, from `messages/easy.*.json` where they have them, else the
/// language's standard words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English (en-GB).
    #[default]
    En,
    /// Welsh (cy-GB).
    Cy,
    /// English, easy read: short sentences, one idea a line, everyday words.
    EasyEn,
    /// Welsh, easy read where the catalogue has it, standard Welsh elsewhere (and a note says
    /// so: see `easy.cy_note`).
    EasyCy,
}

impl Lang {
    /// Reads a BCP 47 tag such as `cy`, `cy-GB` or `en`; anything that is not Welsh is English.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("cy") {
            Lang::Cy
        } else {
            Lang::En
        }
    }

    /// The language itself, without easy read.
    pub fn base(self) -> Lang {
        match self {
            Lang::En | Lang::EasyEn => Lang::En,
            Lang::Cy | Lang::EasyCy => Lang::Cy,
        }
    }

    /// Whether this is easy read.
    pub fn is_easy(self) -> bool {
        matches!(self, Lang::EasyEn | Lang::EasyCy)
    }

    /// This language in easy read (`true`) or not.
    pub fn easy(self, on: bool) -> Lang {
        match (self.base(), on) {
            (Lang::Cy, true) => Lang::EasyCy,
            (Lang::Cy, false) => Lang::Cy,
            (_, true) => Lang::EasyEn,
            (_, false) => Lang::En,
        }
    }

    /// The tag to put in a `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self.base() {
            Lang::Cy => "cy",
            _ => "en",
        }
    }

    /// The CLDR plural category of `n` in this language.
    pub fn plural(self, n: u64) -> &'static str {
        match self.base() {
            Lang::En => {
                if n == 1 {
                    "one"
                } else {
                    "other"
                }
            }
            // CLDR: zero n=0; one n=1; two n=2; few n=3; many n=6; other everything else.
            _ => match n {
                0 => "zero",
                1 => "one",
                2 => "two",
                3 => "few",
                6 => "many",
                _ => "other",
            },
        }
    }

    /// The catalogue files of this language, one per area of the kit, merged in this order.
    fn sources(self) -> &'static [&'static str] {
        match self {
            Lang::En => &[
                include_str!("../messages/en.json"),
                include_str!("../messages/plan.en.json"),
            ],
            Lang::Cy => &[
                include_str!("../messages/cy.json"),
                include_str!("../messages/plan.cy.json"),
            ],
            // Easy read: the language's words, then the easy-read ones over them.
            Lang::EasyEn => &[
                include_str!("../messages/en.json"),
                include_str!("../messages/plan.en.json"),
                include_str!("../messages/easy.en.json"),
            ],
            Lang::EasyCy => &[
                include_str!("../messages/cy.json"),
                include_str!("../messages/plan.cy.json"),
                include_str!("../messages/easy.cy.json"),
            ],
        }
    }
}

/// One entry of a catalogue: a plain string or a set of plural forms.
#[derive(Debug, Clone)]
pub enum Entry {
    /// A string with `{name}` placeholders.
    Plain(String),
    /// Plural forms keyed by CLDR category (`zero`, `one`, `two`, `few`, `many`, `other`).
    Plural(HashMap<String, String>),
}

/// A parsed catalogue for one language.
#[derive(Debug)]
pub struct Catalogue {
    /// The `_meta` block: language, review status, plural forms.
    pub meta: Value,
    /// Every message by key.
    pub entries: HashMap<String, Entry>,
}

/// The catalogue of `lang`, parsed once.
pub fn catalogue(lang: Lang) -> &'static Catalogue {
    static EN: OnceLock<Catalogue> = OnceLock::new();
    static CY: OnceLock<Catalogue> = OnceLock::new();
    static EASY_EN: OnceLock<Catalogue> = OnceLock::new();
    static EASY_CY: OnceLock<Catalogue> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Cy => &CY,
        Lang::EasyEn => &EASY_EN,
        Lang::EasyCy => &EASY_CY,
    };
    cell.get_or_init(|| {
        let mut parts = lang.sources().iter().map(|text| parse_catalogue(text));
        let mut merged = parts.next().unwrap_or_else(|| parse_catalogue("{}"));
        for part in parts {
            merged.entries.extend(part.entries);
        }
        merged
    })
}

/// Parses catalogue JSON. The shipped catalogues are checked by tests, so a broken one here is a
/// bug in the kit; it yields an empty catalogue (every lookup then shows its key) rather than a panic.
pub fn parse_catalogue(text: &str) -> Catalogue {
    let root: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let meta = root.get("_meta").cloned().unwrap_or(Value::Null);
    let mut entries = HashMap::new();
    if let Some(messages) = root.get("messages").and_then(Value::as_object) {
        for (key, value) in messages {
            let entry = match value {
                Value::String(s) => Entry::Plain(s.clone()),
                Value::Object(forms) => Entry::Plural(
                    forms
                        .iter()
                        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                        .collect(),
                ),
                _ => continue,
            };
            entries.insert(key.clone(), entry);
        }
    }
    Catalogue { meta, entries }
}

/// Looks up `key` in `lang` and fills in `{name}` placeholders from `args`.
///
/// A key missing in Welsh falls back to English; a key missing in both shows the key itself, so a
/// gap is visible rather than blank.
pub fn t(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    lookup(lang, key, None, args)
}

/// Like [`t`], choosing the plural form for `count` (also available as `{count}`).
pub fn tn(lang: Lang, key: &str, count: u64, args: &[(&str, &str)]) -> String {
    lookup(lang, key, Some(count), args)
}

fn lookup(lang: Lang, key: &str, count: Option<u64>, args: &[(&str, &str)]) -> String {
    let entry = catalogue(lang)
        .entries
        .get(key)
        .map(|e| (lang, e))
        .or_else(|| catalogue(Lang::En).entries.get(key).map(|e| (Lang::En, e)));
    let Some((found_lang, entry)) = entry else {
        return key.to_owned();
    };
    let template = match entry {
        Entry::Plain(s) => s.as_str(),
        Entry::Plural(forms) => {
            let category = found_lang.plural(count.unwrap_or(0));
            forms
                .get(category)
                .or_else(|| forms.get("other"))
                .map(String::as_str)
                .unwrap_or(key)
        }
    };
    let count_text = count.map(|n| n.to_string());
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                let value =
                    args.iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, v)| *v)
                        .or(if name == "count" {
                            count_text.as_deref()
                        } else {
                            None
                        });
                match value {
                    Some(v) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(lang: Lang) -> Vec<String> {
        let mut keys: Vec<String> = catalogue(lang).entries.keys().cloned().collect();
        keys.sort();
        keys
    }

    #[test]
    fn both_languages_have_every_key() {
        assert!(!keys(Lang::En).is_empty());
        assert_eq!(keys(Lang::En), keys(Lang::Cy));
    }

    #[test]
    fn plural_entries_have_every_form_of_their_language() {
        for lang in [Lang::En, Lang::Cy, Lang::EasyEn, Lang::EasyCy] {
            let cat = catalogue(lang);
            let forms: Vec<String> = cat.meta["plural_forms"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect();
            for (key, entry) in &cat.entries {
                if let Entry::Plural(map) = entry {
                    for form in &forms {
                        assert!(map.contains_key(form), "{lang:?} {key} lacks {form}");
                    }
                }
            }
            // A key that is plural in one language is plural in the other.
            for (key, entry) in &cat.entries {
                let other = catalogue(if lang.base() == Lang::En {
                    Lang::Cy
                } else {
                    Lang::En
                });
                assert_eq!(
                    matches!(entry, Entry::Plural(_)),
                    matches!(other.entries.get(key), Some(Entry::Plural(_))),
                    "{key}"
                );
            }
        }
    }

    #[test]
    fn easy_read_only_rewords_keys_the_language_has() {
        for (easy, base) in [(Lang::EasyEn, Lang::En), (Lang::EasyCy, Lang::Cy)] {
            // Everything of the language is there, in easy read or standard words.
            assert_eq!(keys(easy).len(), keys(base).len(), "{easy:?}");
            assert_eq!(keys(easy), keys(base));
        }
        // The easy-read files name no key the standard catalogues lack (a typo would be a key
        // nobody ever sees), beyond the note on Welsh.
        for (text, base) in [
            (include_str!("../messages/easy.en.json"), Lang::En),
            (include_str!("../messages/easy.cy.json"), Lang::Cy),
        ] {
            for key in parse_catalogue(text).entries.keys() {
                assert!(
                    catalogue(base).entries.contains_key(key),
                    "{key} is not in {base:?}"
                );
            }
        }
        assert_eq!(
            t(Lang::EasyEn, "summary.title", &[]),
            "Something needs fixing"
        );
        assert_eq!(t(Lang::EasyEn, "plan.ui.budget.title", &[]), "Money");
        // Welsh easy read falls back to standard Welsh, and says so.
        assert_eq!(t(Lang::EasyCy, "summary.title", &[]), "Mae problem");
        assert!(t(Lang::EasyCy, "easy.cy_note", &[]).starts_with("Nid yw’r fersiwn hawdd"));
        assert_eq!(Lang::EasyCy.tag(), "cy");
        assert_eq!(Lang::Cy.easy(true), Lang::EasyCy);
        assert_eq!(Lang::EasyEn.easy(false), Lang::En);
        assert_eq!(Lang::EasyCy.plural(2), "two");
    }

    #[test]
    fn welsh_is_marked_as_awaiting_review() {
        let status = catalogue(Lang::Cy).meta["status"].as_str().unwrap();
        assert!(status.contains("awaiting review"));
    }

    #[test]
    fn messages_avoid_validator_wording() {
        // GOV.UK style: say what to do, not that the person "must" or was "invalid".
        for lang in [Lang::En, Lang::Cy, Lang::EasyEn, Lang::EasyCy] {
            for (key, entry) in &catalogue(lang).entries {
                let texts: Vec<&String> = match entry {
                    Entry::Plain(s) => vec![s],
                    Entry::Plural(m) => m.values().collect(),
                };
                for text in texts {
                    let lower = text.to_lowercase();
                    for banned in ["invalid", "must", " not ", "schema validation"] {
                        let hit = if banned == " not " {
                            text.contains(" NOT ")
                        } else {
                            lower.contains(banned)
                        };
                        assert!(!hit, "{lang:?} {key}: {text:?} uses {banned:?}");
                    }
                }
            }
        }
    }

    fn check(lang: Lang, key: &str, count: Option<u64>, args: &[(&str, &str)], expected: &str) {
        let got = match count {
            Some(n) => tn(lang, key, n, args),
            None => t(lang, key, args),
        };
        assert_eq!(got, expected);
    }

    #[test]
    fn lookups() {
        check(Lang::En, "summary.title", None, &[], "There is a problem");
        check(Lang::Cy, "summary.title", None, &[], "Mae problem");
        check(
            Lang::En,
            "error.required",
            None,
            &[("label", "your name")],
            "Enter your name",
        );
        check(
            Lang::En,
            "summary.count",
            Some(1),
            &[],
            "There is 1 problem to fix",
        );
        check(
            Lang::En,
            "summary.count",
            Some(3),
            &[],
            "There are 3 problems to fix",
        );
        check(
            Lang::Cy,
            "summary.count",
            Some(0),
            &[],
            "Does dim problemau i’w datrys",
        );
        check(
            Lang::Cy,
            "summary.count",
            Some(2),
            &[],
            "Mae 2 broblem i’w datrys",
        );
        check(
            Lang::Cy,
            "summary.count",
            Some(6),
            &[],
            "Mae 6 phroblem i’w datrys",
        );
        check(Lang::En, "no.such.key", None, &[], "no.such.key");
        check(Lang::En, "error.required", None, &[], "Enter {label}");
    }

    #[test]
    fn welsh_plural_categories() {
        let cases = [
            (0, "zero"),
            (1, "one"),
            (2, "two"),
            (3, "few"),
            (4, "other"),
            (6, "many"),
            (7, "other"),
            (100, "other"),
        ];
        for (n, cat) in cases {
            assert_eq!(Lang::Cy.plural(n), cat, "{n}");
        }
        assert_eq!(Lang::from_tag("cy-GB"), Lang::Cy);
        assert_eq!(Lang::from_tag("EN"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }
}
