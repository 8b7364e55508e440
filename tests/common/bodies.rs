//! The archive the body-search tests share (short articles whose body words are in no title),
//! written as text files, and `khobor search` over a folder with its caches in a given place.

use std::collections::BTreeSet;
use std::path::Path;

use khobor::corpus::Corpus;
use khobor::extract::Extractor;
use khobor::load::LoadOptions;

/// `(file, title, body)`: the body words searched for are in no title.
pub(crate) const ARTICLES: &[(&str, &str, &str)] = &[
    (
        "a.txt",
        "উত্তরাঞ্চলের খবর",
        "টানা বৃষ্টিতে বন্যায় হাজারো মানুষ পানিবন্দি। সরকার প্রজ্ঞাপন জারি করেছে।",
    ),
    (
        "b.txt",
        "বাজারের হালচাল",
        "চালের দাম বেড়েছে। ব্যবসায়ীরা বলছেন সরবরাহ কম।",
    ),
    (
        "c.txt",
        "নদীর পাড়ে মানুষ",
        "বন্যার পানি নামছে। পিলখানা থেকে ত্রাণ পাঠানো হয়েছে।",
    ),
];

/// The titles of [`ARTICLES`] whose bodies hold a form of বন্যা, by hand.
pub(crate) const FLOOD: &[&str] = &["উত্তরাঞ্চলের খবর", "নদীর পাড়ে মানুষ"];

/// Writes one article as a text file: the title, a blank line, the body.
pub(crate) fn write(dir: &Path, file: &str, title: &str, body: &str) {
    std::fs::write(dir.join(file), format!("{title}\n\n{body}\n")).expect("write an article");
}

/// The archive in `dir` loaded light, as the reader loads it, with the caches in `cache`.
pub(crate) fn load_light(dir: &Path, cache: Option<&Path>) -> Corpus {
    let options = LoadOptions {
        cache_dir: cache.map(Path::to_path_buf),
        light: true,
    };
    Corpus::load_with(&[dir.to_path_buf()], &Extractor::new(), &options)
        .expect("the archive loads")
        .0
}

/// A temporary folder holding `articles` as text files.
pub(crate) fn archive(articles: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (file, title, body) in articles {
        write(dir.path(), file, title, body);
    }
    dir
}

/// The JSON lines `khobor search` prints for `query` over `dir`, with its caches and home in
/// `cache` and `extra` options before the subcommand.
pub(crate) fn search_lines(
    dir: &Path,
    cache: &Path,
    extra: &[&str],
    query: &str,
) -> Vec<serde_json::Value> {
    let out = super::cli::khobor()
        .env("KHOBOR_CACHE_DIR", cache)
        .env("HOME", cache)
        .env("XDG_DATA_HOME", cache.join("data"))
        .args(extra)
        .arg("search")
        .arg(query)
        .arg(dir)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// The titles of [`search_lines`].
pub(crate) fn search_titles(
    dir: &Path,
    cache: &Path,
    extra: &[&str],
    query: &str,
) -> BTreeSet<String> {
    search_lines(dir, cache, extra, query)
        .iter()
        .map(|v| v["title"].as_str().expect("a title").to_string())
        .collect()
}

/// Titles, body words and everything else of `corpus` indexed from scratch, reading every body.
pub(crate) fn fresh_index(corpus: &Corpus) -> khobor::search::SearchIndex {
    let titles = khobor::search::SearchIndex::new(corpus);
    let never = std::sync::atomic::AtomicBool::new(false);
    titles
        .with_bodies_read(
            &titles.bodies_to_read(corpus),
            khobor::search::body::read_body,
            &never,
        )
        .expect("not stopped")
}

/// Every hit of every query of `queries` over `index`, with its score, in rank order.
pub(crate) fn scored_hits(
    index: &khobor::search::SearchIndex,
    queries: &[&str],
) -> Vec<Vec<(usize, i64)>> {
    queries
        .iter()
        .map(|q| {
            index
                .search(q)
                .iter()
                .map(|h| (h.article, h.score))
                .collect()
        })
        .collect()
}
