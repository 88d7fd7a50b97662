//! Pure domain logic: no I/O, no SQL, no terminal, no clock (time is passed in as a value).

pub mod actions;
pub mod agenda;
pub mod attendance;
pub mod clock;
pub mod dates;
pub mod demo;
pub mod domain;
pub mod expect;
pub mod feedback;
pub mod feedback_conflict;
pub mod followup;
pub mod import;
pub mod outcomes;
pub mod panels;
pub mod path;
pub mod plan;
pub mod plan_history;
pub mod report;
pub mod rng;
pub mod roster;
pub mod settings;
pub mod summary;
pub mod sync;
pub mod text;
