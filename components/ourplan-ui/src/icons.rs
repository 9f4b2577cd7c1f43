//! The small pictures beside the kit's own headings and buttons in easy read: drawn for this kit,
//! on one 24-unit grid, in one style (a 2-unit line in the text's colour, round ends, no fill),
//! inline in the page (never fetched, so no Content Security Policy stands in their way). They
//! are decoration beside words that say the same, so screen readers skip them.

use ourplan_core::Lang;
use yew::prelude::*;

/// Which picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    /// Go back (undo).
    Undo,
    /// Go forward (redo).
    Redo,
    /// Add something.
    Add,
    /// Delete, take away.
    Remove,
    /// Move up.
    Up,
    /// Move down.
    Down,
    /// Money (the budget).
    Money,
    /// How is it going (reviews).
    Talk,
    /// Keep, save, download.
    Save,
    /// Open a file.
    Open,
    /// Print.
    Print,
    /// A picture.
    Picture,
    /// Something needs fixing.
    Problem,
    /// Share a copy.
    Share,
    /// Start (a page).
    Start,
    /// Agreed (sign-off).
    Agreed,
    /// Ideas (the gentle checks).
    Idea,
}

impl Icon {
    /// Every picture, for the gallery a test draws.
    pub const ALL: [Icon; 17] = [
        Icon::Undo,
        Icon::Redo,
        Icon::Add,
        Icon::Remove,
        Icon::Up,
        Icon::Down,
        Icon::Money,
        Icon::Talk,
        Icon::Save,
        Icon::Open,
        Icon::Print,
        Icon::Picture,
        Icon::Problem,
        Icon::Share,
        Icon::Start,
        Icon::Agreed,
        Icon::Idea,
    ];

    /// Its name (a `data-icon` attribute, for tests and for a host's styles).
    pub fn name(self) -> &'static str {
        match self {
            Icon::Undo => "undo",
            Icon::Redo => "redo",
            Icon::Add => "add",
            Icon::Remove => "remove",
            Icon::Up => "up",
            Icon::Down => "down",
            Icon::Money => "money",
            Icon::Talk => "talk",
            Icon::Save => "save",
            Icon::Open => "open",
            Icon::Print => "print",
            Icon::Picture => "picture",
            Icon::Problem => "problem",
            Icon::Share => "share",
            Icon::Start => "start",
            Icon::Agreed => "agreed",
            Icon::Idea => "idea",
        }
    }

    /// The drawing: SVG path data on the 24-unit grid (circles written as two arcs).
    fn path(self) -> &'static str {
        match self {
            Icon::Undo => "M9 14 4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3",
            Icon::Redo => "m15 14 5-5-5-5m5 5H10a6 6 0 0 0 0 12h3",
            Icon::Add => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 5v8m-4-4h8",
            Icon::Remove => "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6m4-6v6",
            Icon::Up => "M12 19V5m-6 6 6-6 6 6",
            Icon::Down => "M12 5v14m-6-6 6 6 6-6",
            Icon::Money => "M3 7h18v11H3zm9 2.5a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM6 10v.01M18 15v.01",
            Icon::Talk => "M4 5h16v11H10l-5 4v-4H4zm4 4h8m-8 3h5",
            Icon::Save => "M12 4v11m-5-5 5 5 5-5M5 20h14",
            Icon::Open => "M3 7h6l2 2h10v10H3z",
            Icon::Print => "M7 9V3h10v6M5 17H3V9h18v8h-2M7 14h10v7H7z",
            Icon::Picture => "M3 5h18v14H3zm6 3a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm12 9-6-6-9 8",
            Icon::Problem => "M12 3 22 21H2zm0 7v5m0 3v.5",
            Icon::Share => {
                "M18 3a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM6 10a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm12 7a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM8 11l8-5m-8 7 8 5"
            }
            Icon::Start => "M6 3h9l4 4v14H6zm9 0v4h4",
            Icon::Agreed => "m5 12 5 5 9-10",
            Icon::Idea => "M9 18h6m-5 3h4M12 3a6 6 0 0 0-3 11v2h6v-2a6 6 0 0 0-3-11z",
        }
    }
}

/// `which`, drawn in easy read (`lang`), and nothing otherwise.
pub fn icon(lang: Lang, which: Icon) -> Html {
    if !lang.is_easy() {
        return html! {};
    }
    drawn(which)
}

/// In Welsh easy read, a note that the words are standard Welsh (no easy-read Welsh is written
/// yet); nothing otherwise.
pub fn welsh_note(lang: Lang) -> Html {
    if lang != Lang::EasyCy {
        return html! {};
    }
    html! {
        <p class="op-easy-note" id="op-easy-note">{ ourplan_core::i18n::t(lang, "easy.cy_note", &[]) }</p>
    }
}

/// `which`, drawn whatever the language (the gallery).
pub fn drawn(which: Icon) -> Html {
    html! {
        <svg class="op-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" data-icon={which.name()}>
            <path d={which.path()} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
}
