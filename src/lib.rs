//! khobor — a terminal reader for Bengali news.
//!
//! The core (`ingest`, `text`, `extract`, `search`, `corpus`) knows nothing about the terminal;
//! `app`, `ui` and `tui` are a thin layer over it. Untrusted text is cleaned once, in
//! [`ingest::clean`], and everything downstream may assume it is NFC and free of control characters.

pub mod app;
pub mod article;
pub mod cache;
pub mod cli;
pub mod config;
pub mod corpus;
pub(crate) mod dirs;
mod error;
pub use error::Error;
pub(crate) mod export;
pub mod extract;
pub mod fetch;
pub mod fsutil;
pub mod ingest;
pub mod keymap;
pub mod load;
pub(crate) mod names;
pub mod reload;
pub mod saved_search;
pub mod search;
pub mod seeds;
pub mod settings;
pub mod sort;
pub mod state;
pub mod strings;
pub mod text;
pub(crate) mod tui;
pub mod ui;
pub mod view;
pub mod watch;
pub mod work;

/// The allocator of every program built on this crate: the reader, the tools, and the examples
/// and benchmarks that measure them. Loading builds millions of small strings and lists on
/// several threads at once; with the system allocator, allocating and freeing them took about a
/// quarter of a warm start at 100,000 articles, with mimalloc a warm start takes 0.58 CPU-s
/// instead of 0.8 (`bench --child`, README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
