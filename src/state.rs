//! Persisted reading state: which articles are read and starred.
//!
//! Keyed by [`ContentId`] (a hash of the cleaned text) so marks survive renames and moves; the
//! path is kept only as a hint for humans and `export`. The file is small JSON, written atomically
//! (temp file, fsync, rename) with the previous good file kept as a backup, under an advisory lock,
//! and merged with what is on disk before every write so two running instances never lose each
//! other's marks. A file that fails to load is moved aside and reported, never fatal.

use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::article::ContentId;
use crate::fsutil::{ReadError, read_regular, with_suffix, write_atomic};

/// Bumped when the on-disk format changes incompatibly.
const FORMAT_VERSION: u32 = 1;

/// A state file larger than this is refused: about two million marked articles.
const MAX_STATE_BYTES: u64 = 256 * 1024 * 1024;

/// The marks of one article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Marks {
    #[serde(default)]
    pub(crate) read: bool,
    #[serde(default)]
    pub(crate) starred: bool,
    /// Where the article was last seen; a hint only, identity is the content hash.
    #[serde(default)]
    pub(crate) path: String,
    /// Milliseconds since the Unix epoch of the last change to any field (the path follows it).
    #[serde(default)]
    pub(crate) changed_ms: u64,
    /// When `read` last changed: each flag merges on its own time, so an instance that only
    /// marks an article read never writes back a stale star (files without it: `changed_ms`).
    #[serde(default)]
    pub(crate) read_ms: u64,
    /// When `starred` last changed.
    #[serde(default)]
    pub(crate) starred_ms: u64,
}

/// All marks, by content id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadingState {
    marks: BTreeMap<ContentId, Marks>,
}

#[derive(Serialize, Deserialize)]
struct StateFile {
    version: u32,
    /// Hex content id → marks; hex because JSON keys are strings and u128 exceeds JSON numbers.
    articles: BTreeMap<String, Marks>,
}

impl ReadingState {
    #[cfg(test)]
    pub(crate) fn get(&self, id: ContentId) -> Option<&Marks> {
        self.marks.get(&id)
    }

    /// Whether the article with content `id` has been read (opened, or marked by hand).
    pub fn is_read(&self, id: ContentId) -> bool {
        self.marks.get(&id).is_some_and(|m| m.read)
    }

    /// Whether the article with content `id` is starred.
    pub fn is_starred(&self, id: ContentId) -> bool {
        self.marks.get(&id).is_some_and(|m| m.starred)
    }

    /// Articles that have marks, cleared ones included (kept with their time, to merge by).
    pub fn len(&self) -> usize {
        self.marks.len()
    }

    /// No article has ever been marked.
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    /// Sets the read mark; returns whether anything changed.
    pub fn set_read(&mut self, id: ContentId, path: &str, read: bool) -> bool {
        self.update(id, path, |m| {
            let changed = std::mem::replace(&mut m.read, read) != read;
            if changed {
                m.read_ms = tick(m.read_ms);
            }
            changed
        })
    }

    /// Sets the star; returns whether anything changed.
    pub fn set_starred(&mut self, id: ContentId, path: &str, starred: bool) -> bool {
        self.update(id, path, |m| {
            let changed = std::mem::replace(&mut m.starred, starred) != starred;
            if changed {
                m.starred_ms = tick(m.starred_ms);
            }
            changed
        })
    }

    fn update(&mut self, id: ContentId, path: &str, f: impl FnOnce(&mut Marks) -> bool) -> bool {
        let entry = self.marks.entry(id).or_default();
        let changed = f(entry);
        if changed || entry.path != path {
            entry.path = path.to_string();
            entry.changed_ms = tick(entry.changed_ms)
                .max(entry.read_ms)
                .max(entry.starred_ms);
        }
        changed
    }

    /// Merges `other` into `self`, field by field, the newer change of each winning.
    pub(crate) fn merge(&mut self, other: &ReadingState) {
        for (id, theirs) in &other.marks {
            let Some(ours) = self.marks.get_mut(id) else {
                self.marks.insert(*id, theirs.clone());
                continue;
            };
            if theirs.read_ms > ours.read_ms {
                ours.read = theirs.read;
                ours.read_ms = theirs.read_ms;
            }
            if theirs.starred_ms > ours.starred_ms {
                ours.starred = theirs.starred;
                ours.starred_ms = theirs.starred_ms;
            }
            if theirs.changed_ms > ours.changed_ms {
                ours.path.clone_from(&theirs.path);
                ours.changed_ms = theirs.changed_ms;
            }
        }
    }

    fn to_json(&self) -> Result<String, serde_json::Error> {
        let file = StateFile {
            version: FORMAT_VERSION,
            articles: self
                .marks
                .iter()
                .map(|(id, m)| (id.to_string(), m.clone()))
                .collect(),
        };
        serde_json::to_string_pretty(&file)
    }

    fn from_json(text: &str) -> Result<Self, Unusable> {
        let file: StateFile = serde_json::from_str(text)?;
        if file.version != FORMAT_VERSION {
            return Err(Unusable::Version(file.version));
        }
        let mut marks = BTreeMap::new();
        for (hex, m) in file.articles {
            let id =
                u128::from_str_radix(&hex, 16).map_err(|_| Unusable::ArticleId(hex.clone()))?;
            // Written before flags had their own times (neither time is there): both changed
            // when the entry did. An entry with one flag time only never had the other flag set,
            // and must not win with it against an instance that did set it.
            let mut m = m;
            if m.read_ms == 0 && m.starred_ms == 0 {
                m.read_ms = m.changed_ms;
                m.starred_ms = m.changed_ms;
            }
            marks.insert(ContentId(id), m);
        }
        Ok(Self { marks })
    }
}

/// What [`StateStore::load`] found, besides the state itself.
#[derive(Debug, Default)]
pub struct LoadOutcome {
    /// The marks read, or none when there was no usable file.
    pub state: ReadingState,
    /// A message for the user when the file was unusable (it has been moved aside).
    pub warning: Option<String>,
}

/// The state file on disk and how to read and write it safely.
#[derive(Clone, Debug)]
pub struct StateStore {
    path: PathBuf,
}

impl StateStore {
    /// A store for the marks' file at `path` (tests use a temporary one; the reader the default).
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }

    /// `$XDG_DATA_HOME/khobor/state.json` (or the platform's equivalent).
    pub(crate) fn default_path() -> Option<PathBuf> {
        crate::dirs::project().map(|d| d.data_dir().join("state.json"))
    }

    /// Where the marks are kept, for messages.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn backup_path(&self) -> PathBuf {
        with_suffix(&self.path, ".bak")
    }

    fn lock_path(&self) -> PathBuf {
        with_suffix(&self.path, ".lock")
    }

    /// Loads the state. A missing file is an empty state. An unreadable or corrupt file is moved
    /// aside (`state.json.corrupt-<ms>`) and reported; the backup is used when it loads.
    pub fn load(&self) -> LoadOutcome {
        match read_state(&self.path) {
            Ok(Some(state)) => LoadOutcome {
                state,
                warning: None,
            },
            Ok(None) => LoadOutcome::default(),
            Err(reason) => {
                let aside = with_suffix(&self.path, &format!(".corrupt-{}", now_ms()));
                let moved = match fs::rename(&self.path, &aside) {
                    Ok(()) => format!("moved aside to {}", aside.display()),
                    Err(e) => format!("could not move it aside: {e}"),
                };
                let (state, restored) = self.backup_or_nothing();
                let from_backup = if restored {
                    "; restored the previous good copy"
                } else {
                    "; starting with no marks"
                };
                LoadOutcome {
                    state,
                    warning: Some(format!(
                        "reading state {} is unusable ({reason}): {moved}{from_backup}",
                        self.path.display()
                    )),
                }
            }
        }
    }

    /// Reads the state without changing anything on disk, for commands that only report it
    /// (`export`): an unusable file is reported and left in place, and the backup is used.
    pub fn peek(&self) -> LoadOutcome {
        match read_state(&self.path) {
            Ok(state) => LoadOutcome {
                state: state.unwrap_or_default(),
                warning: None,
            },
            Err(reason) => {
                let (state, restored) = self.backup_or_nothing();
                let from_backup = if restored {
                    "using the previous good copy"
                } else {
                    "using no marks"
                };
                LoadOutcome {
                    state,
                    warning: Some(format!(
                        "reading state {} is unusable ({reason}); {from_backup}",
                        self.path.display()
                    )),
                }
            }
        }
    }

    /// The last good copy when the state file is unusable, and whether there was one.
    fn backup_or_nothing(&self) -> (ReadingState, bool) {
        match read_state(&self.backup_path()) {
            Ok(Some(state)) => (state, true),
            _ => (ReadingState::default(), false),
        }
    }

    /// Merges `state` with what is on disk now (another instance may have written since we
    /// loaded), writes the result atomically, and returns it so the caller can adopt the merge.
    pub fn save(&self, state: &ReadingState) -> io::Result<ReadingState> {
        self.save_inner(state, || Ok(()))
    }

    /// `save` with a hook between writing the temp file and renaming it over the real one, so
    /// tests can simulate a crash at the worst moment.
    fn save_inner(
        &self,
        state: &ReadingState,
        before_rename: impl FnOnce() -> io::Result<()>,
    ) -> io::Result<ReadingState> {
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir)?;
        }
        // Non-blocking: a FIFO in the lock's place fails instead of waiting for a reader.
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(self.lock_path())?;
        if !lock.metadata()?.is_file() {
            return Err(io::Error::other(format!(
                "{} is not a regular file",
                self.lock_path().display()
            )));
        }
        lock.lock()?;
        // A file that does not load is not merged and not kept as the backup: `load` has
        // already reported it, and the backup must stay the last good copy.
        let raw = read_regular(&self.path, MAX_STATE_BYTES).ok();
        let on_disk = raw.as_deref().and_then(|b| parse_state(b).ok());
        let mut merged = on_disk.clone().unwrap_or_default();
        merged.merge(state);
        let json = merged.to_json().map_err(io::Error::other)?;
        if let (Some(_), Some(old)) = (on_disk, raw) {
            // Atomic too: a kill or a full disk mid-write leaves the previous backup whole.
            write_atomic(&self.backup_path(), &old, || Ok(()))?;
        }
        write_atomic(&self.path, json.as_bytes(), before_rename)?;
        lock.unlock()?;
        Ok(merged)
    }
}

/// `Ok(None)` when there is no file; `Err` with a reason when it exists but does not load.
/// A FIFO or a device in its place (or a link to `/dev/zero`) is refused without blocking.
fn read_state(path: &Path) -> Result<Option<ReadingState>, Unusable> {
    match read_regular(path, MAX_STATE_BYTES) {
        Ok(bytes) => parse_state(&bytes).map(Some),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e.into()),
    }
}

fn parse_state(bytes: &[u8]) -> Result<ReadingState, Unusable> {
    ReadingState::from_json(std::str::from_utf8(bytes)?)
}

/// Why a marks file does not load. Every reason is handled alike (the file is moved aside and
/// the backup used); they are told apart for the warning only.
#[derive(Debug, thiserror::Error)]
enum Unusable {
    #[error("{0}")]
    Read(#[from] ReadError),
    #[error("{0}")]
    Utf8(#[from] std::str::Utf8Error),
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    #[error("unsupported state format version {0} (expected {FORMAT_VERSION})")]
    Version(u32),
    #[error("bad article id {0:?}")]
    ArticleId(String),
}

/// A change time after `previous`: now, or one past `previous` when the clock has not moved on
/// (or went back).
fn tick(previous: u64) -> u64 {
    now_ms().max(previous + 1)
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, StateStore) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = StateStore::new(dir.path().join("khobor").join("state.json"));
        (dir, store)
    }

    #[test]
    fn round_trips_across_loads() {
        let (_dir, store) = store();
        let mut s = store.load().state;
        assert!(s.is_empty());
        assert!(s.set_read(ContentId(7), "a.txt", true));
        assert!(s.set_starred(ContentId(9), "b.txt", true));
        store.save(&s).expect("save");
        let again = store.load();
        assert!(again.warning.is_none());
        assert!(again.state.is_read(ContentId(7)));
        assert!(!again.state.is_starred(ContentId(7)));
        assert!(again.state.is_starred(ContentId(9)));
        assert_eq!(
            again.state.get(ContentId(9)).map(|m| m.path.as_str()),
            Some("b.txt")
        );
    }

    #[test]
    fn setting_the_same_value_reports_no_change() {
        let mut s = ReadingState::default();
        assert!(s.set_read(ContentId(1), "a", true));
        assert!(!s.set_read(ContentId(1), "a", true));
        assert!(s.set_read(ContentId(1), "a", false));
    }

    #[test]
    fn two_instances_keep_each_others_marks() {
        let (_dir, store) = store();
        let mut a = store.load().state;
        let mut b = store.load().state;
        a.set_read(ContentId(1), "one", true);
        b.set_starred(ContentId(2), "two", true);
        store.save(&a).expect("save a");
        store.save(&b).expect("save b");
        let disk = store.load().state;
        assert!(disk.is_read(ContentId(1)));
        assert!(disk.is_starred(ContentId(2)));
    }

    #[test]
    fn newer_change_wins_a_merge() {
        let mut old = ReadingState::default();
        old.set_read(ContentId(1), "x", true);
        let mut new = old.clone();
        new.set_read(ContentId(1), "x", false);
        let mut merged = new.clone();
        merged.merge(&old);
        assert!(!merged.is_read(ContentId(1)));
        old.merge(&new);
        assert!(!old.is_read(ContentId(1)));
    }

    #[test]
    fn each_flag_merges_on_its_own_time() {
        let (_dir, store) = store();
        // B started first, with nothing marked; A stars, saves and quits.
        let b_started = store.load().state;
        let mut a = store.load().state;
        for id in 1..=3 {
            a.set_starred(ContentId(id), "a", true);
        }
        store.save(&a).expect("A saves");
        // B then marks everything read (`M`) and saves, a moment later: the stars stay.
        std::thread::sleep(std::time::Duration::from_millis(5));
        let mut b = b_started;
        for id in 1..=3 {
            b.set_read(ContentId(id), "a", true);
        }
        let merged = store.save(&b).expect("B saves");
        for id in 1..=3 {
            assert!(merged.is_starred(ContentId(id)) && merged.is_read(ContentId(id)));
        }
        let disk = store.load().state;
        assert!((1..=3).all(|id| disk.is_starred(ContentId(id))));
    }

    #[test]
    fn files_without_flag_times_merge_on_the_entry_time() {
        let old = r#"{"version":1,"articles":{"1":{"read":true,"starred":true,"path":"p","changed_ms":5}}}"#;
        let mut state = ReadingState::from_json(old).expect("loads");
        let mut newer = ReadingState::default();
        newer.set_read(ContentId(1), "p", true);
        newer.set_read(ContentId(1), "p", false);
        state.merge(&newer);
        assert!(!state.is_read(ContentId(1)));
        assert!(state.is_starred(ContentId(1)));
    }

    #[test]
    fn garbage_file_is_moved_aside_and_reported() {
        let (dir, store) = store();
        fs::create_dir_all(store.path().parent().expect("parent")).expect("mkdir");
        fs::write(store.path(), b"{\"version\": 1, \"articles\": {\"zz\"").expect("write");
        let out = store.load();
        let warning = out.warning.expect("a warning");
        assert!(warning.contains("state.json"), "{warning}");
        assert!(out.state.is_empty());
        assert!(!store.path().exists());
        let aside = fs::read_dir(dir.path().join("khobor"))
            .expect("list")
            .filter_map(Result::ok)
            .any(|e| e.file_name().to_string_lossy().contains(".corrupt-"));
        assert!(aside, "corrupt file kept for inspection");
    }

    #[test]
    fn corrupt_file_falls_back_to_backup() {
        let (_dir, store) = store();
        let mut s = ReadingState::default();
        s.set_starred(ContentId(3), "c", true);
        store.save(&s).expect("first save");
        s.set_read(ContentId(4), "d", true);
        store.save(&s).expect("second save makes a backup");
        fs::write(store.path(), [0xff, 0xfe, 0x00]).expect("corrupt");
        let out = store.load();
        assert!(out.warning.is_some());
        assert!(out.state.is_starred(ContentId(3)));
    }

    #[test]
    fn crash_between_write_and_rename_leaves_a_loadable_file() {
        let (_dir, store) = store();
        let mut s = ReadingState::default();
        s.set_read(ContentId(5), "e", true);
        store.save(&s).expect("save");
        s.set_starred(ContentId(6), "f", true);
        let crashed = store.save_inner(&s, || Err(io::Error::other("killed")));
        assert!(crashed.is_err());
        let out = store.load();
        assert!(out.warning.is_none(), "{:?}", out.warning);
        assert!(out.state.is_read(ContentId(5)));
        // The interrupted write is simply redone by the next save.
        store.save(&s).expect("save after crash");
        assert!(store.load().state.is_starred(ContentId(6)));
    }

    #[test]
    fn peek_reports_a_corrupt_file_and_leaves_it_in_place() {
        let (_dir, store) = store();
        let mut s = ReadingState::default();
        s.set_starred(ContentId(3), "c", true);
        store.save(&s).expect("first save");
        store.save(&s).expect("second save makes a backup");
        fs::write(store.path(), b"{ truncated").expect("corrupt");
        let out = store.peek();
        assert!(
            out.warning
                .is_some_and(|w| w.contains("previous good copy"))
        );
        assert!(out.state.is_starred(ContentId(3)));
        assert_eq!(fs::read(store.path()).expect("still there"), b"{ truncated");
    }

    #[test]
    fn unknown_version_is_rejected_not_misread() {
        let (_dir, store) = store();
        fs::create_dir_all(store.path().parent().expect("parent")).expect("mkdir");
        fs::write(store.path(), r#"{"version": 99, "articles": {}}"#).expect("write");
        let out = store.load();
        assert!(out.warning.is_some_and(|w| w.contains("version 99")));
    }
}
