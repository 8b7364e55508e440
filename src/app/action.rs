//! What can happen to the app (actions) and what the app asks the runtime to do (effects).

use std::sync::Arc;

use super::facets::Facets;
use super::snippets::SnippetBody;
use crate::article::ContentId;
use crate::corpus::Corpus;
use crate::keymap::{Command, Key};
use crate::load::LoadEvent;
use crate::reload::Reloaded;
use crate::search::{Highlighter, Results, Snippet};
use crate::sort::SortKeys;
use crate::state::ReadingState;

/// Everything `update` reacts to; the runtime turns terminal events into these, and reports
/// of its background work (loading, indexing, searching) too.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A key press, resolved through the keymap of the current mode.
    Key(Key),
    /// A command directly (tests, scripted input).
    Command(Command),
    /// Text pasted into the terminal (bracketed paste): goes into the query while filtering.
    Paste(String),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Left click at a screen cell.
    Click { x: u16, y: u16 },
    /// Mouse wheel over a screen cell; `down` scrolls towards the end.
    Wheel { x: u16, y: u16, down: bool },
    /// The process was asked to stop (SIGTERM, SIGHUP).
    Terminate,
    /// The background load made progress.
    Load(LoadEvent),
    /// The worker built a search index over the first `articles` articles, with their facets
    /// and the ranks of every list order (so no key press sorts the corpus on the UI thread).
    Indexed {
        articles: usize,
        facets: Facets,
        sort_keys: SortKeys,
    },
    /// Hits for the search of this generation ([`Effect::Search`]).
    Searched { generation: u64, hits: Results },
    /// Body snippets for the search of this generation ([`Effect::Snippets`]), by article.
    Snippets {
        generation: u64,
        snippets: Vec<(usize, Option<Snippet>)>,
    },
    /// Articles each saved search matches, in `[searches]` order ([`Effect::CountSearches`]).
    Counted { generation: u64, counts: Vec<usize> },
    /// The marks were saved; this is the state on disk now (ours merged with any written by
    /// another khobor since), which the app adopts.
    MarksSaved(ReadingState),
    /// Something to tell the user in the status bar (a failed save, a state file moved aside).
    Notice(String),
    /// The article at this index read again in full ([`Effect::Reload`]), or why it could not be.
    Reloaded {
        article: usize,
        result: Result<Arc<Reloaded>, String>,
    },
    /// The background fetch ended; this says how it went.
    Fetched(String),
}

/// A corpus handed to the indexer; equal only to itself (comparing 100,000 articles to decide
/// whether two effects are the same would be absurd).
#[derive(Clone)]
pub struct CorpusSnapshot(pub Arc<Corpus>);

impl PartialEq for CorpusSnapshot {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for CorpusSnapshot {}

impl std::fmt::Debug for CorpusSnapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CorpusSnapshot({} articles)", self.0.articles.len())
    }
}

/// What the runtime must do after an update; `update` itself never does I/O.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Visible state changed: draw a frame.
    Redraw,
    /// Leave the event loop and restore the terminal.
    Quit,
    /// Build a search index and facets over this corpus, off the UI thread; answer with
    /// [`Action::Indexed`].
    Index(CorpusSnapshot),
    /// Run this query off the UI thread (cancelling the one in flight); answer with
    /// [`Action::Searched`].
    Search { query: String, generation: u64 },
    /// Cut a snippet of each body around the first match of `highlighter`'s search, off the UI
    /// thread (bodies may have to be read from their files); answer with [`Action::Snippets`].
    Snippets {
        generation: u64,
        highlighter: Highlighter,
        bodies: Vec<(usize, SnippetBody)>,
    },
    /// Count the articles each of `queries` matches, off the UI thread; answer with
    /// [`Action::Counted`].
    CountSearches {
        generation: u64,
        queries: Vec<String>,
    },
    /// The marks changed: save them, then report back with [`Action::MarksSaved`] or
    /// [`Action::Notice`].
    SaveMarks,
    /// The selected article was loaded light: read it again in full ([`crate::reload`]), off
    /// the UI thread, and answer with [`Action::Reloaded`].
    Reload {
        article: usize,
        path: String,
        id: ContentId,
    },
    /// Open this address with the desktop's opener (`$BROWSER`, else `xdg-open`/`open`), without
    /// a shell and without waiting for it.
    OpenUrl(String),
    /// Put this text on the clipboard through the terminal (OSC 52: works over ssh and in tmux).
    CopyUrl(String),
    /// Save the article loaded from `path` with content `id` as Markdown into `dir`; answer
    /// with a notice.
    Save {
        path: String,
        id: ContentId,
        dir: std::path::PathBuf,
    },
    /// Pipe that article's text to `command`, the terminal given to it meanwhile; answer with a
    /// notice.
    Pipe {
        path: String,
        id: ContentId,
        command: String,
    },
    /// Fetch every subscribed feed in the background; answer with notices, articles as
    /// [`LoadEvent::Refresh`] and [`Action::Fetched`].
    Fetch,
    /// Read every watched path again.
    Rescan,
}
