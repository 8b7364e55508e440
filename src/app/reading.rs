//! Reading day to day: moving between articles from the reader (newsboat's `J`/`K`/`n`), the
//! list order, and keeping panels sensible across resizes.

use super::{App, Effect, Focus};
use crate::sort::SortMode;
use crate::view::layout::Screen;

impl App {
    /// The order applied now: relevance only means something while a query is active.
    pub fn sort_mode(&self) -> SortMode {
        self.view.sort.effective(self.has_search_text())
    }

    /// Puts `hits` (newest first without a query, the engine's ranking with one) into the list
    /// order, by the ranks the index worker computed (`Action::Indexed`); articles added since
    /// sort after the ranked ones until the next index brings theirs.
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
            let s = self.options.language.strings();
            let key = if unread {
                "status.no_unread_below"
            } else {
                "status.no_further"
            };
            self.view.notice = Some(s.get(key).to_string());
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
    use crate::app::{Action, App, Effect, Facets, Key, Options, update};
    use crate::article::{Article, ContentId, Published};
    use crate::corpus::Corpus;
    use crate::keymap::KeyCode;
    use crate::load::LoadEvent;
    use crate::sort::{SortKeys, SortMode};
    use crate::text::width::WidthPolicy;

    fn dated(title: &str, id: u128, day: u32) -> Article {
        Article {
            path: format!("n/{id}.txt"),
            id: ContentId(id),
            title: title.into(),
            published: chrono::NaiveDate::from_ymd_opt(2025, 7, day).map(Published::Date),
            ..Article::default()
        }
    }

    fn titles(app: &App) -> Vec<&str> {
        app.rows()
            .iter()
            .map(|r| app.corpus().articles[r.article].title.as_str())
            .collect()
    }

    /// What the index worker answers for `corpus` (facets and ranks; `work::index`).
    fn answer(corpus: &Corpus, articles: usize) -> Action {
        Action::Indexed {
            articles,
            facets: Facets::new(corpus),
            sort_keys: SortKeys::new(&corpus.articles),
        }
    }

    /// The worker's answer to an index asked for in `effects`.
    fn indexed(effects: &[Effect]) -> Option<Action> {
        effects.iter().find_map(|e| match e {
            Effect::Index(snapshot) => Some(answer(&snapshot.0, snapshot.0.articles.len())),
            _ => None,
        })
    }

    #[test]
    fn a_new_order_is_ranked_by_the_worker_never_on_the_ui_thread() {
        let options = Options::embedded(WidthPolicy::Terminal).expect("embedded options");
        let mut app = App::streaming(options, (120, 40));
        let articles = vec![dated("new", 1, 9), dated("old", 2, 1), dated("mid", 3, 5)];
        update(
            &mut app,
            Action::Load(LoadEvent::Articles(articles.clone())),
        );
        update(&mut app, Action::Load(LoadEvent::Finished));
        // An index whose ranks cover only the first article (as when articles arrived since).
        let partial = Corpus {
            articles: articles[..1].to_vec(),
        };
        update(&mut app, answer(&partial, 3));
        assert_eq!(titles(&app), ["new", "mid", "old"]);
        let effects = update(&mut app, Action::Key(Key::plain(KeyCode::Char('O'))));
        assert_eq!(app.sort_mode(), SortMode::Oldest);
        // The key asked the worker for the ranks and sorted nothing itself.
        assert_eq!(app.sort_keys.len(), 1);
        let answer = indexed(&effects).expect("O asks for an index with the ranks");
        update(&mut app, answer);
        assert_eq!(titles(&app), ["old", "mid", "new"]);
        // Ranks that cover the corpus: the next order needs no worker.
        let effects = update(&mut app, Action::Key(Key::plain(KeyCode::Char('O'))));
        assert!(indexed(&effects).is_none(), "{effects:?}");
    }
}
