//! Each file's light article ([`Article::make_light`]) by path, trusted while the file's `stat`
//! stamp is unchanged: a second start on an unchanged archive reads no article file at all,
//! only this cache, the way `git status` trusts its index.
//!
//! A stamp is device, inode, size, and modification and change times to the nanosecond; an edit,
//! a replacement by rename, or a `touch` changes it. A file modified in the last two seconds is
//! not cached, because a second edit within the file system's time granularity could leave the
//! stamp as it was (git's "racy" files).
//!
//! Entity names are stored once, in a list of their own, and records refer to them by number:
//! 100,000 articles name a few thousand entities 6.7 million times, and looking each name up by
//! its text was a quarter of a warm start.

use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{Datelike, NaiveDate, Timelike};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::EXTRACTION_FINGERPRINT;
use super::arena::Arena;
use crate::article::{Article, ContentId, Entity, MediaRef, Name, Published, SourceRef};
use crate::names::{NameTable, StoredEntity};

/// How long a file must have been left alone before its stamp is trusted.
const SETTLE: Duration = Duration::from_secs(2);

/// The key the names list is stored under: no file has an empty path.
const NAMES_KEY: &[u8] = b"";

/// What `stat` says about a file, enough to tell it changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl Stamp {
    pub(crate) fn of(meta: &std::fs::Metadata) -> Self {
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

/// A file's light articles as stored: the stamp first, then each article's fields but the body
/// (which is empty). A text file has one article, a dataset one per row.
type Stored<'a> = (Stamp, Vec<StoredArticle<'a>>);

type StoredArticle<'a> = (
    u128,
    &'a str,
    &'a str,
    bool,
    Option<(i32, Option<u32>)>,
    Option<i32>,
    &'a Option<String>,
    [&'a Option<String>; 3],
    &'a [SourceRef],
    &'a [MediaRef],
    &'a [String],
    Vec<NumberedEntity>,
);

/// [`Stored`] after its stamp, decoded. (Postcard writes a tuple as its fields one after
/// another, so the stamp is read and checked first and a changed file costs no decoding.)
type Loaded = Vec<LoadedArticle>;

type LoadedArticle = (
    u128,
    String,
    String,
    bool,
    Option<(i32, Option<u32>)>,
    Option<i32>,
    Option<String>,
    [Option<String>; 3],
    Vec<SourceRef>,
    Vec<MediaRef>,
    Vec<String>,
    Vec<NumberedEntity>,
);

/// An [`Entity`] with its names as numbers in the names list.
type NumberedEntity = StoredEntity<u32>;

/// Light articles by file path.
#[derive(Debug)]
pub(crate) struct FileCache {
    arena: Arena,
    /// The names the stored records refer to, by number. Only ever appended to, so the numbers
    /// in records kept from earlier runs stay right.
    names: Vec<Name>,
    /// The number of each name, for records added this run; filled on the first one.
    numbers: FxHashMap<Name, u32>,
    /// The same by the address of the name's shared copy: the names of a load are shared
    /// ([`NameTable`]), so after its first sight a name is found without hashing or comparing its
    /// text (6.7 million times on a first load of 100,000 articles, on the loader's one thread).
    /// `names` holds a clone of each, so an address is never reused for another name.
    numbers_by_address: FxHashMap<usize, u32>,
}

impl FileCache {
    /// Opens the cache in `dir` for this build (parser and extractor); see
    /// [`ExtractCache::open`](super::ExtractCache::open).
    pub(crate) fn open(dir: &Path) -> (Self, Option<String>) {
        Self::open_with_fingerprint(dir, EXTRACTION_FINGERPRINT)
    }

    fn open_with_fingerprint(dir: &Path, fingerprint: u64) -> (Self, Option<String>) {
        let (mut arena, mut warning) = Arena::open(dir, "files", fingerprint);
        let names = match arena.get(NAMES_KEY) {
            None if arena.len() == 0 => Some(Vec::new()),
            None => None,
            Some(bytes) => postcard::from_bytes::<Vec<&str>>(bytes)
                .ok()
                .map(|names| names.into_iter().map(Name::from).collect()),
        };
        let names = names.unwrap_or_else(|| {
            // Records whose names cannot be known are worth nothing: start over.
            warning.get_or_insert_with(|| {
                "the file cache's names list is unusable; rebuilding it".into()
            });
            arena.clear();
            Vec::new()
        });
        let cache = Self {
            arena,
            names,
            numbers: FxHashMap::default(),
            numbers_by_address: FxHashMap::default(),
        };
        (cache, warning)
    }

    /// Records stored, once saved.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.arena.len() - usize::from(self.arena.contains(NAMES_KEY))
    }

    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Points the names of the records at the shared copies of `table`, so the articles read
    /// from here share their names with those extracted during the same load.
    pub(crate) fn share_names(&mut self, table: &NameTable) {
        for name in &mut self.names {
            *name = table.name(name);
        }
        // Those addresses may now be freed and reused.
        self.numbers_by_address.clear();
    }

    /// The light articles read from `path` when the file still has this `stamp`. A record
    /// that does not decode (the file verified, so only a bug could cause it) is a miss.
    pub(crate) fn get(&self, path: &Path, stamp: &Stamp) -> Option<Vec<Article>> {
        let bytes = self.arena.get(path.as_os_str().as_bytes())?;
        let (stored, rest) = postcard::take_from_bytes::<Stamp>(bytes).ok()?;
        if stored != *stamp {
            return None;
        }
        let loaded: Loaded = postcard::from_bytes(rest).ok()?;
        loaded.into_iter().map(|a| self.article(a)).collect()
    }

    fn article(&self, loaded: LoadedArticle) -> Option<Article> {
        let (
            id,
            shown,
            title,
            title_derived,
            published,
            published_offset,
            publisher,
            [url, author, category],
            sources,
            media,
            byline,
            entities,
        ) = loaded;
        Some(Article {
            path: shown,
            id: ContentId(id),
            title,
            title_derived,
            published: published.and_then(from_days),
            published_offset,
            publisher,
            url,
            author,
            category,
            sources,
            cited_media: media,
            byline,
            body: Vec::new(),
            entities: {
                let mut list = Vec::with_capacity(entities.len());
                for e in &entities {
                    list.push(self.entity(e)?);
                }
                list
            },
            text_omitted: true,
        })
    }

    /// The entity with its names, `None` if it refers to a name not in the list.
    fn entity(&self, e: &NumberedEntity) -> Option<Entity> {
        let known = e.names().all(|&n| (n as usize) < self.names.len());
        known.then(|| e.entity(|&n| self.names[n as usize].clone()))
    }

    /// Remembers the light `articles` read from `path` with `stamp`, unless the file changed
    /// too recently for the stamp to be trusted. Full articles are not cached here.
    pub(crate) fn insert(
        &mut self,
        path: &Path,
        stamp: Stamp,
        articles: &[Article],
    ) -> io::Result<()> {
        if articles.iter().any(|a| !a.text_omitted)
            || !stamp.settled(SystemTime::now())
            || path.as_os_str().is_empty()
        {
            return Ok(());
        }
        let mut stored_articles = Vec::with_capacity(articles.len());
        for article in articles {
            let entities = article
                .entities
                .iter()
                .map(|e| StoredEntity::store(e, |name| self.number(name)))
                .collect::<io::Result<_>>()?;
            stored_articles.push((
                article.id.0,
                article.path.as_str(),
                article.title.as_str(),
                article.title_derived,
                article.published.map(to_days),
                article.published_offset,
                &article.publisher,
                [&article.url, &article.author, &article.category],
                article.sources.as_slice(),
                article.cited_media.as_slice(),
                article.byline.as_slice(),
                entities,
            ));
        }
        let stored: Stored = (stamp, stored_articles);
        self.arena.insert(path.as_os_str().as_bytes(), |buf| {
            postcard::to_io(&stored, buf)
                .map(|_| ())
                .map_err(io::Error::other)
        })
    }

    /// The number of `name` in the names list, appending it if new.
    fn number(&mut self, name: &Name) -> io::Result<u32> {
        if self.numbers.is_empty() {
            self.numbers = (0..)
                .zip(&self.names)
                .map(|(n, name)| (name.clone(), n))
                .collect();
        }
        let address = Arc::as_ptr(name).cast::<u8>() as usize;
        if let Some(&n) = self.numbers_by_address.get(&address) {
            return Ok(n);
        }
        let n = match self.numbers.get(name) {
            Some(&n) => n,
            None => {
                let n = u32::try_from(self.names.len())
                    .map_err(|_| io::Error::other("too many names for the file cache"))?;
                self.names.push(name.clone());
                self.numbers.insert(name.clone(), n);
                n
            }
        };
        if Arc::ptr_eq(name, &self.names[n as usize]) {
            self.numbers_by_address.insert(address, n);
        }
        Ok(n)
    }

    /// Writes the records added, with the names list they refer to.
    pub(crate) fn save(&mut self) -> io::Result<()> {
        if self.arena.has_additions() {
            let names: Vec<&str> = self.names.iter().map(|n| &**n).collect();
            self.arena.insert(NAMES_KEY, |buf| {
                postcard::to_io(&names, buf)
                    .map(|_| ())
                    .map_err(io::Error::other)
            })?;
        }
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
    use std::sync::Arc;

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
            cache
                .insert(&path, stamp, std::slice::from_ref(a))
                .expect("insert");
            stamps.push((path, stamp));
        }
        cache.save().expect("save");
        let (again, warning) = FileCache::open_with_fingerprint(dir.path(), 1);
        assert!(warning.is_none());
        for ((path, stamp), a) in stamps.iter().zip(&seeds) {
            assert_eq!(again.get(path, stamp), Some(vec![a.clone()]));
            let mut touched = *stamp;
            touched.mtime.1 += 1;
            assert_eq!(again.get(path, &touched), None, "a changed stamp is a miss");
        }
    }

    #[test]
    fn records_kept_from_earlier_runs_keep_their_names_as_new_names_are_added() {
        let dir = tempfile::tempdir().expect("temp dir");
        let seeds = light_seeds();
        let files: Vec<_> = (0..seeds.len())
            .map(|i| settled_file(dir.path(), &format!("{i}.txt")))
            .collect();
        // One seed per run; later ones name entities the earlier ones did not.
        let mut names_known = Vec::new();
        for (i, ((path, stamp), a)) in files.iter().zip(&seeds).enumerate() {
            let (mut cache, warning) = FileCache::open_with_fingerprint(dir.path(), 1);
            assert!(warning.is_none());
            assert_eq!(cache.len(), i);
            cache
                .insert(path, *stamp, std::slice::from_ref(a))
                .expect("insert");
            cache.save().expect("save");
            names_known.push(cache.names.len());
        }
        assert!(
            names_known.windows(2).any(|w| w[0] < w[1]),
            "{names_known:?}"
        );
        let (mut cache, _) = FileCache::open_with_fingerprint(dir.path(), 1);
        let table = NameTable::default();
        cache.share_names(&table);
        for ((path, stamp), a) in files.iter().zip(&seeds) {
            let got = cache.get(path, stamp).expect("cached").remove(0);
            assert_eq!(&got, a);
            for e in &got.entities {
                assert!(Arc::ptr_eq(&e.name, &table.name(&e.name)), "shared");
            }
        }
    }

    #[test]
    fn records_without_their_names_list_are_discarded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut arena, _) = Arena::open(dir.path(), "files", 1);
        arena
            .insert(b"/a.txt", |b| {
                b.push(0);
                Ok(())
            })
            .expect("insert");
        arena.save().expect("save");
        let (cache, warning) = FileCache::open_with_fingerprint(dir.path(), 1);
        assert!(warning.is_some_and(|w| w.contains("names")));
        assert!(cache.is_empty());
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
        cache.insert(&path, stamp, &[full]).expect("insert");
        assert!(cache.is_empty());
        let fresh = Stamp::of(&std::fs::metadata(&path).expect("stat"));
        cache
            .insert(&path, fresh, std::slice::from_ref(&light))
            .expect("insert");
        assert!(
            cache.is_empty(),
            "just written: its stamp may not change on the next edit"
        );
        cache.insert(&path, stamp, &[light]).expect("insert");
        assert_eq!(cache.len(), 1);
    }
}
