//! What the screen shows, measured without the app: pane geometry, the Bengali-safe text
//! layer, and the lines of the reader and the help overlay.
//!
//! The app needs these numbers (how tall a page is, how far the reader scrolls, what a click
//! hits) and the drawing code needs the same lines to draw, so both depend on this leaf and
//! neither on the other.

pub(crate) mod help;
pub mod layout;
pub(crate) mod matches;
pub mod reader;
pub(crate) mod text;
