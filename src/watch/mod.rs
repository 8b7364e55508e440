//! Watching the paths the reader was opened on, so article files added, changed or removed while
//! it runs reach the list.
//!
//! The kernel's notifications (inotify through the `notify` crate: one watch per folder, not per
//! file) are gathered on a thread into batches: a batch ends after [`SETTLE`] without news, or
//! [`MAX_WAIT`] after it began, so an editor's save or a fetch writing fifty files is one batch and
//! one reload. A batch is only a list of paths; [`plan`] decides what they mean by looking at the
//! files as they are then. Paths are reported spelt as the user gave the roots, the way the
//! loader names articles.

mod plan;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{Event, EventKind, RecursiveMode, Watcher};

pub(crate) use plan::{file_of, plan};

/// Quiet time that ends a batch.
const SETTLE: Duration = Duration::from_millis(150);
/// Longest a batch is held while changes keep coming.
const MAX_WAIT: Duration = Duration::from_millis(800);
/// How often a root that is gone is looked for again.
const RECHECK: Duration = Duration::from_secs(2);
/// More paths than this in one batch (a whole archive unpacked) are not listed: the roots are
/// looked at again whole.
const MAX_PATHS: usize = 20_000;

/// What the watcher reports.
#[derive(Debug, PartialEq, Eq)]
pub enum WatchEvent {
    /// Paths created, written, removed or renamed, files or folders, in sorted order.
    Touched(Vec<PathBuf>),
    /// Too much changed at once to list, or the kernel dropped notifications: plan the roots
    /// whole.
    Rescan,
    /// A root is gone; reported once, until it is back.
    Gone(PathBuf),
    /// A root that was gone is back and watched again; its paths follow in a `Touched`.
    Back(PathBuf),
    /// Watching does not work (or not everywhere): why, once per cause.
    Failed(String),
}

/// Starts watching `roots` (files or folders) on a thread of its own, which also sets up the
/// watches (a walk of every folder), so the reader starts at once. `send` gets the events; the
/// thread ends when it returns false.
pub fn spawn(
    roots: Vec<PathBuf>,
    send: impl FnMut(WatchEvent) -> bool + Send + 'static,
) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("khobor-watch".into())
        .spawn(move || run(roots, send))?;
    Ok(())
}

/// A path the reader was opened on.
struct Root {
    /// As the user gave it: the spelling of article paths.
    given: PathBuf,
    /// Absolute: the spelling of notifications.
    abs: PathBuf,
    /// A file is watched through its folder (an editor replaces the file, which ends a watch on
    /// the file itself).
    file: bool,
    present: bool,
}

impl Root {
    fn new(given: PathBuf) -> Self {
        let abs = std::path::absolute(&given).unwrap_or_else(|_| given.clone());
        let meta = std::fs::metadata(&abs);
        Root {
            file: meta.as_ref().is_ok_and(|m| !m.is_dir()),
            present: meta.is_ok(),
            given,
            abs,
        }
    }

    /// The user's spelling of a notified path, when it is this root or below it.
    fn spell(&self, path: &Path) -> Option<PathBuf> {
        if self.file {
            return (path == self.abs).then(|| self.given.clone());
        }
        let rel = path.strip_prefix(&self.abs).ok()?;
        Some(if rel.as_os_str().is_empty() {
            self.given.clone()
        } else {
            self.given.join(rel)
        })
    }

    fn watch(&self, watcher: &mut impl Watcher) -> notify::Result<()> {
        match (self.file, self.abs.parent()) {
            (true, Some(dir)) => watcher.watch(dir, RecursiveMode::NonRecursive),
            _ => watcher.watch(&self.abs, RecursiveMode::Recursive),
        }
    }
}

/// The watcher thread's whole life (start, watch the roots, batch events); long for the shared failure set.
fn run(roots: Vec<PathBuf>, mut send: impl FnMut(WatchEvent) -> bool) {
    let (tx, rx) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => {
            send(WatchEvent::Failed(format!(
                "cannot watch for new files: {e}"
            )));
            return;
        }
    };
    let mut roots: Vec<Root> = roots.into_iter().map(Root::new).collect();
    let mut failures = BTreeSet::new();
    let mut fail = |message: String, send: &mut dyn FnMut(WatchEvent) -> bool| {
        if failures.insert(message.clone()) {
            send(WatchEvent::Failed(message))
        } else {
            true
        }
    };
    for root in roots.iter().filter(|r| r.present) {
        if let Err(e) = root.watch(&mut watcher) {
            let message = format!("cannot watch {} for new files: {e}", root.given.display());
            if !fail(message, &mut send) {
                return;
            }
        }
    }
    loop {
        let first = match rx.recv_timeout(RECHECK) {
            Ok(e) => Some(e),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        let mut batch = Batch::default();
        if let Some(first) = first {
            let began = Instant::now();
            let mut next = Some(first);
            while let Some(result) = next.take() {
                match result {
                    Ok(event) => batch.add(event, &roots),
                    Err(e) => {
                        if !fail(format!("watching for new files: {e}"), &mut send) {
                            return;
                        }
                    }
                }
                let left = MAX_WAIT.saturating_sub(began.elapsed());
                if left.is_zero() {
                    break;
                }
                next = rx.recv_timeout(SETTLE.min(left)).ok();
            }
        }
        for root in &mut roots {
            let present = root.abs.exists();
            let event = match (root.present, present) {
                (true, false) => WatchEvent::Gone(root.given.clone()),
                (false, true) => {
                    if let Err(e) = root.watch(&mut watcher) {
                        let message =
                            format!("cannot watch {} for new files: {e}", root.given.display());
                        if !fail(message, &mut send) {
                            return;
                        }
                    }
                    batch.paths.insert(root.given.clone());
                    WatchEvent::Back(root.given.clone())
                }
                _ => continue,
            };
            root.present = present;
            if !send(event) {
                return;
            }
        }
        let event = if batch.rescan {
            WatchEvent::Rescan
        } else if batch.paths.is_empty() {
            continue;
        } else {
            WatchEvent::Touched(batch.paths.into_iter().collect())
        };
        if !send(event) {
            return;
        }
    }
}

/// The paths of one batch.
#[derive(Default)]
struct Batch {
    paths: BTreeSet<PathBuf>,
    rescan: bool,
}

impl Batch {
    fn add(&mut self, event: Event, roots: &[Root]) {
        if event.need_rescan() {
            self.rescan = true;
        }
        if self.rescan || !changes_content(&event.kind) {
            return;
        }
        for path in &event.paths {
            if let Some(spelt) = roots.iter().find_map(|r| r.spell(path)) {
                self.paths.insert(spelt);
            }
        }
        if self.paths.len() > MAX_PATHS {
            self.rescan = true;
            self.paths.clear();
        }
    }
}

/// Whether an event can mean different articles. Opening and reading are not (the loader's own
/// reads would otherwise feed back into the watcher), nor is a new access time.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::Receiver;

    fn start(roots: Vec<PathBuf>) -> Receiver<WatchEvent> {
        let (tx, rx) = mpsc::channel();
        spawn(roots, move |e| tx.send(e).is_ok()).expect("thread");
        // Watches are set up on the thread; give it a moment before touching anything.
        std::thread::sleep(Duration::from_millis(300));
        rx
    }

    /// Events until one satisfies `done`, or panics after 10 s.
    fn until(rx: &Receiver<WatchEvent>, done: impl Fn(&WatchEvent) -> bool) -> Vec<WatchEvent> {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let event = rx
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no matching event; saw {seen:?}"));
            let stop = done(&event);
            seen.push(event);
            if stop {
                return seen;
            }
        }
    }

    #[test]
    fn files_written_together_arrive_as_one_batch_in_the_users_spelling() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("news");
        std::fs::create_dir_all(root.join("feed")).expect("mkdir");
        let rx = start(vec![root.clone()]);
        for name in ["a.txt", "b.txt", "c.txt"] {
            std::fs::write(root.join("feed").join(name), "শিরোনাম\n").expect("write");
        }
        let wanted: Vec<PathBuf> = ["a.txt", "b.txt", "c.txt"]
            .iter()
            .map(|n| root.join("feed").join(n))
            .collect();
        let seen = until(
            &rx,
            |e| matches!(e, WatchEvent::Touched(p) if wanted.iter().all(|w| p.contains(w))),
        );
        assert_eq!(seen.len(), 1, "one batch: {seen:?}");
    }

    #[test]
    fn a_root_that_disappears_is_reported_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("news");
        std::fs::create_dir_all(&root).expect("mkdir");
        std::fs::write(root.join("a.txt"), "শিরোনাম\n").expect("write");
        let rx = start(vec![root.clone()]);
        std::fs::remove_dir_all(&root).expect("rm");
        until(&rx, |e| *e == WatchEvent::Gone(root.clone()));
        std::thread::sleep(RECHECK + Duration::from_millis(500));
        let more: Vec<WatchEvent> = rx.try_iter().collect();
        assert!(
            !more.iter().any(|e| matches!(e, WatchEvent::Gone(_))),
            "{more:?}"
        );
        std::fs::create_dir_all(&root).expect("mkdir again");
        until(&rx, |e| *e == WatchEvent::Back(root.clone()));
    }

    #[test]
    fn reading_a_file_is_not_a_change() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("news");
        std::fs::create_dir_all(&root).expect("mkdir");
        let file = root.join("a.txt");
        std::fs::write(&file, "শিরোনাম\n").expect("write");
        let rx = start(vec![root.clone()]);
        std::fs::read(&file).expect("read");
        std::thread::sleep(Duration::from_millis(600));
        assert_eq!(rx.try_iter().count(), 0);
        std::fs::write(&file, "নতুন শিরোনাম\n").expect("write");
        until(
            &rx,
            |e| matches!(e, WatchEvent::Touched(p) if p.contains(&file)),
        );
    }

    #[test]
    fn a_file_root_is_watched_through_its_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "শিরোনাম\n").expect("write");
        let rx = start(vec![file.clone()]);
        std::fs::write(dir.path().join("other.txt"), "x\n").expect("write");
        let replaced = dir.path().join("a.txt.new");
        std::fs::write(&replaced, "নতুন\n").expect("write");
        std::fs::rename(&replaced, &file).expect("rename");
        let seen = until(
            &rx,
            |e| matches!(e, WatchEvent::Touched(p) if p.contains(&file)),
        );
        for e in &seen {
            if let WatchEvent::Touched(p) = e {
                assert!(p.iter().all(|p| *p == file), "{p:?}");
            }
        }
    }
}
