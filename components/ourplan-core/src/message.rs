//! The one way the kit holds words for people before they are in a language: a catalogue key,
//! an optional count that chooses the plural form, and named arguments. The record's problems,
//! the plan's announcements and every error's person-facing words are all `Message`s, rendered in
//! English or Welsh only when shown.

use crate::i18n::{Lang, t, tn};

/// Something to tell a person, not yet in a language: a catalogue key, an optional count that
/// chooses the plural form, and named arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// The catalogue key (in `messages/*.json`).
    pub key: &'static str,
    /// The number that chooses the plural form, if the entry has plural forms.
    pub count: Option<u64>,
    /// Named arguments for `{name}` placeholders.
    pub args: Vec<(&'static str, Arg)>,
}

/// One argument of a [`Message`].
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text used as it is: the person's own words, an amount of money.
    Text(String),
    /// A catalogue key, looked up in the message's language (a block kind's name, say).
    Key(&'static str),
    /// Another message, rendered in the same language ("Undone: Moved ‘Morning’ up").
    Message(Box<Message>),
}

impl Message {
    /// A message with no arguments.
    pub fn new(key: &'static str) -> Message {
        Message {
            key,
            count: None,
            args: Vec::new(),
        }
    }

    /// A message whose plural form follows `count` (also available as `{count}`).
    pub fn counted(key: &'static str, count: u64) -> Message {
        Message {
            key,
            count: Some(count),
            args: Vec::new(),
        }
    }

    /// Adds a text argument.
    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Message {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    /// Adds an argument of any kind.
    pub fn arg(mut self, name: &'static str, value: Arg) -> Message {
        self.args.push((name, value));
        self
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let rendered: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(name, arg)| {
                let text = match arg {
                    Arg::Text(s) => s.clone(),
                    Arg::Key(key) => t(lang, key, &[]),
                    Arg::Message(m) => m.render(lang),
                };
                (*name, text)
            })
            .collect();
        let args: Vec<(&str, &str)> = rendered.iter().map(|(n, v)| (*n, v.as_str())).collect();
        match self.count {
            Some(n) => tn(lang, self.key, n, &args),
            None => t(lang, self.key, &args),
        }
    }
}

impl Message {
    /// This message about the field labelled `label` (the `{label}` of the record's messages),
    /// in `lang`.
    pub fn render_about(&self, lang: Lang, label: &str) -> String {
        self.clone().text("label", label).render(lang)
    }
}
