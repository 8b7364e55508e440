//! Issue 12, acceptance: for the 30 queries of `docs/search.md`'s table (Latin names, Bengali
//! topic words, English topic words), precision and recall of at least 0.95 against "the
//! article's text contains a word starting with one of the query's Bengali spellings".
//!
//! The archive is generated here, seeded, from short sentences of our own: the queries' spellings
//! with case endings, the words a Latin query must not match (`tests/search_latin.rs`), and
//! neutral filler, in titles and bodies. The criterion is computed from the generated text, not
//! written down, and the archive is searched twice: loaded whole and indexed at once, and loaded
//! light with the bodies read again from their files (the reader's and `khobor search`'s path).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use khobor::corpus::Corpus;
use khobor::extract::Extractor;
use khobor::load::LoadOptions;
use khobor::search::SearchIndex;
use khobor::search::body::read_body;

/// Each query and the Bengali spellings an article must contain (at the start of a word) to be
/// relevant: the spellings of `docs/search.md`.
const QUERIES: &[(&str, &[&str])] = &[
    ("hasina", &["হাসিনা"]),
    ("yunus", &["ইউনূস", "ইউনুস"]),
    ("modi", &["মোদি", "মোদী"]),
    ("putin", &["পুতিন"]),
    ("trump", &["ট্রাম্প"]),
    ("tarique", &["তারেক", "তারিক"]),
    ("khaleda", &["খালেদা"]),
    ("netanyahu", &["নেতানিয়াহু", "নেতানইয়াহু"]),
    ("dhaka", &["ঢাকা"]),
    ("chattogram", &["চট্টগ্রাম"]),
    ("gaza", &["গাজা"]),
    ("israel", &["ইসরায়েল", "ইসরাইল"]),
    ("iran", &["ইরান"]),
    ("ukraine", &["ইউক্রেন"]),
    ("russia", &["রাশিয়া", "রুশ"]),
    ("bnp", &["বিএনপি"]),
    ("awami", &["আওয়ামী", "আওয়ামি"]),
    ("jamaat", &["জামায়াত", "জামাত"]),
    ("নির্বাচন", &["নির্বাচন"]),
    ("বন্যা", &["বন্যা"]),
    ("প্রজ্ঞাপন", &["প্রজ্ঞাপন"]),
    ("পিলখানা", &["পিলখানা"]),
    ("ডেঙ্গু", &["ডেঙ্গু"]),
    ("ভূমিকম্প", &["ভূমিকম্প"]),
    ("দুর্নীতি", &["দুর্নীতি"]),
    ("আদালত", &["আদালত"]),
    ("flood", &["বন্যা"]),
    ("election", &["নির্বাচন"]),
    ("earthquake", &["ভূমিকম্প"]),
    ("police", &["পুলিশ"]),
];

/// Words placed before some spellings, as news writes the names.
const LEAD_WORDS: &[(&str, &str)] = &[
    ("হাসিনা", "শেখ"),
    ("ইউনূস", "মুহাম্মদ"),
    ("মোদি", "নরেন্দ্র"),
    ("পুতিন", "ভ্লাদিমির"),
    ("ট্রাম্প", "ডোনাল্ড"),
    ("নেতানিয়াহু", "বেনিয়ামিন"),
    ("পুলিশ", "জেলা"),
];

/// Words a Latin query of the table must not find: the must-not words of
/// `tests/search_latin.rs` that resemble these queries' spellings.
const DISTRACTORS: &[&str] = &[
    "হাসান",
    "হোসেন",
    "আহসান",
    "তারিখ",
    "তারিখে",
    "মধ্যে",
    "মধ্যেই",
    "মৃদু",
    "মুদি",
    "মধ্যদিয়ে",
    "মধ্যি",
    "পতন",
    "পাঠানো",
    "পাঠায়নি",
    "তারাই",
    "ইউনিয়ন",
    "খালিদ",
    "খালেদ",
    "নতুন",
    "ডাক",
    "ঢাকনা",
    "ধাক্কা",
    "ধাক্কায়",
    "ডাকা",
    "ডাকায়",
    "গজ",
    "গাঁজা",
    "গজায়",
    "ইসরাফিল",
    "ইরনা",
    "আয়রন",
    "আয়রনের",
    "আকরনের",
    "রশি",
    "রাশি",
    "রাশির",
    "রাশা",
    "রাইসা",
    "রয়েসয়ে",
    "আমি",
    "জমা",
    "জমায়েত",
    "জমায়েতে",
    "ফলাফল",
    "লেকচার",
    "আর্থিক",
    "পলাশ",
    "রহমত",
    "মহামারি",
];

/// Words no query should find.
const FILLER: &[&str] = &[
    "শিক্ষা",
    "বাজার",
    "কৃষক",
    "সড়ক",
    "হাসপাতাল",
    "বিদ্যালয়",
    "মেলা",
    "নদী",
    "চালের দাম",
    "বিদ্যুৎ",
    "পরিবহন",
    "উৎসব",
    "গ্রাম",
    "শহর",
    "বইমেলা",
    "ক্রিকেট দল",
    "রেলপথ",
    "বাজেট",
];

/// Sentence frames; `{}` is a slot.
const TITLE_FRAMES: &[&str] = &[
    "{} নিয়ে নতুন সিদ্ধান্ত",
    "{} ও {}: কী ঘটছে",
    "{} প্রসঙ্গে বিশেষজ্ঞদের মত",
    "সপ্তাহের খবর: {}",
    "{}-{} আলোচনা শুরু",
];
const BODY_FRAMES: &[&str] = &[
    "{} নিয়ে আজ দিনভর আলোচনা হয়েছে।",
    "সংশ্লিষ্টরা জানান, {} বিষয়ে শিগগির সিদ্ধান্ত আসবে।",
    "{} এবং {} নিয়ে বৈঠকে কথা হয়।",
    "গতকাল {} সম্পর্কে একটি প্রতিবেদন প্রকাশিত হয়।",
    "এ বিষয়ে {} কোনো মন্তব্য করেনি।",
    "স্থানীয় বাসিন্দারা {} নিয়ে উদ্বেগ জানিয়েছেন।",
    "তিনি বলেন, {} ছাড়া {} সম্ভব নয়।",
];

/// Enough for every query to have dozens of relevant articles, few enough to stay fast.
const ARTICLES: usize = 320;

/// A generated article: its title and paragraphs.
type Generated = (String, Vec<String>);

/// A small deterministic generator (SplitMix64), so the archive is the same at every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Whether `word` ends in a vowel sign or a vowel (then it takes -র, -কে, and -য় after া or -তে
/// after another vowel), not a consonant (-ের, -কে, -ে).
fn ends_in_vowel(word: &str) -> bool {
    word.chars()
        .last()
        .is_some_and(|c| matches!(c, '\u{0985}'..='\u{0994}' | '\u{09BE}'..='\u{09CC}'))
}

/// `spelling` with a case ending (or none), maybe after its lead word.
fn inflected(rng: &mut Rng, spelling: &str) -> String {
    let endings: &[&str] = if spelling.ends_with('া') {
        &["", "র", "কে", "য়"]
    } else if ends_in_vowel(spelling) {
        &["", "র", "কে", "তে"]
    } else {
        &["", "ের", "কে", "ে"]
    };
    let word = format!("{spelling}{}", rng.pick(endings));
    match LEAD_WORDS.iter().find(|(s, _)| *s == spelling) {
        Some((_, lead)) if rng.below(3) == 0 => format!("{lead} {word}"),
        _ => word,
    }
}

/// What fills a slot: a query's spelling (inflected), a distractor or filler.
fn slot(rng: &mut Rng) -> String {
    match rng.below(20) {
        0..=10 => {
            let (_, spellings) = QUERIES[rng.below(QUERIES.len())];
            let spelling = rng.pick(spellings);
            inflected(rng, spelling)
        }
        11..=15 => rng.pick(DISTRACTORS).to_string(),
        _ => rng.pick(FILLER).to_string(),
    }
}

/// One of `frames` with its slots filled.
fn fill(rng: &mut Rng, frames: &[&str]) -> String {
    let frame = rng.pick(frames);
    let mut out = String::new();
    let mut parts = frame.split("{}");
    out.push_str(parts.next().unwrap_or_default());
    for part in parts {
        out.push_str(&slot(rng));
        out.push_str(part);
    }
    out
}

/// `(title, paragraphs)` of every generated article.
fn generate() -> Vec<Generated> {
    let mut rng = Rng(0x6B68_6F62_6F72);
    (0..ARTICLES)
        .map(|_| {
            let title = fill(&mut rng, TITLE_FRAMES);
            let paragraphs = (0..2 + rng.below(3))
                .map(|_| {
                    (0..1 + rng.below(3))
                        .map(|_| fill(&mut rng, BODY_FRAMES))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            (title, paragraphs)
        })
        .collect()
}

/// Writes the articles as text files (title, blank line, paragraphs); the file name of each.
fn write_archive(dir: &Path, articles: &[Generated]) -> Vec<String> {
    articles
        .iter()
        .enumerate()
        .map(|(i, (title, paragraphs))| {
            let name = format!("{i:04}.txt");
            let text = format!("{title}\n\n{}\n", paragraphs.join("\n\n"));
            std::fs::write(dir.join(&name), text).expect("fixture written");
            name
        })
        .collect()
}

/// The words of an article's title and body: cut at anything not a Bengali letter or sign.
fn words(article: &Generated) -> impl Iterator<Item = &str> {
    let (title, paragraphs) = article;
    std::iter::once(title)
        .chain(paragraphs)
        .flat_map(|text| text.split(|c: char| !('\u{0980}'..='\u{09FF}').contains(&c)))
}

/// The criterion: some word of the title or body starts with one of `spellings`.
fn relevant(article: &Generated, spellings: &[&str]) -> bool {
    words(article).any(|word| spellings.iter().any(|s| word.starts_with(s)))
}

/// One query's numbers.
struct Row {
    query: &'static str,
    found: usize,
    relevant: usize,
    right: usize,
    /// The text of each article found but not relevant, and relevant but not found.
    wrong: Vec<String>,
    missed: Vec<String>,
}

impl Row {
    fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.right as f64 / self.found as f64
        }
    }

    fn recall(&self) -> f64 {
        if self.relevant == 0 {
            1.0
        } else {
            self.right as f64 / self.relevant as f64
        }
    }
}

/// Each query's precision and recall over `index` of `corpus`, whose articles were written from
/// `articles` as `files`.
fn measure(
    corpus: &Corpus,
    index: &SearchIndex,
    articles: &[Generated],
    files: &[String],
) -> Vec<Row> {
    let generated = |article: usize| -> usize {
        let path = Path::new(&corpus.articles[article].path);
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        files
            .iter()
            .position(|f| f == name)
            .expect("a hit is a generated article")
    };
    QUERIES
        .iter()
        .map(|&(query, spellings)| {
            let found: BTreeSet<usize> = index
                .search(query)
                .iter()
                .map(|h| generated(h.article))
                .collect();
            let relevant: BTreeSet<usize> = (0..articles.len())
                .filter(|&i| relevant(&articles[i], spellings))
                .collect();
            let text = |i: &usize| {
                let (title, paragraphs) = &articles[*i];
                format!("{}: {title} / {}", files[*i], paragraphs.join(" "))
            };
            Row {
                query,
                found: found.len(),
                relevant: relevant.len(),
                right: found.intersection(&relevant).count(),
                wrong: found.difference(&relevant).map(text).collect(),
                missed: relevant.difference(&found).map(text).collect(),
            }
        })
        .collect()
}

/// The per-query table, and the articles each query got wrong.
fn report(rows: &[Row]) -> String {
    let mut out = String::from("| query | found | relevant | precision | recall |\n");
    for r in rows {
        out.push_str(&format!(
            "| `{}` | {} | {} | {:.3} | {:.3} |\n",
            r.query,
            r.found,
            r.relevant,
            r.precision(),
            r.recall()
        ));
    }
    for r in rows
        .iter()
        .filter(|r| !r.wrong.is_empty() || !r.missed.is_empty())
    {
        out.push_str(&format!("\n{}: false hits\n", r.query));
        for text in &r.wrong {
            out.push_str(&format!("  {text}\n"));
        }
        out.push_str(&format!("{}: misses\n", r.query));
        for text in &r.missed {
            out.push_str(&format!("  {text}\n"));
        }
    }
    out
}

/// Prints the table (shown with `--nocapture`) and fails on any query below 0.95, naming the
/// articles it got wrong.
fn assert_all_above(rows: &[Row], how: &str) {
    println!("{how}:\n{}", report(rows));
    let failing = rows
        .iter()
        .filter(|r| r.precision() < 0.95 || r.recall() < 0.95)
        .count();
    assert!(
        failing == 0,
        "{how}: {failing} of {} queries below 0.95\n{}",
        rows.len(),
        report(rows)
    );
}

/// The archive is large enough to mean something: every query has relevant articles, and
/// titles, bodies and distractors are all used.
fn check_fixture(articles: &[Generated]) {
    for (query, spellings) in QUERIES {
        let n = articles.iter().filter(|a| relevant(a, spellings)).count();
        assert!(n >= 10, "{query}: only {n} relevant articles");
        assert!(n < articles.len() / 2, "{query}: {n} relevant articles");
    }
    for distractor in DISTRACTORS {
        assert!(
            articles.iter().any(|a| words(a).any(|w| w == *distractor)),
            "{distractor} is in no article"
        );
    }
    let body_only = articles
        .iter()
        .filter(|(title, paragraphs)| {
            QUERIES.iter().any(|(_, s)| {
                !relevant(&(title.clone(), Vec::new()), s)
                    && relevant(&(String::new(), paragraphs.clone()), s)
            })
        })
        .count();
    assert!(
        body_only > articles.len() / 2,
        "{body_only} articles with body-only matches"
    );
}

fn archive() -> (tempfile::TempDir, Vec<Generated>, Vec<String>) {
    let articles = generate();
    check_fixture(&articles);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let files = write_archive(dir.path(), &articles);
    (dir, articles, files)
}

#[test]
fn thirty_queries_are_precise_and_complete_over_whole_articles() {
    let (dir, articles, files) = archive();
    let (corpus, _) = Corpus::load(&[dir.path().to_path_buf()], &Extractor::new())
        .expect("the fixture archive loads");
    assert_eq!(corpus.articles.len(), articles.len());
    let index = SearchIndex::new(&corpus);
    assert_all_above(&measure(&corpus, &index, &articles, &files), "loaded whole");
}

/// The reader's path: articles loaded light, the bodies read again from their files.
#[test]
fn thirty_queries_are_precise_and_complete_with_bodies_read_again() {
    let (dir, articles, files) = archive();
    let options = LoadOptions {
        cache_dir: None,
        light: true,
    };
    let paths: Vec<PathBuf> = vec![dir.path().to_path_buf()];
    let (corpus, _) =
        Corpus::load_with(&paths, &Extractor::new(), &options).expect("the fixture archive loads");
    assert_eq!(corpus.articles.len(), articles.len());
    let titles = SearchIndex::new(&corpus);
    let sources = titles.bodies_to_read(&corpus);
    let index = titles
        .with_bodies_read(&sources, read_body, &AtomicBool::new(false))
        .expect("the bodies are read");
    assert_all_above(
        &measure(&corpus, &index, &articles, &files),
        "bodies read again",
    );
}
