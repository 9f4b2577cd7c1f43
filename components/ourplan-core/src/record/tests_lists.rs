//! Tests of a record's lists and maps, what shows (levels, recursive parts), and what redraws.

use super::tests_support::{list_record, record};
use super::{Focus, Input, RecordState};
use crate::i18n::Lang;
use crate::model::{Kind, Level};
use serde_json::json;

#[test]
fn list_items_are_added_moved_and_removed_keeping_what_was_typed() {
    let mut r = list_record();
    assert!(r.add_item("/steps"));
    assert!(r.add_item("/steps"));
    assert_eq!(r.value(), &json!({"steps": [{}, {}]}));
    assert_eq!(
        r.focus_request().1,
        Some(&Focus::Field("/steps/1/what".into()))
    );
    r.edit("/steps/0/what", Input::Text("Call Sam".into()));
    r.edit("/steps/1/weeks", Input::Text("2 weeks".into()));
    r.leave("/steps/1/weeks");
    assert!(r.visible_problem("/steps/1/weeks").is_some());
    assert!(r.move_item("/steps/1", -1));
    assert_eq!(
        r.value(),
        &json!({"steps": [{"weeks": "2 weeks"}, {"what": "Call Sam"}]})
    );
    assert_eq!(r.display_text("/steps/0/weeks"), "2 weeks");
    assert!(
        r.visible_problem("/steps/0/weeks").is_some(),
        "touched follows the item"
    );
    assert_eq!(r.announcement().1, "Step 2 moved up: it is now number 1");
    assert!(
        !r.move_item("/steps/0", -1),
        "the first item cannot move up"
    );
    assert!(r.remove_item("/steps/0"));
    assert_eq!(r.value(), &json!({"steps": [{"what": "Call Sam"}]}));
    assert_eq!(r.display_text("/steps/0/what"), "Call Sam");
    assert_eq!(
        r.focus_request().1,
        Some(&Focus::Field("/steps/0/what".into()))
    );
    assert!(r.remove_item("/steps/0"));
    assert_eq!(
        r.focus_request().1,
        Some(&Focus::AddButton("/steps".into()))
    );
}

#[test]
fn emptying_a_list_item_keeps_the_item() {
    let mut r = RecordState::new(Lang::En);
    r.set_schema(&json!({"properties": {"names": {"type": "array", "items": {"type": "string"}}}}))
        .unwrap();
    r.add_item("/names");
    r.edit("/names/0", Input::Text("Jo".into()));
    r.edit("/names/0", Input::Text(String::new()));
    assert_eq!(r.value(), &json!({"names": [""]}));
}

#[test]
fn map_entries_are_added_renamed_and_removed() {
    let mut r = RecordState::new(Lang::En);
    r.set_schema(&json!({"properties": {
        "contacts": {"type": "object", "title": "Other contacts", "properties": {"gp": {"type": "string"}},
            "additionalProperties": {"type": "string", "format": "email"}}
    }})).unwrap();
    assert!(r.add_entry("/contacts"));
    assert_eq!(
        r.focus_request().1,
        Some(&Focus::EntryName("/contacts/".into()))
    );
    r.edit("/contacts/", Input::Text("sam@example.org".into()));
    assert!(r.rename_entry("/contacts/", "Sam"));
    assert_eq!(r.value(), &json!({"contacts": {"Sam": "sam@example.org"}}));
    assert_eq!(r.display_text("/contacts/Sam"), "sam@example.org");
    r.add_entry("/contacts");
    assert!(
        !r.rename_entry("/contacts/", "Sam"),
        "a name in use is refused"
    );
    assert_eq!(r.entry_name("/contacts/"), "Sam");
    assert!(r.entry_name_problem("/contacts/").is_some());
    assert!(r.rename_entry("/contacts/", "gp2"));
    r.edit("/contacts/gp2", Input::Text("not an email".into()));
    r.validate_all();
    assert!(
        r.all_problems()
            .iter()
            .any(|p| p.pointer == "/contacts/gp2"),
        "{:?}",
        r.all_problems()
    );
    assert!(r.remove_entry("/contacts/Sam"));
    assert_eq!(r.value(), &json!({"contacts": {"gp2": "not an email"}}));
}

#[test]
fn removing_an_item_moves_every_field_inside_the_list() {
    let mut r = list_record();
    r.add_item("/steps");
    r.add_item("/steps");
    let before = r.revision("/steps/1/what");
    r.remove_item("/steps/0");
    assert!(
        r.revision("/steps/0/what") > before,
        "item 1 is now item 0: it is drawn again"
    );
}

#[test]
fn a_keystroke_changes_only_its_top_level_field() {
    let mut r = record();
    let before = r.outline();
    r.edit("/name", Input::Text("Ann".into()));
    assert_eq!(
        r.changed_top_fields(&before),
        Some(vec!["/name".to_owned()])
    );
    // The first answer in an optional group makes it show at the top: the top changes.
    let before = r.outline();
    r.edit("/about/likes", Input::Text("tea".into()));
    assert_eq!(r.changed_top_fields(&before), None);
    let before = r.outline();
    r.edit("/about/likes", Input::Text("tea and toast".into()));
    assert_eq!(
        r.changed_top_fields(&before),
        Some(vec!["/about".to_owned()])
    );
    // Once every problem shows (the summary lists them), the whole view redraws.
    r.validate_all();
    let before = r.outline();
    r.edit("/name", Input::Text("Bea".into()));
    assert_eq!(r.changed_top_fields(&before), None);
}

#[test]
fn revisions_move_only_where_something_changed() {
    let mut r = record();
    let rev =
        |r: &RecordState| ["", "/name", "/age", "/about", "/about/likes"].map(|p| r.revision(p));
    let before = rev(&r);
    r.edit("/about/likes", Input::Text("tea".into()));
    let after = rev(&r);
    assert!(after[0] > before[0], "the root holds the change");
    assert_eq!(after[1], before[1], "name did not change");
    assert_eq!(after[2], before[2], "age did not change");
    assert!(after[3] > before[3] && after[4] > before[4]);

    // A problem that shows on leaving moves that field only.
    r.edit("/age", Input::Text("x".into()));
    let typed = rev(&r);
    r.leave("/age");
    let left = rev(&r);
    assert!(left[2] > typed[2], "age's problem now shows");
    assert_eq!(left[1], typed[1]);
    // Leaving again shows nothing new.
    r.leave("/age");
    assert_eq!(rev(&r), left);

    // Showing every problem moves the field whose problem appears (name is required).
    r.validate_all();
    let all = rev(&r);
    assert!(all[1] > left[1]);
    assert_eq!(all[4], left[4]);

    // The language changes every field.
    r.set_lang(Lang::Cy);
    let cy = rev(&r);
    assert!(cy.iter().zip(all.iter()).all(|(a, b)| a > b));
}

#[test]
fn levels_show_required_valued_and_revealed_fields() {
    let mut r = RecordState::new(Lang::En);
    r.set_schema(&json!({"required": ["a"], "properties": {
        "a": {"type": "string"},
        "b": {"type": "string", "x-ourplan": {"level": "brief"}},
        "c": {"type": "string"},
        "d": {"type": "object", "x-ourplan": {"level": "full"}, "properties": {"e": {"type": "string"}}}
    }})).unwrap();
    let shown = |r: &RecordState| -> Vec<String> {
        let model = r.model().unwrap();
        model
            .root
            .children()
            .iter()
            .filter(|n| r.is_shown(n, r.top_level_default()))
            .map(|n| n.pointer.clone())
            .collect()
    };
    assert_eq!(shown(&r), ["/a", "/b"]);
    r.set_level(Level::Standard);
    assert_eq!(shown(&r), ["/a", "/b", "/c"]);
    r.set_level(Level::Brief);
    r.set_value(json!({"c": "kept"}));
    assert_eq!(
        shown(&r),
        ["/a", "/b", "/c"],
        "a field with a value shows at every level"
    );
    r.reveal("/d");
    assert_eq!(shown(&r), ["/a", "/b", "/c", "/d"]);
    assert_eq!(r.focus_request().1, Some(&Focus::Field("/d".into())));
}

#[test]
fn recursive_parts_open_one_level_at_a_time() {
    let mut r = RecordState::new(Lang::En);
    r.set_schema(
        &json!({"$defs": {"person": {"type": "object", "title": "Person", "properties": {
        "name": {"type": "string", "title": "Name"},
        "helper": {"$ref": "#/$defs/person", "title": "Who helps them"}}}},
        "$ref": "#/$defs/person"}),
    )
    .unwrap();
    assert!(r.diagnostics().is_empty(), "{:?}", r.diagnostics());
    let kind = |r: &RecordState, p: &str| {
        r.model()
            .unwrap()
            .find(p)
            .map(|n| std::mem::discriminant(&n.kind))
    };
    let recursive = std::mem::discriminant(&Kind::Recursive {
        reference: String::new(),
    });
    assert_eq!(kind(&r, "/helper"), Some(recursive));
    assert!(r.open("/helper"));
    assert_eq!(
        r.focus_request().1,
        Some(&Focus::Field("/helper/name".into()))
    );
    r.edit("/helper/name", Input::Text("Bea".into()));
    assert_eq!(
        kind(&r, "/helper/helper"),
        Some(recursive),
        "the next level stays closed"
    );
    // A value already there is drawn without opening.
    r.set_value(json!({"helper": {"helper": {"name": "Cy"}}}));
    assert!(r.model().unwrap().find("/helper/helper/name").is_some());
    assert_eq!(
        r.model().unwrap().find("/helper").unwrap().label,
        "Who helps them"
    );
}
