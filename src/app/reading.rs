//! Reading day to day: moving between articles from the reader (newsboat's `J`/`K`/`n`), the
//! list order, saved searches, and keeping panels sensible across resizes.

use super::{App, Effect, Focus, Mode};
use crate::sort::{SortKeys, SortMode};
use crate::text::line_edit::Edit;
use crate::view::layout::Screen;

impl App {
    /// The order applied now: relevance only means something while a query is active.
    pub fn sort_mode(&self) -> SortMode {
        self.view.sort.effective(self.has_search_text())
    }

    /// Puts `hits` (newest first without a query, the engine's ranking with one) into the list
    /// order. The ranks are computed when an order first needs them for this many articles.
    pub(super) fn sort_hits(&mut self, hits: &mut [usize]) {
        let mode = self.sort_mode();
        let already = match mode {
            SortMode::Relevance => true,
            SortMode::Newest => !self.has_search_text(),
            _ => false,
        };
        if already {
            return;
        }
        if self.sort_keys.len() != self.corpus.articles.len() {
            self.sort_keys = SortKeys::new(&self.corpus.articles);
        }
        self.sort_keys.sort(hits, mode);
    }

    /// While the archive is still arriving and the reader has not moved, the cursor stays on the
    /// first row: newer articles in later batches land above it, and the list should open on
    /// the newest article, not on whichever came first off the disk.
    pub(super) fn pinned_to_top(&self) -> bool {
        self.loading().is_some() && self.view.list.cursor == 0
    }

    /// `J`/`K` (`delta` ±1) and `n` (`unread`): selects the next article in list order (the next
    /// unread one below the selection), opens it in the reader and marks it read.
    pub(super) fn step_article(&mut self, delta: isize, unread: bool, effects: &mut Vec<Effect>) {
        let from = self.view.list.cursor;
        let target = if unread {
            let articles = &self.corpus.articles;
            self.rows
                .iter()
                .enumerate()
                .skip(from + 1)
                .find(|(_, r)| {
                    articles
                        .get(r.article)
                        .is_some_and(|a| !self.marks.is_read(a.id))
                })
                .map(|(i, _)| i)
        } else {
            from.checked_add_signed(delta)
                .filter(|&i| i < self.rows.len())
        };
        let Some(target) = target else {
            self.view.notice = Some(if unread {
                "no unread article below".to_string()
            } else {
                "no further article".to_string()
            });
            effects.push(Effect::Redraw);
            return;
        };
        let v = &mut self.view;
        v.list.cursor = target;
        v.reader_scroll = 0;
        v.entities.cursor = 0;
        v.focus = Focus::Reader;
        self.mark_selected(|m, a| m.set_read(a.id, &a.path, true), effects);
        self.clamp();
    }

    /// `Space` in the reader: a page down, or at the end of the article the next unread one.
    pub(super) fn page_or_next_unread(&mut self, page: isize, effects: &mut Vec<Effect>) {
        let before = self.view.reader_scroll;
        self.move_by(page);
        if self.view.reader_scroll == before {
            self.step_article(1, true, effects);
        }
    }

    /// Puts the next saved search in the filter (after the last one, the filter is cleared).
    pub(super) fn next_saved_search(&mut self) {
        let searches = &self.options.saved_searches;
        if searches.is_empty() {
            self.view.notice = Some("no saved searches: add [searches] to config.toml".into());
            return;
        }
        let next = self.view.saved_search.map_or(0, |i| i + 1);
        self.view.query.apply(Edit::Clear);
        match searches.get(next) {
            Some(s) => {
                self.view.query.insert_str(&s.query);
                self.view.notice = Some(format!("saved search: {}", s.name));
                self.view.saved_search = Some(next);
            }
            None => self.view.saved_search = None,
        }
        self.view.mode = Mode::Normal;
        self.view.focus = Focus::List;
        self.refilter(true);
    }

    /// A new terminal size. A panel's scroll is pulled back as far as its cursor allows, so
    /// entries hidden by a smaller size come back when the terminal grows again (the selected
    /// source no longer stays the first line after 120×40 → 80×24 → 120×40).
    pub(super) fn resize(&mut self, width: u16, height: u16) {
        self.view.size = (width, height);
        if let Screen::Panes(p) = self.screen() {
            let v = &mut self.view;
            let pull = |l: &mut super::ScrollList, rows: usize| {
                l.offset = l.offset.min(l.cursor.saturating_sub(rows.max(1) - 1));
            };
            pull(&mut v.list, p.list_rows());
            pull(&mut v.sources, p.sources_rows());
            pull(&mut v.entities, p.entities_rows());
        }
        self.clamp();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::super::{Action, Key, LoadUpdate, Options, update};
    use super::*;
    use crate::article::{Article, Published};
    use crate::corpus::Corpus;
    use crate::keymap::KeyCode;
    use crate::saved_search::SavedSearch;
    use crate::text::width::WidthPolicy;

    fn article(title: &str, day: Option<u32>, publisher: &str, source: &str) -> Article {
        Article {
            id: crate::article::ContentId::of(title),
            path: format!("{title}.txt"),
            title: title.to_string(),
            published: day
                .and_then(|d| chrono::NaiveDate::from_ymd_opt(2025, 7, d).map(Published::Date)),
            publisher: Some(publisher.to_string()),
            sources: vec![crate::article::SourceRef {
                name: source.to_string(),
                name_bn: String::new(),
                role: crate::article::SourceRole::Credit,
            }],
            body: vec!["এক দুই তিন".to_string(); 3],
            ..Article::default()
        }
    }

    fn corpus() -> Vec<Article> {
        vec![
            article("alpha", Some(3), "Samakal", "BBC"),
            article("beta", None, "Ittefaq", "TASS"),
            article("gamma", Some(9), "Prothom Alo", "AFP"),
            article("delta", Some(1), "Ajker Patrika", "Reuters"),
        ]
    }

    fn app_with(articles: Vec<Article>, size: (u16, u16)) -> App {
        let options = Options::embedded(WidthPolicy::Terminal).expect("shipped options");
        App::new(Arc::new(Corpus { articles }), options, size)
    }

    fn titles(app: &App) -> Vec<&str> {
        app.rows()
            .iter()
            .map(|r| app.corpus().articles[r.article].title.as_str())
            .collect()
    }

    fn key(app: &mut App, code: KeyCode, ctrl: bool, alt: bool) -> Vec<Effect> {
        update(app, Action::Key(Key { code, ctrl, alt }))
    }

    fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            key(app, KeyCode::Char(c), false, false);
        }
    }

    fn selected_title(app: &App) -> &str {
        app.selected_article().map_or("", |a| a.title.as_str())
    }

    #[test]
    fn alt_and_ctrl_chords_edit_by_words_and_never_type_letters() {
        let mut app = app_with(corpus(), (120, 40));
        typed(&mut app, "/পুতিন কিম");
        key(&mut app, KeyCode::Char('b'), false, true);
        key(&mut app, KeyCode::Char('d'), false, true);
        assert_eq!(app.view.query.text(), "পুতিন ");
        typed(&mut app, "জং উন");
        key(&mut app, KeyCode::Char('w'), true, false);
        assert_eq!(app.view.query.text(), "পুতিন জং ");
        key(&mut app, KeyCode::Backspace, false, true);
        assert_eq!(app.view.query.text(), "পুতিন ");
        key(&mut app, KeyCode::Char('a'), true, false);
        key(&mut app, KeyCode::Char('k'), true, false);
        assert_eq!(app.view.query.text(), "");
        key(&mut app, KeyCode::Char('z'), false, true);
        key(&mut app, KeyCode::Char('x'), true, false);
        assert_eq!(app.view.query.text(), "", "unbound chords type nothing");
        typed(&mut app, "ab");
        key(&mut app, KeyCode::Char('h'), true, false);
        assert_eq!(app.view.query.text(), "a", "Ctrl-h is Backspace");
    }

    #[test]
    fn a_streamed_archive_opens_on_the_newest_article_at_the_top() {
        let options = Options::embedded(WidthPolicy::Terminal).expect("shipped options");
        let mut app = App::streaming(options, (120, 40));
        let mut batches = corpus();
        let newer = batches.split_off(2);
        update(&mut app, Action::Load(LoadUpdate::Articles(batches)));
        assert_eq!(selected_title(&app), "alpha");
        update(&mut app, Action::Load(LoadUpdate::Articles(newer)));
        assert_eq!(titles(&app), ["gamma", "alpha", "delta", "beta"]);
        assert_eq!((app.view.list.cursor, selected_title(&app)), (0, "gamma"));
        // Once the reader moves, later batches keep the article under the cursor.
        update(&mut app, Action::Command(super::super::Command::Down));
        let late = vec![article("omega", Some(20), "Samakal", "BBC")];
        update(&mut app, Action::Load(LoadUpdate::Articles(late)));
        assert_eq!(selected_title(&app), "alpha");
    }

    #[test]
    fn next_previous_and_next_unread_from_the_reader() {
        let mut app = app_with(corpus(), (120, 40));
        key(&mut app, KeyCode::Enter, false, false);
        assert_eq!(app.view.focus, Focus::Reader);
        key(&mut app, KeyCode::Char('J'), false, false);
        assert_eq!(
            (selected_title(&app), app.view.focus),
            ("alpha", Focus::Reader)
        );
        let read = |app: &App, t: &str| {
            let a = app
                .corpus()
                .articles
                .iter()
                .find(|a| a.title == t)
                .expect("article");
            app.marks().is_read(a.id)
        };
        assert!(read(&app, "alpha"), "J marks the article it opens read");
        key(&mut app, KeyCode::Char('K'), false, false);
        assert_eq!(selected_title(&app), "gamma");
        // gamma and alpha are read: n skips alpha and lands on delta.
        key(&mut app, KeyCode::Char('n'), false, false);
        assert_eq!(selected_title(&app), "delta");
        // Space at the end of a short article goes on to the next unread one.
        key(&mut app, KeyCode::Char(' '), false, false);
        assert_eq!(selected_title(&app), "beta");
        key(&mut app, KeyCode::Char('n'), false, false);
        assert_eq!(selected_title(&app), "beta");
        assert!(
            app.view
                .notice
                .as_deref()
                .is_some_and(|n| n.contains("no unread"))
        );
    }

    #[test]
    fn the_sort_key_cycles_orders_and_relevance_only_with_a_query() {
        let mut app = app_with(corpus(), (120, 40));
        assert_eq!(app.sort_mode(), SortMode::Newest);
        assert_eq!(titles(&app), ["gamma", "alpha", "delta", "beta"]);
        key(&mut app, KeyCode::Char('O'), false, false);
        assert_eq!(app.sort_mode(), SortMode::Oldest);
        assert_eq!(titles(&app), ["delta", "alpha", "gamma", "beta"]);
        key(&mut app, KeyCode::Char('O'), false, false);
        assert_eq!(app.sort_mode(), SortMode::Outlet);
        assert_eq!(titles(&app), ["delta", "beta", "gamma", "alpha"]);
        key(&mut app, KeyCode::Char('O'), false, false);
        assert_eq!(titles(&app), ["alpha", "beta", "delta", "gamma"]);
        key(&mut app, KeyCode::Char('O'), false, false);
        assert_eq!(app.sort_mode(), SortMode::Newest);
        typed(&mut app, "/a");
        key(&mut app, KeyCode::Enter, false, false);
        for _ in 0..4 {
            key(&mut app, KeyCode::Char('O'), false, false);
        }
        assert_eq!(app.sort_mode(), SortMode::Relevance);
    }

    #[test]
    fn growing_the_terminal_again_shows_the_panel_entries_above_the_cursor() {
        let articles: Vec<Article> = (0..30)
            .map(|i| {
                article(
                    &format!("t{i}"),
                    Some(1 + i % 28),
                    "Samakal",
                    &format!("S{i:02}"),
                )
            })
            .collect();
        let mut app = app_with(articles, (120, 40));
        update(
            &mut app,
            Action::Command(super::super::Command::FocusSources),
        );
        for _ in 0..6 {
            update(&mut app, Action::Command(super::super::Command::Down));
        }
        let cursor = app.view.sources.cursor;
        assert_eq!(app.view.sources.offset, 0);
        update(&mut app, Action::Resize(80, 24));
        update(&mut app, Action::Resize(120, 40));
        assert_eq!(app.view.sources.cursor, cursor);
        assert_eq!(
            app.view.sources.offset, 0,
            "the top entries are visible again"
        );
    }

    #[test]
    fn saved_searches_take_turns_in_the_filter_then_clear_it() {
        let mut app = app_with(corpus(), (120, 40));
        app.options.saved_searches = vec![
            SavedSearch {
                name: "G".into(),
                query: "gamma".into(),
            },
            SavedSearch {
                name: "D".into(),
                query: "delta".into(),
            },
        ];
        key(&mut app, KeyCode::Char('F'), false, false);
        assert_eq!(app.view.query.text(), "gamma");
        assert_eq!(titles(&app), ["gamma"]);
        key(&mut app, KeyCode::Char('F'), false, false);
        assert_eq!(titles(&app), ["delta"]);
        key(&mut app, KeyCode::Char('F'), false, false);
        assert_eq!(app.view.query.text(), "");
        assert_eq!(titles(&app).len(), 4);
    }
}
