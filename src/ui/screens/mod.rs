//! One file per screen: its state, its keys and its drawing.

pub mod attendance;
pub mod coming;
pub mod day;
pub mod feedback;
pub mod panels;
pub mod participants;
pub mod rotation;
pub mod timer;
