//! Body snippets for the list rows on screen.
//!
//! A hit whose body matched but whose title did not would otherwise say nothing of why it is
//! listed. Bodies are not held in memory (the corpus is loaded light) and drawing reads no file,
//! so the app asks the runtime for the snippets of the rows on screen ([`Effect::Snippets`]) and
//! keeps the answers ([`super::Action::Snippets`]) for as long as the search that asked lasts.

use std::collections::HashMap;

use super::{App, Effect, Row};
use crate::article::ContentId;
use crate::search::{Highlighter, Snippet};
use crate::view::layout::Screen;

/// Where the worker finds a body to cut a snippet from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnippetBody {
    /// The corpus holds the body (a corpus not loaded light).
    Held(Vec<String>),
    /// The article's file, as loaded with this content.
    File(String, ContentId),
}

/// The snippets of one search's hits, by article index.
#[derive(Debug, Default)]
pub(super) struct Snippets {
    /// Bumped for each search, so answers for an older one are dropped.
    generation: u64,
    /// The search these snippets are for.
    highlighter: Highlighter,
    /// Answers so far; `None`: the body does not match, or could not be read.
    found: HashMap<usize, Option<Snippet>>,
    /// The articles of the last request, not asked again while the screen shows the same.
    asked: Vec<usize>,
}

impl App {
    /// The body snippet of `row`, once the worker has cut it.
    pub fn snippet(&self, row: &Row) -> Option<&Snippet> {
        let s = &self.snippets;
        if s.highlighter != self.highlighter {
            return None;
        }
        s.found.get(&row.article)?.as_ref()
    }

    /// Asks for the snippets of the rows on screen whose title did not match, when the search
    /// matches bodies and they were not asked for yet.
    pub(super) fn request_snippets(&mut self, effects: &mut Vec<Effect>) {
        if !self.highlighter.matches_bodies() {
            return;
        }
        let s = &mut self.snippets;
        if s.highlighter != self.highlighter {
            s.generation += 1;
            s.highlighter = self.highlighter.clone();
            s.found.clear();
            s.asked.clear();
        }
        let Screen::Panes(panes) = self.screen() else {
            return;
        };
        let s = &self.snippets;
        let want: Vec<usize> = self
            .rows
            .iter()
            .skip(self.view.list.offset)
            .take(panes.list_rows())
            .map(|r| r.article)
            .filter(|a| !s.found.contains_key(a) && self.highlighter.title_ranges(*a).is_empty())
            .collect();
        if want.is_empty() || want == s.asked {
            return;
        }
        let bodies = want
            .iter()
            .filter_map(|&i| {
                let a = self.corpus.articles.get(i)?;
                let body = if a.text_omitted {
                    SnippetBody::File(a.path.clone(), a.id)
                } else {
                    SnippetBody::Held(a.body.clone())
                };
                Some((i, body))
            })
            .collect();
        effects.push(Effect::Snippets {
            generation: s.generation,
            highlighter: self.highlighter.clone(),
            bodies,
        });
        self.snippets.asked = want;
    }

    /// Takes the worker's snippets; those for an older search are dropped. True when taken.
    pub(super) fn on_snippets(
        &mut self,
        generation: u64,
        snippets: Vec<(usize, Option<Snippet>)>,
    ) -> bool {
        let s = &mut self.snippets;
        if generation != s.generation {
            return false;
        }
        s.found.extend(snippets);
        true
    }
}
