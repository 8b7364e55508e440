//! Per-keystroke filter latency over synthetic Bengali corpora, next to `fzf --filter`.
//!
//! `cargo bench --bench search` (optionally `-- 10000 100000` for the sizes). For each size it
//! builds a synthetic corpus (titles from seed words and a long tail of made-up words; people,
//! places, organisations and outlets with Bengali and English names), then types each query one
//! char at a time the way the reader does (a `LiveSearch` that refines while the query grows)
//! and reports p50/p99/max per keystroke. `fzf --filter PREFIX` runs over the same titles for
//! every prefix (whole process, as the issue measures it) when fzf is installed.

#[path = "../examples/support/measure.rs"]
mod measure;

use std::io::Write;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use khobor::article::{Article, Block, Entity, EntityKind, Published, SourceRef, SourceRole, Span};
use khobor::corpus::Corpus;
use khobor::search::{LiveSearch, SearchIndex};

/// Typing sessions measured: a Bengali name, Latin names, and fields with an exclusion.
const QUERIES: &[(&str, &str)] = &[
    ("bengali", "পুতিনের বৈঠক"),
    ("latin", "lavrov moscow"),
    ("field", "source:bbc person:putin !trump"),
];
const ROUNDS: usize = 5;

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000]
    } else {
        sizes
    };
    println!(
        "threads: {}, load average before: {}",
        rayon::current_num_threads(),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    for n in sizes {
        bench_size(n);
    }
}

fn bench_size(n: usize) {
    let corpus = synthetic(n, 0x5eed);
    let t = Instant::now();
    let index = SearchIndex::new(&corpus);
    println!(
        "\n== {n} articles: index built in {:.0} ms",
        ms(t.elapsed())
    );
    let titles = write_titles(&corpus);
    println!(
        "| query | keystrokes | p50 ms | p99 ms | max ms | fzf p50 ms | fzf p99 ms | speed-up (p50) |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for (label, query) in QUERIES {
        let prefixes = prefixes(query);
        let never = AtomicBool::new(false);
        let mut lat = Vec::new();
        let mut last_len = 0;
        for _ in 0..ROUNDS {
            let mut live = LiveSearch::new();
            for p in &prefixes {
                let t = Instant::now();
                let hits = live.run(&index, p, &never).map_or(0, |h| h.len());
                lat.push(t.elapsed());
                last_len = hits;
            }
        }
        let fzf: Vec<Duration> = titles
            .as_ref()
            .map(|path| {
                prefixes
                    .iter()
                    .filter_map(|p| measure::fzf_filter(path, p).ok())
                    .collect()
            })
            .unwrap_or_default();
        let (p50, p99, max) = percentiles(&mut lat);
        let (f50, f99) = if fzf.is_empty() {
            (f64::NAN, f64::NAN)
        } else {
            let mut f = fzf;
            let (a, b, _) = percentiles(&mut f);
            (a, b)
        };
        println!(
            "| {label} `{query}` → {last_len} hits | {} | {p50:.2} | {p99:.2} | {max:.2} | {f50:.0} | {f99:.0} | {:.0}× |",
            prefixes.len(),
            f50 / p50
        );
    }
    let never = AtomicBool::new(false);
    let mut fresh = Vec::new();
    for _ in 0..ROUNDS {
        for q in ["প", "ক", "p", "k", "পু", "ma"] {
            let t = Instant::now();
            let _ = index.search_query(&khobor::search::Query::parse(q), &never);
            fresh.push(t.elapsed());
        }
    }
    let (p50, p99, max) = percentiles(&mut fresh);
    println!(
        "first keystroke, whole corpus (প ক p k পু ma): p50 {p50:.2} ms, p99 {p99:.2} ms, max {max:.2} ms"
    );
}

/// Every prefix of `query` ending on a char boundary: what the filter sees while it is typed.
fn prefixes(query: &str) -> Vec<String> {
    query
        .char_indices()
        .map(|(i, c)| query[..i + c.len_utf8()].to_string())
        .collect()
}

fn percentiles(v: &mut [Duration]) -> (f64, f64, f64) {
    v.sort();
    let at = |q: f64| ms(v[((v.len() as f64 - 1.0) * q).round() as usize]);
    (at(0.5), at(0.99), at(1.0))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn write_titles(corpus: &Corpus) -> Option<std::path::PathBuf> {
    let path =
        std::env::temp_dir().join(format!("khobor-bench-titles-{}.txt", corpus.articles.len()));
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).ok()?);
    for a in &corpus.articles {
        writeln!(f, "{}", a.title).ok()?;
    }
    f.flush().ok()?;
    Some(path)
}

/// Deterministic xorshift, so every run measures the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[self.below(v.len())]
    }
}

const PEOPLE: &[(&str, &str)] = &[
    ("পুতিন", "Vladimir Putin"),
    ("ট্রাম্প", "Donald Trump"),
    ("লাভরভ", "Sergei Lavrov"),
    ("কিম জং উন", "Kim Jong Un"),
    ("এরদোয়ান", "Recep Tayyip Erdoğan"),
    ("সি চিন পিং", "Xi Jinping"),
    ("মাখোঁ", "Emmanuel Macron"),
    ("জেলেনস্কি", "Volodymyr Zelensky"),
    ("নেতানিয়াহু", "Benjamin Netanyahu"),
    ("শেখ হাসিনা", "Sheikh Hasina"),
    ("মুহাম্মদ ইউনূস", "Muhammad Yunus"),
    ("জন কিরবি", "John Kirby"),
    ("সের্গেই শোইগু", "Sergei Shoigu"),
    ("বাইডেন", "Joe Biden"),
    ("মোদি", "Narendra Modi"),
];
const PLACES: &[(&str, &str)] = &[
    ("মস্কো", "Moscow"),
    ("ঢাকা", "Dhaka"),
    ("রাশিয়া", "Russia"),
    ("ইউক্রেন", "Ukraine"),
    ("গাজা", "Gaza"),
    ("পিয়ংইয়ং", "Pyongyang"),
    ("কুর্স্ক", "Kursk"),
    ("বেইজিং", "Beijing"),
    ("ওয়াশিংটন", "Washington"),
    ("চট্টগ্রাম", "Chittagong"),
];
const ORGS: &[(&str, &str)] = &[
    ("হামাস", "Hamas"),
    ("জাতিসংঘ", "United Nations"),
    ("ন্যাটো", "NATO"),
    ("বিএনপি", "BNP"),
    ("ক্রেমলিন", "Kremlin"),
];
const OUTLETS: &[(&str, &str)] = &[
    ("বিবিসি", "BBC"),
    ("তাস", "TASS"),
    ("রয়টার্স", "Reuters"),
    ("এএফপি", "AFP"),
    ("আল জাজিরা", "Al Jazeera"),
    ("সিএনএন", "CNN"),
    ("কেসিএনএ", "KCNA"),
    ("নিউইয়র্ক টাইমস", "The New York Times"),
];
const CONSONANTS: &[&str] = &[
    "ক",
    "খ",
    "গ",
    "চ",
    "জ",
    "ট",
    "ড",
    "ত",
    "দ",
    "ন",
    "প",
    "ফ",
    "ব",
    "ভ",
    "ম",
    "র",
    "ল",
    "শ",
    "স",
    "হ",
    "ক্ষ",
    "স্ত",
    "ন্ত",
    "ন্দ",
    "প্র",
    "ক্র",
    "স্ত্র",
];
const SIGNS: &[&str] = &["", "া", "ি", "ী", "ু", "ে", "ো", "ৈ", "্য", "ং"];
const SUFFIXES: &[&str] = &["", "", "", "ের", "র", "কে", "তে", "রা", "য়", "দের"];

/// Words of the bundled seeds: real Bengali news vocabulary for the common part of titles.
fn seed_words() -> Vec<String> {
    let mut words: Vec<String> = khobor::seeds::BUNDLED
        .iter()
        .flat_map(|(_, b)| {
            String::from_utf8_lossy(b)
                .split_whitespace()
                .map(|w| {
                    w.trim_matches(|c: char| {
                        !c.is_alphanumeric() && !('\u{0980}'..='\u{09FF}').contains(&c)
                    })
                    .to_string()
                })
                .collect::<Vec<_>>()
        })
        .filter(|w| w.chars().count() >= 2)
        .collect();
    words.sort();
    words.dedup();
    words
}

fn made_up_word(rng: &mut Rng) -> String {
    let mut w = String::new();
    for _ in 0..2 + rng.below(3) {
        w.push_str(rng.pick(CONSONANTS));
        w.push_str(rng.pick(SIGNS));
    }
    w.push_str(rng.pick(SUFFIXES));
    w
}

fn entity(kind: EntityKind, (bn, en): (&str, &str), title: &str) -> Entity {
    let spans = title
        .match_indices(bn)
        .map(|(at, m)| Span {
            block: Block::Title,
            range: at..at + m.len(),
        })
        .collect();
    Entity {
        id: format!("gaz:{en}").into(),
        kind,
        name: bn.into(),
        name_en: Some(en.into()),
        aliases: vec![bn.into()],
        mentions: 1,
        spans,
    }
}

fn synthetic(n: usize, seed: u64) -> Corpus {
    let mut rng = Rng(seed);
    let common = seed_words();
    let articles = (0..n)
        .map(|i| {
            let person = rng.pick(PEOPLE);
            let place = rng.pick(PLACES);
            let org = rng.pick(ORGS);
            let outlet = rng.pick(OUTLETS);
            let mut words: Vec<String> = (0..5 + rng.below(8))
                .map(|_| {
                    if rng.below(4) == 0 {
                        made_up_word(&mut rng)
                    } else {
                        common[rng.below(common.len())].clone()
                    }
                })
                .collect();
            let at = rng.below(words.len());
            words.insert(at, format!("{}{}", person.0, rng.pick(SUFFIXES)));
            if rng.below(2) == 0 {
                words.push(place.0.to_string());
            }
            let title = words.join(" ");
            let published = (rng.below(10) > 0)
                .then(|| {
                    chrono::NaiveDate::from_ymd_opt(
                        2020 + rng.below(6) as i32,
                        1 + rng.below(12) as u32,
                        1 + rng.below(28) as u32,
                    )
                })
                .flatten()
                .map(Published::Date);
            Article {
                path: format!("synthetic/{i:06}.txt"),
                entities: vec![
                    entity(EntityKind::Person, person, &title),
                    entity(EntityKind::Place, place, &title),
                    entity(EntityKind::Organization, org, &title),
                ],
                title,
                published,
                sources: vec![SourceRef {
                    name: outlet.1.into(),
                    name_bn: outlet.0.into(),
                    role: SourceRole::Credit,
                }],
                ..Article::default()
            }
        })
        .collect();
    Corpus { articles }
}
