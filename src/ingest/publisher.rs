//! Who published an article, as one name per outlet, and what that means for its sources.

use crate::article::Article;
use crate::ingest::outlets::OutletTable;

/// The host of a web address (`https://www.prothomalo.com/bangladesh/…` → `www.prothomalo.com`).
pub(crate) fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

/// Settles `article.publisher`: the name it has (a dataset column, a site-name line) as the
/// outlet table spells it, else the outlet whose web site the URL is on, else `fallback` (the
/// outlet a dataset file is named after). A paper quoting itself (`প্রথম আলোকে বলেন` in a Prothom
/// Alo article) is not a credited source of its own article, so that source is dropped.
pub(crate) fn settle_publisher(article: &mut Article, fallback: Option<&str>) {
    let table = OutletTable::embedded();
    if let Some(known) = article
        .publisher
        .as_deref()
        .and_then(|p| table.by_publisher_name(p))
    {
        article.publisher = Some(known.name.clone());
    }
    if article.publisher.is_none() {
        article.publisher = article
            .url
            .as_deref()
            .and_then(host_of)
            .and_then(|h| table.by_host(h))
            .map(|o| o.name.clone())
            .or_else(|| fallback.map(str::to_string));
    }
    if let Some(p) = &article.publisher {
        article.sources.retain(|s| s.name != *p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{SourceRef, SourceRole};

    #[test]
    fn hosts_of_addresses() {
        assert_eq!(
            host_of("https://www.prothomalo.com/a/b?x=1"),
            Some("www.prothomalo.com")
        );
        assert_eq!(
            host_of("http://user@en.prothomalo.com:8080"),
            Some("en.prothomalo.com")
        );
        assert_eq!(host_of("prothomalo.com/a"), None);
    }

    #[test]
    fn the_url_names_the_publisher_and_its_self_quotes_are_no_source() {
        let mut a = Article {
            url: Some("https://en.prothomalo.com/bangladesh/x".into()),
            sources: vec![
                SourceRef {
                    name: "Prothom Alo".into(),
                    name_bn: "প্রথম আলো".into(),
                    role: SourceRole::Attributed,
                },
                SourceRef {
                    name: "BBC".into(),
                    name_bn: "বিবিসি".into(),
                    role: SourceRole::Credit,
                },
            ],
            ..Article::default()
        };
        settle_publisher(&mut a, None);
        assert_eq!(a.publisher.as_deref(), Some("Prothom Alo"));
        assert_eq!(a.sources.len(), 1);
        assert_eq!(a.sources[0].name, "BBC");
        let mut named = Article {
            publisher: Some("Daily Naya Diganta".into()),
            ..Article::default()
        };
        settle_publisher(&mut named, Some("Jugantor"));
        assert_eq!(named.publisher.as_deref(), Some("Naya Diganta"));
        let mut unknown = Article {
            publisher: Some("বাংলার আকাশ নিউজ ২৪".into()),
            ..Article::default()
        };
        settle_publisher(&mut unknown, None);
        assert_eq!(unknown.publisher.as_deref(), Some("বাংলার আকাশ নিউজ ২৪"));
    }
}
