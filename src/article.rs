//! The parsed article: the one record every layer shares.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// Stable identity of an article: a hash of its cleaned text, so it survives renames and moves.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct ContentId(pub u128);

impl ContentId {
    /// The id of cleaned text: the same words give the same id wherever the file lives.
    pub fn of(cleaned: &str) -> Self {
        Self(xxhash_rust::xxh3::xxh3_128(cleaned.as_bytes()))
    }
}

impl std::fmt::Display for ContentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

/// When an article was published, as precisely as its date line says (local Bangladesh time).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Published {
    /// The date line gave a day only.
    Date(chrono::NaiveDate),
    /// The date line gave a time of day too.
    DateTime(chrono::NaiveDateTime),
}

impl Published {
    /// ISO 8601: `2023-09-05` or `2025-07-13T13:28:31`.
    pub fn to_iso(&self) -> String {
        match self {
            Published::Date(d) => d.format("%Y-%m-%d").to_string(),
            Published::DateTime(dt) => dt.format("%Y-%m-%dT%H:%M:%S").to_string(),
        }
    }

    /// The moment, for ordering: a date alone counts as its midnight.
    pub(crate) fn when(&self) -> chrono::NaiveDateTime {
        match self {
            Published::Date(d) => d.and_time(chrono::NaiveTime::MIN),
            Published::DateTime(dt) => *dt,
        }
    }

    /// The calendar day, for sorting and date filters.
    pub(crate) fn date(&self) -> chrono::NaiveDate {
        match self {
            Published::Date(d) => *d,
            Published::DateTime(dt) => dt.date(),
        }
    }
}

impl Serialize for Published {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso())
    }
}

/// How an article draws on a news outlet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceRole {
    /// The article's own credit line: `সূত্র: X`, `খবর X-এর`.
    Credit,
    /// Reporting attributed in the text: `X জানিয়েছে`, `X-এর প্রতিবেদনে`.
    Attributed,
}

/// A news outlet or agency the article draws on.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceRef {
    /// Canonical English name (`Al Jazeera`, `TASS`).
    pub name: String,
    /// The Bengali name as first written in the article, suffix-free (`আল জাজিরা`).
    pub name_bn: String,
    /// Whether the article credits the outlet or only attributes reporting to it.
    pub role: SourceRole,
}

/// An outlet only named in the article, not drawn on.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MediaRef {
    /// Canonical English name, as for [`SourceRef::name`].
    pub name: String,
    pub(crate) name_bn: String,
}

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person (`ভ্লাদিমির পুতিন`).
    Person,
    /// A country, city, district or other place (`ঢাকা`).
    Place,
    /// A party, ministry, company, court or other body (`জাতিসংঘ`).
    Organization,
    /// A news outlet or agency named in the text (`রয়টার্স`).
    Media,
}

/// Which block of the article a span lies in: the title or one body paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Block {
    /// The headline.
    Title,
    /// The body paragraph at this index.
    Body(usize),
}

/// Where a mention sits: a byte range into `Article::title` or one `Article::body` paragraph.
/// Ranges always fall on char boundaries; the UI widens them to grapheme clusters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// The title or the body paragraph the range indexes.
    pub block: Block,
    /// Byte range of the mention within that block.
    pub range: Range<usize>,
}

/// A name shared by every article that mentions it: a corpus of 100,000 articles names the
/// same few thousand entities over a million times, and one copy of each name (see
/// [`crate::load`]'s interning) instead of a million saves a third of the memory.
pub(crate) type Name = std::sync::Arc<str>;

/// One real-world entity mentioned in an article, with all its forms merged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Corpus-wide identity: the same entity has the same id in every article
    /// (`gaz:<id>` for gazetteer entries, `<kind>:<normalised name>` for names found from context).
    pub id: Name,
    /// Person, place, organisation or outlet.
    pub kind: EntityKind,
    /// Canonical Bengali name: suffix-free, the fullest form seen (`ভ্লাদিমির পুতিন`).
    pub name: Name,
    /// The English name, when the gazetteer knows the entity.
    pub name_en: Option<Name>,
    /// Every suffix-free form seen in the article, fullest first.
    pub aliases: Vec<Name>,
    /// How many times the entity is mentioned.
    pub mentions: usize,
    /// Where each mention sits, for highlighting (a light article keeps the title's only).
    pub spans: Vec<Span>,
}

/// Drops every span outside the title: entities as a light article keeps them
/// ([`Article::make_light`]).
pub(crate) fn keep_title_spans(entities: &mut [Entity]) {
    for e in entities {
        e.spans.retain(|s| s.block == Block::Title);
        e.spans.shrink_to_fit();
    }
}

/// A parsed, cleaned article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    /// Where it was read from (a display path; `seeds/…` for the bundled seeds).
    pub path: String,
    /// Hash of the cleaned text, which reading marks and the caches are keyed by.
    pub id: ContentId,
    /// The headline (or the first sentence, when `title_derived`).
    pub title: String,
    /// True when the file had no headline and the title was taken from the first sentence.
    pub title_derived: bool,
    /// When it was published, from its date line, dataset column or feed; `None` when unknown.
    pub published: Option<Published>,
    /// Seconds east of UTC the time was given in (`+06:00`); `None`: Bangladesh time, as
    /// Bangladeshi papers print it.
    pub published_offset: Option<i32>,
    /// The outlet that published the article: a dataset's publisher column, a site-name line,
    /// or the outlet whose web site `url` is on (`assets/outlets.toml`).
    pub publisher: Option<String>,
    /// The article's address on the web, from a URL line, a dataset column, a feed item's link or
    /// a page's canonical link.
    pub url: Option<String>,
    /// The writer, from a dataset's author column or a feed item.
    pub author: Option<String>,
    /// The paper's section (`Bangladesh`, `খেলা`), from a dataset or a feed.
    pub category: Option<String>,
    /// Outlets the article credits or attributes reporting to, first mention first.
    pub sources: Vec<SourceRef>,
    /// Outlets only named in the text (not drawn on), kept apart from `sources`.
    pub cited_media: Vec<MediaRef>,
    /// Byline tags such as `/এআই`.
    pub byline: Vec<String>,
    /// Body paragraphs, boilerplate removed.
    pub body: Vec<String>,
    /// Filled by `extract`; empty until then.
    pub entities: Vec<Entity>,
    /// True when the article was loaded light (see [`crate::load::LoadOptions::light`]): `body`
    /// is empty and entities keep only their spans in the title. [`crate::reload`] reads the
    /// rest again from the file when the article is shown.
    pub text_omitted: bool,
}

impl Article {
    /// Leaves out the body and the entity spans outside the title: what a corpus of 100,000
    /// articles would otherwise hold in memory twice over (the body is the file again, and the
    /// spans are only needed to tint the body of the one article on screen).
    pub(crate) fn make_light(&mut self) {
        self.body = Vec::new();
        keep_title_spans(&mut self.entities);
        // Kept for the whole session: no room left over from building them.
        self.entities.shrink_to_fit();
        self.title.shrink_to_fit();
        self.path.shrink_to_fit();
        self.text_omitted = true;
    }

    /// The publication time in ISO 8601, with its offset when one was given
    /// (`2026-02-25T17:20:15+06:00`, `2024-08-12`).
    pub(crate) fn published_iso(&self) -> Option<String> {
        let p = self.published?;
        let mut iso = p.to_iso();
        if let (Published::DateTime(_), Some(offset)) = (p, self.published_offset)
            && let Some(o) = chrono::FixedOffset::east_opt(offset)
        {
            iso.push_str(&o.to_string());
        }
        Some(iso)
    }

    /// The text of a block, for resolving a [`Span`].
    pub fn block(&self, block: Block) -> Option<&str> {
        match block {
            Block::Title => Some(&self.title),
            Block::Body(i) => self.body.get(i).map(String::as_str),
        }
    }
}
