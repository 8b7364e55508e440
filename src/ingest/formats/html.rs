//! Saved web pages (`.html`, `.htm`, or anything that starts like HTML): one article each, its
//! text found by Readability ([`crate::ingest::page`], the path `khobor fetch` uses for pages),
//! then read like any record: the Bengali boilerplate rules, the date, the URL and publisher.

use std::path::Path;

use super::FileArticles;
use super::fields::{self, Fields};
use crate::fsutil::{ReadError, read_regular};
use crate::ingest::outlets::OutletTable;
use crate::ingest::{FileProblem, MAX_FILE_BYTES, page};

/// What sites put between the headline and their name in a page's `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » "];

pub(super) fn load(path: &Path) -> Result<FileArticles, FileProblem> {
    let skip = |reason: String| FileProblem::new(path, format!("skipped: {reason}"));
    let bytes = read_regular(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::Io(e) => skip(format!("cannot read ({e})")),
        other => skip(other.to_string()),
    })?;
    if bytes.is_empty() {
        return Err(skip("empty file".into()));
    }
    if memchr::memchr(0, &bytes).is_some() {
        return Err(skip("binary file (contains NUL bytes)".into()));
    }
    let html = crate::fetch::charset::decode(&bytes, None);
    drop(bytes);
    let found = page::article(&html, None)
        .ok_or_else(|| FileProblem::new(path, "no article text found"))?;
    let (title, named_site) = match found.title {
        Some(t) => split_site_suffix(t, found.site_name.as_deref()),
        None => (None, None),
    };
    let record = Fields {
        title,
        body: Some(found.paragraphs.join("\n")),
        date: found.published,
        url: found.canonical,
        publisher: found.site_name.or(named_site),
        author: found.byline,
        ..Fields::default()
    };
    let shown = crate::fsutil::path_text(path);
    let (article, warnings) = fields::article(&shown, record, None)
        .map_err(|_| FileProblem::new(path, "no article text found"))?;
    if article.body.is_empty() {
        return Err(FileProblem::new(path, "no article text found"));
    }
    Ok(FileArticles {
        articles: vec![article],
        warnings,
    })
}

/// `শিরোনাম | প্রথম আলো` → (`শিরোনাম`, `প্রথম আলো`): a page's `<title>` often ends with the
/// site's name, which is the publisher, not part of the headline (and not an outlet the
/// article cites).
fn split_site_suffix(title: String, site: Option<&str>) -> (Option<String>, Option<String>) {
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let (head, tail) = (head.trim(), tail.trim());
            let is_site = site.is_some_and(|s| s.trim().eq_ignore_ascii_case(tail))
                || OutletTable::embedded().by_publisher_name(tail).is_some();
            if is_site && !head.is_empty() {
                return (Some(head.to_string()), Some(tail.to_string()));
            }
        }
    }
    (Some(title), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_name_after_the_headline_is_cut_off() {
        let split = |t: &str, site| split_site_suffix(t.to_string(), site);
        assert_eq!(
            split("আমের বাজারে ধস | প্রথম আলো", None),
            (Some("আমের বাজারে ধস".into()), Some("প্রথম আলো".into()))
        );
        assert_eq!(
            split("আমের বাজারে ধস - Daily Example", Some("daily example")).0,
            Some("আমের বাজারে ধস".into())
        );
        // A dash inside a headline that is not followed by a site name stays.
        assert_eq!(
            split("ঢাকা - চট্টগ্রাম মহাসড়কে যানজট", None).0,
            Some("ঢাকা - চট্টগ্রাম মহাসড়কে যানজট".into())
        );
    }
}
