//! OPML 2.0, the file feed readers exchange subscriptions in.

use crate::fetch::subscriptions::Subscription;

/// One `<outline>` with a feed URL.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Outline {
    pub(crate) url: String,
    pub(crate) title: Option<String>,
}

/// Every outline with an `xmlUrl`, nested or not. Read with the HTML parser, which accepts the
/// slightly broken OPML that real readers export.
pub(crate) fn read(text: &str) -> Vec<Outline> {
    let doc = dom_query::Document::from(text);
    doc.select("outline")
        .iter()
        .filter_map(|o| {
            // The HTML parser lower-cases attribute names: xmlUrl → xmlurl.
            let url = o.attr("xmlurl")?.trim().to_string();
            let title = o
                .attr("title")
                .or_else(|| o.attr("text"))
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty());
            Some(Outline { url, title }).filter(|o| !o.url.is_empty())
        })
        .collect()
}

/// The subscriptions as an OPML 2.0 document.
pub(crate) fn write(feeds: &[Subscription]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>khobor subscriptions</title>\n  </head>\n  <body>\n",
    );
    for f in feeds {
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{name}\" title=\"{name}\" xmlUrl=\"{url}\"/>\n",
            name = escape(&f.name),
            url = escape(&f.url)
        ));
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_reads_back() {
        let feeds = vec![
            Subscription {
                name: "প্রথম আলো".into(),
                url: "https://www.prothomalo.com/feed/".into(),
                outlet: None,
            },
            Subscription {
                name: "bdnews24".into(),
                url: "https://bangla.bdnews24.com/?a=1&b=\"2\"".into(),
                outlet: None,
            },
        ];
        let back = read(&write(&feeds));
        assert_eq!(
            back,
            vec![
                Outline {
                    url: "https://www.prothomalo.com/feed/".into(),
                    title: Some("প্রথম আলো".into())
                },
                Outline {
                    url: "https://bangla.bdnews24.com/?a=1&b=\"2\"".into(),
                    title: Some("bdnews24".into())
                },
            ]
        );
    }

    #[test]
    fn nested_outlines_without_title() {
        let opml = r#"<opml version="1.0"><body><outline text="Bangla">
          <outline xmlUrl="https://feeds.bbci.co.uk/bengali/rss.xml"/>
          <outline text="folder only"/></outline></body></opml>"#;
        assert_eq!(
            read(opml),
            vec![Outline {
                url: "https://feeds.bbci.co.uk/bengali/rss.xml".into(),
                title: None
            }]
        );
    }
}
