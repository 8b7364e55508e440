//! `khobor extract`: one JSON object per article (JSON Lines), field names stable.

use std::path::PathBuf;

use serde::Serialize;

use crate::article::{Article, EntityKind, MediaRef, Name, SourceRef};

/// One output line. Field names and order are the documented interface; change them only
/// together with the README.
#[derive(Serialize)]
pub(super) struct Record<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub title_derived: bool,
    /// ISO 8601, with the offset when the source gave one.
    pub published: Option<String>,
    pub publisher: Option<&'a str>,
    pub url: Option<&'a str>,
    pub author: Option<&'a str>,
    pub category: Option<&'a str>,
    pub sources: &'a [SourceRef],
    pub cited_media: &'a [MediaRef],
    pub byline: &'a [String],
    pub body: &'a [String],
    pub entities: Vec<EntityRecord<'a>>,
}

#[derive(Serialize)]
pub(super) struct EntityRecord<'a> {
    pub kind: EntityKind,
    pub name: &'a str,
    pub name_en: Option<&'a str>,
    pub aliases: &'a [Name],
    pub mentions: usize,
}

impl<'a> Record<'a> {
    pub(super) fn of(a: &'a Article) -> Self {
        Record {
            path: &a.path,
            title: &a.title,
            title_derived: a.title_derived,
            published: a.published_iso(),
            publisher: a.publisher.as_deref(),
            url: a.url.as_deref(),
            author: a.author.as_deref(),
            category: a.category.as_deref(),
            sources: &a.sources,
            cited_media: &a.cited_media,
            byline: &a.byline,
            body: &a.body,
            entities: a
                .entities
                .iter()
                .map(|e| EntityRecord {
                    kind: e.kind,
                    name: &e.name,
                    name_en: e.name_en.as_deref(),
                    aliases: &e.aliases,
                    mentions: e.mentions,
                })
                .collect(),
        }
    }
}

/// Prints each article as it is loaded: a 100,000-article archive never sits in memory whole.
pub(super) fn run(paths: &[PathBuf]) -> anyhow::Result<()> {
    let mut failed = None;
    super::with_stdout(|out| {
        super::stream(paths, |a| {
            let written = crate::text::escape::write_json_line(out, &Record::of(&a));
            match written {
                Ok(()) => true,
                Err(e) => {
                    failed = Some(e);
                    false
                }
            }
        })
        .map_err(std::io::Error::other)?;
        failed.map_or(Ok(()), Err)
    })
}
