//! One block of the plan: [`BlockView`], drawn again only when the block or what it draws from
//! the screen ([`Around`]) changes, with its heading, its fields (`fields`, `items`, `choice`),
//! its tools (move, add below, remove) and the "add here" control that opens below it.

mod choice;
mod fields;
mod items;
mod picture;

use super::add::add_here;
use super::{Bx, Env, move_suffix};
use crate::icons::{Icon, icon};
use ourplan_core::plan::{
    Block, Body, Error, Field, FieldType, Kind, Message, Move, Moves, Picture, PlanAction,
    PlanScreen,
};
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

/// What a block draws from the screen beyond its own content, and the same for each block inside
/// it (a section's). Compared with the block itself, so a block is drawn again only when one of
/// these changes for it or for a block inside it: typing in one block of 500 redraws one block.
/// Built afresh for each change of the screen ([`Around::of_plan`]).
#[derive(Clone, PartialEq)]
pub(super) struct Around {
    /// The moves the block offers.
    moves: Moves,
    /// Its cost box's text when that is not (yet) an amount, and what is wrong with it.
    cost: Option<(String, Option<Error>)>,
    /// The "add a block here" control is open below it.
    adding_here: bool,
    /// The outcomes in the plan (id, name), for a block that can link to one (a budget line);
    /// `None` for the others, so a renamed outcome redraws only what lists it. Compared by
    /// contents: they are listed afresh for each change.
    outcomes: Option<Rc<Vec<(String, String)>>>,
    /// The picture a picture block shows (its data is shared, not copied, and compared by
    /// pointer first), and what the person was told about the picture they last chose for it.
    picture: Option<Picture>,
    picture_note: Option<(Message, bool)>,
    /// The picture beside the block's heading, if it has one.
    heading_picture: Option<Picture>,
    /// The title of the part of the plan the block is in (its section's, or the plan's): what a
    /// picture without a description is called.
    part_title: Rc<str>,
    /// The same for each block inside it, in order.
    inside: Rc<[Around]>,
}

impl Around {
    /// What each top-level block of `screen`'s plan draws from it, in order.
    pub(super) fn of_plan(screen: &PlanScreen, env: &Env) -> Rc<[Around]> {
        let blocks = &screen.state.plan().blocks;
        let mut outcomes = Vec::new();
        walk(blocks, &mut |b| {
            if b.kind() == Kind::Outcome {
                outcomes.push((b.id.clone(), display_name(env, b)));
            }
        });
        let title: Rc<str> = Rc::from(screen.state.plan().title.trim());
        Around::list(screen, blocks, &Rc::new(outcomes), &title)
    }

    fn list(
        screen: &PlanScreen,
        blocks: &[Block],
        outcomes: &Rc<Vec<(String, String)>>,
        part_title: &Rc<str>,
    ) -> Rc<[Around]> {
        blocks
            .iter()
            .map(|b| Around::of(screen, b, outcomes, part_title))
            .collect()
    }

    fn of(
        screen: &PlanScreen,
        block: &Block,
        outcomes: &Rc<Vec<(String, String)>>,
        part_title: &Rc<str>,
    ) -> Around {
        let picture = match &block.body {
            Body::Picture { picture, .. } => screen.state.plan().pictures.get(picture).cloned(),
            _ => None,
        };
        let picture_note = screen
            .picture_note
            .as_ref()
            .filter(|(id, ..)| *id == block.id)
            .map(|(_, m, refused)| (m.clone(), *refused));
        let inner_title: Rc<str> = match &block.body {
            Body::Section { title, .. } if !title.trim().is_empty() => Rc::from(title.trim()),
            _ => part_title.clone(),
        };
        let links = block
            .kind()
            .fields()
            .iter()
            .any(|f| f.ty == FieldType::BlockRef);
        Around {
            moves: screen.state.moves(&block.id).unwrap_or_default(),
            cost: screen.cost_typed.get(&block.id).cloned(),
            adding_here: screen.adding_after.as_deref() == Some(block.id.as_str()),
            outcomes: links.then(|| outcomes.clone()),
            picture,
            picture_note,
            heading_picture: screen
                .state
                .plan()
                .pictures
                .get(block.heading_picture())
                .cloned(),
            // Only a picture block says it (its picture's name when it has no description):
            // retitling the plan redraws its pictures, not every block.
            part_title: if block.kind() == Kind::Picture {
                part_title.clone()
            } else {
                Rc::from("")
            },
            inside: Around::list(screen, block.body.children(), outcomes, &inner_title),
        }
    }
}

/// Visits every block, sections' blocks included, in document order.
fn walk<'a>(blocks: &'a [Block], visit: &mut impl FnMut(&'a Block)) {
    for b in blocks {
        visit(b);
        walk(b.body.children(), visit);
    }
}

/// A block's name for people: the first line of its words (up to 40 characters), else its kind.
fn display_name(env: &Env, block: &Block) -> String {
    let name = block.body.name();
    let name: String = name.lines().next().unwrap_or("").chars().take(40).collect();
    if name.is_empty() {
        env.t(block.kind().label())
    } else {
        name
    }
}

/// Properties of one block's component. Every field is compared (derived): the block (with any
/// blocks inside it), the environment, and what it draws from the screen.
#[derive(Properties, PartialEq)]
struct BlockProps {
    /// The block.
    block: Block,
    /// The language, whether the plan can be changed, and where actions go.
    env: Env,
    /// What the block, and each block inside it, draws from the screen.
    around: Around,
}

/// The component for `block`, in a list of blocks (keyed by the block's id).
pub(super) fn view(block: &Block, env: &Env, around: &Around) -> Html {
    html! {
        <BlockView key={block.id.clone()} block={block.clone()} env={env.clone()} around={around.clone()} />
    }
}

/// One block, drawn again only when its props change (see [`BlockProps`]).
#[function_component(BlockView)]
fn block_view(props: &BlockProps) -> Html {
    let bx = Bx {
        env: &props.env,
        around: &props.around,
    };
    let block = &props.block;
    let id = block.id.clone();
    let kind = block.kind();
    let name = display_name(bx.env, block);
    let adding_here = bx.around.adding_here;
    // The block's own fields are one group in a form, named by the block; a section's blocks
    // follow, outside it (forms do not nest).
    let (inner, own): (Vec<&Field>, Vec<&Field>) = kind
        .fields()
        .iter()
        .partition(|f| f.ty == FieldType::Children);
    html! {
        <>
        <li class={classes!("op-plan-block", (kind == Kind::Section).then_some("op-plan-block--section"))}
            id={format!("op-b-{id}")} tabindex="-1" part="block" data-kind={kind.as_str()} onkeydown={move_keys(&bx, &id)}>
            <div class="op-plan-block__head">
                <h3 class="op-plan-block__kind" id={format!("op-b-{id}-h")}>{ bx.t(kind.label()) }</h3>
                { picture::beside_heading(&bx, &name) }
            </div>
            if let Some(who) = block.extra.get("addedBy").and_then(|v| v.as_str()).filter(|w| !w.trim().is_empty()) {
                <p class="op-plan-added-by">{ bx.ta("plan.ui.added_by", &[("name", who)]) }</p>
            }
            if kind == Kind::Unknown {
                <p class="op-hint">{ bx.t("plan.ui.unknown.hint") }</p>
            }
            <form class="op-plan-block__fields" onsubmit={no_submit()}>
                // Named by the block, so "Item 1" or "What I want" in one block is told apart
                // from the same field in the next when a screen reader enters the group.
                <div role="group" aria-label={name.clone()}>
                    { for own.iter().map(|f| fields::field_view(&bx, block, f.name, f.ty, f.label)) }
                </div>
            </form>
            { for inner.iter().map(|f| fields::field_view(&bx, block, f.name, f.ty, f.label)) }
            if bx.editable {
                { tools(&bx, block, &name) }
            }
            if kind != Kind::Picture {
                { picture::beside_note(&bx, block) }
            }
        </li>
        if adding_here && bx.editable {
            <li class="op-plan-add-here" part="add-here">
                { add_here(bx.env, &id, &name) }
            </li>
        }
        </>
    }
}

/// The block's tools: the moves it offers, "Add below" (unless that control is open) and
/// Remove, each naming the block for a screen reader.
fn tools(bx: &Bx<'_>, block: &Block, name: &str) -> Html {
    let id = block.id.as_str();
    let moves = bx.around.moves;
    let hidden = |text: &str| {
        html! { <span class="op-visually-hidden">{" "}{ text.to_owned() }</span> }
    };
    let tool = |how: Move, key: &str| {
        let drawn = match how {
            Move::Up => icon(bx.lang, Icon::Up),
            Move::Down => icon(bx.lang, Icon::Down),
            Move::Into | Move::Out => html! {},
        };
        html! {
            <button type="button" class="op-button op-button--secondary op-button--small" id={format!("op-b-{id}-{}", move_suffix(how))}
                onclick={bx.click(PlanAction::Move { id: id.to_owned(), how })}>
                { drawn }{ bx.t(key) }{ hidden(name) }
            </button>
        }
    };
    html! {
        <div class="op-plan-block__tools" part="block-tools">
            if moves.up { { tool(Move::Up, "plan.ui.move.up") } }
            if moves.down { { tool(Move::Down, "plan.ui.move.down") } }
            if moves.into { { tool(Move::Into, "plan.ui.move.into") } }
            if moves.out { { tool(Move::Out, "plan.ui.move.out") } }
            if !bx.around.adding_here {
                <button type="button" class="op-button op-button--secondary op-button--small" id={format!("op-b-{id}-add-below")}
                    aria-expanded="false" onclick={bx.click(PlanAction::OpenAddAfter(id.to_owned()))}>
                    { icon(bx.lang, Icon::Add) }{ bx.t("plan.ui.add.below") }{ hidden(name) }
                </button>
            }
            if block.kind() != Kind::Picture && block.kind() != Kind::Unknown {
                { picture::beside_tools(bx, block, name) }
            }
            <button type="button" class="op-button op-button--warning op-button--small" id={format!("op-b-{id}-remove")}
                onclick={bx.click(PlanAction::Remove(id.to_owned()))}>
                { icon(bx.lang, Icon::Remove) }{ bx.t("plan.ui.remove") }{ hidden(name) }
            </button>
        </div>
    }
}

/// Alt and an arrow, anywhere in the block, moves it up or down; focus comes back to the
/// control the person was in.
fn move_keys(bx: &Bx<'_>, id: &str) -> Callback<KeyboardEvent> {
    let on = bx.on.clone();
    let id = id.to_owned();
    let editable = bx.editable;
    Callback::from(move |e: KeyboardEvent| {
        let up = match e.key().as_str() {
            "ArrowUp" => true,
            "ArrowDown" => false,
            _ => return,
        };
        if !editable || !e.alt_key() || e.ctrl_key() || e.meta_key() {
            return;
        }
        // The innermost block moves; the sections around it leave the key alone.
        e.prevent_default();
        e.stop_propagation();
        let focus = e
            .target_dyn_into::<Element>()
            .map(|t| t.id())
            .unwrap_or_default();
        on.emit(PlanAction::MoveByKey {
            id: id.clone(),
            up,
            focus,
        });
    })
}

/// The submit handler of each block's small form of fields. Chromium's form filling reads every
/// control outside a form on the page each time a field gets focus (13-24 ms at 500 blocks),
/// but only the focused field's form when it has one: 3.3 ms with the fields of each block in a
/// form. Only the fields: every form costs when the page is drawn (forms around the tools and
/// add controls too made a 500-block plan take 1.1 s to draw instead of 0.68). No submit
/// button; Enter in a lone text box would submit the form and reload the page: never.
fn no_submit() -> Callback<SubmitEvent> {
    Callback::from(|e: SubmitEvent| e.prevent_default())
}

#[cfg(test)]
mod tests {
    //! The derived equality of [`BlockProps`] against the hand-written one it replaced (kept here
    //! as the oracle): over a run of edits, both say the same for every block.

    use super::*;
    use ourplan_core::Lang;
    use std::collections::HashMap;

    const NOW: &str = "2026-11-23T10:00:00Z";

    /// What the old `Shared` held: facts for every block, by id.
    struct OldShared {
        moves: HashMap<String, Moves>,
        cost: HashMap<String, (String, Option<Error>)>,
        outcomes: Vec<(String, String)>,
        adding_after: Option<String>,
        /// Picture blocks: the title of the part of the plan each is in.
        part_titles: HashMap<String, String>,
        /// What the person was last told about a picture, and for which block.
        picture_note: Option<(String, ourplan_core::plan::Message, bool)>,
    }

    impl OldShared {
        fn new(screen: &PlanScreen, env: &Env) -> OldShared {
            let state = &screen.state;
            let mut moves = HashMap::new();
            let mut outcomes = Vec::new();
            walk(&state.plan().blocks, &mut |b| {
                moves.insert(b.id.clone(), state.moves(&b.id).unwrap_or_default());
                if b.kind() == Kind::Outcome {
                    outcomes.push((b.id.clone(), display_name(env, b)));
                }
            });
            let mut part_titles = HashMap::new();
            fn titles(blocks: &[Block], around: &str, out: &mut HashMap<String, String>) {
                for b in blocks {
                    if b.kind() == Kind::Picture {
                        out.insert(b.id.clone(), around.to_owned());
                    }
                    let inner = match &b.body {
                        Body::Section { title, .. } if !title.trim().is_empty() => title.trim(),
                        _ => around,
                    };
                    titles(b.body.children(), inner, out);
                }
            }
            titles(
                &state.plan().blocks,
                state.plan().title.trim(),
                &mut part_titles,
            );
            OldShared {
                moves,
                cost: screen.cost_typed.clone(),
                outcomes,
                adding_after: screen.adding_after.clone(),
                part_titles,
                picture_note: screen.picture_note.clone(),
            }
        }

        fn same_for(&self, other: &OldShared, id: &str) -> bool {
            let note = |s: &OldShared| {
                s.picture_note
                    .as_ref()
                    .filter(|(at, ..)| at == id)
                    .map(|(_, m, r)| (m.clone(), *r))
            };
            self.moves.get(id) == other.moves.get(id)
                && self.cost.get(id) == other.cost.get(id)
                && self.part_titles.get(id) == other.part_titles.get(id)
                && note(self) == note(other)
                && (self.adding_after.as_deref() == Some(id))
                    == (other.adding_after.as_deref() == Some(id))
        }
    }

    /// The old `impl PartialEq for BlockProps` (with the environment the same).
    fn old_eq(a: &Block, a_shared: &OldShared, b: &Block, b_shared: &OldShared) -> bool {
        if a != b {
            return false;
        }
        let mut same = a_shared.same_for(b_shared, &a.id);
        let mut links = false;
        walk(a.body.children(), &mut |c| {
            same = same && a_shared.same_for(b_shared, &c.id);
            links = links || c.kind() == Kind::BudgetLine;
        });
        if links || a.kind() == Kind::BudgetLine {
            same = same && a_shared.outcomes == b_shared.outcomes;
        }
        same
    }

    /// Every block's properties as the view builds them, by id.
    fn props_by_id(screen: &PlanScreen, env: &Env) -> HashMap<String, BlockProps> {
        fn add(
            blocks: &[Block],
            around: &[Around],
            env: &Env,
            out: &mut HashMap<String, BlockProps>,
        ) {
            assert_eq!(blocks.len(), around.len());
            for (b, a) in blocks.iter().zip(around) {
                out.insert(
                    b.id.clone(),
                    BlockProps {
                        block: b.clone(),
                        env: env.clone(),
                        around: a.clone(),
                    },
                );
                add(b.body.children(), &a.inside, env, out);
            }
        }
        let mut out = HashMap::new();
        add(
            &screen.state.plan().blocks,
            &Around::of_plan(screen, env),
            env,
            &mut out,
        );
        out
    }

    fn blocks_by_id(screen: &PlanScreen) -> HashMap<String, Block> {
        let mut out = HashMap::new();
        walk(&screen.state.plan().blocks, &mut |b| {
            out.insert(b.id.clone(), b.clone());
        });
        out
    }

    fn id_of(screen: &PlanScreen, kind: Kind, nth: usize) -> String {
        let mut found = Vec::new();
        walk(&screen.state.plan().blocks, &mut |b| {
            if b.kind() == kind {
                found.push(b.id.clone());
            }
        });
        found[nth].clone()
    }

    /// A plan with words, outcomes and budget lines, at the top and in a section.
    fn sample() -> PlanScreen {
        let mut screen = PlanScreen::new(Lang::En);
        screen.apply(PlanAction::Start(None), NOW);
        for kind in [
            Kind::Text,
            Kind::Outcome,
            Kind::BudgetLine,
            Kind::Section,
            Kind::Outcome,
            Kind::Picture,
        ] {
            screen.apply(PlanAction::Add { kind, parent: None }, NOW);
        }
        let section = id_of(&screen, Kind::Section, 0);
        for kind in [Kind::BudgetLine, Kind::Text, Kind::Section] {
            let parent = Some(section.clone());
            screen.apply(PlanAction::Add { kind, parent }, NOW);
        }
        screen
    }

    #[test]
    fn derived_equality_agrees_with_the_old_one() {
        let env = Env {
            lang: Lang::En,
            editable: true,
            disabled: false,
            on: Callback::noop(),
            full: None,
        };
        let mut screen = sample();
        let text = id_of(&screen, Kind::Text, 0);
        let outcome = id_of(&screen, Kind::Outcome, 0);
        let line = id_of(&screen, Kind::BudgetLine, 0);
        let inner_line = id_of(&screen, Kind::BudgetLine, 1);
        let picture = id_of(&screen, Kind::Picture, 0);
        let steps = [
            PlanAction::SetText {
                id: text.clone(),
                field: "text",
                text: "Hello".into(),
            },
            PlanAction::SetCost {
                id: line.clone(),
                text: "12.3.4".into(),
            },
            PlanAction::SetCost {
                id: inner_line.clone(),
                text: "abc".into(),
            },
            PlanAction::SetCost {
                id: inner_line.clone(),
                text: "15".into(),
            },
            PlanAction::SetText {
                id: outcome.clone(),
                field: "what",
                text: "Walk".into(),
            },
            PlanAction::SetText {
                id: outcome.clone(),
                field: "howIWillKnow",
                text: "Soon".into(),
            },
            PlanAction::OpenAddAfter(text.clone()),
            PlanAction::OpenAddAfter(inner_line.clone()),
            PlanAction::CloseAdd,
            PlanAction::Move {
                id: text.clone(),
                how: Move::Down,
            },
            PlanAction::Move {
                id: outcome.clone(),
                how: Move::Into,
            },
            PlanAction::SetTitle("A plan".into()),
            PlanAction::PictureProblem {
                id: picture.clone(),
                problem: ourplan_core::plan::PictureRefused::Failed,
            },
            PlanAction::SetText {
                id: picture.clone(),
                field: "description",
                text: "Me".into(),
            },
            PlanAction::Undo,
            PlanAction::Undo,
            PlanAction::Redo,
            PlanAction::Remove(text.clone()),
        ];
        let mut compared = 0;
        let mut unequal = 0;
        for action in steps {
            let (before, old_before, blocks_before) = (
                props_by_id(&screen, &env),
                OldShared::new(&screen, &env),
                blocks_by_id(&screen),
            );
            screen.apply(action.clone(), NOW);
            let (after, old_after) = (props_by_id(&screen, &env), OldShared::new(&screen, &env));
            let blocks_after = blocks_by_id(&screen);
            for (id, new_props) in &after {
                let Some(old_props) = before.get(id) else {
                    continue;
                };
                let old = old_eq(
                    &blocks_before[id],
                    &old_before,
                    &blocks_after[id],
                    &old_after,
                );
                assert_eq!(*old_props == *new_props, old, "{action:?}: block {id}");
                compared += 1;
                unequal += usize::from(!old);
            }
        }
        // Both answers came up, many times.
        assert!(
            compared > 100 && unequal > 10 && compared - unequal > 50,
            "{compared} {unequal}"
        );
    }
}
