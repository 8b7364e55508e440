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
//!
//! `cargo run --release --example ner_eval -- bannerd TEST.txt` scores it on BanNERD's CoNLL
//! files (evaluation only: its licence forbids training on it or copying it). Each sentence,
//! tokens joined by spaces, is run as a one-paragraph article. Gold PER, ORG and LOC ∪ GPE are
//! scored against person, organisation (with media) and place; BanNERD's other classes are not
//! entities here. Mention-level P/R/F1 over all sentences, per class, typed and untyped, twice:
//! exact spans (seqeval-style: a predicted mention covers the tokens it touches and must start and
//! end on the gold tokens) and suffix-tolerant (the `heldout` lemma comparison).
//!
//! `NER_EVAL_VERBOSE=1` prints every miss (FN) and spurious mention (FP) to stderr.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::PathBuf;

use khobor::article::{Article, Block, EntityKind};
use khobor::extract::{Extractor, kind_name};
use khobor::ingest::clean;
use khobor::text::key::match_key;
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
        Some("bannerd") => match args.get(1) {
            Some(p) => bannerd(p),
            None => anyhow::bail!("usage: ner_eval bannerd TEST.txt"),
        },
        _ => anyhow::bail!(
            "usage: ner_eval jsonl [PATH]... | throughput [N] | heldout TEST.jsonl | bannerd TEST.txt"
        ),
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

/// The classes every mode scores, as khobor's kinds map onto them.
const CLASSES: [&str; 3] = ["PER", "ORG", "place"];

fn sys_type(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "PER",
        EntityKind::Place => "place",
        EntityKind::Organization | EntityKind::Media => "ORG",
    }
}

/// The public corpora's types as `tools/ner/corpora.py` writes them.
fn heldout_type(t: &str) -> &'static str {
    match t {
        "PER" => "PER",
        "LOC" => "place",
        _ => "ORG",
    }
}

/// BanNERD's GPE (countries, cities, districts) is as much a khobor place as its LOC.
fn bannerd_type(t: &str) -> Option<&'static str> {
    match t {
        "PER" => Some("PER"),
        "ORG" => Some("ORG"),
        "LOC" | "GPE" => Some("place"),
        _ => None,
    }
}

#[derive(Clone, Copy, Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// Matched, spurious and missed mentions: untyped, and typed per class (a mention found with the
/// wrong class is spurious in its predicted class and missed in its gold class).
#[derive(Default)]
struct Tally {
    untyped: Counts,
    by_class: BTreeMap<&'static str, Counts>,
}

impl Tally {
    fn class(&mut self, c: &'static str) -> &mut Counts {
        self.by_class.entry(c).or_default()
    }

    fn typed(&self) -> Counts {
        let mut t = Counts::default();
        for c in self.by_class.values() {
            t.add(*c);
        }
        t
    }

    fn add(&mut self, o: &Tally) {
        self.untyped.add(o.untyped);
        for (c, n) in &o.by_class {
            self.class(c).add(*n);
        }
    }
}

/// A sentence's entities as (type, lemma key) pairs.
type Lemmas = Vec<(&'static str, String)>;

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

/// Suffix-tolerant matching: each predicted mention takes the first still unmatched gold entity
/// with the same lemma, whatever its type; the typed score also asks the types to agree.
fn tally_lemmas(gold: &Lemmas, pred: &Lemmas, t: &mut Tally, log: Option<&str>) {
    let mut unmatched: Vec<bool> = vec![true; gold.len()];
    for (pt, pl) in pred {
        match gold
            .iter()
            .enumerate()
            .position(|(i, (_, gl))| unmatched[i] && gl == pl)
        {
            Some(i) => {
                unmatched[i] = false;
                t.untyped.tp += 1;
                if gold[i].0 == *pt {
                    t.class(pt).tp += 1;
                } else {
                    t.class(pt).fp += 1;
                    t.class(gold[i].0).fn_ += 1;
                }
            }
            None => {
                t.untyped.fp += 1;
                t.class(pt).fp += 1;
                if let Some(s) = log {
                    eprintln!("FP {pt} {pl}\t| {s}");
                }
            }
        }
    }
    for (i, u) in unmatched.iter().enumerate() {
        if *u {
            t.untyped.fn_ += 1;
            t.class(gold[i].0).fn_ += 1;
            if let Some(s) = log {
                eprintln!("FN {} {}\t| {s}", gold[i].0, gold[i].1);
            }
        }
    }
}

/// What the extractor finds in `sentence`, run as a one-paragraph article: (type, byte range).
fn predict(extractor: &Extractor, sentence: &str) -> (Article, Vec<(&'static str, Range<usize>)>) {
    let article = Article {
        body: vec![sentence.to_string()],
        ..Article::default()
    };
    let mut pred = Vec::new();
    for e in extractor.extract(&article) {
        for s in &e.spans {
            if s.block == Block::Body(0) {
                pred.push((sys_type(e.kind), s.range.clone()));
            }
        }
    }
    (article, pred)
}

fn heldout(path: &str) -> anyhow::Result<()> {
    let extractor = Extractor::new();
    let text = std::fs::read_to_string(path)?;
    let mut by_corpus: BTreeMap<String, Tally> = BTreeMap::new();
    let verbose = std::env::var_os("NER_EVAL_VERBOSE").is_some();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let corpus = v["corpus"].as_str().unwrap_or("?").to_string();
        let sentence = v["text"].as_str().unwrap_or_default().to_string();
        let gold: Lemmas = v["entities"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| {
                        (
                            heldout_type(e["type"].as_str().unwrap_or_default()),
                            lemma(e["text"].as_str().unwrap_or_default()),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let (article, spans) = predict(&extractor, &sentence);
        let pred: Lemmas = spans
            .into_iter()
            .map(|(t, r)| (t, lemma(&article.body[0][r])))
            .collect();
        let log = verbose.then_some(sentence.as_str());
        tally_lemmas(&gold, &pred, by_corpus.entry(corpus).or_default(), log);
    }
    let mut total = Tally::default();
    for (name, t) in &by_corpus {
        report(name, t);
        total.add(t);
    }
    report("all", &total);
    Ok(())
}

/// A mention as (class, first token, last token) of its sentence.
type TokenSpan = (&'static str, usize, usize);

/// One BanNERD sentence: its tokens (cleaned as at ingest) and gold mentions.
struct Sentence {
    tokens: Vec<String>,
    gold: Vec<TokenSpan>,
}

/// Reads a CoNLL file (`token TAG` lines, a blank line between sentences). A line without a tag
/// is reported by its line number and skipped.
fn read_conll(path: &str) -> anyhow::Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path)?;
    let mut sentences = Vec::new();
    let mut tokens: Vec<String> = Vec::new();
    let mut tags: Vec<&str> = Vec::new();
    for (n, line) in text.lines().chain(std::iter::once("")).enumerate() {
        let line = line.trim();
        if line.is_empty() {
            if !tokens.is_empty() {
                let gold = chunks(&tags);
                sentences.push(Sentence {
                    tokens: std::mem::take(&mut tokens),
                    gold,
                });
                tags.clear();
            }
            continue;
        }
        match line.rsplit_once(char::is_whitespace) {
            Some((token, tag)) => {
                tokens.push(clean(token.trim()));
                tags.push(tag);
            }
            None => eprintln!("{path}:{}: no tag, line skipped", n + 1),
        }
    }
    Ok(sentences)
}

/// The mentions of a BIO tag sequence, read as seqeval does by default: a mention starts at `B-X`
/// or at an `I-X` that does not continue an `X`, and runs over the `I-X` that follow.
fn chunks(tags: &[&str]) -> Vec<TokenSpan> {
    let mut out = Vec::new();
    let mut open: Option<(&str, usize)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, ty) = tag.split_once('-').unwrap_or(("O", ""));
        let continues = prefix == "I" && open.is_some_and(|(t, _)| t == ty);
        if continues {
            continue;
        }
        if let Some((t, start)) = open.take() {
            out.extend(bannerd_type(t).map(|c| (c, start, i - 1)));
        }
        if prefix == "B" || prefix == "I" {
            open = Some((ty, i));
        }
    }
    if let Some((t, start)) = open {
        out.extend(bannerd_type(t).map(|c| (c, start, tags.len() - 1)));
    }
    out
}

/// The tokens a byte range touches, as (first, last); `None` when it touches none.
fn token_span(offsets: &[Range<usize>], r: &Range<usize>) -> Option<(usize, usize)> {
    let touches = |o: &Range<usize>| o.start < r.end && r.start < o.end;
    Some((
        offsets.iter().position(touches)?,
        offsets.iter().rposition(touches)?,
    ))
}

/// Exact-span matching: a predicted mention counts only on the gold mention's very tokens.
fn tally_exact(gold: &[TokenSpan], pred: &[TokenSpan], t: &mut Tally, log: Option<&Sentence>) {
    let gold_set: BTreeSet<TokenSpan> = gold.iter().copied().collect();
    let pred_set: BTreeSet<TokenSpan> = pred.iter().copied().collect();
    let range = |&(_, s, e): &TokenSpan| (s, e);
    let gold_ranges: BTreeSet<(usize, usize)> = gold_set.iter().map(range).collect();
    let pred_ranges: BTreeSet<(usize, usize)> = pred_set.iter().map(range).collect();
    t.untyped.tp += gold_ranges.intersection(&pred_ranges).count();
    t.untyped.fp += pred_ranges.difference(&gold_ranges).count();
    t.untyped.fn_ += gold_ranges.difference(&pred_ranges).count();
    let show = |tag: &str, &(c, s, e): &TokenSpan| {
        if let Some(sent) = log {
            let words = sent.tokens[s..=e].join(" ");
            eprintln!("exact {tag} {c} {words}\t| {}", sent.tokens.join(" "));
        }
    };
    for p in &pred_set {
        if gold_set.contains(p) {
            t.class(p.0).tp += 1;
        } else {
            t.class(p.0).fp += 1;
            show("FP", p);
        }
    }
    for g in gold_set.difference(&pred_set) {
        t.class(g.0).fn_ += 1;
        show("FN", g);
    }
}

fn bannerd(path: &str) -> anyhow::Result<()> {
    let extractor = Extractor::new();
    let sentences = read_conll(path)?;
    let verbose = std::env::var_os("NER_EVAL_VERBOSE").is_some();
    let mut exact = Tally::default();
    let mut tolerant = Tally::default();
    let mut named = Tally::default();
    let mut set_aside = 0;
    let common = common_words();
    for sent in &sentences {
        let mut text = String::new();
        let mut offsets = Vec::with_capacity(sent.tokens.len());
        for tok in &sent.tokens {
            if !text.is_empty() {
                text.push(' ');
            }
            offsets.push(text.len()..text.len() + tok.len());
            text.push_str(tok);
        }
        let (article, spans) = predict(&extractor, &text);
        let pred: Vec<TokenSpan> = spans
            .iter()
            .filter_map(|(c, r)| token_span(&offsets, r).map(|(s, e)| (*c, s, e)))
            .collect();
        tally_exact(&sent.gold, &pred, &mut exact, verbose.then_some(sent));
        let nominal = |&(_, s, e): &TokenSpan| s == e && is_common(&common, &sent.tokens[s]);
        let (aside, gold_named): (Vec<TokenSpan>, Vec<TokenSpan>) =
            sent.gold.iter().copied().partition(nominal);
        set_aside += aside.len();
        let pred_named: Vec<TokenSpan> = pred
            .iter()
            .copied()
            .filter(|&(_, s, e)| !aside.iter().any(|&(_, gs, ge)| gs == s && ge == e))
            .collect();
        tally_exact(&gold_named, &pred_named, &mut named, None);
        let gold_lemmas: Lemmas = sent
            .gold
            .iter()
            .map(|&(c, s, e)| (c, lemma(&sent.tokens[s..=e].join(" "))))
            .collect();
        let pred_lemmas: Lemmas = spans
            .into_iter()
            .map(|(c, r)| (c, lemma(&article.body[0][r])))
            .collect();
        tally_lemmas(
            &gold_lemmas,
            &pred_lemmas,
            &mut tolerant,
            verbose.then_some(text.as_str()),
        );
    }
    let mut gold_by_class: BTreeMap<&str, usize> = BTreeMap::new();
    for sent in &sentences {
        for (c, _, _) in &sent.gold {
            *gold_by_class.entry(c).or_default() += 1;
        }
    }
    println!(
        "BanNERD {path}: {} sentences, gold mentions PER {} ORG {} place {}",
        sentences.len(),
        gold_by_class.get("PER").unwrap_or(&0),
        gold_by_class.get("ORG").unwrap_or(&0),
        gold_by_class.get("place").unwrap_or(&0),
    );
    report_classes("exact", &exact);
    report_classes("tolerant", &tolerant);
    println!(
        "names only: {set_aside} gold mentions set aside as common nouns (one word that khobor's \
         common-word list holds, in any inflection: `মানুষ`, `মা`, `শিক্ষক`)"
    );
    report_classes("named exact", &named);
    Ok(())
}

/// khobor's list of frequent non-entity words (from the permissive NER corpora, not BanNERD).
fn common_words() -> BTreeSet<String> {
    include_str!("../assets/extract/common_words.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| match_key(l.trim()))
        .collect()
}

/// BanNERD tags person nouns (`মানুষ`, `শিক্ষকদের`) as PER; a panel of names never shows them.
fn is_common(common: &BTreeSet<String>, token: &str) -> bool {
    let key = match_key(token);
    common.contains(&key) || suffix::stems(&key).iter().any(|s| common.contains(s.key))
}

fn prf(c: Counts) -> (f64, f64, f64) {
    let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
    let p = ratio(c.tp, c.tp + c.fp);
    let r = ratio(c.tp, c.tp + c.fn_);
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn line(label: &str, c: Counts) -> String {
    let (p, r, f) = prf(c);
    format!(
        "{label:18} P={p:.3} R={r:.3} F1={f:.3}  (tp={} fp={} fn={})",
        c.tp, c.fp, c.fn_
    )
}

fn report(name: &str, t: &Tally) {
    let (p, r, f) = prf(t.untyped);
    let (tp_, tr, tf) = prf(t.typed());
    println!(
        "{name:10} untyped P={p:.3} R={r:.3} F1={f:.3}  typed P={tp_:.3} R={tr:.3} F1={tf:.3}  (tp={} fp={} fn={})",
        t.untyped.tp, t.untyped.fp, t.untyped.fn_
    );
}

fn report_classes(name: &str, t: &Tally) {
    println!("{}", line(&format!("{name} untyped"), t.untyped));
    println!("{}", line(&format!("{name} typed"), t.typed()));
    for c in CLASSES {
        let n = t.by_class.get(c).copied().unwrap_or_default();
        println!("{}", line(&format!("{name} {c}"), n));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_read_bio_as_seqeval_and_keep_only_khobor_classes() {
        let tags = [
            "B-PER", "I-PER", "O", "I-ORG", "I-ORG", "B-GPE", "B-LOC", "I-GPE", "B-NUM", "B-PER",
        ];
        assert_eq!(
            chunks(&tags),
            vec![
                ("PER", 0, 1),
                ("ORG", 3, 4),
                ("place", 5, 5),
                ("place", 6, 6),
                ("place", 7, 7),
                ("PER", 9, 9),
            ]
        );
    }

    #[test]
    fn a_mention_covers_the_tokens_it_touches() {
        let offsets = [0..3, 4..10, 11..11, 12..20];
        assert_eq!(token_span(&offsets, &(4..7)), Some((1, 1)));
        assert_eq!(token_span(&offsets, &(0..10)), Some((0, 1)));
        assert_eq!(token_span(&offsets, &(5..14)), Some((1, 3)));
        assert_eq!(token_span(&offsets, &(3..4)), None);
    }

    #[test]
    fn exact_spans_count_a_wrong_class_as_spurious_and_missed() {
        let mut t = Tally::default();
        let gold = [("PER", 0, 1), ("place", 3, 3)];
        let pred = [("PER", 0, 1), ("ORG", 3, 3), ("PER", 5, 5), ("PER", 5, 5)];
        tally_exact(&gold, &pred, &mut t, None);
        assert_eq!((t.untyped.tp, t.untyped.fp, t.untyped.fn_), (2, 1, 0));
        let typed = t.typed();
        assert_eq!((typed.tp, typed.fp, typed.fn_), (1, 2, 1));
        let org = t.by_class["ORG"];
        assert_eq!((org.tp, org.fp, org.fn_), (0, 1, 0));
    }
}
