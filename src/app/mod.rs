//! Application state and the one function that changes it.
//!
//! `update` maps an [`Action`] to new state plus [`Effect`]s and performs no I/O, so the whole
//! app runs headless in tests. Geometry (what a click hits, how tall a page is, how many rows the
//! open article wraps to) comes from `ui::layout` and the text layer: the screen shape is part of
//! the state because PgDn, clicks and scroll limits depend on it.

mod action;
pub mod facets;
mod full_text;
pub mod keymap;
pub mod marks;
mod reading;

use std::sync::Arc;

use crossterm::event::KeyCode;

pub use crate::text::line_edit::LineEdit as QueryInput;
pub use action::{Action, Command, CorpusSnapshot, Effect, LoadUpdate};
pub use facets::{EntityFacet, FacetFilter, Facets, SourceFacet};
pub use full_text::{Note, ReaderView};
pub use keymap::{Key, KeyContext, Keymap};
pub use marks::MarkFilter;

use crate::article::{Article, EntityKind};
use crate::config::{DateDisplay, EntityNames};
use crate::corpus::Corpus;
use crate::load::ProgressSnapshot;
use crate::saved_search::SavedSearch;
use crate::search::{Highlighter, Results, SearchIndex, TitleRanges};
use crate::sort::{SortKeys, SortMode};
use crate::state::ReadingState;
use crate::strings::Language;
use crate::text::line_edit::{Edit, MAX_LINE_CHARS};
use crate::ui::layout::{self, Screen};
use crate::ui::text::WidthPolicy;
use crate::ui::theme::Theme;
use full_text::FullText;

/// Which pane keys go to. Tab cycles in this order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    #[default]
    List,
    Reader,
    Sources,
    Entities,
}

impl Focus {
    const ORDER: [Focus; 4] = [Focus::List, Focus::Reader, Focus::Sources, Focus::Entities];

    fn cycle(self, forward: bool) -> Self {
        let i = Self::ORDER.iter().position(|f| *f == self).unwrap_or(0);
        let n = Self::ORDER.len();
        Self::ORDER[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// What keys mean right now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Normal,
    /// Typing a filter query.
    Filter,
    /// The help overlay is open.
    Help,
}

/// What the Entities panel lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EntityScope {
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
    pub id: &'a str,
    pub kind: EntityKind,
    pub name: &'a str,
    pub name_en: Option<&'a str>,
    /// Mentions in the article, or articles in the corpus, by scope.
    pub count: usize,
}

/// Everything visible that the user can change; compared before and after an update to decide
/// whether a redraw is needed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    pub focus: Focus,
    pub mode: Mode,
    pub query: QueryInput,
    pub facet_filter: FacetFilter,
    /// The unread-only and starred-only toggles.
    pub mark_filter: MarkFilter,
    /// Index into the filtered rows.
    pub selected: usize,
    /// First filtered row shown.
    pub list_offset: usize,
    /// Rows of the reader scrolled past.
    pub reader_scroll: usize,
    pub source_cursor: usize,
    pub entity_cursor: usize,
    pub source_offset: usize,
    pub entity_offset: usize,
    pub entity_scope: EntityScope,
    /// Rows of the help overlay scrolled past.
    pub help_scroll: usize,
    /// Terminal size in columns and rows.
    pub size: (u16, u16),
    /// Bumped whenever the filtered rows are recomputed, so comparing view states stays cheap
    /// (the rows themselves live in [`App`] and can number 100,000).
    pub rows_generation: u64,
    /// Bumped whenever a read or starred mark changes, for the same reason.
    pub marks_generation: u64,
    /// A message for the status bar until the next key press.
    pub notice: Option<String>,
    /// The list order; relevance shows as newest first while no query is active.
    pub sort: SortMode,
    /// The saved search last put in the filter, as an index into `Options::saved_searches`.
    pub saved_search: Option<usize>,
}

/// Settings the app is started with.
#[derive(Clone, Debug)]
pub struct Options {
    pub policy: WidthPolicy,
    pub keymap: Keymap,
    pub theme: Theme,
    pub dates: DateDisplay,
    pub language: Language,
    pub entity_names: EntityNames,
    /// Whether the terminal reports the mouse (`mouse = false` leaves selection to the terminal).
    pub mouse: bool,
    pub saved_searches: Vec<SavedSearch>,
}

impl Options {
    /// The shipped keymap and theme with the given width policy.
    pub fn embedded(policy: WidthPolicy) -> anyhow::Result<Self> {
        Ok(Self {
            policy,
            keymap: Keymap::embedded()?,
            theme: Theme::embedded()?,
            dates: DateDisplay::default(),
            language: Language::default(),
            entity_names: EntityNames::default(),
            mouse: true,
            saved_searches: Vec::new(),
        })
    }
}

/// The whole application state.
#[derive(Debug)]
pub struct App {
    corpus: Arc<Corpus>,
    /// The search index of a corpus loaded up front; `None` while streaming, where the runtime's
    /// worker holds it and searches answer as [`Action::Searched`].
    index: Option<SearchIndex>,
    facets: Facets,
    pub options: Options,
    pub view: ViewState,
    rows: Vec<Row>,
    /// Highlights of the search that gave `rows`, computed for the rows drawn.
    highlighter: Highlighter,
    marks: ReadingState,
    /// Unread articles among `rows`, kept current for the status bar.
    unread_shown: usize,
    stream: Option<Stream>,
    /// The selected article in full, when the corpus holds it light.
    full_text: Option<FullText>,
    /// Every article's rank in each list order, computed when an order needs them.
    sort_keys: SortKeys,
}

/// Bookkeeping for a corpus that arrives while the reader runs.
#[derive(Debug, Default)]
struct Stream {
    progress: ProgressSnapshot,
    finished: bool,
    failed: Option<String>,
    /// Updates that arrived while the indexer held a snapshot of the corpus; applied when it
    /// hands the corpus back (appending would otherwise mean copying 100,000 articles).
    pending: Vec<LoadUpdate>,
    /// Articles the worker's index covers.
    indexed: usize,
    /// Articles or entities arrived since the last snapshot was taken.
    stale: bool,
    indexing: bool,
    /// The latest search asked for; older answers are dropped.
    generation: u64,
    /// Whether the latest search should select its best hit when it arrives.
    select_best: bool,
    /// Requests for the runtime, turned into effects at the end of `update`.
    want_index: bool,
    want_search: Option<String>,
}

/// How the loading looks to the status bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadingStatus {
    /// 0–100: files parsed and articles with entities, half each.
    pub percent: u8,
    pub articles: usize,
    pub files: usize,
}

impl App {
    pub fn new(corpus: Arc<Corpus>, options: Options, size: (u16, u16)) -> Self {
        let mut app = Self {
            index: Some(SearchIndex::new(&corpus)),
            facets: Facets::new(&corpus),
            corpus,
            ..Self::empty(options, size)
        };
        app.refilter(false);
        app
    }

    /// An app whose corpus is still to arrive as [`Action::Load`]; indexing and searching are
    /// asked of the runtime as effects.
    pub fn streaming(options: Options, size: (u16, u16)) -> Self {
        Self {
            stream: Some(Stream::default()),
            ..Self::empty(options, size)
        }
    }

    /// No articles, no index, nothing loading: what both constructors start from.
    fn empty(options: Options, size: (u16, u16)) -> Self {
        Self {
            corpus: Arc::new(Corpus::default()),
            index: None,
            facets: Facets::default(),
            options,
            view: ViewState {
                size,
                sort: SortMode::Relevance,
                ..ViewState::default()
            },
            rows: Vec::new(),
            highlighter: Highlighter::default(),
            stream: None,
            marks: ReadingState::default(),
            unread_shown: 0,
            full_text: None,
            sort_keys: SortKeys::default(),
        }
    }

    /// Progress of a load still running; `None` once everything is loaded and indexed.
    pub fn loading(&self) -> Option<LoadingStatus> {
        let s = self.stream.as_ref()?;
        if s.finished && !s.indexing && !s.stale && s.pending.is_empty() {
            return None;
        }
        let p = &s.progress;
        let total = p.discovered.max(1);
        let done = p.parsed.min(total) + p.extracted.min(total);
        Some(LoadingStatus {
            percent: u8::try_from(done * 50 / total).unwrap_or(100).min(99),
            articles: self.corpus.articles.len(),
            files: p.discovered,
        })
    }

    /// Why the load failed, if it did.
    pub fn load_error(&self) -> Option<&str> {
        self.stream.as_ref()?.failed.as_deref()
    }

    fn on_load(&mut self, update: LoadUpdate) {
        let Some(stream) = &mut self.stream else {
            return;
        };
        match update {
            LoadUpdate::Progress(p) => stream.progress = p,
            LoadUpdate::Finished => {
                stream.finished = true;
                stream.progress.done = true;
            }
            LoadUpdate::Failed(e) => {
                stream.failed = Some(e);
                stream.finished = true;
            }
            data => stream.pending.push(data),
        }
        self.flush_pending();
        self.request_index();
    }

    /// Applies queued articles and entities if the app owns its corpus again.
    fn flush_pending(&mut self) {
        let Some(stream) = &mut self.stream else {
            return;
        };
        if stream.pending.is_empty() {
            return;
        }
        let Some(corpus) = Arc::get_mut(&mut self.corpus) else {
            return;
        };
        let grew = stream
            .pending
            .iter()
            .any(|u| matches!(u, LoadUpdate::Articles(_)));
        for u in stream.pending.drain(..) {
            match u {
                LoadUpdate::Articles(a) => corpus.articles.extend(a),
                LoadUpdate::Entities(e) => corpus.set_entities(e),
                _ => {}
            }
        }
        stream.stale = true;
        // New articles join an unfiltered list at once; a query covers them once indexed.
        if grew && !self.has_search_text() {
            self.refilter(false);
        }
    }

    /// Asks for a new index when enough has changed: each time the corpus doubled, and once
    /// everything is loaded. So indexing costs about twice one final build, however many
    /// batches arrive.
    fn request_index(&mut self) {
        let n = self.corpus.articles.len();
        let Some(s) = &mut self.stream else {
            return;
        };
        if s.indexing || !s.stale {
            return;
        }
        let complete = s.finished && s.pending.is_empty();
        if complete || s.indexed == 0 || n >= 2 * s.indexed {
            s.indexing = true;
            s.stale = false;
            s.want_index = true;
        }
    }

    fn on_indexed(&mut self, articles: usize, facets: Facets) {
        let Some(s) = &mut self.stream else {
            return;
        };
        s.indexing = false;
        s.indexed = articles;
        self.facets = facets;
        self.flush_pending();
        if self.has_search_text() {
            self.refilter(false);
        }
        self.request_index();
        self.clamp();
    }

    fn on_searched(&mut self, generation: u64, hits: &Results) {
        let Some(s) = &self.stream else {
            return;
        };
        if generation != s.generation || !self.has_search_text() {
            return;
        }
        let select_best = s.select_best;
        self.highlighter = hits.highlighter.clone();
        let hits = hits.iter().map(|h| h.article).collect();
        self.show(hits, select_best);
    }

    /// Whether the query has words for the search engine (not only `is:` mark conditions).
    fn has_search_text(&self) -> bool {
        !marks::split_query(self.view.query.text())
            .0
            .trim()
            .is_empty()
    }

    /// Requests queued for the runtime.
    fn drain_requests(&mut self, effects: &mut Vec<Effect>) {
        let Some(s) = &mut self.stream else {
            return;
        };
        if std::mem::take(&mut s.want_index) {
            effects.push(Effect::Index(CorpusSnapshot(self.corpus.clone())));
        }
        if let Some(query) = s.want_search.take() {
            effects.push(Effect::Search {
                query,
                generation: s.generation,
            });
        }
    }

    /// Replaces the reading marks (loaded at start, or merged on save). The list is not
    /// refiltered: an article does not vanish from under the cursor because it became read.
    pub fn set_marks(&mut self, marks: ReadingState) {
        self.marks = marks;
        self.marks_changed();
    }

    pub fn marks(&self) -> &ReadingState {
        &self.marks
    }

    /// Unread articles in the filtered list.
    pub fn unread_shown(&self) -> usize {
        self.unread_shown
    }

    fn marks_changed(&mut self) {
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
    fn mark_selected(
        &mut self,
        set: impl FnOnce(&mut ReadingState, &Article) -> bool,
        effects: &mut Vec<Effect>,
    ) {
        let Some(article) = self
            .rows
            .get(self.view.selected)
            .and_then(|r| self.corpus.articles.get(r.article))
        else {
            return;
        };
        if set(&mut self.marks, article) {
            self.marks_changed();
            effects.push(Effect::SaveMarks);
        }
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    pub fn facets(&self) -> &Facets {
        &self.facets
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Title byte ranges the query matched in `row`'s article, whole grapheme clusters.
    /// Byte ranges of a body paragraph where the current search matched, to highlight.
    pub fn body_ranges(&self, paragraph: &str) -> Vec<std::ops::Range<usize>> {
        self.highlighter.text_ranges(paragraph)
    }

    pub fn title_ranges(&self, row: &Row) -> TitleRanges {
        self.highlighter.title_ranges(row.article)
    }

    /// The article under the list selection.
    pub fn selected_article(&self) -> Option<&Article> {
        let row = self.rows.get(self.view.selected)?;
        self.corpus.articles.get(row.article)
    }

    /// What the reader shows: the selected article, in full once read again when it is light.
    pub fn reader_view(&self) -> Option<ReaderView<'_>> {
        let row = self.rows.get(self.view.selected)?;
        let article = self.corpus.articles.get(row.article)?;
        Some(FullText::view(&self.full_text, row.article, article))
    }

    /// Asks for the selected article in full when it is light.
    fn request_full_text(&mut self, effects: &mut Vec<Effect>) {
        let Some(row) = self.rows.get(self.view.selected) else {
            return;
        };
        if let Some(article) = self.corpus.articles.get(row.article) {
            FullText::request(&mut self.full_text, row.article, article, effects);
        }
    }

    /// The screen's panes at the current size.
    pub fn screen(&self) -> Screen {
        layout::screen(self.view.size, self)
    }

    /// Lines of the Entities panel for the current scope and selection.
    pub fn entity_items(&self) -> Vec<EntityItem<'_>> {
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
                .map(|e| EntityItem {
                    id: &e.id,
                    kind: e.kind,
                    name: &e.name,
                    name_en: e.name_en.as_deref(),
                    count: e.articles,
                })
                .collect(),
        }
    }

    /// Recomputes the filtered rows. A changed query selects the best match (as in fzf);
    /// otherwise the selected article stays selected while it still passes the filter.
    ///
    /// While streaming, a query is searched by the runtime's worker: the rows stay as they are
    /// until its answer arrives ([`Action::Searched`]).
    fn refilter(&mut self, select_best: bool) {
        let (query, _) = marks::split_query(self.view.query.text());
        let query = query.trim();
        // An unknown field or a bad date: say what was left out rather than match nothing.
        if let Some(problem) = crate::search::Query::parse(query)
            .problems
            .into_iter()
            .next()
        {
            self.view.notice = Some(format!("ignoring {problem}"));
        }
        let hits: Vec<usize> = if query.is_empty() {
            self.highlighter = Highlighter::default();
            self.corpus
                .newest_first()
                .into_iter()
                .map(|i| i as usize)
                .collect()
        } else if let Some(index) = &self.index {
            let results = index.find(query);
            self.highlighter = results.highlighter.clone();
            results.iter().map(|h| h.article).collect()
        } else {
            if let Some(s) = &mut self.stream {
                s.generation += 1;
                s.select_best = select_best;
                s.want_search = Some(query.to_string());
            }
            return;
        };
        self.show(hits, select_best);
    }

    /// Shows the articles of `hits` that pass the facet and mark filters, in the order given:
    /// the engine ranks (best score first, then newest first, undated last), and without a
    /// query the corpus is newest first. No sorting here: this runs on the UI thread, for up to
    /// 100,000 hits a keystroke.
    fn show(&mut self, mut hits: Vec<usize>, select_best: bool) {
        self.sort_hits(&mut hits);
        let (_, conditions) = marks::split_query(self.view.query.text());
        let keep = (!select_best && !self.pinned_to_top())
            .then(|| self.rows.get(self.view.selected).map(|r| r.article))
            .flatten();
        let articles = &self.corpus.articles;
        self.rows = hits
            .into_iter()
            .filter(|i| {
                articles.get(*i).is_some_and(|a| {
                    self.view.facet_filter.admits(a)
                        && self.view.mark_filter.admits(&conditions, &self.marks, a.id)
                })
            })
            .map(|article| Row { article })
            .collect();
        self.view.rows_generation += 1;
        self.marks_changed();
        self.view.selected = keep
            .and_then(|k| self.rows.iter().position(|r| r.article == k))
            .unwrap_or(0);
        self.view.reader_scroll = 0;
        self.clamp();
    }

    /// Keeps every cursor and offset inside what exists and what is visible.
    fn clamp(&mut self) {
        let rows = self.rows.len();
        let v = &mut self.view;
        v.selected = v.selected.min(rows.saturating_sub(1));
        let sources = self.facets.sources.len();
        v.source_cursor = v.source_cursor.min(sources.saturating_sub(1));
        let entities = self.entity_items().len();
        let screen = self.screen();
        let v = &mut self.view;
        v.entity_cursor = v.entity_cursor.min(entities.saturating_sub(1));
        let panes = match screen {
            Screen::Panes(p) => p,
            Screen::TooSmall => return,
        };
        keep_visible(&mut v.list_offset, v.selected, rows, panes.list_rows());
        keep_visible(
            &mut v.source_offset,
            v.source_cursor,
            sources,
            panes.sources_rows(),
        );
        keep_visible(
            &mut v.entity_offset,
            v.entity_cursor,
            entities,
            panes.entities_rows(),
        );
        let max_scroll = self.reader_rows().saturating_sub(panes.reader_rows());
        self.view.reader_scroll = self.view.reader_scroll.min(max_scroll);
    }

    /// Rows the selected article wraps to in the reader at the current size.
    fn reader_rows(&self) -> usize {
        match (self.screen(), self.reader_view()) {
            (Screen::Panes(p), Some(view)) => crate::ui::reader::row_count(
                view,
                p.reader_width(),
                self.options.policy,
                self.options.dates,
            ),
            _ => 0,
        }
    }

    fn page(&self) -> usize {
        let rows = match (self.screen(), self.view.focus) {
            (Screen::Panes(p), Focus::Reader) => p.reader_rows(),
            (Screen::Panes(p), Focus::Sources) => p.sources_rows(),
            (Screen::Panes(p), Focus::Entities) => p.entities_rows(),
            (Screen::Panes(p), Focus::List) => p.list_rows(),
            (Screen::TooSmall, _) => 1,
        };
        rows.saturating_sub(1).max(1)
    }

    /// Moves whatever the focused pane moves by `delta` (saturating at both ends); with help
    /// open, scrolls the help.
    fn move_by(&mut self, delta: isize) {
        if self.view.mode == Mode::Help {
            let (_, height) = self.view.size;
            let max = crate::ui::help::overflow(&self.options.keymap, height);
            let v = &mut self.view;
            v.help_scroll = v.help_scroll.saturating_add_signed(delta).min(max);
            return;
        }
        let v = &mut self.view;
        let step =
            |at: usize, len: usize| at.saturating_add_signed(delta).min(len.saturating_sub(1));
        match v.focus {
            Focus::List => {
                let next = step(v.selected, self.rows.len());
                if next != v.selected {
                    v.selected = next;
                    v.reader_scroll = 0;
                    v.entity_cursor = 0;
                }
            }
            Focus::Reader => v.reader_scroll = v.reader_scroll.saturating_add_signed(delta),
            Focus::Sources => v.source_cursor = step(v.source_cursor, self.facets.sources.len()),
            Focus::Entities => {
                let n = self.entity_items().len();
                let v = &mut self.view;
                v.entity_cursor = step(v.entity_cursor, n);
            }
        }
        self.clamp();
    }

    fn toggle_facet(&mut self) {
        match self.view.focus {
            Focus::Sources => {
                if let Some(s) = self.facets.sources.get(self.view.source_cursor) {
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
                    .get(self.view.entity_cursor)
                    .map(|e| e.id.to_string());
                if let Some(id) = id {
                    facets::toggle(&mut self.view.facet_filter.entities, &id);
                    self.refilter(false);
                }
            }
            Focus::List | Focus::Reader => {}
        }
    }

    fn run(&mut self, command: Command, effects: &mut Vec<Effect>) {
        let page = isize::try_from(self.page()).unwrap_or(1);
        match command {
            Command::Quit => effects.push(Effect::Quit),
            Command::Down => self.move_by(1),
            Command::Up => self.move_by(-1),
            Command::PageDown => self.move_by(page),
            Command::PageUp => self.move_by(-page),
            Command::Top => self.move_by(isize::MIN),
            Command::Bottom => self.move_by(isize::MAX),
            Command::Activate => match self.view.focus {
                Focus::List => {
                    self.view.focus = Focus::Reader;
                    self.mark_selected(|m, a| m.set_read(a.id, &a.path, true), effects);
                }
                Focus::Sources | Focus::Entities => self.toggle_facet(),
                Focus::Reader => {}
            },
            Command::Toggle => match self.view.focus {
                Focus::Reader => self.page_or_next_unread(page, effects),
                _ => self.toggle_facet(),
            },
            Command::FocusNext => self.view.focus = self.view.focus.cycle(true),
            Command::FocusPrev => self.view.focus = self.view.focus.cycle(false),
            Command::FocusSources => self.view.focus = Focus::Sources,
            Command::FocusEntities => self.view.focus = Focus::Entities,
            Command::StartFilter => {
                self.view.mode = Mode::Filter;
                self.view.focus = Focus::List;
                self.view.query.apply(Edit::End);
            }
            Command::EntityScope => {
                self.view.entity_scope = match self.view.entity_scope {
                    EntityScope::Article => EntityScope::Corpus,
                    EntityScope::Corpus => EntityScope::Article,
                };
                self.view.entity_cursor = 0;
                self.view.entity_offset = 0;
            }
            Command::ClearFilters => {
                self.view.query.apply(Edit::Clear);
                self.view.facet_filter = FacetFilter::default();
                self.view.mark_filter = MarkFilter::default();
                self.refilter(false);
            }
            Command::ToggleRead => {
                self.mark_selected(|m, a| m.set_read(a.id, &a.path, !m.is_read(a.id)), effects)
            }
            Command::ToggleStar => self.mark_selected(
                |m, a| m.set_starred(a.id, &a.path, !m.is_starred(a.id)),
                effects,
            ),
            Command::MarkAllRead => {
                let articles = &self.corpus.articles;
                let mut changed = false;
                for a in self.rows.iter().filter_map(|r| articles.get(r.article)) {
                    changed |= self.marks.set_read(a.id, &a.path, true);
                }
                if changed {
                    self.marks_changed();
                    effects.push(Effect::SaveMarks);
                }
            }
            Command::OpenUrl | Command::CopyUrl => {
                let url = self.selected_article().and_then(|a| a.url.clone());
                self.view.notice = Some(match (url, command) {
                    (None, _) => "this article has no URL".to_string(),
                    (Some(url), Command::OpenUrl) => {
                        let notice = format!("opening {url}");
                        effects.push(Effect::OpenUrl(url));
                        notice
                    }
                    (Some(url), _) => {
                        let notice = format!("URL copied to the clipboard: {url}");
                        effects.push(Effect::CopyUrl(url));
                        notice
                    }
                });
                effects.push(Effect::Redraw);
            }
            Command::FilterUnread => {
                self.view.mark_filter.unread = !self.view.mark_filter.unread;
                self.refilter(false);
            }
            Command::FilterStarred => {
                self.view.mark_filter.starred = !self.view.mark_filter.starred;
                self.refilter(false);
            }
            Command::Back => self.view.focus = Focus::List,
            Command::Help => {
                self.view.help_scroll = 0;
                self.view.mode = match self.view.mode {
                    Mode::Help => Mode::Normal,
                    _ => Mode::Help,
                }
            }
            Command::FilterAccept => self.view.mode = Mode::Normal,
            Command::FilterCancel => {
                self.view.mode = Mode::Normal;
                self.view.query.apply(Edit::Clear);
                self.refilter(false);
            }
            Command::DeleteBack => self.edit_query(Edit::DeleteBack),
            Command::DeleteForward => self.edit_query(Edit::DeleteForward),
            Command::CursorLeft => self.edit_query(Edit::Left),
            Command::CursorRight => self.edit_query(Edit::Right),
            Command::CursorHome => self.edit_query(Edit::Home),
            Command::CursorEnd => self.edit_query(Edit::End),
            Command::ClearQuery => self.edit_query(Edit::Clear),
            Command::CursorWordLeft => self.edit_query(Edit::WordLeft),
            Command::CursorWordRight => self.edit_query(Edit::WordRight),
            Command::DeleteWordBack => self.edit_query(Edit::DeleteWordBack),
            Command::DeleteToSpaceBack => self.edit_query(Edit::DeleteToSpaceBack),
            Command::DeleteWordForward => self.edit_query(Edit::DeleteWordForward),
            Command::KillToStart => self.edit_query(Edit::KillToStart),
            Command::KillToEnd => self.edit_query(Edit::KillToEnd),
            Command::NextArticle => self.step_article(1, false, effects),
            Command::PrevArticle => self.step_article(-1, false, effects),
            Command::NextUnread => self.step_article(1, true, effects),
            Command::CycleSort => {
                let query_active = self.has_search_text();
                self.view.sort = self.view.sort.next(query_active);
                self.refilter(false);
            }
            Command::NextSavedSearch => self.next_saved_search(),
        }
        self.clamp();
    }

    fn edit_query(&mut self, edit: Edit) {
        if self.view.query.apply(edit) {
            self.refilter(true);
        }
    }

    fn key(&mut self, key: Key, effects: &mut Vec<Effect>) {
        let context = match self.view.mode {
            Mode::Normal => KeyContext::Normal,
            Mode::Filter => KeyContext::Filter,
            Mode::Help => KeyContext::Help,
        };
        if let Some(command) = self.options.keymap.lookup(context, key) {
            self.run(command, effects);
        } else if let (Mode::Filter, KeyCode::Char(c), false, false) =
            (self.view.mode, key.code, key.ctrl, key.alt)
        {
            // Only plain characters type: an unbound Alt or Ctrl chord is not text.
            let before = self.view.query.text().len();
            self.view.query.insert(c);
            if self.view.query.text().len() != before {
                self.refilter(true);
            }
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let Screen::Panes(p) = self.screen() else {
            return;
        };
        let at = ratatui::layout::Position { x, y };
        if let Some(row) = p.list_row_at(at) {
            self.view.focus = Focus::List;
            let target = self.view.list_offset + row;
            if target < self.rows.len() && target != self.view.selected {
                self.view.selected = target;
                self.view.reader_scroll = 0;
                self.view.entity_cursor = 0;
            }
        } else if p.reader.contains(at) {
            self.view.focus = Focus::Reader;
        } else if let Some(row) = p.sources_row_at(at) {
            self.view.focus = Focus::Sources;
            self.view.source_cursor = self.view.source_offset + row;
        } else if let Some(row) = p.entities_row_at(at) {
            self.view.focus = Focus::Entities;
            self.view.entity_cursor = self.view.entity_offset + row;
        }
        self.clamp();
    }

    fn wheel(&mut self, x: u16, y: u16, down: bool) {
        let Screen::Panes(p) = self.screen() else {
            return;
        };
        let at = ratatui::layout::Position { x, y };
        let pane = if p.list.contains(at) {
            Focus::List
        } else if p.reader.contains(at) {
            Focus::Reader
        } else if p.sources.is_some_and(|r| r.contains(at)) {
            Focus::Sources
        } else if p.entities.is_some_and(|r| r.contains(at)) {
            Focus::Entities
        } else {
            return;
        };
        let focus = std::mem::replace(&mut self.view.focus, pane);
        let delta = if pane == Focus::Reader { 3 } else { 1 };
        self.move_by(if down { delta } else { -delta });
        self.view.focus = focus;
    }
}

/// Scrolls `offset` so that `cursor` lies within `rows` visible rows.
fn keep_visible(offset: &mut usize, cursor: usize, len: usize, rows: usize) {
    let rows = rows.max(1);
    *offset = (*offset).min(len.saturating_sub(rows));
    if cursor < *offset {
        *offset = cursor;
    } else if cursor >= *offset + rows {
        *offset = cursor + 1 - rows;
    }
}

/// Applies `action` to `app`; returns what the runtime should do. No I/O happens here.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let before = app.view.clone();
    let mut effects = Vec::new();
    match action {
        Action::Key(key) => {
            app.view.notice = None;
            app.key(key, &mut effects);
        }
        Action::Command(c) => app.run(c, &mut effects),
        Action::Paste(text) => {
            if app.view.mode == Mode::Filter {
                // One line only: a pasted newline would otherwise end up in the query.
                let line = text.lines().next().unwrap_or_default();
                let before = app.view.query.text().len();
                let cut = app.view.query.insert_str(line);
                if app.view.query.text().len() != before {
                    app.refilter(true);
                }
                if cut {
                    app.view.notice = Some(format!("filter cut to {MAX_LINE_CHARS} characters"));
                }
            }
        }
        Action::Resize(w, h) => app.resize(w, h),
        Action::Click { x, y } => {
            if app.view.mode == Mode::Normal {
                app.click(x, y);
            }
        }
        Action::Wheel { x, y, down } => {
            if app.view.mode != Mode::Help {
                app.wheel(x, y, down);
            }
        }
        Action::Terminate => effects.push(Effect::Quit),
        // Background work changes what is shown (counts, gauge, facets) beyond the view state.
        Action::Load(u) => {
            app.on_load(u);
            effects.push(Effect::Redraw);
        }
        Action::Indexed { articles, facets } => {
            app.on_indexed(articles, facets);
            effects.push(Effect::Redraw);
        }
        Action::Searched { generation, hits } => app.on_searched(generation, &hits),
        Action::MarksSaved(marks) => {
            if marks != app.marks {
                app.set_marks(marks);
            }
        }
        Action::Notice(text) => app.view.notice = Some(text),
        Action::Reloaded { article, result } => {
            if FullText::answer(&mut app.full_text, article, result) {
                app.clamp();
                effects.push(Effect::Redraw);
            }
        }
    }
    app.request_full_text(&mut effects);
    app.drain_requests(&mut effects);
    if app.view != before && !effects.contains(&Effect::Redraw) {
        effects.push(Effect::Redraw);
    }
    effects
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Entity, Published, SourceRef, SourceRole, Span};

    fn article(title: &str, day: Option<u32>, sources: &[&str], entities: &[&str]) -> Article {
        Article {
            id: crate::article::ContentId::of(title),
            path: format!("{title}.txt"),
            title: title.to_string(),
            published: day
                .and_then(|d| chrono::NaiveDate::from_ymd_opt(2025, 7, d).map(Published::Date)),
            sources: sources
                .iter()
                .map(|s| SourceRef {
                    name: s.to_string(),
                    name_bn: String::new(),
                    role: SourceRole::Credit,
                })
                .collect(),
            body: vec!["এক দুই তিন".to_string(); 40],
            entities: entities
                .iter()
                .map(|e| Entity {
                    id: format!("gaz:{e}").into(),
                    kind: EntityKind::Person,
                    name: (*e).into(),
                    name_en: Some(e.to_uppercase().into()),
                    aliases: Vec::new(),
                    mentions: 1,
                    spans: vec![Span {
                        block: crate::article::Block::Title,
                        range: 0..1,
                    }],
                })
                .collect(),
            ..Article::default()
        }
    }

    fn app() -> App {
        let corpus = Corpus {
            articles: vec![
                article("alpha", Some(3), &["BBC"], &["putin"]),
                article("beta", None, &["TASS"], &["putin", "kim"]),
                article("gamma", Some(9), &["BBC", "TASS"], &["kim"]),
                article("delta", Some(1), &[], &[]),
            ],
        };
        let options = Options::embedded(WidthPolicy::Terminal).unwrap();
        App::new(Arc::new(corpus), options, (120, 40))
    }

    fn titles(app: &App) -> Vec<&str> {
        app.rows()
            .iter()
            .map(|r| app.corpus().articles[r.article].title.as_str())
            .collect()
    }

    fn press(app: &mut App, keys: &str) {
        for c in keys.chars() {
            update(app, Action::Key(Key::plain(KeyCode::Char(c))));
        }
    }

    fn code(app: &mut App, code: KeyCode) -> Vec<Effect> {
        update(app, Action::Key(Key::plain(code)))
    }

    #[test]
    fn empty_query_lists_newest_first_and_undated_last() {
        assert_eq!(titles(&app()), ["gamma", "alpha", "delta", "beta"]);
    }

    #[test]
    fn sources_or_together_and_entities_and_with_them() {
        let mut app = app();
        press(&mut app, "s");
        assert_eq!(app.facets().sources[0].name, "BBC");
        assert_eq!(app.facets().sources[0].articles, 2);
        code(&mut app, KeyCode::Enter);
        assert_eq!(titles(&app), ["gamma", "alpha"]);
        press(&mut app, "j ");
        assert_eq!(titles(&app), ["gamma", "alpha", "beta"], "BBC or TASS");
        press(&mut app, "ea");
        let kim = app
            .entity_items()
            .iter()
            .position(|e| e.id == "gaz:kim")
            .unwrap();
        for _ in 0..kim {
            press(&mut app, "j");
        }
        press(&mut app, " ");
        assert_eq!(titles(&app), ["gamma", "beta"], "(BBC or TASS) and kim");
        press(&mut app, "c");
        assert_eq!(titles(&app).len(), 4);
    }

    #[test]
    fn live_filter_refilters_on_every_key_and_esc_clears() {
        let mut app = app();
        press(&mut app, "/gam");
        assert_eq!(app.view.mode, Mode::Filter);
        assert_eq!(titles(&app), ["gamma"]);
        for _ in 0..3 {
            code(&mut app, KeyCode::Backspace);
        }
        assert_eq!(titles(&app).len(), 4);
        code(&mut app, KeyCode::Esc);
        assert_eq!(app.view.mode, Mode::Normal);
        assert_eq!(app.view.query.text(), "");
        press(&mut app, "/delta");
        code(&mut app, KeyCode::Enter);
        assert_eq!(app.view.mode, Mode::Normal);
        assert_eq!(titles(&app), ["delta"]);
    }

    #[test]
    fn selection_survives_resize_and_facets_but_typing_selects_the_best() {
        let mut app = app();
        press(&mut app, "jjj");
        assert_eq!(app.selected_article().unwrap().title, "beta");
        update(&mut app, Action::Resize(60, 12));
        update(&mut app, Action::Resize(1, 1));
        update(&mut app, Action::Resize(120, 40));
        assert_eq!(app.selected_article().unwrap().title, "beta");
        // TASS is the second source (BBC and TASS both count 2; by name).
        press(&mut app, "sj ");
        assert_eq!(titles(&app), ["gamma", "beta"]);
        assert_eq!(app.selected_article().unwrap().title, "beta");
        press(&mut app, "/a");
        assert_eq!(app.view.selected, 0);
    }

    #[test]
    fn reader_scroll_is_clamped_and_redraw_only_on_change() {
        let mut app = app();
        code(&mut app, KeyCode::Enter);
        assert_eq!(app.view.focus, Focus::Reader);
        code(&mut app, KeyCode::End);
        let bottom = app.view.reader_scroll;
        assert!(bottom > 0);
        assert!(
            code(&mut app, KeyCode::Down).is_empty(),
            "no change, no redraw"
        );
        assert_eq!(app.view.reader_scroll, bottom);
        assert_eq!(code(&mut app, KeyCode::Up), [Effect::Redraw]);
    }

    #[test]
    fn quit_from_keys_and_signals_and_help_toggles() {
        let mut app = app();
        press(&mut app, "?");
        assert_eq!(app.view.mode, Mode::Help);
        assert!(!code(&mut app, KeyCode::Char('q')).contains(&Effect::Quit));
        assert_eq!(app.view.mode, Mode::Normal);
        assert!(code(&mut app, KeyCode::Char('q')).contains(&Effect::Quit));
        assert!(update(&mut app, Action::Key(Key::ctrl('c'))).contains(&Effect::Quit));
        assert!(update(&mut app, Action::Terminate).contains(&Effect::Quit));
    }

    #[test]
    fn a_huge_paste_is_cut_with_a_notice() {
        let mut app = app();
        press(&mut app, "/");
        update(&mut app, Action::Paste("লাভরভ ".repeat(60_000)));
        assert_eq!(app.view.query.text().chars().count(), MAX_LINE_CHARS);
        assert!(
            app.view
                .notice
                .as_deref()
                .is_some_and(|n| n.contains("1000"))
        );
    }

    #[test]
    fn paste_goes_into_the_query_only_while_filtering() {
        let mut app = app();
        update(&mut app, Action::Paste("gamma".to_string()));
        assert_eq!(app.view.query.text(), "");
        press(&mut app, "/");
        update(&mut app, Action::Paste("gam\nmore".to_string()));
        assert_eq!(app.view.query.text(), "gam");
        assert_eq!(titles(&app), ["gamma"]);
    }

    fn is_read(app: &App, title: &str) -> bool {
        let a = app.corpus().articles.iter().find(|a| a.title == title);
        a.is_some_and(|a| app.marks().is_read(a.id))
    }

    #[test]
    fn marks_toggle_ask_for_a_save_and_opening_marks_read() {
        let mut app = app();
        assert_eq!(app.unread_shown(), 4);
        let effects = update(&mut app, Action::Key(Key::plain(KeyCode::Char('m'))));
        assert!(effects.contains(&Effect::SaveMarks) && effects.contains(&Effect::Redraw));
        assert!(is_read(&app, "gamma"));
        assert_eq!(app.unread_shown(), 3);
        press(&mut app, "m");
        assert!(!is_read(&app, "gamma"), "m toggles");
        press(&mut app, "j*");
        let alpha = app.selected_article().unwrap().id;
        assert!(app.marks().is_starred(alpha));
        assert!(code(&mut app, KeyCode::Enter).contains(&Effect::SaveMarks));
        assert!(is_read(&app, "alpha"), "opening marks read");
        assert!(
            !code(&mut app, KeyCode::Esc).contains(&Effect::SaveMarks),
            "no change, no save"
        );
        assert!(!code(&mut app, KeyCode::Enter).contains(&Effect::SaveMarks));
    }

    #[test]
    fn unread_and_starred_filters_from_keys_and_query() {
        let mut app = app();
        press(&mut app, "m*j*");
        // gamma: read and starred; alpha: starred.
        press(&mut app, "u");
        assert_eq!(titles(&app), ["alpha", "delta", "beta"]);
        press(&mut app, "b");
        assert_eq!(titles(&app), ["alpha"], "unread AND starred");
        press(&mut app, "c");
        assert_eq!(titles(&app).len(), 4, "c clears the mark filters too");
        press(&mut app, "/is:starred");
        assert_eq!(titles(&app), ["gamma", "alpha"]);
        code(&mut app, KeyCode::Esc);
        press(&mut app, "/!is:read al");
        assert_eq!(titles(&app), ["alpha"]);
    }

    #[test]
    fn a_read_article_stays_listed_until_the_filter_changes() {
        let mut app = app();
        press(&mut app, "u");
        assert_eq!(titles(&app).len(), 4);
        code(&mut app, KeyCode::Enter);
        assert_eq!(titles(&app).len(), 4, "the open article does not vanish");
        assert_eq!(app.selected_article().unwrap().title, "gamma");
        assert_eq!(app.unread_shown(), 3);
        press(&mut app, "uu");
        assert_eq!(titles(&app), ["alpha", "delta", "beta"]);
    }

    #[test]
    fn mark_all_read_marks_only_the_listed_articles() {
        let mut app = app();
        press(&mut app, "/al");
        code(&mut app, KeyCode::Enter);
        assert!(
            update(&mut app, Action::Key(Key::plain(KeyCode::Char('M'))))
                .contains(&Effect::SaveMarks)
        );
        assert!(is_read(&app, "alpha"));
        assert!(!is_read(&app, "beta"));
    }

    #[test]
    fn an_unknown_field_is_named_in_the_status_bar() {
        let mut app = app();
        press(&mut app, "/sorce:x");
        let notice = app.view.notice.clone().unwrap_or_default();
        assert!(notice.contains("sorce"), "{notice:?}");
        press(&mut app, " ");
        code(&mut app, KeyCode::Backspace);
        code(&mut app, KeyCode::Backspace);
        assert!(app.view.notice.is_some());
    }

    #[test]
    fn saved_marks_are_adopted_and_notices_last_until_a_key() {
        let mut app = app();
        let beta = app.corpus().articles[1].id;
        let mut disk = ReadingState::default();
        disk.set_starred(beta, "beta.txt", true);
        assert_eq!(update(&mut app, Action::MarksSaved(disk)), [Effect::Redraw]);
        assert!(app.marks().is_starred(beta));
        update(
            &mut app,
            Action::Notice("state file moved aside".to_string()),
        );
        assert!(app.view.notice.is_some());
        press(&mut app, "j");
        assert!(app.view.notice.is_none());
    }

    #[test]
    fn click_selects_a_row_and_wheel_scrolls() {
        let mut app = app();
        // At 120 columns list items are 3-row cards; the first starts at y = 1 inside the border.
        update(&mut app, Action::Click { x: 5, y: 8 });
        assert_eq!(app.view.selected, 2);
        update(
            &mut app,
            Action::Wheel {
                x: 5,
                y: 3,
                down: false,
            },
        );
        assert_eq!(app.view.selected, 1);
        assert_eq!(app.view.focus, Focus::List);
    }
}
