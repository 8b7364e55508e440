//! Trains the entity tagger (`src/extract/model.rs`) on the permissive Bengali NER corpora.
//!
//! `cargo run --release --example ner_train -- NER_DIR OUT.bin [THRESHOLD]` reads banglakit (CC0),
//! Rifat1493 (MIT) and neon headlines (CC BY 4.0) from `NER_DIR` as `tools/ner/corpora.py` does,
//! holds out every 10th sentence of each corpus, trains an averaged perceptron on the rest
//! (fixed shuffle seed and epoch count, so the output is the same on every run), writes the
//! quantised model with `THRESHOLD` as its confidence cut, and prints the held-out span scores of
//! the model alone at several thresholds.
//!
//! `cargo run --release --example ner_train -- heldout NER_DIR` scores the embedded model alone on
//! the held-out split.

use std::fs;

use anyhow::Context;
use khobor::article::EntityKind;
use khobor::extract::gazetteer::Gazetteer;
use khobor::extract::model::{self, LABELS, Model, Sentence, Weights};
use khobor::text::token::{Token, tokenize};
use unicode_normalization::UnicodeNormalization;

const BITS: u32 = 18;
const EPOCHS: usize = 6;
const SEED: u64 = 0x6b68_6f62_6f72;

/// One corpus sentence: its text (tokens joined by spaces) and the gold names as byte ranges.
struct Example {
    corpus: &'static str,
    text: String,
    names: Vec<(EntityKind, std::ops::Range<usize>)>,
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let gazetteer = Gazetteer::embedded().map_err(anyhow::Error::msg)?;
    if args.first().map(String::as_str) == Some("heldout") {
        let dir = args.get(1).context("usage: ner_train heldout NER_DIR")?;
        let (_, test) = read_corpora(dir)?;
        report(Model::embedded(), &test, &gazetteer);
        return Ok(());
    }
    let (Some(dir), Some(out)) = (args.first(), args.get(1)) else {
        anyhow::bail!("usage: ner_train NER_DIR OUT.bin [THRESHOLD] | heldout NER_DIR");
    };
    let threshold: f32 = args.get(2).map_or(Ok(0.0), |t| t.parse())?;
    let (train, test) = read_corpora(dir)?;
    eprintln!("{} train, {} held-out sentences", train.len(), test.len());
    let weights = train_perceptron(&train, &gazetteer);
    let bytes = model::write_model(&weights, BITS, threshold);
    fs::write(out, &bytes).with_context(|| format!("writing {out}"))?;
    eprintln!("wrote {out} ({} bytes)", bytes.len());
    let model =
        Model::from_bytes(Box::leak(bytes.into_boxed_slice())).map_err(anyhow::Error::msg)?;
    report(&model, &test, &gazetteer);
    Ok(())
}

struct Dense {
    w: Vec<f32>,
}

impl Weights for Dense {
    fn bits(&self) -> u32 {
        BITS
    }
    fn add_row(&self, bucket: usize, scores: &mut [f32; LABELS]) {
        for (s, w) in scores.iter_mut().zip(&self.w[bucket * LABELS..][..LABELS]) {
            *s += w;
        }
    }
}

/// Gold label of each token of `tokens` from the byte ranges of the names.
fn gold_labels(tokens: &[Token<'_>], names: &[(EntityKind, std::ops::Range<usize>)]) -> Vec<usize> {
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            names
                .iter()
                .find(|(_, r)| t.range.start >= r.start && t.range.end <= r.end)
                .map_or(0, |(k, r)| {
                    let first = i == 0 || tokens[i - 1].range.start < r.start;
                    model::label(*k, !first)
                })
        })
        .collect()
}

fn train_perceptron(train: &[Example], gazetteer: &Gazetteer) -> Vec<f32> {
    let n = (1usize << BITS) * LABELS;
    let mut dense = Dense { w: vec![0.0; n] };
    let mut totals = vec![0.0f32; n];
    let tokens: Vec<Vec<Token<'_>>> = train.iter().map(|e| tokenize(&e.text)).collect();
    let gold: Vec<Vec<usize>> = train
        .iter()
        .zip(&tokens)
        .map(|(e, t)| gold_labels(t, &e.names))
        .collect();
    let sentences: Vec<Sentence<'_, '_>> = train
        .iter()
        .zip(&tokens)
        .map(|(e, t)| Sentence::new(&e.text, t, gazetteer))
        .collect();
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = SEED;
    let mut c = 1.0f32;
    let mask = (1usize << BITS) - 1;
    let mut feats = Vec::new();
    for epoch in 0..EPOCHS {
        for i in (1..order.len()).rev() {
            rng = rng
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            order.swap(i, (rng >> 33) as usize % (i + 1));
        }
        let mut errors = 0usize;
        let mut total = 0usize;
        for &s in &order {
            let sent = &sentences[s];
            let (mut prev, mut prev2) = (0, 0);
            for (i, &g) in gold[s].iter().enumerate() {
                sent.features(i, prev, prev2, &mut feats);
                let scores = dense.scores(&feats);
                let mut best = 0;
                for l in 1..LABELS {
                    if scores[l] > scores[best] {
                        best = l;
                    }
                }
                if best != g {
                    errors += 1;
                    for &f in &feats {
                        let row = (f as usize & mask) * LABELS;
                        dense.w[row + g] += 1.0;
                        dense.w[row + best] -= 1.0;
                        totals[row + g] += c;
                        totals[row + best] -= c;
                    }
                }
                total += 1;
                c += 1.0;
                prev2 = prev;
                prev = best;
            }
        }
        eprintln!("epoch {epoch}: {errors}/{total} token errors");
    }
    dense
        .w
        .iter()
        .zip(&totals)
        .map(|(w, t)| w - t / c)
        .collect()
}

/// Exact typed and untyped span P/R/F1 of the model alone on `test`, at several thresholds.
fn report(model: &Model, test: &[Example], gazetteer: &Gazetteer) {
    let thresholds = [0.0f32, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 12.0];
    for corpus in ["all", "banglakit", "rifat", "neon"] {
        println!("held-out {corpus}");
        for &th in &thresholds {
            let (mut tp, mut tpu, mut np, mut ng) = (0usize, 0usize, 0usize, 0usize);
            for e in test
                .iter()
                .filter(|e| corpus == "all" || e.corpus == corpus)
            {
                let tokens = tokenize(&e.text);
                let gold = spans_of(&gold_labels(&tokens, &e.names));
                let sent = Sentence::new(&e.text, &tokens, gazetteer);
                let pred: Vec<_> = model::tag(model, &sent)
                    .into_iter()
                    .filter(|p| p.confidence >= th)
                    .collect();
                np += pred.len();
                ng += gold.len();
                for p in &pred {
                    if gold.iter().any(|(k, r)| *r == p.tokens && *k == p.kind) {
                        tp += 1;
                    }
                    if gold.iter().any(|(_, r)| *r == p.tokens) {
                        tpu += 1;
                    }
                }
            }
            let f = |tp: usize| {
                let p = tp as f64 / np.max(1) as f64;
                let r = tp as f64 / ng.max(1) as f64;
                (p, r, 2.0 * p * r / (p + r).max(1e-9))
            };
            let (p, r, f1) = f(tp);
            let (pu, ru, f1u) = f(tpu);
            println!(
                "  threshold {th:>5}: typed P {p:.3} R {r:.3} F1 {f1:.3} | untyped P {pu:.3} R {ru:.3} F1 {f1u:.3}"
            );
        }
    }
}

fn spans_of(labels: &[usize]) -> Vec<(EntityKind, std::ops::Range<usize>)> {
    let mut out: Vec<(EntityKind, std::ops::Range<usize>)> = Vec::new();
    for (i, &l) in labels.iter().enumerate() {
        if l == 0 {
            continue;
        }
        let kind = [
            EntityKind::Person,
            EntityKind::Place,
            EntityKind::Organization,
        ][(l - 1) / 2];
        let inside = (l - 1) % 2 == 1;
        match out.last_mut() {
            Some((k, r)) if inside && *k == kind && r.end == i => r.end = i + 1,
            _ => out.push((kind, i..i + 1)),
        }
    }
    out
}

fn norm(s: &str) -> String {
    s.nfc()
        .filter(|&c| c != '\u{200c}' && c != '\u{200d}')
        .collect()
}

/// Tokens and BIO-style tags of each corpus sentence, as `tools/ner/corpora.py` reads them.
type Tagged = (Vec<String>, Vec<String>);

fn columns(path: &str, tab: bool) -> anyhow::Result<Vec<Tagged>> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let mut out = Vec::new();
    let (mut tokens, mut tags) = (Vec::new(), Vec::new());
    for line in text.lines() {
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            if !tokens.is_empty() {
                out.push((std::mem::take(&mut tokens), std::mem::take(&mut tags)));
            }
            continue;
        }
        let split = if tab {
            line.rsplit_once('\t')
        } else {
            line.rsplit_once(char::is_whitespace)
        };
        let Some((tok, tag)) = split else { continue };
        let quotes: &[char] = &['\'', '"', '‘', '’', '“', '”'];
        tokens.push(norm(tok.trim().trim_matches(quotes)));
        tags.push(tag.trim().to_string());
    }
    if !tokens.is_empty() {
        out.push((tokens, tags));
    }
    Ok(out)
}

fn keep(label: &str) -> Option<EntityKind> {
    match label {
        "PER" | "PERSON" => Some(EntityKind::Person),
        "LOC" | "GPE" => Some(EntityKind::Place),
        "ORG" => Some(EntityKind::Organization),
        _ => None,
    }
}

/// `(kind, first token, end token)` from tags; `cont` lists the prefixes that continue a name.
fn spans_from_bio(tags: &[String], cont: &[&str]) -> Vec<(EntityKind, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(EntityKind, usize, usize)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, label) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
        let label = keep(label);
        if let (Some(l), Some(c)) = (label, cur.as_mut())
            && cont.contains(&prefix)
            && c.0 == l
        {
            c.2 = i + 1;
            continue;
        }
        if let Some(c) = cur.take() {
            out.push(c);
        }
        if let Some(l) = label
            && (prefix == "B" || prefix == "U" || cont.contains(&prefix))
        {
            cur = Some((l, i, i + 1));
        }
        if (prefix == "L" || prefix == "U")
            && let Some(c) = cur.take()
        {
            out.push(c);
        }
    }
    out.extend(cur);
    out
}

fn example(
    corpus: &'static str,
    tokens: &[String],
    spans: &[(EntityKind, usize, usize)],
) -> Example {
    let mut text = String::new();
    let mut at = Vec::with_capacity(tokens.len() + 1);
    for t in tokens {
        if !text.is_empty() {
            text.push(' ');
        }
        at.push(text.len());
        text.push_str(t);
    }
    at.push(text.len() + 1);
    let names = spans
        .iter()
        .map(|&(k, s, e)| (k, at[s]..at[e] - 1))
        .collect();
    Example {
        corpus,
        text,
        names,
    }
}

/// A corpus sentence's tokens and its names as `(kind, first token, end token)`.
type Gold = (Vec<String>, Vec<(EntityKind, usize, usize)>);

/// Train and held-out examples: every 10th sentence of each corpus is held out.
fn read_corpora(dir: &str) -> anyhow::Result<(Vec<Example>, Vec<Example>)> {
    let mut all: Vec<(&'static str, Vec<Gold>)> = Vec::new();
    let path = format!("{dir}/banglakit/main.jsonl");
    let text = fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
    let mut bk = Vec::new();
    for line in text.lines() {
        let Ok((sentence, tags)) = serde_json::from_str::<(String, Vec<String>)>(line) else {
            continue;
        };
        let tokens: Vec<String> = norm(&sentence)
            .replace('।', " । ")
            .split_whitespace()
            .map(str::to_string)
            .collect();
        if tokens.len() == tags.len() {
            let spans = spans_from_bio(&tags, &["I", "L"]);
            bk.push((tokens, spans));
        }
    }
    all.push(("banglakit", bk));
    let mut rifat = Vec::new();
    for name in ["train_data.txt", "test_data.txt"] {
        for (tokens, tags) in columns(&format!("{dir}/rifat/{name}"), true)? {
            let spans = spans_from_bio(&tags, &["I", "B"]);
            rifat.push((tokens, spans));
        }
    }
    all.push(("rifat", rifat));
    let neon = columns(&format!("{dir}/neon-headlines/label_data.txt"), false)?
        .into_iter()
        .map(|(tokens, tags)| {
            let spans = spans_from_bio(&tags, &["I", "O"]);
            (tokens, spans)
        })
        .collect();
    all.push(("neon", neon));
    let (mut train, mut test) = (Vec::new(), Vec::new());
    for (corpus, sentences) in all {
        for (n, (tokens, spans)) in sentences.iter().enumerate() {
            let e = example(corpus, tokens, spans);
            if n % 10 == 0 {
                test.push(e);
            } else {
                train.push(e);
            }
        }
    }
    Ok((train, test))
}
