//! A picture block's picture: what it shows now, and choosing one from a file or (on a phone)
//! the camera. The picture is made smaller here, in the browser, before it reaches the plan:
//! longest side at most [`PICTURE_SIDE`] pixels, WebP where the browser's canvas can write it
//! (Safari's cannot) and JPEG otherwise, at most about [`PICTURE_BYTES`]. Nothing is sent
//! anywhere.

use crate::icons::{Icon, icon};
use crate::plan::Bx;
use crate::plan::files::open_box;
use ourplan_core::plan::pictures::{
    HEADING_PICTURE, PICTURE_BYTES, PICTURE_FILE_BYTES, PICTURE_SIDE, alt_text,
};
use ourplan_core::plan::{Block, PictureRefused, PlanAction};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, File, HtmlCanvasElement, ImageBitmap};
use yew::prelude::*;

/// The picture field of `block`: the picture (or that there is none yet), what the person was
/// last told about a picture they chose, and the buttons to choose, take or take out a picture.
pub(super) fn picture_field(
    bx: &Bx<'_>,
    block: &Block,
    field: &'static str,
    label: String,
) -> Html {
    let id = &block.id;
    let button_id = format!("op-f-{id}-{field}");
    let file_id = format!("op-f-{id}-{field}-file");
    let camera_id = format!("op-f-{id}-{field}-camera");
    let hint_id = format!("op-f-{id}-{field}-hint");
    let note_id = format!("op-f-{id}-{field}-note");
    let description = block.body.text("description").unwrap_or("");
    let has_key = block.body.text(field).is_some_and(|k| !k.is_empty());
    let note = bx.around.picture_note.as_ref();
    let described = match note {
        Some(_) => format!("{hint_id} {note_id}"),
        None => hint_id.clone(),
    };
    let refused = note.is_some_and(|(_, refused)| *refused);
    html! {
        <div class={classes!("op-form-group", "op-plan-picture-field", refused.then_some("op-form-group--error"))}>
            // The block's heading says "Picture" already: the label is for a screen reader's
            // list of the block's parts.
            <p class="op-visually-hidden">{ label }</p>
            { match &bx.around.picture {
                Some(p) if p.shows() => html! {
                    <figure class="op-plan-picture">
                        <img class="op-plan-picture__img" src={AttrValue::from(p.data_url())}
                            alt={alt_text(description, &bx.around.part_title, bx.lang)}
                            width={p.width.to_string()} height={p.height.to_string()} part="picture" />
                    </figure>
                },
                Some(_) => html! { <p class="op-hint">{ bx.t("plan.picture.cannot_show") }</p> },
                None if has_key => html! { <p class="op-hint">{ bx.t("plan.picture.cannot_show") }</p> },
                None => html! { <p class="op-body">{ bx.t("plan.ui.picture.none") }</p> },
            } }
            <p class="op-hint" id={hint_id}>{ bx.t("plan.ui.picture.hint") }</p>
            if let Some((message, refused)) = note {
                if *refused {
                    <p class="op-error-message" id={note_id} role="alert">
                        <span class="op-visually-hidden">{ bx.t("plan.ui.error_prefix") }{" "}</span>{ message.render(bx.lang) }
                    </p>
                } else {
                    <p class="op-body op-plan-picture__done" id={note_id}>{ message.render(bx.lang) }</p>
                }
            }
            if bx.editable {
                <div class="op-plan-picture__buttons">
                    <button type="button" class="op-button op-button--secondary" id={button_id}
                        aria-describedby={described.clone()} onclick={open_box(file_id.clone())}>
                        { icon(bx.lang, Icon::Picture) }{ bx.t(if has_key { "plan.ui.picture.change" } else { "plan.ui.picture.choose" }) }
                    </button>
                    if coarse_pointer() {
                        <button type="button" class="op-button op-button--secondary" id={format!("op-f-{id}-{field}-take")}
                            aria-describedby={described} onclick={open_box(camera_id.clone())}>
                            { bx.t("plan.ui.picture.camera") }
                        </button>
                    }
                    if has_key {
                        <button type="button" class="op-button op-button--secondary" id={format!("op-f-{id}-{field}-remove")}
                            onclick={bx.click(PlanAction::RemovePicture { id: id.clone(), field })}>
                            { bx.t("plan.ui.picture.remove") }
                        </button>
                    }
                </div>
                // The browser's own file box speaks the browser's language: buttons in the
                // plan's language open these.
                <input class="op-file-upload" id={file_id} type="file" accept="image/*" hidden=true
                    tabindex="-1" aria-hidden="true" onchange={chosen(bx, id, field)} />
                <input class="op-file-upload" id={camera_id} type="file" accept="image/*" capture="environment"
                    hidden=true tabindex="-1" aria-hidden="true" onchange={chosen(bx, id, field)} />
            }
        </div>
    }
}

/// The small picture beside a block's heading, if it has one.
pub(super) fn beside_heading(bx: &Bx<'_>, name: &str) -> Html {
    match &bx.around.heading_picture {
        Some(p) if p.shows() => html! {
            <img class="op-plan-block__picture" src={AttrValue::from(p.data_url())}
                alt={alt_text("", name, bx.lang)} width={p.width.to_string()} height={p.height.to_string()} />
        },
        _ => html! {},
    }
}

/// A block's picture tools (among its move and remove buttons): add or change the picture beside
/// its heading, take it out; and what the person was told about the last one chosen.
pub(super) fn beside_tools(bx: &Bx<'_>, block: &Block, name: &str) -> Html {
    let id = &block.id;
    let field = HEADING_PICTURE;
    let file_id = format!("op-b-{id}-picture-file");
    let has = !block.heading_picture().is_empty();
    let hidden = html! { <span class="op-visually-hidden">{" "}{ name.to_owned() }</span> };
    html! {
        <>
            <button type="button" class="op-button op-button--secondary op-button--small" id={format!("op-b-{id}-picture")}
                onclick={open_box(file_id.clone())}>
                { bx.t(if has { "plan.ui.picture.beside_change" } else { "plan.ui.picture.beside_add" }) }{ hidden.clone() }
            </button>
            if has {
                <button type="button" class="op-button op-button--secondary op-button--small" id={format!("op-b-{id}-picture-remove")}
                    onclick={bx.click(PlanAction::RemovePicture { id: id.clone(), field })}>
                    { bx.t("plan.ui.picture.beside_remove") }{ hidden }
                </button>
            }
            <input class="op-file-upload" id={file_id} type="file" accept="image/*" hidden=true
                tabindex="-1" aria-hidden="true" onchange={chosen(bx, id, field)} />
        </>
    }
}

/// What the person was told about the picture they last chose beside block's heading.
pub(super) fn beside_note(bx: &Bx<'_>, block: &Block) -> Html {
    let Some((message, refused)) = bx.around.picture_note.as_ref() else {
        return html! {};
    };
    let note_id = format!("op-b-{}-picture-note", block.id);
    if *refused {
        html! {
            <p class="op-error-message" id={note_id} role="alert">
                <span class="op-visually-hidden">{ bx.t("plan.ui.error_prefix") }{" "}</span>{ message.render(bx.lang) }
            </p>
        }
    } else {
        html! { <p class="op-body op-plan-picture__done" id={note_id} role="status">{ message.render(bx.lang) }</p> }
    }
}

/// Whether the main pointer is a finger (a phone or a tablet), where a camera is offered.
fn coarse_pointer() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(pointer: coarse)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// A file box's `change`: makes the chosen file ready as a picture, then sends it (or why it
/// could not be used) for block `id`. Choosing the same file again reads it again.
fn chosen(bx: &Bx<'_>, id: &str, field: &'static str) -> Callback<Event> {
    let on = bx.on.clone();
    let id = id.to_owned();
    Callback::from(move |e: Event| {
        let Some(file) = crate::plan::dom::chosen_file(&e) else {
            return;
        };
        let (on, id) = (on.clone(), id.clone());
        yew::platform::spawn_local(async move {
            let file_bytes = file.size() as u64;
            let action = match make_ready(&file).await {
                Ok((url, width, height)) => PlanAction::SetPicture {
                    id,
                    field,
                    url,
                    width,
                    height,
                    file_bytes,
                },
                Err(problem) => PlanAction::PictureProblem { id, problem },
            };
            on.emit(action);
        });
    })
}

/// The chosen file as a picture for the plan: a `data:` address and its size in pixels.
async fn make_ready(file: &File) -> Result<(String, u32, u32), PictureRefused> {
    let name = file.name();
    let bytes = file.size() as u64;
    if bytes > PICTURE_FILE_BYTES {
        return Err(PictureRefused::TooLarge { name, bytes });
    }
    let not_a_picture = || PictureRefused::NotAPicture { name: name.clone() };
    let window = web_sys::window().ok_or(PictureRefused::Failed)?;
    // The browser decodes it (turning it the way the camera held it), or says it cannot.
    let promise = window
        .create_image_bitmap_with_blob(file)
        .map_err(|_| not_a_picture())?;
    let bitmap: ImageBitmap = JsFuture::from(promise)
        .await
        .map_err(|_| not_a_picture())?
        .dyn_into()
        .map_err(|_| not_a_picture())?;
    let made = shrink(&bitmap);
    bitmap.close();
    made
}

/// Draws `bitmap` smaller until it fits: at most [`PICTURE_SIDE`] on its longest side, then
/// lower quality, then a smaller side again.
fn shrink(bitmap: &ImageBitmap) -> Result<(String, u32, u32), PictureRefused> {
    let (w, h) = (bitmap.width(), bitmap.height());
    if w == 0 || h == 0 {
        return Err(PictureRefused::Failed);
    }
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(PictureRefused::Failed)?;
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into().ok())
        .ok_or(PictureRefused::Failed)?;
    let mut side = PICTURE_SIDE;
    while side >= 200 {
        let scale = f64::min(1.0, f64::from(side) / f64::from(w.max(h)));
        let tw = ((f64::from(w) * scale).round() as u32).max(1);
        let th = ((f64::from(h) * scale).round() as u32).max(1);
        canvas.set_width(tw);
        canvas.set_height(th);
        let context: CanvasRenderingContext2d = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into().ok())
            .ok_or(PictureRefused::Failed)?;
        // White behind a picture with transparent parts: JPEG has no transparency, and the
        // plan is read on white paper.
        context.set_fill_style_str("#ffffff");
        context.fill_rect(0.0, 0.0, f64::from(tw), f64::from(th));
        context
            .draw_image_with_image_bitmap_and_dw_and_dh(bitmap, 0.0, 0.0, tw.into(), th.into())
            .map_err(|_| PictureRefused::Failed)?;
        for quality in [0.82, 0.68, 0.52] {
            let url = encode(&canvas, quality).ok_or(PictureRefused::Failed)?;
            let data = url.split_once(',').map_or(0, |(_, d)| d.len());
            if data / 4 * 3 <= PICTURE_BYTES {
                return Ok((url, tw, th));
            }
        }
        side = side * 3 / 4;
    }
    Err(PictureRefused::Failed)
}

/// The canvas as WebP where the browser writes WebP (it gives PNG when it cannot), else JPEG.
fn encode(canvas: &HtmlCanvasElement, quality: f64) -> Option<String> {
    let q = wasm_bindgen::JsValue::from_f64(quality);
    let webp = canvas
        .to_data_url_with_type_and_encoder_options("image/webp", &q)
        .ok()?;
    if webp.starts_with("data:image/webp") {
        return Some(webp);
    }
    canvas
        .to_data_url_with_type_and_encoder_options("image/jpeg", &q)
        .ok()
}
