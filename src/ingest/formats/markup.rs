//! Text of a small piece of HTML, as feeds carry in their descriptions: block ends become line
//! breaks, other tags go, character references are decoded.

/// Tags that end a paragraph.
const BLOCK_ENDS: &[&str] = &[
    "br",
    "/p",
    "p",
    "/div",
    "/li",
    "/h1",
    "/h2",
    "/h3",
    "/h4",
    "/blockquote",
    "/tr",
];

pub(super) fn fragment_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            // A lone `<` is text.
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/' && !tag.starts_with('/'))
            .next()
            .unwrap_or("");
        if BLOCK_ENDS.contains(&name) {
            out.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    decode_references(&out)
}

/// `&amp;`, `&quot;`, `&#2453;`, `&#x995;` and the few named references news feeds use.
pub(super) fn decode_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| reference(&tail[1..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn reference(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_blocks_break_references_decode() {
        assert_eq!(
            fragment_text(
                "<p>ঢাকায় &quot;বৈঠক&quot;</p><p>দ্বিতীয়&nbsp;অনুচ্ছেদ<br/>শেষ &#2453; &amp; x &lt; y</p>"
            ),
            "\nঢাকায় \"বৈঠক\"\n\nদ্বিতীয়\u{A0}অনুচ্ছেদ\nশেষ ক & x < y\n"
        );
        assert_eq!(fragment_text("a < b"), "a < b");
    }
}
