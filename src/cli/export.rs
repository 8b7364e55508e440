//! `khobor export`: the articles with their reading state, as JSON Lines, for scripts.

use std::path::PathBuf;

use serde::Serialize;

use super::extract::Record;
use crate::state::{ReadingState, StateStore};

/// Which articles to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Only {
    All,
    Starred,
    Unread,
}

/// One output line: the `extract` record, then the article's identity and marks.
#[derive(Serialize)]
struct Line<'a> {
    #[serde(flatten)]
    record: Record<'a>,
    /// The content hash the marks are keyed by: stable across renames and moves.
    id: String,
    read: bool,
    starred: bool,
}

pub(super) fn run(paths: &[PathBuf], only: Only) -> anyhow::Result<()> {
    let state = load_state();
    let corpus = super::load(paths, true)?;
    super::with_stdout(|out| {
        for a in &corpus.articles {
            let (read, starred) = (state.is_read(a.id), state.is_starred(a.id));
            let wanted = match only {
                Only::All => true,
                Only::Starred => starred,
                Only::Unread => !read,
            };
            if !wanted {
                continue;
            }
            let line = Line {
                record: Record::of(a),
                id: a.id.to_string(),
                read,
                starred,
            };
            crate::text::escape::write_json_line(out, &line)?;
        }
        Ok(())
    })
}

/// The saved marks, read without touching the file; problems go to stderr.
pub(super) fn load_state() -> ReadingState {
    let Some(path) = StateStore::default_path() else {
        eprintln!("khobor: no data directory (is HOME set?); every article counts as unread");
        return ReadingState::default();
    };
    let outcome = StateStore::new(path).peek();
    if let Some(w) = outcome.warning {
        eprintln!("khobor: {}", crate::text::escape::for_terminal(&w));
    }
    outcome.state
}
