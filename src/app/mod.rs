//! Application state and the one function that changes it.
//!
//! [`update`] maps an [`Action`] to new state plus [`Effect`]s and performs no I/O, so the whole
//! app runs headless in tests. Geometry (what a click hits, how tall a page is, how many rows the
//! open article wraps to) comes from [`crate::view`], never from the drawing code: the screen
//! shape is part of the state because PgDn, clicks and scroll limits depend on it.
//!
//! This file holds the model and what the drawing code reads; `loading`, `filter`, `scroll` and
//! `commands` hold the methods for one concern each, `update` the entry point.

mod action;
mod commands;
mod facet_counts;
pub(crate) mod facets;
mod filter;
mod find;
mod full_text;
mod live;
mod loading;
pub(crate) mod marks;
mod matches;
mod panel_filter;
mod picker;
mod reader_rows;
mod reading;
mod scroll;
mod snippets;
mod update;

use std::sync::Arc;

pub(crate) use crate::text::line_edit::LineEdit as QueryInput;
pub use crate::text::line_edit::MAX_LINE_CHARS as MAX_QUERY_CHARS;
pub(crate) use action::CorpusSnapshot;
pub use action::{Action, Effect};
pub(crate) use facets::FacetFilter;
pub use facets::Facets;
pub(crate) use live::{Prompt, PromptKind};
pub(crate) use marks::MarkFilter;
pub(crate) use scroll::ScrollList;
pub use snippets::SnippetBody;
pub use update::update;

pub use crate::keymap::{Command, Key, Mode};
pub use crate::settings::Options;
pub use crate::view::layout::Focus;
pub use crate::view::reader::Note;
pub(crate) use crate::view::reader::ReaderView;

use crate::article::{Article, EntityKind};
use crate::corpus::Corpus;
use crate::search::{Highlighter, TitleRanges};
use crate::sort::{SortKeys, SortMode};
use crate::state::ReadingState;
use crate::view::layout::{self, LayoutInput, Screen};
use full_text::FullText;
use loading::Stream;

/// What the Entities panel lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum EntityScope {
    /// The selected article's entities with mention counts.
    #[default]
    Article,
    /// Every entity in the corpus with article counts.
    Corpus,
}

/// One article in the filtered list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Index into `Corpus::articles`.
    pub article: usize,
}

/// One line of the Entities panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityItem<'a> {
    /// The entity's corpus-wide id, which the entity filter selects by.
    pub id: &'a str,
    pub(crate) kind: EntityKind,
    /// The Bengali name, fullest form.
    pub name: &'a str,
    /// The English name where the gazetteer has one (shown with `entity_names = "english"`).
    pub name_en: Option<&'a str>,
    /// Mentions in the article, or articles in the corpus, by scope.
    pub(crate) count: usize,
}

/// Everything visible that the user can change; compared before and after an update to decide
/// whether a redraw is needed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    /// The pane keys go to.
    pub focus: Focus,
    /// Which keymap table applies (browsing, typing a query, the help, a prompt, the picker).
    pub mode: Mode,
    /// The list's query as typed, with its cursor.
    pub query: QueryInput,
    /// What `/` typed in the Sources and Entities panels keeps of their rows.
    pub(crate) sources_query: QueryInput,
    pub(crate) entities_query: QueryInput,
    pub(crate) facet_filter: FacetFilter,
    /// The unread-only and starred-only toggles.
    pub(crate) mark_filter: MarkFilter,
    /// The list's cursor is an index into the filtered rows.
    pub list: ScrollList,
    /// Rows of the reader scrolled past.
    pub reader_scroll: usize,
    /// The Sources panel's cursor and offset.
    pub sources: ScrollList,
    pub(crate) entities: ScrollList,
    pub(crate) entity_scope: EntityScope,
    /// Rows of the help overlay scrolled past.
    pub(crate) help_scroll: usize,
    /// Terminal size in columns and rows.
    pub size: (u16, u16),
    /// Bumped whenever the filtered rows are recomputed, so comparing view states stays cheap
    /// (the rows themselves live in [`App`] and can number 100,000).
    pub(crate) rows_generation: u64,
    /// Bumped whenever a read or starred mark changes, for the same reason.
    pub(crate) marks_generation: u64,
    /// A message for the status bar until the next key press.
    pub notice: Option<String>,
    /// The prompt being typed in [`Mode::Prompt`].
    pub prompt: Option<Prompt>,
    /// The list order; relevance shows as newest first while no query is active.
    pub(crate) sort: SortMode,
    /// The saved search last put in the filter, as an index into `Options::saved_searches`.
    pub(crate) saved_search: Option<usize>,
    /// The words `/` in the reader finds in the open article.
    pub(crate) find: Option<String>,
    /// The saved-search picker's cursor (open in [`Mode::Picker`]).
    pub picker: ScrollList,
    /// Articles each saved search matches, once the worker has counted them.
    pub search_counts: Option<Vec<usize>>,
}

/// The whole application state.
#[derive(Debug)]
pub struct App {
    corpus: Arc<Corpus>,
    facets: Facets,
    /// What the app was started with; `cli` turns `config.toml` into it.
    pub options: Options,
    /// What the user sees and moves; drawing reads it, tests inspect it.
    pub view: ViewState,
    rows: Vec<Row>,
    /// Highlights of the search that gave `rows`, computed for the rows drawn.
    highlighter: Highlighter,
    marks: ReadingState,
    /// Unread articles among `rows`, kept current for the status bar.
    unread_shown: usize,
    stream: Stream,
    /// The corpus newest first (articles only ever arrive, so its length says whether it is
    /// current): an empty query lists this, and sorting 100,000 articles at every keystroke
    /// would be noticed.
    newest: Vec<u32>,
    /// The selected article in full, when the corpus holds it light.
    full_text: Option<FullText>,
    live: live::Live,
    /// Every article's rank in each list order, computed when an order needs them.
    sort_keys: SortKeys,
    /// Facet counts under the current filter; `None` when nothing filters (the corpus counts).
    facet_counts: Option<facet_counts::FacetCounts>,
    /// The open article's rows at the reader's width.
    reader_wrap: reader_rows::ReaderRows,
    /// Body snippets of the hits on screen, as the worker cuts them.
    snippets: snippets::Snippets,
    /// What `/` in the reader finds in the open article.
    find: Option<find::Find>,
}

impl App {
    /// An app whose corpus is still to arrive as [`Action::Load`]; indexing and searching are
    /// asked of the runtime as effects ([`crate::work`] performs them).
    pub fn streaming(options: Options, size: (u16, u16)) -> Self {
        Self {
            corpus: Arc::new(Corpus::default()),
            facets: Facets::default(),
            options,
            view: ViewState {
                size,
                sort: SortMode::Relevance,
                ..ViewState::default()
            },
            rows: Vec::new(),
            highlighter: Highlighter::default(),
            stream: Stream::default(),
            newest: Vec::new(),
            marks: ReadingState::default(),
            unread_shown: 0,
            full_text: None,
            live: live::Live::default(),
            sort_keys: SortKeys::default(),
            facet_counts: None,
            reader_wrap: reader_rows::ReaderRows::default(),
            snippets: snippets::Snippets::default(),
            find: None,
        }
    }

    /// The articles loaded so far, in load order: an index into it names an article for good.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// The panels' lists as of the newest index.
    pub fn facets(&self) -> &Facets {
        &self.facets
    }

    /// The count shown for the `i`th of [`Facets::sources`]: the articles it would leave under
    /// the current filter.
    pub(crate) fn source_count(&self, i: usize) -> usize {
        let corpus = || self.facets.sources.get(i).map_or(0, |s| s.articles);
        self.facet_counts
            .as_ref()
            .map_or_else(corpus, |c| c.sources.get(i).copied().unwrap_or(0))
    }

    /// The filtered list, in the order shown.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Byte ranges of a body paragraph of the open article to highlight: what `/` in the reader
    /// finds there, else where the list's search matched.
    pub fn body_ranges(&self, paragraph: &str) -> Vec<std::ops::Range<usize>> {
        self.active_find()
            .unwrap_or(&self.highlighter)
            .text_ranges(paragraph)
    }

    /// Title byte ranges the query matched in `row`'s article, whole grapheme clusters.
    pub(crate) fn title_ranges(&self, row: &Row) -> TitleRanges {
        self.highlighter.title_ranges(row.article)
    }

    /// The article under the list selection.
    pub fn selected_article(&self) -> Option<&Article> {
        let row = self.rows.get(self.view.list.cursor)?;
        self.corpus.articles.get(row.article)
    }

    /// What the reader shows: the selected article, in full once read again when it is light.
    pub fn reader_view(&self) -> Option<ReaderView<'_>> {
        let row = self.rows.get(self.view.list.cursor)?;
        let article = self.corpus.articles.get(row.article)?;
        Some(FullText::view(&self.full_text, row.article, article))
    }

    /// Asks for the selected article in full when it is light.
    fn request_full_text(&mut self, effects: &mut Vec<Effect>) {
        let Some(row) = self.rows.get(self.view.list.cursor) else {
            return;
        };
        if let Some(article) = self.corpus.articles.get(row.article) {
            FullText::request(&mut self.full_text, row.article, article, effects);
        }
    }

    /// The screen's panes at the current size.
    pub fn screen(&self) -> Screen {
        self.screen_at(self.view.size)
    }

    /// The screen's panes at `size` (columns, rows) with the current focus, query and counts.
    pub(crate) fn screen_at(&self, size: (u16, u16)) -> Screen {
        layout::screen(
            size,
            LayoutInput {
                focus: self.view.focus,
                filter_line: matches!(self.view.mode, Mode::Filter | Mode::Prompt)
                    || !self.view.query.text().is_empty(),
                sources: self.facets.sources.len(),
                rows: self.rows.len(),
            },
        )
    }

    /// Lines of the Entities panel, counted without building them.
    fn entity_count(&self) -> usize {
        if !self.view.entities_query.text().is_empty() {
            return self.entity_items().len();
        }
        match self.view.entity_scope {
            EntityScope::Article => self.selected_article().map_or(0, |a| a.entities.len()),
            EntityScope::Corpus => self.facets.entities.len(),
        }
    }

    /// Lines of the Entities panel for the current scope and selection.
    pub fn entity_items(&self) -> Vec<EntityItem<'_>> {
        let mut items = self.unfiltered_entity_items();
        items.retain(|e| self.entity_shown(e));
        items
    }

    fn unfiltered_entity_items(&self) -> Vec<EntityItem<'_>> {
        match self.view.entity_scope {
            EntityScope::Article => self
                .selected_article()
                .map(|a| {
                    a.entities
                        .iter()
                        .map(|e| EntityItem {
                            id: &e.id,
                            kind: e.kind,
                            name: &e.name,
                            name_en: e.name_en.as_deref(),
                            count: e.mentions,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            EntityScope::Corpus => self
                .facets
                .entities
                .iter()
                .enumerate()
                .map(|(i, e)| EntityItem {
                    id: &e.id,
                    kind: e.kind,
                    name: &e.name,
                    name_en: e.name_en.as_deref(),
                    count: self
                        .facet_counts
                        .as_ref()
                        .map_or(e.articles, |c| c.entities.get(i).copied().unwrap_or(0)),
                })
                .collect(),
        }
    }
}
