//! A block's list of items (a list, a checklist, things to do and not to do): each a box, ticked
//! when done (a checklist), moved up and down with buttons, removed; then "Add an item".

use crate::plan::Bx;
use crate::plan::dom::target_checked;
use ourplan_core::plan::{Block, Item, Kind, PlanAction};
use yew::prelude::*;

/// The items of `field` in `block`, in a fieldset with the legend `label`.
pub(super) fn items_view(bx: &Bx<'_>, block: &Block, field: &'static str, label: &str) -> Html {
    let bid = block.id.clone();
    let items = block.body.items(field).unwrap_or(&[]);
    let checklist = block.kind() == Kind::Checklist;
    let count = items.len();
    html! {
        <fieldset class="op-fieldset op-plan-items">
            <legend class="op-fieldset__legend op-fieldset__legend--s">{ label.to_owned() }</legend>
            <ul class="op-plan-items__list">
                { for items.iter().enumerate().map(|(n, item)| item_view(bx, &bid, item, n, count, checklist)) }
            </ul>
            if bx.editable {
                <button type="button" class="op-button op-button--secondary op-button--small" id={format!("op-b-{bid}-add-{field}")}
                    onclick={bx.click(PlanAction::AddItem { block: bid.clone(), field })}>
                    { bx.t("plan.ui.item.add") }<span class="op-visually-hidden">{" "}{ label.to_owned() }</span>
                </button>
            }
        </fieldset>
    }
}

/// Item `n` of `count` in the block `bid`: its tick (a checklist's), its box and its buttons.
fn item_view(bx: &Bx<'_>, bid: &str, item: &Item, n: usize, count: usize, checklist: bool) -> Html {
    let iid = format!("op-i-{bid}-{}", item.id);
    let number = (n + 1).to_string();
    let item_label = bx.ta("plan.ui.item.label", &[("number", &number)]);
    let (b, i) = (bid.to_owned(), item.id.clone());
    let (oninput, onchange) = bx.typed(move |text| PlanAction::SetItem {
        block: b.clone(),
        item: i.clone(),
        text,
    });
    let on = bx.on.clone();
    let (b, i) = (bid.to_owned(), item.id.clone());
    let ondone = Callback::from(move |e: Event| {
        on.emit(PlanAction::ItemDone {
            block: b.clone(),
            item: i.clone(),
            done: target_checked(&e),
        })
    });
    let hidden = html! { <span class="op-visually-hidden">{" "}{ item_label.clone() }</span> };
    let moved = |up: bool| {
        bx.click(PlanAction::MoveItem {
            block: bid.to_owned(),
            item: item.id.clone(),
            up,
        })
    };
    html! {
        <li class="op-plan-items__item" key={item.id.clone()}>
            if checklist {
                <span class="op-plan-items__done">
                    <input class="op-checkboxes__input" type="checkbox" id={format!("{iid}-done")} checked={item.done == Some(true)}
                        onchange={ondone} disabled={!bx.editable} />
                    <label class="op-checkboxes__label" for={format!("{iid}-done")}>
                        <span class="op-visually-hidden">{ bx.t("plan.ui.item.done") }{" "}{ item_label.clone() }</span>
                    </label>
                </span>
            }
            <label class="op-visually-hidden" for={iid.clone()}>{ item_label.clone() }</label>
            <input class="op-input op-plan-items__text" id={iid.clone()} type="text" value={item.text.clone()}
                {oninput} {onchange} readonly={!bx.editable && !bx.disabled} disabled={bx.disabled} />
            if bx.editable {
                if n > 0 {
                    <button type="button" class="op-button op-button--secondary op-button--small" id={format!("{iid}-up")}
                        onclick={moved(true)}>
                        { bx.t("plan.ui.item.up") }{ hidden.clone() }</button>
                }
                if n + 1 < count {
                    <button type="button" class="op-button op-button--secondary op-button--small" id={format!("{iid}-down")}
                        onclick={moved(false)}>
                        { bx.t("plan.ui.item.down") }{ hidden.clone() }</button>
                }
                <button type="button" class="op-button op-button--secondary op-button--small"
                    onclick={bx.click(PlanAction::RemoveItem { block: bid.to_owned(), item: item.id.clone() })}>
                    { bx.t("plan.ui.item.remove") }{ hidden }</button>
            }
        </li>
    }
}
