//! One file per screen: its state, its keys and its drawing.

pub mod attendance;
pub mod day;
pub mod feedback;
pub mod grand_oral;
pub mod panels;
pub mod participants;
pub mod print;
pub mod rotation;
pub mod timer;
