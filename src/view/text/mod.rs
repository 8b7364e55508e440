//! The Bengali-safe text layer: every piece of article text on screen goes through here.
//!
//! Text is cut into grapheme clusters, measured by the [`crate::text::width::WidthPolicy`], wrapped at spaces (never
//! inside a cluster), styled a whole cluster at a time, and written one cluster per cell.

mod line;
mod widget;
mod width;
mod wrap;

pub(crate) use line::{Cluster, StyledText};
pub(crate) use widget::{TextBlock, clear_overhang, write_line};
pub(crate) use wrap::wrap;
