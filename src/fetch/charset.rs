//! Bytes from the network to text: the byte-order mark, else the charset the server names,
//! else the one the document declares (`<?xml encoding=…?>`, `<meta charset>`), else UTF-8.
//! Legacy encodings are decoded with `encoding_rs`; undecodable bytes become U+FFFD, which
//! cleaning later keeps visible rather than guessing.

use encoding_rs::{Encoding, UTF_8};

/// How far into a document its encoding declaration is looked for.
const DECLARATION_WINDOW: usize = 1024;

/// Decodes `bytes`; `header` is the charset of the `Content-Type` header, if any.
pub(crate) fn decode(bytes: &[u8], header: Option<&str>) -> String {
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| header.and_then(|h| Encoding::for_label(h.trim().as_bytes())))
        .or_else(|| declared(bytes))
        .unwrap_or(UTF_8);
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// The encoding a document declares in its first kilobyte: an XML declaration or an HTML
/// `<meta charset=…>` / `<meta http-equiv=… content="…; charset=…">`.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(DECLARATION_WINDOW)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let label = if head.trim_start().starts_with("<?xml") {
        let decl = &head[..head.find("?>")?];
        attribute_value(decl, "encoding")?
    } else {
        attribute_value(&head, "charset")?
    };
    let encoding = Encoding::for_label(label.as_bytes())?;
    // A document that reached us as bytes cannot really be UTF-16 without a BOM; WHATWG
    // reads such a declaration as UTF-8.
    Some(if encoding.output_encoding() == UTF_8 {
        UTF_8
    } else {
        encoding
    })
}

/// The value after `name=` (quoted or not) in `text`.
fn attribute_value<'t>(text: &'t str, name: &str) -> Option<&'t str> {
    let at = text.find(name)? + name.len();
    let rest = text[at..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == '"' || c == '\'' || c == ';' || c == '>' || c.is_whitespace())
        .unwrap_or(rest.len());
    Some(&rest[..end]).filter(|v| !v.is_empty())
}

/// An XML document already decoded to text, with its declaration saying so: the feed parser
/// honours the declared encoding and would decode the text a second time.
pub(crate) fn declare_utf8(xml: &str) -> std::borrow::Cow<'_, str> {
    let body = xml.trim_start_matches('\u{FEFF}');
    let trimmed = body.trim_start();
    if !trimmed.starts_with("<?xml") {
        return std::borrow::Cow::Borrowed(body);
    }
    let Some(end) = trimmed.find("?>") else {
        return std::borrow::Cow::Borrowed(body);
    };
    std::borrow::Cow::Owned(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>{}",
        &trimmed[end + 2..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_charset_wins_over_declaration() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("<?xml version=\"1.0\"?><t>café</t>");
        assert_eq!(
            decode(&bytes, Some("windows-1252")),
            "<?xml version=\"1.0\"?><t>café</t>"
        );
    }

    #[test]
    fn xml_declaration_is_read() {
        let doc = "<?xml version='1.0' encoding='ISO-8859-1'?><t>Dhaká</t>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(doc);
        assert!(decode(&bytes, None).contains("Dhaká"));
    }

    #[test]
    fn html_meta_charset_is_read() {
        let doc = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><p>naïve</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(doc);
        assert!(decode(&bytes, None).contains("naïve"));
    }

    #[test]
    fn utf16_with_bom_reads_bengali() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "ঢাকা".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes, None), "ঢাকা");
    }

    #[test]
    fn declaration_is_rewritten_to_utf8() {
        let xml = "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<rss/>";
        assert_eq!(
            declare_utf8(xml),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss/>"
        );
    }
}
