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
    Click {
        /// Column, from the left edge.
        x: u16,
        /// Row, from the top edge.
        y: u16,
    },
    /// Mouse wheel over a screen cell; `down` scrolls towards the end.
    Wheel {
        /// Column, from the left edge.
        x: u16,
        /// Row, from the top edge.
        y: u16,
        /// Towards the end (else towards the start).
        down: bool,
    },
    /// The process was asked to stop (SIGTERM, SIGHUP).
    Terminate,
    /// The background load made progress.
    Load(LoadEvent),
    /// The worker built a search index over the first `articles` articles, with their facets
    /// and the ranks of every list order (so no key press sorts the corpus on the UI thread).
    Indexed {
        /// How many articles, from the first, the index covers; later ones wait for the next.
        articles: usize,
        /// The Sources and Entities panels' lists over the same articles.
        facets: Facets,
        /// The ranks of every list order over the same articles.
        sort_keys: SortKeys,
    },
    /// Hits for the search of this generation ([`Effect::Search`]).
    Searched {
        /// The request this answers; the app drops answers to requests it has since replaced.
        generation: u64,
        /// The matching articles in the engine's order, with their title highlights.
        hits: Results,
    },
    /// Body snippets for the search of this generation ([`Effect::Snippets`]), by article.
    Snippets {
        /// The search these were cut for; answers to an older search are dropped.
        generation: u64,
        /// Article index and its snippet; `None` where no match was found or the file was unreadable.
        snippets: Vec<(usize, Option<Snippet>)>,
    },
    /// Articles each saved search matches, in `[searches]` order ([`Effect::CountSearches`]).
    Counted {
        /// The picker opening these are for; counts for an earlier opening are dropped.
        generation: u64,
        /// One count per saved search, in the same order.
        counts: Vec<usize>,
    },
    /// The marks were saved; this is the state on disk now (ours merged with any written by
    /// another khobor since), which the app adopts.
    MarksSaved(ReadingState),
    /// Something to tell the user in the status bar (a failed save, a state file moved aside).
    Notice(String),
    /// The article at this index read again in full ([`Effect::Reload`]), or why it could not be.
    Reloaded {
        /// The article's index in the corpus.
        article: usize,
        /// The article in full, or why it could not be read (shown in the reader).
        result: Result<Arc<Reloaded>, String>,
    },
    /// The background fetch ended; this says how it went.
    Fetched(String),
}

/// A corpus handed to the indexer; equal only to itself (comparing 100,000 articles to decide
/// whether two effects are the same would be absurd).
#[derive(Clone)]
pub struct CorpusSnapshot(
    pub Arc<Corpus>,
    /// Whether the load is done: only the index of a complete corpus is saved in the cache
    /// directory (or taken from it), so the partial indexes built while loading never replace
    /// the one the next start can use.
    pub bool,
);

impl PartialEq for CorpusSnapshot {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) && self.1 == other.1
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
    Search {
        /// The query as typed; the engine parses it.
        query: String,
        /// Increases with every request, so the answer can be matched to it.
        generation: u64,
    },
    /// Cut a snippet of each body around the first match of `highlighter`'s search, off the UI
    /// thread (bodies may have to be read from their files); answer with [`Action::Snippets`].
    Snippets {
        /// The search the snippets are for, echoed in the answer.
        generation: u64,
        /// That search's matcher, which finds the first match in a body.
        highlighter: Highlighter,
        /// Article index and where its body is (held, or to be read from its file).
        bodies: Vec<(usize, SnippetBody)>,
    },
    /// Count the articles each of `queries` matches, off the UI thread; answer with
    /// [`Action::Counted`].
    CountSearches {
        /// Echoed in the answer, so a stale count is recognised.
        generation: u64,
        /// The saved searches' queries, in `[searches]` order.
        queries: Vec<String>,
    },
    /// The marks changed: save them, then report back with [`Action::MarksSaved`] or
    /// [`Action::Notice`].
    SaveMarks,
    /// The selected article was loaded light: read it again in full ([`crate::reload`]), off
    /// the UI thread, and answer with [`Action::Reloaded`].
    Reload {
        /// The article's index in the corpus, echoed in the answer.
        article: usize,
        /// The file it came from (a dataset row's path carries the row).
        path: String,
        /// Its content when loaded, to tell whether the file has changed since.
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
        /// The file the article came from.
        path: String,
        /// Its content when loaded, to tell whether the file has changed since.
        id: ContentId,
        /// The folder typed at the prompt.
        dir: std::path::PathBuf,
    },
    /// Pipe that article's text to `command`, the terminal given to it meanwhile; answer with a
    /// notice.
    Pipe {
        /// The file the article came from.
        path: String,
        /// Its content when loaded, to tell whether the file has changed since.
        id: ContentId,
        /// The command line typed at the prompt, split as a shell would but run without one.
        command: String,
    },
    /// Fetch every subscribed feed in the background; answer with notices, articles as
    /// [`LoadEvent::Refresh`] and [`Action::Fetched`].
    Fetch,
    /// Read every watched path again.
    Rescan,
}
