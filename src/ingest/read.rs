//! Reading one file: refuse what is not article text (too large, binary, empty, not a regular
//! file), decode what is (UTF-8, lossy with a warning; UTF-16 with a byte-order mark), clean, parse.

use std::borrow::Cow;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::article::Article;
use crate::ingest::{FileProblem, clean, parse};

/// Files larger than this are skipped: no news article is 16 MiB of text, and reading a huge
/// log or dump by mistake would stall the whole load.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// How much of the start is checked for NUL bytes, the mark of a binary file.
const BINARY_SNIFF_BYTES: usize = 8192;

/// Reads and parses one file. Never writes to it.
pub fn load_file(path: &Path) -> Result<(Article, Vec<FileProblem>), FileProblem> {
    let skip = |reason: String| FileProblem::new(path, format!("skipped: {reason}"));
    let meta = std::fs::metadata(path).map_err(|e| {
        let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        skip(if link {
            format!("broken symbolic link ({e})")
        } else {
            format!("cannot read ({e})")
        })
    })?;
    if !meta.is_file() {
        return Err(skip(format!(
            "not a regular file ({})",
            describe(&meta.file_type())
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(skip(too_large(meta.len())));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| skip(format!("cannot read ({e})")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(skip(too_large(bytes.len() as u64)));
    }
    parse_bytes(&path.display().to_string(), &bytes)
}

fn too_large(len: u64) -> String {
    format!(
        "too large ({:.1} MiB; the limit is {} MiB)",
        len as f64 / (1024.0 * 1024.0),
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

fn describe(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a named pipe"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "not a file"
    }
}

/// Decodes, cleans and parses raw bytes; warnings (e.g. invalid UTF-8) name the file.
pub fn parse_bytes(path: &str, bytes: &[u8]) -> Result<(Article, Vec<FileProblem>), FileProblem> {
    let skip = |reason: &str| FileProblem::new(path, format!("skipped: {reason}"));
    if bytes.is_empty() {
        return Err(skip("empty file"));
    }
    let mut warnings = Vec::new();
    // Borrowed when the bytes are valid UTF-8: `clean` makes the one owned copy.
    let text: Cow<'_, str> = if let Some(utf16) = decode_utf16_with_bom(bytes) {
        Cow::Owned(utf16)
    } else {
        let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
        if sniff.contains(&0) {
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
/// rejecting it as binary.
fn decode_utf16_with_bom(bytes: &[u8]) -> Option<String> {
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
    Some(
        char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect(),
    )
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
}
