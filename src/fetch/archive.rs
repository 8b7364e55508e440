//! One folder of the archive per feed: article files in the text format khobor reads, and an
//! index (`.khobor-feed.json`, hidden from the loader) of the items already written and of the
//! feed's HTTP validators. Every file is written to a temp file and renamed, so quitting
//! mid-fetch never leaves half an article.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, Timelike, Utc};
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::fetch::feed::Item;
use crate::fetch::http::Validators;
use crate::fsutil::write_atomic;
use crate::ingest::clean;

/// The index file in each feed folder; its leading dot keeps the loader away.
pub(crate) const INDEX_FILE: &str = ".khobor-feed.json";

/// Environment variable naming the archive folder (default: `$XDG_DATA_HOME/khobor/news`).
pub(crate) const NEWS_DIR_ENV: &str = "KHOBOR_NEWS_DIR";

/// The archive folder: `into`, else `$KHOBOR_NEWS_DIR`, else `$XDG_DATA_HOME/khobor/news`.
pub(crate) fn root(into: Option<PathBuf>) -> Option<PathBuf> {
    into.or_else(|| {
        std::env::var_os(NEWS_DIR_ENV)
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
    })
    .or_else(|| crate::dirs::project().map(|d| d.data_dir().join("news")))
}

/// Longest title part of a file name, in grapheme clusters.
const NAME_GRAPHEMES: usize = 50;

/// Dates are written in Bangladesh time, which is what a date line without an offset means.
const BANGLADESH_SECONDS_EAST: i32 = 6 * 3600;

#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    #[serde(default)]
    validators: Validators,
    #[serde(default)]
    items: Vec<Known>,
}

/// An item already in the archive.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Known {
    #[serde(default)]
    guid: Option<String>,
    #[serde(default)]
    url: Option<String>,
    /// Hash of what the feed said about the item: a change means the item was updated.
    hash: String,
    /// File name inside the feed folder.
    file: String,
}

/// What the archive already has of an item.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Seen {
    New,
    Unchanged,
    /// Known under this file name, but the feed now says something else.
    Updated(String),
}

/// An article ready to be written; fields are untrusted until [`ArticleText::render`] cleans them.
#[derive(Debug, Default)]
pub struct ArticleText {
    /// The headline, the file's first line.
    pub title: String,
    /// Written as a date line the loader reads back.
    pub published: Option<DateTime<Utc>>,
    /// The article's page, written as a URL line.
    pub url: Option<String>,
    /// The outlet that published it, written as a publisher line.
    pub publisher: Option<String>,
    /// The writer, when the feed names one.
    pub author: Option<String>,
    /// The body, one paragraph per entry.
    pub paragraphs: Vec<String>,
}

/// The folder of one feed.
pub(crate) struct FeedDir {
    dir: PathBuf,
    index: Index,
}

impl FeedDir {
    /// Opens `root/name`; nothing is created until something is written. An unreadable index
    /// is treated as empty: the worst case is that known items are fetched and written again.
    pub(crate) fn open(root: &Path, name: &str) -> Self {
        let dir = root.join(name);
        let index = std::fs::read(dir.join(INDEX_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        FeedDir { dir, index }
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn validators(&self) -> &Validators {
        &self.index.validators
    }

    /// Looks the item up by GUID, then URL, then content hash.
    pub(crate) fn seen(&self, item: &Item) -> Seen {
        let hash = item_hash(item);
        let known = self.find(item, &hash);
        match known {
            None => Seen::New,
            Some(k) if k.hash == hash => Seen::Unchanged,
            Some(k) => Seen::Updated(k.file.clone()),
        }
    }

    fn find(&self, item: &Item, hash: &str) -> Option<&Known> {
        let items = &self.index.items;
        if let Some(g) = &item.guid
            && let Some(k) = items.iter().find(|k| k.guid.as_ref() == Some(g))
        {
            return Some(k);
        }
        if let Some(u) = &item.url
            && let Some(k) = items
                .iter()
                .find(|k| k.url.as_ref() == Some(u) && (k.guid.is_none() || item.guid.is_none()))
        {
            return Some(k);
        }
        items.iter().find(|k| k.hash == hash)
    }

    /// Writes the article of `item` (to `file` when it replaces one) and records it.
    pub(crate) fn write(
        &mut self,
        item: &Item,
        file: Option<String>,
        article: &ArticleText,
    ) -> std::io::Result<PathBuf> {
        let file = file.unwrap_or_else(|| self.file_name(item, article));
        let path = self.dir.join(&file);
        write_atomic(&path, article.render().as_bytes(), || Ok(()))?;
        let hash = item_hash(item);
        self.index.items.retain(|k| k.file != file);
        self.index.items.push(Known {
            guid: item.guid.clone(),
            url: item.url.clone(),
            hash,
            file,
        });
        Ok(path)
    }

    /// Saves the index; `validators` only when every item made it, so that a failed item is
    /// tried again next time instead of hiding behind a `304`.
    pub(crate) fn save(&mut self, validators: Option<Validators>) -> std::io::Result<()> {
        if let Some(v) = validators {
            self.index.validators = v;
        }
        let json = serde_json::to_vec_pretty(&self.index).map_err(std::io::Error::other)?;
        write_atomic(&self.dir.join(INDEX_FILE), &json, || Ok(()))
    }

    /// `2025-12-25-<title words>-<id>.txt`: the date sorts, the title says what it is, the id
    /// (from the GUID, URL or title) keeps two items with one title apart.
    fn file_name(&self, item: &Item, article: &ArticleText) -> String {
        let identity = item
            .guid
            .as_deref()
            .or(item.url.as_deref())
            .unwrap_or(&article.title);
        let id = xxhash_rust::xxh3::xxh3_64(identity.as_bytes());
        let date = article
            .published
            .map(|d| {
                d.with_timezone(&bangladesh())
                    .format("%Y-%m-%d-")
                    .to_string()
            })
            .unwrap_or_default();
        let base = format!("{date}{}-{:08x}", slug(&article.title), id as u32);
        let mut name = format!("{base}.txt");
        let mut n = 2;
        while self.index.items.iter().any(|k| k.file == name) {
            name = format!("{base}-{n}.txt");
            n += 1;
        }
        name
    }
}

/// A title as a file-name part: letters and digits (whole grapheme clusters, so Bengali
/// conjuncts stay intact) kept, everything else one `-`, at most [`NAME_GRAPHEMES`].
pub(crate) fn slug(title: &str) -> String {
    let cleaned = clean(title);
    let mut out = String::new();
    let mut kept = 0;
    for g in cleaned.graphemes(true) {
        if kept >= NAME_GRAPHEMES {
            break;
        }
        let keep = g.chars().next().is_some_and(char::is_alphanumeric)
            && !g
                .chars()
                .any(|c| c.is_control() || matches!(c, '/' | '\\' | '.' | ':'));
        if keep {
            out.push_str(g);
            kept += 1;
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
            kept += 1;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "article".to_string()
    } else {
        out.to_string()
    }
}

fn item_hash(item: &Item) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in [
        item.title.as_str(),
        item.summary.as_deref().unwrap_or(""),
        item.content.as_deref().unwrap_or(""),
    ] {
        h.update(part.as_bytes());
        h.update(&[0]);
    }
    if let Some(p) = item.published {
        h.update(p.to_rfc3339().as_bytes());
    }
    format!("{:016x}", h.digest())
}

fn bangladesh() -> FixedOffset {
    FixedOffset::east_opt(BANGLADESH_SECONDS_EAST)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"))
}

/// The words of the header lines, from assets/dates.toml (the date line must read back as one)
/// and assets/feeds.toml.
struct Labels {
    months: Vec<String>,
    am: String,
    pm: String,
    published: String,
    url: String,
    publisher: String,
    author: String,
}

#[derive(Deserialize)]
struct DatesFile {
    months: Vec<Vec<String>>,
    am: Vec<String>,
    pm: Vec<String>,
    published: Vec<String>,
}

#[derive(Deserialize)]
struct FeedsFile {
    url_label: String,
    publisher_label: String,
    author_label: String,
}

fn labels() -> &'static Labels {
    static LABELS: OnceLock<Labels> = OnceLock::new();
    LABELS.get_or_init(|| {
        let d: DatesFile = toml::from_str(include_str!("../../assets/dates.toml"))
            .unwrap_or_else(|e| panic!("assets/dates.toml is invalid: {e}"));
        let f: FeedsFile = toml::from_str(include_str!("../../assets/feeds.toml"))
            .unwrap_or_else(|e| panic!("assets/feeds.toml is invalid: {e}"));
        let first = |v: Vec<String>, what: &str| {
            v.into_iter()
                .next()
                .unwrap_or_else(|| panic!("assets/dates.toml: empty {what} list"))
        };
        Labels {
            months: d.months.into_iter().map(|m| first(m, "month")).collect(),
            am: first(d.am, "am"),
            pm: first(d.pm, "pm"),
            published: first(d.published, "published"),
            url: f.url_label,
            publisher: f.publisher_label,
            author: f.author_label,
        }
    })
}

/// `২৫ ডিসেম্বর ২০২৫, ০৫:১৭ অপরাহ্ন` in Bangladesh time: a form every version of the date-line
/// reader understands.
pub(crate) fn bengali_date(when: DateTime<Utc>) -> String {
    use chrono::Datelike;
    let l = labels();
    let t = when.with_timezone(&bangladesh());
    let (pm, hour12) = t.hour12();
    let month = l.months.get(t.month0() as usize).map_or("", String::as_str);
    let text = format!(
        "{} {month} {}, {:02}:{:02} {}",
        t.day(),
        t.year(),
        hour12,
        t.minute(),
        if pm { &l.pm } else { &l.am }
    );
    bengali_digits(&text)
}

fn bengali_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(0x09E6 + d).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// One line of untrusted text: cleaned, on one line.
fn one_line(s: &str) -> String {
    clean(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

impl ArticleText {
    /// The article in the text format khobor reads: headline; date, URL, publisher and
    /// author lines; a blank line; paragraphs separated by blank lines.
    pub fn render(&self) -> String {
        let l = labels();
        let mut out = one_line(&self.title);
        out.push('\n');
        if let Some(p) = self.published {
            out.push_str(&format!("{}: {}\n", l.published, bengali_date(p)));
        }
        if let Some(u) = self.url.as_deref().map(one_line).filter(|u| !u.is_empty()) {
            out.push_str(&format!("{}: {u}\n", l.url));
        }
        if let Some(p) = self
            .publisher
            .as_deref()
            .map(one_line)
            .filter(|p| !p.is_empty())
        {
            out.push_str(&format!("{}: {p}\n", l.publisher));
        }
        if let Some(a) = self
            .author
            .as_deref()
            .map(one_line)
            .filter(|a| !a.is_empty())
        {
            out.push_str(&format!("{}: {a}\n", l.author));
        }
        for p in &self.paragraphs {
            for line in clean(p).lines().map(str::trim).filter(|l| !l.is_empty()) {
                out.push('\n');
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::parse_bytes;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("date")
            .with_timezone(&Utc)
    }

    #[test]
    fn written_article_reads_back() {
        let a = ArticleText {
            title: "ঢাকায় \u{1b}[31mভারী বৃষ্টি".into(),
            published: Some(utc("2025-12-25T11:17:12Z")),
            url: Some("https://example.com/a".into()),
            publisher: Some("Prothom Alo".into()),
            author: Some("নিজস্ব প্রতিবেদক".into()),
            paragraphs: vec![
                "রাজধানীতে সকাল থেকে বৃষ্টি হচ্ছে।".into(),
                "আবহাওয়া অধিদপ্তর সতর্কবার্তা দিয়েছে।".into(),
            ],
        };
        let text = a.render();
        assert!(!text.contains('\u{1b}'));
        let (article, _) = parse_bytes("x.txt", text.as_bytes()).expect("parse");
        assert_eq!(article.title, "ঢাকায় ভারী বৃষ্টি");
        assert_eq!(
            article.published.map(|p| p.to_iso()).as_deref(),
            Some("2025-12-25T17:17:00")
        );
        assert_eq!(
            article.body,
            vec![
                "রাজধানীতে সকাল থেকে বৃষ্টি হচ্ছে।",
                "আবহাওয়া অধিদপ্তর সতর্কবার্তা দিয়েছে।"
            ]
        );
    }

    #[test]
    fn every_month_and_both_noons_read_back() {
        let mut cases = vec![
            (
                "2025-01-31T18:05:00Z".to_string(),
                "2025-02-01T00:05:00".to_string(),
            ),
            (
                "2025-06-15T06:30:00Z".to_string(),
                "2025-06-15T12:30:00".to_string(),
            ),
        ];
        cases.extend((1..=12).map(|m| {
            (
                format!("2024-{m:02}-10T03:00:00Z"),
                format!("2024-{m:02}-10T09:00:00"),
            )
        }));
        for (when, iso) in cases {
            let a = ArticleText {
                title: "শিরোনাম".into(),
                published: Some(utc(&when)),
                paragraphs: vec!["অনুচ্ছেদ।".into()],
                ..ArticleText::default()
            };
            let (article, _) = parse_bytes("x.txt", a.render().as_bytes()).expect("parse");
            assert_eq!(
                article.published.map(|p| p.to_iso()).as_deref(),
                Some(iso.as_str()),
                "{when}"
            );
        }
    }

    #[test]
    fn slugs_are_safe_and_keep_clusters() {
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("ক্ষমতা\tনিয়ে / বিতর্ক"), "ক্ষমতা-নিয়ে-বিতর্ক");
        assert_eq!(slug("..."), "article");
        let long = slug(&"বাংলাদেশ ".repeat(40));
        assert!(long.graphemes(true).count() <= NAME_GRAPHEMES);
    }
}
