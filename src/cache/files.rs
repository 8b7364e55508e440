//! Each file's light article ([`Article::make_light`]) by path, trusted while the file's `stat`
//! stamp is unchanged: a second start on an unchanged archive reads no article file at all,
//! only this cache, the way `git status` trusts its index.
//!
//! A stamp is device, inode, size, and modification and change times to the nanosecond; an edit,
//! a replacement by rename, or a `touch` changes it. A file modified in the last two seconds is
//! not cached, because a second edit within the file system's time granularity could leave the
//! stamp as it was (git's "racy" files).

use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{Datelike, NaiveDate, Timelike};
use serde::{Deserialize, Serialize};

use super::EXTRACTION_FINGERPRINT;
use super::arena::Arena;
use crate::article::{Article, ContentId, Entity, MediaRef, Published, SourceRef};
use crate::names::{NameTable, StoredEntity};

/// How long a file must have been left alone before its stamp is trusted.
const SETTLE: Duration = Duration::from_secs(2);

/// What `stat` says about a file, enough to tell it changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Self {
        Self {
            dev: meta.dev(),
            ino: meta.ino(),
            size: meta.size(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            ctime: (meta.ctime(), meta.ctime_nsec()),
        }
    }

    /// Whether the file was last modified at least [`SETTLE`] before `now`. (Its change time
    /// is only compared: setting the modification time back changes it.)
    fn settled(&self, now: SystemTime) -> bool {
        let Ok(now) = now.duration_since(UNIX_EPOCH) else {
            return false;
        };
        u64::try_from(self.mtime.0)
            .is_ok_and(|t| t.saturating_add(SETTLE.as_secs()) < now.as_secs())
    }
}

/// A light article as stored: the stamp first, then every field but the body (which is empty).
type Stored<'a> = (
    Stamp,
    u128,
    &'a str,
    &'a str,
    bool,
    Option<(i32, Option<u32>)>,
    &'a Option<String>,
    &'a [SourceRef],
    &'a [MediaRef],
    &'a [String],
    &'a [Entity],
);

/// [`Stored`] after its stamp, decoded; entity names stay borrowed until shared. (Postcard
/// writes a tuple as its fields one after another, so the stamp is read and checked first and
/// a changed file costs no decoding.)
type Loaded<'a> = (
    u128,
    String,
    String,
    bool,
    Option<(i32, Option<u32>)>,
    Option<String>,
    Vec<SourceRef>,
    Vec<MediaRef>,
    Vec<String>,
    Vec<StoredEntity<'a>>,
);

/// Light articles by file path.
#[derive(Debug)]
pub struct FileCache {
    arena: Arena,
}

impl FileCache {
    /// Opens the cache in `dir` for this build (parser and extractor); see
    /// [`ExtractCache::open`](super::ExtractCache::open).
    pub fn open(dir: &Path) -> (Self, Option<String>) {
        Self::open_with_fingerprint(dir, EXTRACTION_FINGERPRINT)
    }

    fn open_with_fingerprint(dir: &Path, fingerprint: u64) -> (Self, Option<String>) {
        let (arena, warning) = Arena::open(dir, "files", fingerprint);
        (Self { arena }, warning)
    }

    pub fn len(&self) -> usize {
        self.arena.len()
    }

    pub fn is_empty(&self) -> bool {
        self.arena.len() == 0
    }

    /// The light article read from `path` when the file still has this `stamp`, its entity
    /// names shared through `names`.
    pub fn get(&self, path: &Path, stamp: &Stamp, names: &NameTable) -> Option<Article> {
        let bytes = self.arena.get(path.as_os_str().as_bytes())?;
        let (stored, rest) = postcard::take_from_bytes::<Stamp>(bytes).ok()?;
        if stored != *stamp {
            return None;
        }
        let (
            id,
            shown,
            title,
            title_derived,
            published,
            publisher,
            sources,
            media,
            byline,
            entities,
        ): Loaded = postcard::from_bytes(rest).ok()?;
        Some(Article {
            path: shown,
            id: ContentId(id),
            title,
            title_derived,
            published: published.and_then(from_days),
            publisher,
            sources,
            cited_media: media,
            byline,
            body: Vec::new(),
            entities: entities.iter().map(|e| e.entity(names)).collect(),
            text_omitted: true,
        })
    }

    /// Remembers the light `article` read from `path` with `stamp`, unless the file changed too
    /// recently for the stamp to be trusted. Full articles are not cached here.
    pub fn insert(&mut self, path: &Path, stamp: Stamp, article: &Article) -> io::Result<()> {
        if !article.text_omitted || !stamp.settled(SystemTime::now()) {
            return Ok(());
        }
        let stored: Stored = (
            stamp,
            article.id.0,
            &article.path,
            &article.title,
            article.title_derived,
            article.published.map(to_days),
            &article.publisher,
            &article.sources,
            &article.cited_media,
            &article.byline,
            &article.entities,
        );
        self.arena.insert(path.as_os_str().as_bytes(), |buf| {
            postcard::to_io(&stored, buf)
                .map(|_| ())
                .map_err(io::Error::other)
        })
    }

    pub fn save(&mut self) -> io::Result<()> {
        self.arena.save()
    }
}

/// Days since the common era, and seconds into the day when the time is known.
fn to_days(p: Published) -> (i32, Option<u32>) {
    match p {
        Published::Date(d) => (d.num_days_from_ce(), None),
        Published::DateTime(dt) => (
            dt.date().num_days_from_ce(),
            Some(dt.time().num_seconds_from_midnight()),
        ),
    }
}

fn from_days((days, seconds): (i32, Option<u32>)) -> Option<Published> {
    let date = NaiveDate::from_num_days_from_ce_opt(days)?;
    Some(match seconds {
        None => Published::Date(date),
        Some(s) => Published::DateTime(
            date.and_time(chrono::NaiveTime::from_num_seconds_from_midnight_opt(s, 0)?),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::extract::Extractor;
    use crate::load::LoadOptions;

    fn light_seeds() -> Vec<Article> {
        let light = LoadOptions::default().light(true);
        Corpus::load_with(&[], &Extractor::new(), &light)
            .expect("seeds")
            .0
            .articles
    }

    /// A file written now, with its stamp as if it had been left alone for a minute.
    fn settled_file(dir: &Path, name: &str) -> (std::path::PathBuf, Stamp) {
        let path = dir.join(name);
        std::fs::write(&path, name).expect("write");
        let mut stamp = Stamp::of(&std::fs::metadata(&path).expect("stat"));
        stamp.mtime.0 -= 60;
        (path, stamp)
    }

    #[test]
    fn light_articles_round_trip_while_the_stamp_holds() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut cache, _) = FileCache::open_with_fingerprint(dir.path(), 1);
        let seeds = light_seeds();
        assert!(
            seeds
                .iter()
                .any(|a| matches!(a.published, Some(Published::DateTime(_))))
        );
        let mut stamps = Vec::new();
        for (i, a) in seeds.iter().enumerate() {
            let (path, stamp) = settled_file(dir.path(), &format!("{i}.txt"));
            cache.insert(&path, stamp, a).expect("insert");
            stamps.push((path, stamp));
        }
        cache.save().expect("save");
        let (again, warning) = FileCache::open_with_fingerprint(dir.path(), 1);
        assert!(warning.is_none());
        let names = NameTable::default();
        for ((path, stamp), a) in stamps.iter().zip(&seeds) {
            assert_eq!(again.get(path, stamp, &names).as_ref(), Some(a));
            let mut touched = *stamp;
            touched.mtime.1 += 1;
            assert_eq!(
                again.get(path, &touched, &names),
                None,
                "a changed stamp is a miss"
            );
        }
    }

    #[test]
    fn full_articles_and_fresh_files_are_not_cached() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut cache, _) = FileCache::open_with_fingerprint(dir.path(), 1);
        let light = light_seeds().remove(0);
        let (path, stamp) = settled_file(dir.path(), "a.txt");
        let full = Article {
            text_omitted: false,
            ..light.clone()
        };
        cache.insert(&path, stamp, &full).expect("insert");
        assert!(cache.is_empty());
        let fresh = Stamp::of(&std::fs::metadata(&path).expect("stat"));
        cache.insert(&path, fresh, &light).expect("insert");
        assert!(
            cache.is_empty(),
            "just written: its stamp may not change on the next edit"
        );
        cache.insert(&path, stamp, &light).expect("insert");
        assert_eq!(cache.len(), 1);
    }
}
