//! Passerelle: job-training days in prison — attendance, interview rotation, feedback, grand oral.
//!
//! Layers: [`core`] is pure domain logic, [`store`] the only SQL, [`ui`] the only terminal code,
//! [`cli`] the command line.

pub mod cli;
pub mod core;
pub mod export;
pub mod i18n;
pub mod messages;
pub mod platform;
pub mod roster_file;
pub mod safe_file;
pub mod store;
pub mod ui;
