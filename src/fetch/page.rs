//! An article page reduced to its text with `dom_smoothie` (a port of Mozilla's Readability):
//! the headline, byline and paragraphs without the site's menus, share buttons and related
//! links. Feed content that is already the article goes through the same paragraph split.

use dom_smoothie::{Config, Readability, TextMode};

/// Below this many characters of text a page holds no article (a menu, a login wall, a video
/// with a caption); Readability's own "probably readable" threshold.
const MIN_ARTICLE_CHARS: usize = 140;

/// What a page says about its article; text still untrusted.
#[derive(Debug, Default)]
pub struct PageText {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub paragraphs: Vec<String>,
}

/// The article of `html` fetched from `url`, or `None` when the page holds none.
pub fn article(html: &str, url: &str) -> Option<PageText> {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability = Readability::new(html, Some(url), Some(config)).ok()?;
    let found = readability.parse().ok()?;
    let paragraphs = paragraphs_of(&found.text_content);
    if text_chars(&paragraphs) < MIN_ARTICLE_CHARS {
        return None;
    }
    Some(PageText {
        title: Some(found.title).filter(|t| !t.trim().is_empty()),
        byline: found.byline.filter(|b| !b.trim().is_empty()),
        published: found.published_time,
        paragraphs,
    })
}

/// The paragraphs of an HTML fragment (a feed's `content:encoded`).
pub fn fragment_paragraphs(html: &str) -> Vec<String> {
    let doc = dom_query::Document::fragment(html);
    paragraphs_of(&doc.formatted_text())
}

/// Whether feed content is the whole article rather than a teaser.
pub fn is_full_article(paragraphs: &[String]) -> bool {
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
        assert!(article(html, "http://127.0.0.1/x").is_none());
    }
}
