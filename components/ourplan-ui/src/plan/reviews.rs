//! The review log: when the plan was last reviewed, and each review (its date, who, what works,
//! what does not, what changes), added and removed by the person.

use super::Cx;
use super::dom::target_value;
use crate::icons::{Icon, icon};
use ourplan_core::format;
use ourplan_core::plan::{PlanAction, Review};
use yew::prelude::*;

/// The reviews section: the last review's date, each review, and "Add a review".
pub(super) fn reviews(cx: &Cx<'_>) -> Html {
    let plan = cx.screen.state.plan();
    let last = plan
        .reviews
        .iter()
        .map(|r| r.date.as_str())
        .filter(|d| !d.is_empty())
        .max();
    html! {
        <section class="op-plan-reviews" aria-labelledby="op-reviews-title" part="reviews">
            <h2 class="op-heading-m" id="op-reviews-title">{ icon(cx.lang, Icon::Talk) }{ cx.t("plan.ui.reviews.title") }</h2>
            <p class="op-body" id="op-last-reviewed">{ match last {
                Some(d) => cx.ta("plan.ui.reviews.last", &[("date", &format::date(cx.lang, d).unwrap_or_else(|| d.to_owned()))]),
                None => cx.t("plan.ui.reviews.never"),
            } }</p>
            <p class="op-hint">{ cx.t("plan.ui.reviews.hint") }</p>
            <ol class="op-plan-reviews__list">
                { for plan.reviews.iter().map(|r| review(cx, r)) }
            </ol>
            if cx.editable {
                <button type="button" class="op-button op-button--secondary" id="op-add-review"
                    onclick={cx.click(PlanAction::AddReview)}>{ cx.t("plan.ui.reviews.add") }</button>
            }
        </section>
    }
}

/// One review: its fields, and Remove.
fn review(cx: &Cx<'_>, r: &Review) -> Html {
    html! {
        <li class="op-plan-review" key={r.id.clone()}>
            { review_field(cx, &r.id, "date", &r.date, false) }
            { review_field(cx, &r.id, "by", &r.by, false) }
            { review_field(cx, &r.id, "working", &r.working, true) }
            { review_field(cx, &r.id, "notWorking", &r.not_working, true) }
            { review_field(cx, &r.id, "changes", &r.changes, true) }
            if cx.editable {
                <button type="button" class="op-button op-button--warning op-button--small"
                    onclick={cx.click(PlanAction::RemoveReview(r.id.clone()))}>{ cx.t("plan.ui.reviews.remove") }</button>
            }
        </li>
    }
}

/// The field `field` of the review `rid`: a date box, a text area (`long`) or a one-line box.
fn review_field(cx: &Cx<'_>, rid: &str, field: &'static str, value: &str, long: bool) -> Html {
    let control_id = format!("op-r-{rid}-{field}");
    let id = rid.to_owned();
    let (oninput, onchange) = cx.typed(move |text| PlanAction::SetReview {
        id: id.clone(),
        field,
        text,
    });
    let on = cx.on.clone();
    let id = rid.to_owned();
    // A date box reports its value on change (part-typed dates are empty).
    let ondate = Callback::from(move |e: Event| {
        on.emit(PlanAction::SetReview {
            id: id.clone(),
            field,
            text: target_value(&e),
        })
    });
    let label = cx.t(&format!("plan.review.{field}"));
    let ro = !cx.editable && !cx.disabled;
    html! {
        <div class="op-form-group">
            <label class="op-label" for={control_id.clone()}>{ label }</label>
            if field == "date" {
                <input class="op-input op-plan-review__date" id={control_id} type="date" value={value.to_owned()}
                    onchange={ondate} readonly={ro} disabled={cx.disabled} />
            } else if long {
                <textarea class="op-textarea" id={control_id} rows="2" value={value.to_owned()}
                    {oninput} onchange={onchange.clone()} readonly={ro} disabled={cx.disabled} />
            } else {
                <input class="op-input" id={control_id} type="text" value={value.to_owned()}
                    {oninput} onchange={onchange.clone()} readonly={ro} disabled={cx.disabled} />
            }
        </div>
    }
}
