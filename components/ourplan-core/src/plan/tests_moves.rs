//! Tests of moving blocks: up, down, into the section above, out of a section, anywhere; what
//! each says; what each undo restores; and the nesting limit.

use super::document::{Kind, MAX_DEPTH};
use super::tests_edit::{add, focus, index_agrees, outline, said, sample};
use super::*;
use crate::i18n::Lang;

#[test]
fn moves_with_their_words() {
    // (operation, block, outline after, words said)
    type Op = fn(&mut PlanState, &str) -> Result<Feedback, Error>;
    let cases: [(Op, &str, &str, &str); 9] = [
        (
            PlanState::move_up,
            "b1",
            "b1[b2 b3] b4 b5[]",
            "‘My week’ is already at the top",
        ),
        (
            PlanState::move_down,
            "b2",
            "b1[b3 b2] b4 b5[]",
            "Moved ‘Morning’ down, now 2 of 2",
        ),
        (
            PlanState::move_down,
            "b5",
            "b1[b2 b3] b4 b5[]",
            "‘Evening’ is already at the bottom",
        ),
        (
            PlanState::move_up,
            "b4",
            "b4 b1[b2 b3] b5[]",
            "Moved ‘What matters to me’ up, now 1 of 3",
        ),
        (
            PlanState::move_into_previous,
            "b4",
            "b1[b2 b3 b4] b5[]",
            "Moved ‘What matters to me’ into ‘My week’, now 3 of 3",
        ),
        (
            PlanState::move_into_previous,
            "b2",
            "b1[b2 b3] b4 b5[]",
            "There is no section just above ‘Morning’ to move it into",
        ),
        (
            PlanState::move_out,
            "b2",
            "b1[b3] b2 b4 b5[]",
            "Moved ‘Morning’ out of ‘My week’, now 2 of 4",
        ),
        (
            PlanState::move_out,
            "b4",
            "b1[b2 b3] b4 b5[]",
            "‘What matters to me’ is not inside a section",
        ),
        (
            PlanState::move_into_previous,
            "b5",
            "b1[b2 b3] b4 b5[]",
            "There is no section just above ‘Evening’ to move it into",
        ),
    ];
    for (op, id, expected, words) in cases {
        let mut s = sample();
        assert_eq!(outline(&s), "b1[b2 b3] b4 b5[]");
        let f = op(&mut s, id).unwrap();
        assert_eq!(outline(&s), expected, "{words}");
        assert_eq!(said(&f), words);
        assert_eq!(f.focus, focus(id), "focus stays on the moved block");
        index_agrees(&s);
        // Every move undoes exactly.
        if expected != "b1[b2 b3] b4 b5[]" {
            let f = s.undo();
            assert_eq!(outline(&s), "b1[b2 b3] b4 b5[]");
            assert_eq!(f.focus, focus(id));
            assert!(said(&f).starts_with("Undone: Moved"), "{}", said(&f));
            index_agrees(&s);
        }
    }
}

#[test]
fn moves_say_what_makes_sense() {
    let s = sample();
    let m = |id| s.moves(id).unwrap();
    assert_eq!(
        m("b4"),
        Moves {
            up: true,
            down: true,
            into: true,
            out: false
        }
    );
    assert_eq!(
        m("b2"),
        Moves {
            up: false,
            down: true,
            into: false,
            out: true
        }
    );
}

#[test]
fn move_to_anywhere_but_inside_itself() {
    let mut s = sample();
    s.move_to("b4", Some("b5"), 0).unwrap();
    assert_eq!(outline(&s), "b1[b2 b3] b5[b4]");
    s.move_to("b5", Some("b1"), 1).unwrap();
    assert_eq!(outline(&s), "b1[b2 b5[b4] b3]");
    // Index counts after the block has left: to the end of its own list.
    s.move_to("b2", Some("b1"), 99).unwrap();
    assert_eq!(outline(&s), "b1[b5[b4] b3 b2]");
    for (id, into) in [("b1", "b1"), ("b1", "b5"), ("b5", "b5")] {
        let before = outline(&s);
        let err = s.move_to(id, Some(into), 0).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::IntoItself { .. }), "{id}");
        assert_eq!(outline(&s), before);
    }
    assert!(
        s.move_to("b1", Some("b2"), 0).is_err(),
        "b2 is not a section"
    );
    index_agrees(&s);
}

#[test]
fn sections_nest_only_so_deep() {
    let mut s = PlanState::new(Lang::En);
    let mut parent: Option<String> = None;
    for _ in 0..=MAX_DEPTH {
        parent = Some(add(&mut s, Kind::Section, parent.as_deref()));
    }
    let err = s.add_block(Kind::Text, parent.as_deref(), 0).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TooDeep { .. }));
    // A section holding sections cannot go into one that would take it past the limit.
    let top = add(&mut s, Kind::Section, None);
    add(&mut s, Kind::Section, Some(&top));
    let deepest = parent.unwrap();
    assert!(s.move_to(&top, Some(&deepest), 0).is_err());
    let f = s.move_up(&top).unwrap();
    assert!(said(&f).starts_with("Moved"));
    index_agrees(&s);
}
