//! `Shared<T>`: an `Rc<T>` that compares by pointer, so properties holding state that their owner
//! changes in place (and says so with a revision) can `#[derive(PartialEq)]`.

use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

/// An `Rc<T>` whose equality is pointer equality ([`Rc::ptr_eq`]): two are equal when they share
/// one value, never because two values happen to be alike. A component's properties hold the
/// record's or the plan's state this way; its owner changes the state in place and moves a
/// revision beside it, and the revision is what tells a redraw from none. Comparing the
/// contents instead would be slow (a whole plan), would panic while the state is borrowed
/// mutably, and could not see a change made in place.
pub struct Shared<T: ?Sized>(Rc<T>);

impl<T> Shared<T> {
    /// Shares `value`.
    pub fn new(value: T) -> Shared<T> {
        Shared(Rc::new(value))
    }
}

impl<T: ?Sized> Shared<T> {
    /// The `Rc` inside, for code that keeps one.
    pub fn rc(&self) -> &Rc<T> {
        &self.0
    }
}

impl<T: ?Sized> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T: ?Sized> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: ?Sized> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: ?Sized> Eq for Shared<T> {}

impl<T: ?Sized> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Self {
        Shared(rc)
    }
}

impl<T: ?Sized> From<&Rc<T>> for Shared<T> {
    fn from(rc: &Rc<T>) -> Self {
        Shared(Rc::clone(rc))
    }
}

impl<T: Default> Default for Shared<T> {
    fn default() -> Self {
        Shared::new(T::default())
    }
}

impl<T: ?Sized> fmt::Debug for Shared<T> {
    /// The address only: the value may be borrowed mutably while it is printed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Shared({:p})", Rc::as_ptr(&self.0))
    }
}

/// Words with those that differ from another version marked (a conflict's versions, in either
/// element): each differing run in `<mark>`, with `differs` before it for screen readers.
pub(crate) fn marked(pieces: &[ourplan_core::merge::Piece], differs: &str) -> yew::Html {
    use yew::html;
    html! {
        { for pieces.iter().map(|p| if p.differs {
            html! { <mark class="op-diff"><span class="op-visually-hidden">{ format!("({differs}) ") }</span>{ &p.text }</mark> }
        } else {
            html! { { &p.text } }
        }) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn equal_by_pointer_not_by_contents() {
        let a = Shared::new(RefCell::new(1));
        let b = Shared::new(RefCell::new(1));
        assert_eq!(a, a.clone());
        assert_ne!(a, b, "alike but not shared");
        // Changed in place, still the same: the revision beside it tells the change.
        let before = a.clone();
        *a.borrow_mut() = 2;
        assert_eq!(a, before);
        // Comparing never borrows, so it works while the value is borrowed mutably.
        let _held = a.borrow_mut();
        assert_eq!(a, before);
    }

    #[test]
    fn from_an_rc_keeps_it() {
        let rc = Rc::new(5);
        let s = Shared::from(&rc);
        assert!(Rc::ptr_eq(s.rc(), &rc));
        assert_eq!(Shared::from(rc.clone()), s);
    }
}
