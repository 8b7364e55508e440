//! Article text files: one article each (see [`crate::ingest::parse`]).

use std::path::Path;

use super::FileArticles;
use crate::ingest::{FileProblem, load_file};

pub(super) fn load(path: &Path) -> Result<FileArticles, FileProblem> {
    let (article, warnings) = load_file(path)?;
    Ok(FileArticles {
        articles: vec![article],
        warnings,
    })
}
