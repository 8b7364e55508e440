//! The reader's live sources of articles and its ways of taking one out, on the runtime's side.
//!
//! The folder watcher, `r` and the files `R`'s background fetch writes all feed one refresh
//! thread, which gathers a burst of paths, plans what they mean ([`crate::watch::plan`]), reads
//! the files through the loader and hands the articles to the event loop as one
//! [`LoadEvent::Refresh`]. Nothing here runs on the UI thread but the save and the pipe, which
//! the user waits for anyway.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use super::Input;
use super::notices;
use crate::app::Action;
use crate::article::ContentId;
use crate::corpus::Corpus;
use crate::export::{markdown, pipe};
use crate::extract::Extractor;
use crate::fetch::Subscriptions;
use crate::fetch::background::{self, FetchEvent, FetchHandle};
use crate::fetch::run::Options as FetchOptions;
use crate::ingest::FileProblem;
use crate::load::{LoadEvent, LoadOptions, Refresh};
use crate::strings::Strings;
use crate::watch::{self, WatchEvent};

/// A burst of paths is gathered for this long before it is read.
const GATHER: Duration = Duration::from_millis(100);

enum Request {
    Paths(Vec<PathBuf>),
    /// Everything under the roots again (`r`).
    Rescan,
    /// Also plan paths under this folder (the archive a fetch writes into).
    Root(PathBuf),
}

/// The runtime's handle on the live sources.
pub(super) struct Live {
    requests: Sender<Request>,
    roots: Vec<PathBuf>,
    fetch: Option<FetchHandle>,
    extractor: Arc<Extractor>,
    /// The interface language's strings, for the notices.
    strings: &'static Strings,
}

impl Live {
    /// Watches `paths` (none: the bundled seeds, which do not change) and starts the refresh
    /// thread. Problems are told through `tx` as notices.
    pub(super) fn start(
        paths: &[PathBuf],
        extractor: Arc<Extractor>,
        load_options: LoadOptions,
        tx: &Sender<Input>,
        strings: &'static Strings,
    ) -> std::io::Result<Self> {
        let (requests, rx) = mpsc::channel();
        let roots = paths.to_vec();
        {
            let roots = roots.clone();
            let extractor = extractor.clone();
            let tx = tx.clone();
            std::thread::Builder::new()
                .name("khobor-refresh".into())
                .spawn(move || {
                    refresh_loop(&rx, roots, &extractor, &load_options, &tx, strings);
                })?;
        }
        if !roots.is_empty() {
            let to_refresh = requests.clone();
            let tx = tx.clone();
            watch::spawn(roots.clone(), move |event| {
                let notice = |text: String| tx.send(Input::Action(Action::Notice(text))).is_ok();
                match event {
                    WatchEvent::Touched(paths) => to_refresh.send(Request::Paths(paths)).is_ok(),
                    WatchEvent::Rescan => to_refresh.send(Request::Rescan).is_ok(),
                    WatchEvent::Gone(p) => {
                        notice(notices::about(strings, "notice.folder_gone", &p))
                    }
                    WatchEvent::Back(p) => {
                        notice(notices::about(strings, "notice.folder_back", &p))
                    }
                    WatchEvent::Failed(why) => {
                        notice(notices::failed(strings, "notice.watch_failed", &why))
                    }
                }
            })?;
        }
        Ok(Live {
            requests,
            roots,
            fetch: None,
            extractor,
            strings,
        })
    }

    /// `r`: every root read again.
    pub(super) fn rescan(&self) -> String {
        let s = self.strings;
        if self.roots.is_empty() {
            return s.get("notice.seeds_fixed").to_string();
        }
        let _ = self.requests.send(Request::Rescan);
        s.get("notice.reloading").to_string()
    }

    /// `R`: fetches every subscribed feed on a thread of its own; returns the notice to show.
    pub(super) fn fetch(&mut self, tx: &Sender<Input>) -> String {
        let s = self.strings;
        if self.fetch.is_some() {
            return s.get("notice.already_fetching").to_string();
        }
        let subs = match Subscriptions::default_path().map(|p| Subscriptions::load(&p)) {
            Some(Ok(subs)) if !subs.feeds.is_empty() => subs,
            Some(Err(e)) => {
                return notices::failed(s, "notice.feeds_unreadable", &format!("{e:#}"));
            }
            _ => return s.get("notice.no_feeds").to_string(),
        };
        let Some(root) = crate::fetch::archive::root(None) else {
            return s.get("notice.no_archive").to_string();
        };
        // Articles under a watched root reach the list through the watcher; the others are
        // read as the fetch reports them.
        let watched = self.roots.iter().any(|r| under(&root, r));
        if !watched {
            let _ = self.requests.send(Request::Root(root.clone()));
        }
        let to_refresh = self.requests.clone();
        let tx = tx.clone();
        let started = background::spawn(subs.feeds, FetchOptions::new(root), move |event| {
            let action = match event {
                FetchEvent::Wrote(path) => {
                    return watched || to_refresh.send(Request::Paths(vec![path])).is_ok();
                }
                FetchEvent::Problem(line) => Action::Notice(line),
                FetchEvent::Progress(p) => {
                    let progress = notices::progress(s, &p);
                    Action::Notice(s.fill("notice.fetching", &[("progress", &progress)]))
                }
                FetchEvent::Finished(p) => {
                    let progress = notices::progress(s, &p);
                    Action::Fetched(s.fill("notice.fetched", &[("progress", &progress)]))
                }
            };
            tx.send(Input::Action(action)).is_ok()
        });
        match started {
            Ok(handle) => {
                self.fetch = Some(handle);
                s.get("notice.fetch_started").to_string()
            }
            Err(e) => notices::failed(s, "notice.fetch_not_started", &e.to_string()),
        }
    }

    /// The fetch reported its end.
    pub(super) fn fetched(&mut self) {
        self.fetch = None;
    }

    /// Before quitting: a fetch begins no file after this returns.
    pub(super) fn stop(&self) {
        if let Some(f) = &self.fetch {
            f.stop();
        }
    }

    /// `s`: the article as Markdown into `dir`; the notice to show.
    pub(super) fn save(&self, path: &str, id: ContentId, dir: &Path) -> String {
        let saved = crate::reload::reload(path, id, &self.extractor)
            .map_err(|problem| problem.to_string())
            .and_then(|r| markdown::save(&r.article, dir).map_err(|e| e.to_string()));
        notices::saved(self.strings, dir, saved.as_deref().map_err(String::as_str))
    }

    /// The text `|` pipes, or why there is none.
    pub(super) fn text_of(&self, path: &str, id: ContentId) -> Result<String, FileProblem> {
        crate::reload::reload(path, id, &self.extractor).map(|r| markdown::plain_text(&r.article))
    }
}

/// `|`: runs the command with the terminal given back to it; the notice to show.
pub(super) fn pipe_to(s: &Strings, command: &str, text: &str) -> String {
    let result = pipe::run(command, text.as_bytes());
    notices::piped(
        s,
        command,
        result.as_ref().map(|_| ()).map_err(String::as_str),
    )
}

fn under(path: &Path, root: &Path) -> bool {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    abs(path).starts_with(abs(root))
}

fn refresh_loop(
    rx: &Receiver<Request>,
    mut roots: Vec<PathBuf>,
    extractor: &Extractor,
    options: &LoadOptions,
    tx: &Sender<Input>,
    strings: &Strings,
) {
    let watched = roots.clone();
    while let Ok(first) = rx.recv() {
        let mut paths = BTreeSet::new();
        let mut rescan = false;
        let mut next = Some(first);
        while let Some(request) = next.take() {
            match request {
                Request::Paths(p) => paths.extend(p),
                Request::Rescan => rescan = true,
                Request::Root(r) => {
                    if !roots.contains(&r) {
                        roots.push(r);
                    }
                }
            }
            next = rx.recv_timeout(GATHER).ok();
        }
        if rescan {
            paths.extend(watched.iter().cloned());
        }
        let touched: Vec<PathBuf> = paths.into_iter().collect();
        if touched.is_empty() {
            continue;
        }
        let plan = watch::plan(&touched, &roots);
        // A file can vanish between the plan and the read: the loader would refuse the batch.
        let read: Vec<PathBuf> = plan.read.into_iter().filter(|p| p.exists()).collect();
        let articles = if read.is_empty() {
            Vec::new()
        } else {
            match Corpus::load_with(&read, extractor, options) {
                Ok((corpus, report)) => {
                    let lines: Vec<String> = report
                        .problems
                        .iter()
                        .map(|p| format!("{}: {}", p.path.display(), p.reason))
                        .collect();
                    if !lines.is_empty() && tx.send(Input::Problems(lines)).is_err() {
                        return;
                    }
                    corpus.articles
                }
                Err(e) => {
                    let error = format!("{e:#}");
                    let notice = notices::failed(strings, "notice.reading_failed", &error);
                    let notice = Action::Notice(notice);
                    if tx.send(Input::Action(notice)).is_err() {
                        return;
                    }
                    continue;
                }
            }
        };
        if !plan.problems.is_empty() && tx.send(Input::Problems(plan.problems)).is_err() {
            return;
        }
        let refresh = Refresh {
            paths: plan.looked_at,
            articles,
        };
        if tx
            .send(Input::Action(Action::Load(LoadEvent::Refresh(refresh))))
            .is_err()
        {
            return;
        }
    }
}
