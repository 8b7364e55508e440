//! Subscriptions and fetching: the only part of khobor that touches the network.
//!
//! Nothing here runs unless the user asks (`khobor fetch`): the reader stays offline-first.
//! Everything a feed or a page says is untrusted: text goes through [`crate::ingest::clean`]
//! before it is written, file names are built from sanitised parts only, and a bad feed costs
//! one error line while the others are still fetched.

pub mod archive;
pub mod background;
pub(crate) mod charset;
pub(crate) mod feed;
mod gate;
pub mod http;
pub(crate) mod opml;
pub(crate) mod outlet;
/// Shared with saved web pages on disk.
pub(crate) use crate::ingest::page;
pub mod run;
pub(crate) mod subscriptions;

pub use run::{Event, FeedReport, fetch_all};
pub use subscriptions::{Subscription, Subscriptions};
