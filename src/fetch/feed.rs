//! A downloaded feed (RSS 0.9x/1.0/2.0, Atom, JSON Feed) as the items khobor needs.

use chrono::{DateTime, Utc};
use feed_rs::model::{Entry, Link};

use crate::fetch::charset::declare_utf8;

/// A parsed feed.
#[derive(Debug)]
pub(crate) struct Channel {
    pub(crate) title: Option<String>,
    pub(crate) items: Vec<Item>,
}

/// One entry, its text still as the feed gave it (untrusted, not yet cleaned).
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// The entry's own id (`guid`, Atom `id`, JSON `id`); `None` when the feed gives none.
    pub(crate) guid: Option<String>,
    /// The article page, absolute.
    pub(crate) url: Option<String>,
    pub(crate) title: String,
    pub(crate) published: Option<DateTime<Utc>>,
    pub(crate) authors: Vec<String>,
    /// The full content (`content:encoded`, Atom `content`, JSON `content_html`/`content_text`).
    pub(crate) content: Option<String>,
    /// The teaser (`description`, Atom `summary`).
    pub(crate) summary: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum FeedError {
    #[error("an HTML page, not a feed")]
    Html,
    #[error("not a feed: {0}")]
    Parse(String),
}

/// Parses decoded feed text; `url` resolves relative links.
pub(crate) fn parse(text: &str, media_type: Option<&str>, url: &str) -> Result<Channel, FeedError> {
    if looks_like_html(text, media_type) {
        return Err(FeedError::Html);
    }
    let parser = feed_rs::parser::Builder::new()
        .base_uri(Some(url))
        // No invented ids: an entry without one is matched by its link or content instead.
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = parser
        .parse(declare_utf8(text).as_bytes())
        .map_err(|e| FeedError::Parse(e.to_string()))?;
    Ok(Channel {
        title: feed.title.map(|t| t.content),
        items: feed.entries.into_iter().map(item).collect(),
    })
}

fn item(e: Entry) -> Item {
    let url = page_link(&e.links);
    Item {
        guid: Some(e.id).filter(|id| !id.trim().is_empty()),
        url,
        title: e.title.map(|t| t.content).unwrap_or_default(),
        published: e.published.or(e.updated),
        authors: e.authors.into_iter().filter_map(|p| p.name).collect(),
        content: e.content.and_then(|c| c.body),
        summary: e.summary.map(|s| s.content),
    }
}

/// The link to the article page: the alternate (or unlabelled) one.
fn page_link(links: &[Link]) -> Option<String> {
    links
        .iter()
        .find(|l| matches!(l.rel.as_deref(), None | Some("alternate")))
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty())
}

fn looks_like_html(text: &str, media_type: Option<&str>) -> bool {
    if media_type.is_some_and(|m| m == "text/html" || m == "application/xhtml+xml") {
        return true;
    }
    let head: String = text
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .chars()
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_item_fields() {
        let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>খবর</title>
<item><title>ঢাকায় বৃষ্টি</title><link>/bangladesh/rain</link><guid isPermaLink="false">id-1</guid>
<pubDate>Thu, 25 Dec 2025 17:17:12 +0600</pubDate><author>নিজস্ব প্রতিবেদক</author>
<description>সংক্ষেপ</description><content:encoded><![CDATA[<p>পুরো খবর</p>]]></content:encoded></item>
</channel></rss>"#;
        let c = parse(
            rss,
            Some("application/rss+xml"),
            "http://127.0.0.1:1/feed.xml",
        )
        .expect("feed");
        assert_eq!(c.title.as_deref(), Some("খবর"));
        let i = &c.items[0];
        assert_eq!(i.guid.as_deref(), Some("id-1"));
        assert_eq!(i.url.as_deref(), Some("http://127.0.0.1:1/bangladesh/rain"));
        assert_eq!(i.title, "ঢাকায় বৃষ্টি");
        assert_eq!(
            i.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2025-12-25T11:17:12+00:00")
        );
        assert_eq!(i.summary.as_deref(), Some("সংক্ষেপ"));
        assert!(i.content.as_deref().is_some_and(|c| c.contains("পুরো খবর")));
    }

    #[test]
    fn html_is_not_a_feed() {
        let page = "<!DOCTYPE html><html><body><p>Not a feed</p></body></html>";
        assert!(matches!(
            parse(page, None, "http://x/"),
            Err(FeedError::Html)
        ));
        assert!(matches!(
            parse("<rss><channel>", Some("text/html"), "http://x/"),
            Err(FeedError::Html)
        ));
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(parse("<rss><channel><item><title>x</item>", None, "http://x/").is_err());
    }
}
