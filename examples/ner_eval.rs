//! Evaluation of the entity extractor.
//!
//! `cargo run --release --example ner_eval -- jsonl [PATH]...` prints one JSON line per article
//! (path, title, entities) in the shape `../shared/eval/score.py` reads.
//!
//! `cargo run --release --example ner_eval -- throughput [N]` extracts the bundled seeds N times
//! (default 25,000 rounds = 100,000 articles) on one thread and prints articles per second.
//!
//! `cargo run --release --example ner_eval -- heldout TEST.jsonl` scores the extractor on the
//! held-out split of the public NER corpora written by `tools/ner/corpora.py`: each sentence is
//! run as a one-paragraph article; a gold entity counts as found when a predicted mention covers
//! the same words (compared by suffix-stripped lemma, both sides normalised). Reports span-level
//! P/R/F1 per corpus, untyped and typed.

use std::collections::BTreeMap;
use std::path::PathBuf;

use khobor::article::{Article, EntityKind};
use khobor::extract::{Extractor, kind_name};
use khobor::text::suffix;
use khobor::text::token::tokenize;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("jsonl") => jsonl(&args[1..]),
        Some("throughput") => {
            throughput(args.get(1).and_then(|n| n.parse().ok()).unwrap_or(25_000))
        }
        Some("heldout") => match args.get(1) {
            Some(p) => heldout(p),
            None => anyhow::bail!("usage: ner_eval heldout TEST.jsonl"),
        },
        _ => anyhow::bail!("usage: ner_eval jsonl [PATH]... | heldout TEST.jsonl"),
    }
}

fn jsonl(paths: &[String]) -> anyhow::Result<()> {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let extractor = Extractor::new();
    let (corpus, _) = khobor::corpus::Corpus::load(&paths, &extractor)?;
    for a in &corpus.articles {
        let entities: Vec<serde_json::Value> = a
            .entities
            .iter()
            .map(|e| {
                serde_json::json!({
                    "id": e.id, "kind": kind_name(e.kind), "name": e.name, "name_en": e.name_en,
                    "aliases": e.aliases, "mentions": e.mentions,
                })
            })
            .collect();
        let line = serde_json::json!({"path": a.path, "title": a.title, "entities": entities});
        println!("{line}");
    }
    Ok(())
}

fn throughput(rounds: usize) -> anyhow::Result<()> {
    let extractor = Extractor::new();
    let (corpus, _) = khobor::corpus::Corpus::load(&[], &extractor)?;
    let bytes: usize = corpus
        .articles
        .iter()
        .map(|a| a.title.len() + a.body.iter().map(String::len).sum::<usize>())
        .sum();
    let start = std::time::Instant::now();
    let mut entities = 0;
    for _ in 0..rounds {
        for a in &corpus.articles {
            entities += extractor.extract(a).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let n = rounds * corpus.articles.len();
    println!(
        "{n} articles (avg {} bytes) in {secs:.2} s on one thread: {:.0} articles/s, {entities} entities",
        bytes / corpus.articles.len().max(1),
        n as f64 / secs
    );
    Ok(())
}

/// A sentence's entities as (type, lemma key) pairs.
type Spans = Vec<(&'static str, String)>;

/// The lemma of a multi-word name: words keyed, the last one without its suffix (when a suffix
/// rule applies, the shortest reading wins, so both sides land on the same stem).
fn lemma(text: &str) -> String {
    let tokens = tokenize(text);
    let mut words: Vec<String> = tokens
        .iter()
        .filter(|t| !(t.joined && suffix::is_detached_suffix(&t.key)))
        .map(|t| t.key.clone())
        .collect();
    if let Some(last) = words.pop() {
        let stem = suffix::stems(&last)
            .last()
            .map_or(last.clone(), |s| s.key.to_string());
        words.push(stem);
    }
    words.join(" ")
}

fn gold_type(t: &str) -> &'static str {
    match t {
        "PER" => "PER",
        "LOC" => "LOC",
        _ => "ORG",
    }
}

fn sys_type(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "PER",
        EntityKind::Place => "LOC",
        EntityKind::Organization | EntityKind::Media => "ORG",
    }
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    ttp: usize,
}

fn heldout(path: &str) -> anyhow::Result<()> {
    let extractor = Extractor::new();
    let text = std::fs::read_to_string(path)?;
    let mut by_corpus: BTreeMap<String, Counts> = BTreeMap::new();
    let verbose = std::env::var_os("NER_EVAL_VERBOSE").is_some();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let corpus = v["corpus"].as_str().unwrap_or("?").to_string();
        let sentence = v["text"].as_str().unwrap_or_default().to_string();
        let gold: Spans = v["entities"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| {
                        (
                            gold_type(e["type"].as_str().unwrap_or_default()),
                            lemma(e["text"].as_str().unwrap_or_default()),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let article = Article {
            body: vec![sentence.clone()],
            ..Article::default()
        };
        let mut pred: Spans = Vec::new();
        for e in extractor.extract(&article) {
            for s in &e.spans {
                if let Some(block) = article.block(s.block) {
                    pred.push((sys_type(e.kind), lemma(&block[s.range.clone()])));
                }
            }
        }
        let c = by_corpus.entry(corpus).or_default();
        let mut unmatched: Vec<bool> = vec![true; gold.len()];
        for (pt, pl) in &pred {
            match gold
                .iter()
                .enumerate()
                .position(|(i, (_, gl))| unmatched[i] && gl == pl)
            {
                Some(i) => {
                    unmatched[i] = false;
                    c.tp += 1;
                    if gold[i].0 == *pt {
                        c.ttp += 1;
                    }
                }
                None => {
                    c.fp += 1;
                    if verbose {
                        eprintln!("FP {pt} {pl}\t| {sentence}");
                    }
                }
            }
        }
        for (i, u) in unmatched.iter().enumerate() {
            if *u {
                c.fn_ += 1;
                if verbose {
                    eprintln!("FN {} {}\t| {sentence}", gold[i].0, gold[i].1);
                }
            }
        }
    }
    let mut total = Counts::default();
    for (name, c) in &by_corpus {
        report(name, c);
        total.tp += c.tp;
        total.fp += c.fp;
        total.fn_ += c.fn_;
        total.ttp += c.ttp;
    }
    report("all", &total);
    Ok(())
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn report(name: &str, c: &Counts) {
    let (p, r, f) = prf(c.tp, c.fp, c.fn_);
    let typed_fp = c.fp + (c.tp - c.ttp);
    let typed_fn = c.fn_ + (c.tp - c.ttp);
    let (tp_, tr, tf) = prf(c.ttp, typed_fp, typed_fn);
    println!(
        "{name:10} untyped P={p:.3} R={r:.3} F1={f:.3}  typed P={tp_:.3} R={tr:.3} F1={tf:.3}  (tp={} fp={} fn={})",
        c.tp, c.fp, c.fn_
    );
}
