//! Feed files on disk (RSS 0.9x, 1.0 and 2.0, Atom, JSON Feed, read by `feed-rs`): one article
//! per item, with the item's title, date, link and author, the channel as its publisher, and
//! its content (else its description) as the body. Items are keyed by their number in the feed.

use std::io::BufReader;
use std::path::Path;

use chrono::FixedOffset;

use super::fields::{self, Fields};
use super::markup::fragment_text;
use super::{FileArticles, row_path};
use crate::ingest::FileProblem;

/// Feeds are read whole; no feed is this large.
const FEED_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Bangladesh Standard Time: `feed-rs` gives times in UTC; they are shown as the papers print them.
const BANGLADESH_SECONDS: i32 = 6 * 3600;

pub(super) fn load(path: &Path) -> Result<FileArticles, FileProblem> {
    let (file, _) = crate::fsutil::open_regular(path)
        .map_err(|e| FileProblem::new(path, format!("skipped: cannot read ({e})")))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len == 0 {
        return Err(FileProblem::new(path, "skipped: empty file"));
    }
    if len > FEED_MAX_BYTES {
        return Err(FileProblem::new(path, "skipped: too large for a feed"));
    }
    let feed = feed_rs::parser::parse(BufReader::new(file))
        .map_err(|e| FileProblem::new(path, format!("skipped: not a feed khobor reads ({e})")))?;
    let channel = feed
        .title
        .as_ref()
        .map(|t| channel_name(&t.content))
        .filter(|t| !t.is_empty());
    let bangladesh = FixedOffset::east_opt(BANGLADESH_SECONDS);
    let mut out = FileArticles::default();
    for (i, entry) in feed.entries.into_iter().enumerate() {
        let shown = row_path(path, i as u64 + 1);
        let body = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
            .map(|html| fragment_text(&html));
        let date = entry
            .published
            .or(entry.updated)
            .zip(bangladesh)
            .map(|(d, bd)| {
                d.with_timezone(&bd)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
            });
        // An item's own source (RSS `<source>`) names its outlet better than the channel.
        let publisher = entry
            .source
            .clone()
            .filter(|s| !s.starts_with("http"))
            .or_else(|| channel.clone());
        let fields = Fields {
            title: entry.title.as_ref().map(|t| fragment_text(&t.content)),
            body,
            date,
            url: entry.links.first().map(|l| l.href.clone()),
            publisher,
            author: entry
                .authors
                .iter()
                .filter_map(|p| p.name.clone())
                .reduce(|a, b| format!("{a}, {b}")),
            category: entry
                .categories
                .first()
                .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone())),
            summary: None,
        };
        match fields::article(&shown, fields, None) {
            Ok((a, w)) => {
                out.articles.push(a);
                out.warnings.extend(w);
            }
            Err(p) => out.warnings.push(p),
        }
    }
    if out.articles.is_empty() && out.warnings.is_empty() {
        return Err(FileProblem::new(path, "skipped: a feed with no items"));
    }
    Ok(out)
}

/// `BD News - BD Pratidin` → `BD Pratidin`: aggregators put their own name first.
fn channel_name(title: &str) -> String {
    let title = fragment_text(title);
    let title = title.trim();
    match title.rsplit_once(" - ") {
        Some((_, outlet)) if !outlet.trim().is_empty() => outlet.trim().to_string(),
        _ => title.to_string(),
    }
}
