//! Ingest throughput (discover + read + decode + clean + parse, in parallel with rayon) over a
//! directory, measured next to `rg -c পুতিন` over the same files in the same run.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- /tmp/khobor-corpus 100000
//! cargo run --release --example ingest_throughput -- /tmp/khobor-corpus [--with-extract]
//! ```
//! `--with-extract` also times the whole `Corpus::load`, entity extraction included.
//! Each measurement runs three times after one warm-up pass (page cache hot for both tools); the
//! best and the median run are printed, plus the CPU time ingest (and load + extract) used (all
//! threads), which stays meaningful when other work shares the machine.

#[path = "support/measure.rs"]
mod measure;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;

const RUNS: usize = 3;

fn ingest(dir: &Path) -> anyhow::Result<(usize, usize, usize)> {
    let t = Instant::now();
    let (files, problems) = khobor::ingest::discover(&[dir.to_path_buf()])?;
    eprintln!(
        "  discover: {} files in {:.3} s",
        files.len(),
        t.elapsed().as_secs_f64()
    );
    let results: Vec<_> = files
        .par_iter()
        .map(|f| khobor::ingest::load_file(f))
        .collect();
    let ok = results.iter().filter(|r| r.is_ok()).count();
    let paragraphs = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|(a, _)| a.body.len())
        .sum();
    Ok((ok, problems.len() + results.len() - ok, paragraphs))
}

fn rg(dir: &Path) -> anyhow::Result<usize> {
    let out = Command::new("rg")
        .args(["-c", "পুতিন"])
        .arg(dir)
        .stderr(Stdio::null())
        .output()?;
    Ok(out.stdout.iter().filter(|&&b| b == b'\n').count())
}

fn time<T>(mut f: impl FnMut() -> anyhow::Result<T>) -> anyhow::Result<(Vec<Duration>, T)> {
    f()?; // warm-up: page cache, thread pool, lazily built tables
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        last = Some(f()?);
        times.push(t.elapsed());
    }
    times.sort();
    Ok((times, last.ok_or_else(|| anyhow::anyhow!("no run"))?))
}

fn total_bytes(dir: &Path) -> anyhow::Result<u64> {
    let (files, _) = khobor::ingest::discover(&[dir.to_path_buf()])?;
    Ok(files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum())
}

fn report(label: &str, times: &[Duration], bytes: u64) {
    let mb = bytes as f64 / 1e6;
    let best = times[0].as_secs_f64();
    let median = times[times.len() / 2].as_secs_f64();
    println!(
        "{label:<28} best {best:>7.3} s ({:>7.1} MB/s)   median {median:>7.3} s ({:>7.1} MB/s)",
        mb / best,
        mb / median
    );
}

fn main() -> anyhow::Result<()> {
    let dir: PathBuf = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: ingest_throughput DIR"))?
        .into();
    let bytes = total_bytes(&dir)?;
    println!(
        "corpus {} : {:.1} MB, rayon threads {}",
        dir.display(),
        bytes as f64 / 1e6,
        rayon::current_num_threads()
    );
    let cpu_before = measure::cpu_seconds();
    let (times, (ok, bad, paragraphs)) = time(|| ingest(&dir))?;
    println!("ingest: {ok} articles, {paragraphs} body paragraphs, {bad} problems");
    report("khobor ingest", &times, bytes);
    report_cpu("khobor ingest CPU", cpu_before, bytes);
    if std::env::args().any(|a| a == "--with-extract") {
        let extractor = khobor::extract::Extractor::new();
        let cpu_before = measure::cpu_seconds();
        let (times, n) = time(|| {
            let (corpus, _) = khobor::corpus::Corpus::load(std::slice::from_ref(&dir), &extractor)?;
            Ok(corpus.articles.len())
        })?;
        println!("load + extract: {n} articles");
        report("khobor load + extract", &times, bytes);
        report_cpu("khobor load + extract CPU", cpu_before, bytes);
    }
    match time(|| rg(&dir)) {
        Ok((times, files)) => {
            println!("rg: {files} files with a match");
            report("rg -c পুতিন", &times, bytes);
        }
        Err(e) => println!("rg -c পুতিন: not measured ({e})"),
    }
    Ok(())
}

/// CPU seconds per run since `before` (the timed runs plus the warm-up), and the throughput
/// they make.
fn report_cpu(label: &str, before: Option<f64>, bytes: u64) {
    if let (Some(a), Some(b)) = (before, measure::cpu_seconds()) {
        let per_run = (b - a) / (RUNS + 1) as f64;
        println!(
            "{label:<28} {per_run:.3} CPU-s per run ({:.1} MB per CPU-second)",
            bytes as f64 / 1e6 / per_run
        );
    }
}
