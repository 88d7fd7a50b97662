//! The only terminal code: state, key table, drawing, and the event loop.

pub mod app;
pub mod context;
pub mod data;
pub mod draw;
pub mod effects;
pub mod form;
pub mod keys;
pub mod path;
pub mod run;
pub mod screen;
pub mod screens;
pub mod tab;
pub mod theme;
pub mod widgets;

pub use app::{App, Effect, Event, update};
pub use draw::draw;
