//! Measurements shared by the benchmark programs (`examples/bench.rs`,
//! `examples/ingest_throughput.rs`, `benches/search.rs`), included with `#[path]` so each keeps
//! one copy of how khobor is timed against its reference tools.

#![allow(dead_code)] // each program uses its own subset

use std::io;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// CPU time this process has used so far (user + system, all threads), from /proc/self/stat;
/// `None` where that file does not exist.
pub(crate) fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // USER_HZ is 100 on every Linux platform Rust supports.
    Some(ticks / 100.0)
}

/// Wall time of `fzf --filter QUERY < titles`, whole process.
pub(crate) fn fzf_filter(titles: &Path, query: &str) -> io::Result<Duration> {
    let input = std::fs::File::open(titles)?;
    let t = Instant::now();
    let status = Command::new("fzf")
        .args(["--filter", query])
        .stdin(input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| io::Error::new(e.kind(), format!("fzf: {e} (apt-get install fzf)")))?;
    let elapsed = t.elapsed();
    // fzf exits 1 when nothing matches: still a measurement.
    if !matches!(status.code(), Some(0 | 1)) {
        return Err(io::Error::other(format!("fzf failed: {status}")));
    }
    Ok(elapsed)
}
