//! The scale benchmark of the README: loading and filtering generated corpora, next to `rg` and
//! `fzf` over the same files in the same run, as markdown tables.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- /tmp/khobor-bench/c10k 10000
//! cargo run --release --example gen_corpus -- /tmp/khobor-bench/c100k 100000
//! cargo run --release --example bench -- /tmp/khobor-bench/c10k /tmp/khobor-bench/c100k
//! ```
//! Options: `--runs N` (default 3) runs of each load measurement; the median is reported.
//! `--search-only` skips the load measurements (the search index builds, whole queries next to
//! `rg` and `fzf`, and per-keystroke latencies are still measured); `--cache DIR` keeps the
//! caches of the search measurements there, so a second run loads warm.
//! `--typing-during-build` measures only typing and scrolling while the index is built on a cold
//! body cache (`support/during_build.rs`); `--cache` then keeps only the extraction caches.
//!
//! Why an example and not criterion: a load of 100,000 files takes seconds and its peak memory
//! only means something in a fresh process, and the yardsticks are other programs (`rg`, `fzf`)
//! timed as whole processes. So each load runs in a child process (this binary again, with
//! `--child`), which reports its wall time, CPU time, time to the first titles and peak RSS.
//! Page cache is hot for every tool (one warm-up pass each, rg before its runs, khobor before its
//! warm runs); "cold" means without the caches, "warm" with them.

#[path = "support/during_build.rs"]
mod during_build;
#[path = "support/measure.rs"]
mod measure;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use khobor::cache::BodyCache;
use khobor::corpus::Corpus;
use khobor::extract::Extractor;
use khobor::load::{self, LoadEvent, LoadOptions};
use khobor::search::body::read_body;
use khobor::search::{LiveSearch, SearchIndex, corpus_key};

/// Typing sessions measured: a Bengali name, Latin names, and fields with an exclusion.
const QUERIES: &[(&str, &str)] = &[
    ("Bengali", "পুতিন ও কিম"),
    ("Latin", "lavrov moscow"),
    ("topic", "নির্বাচন বন্যা"),
    ("field", "source:bbc person:putin !trump"),
];
const TYPING_ROUNDS: usize = 5;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        return child(&args[1..]);
    }
    let mut runs = 3;
    let mut dirs = Vec::new();
    let mut search_only = false;
    let mut during_build = false;
    let mut cache_dir: Option<PathBuf> = None;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        if a == "--search-only" {
            search_only = true;
        } else if a == "--typing-during-build" {
            during_build = true;
        } else if a == "--cache" {
            cache_dir = Some(
                it.next()
                    .ok_or_else(|| anyhow::anyhow!("--cache DIR"))?
                    .into(),
            );
        } else if a == "--runs" {
            runs = it
                .next()
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| anyhow::anyhow!("--runs N"))?;
        } else {
            dirs.push(PathBuf::from(a));
        }
    }
    if dirs.is_empty() {
        anyhow::bail!(
            "usage: bench [--runs N] [--search-only | --typing-during-build] [--cache DIR] CORPUS_DIR..."
        );
    }
    println!(
        "threads: {}, runs per load: {runs} (median)",
        rayon::current_num_threads()
    );
    if during_build {
        let sessions: Vec<String> = QUERIES.iter().map(|(_, q)| q.to_string()).collect();
        let reports = dirs
            .iter()
            .map(|dir| {
                eprintln!("== {}", dir.display());
                during_build::measure(dir, cache_dir.as_deref(), &sessions)
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        during_build::print(reports);
        return Ok(());
    }
    let mut load_rows = Vec::new();
    let mut filter_rows = Vec::new();
    let mut search_rows = Vec::new();
    for dir in &dirs {
        eprintln!("== {}", dir.display());
        if !search_only {
            load_rows.push(measure_loads(dir, runs)?);
        }
        let (builds, queries, filters) = measure_search(dir, cache_dir.as_deref())?;
        search_rows.push((builds, queries));
        filter_rows.extend(filters);
    }
    print_search(&search_rows);
    if !search_only {
        print_loads(&load_rows, runs);
    }
    print_filters(&filter_rows);
    Ok(())
}

fn print_loads(load_rows: &[LoadRow], runs: usize) {
    println!("\n### Loading (median of {runs})\n");
    println!(
        "| corpus | on disk | `rg -c পুতিন` | cold load | cold / rg | warm load | warm / rg | first titles | then index | peak RSS cold | peak RSS warm | RSS / disk |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for r in load_rows {
        println!(
            "| {} articles | {:.0} MB | {:.2} s | {:.2} s ({:.1} s CPU) | {:.1}× | {:.2} s ({:.1} s CPU) | {:.1}× | {:.0} ms | {:.2} s | {:.0} MB | {:.0} MB | {:.2}× |",
            r.articles,
            mb(r.disk_bytes),
            r.rg,
            r.cold.wall,
            r.cold.cpu,
            r.cold.wall / r.rg,
            r.warm.wall,
            r.warm.cpu,
            r.warm.wall / r.rg,
            r.warm.first_titles * 1e3,
            r.warm.index,
            mb(r.cold.rss),
            mb(r.warm.rss),
            r.cold.rss.max(r.warm.rss) as f64 / r.disk_bytes as f64,
        );
    }
}

fn print_filters(filter_rows: &[FilterRow]) {
    println!("\n### Filtering, per keystroke (typed one char at a time)\n");
    println!(
        "| corpus | query | keystrokes | p50 | p99 | max | `fzf --filter` p50 | fzf p99 | speed-up p50 | speed-up p99 |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for r in filter_rows {
        println!(
            "| {} articles | {} `{}` | {} | {:.2} ms | {:.2} ms | {:.2} ms | {:.0} ms | {:.0} ms | {:.0}× | {:.0}× |",
            r.articles,
            r.label,
            r.query,
            r.keystrokes,
            r.p50,
            r.p99,
            r.max,
            r.fzf50,
            r.fzf99,
            r.fzf50 / r.p50,
            r.fzf99 / r.p99,
        );
    }
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

struct LoadRow {
    articles: usize,
    disk_bytes: u64,
    rg: f64,
    cold: ChildRun,
    warm: ChildRun,
}

/// One load in a fresh process.
#[derive(Clone, Copy, Debug, Default)]
struct ChildRun {
    /// Until every article is parsed and has its entities.
    wall: f64,
    cpu: f64,
    first_titles: f64,
    /// Building the search index afterwards (the list is usable before; searching after).
    index: f64,
    rss: u64,
    articles: usize,
}

fn measure_loads(dir: &Path, runs: usize) -> anyhow::Result<LoadRow> {
    let (files, _) = khobor::ingest::discover(&[dir.to_path_buf()])?;
    let disk_bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    rg(dir)?; // warm-up: page cache
    let rg_times: Vec<f64> = (0..runs).map(|_| rg(dir)).collect::<Result<_, _>>()?;
    let cache = tempfile::tempdir()?;
    let mut cold = Vec::new();
    for _ in 0..runs {
        // A fresh, empty cache directory: nothing cached, and the save is part of the load.
        let empty = tempfile::tempdir()?;
        cold.push(child_load(dir, empty.path(), "cold")?);
    }
    child_load(dir, cache.path(), "filling the cache")?;
    // Like rg's warm-up pass: on a virtual machine that hands freed memory back to its host, the
    // first large allocation after a pause faults in every page through the host and can take
    // twice as long (rg's first pass too). Printed, not counted.
    child_load(dir, cache.path(), "warm-up")?;
    let warm: Vec<ChildRun> = (0..runs)
        .map(|_| child_load(dir, cache.path(), "warm"))
        .collect::<Result<_, _>>()?;
    Ok(LoadRow {
        articles: warm[0].articles,
        disk_bytes,
        rg: median(rg_times),
        cold: median_run(cold),
        warm: median_run(warm),
    })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn median_run(runs: Vec<ChildRun>) -> ChildRun {
    ChildRun {
        wall: median(runs.iter().map(|r| r.wall).collect()),
        cpu: median(runs.iter().map(|r| r.cpu).collect()),
        first_titles: median(runs.iter().map(|r| r.first_titles).collect()),
        index: median(runs.iter().map(|r| r.index).collect()),
        rss: runs.iter().map(|r| r.rss).max().unwrap_or(0),
        articles: runs.first().map_or(0, |r| r.articles),
    }
}

/// `rg -c পুতিন DIR`, whole process, in seconds.
fn rg(dir: &Path) -> anyhow::Result<f64> {
    let t = Instant::now();
    let status = Command::new("rg")
        .args(["-c", "পুতিন"])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| anyhow::anyhow!("rg: {e} (apt-get install ripgrep)"))?;
    let elapsed = t.elapsed().as_secs_f64();
    anyhow::ensure!(status.code() == Some(0), "rg failed: {status}");
    Ok(elapsed)
}

/// One load in a child process with its extraction cache in `cache`.
fn child_load(dir: &Path, cache: &Path, label: &str) -> anyhow::Result<ChildRun> {
    let out = Command::new(std::env::current_exe()?)
        .arg("--child")
        .arg(dir)
        .arg(cache)
        .stderr(Stdio::inherit())
        .output()?;
    anyhow::ensure!(out.status.success(), "child load failed: {}", out.status);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let f = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
    let run = ChildRun {
        wall: f("wall"),
        cpu: f("cpu"),
        first_titles: f("first_titles"),
        index: f("index"),
        rss: v["rss"].as_u64().unwrap_or(0),
        articles: v["articles"].as_u64().unwrap_or(0) as usize,
    };
    eprintln!(
        "  load ({label}): {:.2} s wall, {:.1} s CPU, first titles {:.0} ms, then index {:.2} s, peak RSS {:.0} MB",
        run.wall,
        run.cpu,
        run.first_titles * 1e3,
        run.index,
        mb(run.rss)
    );
    Ok(run)
}

/// Child mode: load DIR the way the reader does (background pipeline, then the search index
/// over the whole corpus), print one JSON object with the measurements.
fn child(args: &[String]) -> anyhow::Result<()> {
    let dir = PathBuf::from(args.first().ok_or_else(|| anyhow::anyhow!("--child DIR"))?);
    let options = LoadOptions {
        cache_dir: args.get(1).map(PathBuf::from),
        light: true,
    };
    let start = Instant::now();
    let handle = load::spawn(vec![dir], Arc::new(Extractor::new()), options);
    let mut corpus = Corpus::default();
    let mut first_titles = None;
    for event in handle.events.iter() {
        match event {
            LoadEvent::Articles(a) => {
                corpus.articles.extend(a);
                first_titles.get_or_insert_with(|| start.elapsed());
            }
            LoadEvent::Entities(e) => corpus.set_entities(e),
            LoadEvent::Failed(e) => anyhow::bail!(e),
            LoadEvent::Finished => break,
            LoadEvent::Discovered { .. }
            | LoadEvent::Problems(_)
            | LoadEvent::Progress(_)
            | LoadEvent::Refresh(_) => {}
        }
    }
    let wall = start.elapsed();
    let cpu = measure::cpu_seconds();
    let indexing = Instant::now();
    let index = SearchIndex::new(&corpus);
    println!(
        "{}",
        serde_json::json!({
            "wall": wall.as_secs_f64(),
            "cpu": cpu,
            "index": indexing.elapsed().as_secs_f64(),
            "first_titles": first_titles.unwrap_or_default().as_secs_f64(),
            "rss": peak_rss(),
            "articles": index.len(),
        })
    );
    Ok(())
}

/// Peak resident set size of this process in bytes (VmHWM).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

struct FilterRow {
    articles: usize,
    label: &'static str,
    query: &'static str,
    keystrokes: usize,
    p50: f64,
    p99: f64,
    max: f64,
    fzf50: f64,
    fzf99: f64,
}

/// Building the search index of one corpus, cold and from the body cache.
struct Builds {
    articles: usize,
    disk_bytes: u64,
    /// Loading the corpus (from the caches when `--cache` was filled by an earlier run).
    load: f64,
    titles: f64,
    /// Bodies read again from their files and indexed, no body cache.
    bodies_read: f64,
    /// The same, storing every body's words in an empty body cache, and saving it.
    bodies_cold: f64,
    save: f64,
    /// Opening the saved body cache and indexing every body from it.
    bodies_warm: f64,
    /// CPU seconds (all threads) of `titles`, `bodies_read`, `bodies_cold` and `bodies_warm`,
    /// and of reading the bodies alone (no indexing):
    /// on a shared machine wall times vary with the other load, CPU time much less.
    cpu: [f64; 5],
    cache_bytes: u64,
}

/// One whole query: khobor's index, `rg -c` for its Bengali spelling over the files, `fzf
/// --filter` over the titles.
struct QueryRow {
    label: &'static str,
    query: &'static str,
    rg_pattern: &'static str,
    hits: usize,
    median: f64,
    rg_files: usize,
    rg: f64,
    fzf: f64,
}

/// Whole queries timed: words, a phrase, fields; and what `rg` searches for the same.
const WHOLE_QUERIES: &[(&str, &str, &str)] = &[
    ("Bengali word", "নির্বাচন", "নির্বাচন"),
    ("Bengali word, body-only kind", "প্রজ্ঞাপন", "প্রজ্ঞাপন"),
    ("Latin name", "hasina", "হাসিনা"),
    ("Latin name", "putin", "পুতিন"),
    ("English topic", "flood", "বন্যা"),
    ("phrase", "\"প্রধান উপদেষ্টা\"", "প্রধান উপদেষ্টা"),
    ("fields", "person:hasina body:নির্বাচন", "হাসিনা"),
    ("OR", "বন্যা | ভূমিকম্প", "বন্যা|ভূমিকম্প"),
];
const QUERY_RUNS: usize = 5;

/// Saves `index` whole (as the reader and `khobor search` do for a complete corpus), loads it
/// back as a warm start does, checks it finds the same, and prints the times and the size.
fn measure_saved_index(corpus: &Corpus, index: &SearchIndex) -> anyhow::Result<()> {
    let cpu = || measure::cpu_seconds().unwrap_or(f64::NAN);
    let saved = tempfile::tempdir()?;
    let t = Instant::now();
    let key = corpus_key(corpus);
    let keyed = t.elapsed().as_secs_f64();
    let t = Instant::now();
    index.save(saved.path(), &key)?;
    let save = t.elapsed().as_secs_f64();
    let bytes: u64 = std::fs::read_dir(saved.path())?
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();
    let (t, c) = (Instant::now(), cpu());
    let loaded = SearchIndex::load_saved(saved.path(), corpus, &key)
        .map_err(anyhow::Error::msg)?
        .ok_or_else(|| anyhow::anyhow!("the saved index was not found"))?;
    let load = t.elapsed().as_secs_f64();
    let load_cpu = cpu() - c;
    for &(_, query, _) in WHOLE_QUERIES {
        anyhow::ensure!(
            loaded.search(query) == index.search(query),
            "the saved index finds otherwise: {query}"
        );
    }
    eprintln!(
        "  whole index: key {keyed:.2} s, saved in {save:.2} s ({:.0} MB), loaded in {load:.2} s ({load_cpu:.2} CPU-s), same hits",
        bytes as f64 / 1e6
    );
    Ok(())
}

fn measure_search(
    dir: &Path,
    cache_dir: Option<&Path>,
) -> anyhow::Result<(Builds, Vec<QueryRow>, Vec<FilterRow>)> {
    let temp = tempfile::tempdir()?;
    let cache = cache_dir.unwrap_or(temp.path());
    let options = LoadOptions {
        cache_dir: Some(cache.to_path_buf()),
        light: true,
    };
    let never = AtomicBool::new(false);
    let t = Instant::now();
    let (corpus, _) = Corpus::load_with(&[dir.to_path_buf()], &Extractor::new(), &options)?;
    let load = t.elapsed().as_secs_f64();
    let cpu = || measure::cpu_seconds().unwrap_or(f64::NAN);
    let (t, c) = (Instant::now(), cpu());
    let title_index = SearchIndex::new(&corpus);
    let titles = t.elapsed().as_secs_f64();
    let titles_cpu = cpu() - c;
    let sources = title_index.bodies_to_read(&corpus);
    // Reading, cleaning and parsing the files alone: what indexing adds is the rest.
    let c = cpu();
    let read = sources
        .par_iter()
        .filter_map(|s| s.as_ref().and_then(|(path, id)| read_body(path, *id)))
        .count();
    let reading_cpu = cpu() - c;
    anyhow::ensure!(
        read > 0 || sources.is_empty(),
        "no body could be read again"
    );
    let (t, c) = (Instant::now(), cpu());
    let read_index = title_index.with_bodies_read(&sources, read_body, &never);
    let bodies_read = t.elapsed().as_secs_f64();
    let read_cpu = cpu() - c;
    drop(read_index);
    let bodies_dir = tempfile::tempdir()?;
    let (t, c) = (Instant::now(), cpu());
    let (mut body_cache, _) = BodyCache::open(bodies_dir.path());
    let cold_index =
        title_index.with_bodies_cached(&sources, read_body, &mut body_cache, &never)?;
    let bodies_cold = t.elapsed().as_secs_f64();
    let cold_cpu = cpu() - c;
    drop(cold_index);
    let t = Instant::now();
    body_cache.save()?;
    let save = t.elapsed().as_secs_f64();
    drop(body_cache);
    let cache_bytes = std::fs::read_dir(bodies_dir.path())?
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();
    let (t, c) = (Instant::now(), cpu());
    let (mut body_cache, _) = BodyCache::open(bodies_dir.path());
    let index = title_index
        .with_bodies_cached(&sources, read_body, &mut body_cache, &never)?
        .unwrap_or(title_index);
    let bodies_warm = t.elapsed().as_secs_f64();
    let warm_cpu = cpu() - c;
    anyhow::ensure!(
        !body_cache.has_additions(),
        "the warm build read bodies the cache should have had"
    );
    drop(body_cache);
    measure_saved_index(&corpus, &index)?;
    let (files, _) = khobor::ingest::discover(&[dir.to_path_buf()])?;
    let disk_bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let builds = Builds {
        articles: corpus.articles.len(),
        disk_bytes,
        load,
        titles,
        bodies_read,
        bodies_cold,
        save,
        bodies_warm,
        cpu: [titles_cpu, read_cpu, cold_cpu, warm_cpu, reading_cpu],
        cache_bytes,
    };
    eprintln!(
        "  load {load:.2} s, titles {titles:.2} s, bodies read {bodies_read:.2} s, into cache {bodies_cold:.2} s + save {save:.2} s, from cache {bodies_warm:.2} s"
    );
    let titles = tempfile::NamedTempFile::new()?;
    let text: String = corpus
        .articles
        .iter()
        .map(|a| format!("{}\n", a.title))
        .collect();
    std::fs::write(titles.path(), text)?;
    rg_count(dir, "পুতিন")?; // warm-up: page cache
    let mut queries = Vec::new();
    for &(label, query, rg_pattern) in WHOLE_QUERIES {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..QUERY_RUNS {
            let t = Instant::now();
            hits = index.search(query).len();
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        let mut rg_times = Vec::new();
        let mut rg_files = 0;
        for _ in 0..QUERY_RUNS {
            let t = Instant::now();
            rg_files = rg_count(dir, rg_pattern)?;
            rg_times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        let fzf = (0..QUERY_RUNS)
            .map(|_| measure::fzf_filter(titles.path(), query).map(|d| d.as_secs_f64() * 1e3))
            .collect::<Result<Vec<_>, _>>()?;
        let row = QueryRow {
            label,
            query,
            rg_pattern,
            hits,
            median: median(times),
            rg_files,
            rg: median(rg_times),
            fzf: median(fzf),
        };
        eprintln!(
            "  {query}: {hits} hits in {:.2} ms; rg {} files in {:.0} ms",
            row.median, row.rg_files, row.rg
        );
        queries.push(row);
    }
    let mut rows = Vec::new();
    for &(label, query) in QUERIES {
        let prefixes: Vec<&str> = query
            .char_indices()
            .map(|(i, c)| &query[..i + c.len_utf8()])
            .collect();
        let mut lat = Vec::new();
        let mut hits = 0;
        for _ in 0..TYPING_ROUNDS {
            let mut live = LiveSearch::new();
            for p in &prefixes {
                let t = Instant::now();
                hits = live.run(&index, p, &never).map_or(0, |h| h.len());
                lat.push(t.elapsed());
            }
        }
        let fzf: Vec<Duration> = prefixes
            .iter()
            .map(|p| measure::fzf_filter(titles.path(), p))
            .collect::<Result<_, _>>()?;
        let (p50, p99, max) = percentiles(lat);
        let (fzf50, fzf99, _) = percentiles(fzf);
        eprintln!(
            "  {label}: {hits} hits; p50 {p50:.2} ms, p99 {p99:.2} ms; fzf p50 {fzf50:.0} ms"
        );
        rows.push(FilterRow {
            articles: corpus.articles.len(),
            label,
            query,
            keystrokes: prefixes.len(),
            p50,
            p99,
            max,
            fzf50,
            fzf99,
        });
    }
    Ok((builds, queries, rows))
}

/// `rg -l PATTERN DIR`: how many files hold it.
fn rg_count(dir: &Path, pattern: &str) -> anyhow::Result<usize> {
    let out = Command::new("rg")
        .args(["-l", pattern])
        .arg(dir)
        .stderr(Stdio::null())
        .output()
        .map_err(|e| anyhow::anyhow!("rg: {e} (apt-get install ripgrep)"))?;
    anyhow::ensure!(matches!(out.status.code(), Some(0 | 1)), "rg failed");
    Ok(out.stdout.iter().filter(|&&b| b == b'\n').count())
}

/// `text` inside a markdown table cell: a `|` would end the cell, even in code.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn print_search(rows: &[(Builds, Vec<QueryRow>)]) {
    println!("\n### Search index build\n");
    println!(
        "| corpus | on disk | load | titles + names (CPU) | bodies, read again (CPU) | of which reading | CPU per body | bodies into an empty cache (CPU) + save | bodies from the cache (CPU) | body cache on disk | cache / corpus |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for (b, _) in rows {
        println!(
            "| {} articles | {:.0} MB | {:.2} s | {:.2} s ({:.1}) | {:.2} s ({:.1}) | {:.1} CPU-s | {:.3} ms | {:.2} s ({:.1}) + {:.2} s | {:.2} s ({:.1}) | {:.0} MB | {:.2}× |",
            b.articles,
            mb(b.disk_bytes),
            b.load,
            b.titles,
            b.cpu[0],
            b.bodies_read,
            b.cpu[1],
            b.cpu[4],
            b.cpu[1] * 1e3 / b.articles.max(1) as f64,
            b.bodies_cold,
            b.cpu[2],
            b.save,
            b.bodies_warm,
            b.cpu[3],
            mb(b.cache_bytes),
            b.cache_bytes as f64 / b.disk_bytes.max(1) as f64,
        );
    }
    println!("\n### Whole queries (median of {QUERY_RUNS})\n");
    println!(
        "| corpus | query | hits | khobor | `rg -l` pattern | rg files | rg | `fzf --filter` (titles) | rg / khobor |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for (b, queries) in rows {
        for q in queries {
            println!(
                "| {} | {} `{}` | {} | {:.2} ms | `{}` | {} | {:.0} ms | {:.0} ms | {:.0}× |",
                b.articles,
                q.label,
                cell(q.query),
                q.hits,
                q.median,
                cell(q.rg_pattern),
                q.rg_files,
                q.rg,
                q.fzf,
                q.rg / q.median,
            );
        }
    }
}

/// p50, p99 and max in milliseconds.
fn percentiles(mut v: Vec<Duration>) -> (f64, f64, f64) {
    v.sort();
    let at = |q: f64| {
        let i = ((v.len() as f64 - 1.0) * q).round() as usize;
        v.get(i).map_or(f64::NAN, |d| d.as_secs_f64() * 1e3)
    };
    (at(0.5), at(0.99), at(1.0))
}
