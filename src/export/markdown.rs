//! An article as Markdown (`s` in the reader) and as plain text (what `|` pipes to a command).
//!
//! Article text is untrusted but already clean (no control characters, `ingest::clean`); what
//! is left to do is keep it from turning into Markdown it never was: a paragraph that begins with
//! `#` or `1.` is text, not a heading or a list, and `*`, `_`, `[` or `<` in it mark nothing.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::fetch::archive::slug;

/// The article as a Markdown document: the title as a heading, a list of what is known about
/// it (date, publisher, author, sources, link), then the paragraphs.
pub(crate) fn markdown(article: &Article) -> String {
    let mut out = format!("# {}\n\n", escape(&article.title));
    let mut facts = Vec::new();
    if let Some(p) = &article.published {
        facts.push(format!("- Published: {}", p.to_iso()));
    }
    if let Some(p) = &article.publisher {
        facts.push(format!("- Publisher: {}", escape(p)));
    }
    if let Some(a) = &article.author {
        facts.push(format!("- Author: {}", escape(a)));
    }
    if !article.sources.is_empty() {
        let names: Vec<String> = article.sources.iter().map(|s| escape(&s.name)).collect();
        facts.push(format!("- Sources: {}", names.join(", ")));
    }
    if let Some(u) = &article.url {
        facts.push(format!("- Link: <{}>", u.replace(['<', '>', ' '], "")));
    }
    if !facts.is_empty() {
        out.push_str(&facts.join("\n"));
        out.push_str("\n\n");
    }
    for p in &article.body {
        out.push_str(&escape(p));
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The article as plain text for another program: title, link, then the paragraphs, a blank
/// line between each.
pub(crate) fn plain_text(article: &Article) -> String {
    let mut parts = vec![article.title.clone()];
    if let Some(u) = &article.url {
        parts.push(u.clone());
    }
    parts.extend(article.body.iter().cloned());
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

/// Writes the article as `<title>.md` into `dir` (created if missing) and returns the path. An
/// existing file is never replaced: the name takes `-2`, `-3`… instead, so saving into the
/// article folder itself cannot overwrite an article.
pub(crate) fn save(article: &Article, dir: &Path) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let base = Some(slug(&article.title))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "article".to_string());
    let text = markdown(article);
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{base}.md")
        } else {
            format!("{base}-{n}.md")
        };
        let path = dir.join(name);
        let mut file = match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        if let Err(e) = file
            .write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
        {
            // Best effort: a half-written copy would look like a saved article.
            let _ = std::fs::remove_file(&path);
            return Err(e);
        }
        return Ok(path);
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        format!("{base}.md and 998 numbered copies exist"),
    ))
}

/// Where `s` saves unless told otherwise: `$XDG_DOWNLOAD_DIR`, the download folder of the
/// user's `user-dirs.dirs`, else the home folder.
pub(crate) fn default_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_DOWNLOAD_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            let dirs = directories::UserDirs::new()?;
            Some(
                dirs.download_dir()
                    .map_or_else(|| dirs.home_dir().to_path_buf(), Path::to_path_buf),
            )
        })
}

/// A folder the user typed: `~` and `~/…` are the home folder, as in a shell.
pub(crate) fn expand_home(typed: &str) -> PathBuf {
    let typed = typed.trim();
    let home = || directories::UserDirs::new().map(|d| d.home_dir().to_path_buf());
    match typed.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => match home() {
            Some(h) => h.join(rest.trim_start_matches('/')),
            None => PathBuf::from(typed),
        },
        _ => PathBuf::from(typed),
    }
}

/// `text` with everything Markdown would read as markup escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // A line start that opens a list (`-`, `+`, `1.`, `১.` is plain text to Markdown) or a
    // setext underline.
    let lead = out.chars().take_while(char::is_ascii_digit).count();
    let rest = &out[lead..];
    if (lead == 0 && matches!(rest.chars().next(), Some('-' | '+' | '=')))
        || (lead > 0 && matches!(rest.chars().next(), Some('.' | ')')))
    {
        out.insert(lead, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Published;

    fn article() -> Article {
        Article {
            path: "news/a.txt".into(),
            title: "বন্যায় *ক্ষতি* [বিশেষ]".into(),
            published: chrono::NaiveDate::from_ymd_opt(2024, 8, 12).map(Published::Date),
            publisher: Some("প্রথম আলো".into()),
            url: Some("https://example.org/a".into()),
            body: vec![
                "# প্রথম অনুচ্ছেদ।".into(),
                "1. দ্বিতীয় <b>অনুচ্ছেদ</b>।".into(),
                "- তৃতীয়".into(),
            ],
            ..Article::default()
        }
    }

    #[test]
    fn markdown_has_heading_facts_and_paragraphs_with_no_accidental_markup() {
        let md = markdown(&article());
        let expected = "# বন্যায় \\*ক্ষতি\\* \\[বিশেষ\\]\n\n\
            - Published: 2024-08-12\n- Publisher: প্রথম আলো\n- Link: <https://example.org/a>\n\n\
            \\# প্রথম অনুচ্ছেদ।\n\n\
            1\\. দ্বিতীয় \\<b\\>অনুচ্ছেদ\\</b\\>।\n\n\
            \\- তৃতীয়\n";
        assert_eq!(md, expected);
    }

    #[test]
    fn plain_text_is_title_link_and_paragraphs() {
        let t = plain_text(&article());
        assert_eq!(
            t,
            "বন্যায় *ক্ষতি* [বিশেষ]\n\nhttps://example.org/a\n\n# প্রথম অনুচ্ছেদ।\n\n\
             1. দ্বিতীয় <b>অনুচ্ছেদ</b>।\n\n- তৃতীয়\n"
        );
    }

    #[test]
    fn saving_never_replaces_a_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = article();
        let first = save(&a, dir.path()).expect("saved");
        std::fs::write(&first, "the user's own notes").expect("write");
        let second = save(&a, dir.path()).expect("saved again");
        assert_ne!(first, second);
        assert!(second.to_string_lossy().ends_with("-2.md"), "{second:?}");
        assert_eq!(
            std::fs::read_to_string(&first).expect("read"),
            "the user's own notes"
        );
        assert_eq!(
            std::fs::read_to_string(&second).expect("read"),
            markdown(&a)
        );
    }

    #[test]
    fn saving_into_a_new_folder_creates_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("saved/news");
        let path = save(&article(), &target).expect("saved");
        assert!(path.starts_with(&target));
    }

    #[test]
    fn a_tilde_is_the_home_folder() {
        let Some(home) = directories::UserDirs::new().map(|d| d.home_dir().to_path_buf()) else {
            return;
        };
        assert_eq!(expand_home("~/Downloads"), home.join("Downloads"));
        assert_eq!(expand_home("~"), home);
        assert_eq!(expand_home("/tmp/x"), PathBuf::from("/tmp/x"));
        assert_eq!(expand_home("~user/x"), PathBuf::from("~user/x"));
    }
}
