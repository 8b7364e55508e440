//! `khobor entities`: the corpus-wide facet table (kind, name, English, article count), most
//! frequent first, aligned by terminal display width.

use std::path::PathBuf;

use crate::extract::{Facet, facets, kind_name};
use crate::text::width::{pad, width};

pub(super) fn run(paths: &[PathBuf]) -> anyhow::Result<()> {
    let corpus = super::load(paths, true)?;
    let lines = table(&facets(&corpus.articles));
    super::with_stdout(|out| {
        for line in &lines {
            writeln!(out, "{line}")?;
        }
        Ok(())
    })
}

/// A header and one row per facet; every column but the last padded to its widest cell.
pub(super) fn table(facets: &[Facet]) -> Vec<String> {
    let mut rows: Vec<[String; 4]> = vec![[
        "KIND".into(),
        "NAME".into(),
        "ENGLISH".into(),
        "ARTICLES".into(),
    ]];
    rows.extend(facets.iter().map(|f| {
        [
            kind_name(f.kind).to_string(),
            f.name.to_string(),
            f.name_en.as_deref().unwrap_or("-").to_string(),
            f.articles.to_string(),
        ]
    }));
    let widths: Vec<usize> = (0..3)
        .map(|c| rows.iter().map(|r| width(&r[c])).max().unwrap_or(0))
        .collect();
    rows.iter()
        .map(|r| {
            format!(
                "{}  {}  {}  {}",
                pad(&r[0], widths[0]),
                pad(&r[1], widths[1]),
                pad(&r[2], widths[2]),
                r[3]
            )
        })
        .collect()
}
