//! What changes while the reader runs (files added, edited or removed in the watched folders,
//! articles a background fetch writes) and taking the open article out (save, pipe).
//!
//! Article indexes are final (the search index, facets, marks and the selection refer to them),
//! so an article read again takes the index of the one with its path, a new one is appended, and
//! one whose file is gone stays in the corpus, unlisted.

use std::path::{Path, PathBuf};

use rustc_hash::{FxHashMap, FxHashSet};

use super::{App, Effect, Mode, QueryInput};
use crate::corpus::Corpus;
use crate::load::Refresh;
use crate::watch::file_of;

/// What a refresh did.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Applied {
    pub(crate) added: usize,
    /// Indexes whose text changed.
    pub(crate) changed: Vec<usize>,
    pub(crate) removed: usize,
}

/// A line being typed for a command that needs one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PromptKind {
    /// The folder `s` saves the open article into.
    SaveTo,
    /// The command `|` pipes the open article to.
    PipeTo,
    /// The words `/` finds in the open article.
    Find,
}

impl PromptKind {
    /// The key of the prompt's label in the interface strings (`assets/ui/`).
    pub(crate) fn label_key(self) -> &'static str {
        match self {
            PromptKind::SaveTo => "prompt.save_to",
            PromptKind::PipeTo => "prompt.pipe_to",
            PromptKind::Find => "prompt.find",
        }
    }
}

/// The prompt on screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub(crate) kind: PromptKind,
    pub input: QueryInput,
    /// The article it is for, by index.
    article: usize,
}

/// Bookkeeping of the live sources.
#[derive(Debug, Default)]
pub(super) struct Live {
    /// Articles whose file is gone: never listed.
    pub(crate) gone: FxHashSet<usize>,
    /// What the save prompt offers: the folder saved into last, else the default.
    save_dir: String,
    /// The command piped to last.
    command: String,
}

/// Applies `refresh` to `corpus`.
pub(super) fn apply(corpus: &mut Corpus, gone: &mut FxHashSet<usize>, refresh: Refresh) -> Applied {
    let looked_at: FxHashSet<&Path> = refresh.paths.iter().map(PathBuf::as_path).collect();
    // An article is covered when its file, or a folder above it, was looked at: a handful of
    // hash lookups per article, however many paths the batch has.
    let covered = |path: &str| file_of(path).ancestors().any(|a| looked_at.contains(a));
    let mut old: FxHashMap<String, usize> = corpus
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| covered(&a.path))
        .map(|(i, a)| (a.path.clone(), i))
        .collect();
    let mut applied = Applied::default();
    for article in refresh.articles {
        match old.remove(&article.path) {
            Some(i) => {
                let revived = gone.remove(&i);
                if revived || corpus.articles[i].id != article.id {
                    applied.changed.push(i);
                }
                corpus.articles[i] = article;
            }
            None => {
                corpus.articles.push(article);
                applied.added += 1;
            }
        }
    }
    applied.removed = old.into_values().filter(|i| gone.insert(*i)).count();
    applied
}

impl App {
    /// Articles that can be listed: all loaded but those whose file is gone.
    pub(crate) fn listable(&self) -> usize {
        self.corpus.articles.len() - self.live.gone.len()
    }

    /// The folder the save prompt offers first (the runtime knows the user's download folder).
    pub(crate) fn set_save_dir(&mut self, dir: &Path) {
        self.live.save_dir = dir.display().to_string();
    }

    /// Tells what a refresh did, once it is in the corpus; the article on screen is read again.
    pub(super) fn refreshed(&mut self, applied: &Applied) {
        if applied.removed > 0 {
            let gone = &self.live.gone;
            self.rows.retain(|r| !gone.contains(&r.article));
            self.view.rows_generation += 1;
            self.marks_changed();
            self.clamp();
        }
        let selected = self.rows.get(self.view.list.cursor).map(|r| r.article);
        let on_screen = selected.is_some_and(|s| applied.changed.contains(&s));
        if on_screen {
            self.full_text = None;
        }
        let changed = applied.changed.len();
        if applied.added + changed + applied.removed == 0 {
            return;
        }
        let s = self.options.language.strings();
        let parts: Vec<String> = [
            ("status.on_disk_new", applied.added),
            ("status.on_disk_changed", changed),
            ("status.on_disk_removed", applied.removed),
        ]
        .into_iter()
        .filter(|&(_, n)| n > 0)
        .map(|(key, n)| s.fill(key, &[("count", &s.number(n))]))
        .collect();
        let mut notice = s.fill("status.on_disk", &[("parts", &parts.join(", "))]);
        if on_screen {
            notice.push_str(s.get("status.open_changed"));
        }
        self.view.notice = Some(notice);
    }

    /// Opens a prompt for the open article (`s`, `|`); without one, says so.
    pub(super) fn open_prompt(&mut self, kind: PromptKind) {
        let Some(article) = self.rows.get(self.view.list.cursor).map(|r| r.article) else {
            let s = self.options.language.strings();
            self.view.notice = Some(s.get("status.no_article").to_string());
            return;
        };
        let mut input = QueryInput::default();
        input.insert_str(match kind {
            PromptKind::SaveTo => &self.live.save_dir,
            PromptKind::PipeTo => &self.live.command,
            PromptKind::Find => self.view.find.as_deref().unwrap_or_default(),
        });
        self.view.prompt = Some(Prompt {
            kind,
            input,
            article,
        });
        self.view.mode = Mode::Prompt;
    }

    /// Enter at the prompt: the effect that does the work.
    pub(super) fn submit_prompt(&mut self, effects: &mut Vec<Effect>) {
        self.view.mode = Mode::Normal;
        let Some(prompt) = self.view.prompt.take() else {
            return;
        };
        let text = prompt.input.text().trim().to_string();
        if prompt.kind == PromptKind::Find {
            return self.start_find(prompt.article, &text);
        }
        let Some(article) = self.corpus.articles.get(prompt.article) else {
            return;
        };
        let (path, id) = (article.path.clone(), article.id);
        match prompt.kind {
            PromptKind::SaveTo if !text.is_empty() => {
                self.live.save_dir.clone_from(&text);
                effects.push(Effect::Save {
                    path,
                    id,
                    dir: crate::export::markdown::expand_home(&text),
                });
            }
            PromptKind::PipeTo if !text.is_empty() => {
                self.live.command.clone_from(&text);
                effects.push(Effect::Pipe {
                    path,
                    id,
                    command: text,
                });
            }
            _ => {
                let s = self.options.language.strings();
                self.view.notice = Some(s.get("status.cancelled").to_string());
            }
        }
    }

    pub(super) fn cancel_prompt(&mut self) {
        self.view.mode = Mode::Normal;
        self.view.prompt = None;
    }

    /// The prompt's line, for editing commands while it is open.
    pub(super) fn prompt_input(&mut self) -> Option<&mut QueryInput> {
        self.view.prompt.as_mut().map(|p| &mut p.input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, ContentId};

    fn article(path: &str, id: u128) -> Article {
        Article {
            path: path.into(),
            id: ContentId(id),
            title: format!("শিরোনাম {id}"),
            ..Article::default()
        }
    }

    fn corpus(paths: &[(&str, u128)]) -> Corpus {
        Corpus {
            articles: paths.iter().map(|(p, id)| article(p, *id)).collect(),
        }
    }

    use crate::app::{Action, Focus, Key, Options, update};
    use crate::keymap::KeyCode;
    use crate::load::LoadEvent;
    use crate::text::width::WidthPolicy;

    /// A streaming app that got `articles` from the loader, dated so that the first is newest.
    fn streaming(articles: Vec<Article>) -> App {
        let options = Options::embedded(WidthPolicy::Terminal).expect("embedded options");
        let mut app = App::streaming(options, (120, 40));
        update(&mut app, Action::Load(LoadEvent::Articles(articles)));
        update(&mut app, Action::Load(LoadEvent::Finished));
        app
    }

    fn dated(path: &str, id: u128, day: u32) -> Article {
        Article {
            published: chrono::NaiveDate::from_ymd_opt(2025, 7, day)
                .map(crate::article::Published::Date),
            ..article(path, id)
        }
    }

    fn keys(app: &mut App, keys: &str) -> Vec<Effect> {
        keys.chars()
            .flat_map(|c| {
                let code = if c == '\n' {
                    KeyCode::Enter
                } else {
                    KeyCode::Char(c)
                };
                update(app, Action::Key(Key::plain(code)))
            })
            .collect()
    }

    fn listed(app: &App) -> Vec<String> {
        app.rows()
            .iter()
            .map(|r| app.corpus().articles[r.article].path.clone())
            .collect()
    }

    #[test]
    fn a_refresh_lists_new_articles_and_drops_removed_ones_with_a_notice() {
        let mut app = streaming(vec![dated("n/a.txt", 1, 2), dated("n/b.txt", 2, 1)]);
        assert_eq!(listed(&app), ["n/a.txt", "n/b.txt"]);
        let refresh = Refresh {
            paths: vec!["n/b.txt".into(), "n/c.txt".into()],
            articles: vec![dated("n/c.txt", 3, 9)],
        };
        update(&mut app, Action::Load(LoadEvent::Refresh(refresh)));
        assert_eq!(listed(&app), ["n/c.txt", "n/a.txt"]);
        assert_eq!(
            app.view.notice.as_deref(),
            Some("1 new, 1 removed article(s) on disk")
        );
    }

    #[test]
    fn a_refresh_during_the_load_waits_for_its_end() {
        let options = Options::embedded(WidthPolicy::Terminal).expect("embedded options");
        let mut app = App::streaming(options, (120, 40));
        update(
            &mut app,
            Action::Load(LoadEvent::Articles(vec![dated("n/a.txt", 1, 2)])),
        );
        let refresh = Refresh {
            paths: vec!["n/c.txt".into()],
            articles: vec![dated("n/c.txt", 3, 9)],
        };
        update(&mut app, Action::Load(LoadEvent::Refresh(refresh)));
        assert_eq!(app.corpus().articles.len(), 1);
        update(&mut app, Action::Load(LoadEvent::Finished));
        assert_eq!(listed(&app), ["n/c.txt", "n/a.txt"]);
    }

    #[test]
    fn the_open_article_changing_on_disk_is_read_again_with_a_note() {
        let mut app = streaming(vec![dated("n/a.txt", 1, 2)]);
        keys(&mut app, "\n");
        let light = Article {
            text_omitted: true,
            ..dated("n/a.txt", 11, 2)
        };
        let effects = update(
            &mut app,
            Action::Load(LoadEvent::Refresh(Refresh {
                paths: vec!["n/a.txt".into()],
                articles: vec![light],
            })),
        );
        assert!(
            effects
                .iter()
                .any(|e| matches!(e, Effect::Reload { article: 0, .. })),
            "{effects:?}"
        );
        assert!(
            app.view
                .notice
                .as_deref()
                .is_some_and(|n| n.contains("open article changed")),
            "{:?}",
            app.view.notice
        );
    }

    #[test]
    fn s_in_the_reader_asks_where_to_save_with_the_default_filled_in() {
        let mut app = streaming(vec![dated("n/a.txt", 1, 2)]);
        app.set_save_dir(Path::new("/home/u/Downloads"));
        // In the list, `s` still focuses the Sources panel.
        keys(&mut app, "s");
        assert_eq!(app.view.focus, Focus::Sources);
        app.view.focus = Focus::List;
        keys(&mut app, "\n");
        assert_eq!(app.view.focus, Focus::Reader);
        keys(&mut app, "s");
        assert_eq!(app.view.mode, Mode::Prompt);
        let prompt = app.view.prompt.as_ref().expect("a prompt");
        assert_eq!(prompt.input.text(), "/home/u/Downloads");
        // Typed keys edit the prompt, not the filter; Enter saves there.
        keys(&mut app, "/x");
        assert!(app.view.query.text().is_empty());
        let effects = keys(&mut app, "\n");
        assert!(
            effects.contains(&Effect::Save {
                path: "n/a.txt".into(),
                id: ContentId(1),
                dir: PathBuf::from("/home/u/Downloads/x"),
            }),
            "{effects:?}"
        );
        assert_eq!(app.view.mode, Mode::Normal);
    }

    #[test]
    fn shift_s_saves_the_selected_article_from_the_list() {
        let mut app = streaming(vec![dated("n/a.txt", 1, 2), dated("n/b.txt", 2, 1)]);
        app.set_save_dir(Path::new("/home/u/Downloads"));
        keys(&mut app, "j");
        assert_eq!(app.view.focus, Focus::List);
        keys(&mut app, "S");
        assert_eq!(app.view.mode, Mode::Prompt);
        assert_eq!(app.view.focus, Focus::List);
        let effects = keys(&mut app, "\n");
        assert!(
            effects.contains(&Effect::Save {
                path: "n/b.txt".into(),
                id: ContentId(2),
                dir: PathBuf::from("/home/u/Downloads"),
            }),
            "{effects:?}"
        );
        // From a panel too: it saves the article selected in the list.
        keys(&mut app, "s");
        assert_eq!(app.view.focus, Focus::Sources);
        keys(&mut app, "S");
        assert_eq!(app.view.mode, Mode::Prompt);
    }

    #[test]
    fn pipe_asks_for_a_command_and_esc_cancels() {
        let mut app = streaming(vec![dated("n/a.txt", 1, 2)]);
        keys(&mut app, "|wc -l");
        let effects = keys(&mut app, "\n");
        assert!(
            effects.contains(&Effect::Pipe {
                path: "n/a.txt".into(),
                id: ContentId(1),
                command: "wc -l".into(),
            }),
            "{effects:?}"
        );
        // The command is offered again; Esc leaves without piping.
        keys(&mut app, "|");
        assert_eq!(
            app.view.prompt.as_ref().map(|p| p.input.text()),
            Some("wc -l")
        );
        let effects = update(&mut app, Action::Key(Key::parse("Esc").expect("Esc")));
        assert!(!effects.iter().any(|e| matches!(e, Effect::Pipe { .. })));
        assert_eq!(app.view.mode, Mode::Normal);
    }

    #[test]
    fn r_rescans_and_shift_r_fetches() {
        let mut app = streaming(vec![dated("n/a.txt", 1, 2)]);
        assert!(keys(&mut app, "r").contains(&Effect::Rescan));
        assert!(keys(&mut app, "R").contains(&Effect::Fetch));
        update(&mut app, Action::Fetched("fetched: 1/1 feeds".into()));
        assert_eq!(app.view.notice.as_deref(), Some("fetched: 1/1 feeds"));
    }

    #[test]
    fn a_changed_file_keeps_its_index_a_new_one_is_appended() {
        let mut c = corpus(&[("news/a.txt", 1), ("news/b.txt", 2)]);
        let mut gone = FxHashSet::default();
        let applied = apply(
            &mut c,
            &mut gone,
            Refresh {
                paths: vec!["news/b.txt".into(), "news/c.txt".into()],
                articles: vec![article("news/c.txt", 3), article("news/b.txt", 20)],
            },
        );
        assert_eq!(applied.changed, [1]);
        assert_eq!(applied.added, 1);
        assert_eq!(applied.removed, 0);
        let ids: Vec<u128> = c.articles.iter().map(|a| a.id.0).collect();
        assert_eq!(ids, [1, 20, 3]);
    }

    #[test]
    fn a_removed_folder_takes_its_articles_out_of_the_list_and_back() {
        let mut c = corpus(&[
            ("news/feed/a.txt", 1),
            ("news/feed/b.txt", 2),
            ("news/c.txt", 3),
        ]);
        let mut gone = FxHashSet::default();
        let applied = apply(
            &mut c,
            &mut gone,
            Refresh {
                paths: vec!["news/feed".into()],
                articles: Vec::new(),
            },
        );
        assert_eq!(applied.removed, 2);
        assert_eq!(gone, FxHashSet::from_iter([0, 1]));
        // The file comes back with the same text: listed again, at the same index.
        let applied = apply(
            &mut c,
            &mut gone,
            Refresh {
                paths: vec!["news/feed/a.txt".into()],
                articles: vec![article("news/feed/a.txt", 1)],
            },
        );
        assert_eq!(applied.changed, [0]);
        assert_eq!(gone, FxHashSet::from_iter([1]));
        assert_eq!(c.articles.len(), 3);
    }

    #[test]
    fn dataset_rows_are_replaced_row_by_row() {
        let mut c = corpus(&[("d/x.csv:2", 1), ("d/x.csv:3", 2), ("d/xy.csv:2", 9)]);
        let mut gone = FxHashSet::default();
        let applied = apply(
            &mut c,
            &mut gone,
            Refresh {
                paths: vec!["d/x.csv".into()],
                articles: vec![article("d/x.csv:2", 1), article("d/x.csv:4", 4)],
            },
        );
        assert!(applied.changed.is_empty());
        assert_eq!((applied.added, applied.removed), (1, 1));
        assert_eq!(gone, FxHashSet::from_iter([1]));
    }
}
