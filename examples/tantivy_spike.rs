//! The tantivy spike of issue 12 (`docs/search.md`, "Tantivy"): the bodies of a corpus indexed by
//! tantivy with a Bengali tokenizer built on `text::key::match_key`, next to the in-house index
//! over the same articles: build time, index size, and the hits and latency of body words.
//!
//! ```sh
//! cargo run --release --features tantivy-spike --example tantivy_spike -- /tmp/khobor-search/r10k
//! ```
//! Behind a feature CI does not build: tantivy's dependency tree would add minutes to every
//! build, for a measurement, not the product.

use std::path::{Path, PathBuf};
use std::time::Instant;

use khobor::corpus::Corpus;
use khobor::extract::Extractor;
use khobor::search::SearchIndex;
use khobor::text::key::match_key;
use tantivy::collector::Count;
use tantivy::query::{RegexQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Index, Term, doc};

/// Body words queried on both sides (common, rare, a name, a topic).
const WORDS: &[&str] = &[
    "নির্বাচন",
    "প্রজ্ঞাপন",
    "বন্যা",
    "ভূমিকম্প",
    "পুতিন",
    "হাসিনা",
    "আদালত",
    "ডেঙ্গু",
    "পিলখানা",
    "দুর্নীতি",
];

/// Runs of each word query, the median kept.
const RUNS: usize = 5;

/// Cuts a text into the words of its match key (the key khobor compares words under), as
/// tantivy tokens with positions.
#[derive(Clone, Default)]
struct BengaliKey {
    tokens: Vec<Token>,
}

struct KeyStream<'a> {
    tokens: &'a mut [Token],
    at: Option<usize>,
}

impl Tokenizer for BengaliKey {
    type TokenStream<'a> = KeyStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> KeyStream<'a> {
        self.tokens.clear();
        let key = match_key(text);
        let words = key
            .split(|c: char| !(c.is_alphanumeric() || is_mark(c)))
            .filter(|w| w.chars().next().is_some_and(char::is_alphanumeric));
        for (position, word) in words.enumerate() {
            self.tokens.push(Token {
                position,
                text: word.to_string(),
                ..Token::default()
            });
        }
        KeyStream {
            tokens: &mut self.tokens,
            at: None,
        }
    }
}

/// Bengali combining marks, which `is_alphanumeric` does not count as letters.
fn is_mark(c: char) -> bool {
    ('\u{0981}'..='\u{0983}').contains(&c)
        || ('\u{09BC}'..='\u{09D7}').contains(&c)
        || ('\u{09E2}'..='\u{09E3}').contains(&c)
}

impl TokenStream for KeyStream<'_> {
    fn advance(&mut self) -> bool {
        let next = self.at.map_or(0, |i| i + 1);
        self.at = Some(next);
        next < self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.at.unwrap_or(0)]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.at.unwrap_or(0)]
    }
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn median_ms(mut run: impl FnMut() -> usize) -> (usize, f64) {
    let mut times = Vec::new();
    let mut hits = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        hits = run();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    (hits, times[RUNS / 2])
}

fn main() -> anyhow::Result<()> {
    let dir: PathBuf = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or_else(|| anyhow::anyhow!("usage: tantivy_spike DIR"))?;
    let (corpus, _) = Corpus::load(&[dir], &Extractor::new())?;
    let text_bytes: usize = corpus
        .articles
        .iter()
        .flat_map(|a| &a.body)
        .map(String::len)
        .sum();
    eprintln!(
        "{} articles, {:.1} MB of body text",
        corpus.articles.len(),
        text_bytes as f64 / 1e6
    );

    let t = Instant::now();
    let ours = SearchIndex::new(&corpus);
    let ours_build = t.elapsed().as_secs_f64();

    let mut schema = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer("bn")
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let body = schema.add_text_field(
        "body",
        TextOptions::default().set_indexing_options(indexing),
    );
    let schema = schema.build();
    let store = tempfile::tempdir()?;
    let t = Instant::now();
    let index = Index::create_in_dir(store.path(), schema)?;
    index.tokenizers().register("bn", BengaliKey::default());
    let mut writer = index.writer::<tantivy::TantivyDocument>(200_000_000)?;
    for a in &corpus.articles {
        writer.add_document(doc!(body => a.body.join("\n")))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let theirs_build = t.elapsed().as_secs_f64();
    let size = dir_bytes(store.path());
    let searcher = index.reader()?.searcher();

    println!("| | in-house (titles, names, bodies) | tantivy (bodies) |");
    println!("|---|---|---|");
    println!("| build | {ours_build:.2} s | {theirs_build:.2} s |");
    println!(
        "| size | (body cache on disk: see the bench) | {:.1} MB ({:.2}× the body text) |",
        size as f64 / 1e6,
        size as f64 / text_bytes as f64
    );
    println!();
    println!(
        "| word | in-house `body:` hits | ms | tantivy exact term hits | ms | tantivy prefix hits | ms |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for word in WORDS {
        let query = format!("body:{word}");
        let (ours_hits, ours_ms) = median_ms(|| ours.search(&query).len());
        let term = TermQuery::new(
            Term::from_field_text(body, &match_key(word)),
            IndexRecordOption::Basic,
        );
        let (theirs_hits, theirs_ms) =
            median_ms(|| searcher.search(&term, &Count).unwrap_or_default());
        // Every indexed word starting with it: what inflected forms would need (and more).
        let prefix =
            RegexQuery::from_pattern(&format!("{}.*", regex::escape(&match_key(word))), body)?;
        let (prefix_hits, prefix_ms) =
            median_ms(|| searcher.search(&prefix, &Count).unwrap_or_default());
        println!(
            "| `{word}` | {ours_hits} | {ours_ms:.3} | {theirs_hits} | {theirs_ms:.3} | {prefix_hits} | {prefix_ms:.3} |"
        );
    }
    Ok(())
}
