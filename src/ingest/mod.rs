//! From files on disk to parsed articles: discover, read + decode, clean (the trust boundary), parse.
//!
//! STUB: the ingest issue replaces the bodies; the signatures are the contract other layers use.

use std::path::{Path, PathBuf};

use crate::article::{Article, ContentId};

/// A problem with one input file; the rest of the corpus still loads.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct FileProblem {
    pub path: PathBuf,
    pub reason: String,
}

/// Files under `paths` (files or directories, recursive), in a deterministic order.
/// A PATH that does not exist is an error; problems inside directories are reported, not fatal.
pub fn discover(paths: &[PathBuf]) -> anyhow::Result<(Vec<PathBuf>, Vec<FileProblem>)> {
    let mut files = Vec::new();
    for p in paths {
        if !p.exists() {
            anyhow::bail!("{}: no such file or directory", p.display());
        }
        files.push(p.clone());
    }
    Ok((files, Vec::new()))
}

/// Makes untrusted text safe and canonical: NFC, no control or escape sequences, no invisible junk.
pub fn clean(raw: &str) -> String {
    raw.replace("\r\n", "\n")
}

/// Parses one cleaned text into an article (no entities yet).
pub fn parse(path: &str, cleaned: &str) -> Article {
    let mut lines = cleaned.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().unwrap_or_default().to_string();
    Article {
        path: path.to_string(),
        id: ContentId::of(cleaned),
        title,
        body: lines.map(str::to_string).collect(),
        ..Article::default()
    }
}

/// Decodes, cleans and parses raw bytes; warnings (e.g. invalid UTF-8) name the file.
pub fn parse_bytes(path: &str, bytes: &[u8]) -> Result<(Article, Vec<FileProblem>), FileProblem> {
    let raw = String::from_utf8_lossy(bytes);
    Ok((parse(path, &clean(&raw)), Vec::new()))
}

/// Reads and parses one file.
pub fn load_file(path: &Path) -> Result<(Article, Vec<FileProblem>), FileProblem> {
    let bytes = std::fs::read(path).map_err(|e| FileProblem {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    parse_bytes(&path.display().to_string(), &bytes)
}
