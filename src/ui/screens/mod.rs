//! One module per screen: its state and keys (mod.rs), its drawing (draw.rs), its forms (forms.rs)
//! when it has several.

pub mod attendance;
pub mod day;
pub mod feedback;
pub mod followup;
pub mod grand_oral;
pub mod participants;
pub mod print;
pub mod proposal;
pub mod rotation;
pub mod timer;

/// The binôme composer, a part of Participants (kept reachable under its old path).
pub use participants::panels;
