//! Which articles the list shows: the query (searched by the worker or the index), the facet
//! filters and the mark filters, and the reading marks those depend on.

use super::facet_counts::FacetCounts;
use super::{App, Effect, Focus, Row, facets};
use crate::article::Article;
use crate::search::{Highlighter, Query};
use crate::state::ReadingState;
use crate::text::line_edit::Edit;

impl App {
    /// Whether the query has clauses for the search engine (not only `is:` mark conditions).
    pub(super) fn has_search_text(&self) -> bool {
        !Query::parse(self.view.query.text()).is_empty()
    }

    /// Replaces the reading marks (loaded at start, or merged on save). The list is not
    /// refiltered: an article does not vanish from under the cursor because it became read.
    pub(crate) fn set_marks(&mut self, marks: ReadingState) {
        self.marks = marks;
        self.marks_changed();
    }

    /// The read and starred marks as this reader holds them (saved through [`Effect::SaveMarks`]).
    pub fn marks(&self) -> &ReadingState {
        &self.marks
    }

    /// Unread articles in the filtered list.
    pub fn unread_shown(&self) -> usize {
        self.unread_shown
    }

    pub(super) fn marks_changed(&mut self) {
        let articles = &self.corpus.articles;
        self.unread_shown = self
            .rows
            .iter()
            .filter(|r| {
                articles
                    .get(r.article)
                    .is_some_and(|a| !self.marks.is_read(a.id))
            })
            .count();
        self.view.marks_generation += 1;
    }

    /// Sets a mark on the selected article with `set`; asks for a save when it changed.
    pub(super) fn mark_selected(
        &mut self,
        set: impl FnOnce(&mut ReadingState, &Article) -> bool,
        effects: &mut Vec<Effect>,
    ) {
        let Some(article) = self
            .rows
            .get(self.view.list.cursor)
            .and_then(|r| self.corpus.articles.get(r.article))
        else {
            return;
        };
        if set(&mut self.marks, article) {
            self.marks_changed();
            effects.push(Effect::SaveMarks);
        }
    }

    /// Recomputes the filtered rows. A changed query selects the best match (as in fzf);
    /// otherwise the selected article stays selected while it still passes the filter.
    ///
    /// A query is searched by the runtime's worker: the rows stay as they are until its answer
    /// arrives ([`super::Action::Searched`]). Without one, the corpus is listed newest first,
    /// sorted once per corpus size.
    pub(super) fn refilter(&mut self, select_best: bool) {
        let text = self.view.query.text().trim();
        let query = Query::parse(text);
        // An unknown field, mark or a bad date: say what was left out rather than match nothing.
        if let Some(problem) = query.problems.first() {
            let problem = problem.to_string();
            let s = self.options.language.strings();
            self.view.notice = Some(s.fill("status.ignoring", &[("problem", &problem)]));
        }
        if !query.is_empty() {
            let s = &mut self.stream;
            s.generation += 1;
            s.select_best = select_best;
            s.want_search = Some(text.to_string());
            return;
        }
        self.highlighter = Highlighter::default();
        if self.newest.len() != self.corpus.articles.len() {
            self.newest = self.corpus.newest_first();
        }
        let hits = self.newest.iter().map(|&i| i as usize).collect();
        self.show(hits, select_best);
    }

    /// Shows the articles of `hits` that pass the facet and mark filters, in the order given:
    /// the engine ranks (best score first, then newest first, undated last), and without a
    /// query the corpus is newest first. No sorting here: this runs on the UI thread, for up to
    /// 100,000 hits a keystroke.
    pub(super) fn show(&mut self, mut hits: Vec<usize>, select_best: bool) {
        self.sort_hits(&mut hits);
        let query = Query::parse(self.view.query.text());
        let conditions = query.marks;
        let keep = (!select_best && !self.pinned_to_top())
            .then(|| self.rows.get(self.view.list.cursor).map(|r| r.article))
            .flatten();
        let articles = &self.corpus.articles;
        let gone = &self.live.gone;
        let marked: Vec<usize> = hits
            .into_iter()
            .filter(|i| {
                !gone.contains(i)
                    && articles.get(*i).is_some_and(|a| {
                        self.view.mark_filter.admits(&conditions, &self.marks, a.id)
                    })
            })
            .collect();
        let filtering = !query.clauses.is_empty()
            || !conditions.is_empty()
            || !self.view.mark_filter.is_empty()
            || !self.view.facet_filter.is_empty();
        self.facet_counts = filtering.then(|| {
            let listed = marked.iter().filter_map(|&i| articles.get(i));
            FacetCounts::over(&self.facets, &self.view.facet_filter, listed)
        });
        self.rows = marked
            .into_iter()
            .filter(|&i| self.view.facet_filter.admits(&articles[i]))
            .map(|article| Row { article })
            .collect();
        self.view.rows_generation += 1;
        self.marks_changed();
        self.view.list.cursor = keep
            .and_then(|k| self.rows.iter().position(|r| r.article == k))
            .unwrap_or(0);
        self.view.reader_scroll = 0;
        self.clamp();
    }

    pub(super) fn toggle_facet(&mut self) {
        match self.view.focus {
            Focus::Sources => {
                let shown = self.source_items().get(self.view.sources.cursor).copied();
                if let Some(s) = shown.and_then(|i| self.facets.sources.get(i)) {
                    let name = s.name.clone();
                    let filter = &mut self.view.facet_filter;
                    let set = if s.publisher {
                        &mut filter.publishers
                    } else {
                        &mut filter.sources
                    };
                    facets::toggle(set, &name);
                    self.refilter(false);
                }
            }
            Focus::Entities => {
                let id = self
                    .entity_items()
                    .get(self.view.entities.cursor)
                    .map(|e| e.id.to_string());
                if let Some(id) = id {
                    facets::toggle(&mut self.view.facet_filter.entities, &id);
                    self.refilter(false);
                }
            }
            Focus::List | Focus::Reader => {}
        }
    }

    pub(super) fn edit_query(&mut self, edit: Edit) {
        if self.in_panel() {
            return self.edit_panel_query(|q| {
                q.apply(edit);
            });
        }
        if self.view.query.apply(edit) {
            self.refilter(true);
        }
    }

    /// Types `text` at the cursor (one key or a paste); returns whether some of it was cut.
    pub(super) fn type_text(&mut self, text: &str) -> bool {
        if self.in_panel() {
            let mut cut = false;
            self.edit_panel_query(|q| cut = q.insert_str(text));
            return cut;
        }
        let before = self.view.query.text().len();
        let cut = self.view.query.insert_str(text);
        if self.view.query.text().len() != before {
            self.refilter(true);
        }
        cut
    }
}
