//! Moving blocks: up and down among siblings, into the section above and out of a section, and
//! to any place (the button-and-key alternative to dragging). Every move says where the block
//! now is ("now 2 of 5"), and a move with nowhere to go says why and changes nothing.

use super::document::{Block, Body};
use super::edit::{PlanState, no_such};
use super::error::{Error, ErrorKind};
use super::history::{Change, Place};
use super::{Arg, Feedback, Focus, Message};

/// Which moves make sense for a block, so a screen can offer only those (it may still offer all:
/// a move with nowhere to go announces why and changes nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Moves {
    /// It has a sibling above.
    pub up: bool,
    /// It has a sibling below.
    pub down: bool,
    /// The sibling above is a section it can go into.
    pub into: bool,
    /// It is inside a section it can come out of.
    pub out: bool,
}

impl PlanState {
    /// Which moves make sense for the block with this id.
    pub fn moves(&self, id: &str) -> Result<Moves, Error> {
        let place = self.place(id)?;
        let siblings = self.siblings(&place);
        let block = siblings.get(place.index).ok_or_else(|| no_such(id))?;
        let above = place.index.checked_sub(1).map(|i| &siblings[i]);
        Ok(Moves {
            up: place.index > 0,
            down: place.index + 1 < siblings.len(),
            into: above.is_some_and(|a| {
                matches!(a.body, Body::Section { .. }) && self.fits_in(&a.id, block)
            }),
            out: place.parent.is_some(),
        })
    }

    /// Moves a block up one place among its siblings.
    pub fn move_up(&mut self, id: &str) -> Result<Feedback, Error> {
        let place = self.place(id)?;
        if place.index == 0 {
            return Ok(self.stay(id, "plan.announce.already_first"));
        }
        let to = Place {
            parent: place.parent.clone(),
            index: place.index - 1,
        };
        self.move_block(id, place, to, "plan.announce.moved_up", None)
    }

    /// Moves a block down one place among its siblings.
    pub fn move_down(&mut self, id: &str) -> Result<Feedback, Error> {
        let place = self.place(id)?;
        if place.index + 1 >= self.siblings(&place).len() {
            return Ok(self.stay(id, "plan.announce.already_last"));
        }
        let to = Place {
            parent: place.parent.clone(),
            index: place.index + 1,
        };
        self.move_block(id, place, to, "plan.announce.moved_down", None)
    }

    /// Moves a block into the section just above it, as that section's last block.
    pub fn move_into_previous(&mut self, id: &str) -> Result<Feedback, Error> {
        let place = self.place(id)?;
        let siblings = self.siblings(&place);
        let above = place.index.checked_sub(1).map(|i| &siblings[i]);
        let Some(
            section @ Block {
                body: Body::Section { children, .. },
                ..
            },
        ) = above
        else {
            return Ok(self.stay(id, "plan.announce.no_section_above"));
        };
        let block = siblings.get(place.index).ok_or_else(|| no_such(id))?;
        if !self.fits_in(&section.id, block) {
            return Ok(self.stay(id, "plan.announce.too_deep"));
        }
        let to = Place {
            parent: Some(section.id.clone()),
            index: children.len(),
        };
        let name = section.name_arg();
        self.move_block(id, place, to, "plan.announce.moved_into", Some(name))
    }

    /// Moves a block out of its section, to just after that section.
    pub fn move_out(&mut self, id: &str) -> Result<Feedback, Error> {
        let place = self.place(id)?;
        let Some(parent) = place.parent.clone() else {
            return Ok(self.stay(id, "plan.announce.not_in_section"));
        };
        let parent_place = self.place(&parent)?;
        let name = self.block(&parent).map(Block::name_arg);
        let to = Place {
            parent: parent_place.parent,
            index: parent_place.index + 1,
        };
        self.move_block(id, place, to, "plan.announce.moved_out", name)
    }

    /// Moves a block to `index` in `parent`, counted after the block has left its old place:
    /// the keyboard-free alternative for a screen that offers dragging, or a "move to" menu.
    pub fn move_to(
        &mut self,
        id: &str,
        parent: Option<&str>,
        index: usize,
    ) -> Result<Feedback, Error> {
        let from = self.place(id)?;
        let block = self.block(id).ok_or_else(|| no_such(id))?.clone();
        if let Some(target) = parent {
            let chain = self.index.chain(target).ok_or_else(|| no_such(target))?;
            if chain.contains(&id) {
                return Err(ErrorKind::IntoItself { id: id.to_owned() }.into());
            }
        }
        self.check_fits(parent, &block)?;
        let to = Place {
            parent: parent.map(str::to_owned),
            index,
        };
        let name = parent.and_then(|p| self.block(p)).map(Block::name_arg);
        let key = if name.is_some() {
            "plan.announce.moved_into"
        } else {
            "plan.announce.moved"
        };
        self.move_block(id, from, to, key, name)
    }

    /// A move with nowhere to go: say why, keep focus on the block, change nothing.
    fn stay(&self, id: &str, key: &'static str) -> Feedback {
        let name = self.block(id).map(Block::name_arg);
        let mut message = Message::new(key);
        if let Some(name) = name {
            message = message.arg("name", name);
        }
        Feedback::say(message, Some(Focus::Block(id.to_owned())))
    }

    fn move_block(
        &mut self,
        id: &str,
        from: Place,
        to: Place,
        key: &'static str,
        section: Option<Arg>,
    ) -> Result<Feedback, Error> {
        let name = self.block(id).ok_or_else(|| no_such(id))?.name_arg();
        let mut what = Message::new(key).arg("name", name);
        if let Some(section) = section {
            what = what.arg("section", section);
        }
        self.commit(
            Change::Move {
                id: id.to_owned(),
                from,
                to,
            },
            what.clone(),
            None,
        )?;
        let now = self.place(id)?;
        let total = self.siblings(&now).len() as u64;
        let said = Message::new("plan.announce.with_position")
            .arg("what", Arg::Message(what.into()))
            .text("position", (now.index + 1).to_string())
            .text("total", total.to_string());
        Ok(Feedback::say(said, Some(Focus::Block(id.to_owned()))))
    }
}
