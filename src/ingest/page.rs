//! An article page reduced to its text with `dom_smoothie` (a port of Mozilla's Readability):
//! the headline, byline and paragraphs without the site's menus, share buttons and related
//! links, and what the page says about itself (date, canonical address, site name). Pages
//! fetched by `khobor fetch` and pages saved on disk go through this one path; feed content
//! that is already the article goes through the same paragraph split.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

/// Below this many characters of text a page holds no article (a menu, a login wall, a video
/// with a caption); Readability's own "probably readable" threshold.
const MIN_ARTICLE_CHARS: usize = 140;

/// What a page says about its article; text still untrusted.
#[derive(Debug, Default)]
pub(crate) struct PageText {
    pub(crate) title: Option<String>,
    pub(crate) byline: Option<String>,
    pub(crate) published: Option<String>,
    /// The page's own address: `<link rel="canonical">`, else `og:url`, else JSON-LD `url`.
    pub(crate) canonical: Option<String>,
    /// `og:site_name` or JSON-LD `publisher`: the outlet.
    pub(crate) site_name: Option<String>,
    pub(crate) paragraphs: Vec<String>,
}

/// The article of `html` fetched from `url` (`None` for a page saved on disk), or `None` when
/// the page holds none.
pub(crate) fn article(html: &str, url: Option<&str>) -> Option<PageText> {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let doc = Document::from(html);
    let canonical = canonical_of(&doc);
    let mut readability = Readability::with_document(doc, url, Some(config)).ok()?;
    let found = readability.parse().ok()?;
    let paragraphs = paragraphs_of(&found.text_content);
    if text_chars(&paragraphs) < MIN_ARTICLE_CHARS {
        return None;
    }
    Some(PageText {
        title: Some(found.title).filter(|t| !t.trim().is_empty()),
        byline: found.byline.filter(|b| !b.trim().is_empty()),
        published: found.published_time,
        canonical: canonical.or(found.url).filter(|u| is_web_address(u)),
        site_name: found.site_name.filter(|s| !s.trim().is_empty()),
        paragraphs,
    })
}

/// The address the page names as its own, read before Readability prunes the head.
fn canonical_of(doc: &Document) -> Option<String> {
    let attr = |selector: &str, name: &str| {
        doc.select(selector)
            .attr(name)
            .map(|v| v.trim().to_string())
            .filter(|v| is_web_address(v))
    };
    attr("link[rel~=canonical]", "href").or_else(|| attr("meta[property=\"og:url\"]", "content"))
}

fn is_web_address(v: &str) -> bool {
    (v.starts_with("https://") || v.starts_with("http://")) && !v.contains(char::is_whitespace)
}

/// The paragraphs of an HTML fragment (a feed's `content:encoded`).
pub(crate) fn fragment_paragraphs(html: &str) -> Vec<String> {
    let doc = dom_query::Document::fragment(html);
    paragraphs_of(&doc.formatted_text())
}

/// Whether feed content is the whole article rather than a teaser.
pub(crate) fn is_full_article(paragraphs: &[String]) -> bool {
    text_chars(paragraphs) >= MIN_ARTICLE_CHARS * 4
}

fn paragraphs_of(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

fn text_chars(paragraphs: &[String]) -> usize {
    paragraphs.iter().map(|p| p.chars().count()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_keeps_paragraphs_apart() {
        let p = fragment_paragraphs("<p>প্রথম অনুচ্ছেদ।</p><p>দ্বিতীয়   অনুচ্ছেদ।<br>নতুন লাইন</p>");
        assert_eq!(p, vec!["প্রথম অনুচ্ছেদ।", "দ্বিতীয় অনুচ্ছেদ।", "নতুন লাইন"]);
    }

    #[test]
    fn menu_page_has_no_article() {
        let html =
            "<html><body><nav><a href='/'>প্রচ্ছদ</a> <a href='/b'>বাংলাদেশ</a></nav></body></html>";
        assert!(article(html, Some("http://127.0.0.1/x")).is_none());
    }
}
