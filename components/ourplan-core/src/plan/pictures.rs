//! Pictures in a plan: kept once each in the plan's `pictures`, keyed by a hash of their data,
//! and named from blocks by that key.
//!
//! Why by key and not inside each block: a picture is a few hundred kilobytes, and a plan is
//! saved after every change and copied into the undo history. Blocks hold only the key; the
//! picture's data is behind an [`Arc`], so copying the plan for undo, for a merge or for a
//! snapshot copies a pointer, not the picture. A plan file still carries its pictures inside,
//! so the plan stays one file; a draft keeps them apart (see [`by_reference`]).
//!
//! The key is `sha256:` and the SHA-256 of the picture's base64 text, so the same picture added
//! in two copies of a plan has one key, and combining copies never doubles a picture or has to
//! choose between two.

use super::document::{Block, Body, Plan};
use super::fingerprint::sha256_hex;
use crate::i18n::{Lang, t};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The field any block may carry: the key of a small picture shown beside its heading (the
/// picture kind holds its own in `picture`). It sits among the block's other fields in a file,
/// and merges, undoes and round-trips like them.
pub const HEADING_PICTURE: &str = "headingPicture";

/// The picture types a plan shows: those every browser decodes. Anything else is kept in the
/// file, untouched, and shown as a picture this version cannot show.
pub const PICTURE_TYPES: [&str; 4] = ["image/webp", "image/jpeg", "image/png", "image/gif"];

/// The longest side of a picture the kit makes, in pixels.
pub const PICTURE_SIDE: u32 = 1_200;

/// About how many bytes a picture the kit makes may take (before base64).
pub const PICTURE_BYTES: usize = 200_000;

/// The largest file a person may choose as a picture, in bytes. A phone's photo is 2 to 12 MB
/// and is made smaller in the browser; a file larger than this is refused with a message,
/// before the browser tries to decode it (decoding a huge picture can run an old phone out of
/// memory).
pub const PICTURE_FILE_BYTES: u64 = 30_000_000;

/// One picture: its type, size in pixels and data (base64, without the `data:` prefix).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Picture {
    /// The media type, one of [`PICTURE_TYPES`] for a picture this kit shows.
    #[serde(rename = "type")]
    pub media_type: String,
    /// Width in pixels.
    #[serde(default)]
    pub width: u32,
    /// Height in pixels.
    #[serde(default)]
    pub height: u32,
    /// The picture's bytes, base64. Empty in a draft's saved form (kept apart, by key).
    #[serde(default, skip_serializing_if = "skip_data")]
    pub data: Arc<str>,
    /// Fields this kit does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Every picture of a plan, by key.
pub type Pictures = BTreeMap<String, Picture>;

thread_local! {
    /// Set while a plan is written for a draft: pictures without their data.
    static BY_REFERENCE: Cell<bool> = const { Cell::new(false) };
}

fn skip_data(data: &Arc<str>) -> bool {
    data.is_empty() || BY_REFERENCE.with(Cell::get)
}

/// `write()` with pictures written without their data (their type, size and key only): what a
/// draft saves after each change, the pictures themselves being saved once each, apart.
pub fn by_reference<T>(write: impl FnOnce() -> T) -> T {
    BY_REFERENCE.with(|c| c.set(true));
    let out = write();
    BY_REFERENCE.with(|c| c.set(false));
    out
}

thread_local! {
    /// Set while a plan is written for the element's form value: the pictures object is written
    /// as one marker string (see [`marked`]).
    static MARKED: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// `write()` with the plan's pictures object written as one JSON string, the marker, instead
/// of the pictures: `prefix` (a random word the element makes once, which no one's words or file
/// can hold by chance) and a fingerprint of the pictures written. The element puts the pictures'
/// text (kept from the last time the marker was the same) in its place, so the megabytes of a
/// plan's pictures do not cross from the module to the page at each keystroke.
pub fn marked<T>(prefix: &str, write: impl FnOnce() -> T) -> T {
    MARKED.with(|m| *m.borrow_mut() = Some(prefix.to_owned()));
    let out = write();
    MARKED.with(|m| *m.borrow_mut() = None);
    out
}

/// The marker [`marked`] writes for these pictures, as a JSON string's contents (`None` when
/// there are none, or when not marking). It changes whenever the pictures written do: their
/// keys, their details, and which data each holds (by the data's allocation and length; a
/// picture's data never changes in place).
fn marker(pictures: &BTreeMap<&str, &Picture>) -> Option<String> {
    if pictures.is_empty() {
        return None;
    }
    let prefix = MARKED.with(|m| m.borrow().clone())?;
    let mut print = String::new();
    for (key, p) in pictures {
        let details = serde_json::to_string(&(&p.media_type, p.width, p.height, &p.extra))
            .unwrap_or_default();
        print.push_str(&format!(
            "{key}\u{0}{:x}:{}\u{0}{details}\u{0}",
            Arc::as_ptr(&p.data) as *const u8 as usize,
            p.data.len()
        ));
    }
    Some(format!(
        "\u{1}{prefix}:{}",
        &sha256_hex(print.as_bytes())[..32]
    ))
}

/// The pictures object of a plan as its file writes it, or its marker (see [`marked`]).
#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum PicturesOut<'a> {
    Written(BTreeMap<&'a str, &'a Picture>),
    Marker(String),
}

impl PicturesOut<'_> {
    pub(crate) fn is_empty(&self) -> bool {
        matches!(self, PicturesOut::Written(w) if w.is_empty())
    }
}

/// What a plan writes for its pictures: the pictures, or while [`marked`], their marker.
pub(crate) fn written_out(plan: &Plan) -> PicturesOut<'_> {
    let pictures = written(plan);
    match marker(&pictures) {
        Some(m) => PicturesOut::Marker(m),
        None => PicturesOut::Written(pictures),
    }
}

/// The pictures object of `plan`, as its file writes it (JSON text): what replaces the marker.
pub fn written_json(plan: &Plan) -> String {
    serde_json::to_string(&written(plan)).unwrap_or_default()
}

/// The marker `plan`'s pictures are written as under [`marked`] with `prefix`, as JSON text
/// (with its quotes), or empty when the plan writes no pictures.
pub fn marker_json(plan: &Plan, prefix: &str) -> String {
    marked(prefix, || {
        marker(&written(plan))
            .and_then(|m| serde_json::to_string(&m).ok())
            .unwrap_or_default()
    })
}

/// The key of a picture with this base64 data.
pub fn picture_key(data: &str) -> String {
    format!("sha256:{}", sha256_hex(data.as_bytes()))
}

/// Why a picture was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureProblem {
    /// Not a type the kit shows, or the data is not base64.
    NotAPicture,
    /// Larger than a picture the kit makes could be.
    TooLarge,
}

impl Picture {
    /// A picture from a `data:` address (what a canvas gives) and its size, with its key.
    pub fn from_data_url(
        url: &str,
        width: u32,
        height: u32,
    ) -> Result<(String, Picture), PictureProblem> {
        let rest = url
            .strip_prefix("data:")
            .ok_or(PictureProblem::NotAPicture)?;
        let (media_type, data) = rest
            .split_once(";base64,")
            .ok_or(PictureProblem::NotAPicture)?;
        if !PICTURE_TYPES.contains(&media_type) || !is_base64(data) || data.is_empty() {
            return Err(PictureProblem::NotAPicture);
        }
        // base64 is 4 characters for 3 bytes; allow some room over the target.
        if data.len() / 4 * 3 > PICTURE_BYTES * 3 {
            return Err(PictureProblem::TooLarge);
        }
        let picture = Picture {
            media_type: media_type.to_owned(),
            width,
            height,
            data: Arc::from(data),
            extra: Map::new(),
        };
        Ok((picture_key(data), picture))
    }

    /// Whether this kit can show the picture: a known type and base64 data.
    pub fn shows(&self) -> bool {
        PICTURE_TYPES.contains(&self.media_type.as_str())
            && !self.data.is_empty()
            && is_base64(&self.data)
    }

    /// The picture as a `data:` address, for an `<img>` or a Markdown file.
    pub fn data_url(&self) -> String {
        let mut url = String::with_capacity(self.data.len() + 32);
        url.push_str("data:");
        url.push_str(&self.media_type);
        url.push_str(";base64,");
        url.push_str(&self.data);
        url
    }

    /// The picture's size in bytes (decoded).
    pub fn bytes(&self) -> usize {
        let padding = self.data.bytes().rev().take_while(|b| *b == b'=').count();
        (self.data.len() / 4 * 3).saturating_sub(padding)
    }
}

fn is_base64(text: &str) -> bool {
    text.len() % 4 == 0
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

/// The keys of the pictures the plan's blocks show, in the order of the blocks.
pub fn shown_keys(blocks: &[Block]) -> Vec<String> {
    fn walk(blocks: &[Block], out: &mut Vec<String>, seen: &mut BTreeSet<String>) {
        for block in blocks {
            if let Body::Picture { picture, .. } = &block.body {
                if !picture.is_empty() && seen.insert(picture.clone()) {
                    out.push(picture.clone());
                }
            }
            let beside = block.heading_picture();
            if !beside.is_empty() && seen.insert(beside.to_owned()) {
                out.push(beside.to_owned());
            }
            walk(block.body.children(), out, seen);
        }
    }
    let mut out = Vec::new();
    walk(blocks, &mut out, &mut BTreeSet::new());
    out
}

/// The keys of the pictures a plan keeps: those its blocks show, then those an open conflict
/// holds as another copy's version (until the person chooses, both pictures are kept).
pub fn kept_keys(plan: &Plan) -> Vec<String> {
    let mut keys = shown_keys(&plan.blocks);
    let mut seen: BTreeSet<String> = keys.iter().cloned().collect();
    if let Some(history) = &plan.merge {
        for conflict in &history.conflicts {
            if conflict.field != "picture" && conflict.field != HEADING_PICTURE {
                continue;
            }
            for value in &conflict.values {
                if let Some(key) = value.as_str().filter(|k| !k.is_empty()) {
                    if seen.insert(key.to_owned()) {
                        keys.push(key.to_owned());
                    }
                }
            }
        }
    }
    keys
}

/// The pictures a plan file carries: those it keeps ([`kept_keys`]; a picture no block shows
/// any more stays in memory for undo, but is not written).
pub(crate) fn written(plan: &Plan) -> BTreeMap<&str, &Picture> {
    let shown: BTreeSet<String> = kept_keys(plan).into_iter().collect();
    plan.pictures
        .iter()
        .filter(|(key, _)| shown.contains(*key))
        .map(|(k, p)| (k.as_str(), p))
        .collect()
}

/// Both copies' pictures. The same key in both is the same picture; if a file was edited by hand
/// so that they differ, the one with data (then the one whose data sorts first) is kept, so
/// combining is the same in either order.
pub(crate) fn union(ours: &Pictures, theirs: &Pictures) -> Pictures {
    let mut out = ours.clone();
    for (key, picture) in theirs {
        match out.get(key) {
            Some(have) if prefer(have, picture) => {}
            _ => {
                out.insert(key.clone(), picture.clone());
            }
        }
    }
    out
}

/// Whether `a` is kept over `b` for the same key.
fn prefer(a: &Picture, b: &Picture) -> bool {
    match (a.data.is_empty(), b.data.is_empty()) {
        (false, true) => true,
        (true, false) => false,
        _ => (a.data.as_ref(), &a.media_type) <= (b.data.as_ref(), &b.media_type),
    }
}

/// What a picture is called for people who cannot see it: the person's description, or
/// "Picture" and the title of the part of the plan it is in (never a file name or a key).
pub fn alt_text(description: &str, around: &str, lang: Lang) -> String {
    let description = description.split_whitespace().collect::<Vec<_>>().join(" ");
    if !description.is_empty() {
        return description;
    }
    let around = around.split_whitespace().collect::<Vec<_>>().join(" ");
    if around.is_empty() {
        t(lang, "plan.picture.alt_plain", &[])
    } else {
        t(lang, "plan.picture.alt", &[("title", &around)])
    }
}

/// A size in bytes as people read it: "850 KB", "10.2 MB".
pub fn size_words(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        let tenths = (bytes + 50_000) / 100_000;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", bytes.div_ceil(1_000).max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_data_url_becomes_a_picture_with_its_key() {
        let (key, picture) =
            Picture::from_data_url("data:image/webp;base64,UklGRg==", 3, 2).expect("a picture");
        assert_eq!(key, picture_key("UklGRg=="));
        assert!(key.starts_with("sha256:") && key.len() == 7 + 64);
        assert_eq!((picture.width, picture.height), (3, 2));
        assert_eq!(picture.data_url(), "data:image/webp;base64,UklGRg==");
        assert_eq!(picture.bytes(), 4);
        assert!(picture.shows());
    }

    #[test]
    fn what_is_not_a_picture_is_refused() {
        for url in [
            "UklGRg==",
            "data:text/html;base64,PHNjcmlwdD4=",
            "data:image/svg+xml;base64,PHN2Zz4=",
            "data:image/png;base64,not base64!",
            "data:image/png,raw",
            "data:image/png;base64,",
        ] {
            assert_eq!(
                Picture::from_data_url(url, 1, 1).err(),
                Some(PictureProblem::NotAPicture),
                "{url}"
            );
        }
        let huge = format!("data:image/jpeg;base64,{}", "A".repeat(900_000));
        assert_eq!(
            Picture::from_data_url(&huge, 1, 1).err(),
            Some(PictureProblem::TooLarge)
        );
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_words(1), "1 KB");
        assert_eq!(size_words(184_321), "185 KB");
        assert_eq!(size_words(10_240_000), "10.2 MB");
        assert_eq!(size_words(31_000_000), "31.0 MB");
    }

    #[test]
    fn union_is_the_same_either_way() {
        let p = |data: &str| Picture {
            media_type: "image/png".into(),
            width: 1,
            height: 1,
            data: Arc::from(data),
            extra: Map::new(),
        };
        let mut a = Pictures::new();
        a.insert("k1".into(), p("AAAA"));
        a.insert("k2".into(), p(""));
        let mut b = Pictures::new();
        b.insert("k2".into(), p("BBBB"));
        b.insert("k3".into(), p("CCCC"));
        b.insert("k1".into(), p("ZZZZ"));
        assert_eq!(union(&a, &b), union(&b, &a));
        let u = union(&a, &b);
        assert_eq!(u.len(), 3);
        assert_eq!(u["k2"].data.as_ref(), "BBBB");
        assert_eq!(u["k1"].data.as_ref(), "AAAA");
    }
}
