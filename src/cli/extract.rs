//! `khobor extract`: one JSON object per article (JSON Lines), field names stable.

use std::path::PathBuf;

use serde::Serialize;

use crate::article::{Article, EntityKind, MediaRef, Name, SourceRef};

/// One output line. Field names and order are the documented interface; change them only
/// together with the README.
#[derive(Serialize)]
pub(super) struct Record<'a> {
    pub(crate) path: &'a str,
    pub(crate) title: &'a str,
    pub(crate) title_derived: bool,
    /// ISO 8601, with the offset when the source gave one.
    pub(crate) published: Option<String>,
    pub(crate) publisher: Option<&'a str>,
    pub(crate) url: Option<&'a str>,
    pub(crate) author: Option<&'a str>,
    pub(crate) category: Option<&'a str>,
    pub(crate) sources: &'a [SourceRef],
    pub(crate) cited_media: &'a [MediaRef],
    pub(crate) byline: &'a [String],
    pub(crate) body: &'a [String],
    pub(crate) entities: Vec<EntityRecord<'a>>,
}

#[derive(Serialize)]
pub(super) struct EntityRecord<'a> {
    pub(crate) kind: EntityKind,
    pub(crate) name: &'a str,
    pub(crate) name_en: Option<&'a str>,
    pub(crate) aliases: &'a [Name],
    pub(crate) mentions: usize,
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
