//! Live filtering for a UI: the last query's hits and tables kept, so typing more refines.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::plan::Plan;
use super::tables::Tables;
use super::{Query, Results, SearchIndex};

/// Live filtering state for a UI: remembers the last query, its hits and its per-word tables, so
/// that typing more refines instead of starting over. Keep one per filter input, on the worker
/// thread that runs the searches.
#[derive(Debug, Default)]
pub struct LiveSearch {
    last: Option<Last>,
}

#[derive(Debug)]
struct Last {
    plan: Plan,
    results: Results,
    /// Slots of `hits`, ascending.
    slots: Vec<u32>,
    tables: Vec<Arc<Tables>>,
}

impl LiveSearch {
    /// No query yet: the first search starts from the whole index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Results for `text`, or `None` when `cancel` was set before the search finished (the state
    /// is then unchanged, so the next call still refines from the last finished search).
    pub fn run(&mut self, index: &SearchIndex, text: &str, cancel: &AtomicBool) -> Option<Results> {
        let plan = Plan::new(&Query::parse(text));
        if let Some(last) = &self.last
            && last.plan == plan
        {
            return Some(last.results.clone());
        }
        let (within, prior) = match &self.last {
            Some(last) => (
                plan.narrows(&last.plan).then_some(last.slots.as_slice()),
                Some((&last.plan, last.tables.as_slice())),
            ),
            None => (None, None),
        };
        let outcome = index.run(&plan, within, prior, cancel)?;
        let replaced = self.last.replace(Last {
            plan,
            results: outcome.results.clone(),
            slots: outcome.slots,
            tables: outcome.tables,
        });
        // Freeing a broad result (100k hits, their slots and word tables) takes a while: do it
        // off the keystroke's path.
        if let Some(old) = replaced {
            rayon::spawn(move || drop(old));
        }
        Some(outcome.results)
    }

    /// Forgets the last search (e.g. after the corpus changed).
    pub(crate) fn reset(&mut self) {
        self.last = None;
    }
}
