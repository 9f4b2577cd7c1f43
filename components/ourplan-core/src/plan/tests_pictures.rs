//! Pictures: kept once by key, inside a plan file, out of the undo history and a draft's save,
//! combined from both copies, described for people who cannot see them.

use super::document::Kind;
use super::merge::merge;
use super::pictures::{alt_text, by_reference, picture_key, shown_keys};
use super::read::compiled_schema;
use super::*;
use crate::Emit;
use crate::i18n::Lang;
use serde_json::{Value, json};
use std::sync::Arc;

/// A tiny picture's `data:` address (any base64 does: the core never decodes it).
fn url(seed: &str) -> String {
    let data: String = seed.chars().cycle().take(400).collect();
    format!("data:image/webp;base64,{data}")
}

/// A screen with one picture block holding the picture made from `seed`.
fn with_picture(seed: &str) -> (PlanScreen, String) {
    let mut screen = PlanScreen::new(Lang::En);
    screen.apply(PlanAction::Start(None), "2026-12-06T10:00:00Z");
    screen.apply(
        PlanAction::Add {
            kind: Kind::Picture,
            parent: None,
        },
        "2026-12-06T10:00:00Z",
    );
    let id = screen.state.plan().blocks[0].id.clone();
    screen.apply(
        PlanAction::SetPicture {
            field: "picture",
            id: id.clone(),
            url: url(seed),
            width: 1200,
            height: 900,
            file_bytes: 4_000_000,
        },
        "2026-12-06T10:00:00Z",
    );
    (screen, id)
}

fn key_of(screen: &PlanScreen) -> String {
    match &screen.state.plan().blocks[0].body {
        Body::Picture { picture, .. } => picture.clone(),
        other => panic!("not a picture block: {other:?}"),
    }
}

#[test]
fn a_chosen_picture_is_kept_once_by_key_and_said_to_be_made_smaller() {
    let (screen, id) = with_picture("AbCd");
    let key = key_of(&screen);
    assert_eq!(key, picture_key(&url("AbCd")[23..]));
    assert_eq!(screen.state.plan().pictures.len(), 1);
    let note = screen.picture_note.as_ref().expect("a note");
    assert_eq!(note.0, id);
    assert!(!note.2, "taken, not refused");
    assert_eq!(
        note.1.render(Lang::En),
        "Picture added. It was made smaller to fit in your plan (4.0 MB to 1 KB)."
    );
    // Focus goes to the description: the gentle prompt, which the person may skip.
    assert_eq!(
        screen.focus,
        Some(Focus::Field {
            block: id,
            field: "description"
        })
    );
}

#[test]
fn a_plan_file_carries_its_pictures_and_opens_with_them() {
    let (screen, _) = with_picture("AbCd");
    let plan = screen.state.plan();
    let text = to_json(plan);
    let value: Value = serde_json::from_str(&text).unwrap();
    let key = key_of(&screen);
    assert_eq!(value["pictures"][&key]["type"], "image/webp");
    assert_eq!(value["pictures"][&key]["width"], 1200);
    assert_eq!(value["pictures"][&key]["data"].as_str().unwrap().len(), 400);
    // The file fits the plan schema, and opens to the same plan.
    let schema = compiled_schema().expect("plan.schema.json compiles");
    assert_eq!(schema.problems(&value), vec![]);
    let opened = import_json(&text).expect("opens");
    assert_eq!(opened.pictures, plan.pictures);
    assert_eq!(to_json(&opened), text);
}

#[test]
fn a_picture_no_block_shows_is_not_written_but_undo_brings_it_back() {
    let (mut screen, id) = with_picture("AbCd");
    let key = key_of(&screen);
    screen.apply(
        PlanAction::RemovePicture {
            id: id.clone(),
            field: "picture",
        },
        "",
    );
    let value: Value = serde_json::from_str(&to_json(screen.state.plan())).unwrap();
    assert!(value.get("pictures").is_none(), "{value}");
    screen.apply(PlanAction::Undo, "");
    assert_eq!(key_of(&screen), key);
    let value: Value = serde_json::from_str(&to_json(screen.state.plan())).unwrap();
    assert!(value["pictures"][&key].is_object());
}

#[test]
fn undo_and_copies_share_the_picture_rather_than_copy_it() {
    let (screen, _) = with_picture("AbCd");
    let key = key_of(&screen);
    let copy = screen.state.plan().clone();
    assert!(Arc::ptr_eq(
        &copy.pictures[&key].data,
        &screen.state.plan().pictures[&key].data
    ));
}

#[test]
fn the_fingerprint_and_a_drafts_save_leave_the_picture_data_out() {
    let (screen, _) = with_picture("AbCd");
    let plan = screen.state.plan();
    let content = plan.content_value();
    assert!(content.get("pictures").is_none());
    // Changing a picture's data under the same key (a hand-edited file) does not change the
    // fingerprint: the key in the block is what was agreed.
    let mut other = plan.clone();
    let key = key_of(&screen);
    other.pictures.get_mut(&key).unwrap().data = Arc::from("AAAA");
    assert_eq!(fingerprint(plan), fingerprint(&other));
    // A draft keeps the pictures apart: its save names them without their data.
    let saved = by_reference(|| serde_json::to_value(plan).unwrap());
    assert_eq!(saved["pictures"][&key]["type"], "image/webp");
    assert!(saved["pictures"][&key].get("data").is_none());
    // And the next plain write has the data again.
    assert!(serde_json::to_value(plan).unwrap()["pictures"][&key]["data"].is_string());
}

#[test]
fn combining_copies_keeps_both_copies_pictures_each_once() {
    let (screen, id) = with_picture("AbCd");
    let mut base = screen.state.plan().clone();
    merge::checkpoint(&mut base);
    let mut a = PlanScreen::new(Lang::En);
    a.set_plan_json(&to_json(&base)).unwrap();
    let mut b = PlanScreen::new(Lang::En);
    b.set_plan_json(&to_json(&base)).unwrap();
    b.set_site("b");
    // One copy changes the picture; the other adds a second picture block.
    b.apply(
        PlanAction::SetPicture {
            field: "picture",
            id: id.clone(),
            url: url("XyZw"),
            width: 10,
            height: 10,
            file_bytes: 300,
        },
        "",
    );
    a.apply(
        PlanAction::Add {
            kind: Kind::Picture,
            parent: None,
        },
        "",
    );
    let added = a.state.plan().blocks[1].id.clone();
    a.apply(
        PlanAction::SetPicture {
            field: "picture",
            id: added,
            url: url("QqRr"),
            width: 10,
            height: 10,
            file_bytes: 300,
        },
        "",
    );
    let ab = merge(a.state.plan(), b.state.plan(), false).unwrap().plan;
    let ba = merge(b.state.plan(), a.state.plan(), false).unwrap().plan;
    let shown = shown_keys(&ab.blocks);
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert_eq!(shown_keys(&ba.blocks), shown);
    for key in &shown {
        assert!(ab.pictures[key].shows() && ba.pictures[key].shows());
    }
    assert!(shown.contains(&picture_key(&url("XyZw")[23..])));
    // The file has the two pictures shown, not the one replaced.
    let value: Value = serde_json::from_str(&to_json(&ab)).unwrap();
    assert_eq!(value["pictures"].as_object().unwrap().len(), 2);
    // Merging the same copy again changes nothing.
    let again = merge(&ab, b.state.plan(), false).unwrap();
    assert_eq!(shown_keys(&again.plan.blocks), shown);
}

#[test]
fn what_is_not_a_picture_changes_nothing_and_says_why() {
    let (mut screen, id) = with_picture("AbCd");
    let before = to_json(screen.state.plan());
    for (problem, words) in [
        (
            PictureRefused::NotAPicture {
                name: "notes.pdf".into(),
            },
            "“notes.pdf” is not a picture that can be opened here. Choose a photo or a picture file, such as JPEG, PNG or WebP.",
        ),
        (
            PictureRefused::TooLarge {
                name: "huge.png".into(),
                bytes: 31_000_000,
            },
            "“huge.png” is 31.0 MB, which is too big. Choose a picture smaller than 30 MB.",
        ),
    ] {
        let emit = screen.apply(
            PlanAction::PictureProblem {
                id: id.clone(),
                problem,
            },
            "",
        );
        assert_eq!(emit, Emit::Nothing);
        let note = screen.picture_note.as_ref().unwrap();
        assert!(note.2);
        assert_eq!(note.1.render(Lang::En), words);
        assert_eq!(to_json(screen.state.plan()), before);
    }
    // A data address that is not a picture (script in a string) is refused the same way.
    screen.apply(
        PlanAction::SetPicture {
            field: "picture",
            id: id.clone(),
            url: "data:text/html;base64,PHNjcmlwdD4=".into(),
            width: 1,
            height: 1,
            file_bytes: 10,
        },
        "",
    );
    assert!(screen.picture_note.as_ref().unwrap().2);
    assert_eq!(to_json(screen.state.plan()), before);
}

#[test]
fn a_picture_without_a_description_is_called_picture_and_its_part_of_the_plan() {
    assert_eq!(alt_text("", "My week", Lang::En), "Picture: My week");
    assert_eq!(alt_text("  ", " ", Lang::Cy), "Llun");
    assert_eq!(
        alt_text("Me and  Bran\non the beach", "x", Lang::En),
        "Me and Bran on the beach"
    );
}

#[test]
fn markdown_shows_the_picture_inside_the_file() {
    let (mut screen, id) = with_picture("AbCd");
    screen.apply(
        PlanAction::SetText {
            id: id.clone(),
            field: "description",
            text: "Me at the [allotment]".into(),
        },
        "",
    );
    let md = to_markdown(screen.state.plan(), Lang::En);
    assert!(
        md.contains(&format!("![Me at the \\[allotment\\]]({})", url("AbCd"))),
        "{md}"
    );
    // Without a description, the picture is named by the plan's title, never by its key.
    screen.apply(
        PlanAction::SetText {
            id,
            field: "description",
            text: String::new(),
        },
        "",
    );
    let md = to_markdown(screen.state.plan(), Lang::En);
    assert!(
        md.contains("![Picture: My support plan](data:image/webp;base64,"),
        "{md}"
    );
    assert!(!md.contains("sha256"));
}

#[test]
fn a_picture_this_version_cannot_show_is_kept_as_it_came() {
    let key = format!("sha256:{}", "a".repeat(64));
    let text = json!({
        "format": "ourplan-plan", "version": 1, "title": "T",
        "blocks": [{"id": "b1", "kind": "picture", "picture": key, "description": ""}],
        "pictures": {key.clone(): {"type": "image/svg+xml", "data": "PHN2Zz4=", "by": "x"}}
    })
    .to_string();
    let plan = import_json(&text).expect("opens");
    assert!(!plan.pictures[&key].shows());
    let value: Value = serde_json::from_str(&to_json(&plan)).unwrap();
    assert_eq!(value["pictures"][&key]["by"], "x");
    assert_eq!(value["pictures"][&key]["data"], "PHN2Zz4=");
    let md = to_markdown(&plan, Lang::En);
    assert!(md.contains("A picture this version cannot show"), "{md}");
    // Pictures that are not a map at all: the file is refused, saying where.
    let text = json!({
        "format": "ourplan-plan", "version": 1, "title": "T", "blocks": [],
        "pictures": ["not", "a", "map"]
    })
    .to_string();
    let refused = import_json(&text).expect_err("refused");
    assert!(format!("{refused:?}").contains("/pictures"));
}

#[test]
fn a_picture_beside_any_blocks_heading_is_kept_undone_written_and_combined() {
    use super::pictures::HEADING_PICTURE;
    let mut screen = PlanScreen::new(Lang::En);
    screen.apply(PlanAction::Start(None), "");
    screen.apply(
        PlanAction::Add {
            kind: Kind::WhatMatters,
            parent: None,
        },
        "",
    );
    let id = screen.state.plan().blocks[0].id.clone();
    screen.apply(
        PlanAction::SetText {
            id: id.clone(),
            field: "text",
            text: "Walking by the sea".into(),
        },
        "",
    );
    screen.apply(PlanAction::Commit, "");
    let mut base = screen.state.plan().clone();
    merge::checkpoint(&mut base);
    screen.set_plan_json(&to_json(&base)).unwrap();
    screen.apply(
        PlanAction::SetPicture {
            field: HEADING_PICTURE,
            id: id.clone(),
            url: url("SeAa"),
            width: 64,
            height: 64,
            file_bytes: 3_000,
        },
        "",
    );
    let key = picture_key(&url("SeAa")[23..]);
    let block = &screen.state.plan().blocks[0];
    assert_eq!(block.heading_picture(), key);
    // In a file, among the block's fields; the picture itself once, in `pictures`.
    let value: Value = serde_json::from_str(&to_json(screen.state.plan())).unwrap();
    assert_eq!(value["blocks"][0][HEADING_PICTURE], json!(key));
    assert_eq!(value["pictures"][&key]["width"], 64);
    let schema = compiled_schema().expect("plan.schema.json compiles");
    assert_eq!(schema.problems(&value), vec![]);
    let opened = import_json(&to_json(screen.state.plan())).unwrap();
    assert_eq!(opened.blocks[0].heading_picture(), key);
    // Markdown: the picture, named by the block, before its words.
    let md = to_markdown(screen.state.plan(), Lang::En);
    let at_picture = md
        .find("![Picture: Walking by the sea](data:image/webp")
        .expect(&md);
    assert!(at_picture < md.find("Walking by the sea\n").unwrap());
    // Focus stays where it was (the heading names the picture): no prompt for a description.
    assert_ne!(
        screen.focus,
        Some(Focus::Field {
            block: id.clone(),
            field: "description"
        })
    );
    // Combined with a copy that changed the words: both kept.
    let mut other = PlanScreen::new(Lang::En);
    other.set_plan_json(&to_json(&base)).unwrap();
    other.apply(
        PlanAction::SetText {
            id: id.clone(),
            field: "text",
            text: "Walking by the sea with Bran".into(),
        },
        "",
    );
    let combined = merge(screen.state.plan(), other.state.plan(), false)
        .unwrap()
        .plan;
    assert_eq!(combined.blocks[0].heading_picture(), key);
    assert!(combined.pictures[&key].shows());
    assert_eq!(
        combined.blocks[0].body.text("text"),
        Some("Walking by the sea with Bran")
    );
    // Undo takes it away; taken out, it leaves no field behind.
    screen.apply(PlanAction::Undo, "");
    assert_eq!(screen.state.plan().blocks[0].heading_picture(), "");
    assert!(!to_json(screen.state.plan()).contains(HEADING_PICTURE));
    screen.apply(PlanAction::Redo, "");
    screen.apply(
        PlanAction::RemovePicture {
            id,
            field: HEADING_PICTURE,
        },
        "",
    );
    assert!(!to_json(screen.state.plan()).contains(HEADING_PICTURE));
}

#[test]
fn two_copies_choosing_different_pictures_keep_both_until_the_person_chooses() {
    let (screen, id) = with_picture("AbCd");
    let mut base = screen.state.plan().clone();
    merge::checkpoint(&mut base);
    let copy = |seed: &str, site: &str| {
        let mut s = PlanScreen::new(Lang::En);
        s.set_plan_json(&to_json(&base)).unwrap();
        s.set_site(site);
        s.apply(
            PlanAction::SetPicture {
                field: "picture",
                id: id.clone(),
                url: url(seed),
                width: 10,
                height: 10,
                file_bytes: 300,
            },
            "",
        );
        s
    };
    let (a, b) = (copy("Mmmm", "a"), copy("Nnnn", "b"));
    let merged = merge(a.state.plan(), b.state.plan(), false).unwrap().plan;
    let (ka, kb) = (
        picture_key(&url("Mmmm")[23..]),
        picture_key(&url("Nnnn")[23..]),
    );
    let conflict = merge::conflicts(&merged)
        .into_iter()
        .find(|c| c.field == "picture")
        .expect("a conflict on the picture");
    assert_eq!(conflict.values.len(), 2);
    // The file keeps both pictures while the conflict is open.
    let value: Value = serde_json::from_str(&to_json(&merged)).unwrap();
    assert!(value["pictures"][&ka]["data"].is_string());
    assert!(value["pictures"][&kb]["data"].is_string());
    // Chosen: the other goes from the file.
    let mut screen = PlanScreen::new(Lang::En);
    screen.set_plan_json(&to_json(&merged)).unwrap();
    screen.apply(
        PlanAction::Choose {
            at: conflict.at.clone(),
            field: conflict.field.clone(),
            value: Value::String(kb.clone()),
        },
        "",
    );
    let value: Value = serde_json::from_str(&to_json(screen.state.plan())).unwrap();
    assert!(
        value["pictures"][&kb].is_object(),
        "{:?} {}",
        conflict,
        value["blocks"]
    );
    assert!(value["pictures"].get(&ka).is_none());
}

/// What the element does with a marked write: the pictures' text in the marker's place.
fn spliced(plan: &Plan, prefix: &str) -> String {
    use super::pictures::{marked, marker_json, written_json};
    let text = marked(prefix, || to_compact_json(plan));
    let marker = marker_json(plan, prefix);
    assert_eq!(text.matches(&marker).count(), 1, "the marker once: {text}");
    text.replace(&marker, &written_json(plan))
}

#[test]
fn a_marked_write_with_the_pictures_put_back_is_the_plan_word_for_word_and_its_marker_follows_the_pictures()
 {
    let (mut screen, id) = with_picture("AbCd");
    let prefix = "0123456789abcdef";
    let plan = screen.state.plan().clone();
    assert_eq!(spliced(&plan, prefix), to_compact_json(&plan));
    let first = super::pictures::marker_json(&plan, prefix);
    assert!(first.starts_with("\"\\u0001"), "{first}");
    // Typing does not change the marker; a new picture does, and taking it out again does.
    screen.apply(
        PlanAction::SetText {
            id: id.clone(),
            field: "description",
            text: "Bran".into(),
        },
        "2026-12-06T10:00:00Z",
    );
    assert_eq!(
        super::pictures::marker_json(screen.state.plan(), prefix),
        first
    );
    screen.apply(
        PlanAction::SetPicture {
            field: "picture",
            id: id.clone(),
            url: url("XyZw"),
            width: 800,
            height: 600,
            file_bytes: 1_000,
        },
        "2026-12-06T10:00:00Z",
    );
    let second = super::pictures::marker_json(screen.state.plan(), prefix);
    assert_ne!(second, first);
    assert_eq!(
        spliced(screen.state.plan(), prefix),
        to_compact_json(screen.state.plan())
    );
    // Not marking, or no pictures written: no marker, and the plan as ever.
    assert_eq!(super::pictures::marker_json(&Plan::new(""), prefix), "");
    assert!(!to_compact_json(screen.state.plan()).contains("\\u0001"));
}
