//! ourplan-ui: the Yew components of ourplan. They take Properties and Callbacks and know nothing
//! of custom elements, attributes or host events (that is `ourplan-elements`' job).

pub mod drafts;
pub mod icons;
pub mod plan;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod record;
pub mod shared;

pub use drafts::{DraftsView, DraftsViewProps};
pub use plan::{PlanView, PlanViewProps, focus_id};
pub use record::{RecordView, RecordViewProps, Redraws};
pub use shared::Shared;
