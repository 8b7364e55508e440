//! `khobor extract`: one JSON object per article (JSON Lines), field names stable.

use std::path::PathBuf;

use serde::Serialize;

use crate::article::{Article, EntityKind, MediaRef, Published, SourceRef};

/// One output line. Field names and order are the documented interface; change them only
/// together with the README.
#[derive(Serialize)]
pub struct Record<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub title_derived: bool,
    pub published: Option<Published>,
    pub publisher: Option<&'a str>,
    pub sources: &'a [SourceRef],
    pub cited_media: &'a [MediaRef],
    pub byline: &'a [String],
    pub body: &'a [String],
    pub entities: Vec<EntityRecord<'a>>,
}

#[derive(Serialize)]
pub struct EntityRecord<'a> {
    pub kind: EntityKind,
    pub name: &'a str,
    pub name_en: Option<&'a str>,
    pub aliases: &'a [String],
    pub mentions: usize,
}

impl<'a> Record<'a> {
    pub fn of(a: &'a Article) -> Self {
        Record {
            path: &a.path,
            title: &a.title,
            title_derived: a.title_derived,
            published: a.published,
            publisher: a.publisher.as_deref(),
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

pub fn run(paths: &[PathBuf]) -> anyhow::Result<()> {
    let corpus = super::load(paths, false)?;
    super::with_stdout(|out| {
        for a in &corpus.articles {
            serde_json::to_writer(&mut *out, &Record::of(a))?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })
}
