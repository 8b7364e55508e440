//! Reading one file: refuse what is not article text (too large, binary, empty, not a regular
//! file), decode what is (UTF-8, lossy with a warning; UTF-16 with a byte-order mark), clean, parse.

use std::borrow::Cow;
use std::path::Path;

use crate::article::Article;
use crate::fsutil::{ReadError, read_regular};
use crate::ingest::{FileProblem, clean, parse};

/// Files larger than this are skipped: no news article is 16 MiB of text, and reading a huge
/// log or dump by mistake would stall the whole load.
pub(crate) const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads and parses one file. Never writes to it.
pub fn load_file(path: &Path) -> Result<(Article, Vec<FileProblem>), FileProblem> {
    let skip = |reason: String| FileProblem::new(path, format!("skipped: {reason}"));
    let bytes = read_regular(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound && is_symlink(path) => {
            skip(format!("broken symbolic link ({e})"))
        }
        ReadError::Io(e) => skip(format!("cannot read ({e})")),
        other => skip(other.to_string()),
    })?;
    parse_bytes(&crate::fsutil::path_text(path), &bytes)
}

fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Decodes, cleans and parses raw bytes; warnings (e.g. invalid UTF-8) name the file.
pub fn parse_bytes(path: &str, bytes: &[u8]) -> Result<(Article, Vec<FileProblem>), FileProblem> {
    let skip = |reason: &str| FileProblem::new(path, format!("skipped: {reason}"));
    if bytes.is_empty() {
        return Err(skip("empty file"));
    }
    let mut warnings = Vec::new();
    // Borrowed when the bytes are valid UTF-8: `clean` makes the one owned copy.
    let text: Cow<'_, str> = if let Some((utf16, bad)) = decode_utf16_with_bom(bytes) {
        let chars = utf16.chars().count();
        // Random bytes after a byte-order mark decode to valid but meaningless CJK-like text:
        // real text has spaces, newlines, digits or Latin letters in it.
        let plain = utf16.chars().filter(char::is_ascii).count();
        if bad * 4 > chars || plain * 100 < chars {
            return Err(skip(
                "not UTF-16 text (undecodable or random bytes after a UTF-16 byte-order mark)",
            ));
        }
        if bad > 0 {
            warnings.push(FileProblem::new(
                path,
                format!("invalid UTF-16; loaded with {bad} replacement character(s)"),
            ));
        }
        Cow::Owned(utf16)
    } else {
        // Anywhere, not just at the start: text never contains NUL.
        if memchr::memchr(0, bytes).is_some() {
            return Err(skip("binary file (contains NUL bytes)"));
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => Cow::Borrowed(s),
            Err(e) => {
                let lossy = String::from_utf8_lossy(bytes).into_owned();
                let bad = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
                // Mostly undecodable: another encoding or binary data, not a damaged article.
                if bad * 4 > lossy.chars().count() {
                    return Err(skip("not UTF-8 text (mostly undecodable bytes)"));
                }
                warnings.push(FileProblem::new(
                    path,
                    format!(
                        "invalid UTF-8 (first bad byte at offset {}); loaded with {bad} replacement character(s)",
                        e.valid_up_to()
                    ),
                ));
                Cow::Owned(lossy)
            }
        }
    };
    let cleaned = clean(&text);
    if cleaned.trim().is_empty() {
        return Err(skip("no text (only whitespace or invisible characters)"));
    }
    let article = parse(path, &cleaned);
    if article.title.is_empty() && article.body.is_empty() {
        return Err(skip("no article text (only dates, bylines or site chrome)"));
    }
    Ok((article, warnings))
}

/// UTF-16 text saved by Windows tools starts with a byte-order mark; decode it rather than
/// rejecting it as binary. Also returns how many replacement characters decoding put in
/// (unpaired surrogates, an odd last byte).
fn decode_utf16_with_bom(bytes: &[u8]) -> Option<(String, usize)> {
    let le = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks_exact(2).map(|p| {
        if le {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let mut bad = bytes.len() % 2;
    let mut text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                bad += 1;
                '\u{FFFD}'
            })
        })
        .collect();
    if bytes.len() % 2 == 1 {
        text.push('\u{FFFD}');
    }
    Some((text, bad))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_binary_and_invisible_files_are_skipped() {
        assert!(parse_bytes("e", b"").is_err());
        assert!(parse_bytes("b", b"\x7fELF\x02\x01\x00\x00").is_err());
        assert!(parse_bytes("w", "\u{FEFF} \n\u{200B}\n".as_bytes()).is_err());
        assert!(parse_bytes("c", b"Spread the love\nLeave a Reply\n").is_err());
    }

    #[test]
    fn invalid_utf8_loads_with_a_warning_naming_the_file() {
        let mut bytes = "শিরোনাম\nঅনুচ্ছেদ।".as_bytes().to_vec();
        bytes.insert(3, 0xFF);
        let (a, warnings) = parse_bytes("bad.txt", &bytes).expect("loads");
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .to_string()
                .starts_with("bad.txt: invalid UTF-8")
        );
        assert!(a.title.contains('\u{FFFD}'));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "শিরোনাম\nঅনুচ্ছেদ।".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let (a, w) = parse_bytes("u16.txt", &bytes).expect("loads");
        assert_eq!(a.title, "শিরোনাম");
        assert!(w.is_empty());
    }

    #[test]
    fn bad_utf16_warns_and_random_bytes_after_a_bom_are_refused() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "শিরোনাম\nঅনুচ্ছেদ।".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        bytes.extend(0xD800u16.to_le_bytes());
        let (_, w) = parse_bytes("u16.txt", &bytes).expect("loads");
        assert_eq!(w.len(), 1);
        assert!(w[0].to_string().contains("invalid UTF-16"), "{}", w[0]);
        // xorshift noise: deterministic, no ASCII structure.
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let noise: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain((0..4000).map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            }))
            .collect();
        let refused = parse_bytes("noise.txt", &noise).expect_err("refused");
        assert!(refused.to_string().contains("not UTF-16"), "{refused}");
    }

    #[test]
    fn nul_bytes_past_the_first_8_kib_mark_a_binary_file() {
        let mut bytes = "শিরোনাম\n\n".as_bytes().to_vec();
        bytes.extend("অনুচ্ছেদ। ".repeat(2000).as_bytes());
        bytes.extend(b"\0\0\0");
        let refused = parse_bytes("late_nul.txt", &bytes).expect_err("refused");
        assert!(refused.to_string().contains("NUL"), "{refused}");
    }
}
