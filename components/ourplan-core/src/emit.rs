//! What the host hears after the person does something, for both elements: the element turns it
//! into its events (`input`, `change`, `ourplan-signoff`, `ourplan-merge`).

/// What the host hears after an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emit {
    /// Nothing changed in the value.
    Nothing,
    /// The value changed while typing.
    Input,
    /// A typed change was committed.
    Change,
    /// A deliberate change (add, move, delete, undo): both input and change.
    Both,
    /// The practitioner signed off.
    Signoff,
    /// Another copy was combined in.
    Merge,
}
