//! What watching a large archive costs: the time to set the watches up (one per folder, on the
//! watcher's own thread), the memory they take, the CPU the idle watcher uses, and how long a new
//! file takes to be reported.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- /tmp/khobor-bench/c100k 100000
//! cargo run --release --example watch_bench -- /tmp/khobor-bench/c100k
//! ```

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use khobor::watch::{WatchEvent, spawn};

/// A field of `/proc/self/status` in kB.
fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// User + system CPU time of this process so far.
fn cpu() -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::uninit();
    // SAFETY: getrusage fills the struct it is given.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    let t = |tv: libc::timeval| {
        Duration::from_secs(tv.tv_sec as u64) + Duration::from_micros(tv.tv_usec as u64)
    };
    t(usage.ru_utime) + t(usage.ru_stime)
}

fn main() {
    let Some(root) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: watch_bench DIR");
        std::process::exit(2);
    };
    let deepest = walk_last_dir(&root);
    let rss_before = status_kb("VmRSS:");
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    let cpu_before = cpu();
    spawn(vec![root.clone()], move |e| tx.send(e).is_ok()).expect("watcher thread");
    // Probe until the deepest folder is watched: then every folder is.
    let probe = deepest.join("watch-bench-probe.txt");
    let ready = loop {
        std::fs::write(&probe, "probe\n").expect("write the probe");
        if let Ok(WatchEvent::Touched(p)) = rx.recv_timeout(Duration::from_millis(500))
            && p.contains(&probe)
        {
            break started.elapsed();
        }
    };
    let setup_cpu = cpu() - cpu_before;
    std::fs::remove_file(&probe).expect("remove the probe");
    while rx.recv_timeout(Duration::from_millis(500)).is_ok() {}
    let idle_from = cpu();
    std::thread::sleep(Duration::from_secs(5));
    let idle_cpu = cpu() - idle_from;
    let mut latencies = Vec::new();
    for i in 0..10 {
        let file = deepest.join(format!("watch-bench-{i}.txt"));
        let at = Instant::now();
        std::fs::write(&file, "শিরোনাম\n").expect("write");
        loop {
            match rx.recv_timeout(Duration::from_secs(5)) {
                Ok(WatchEvent::Touched(p)) if p.contains(&file) => break,
                Ok(_) => {}
                Err(_) => panic!("{} was not reported", file.display()),
            }
        }
        latencies.push(at.elapsed());
        std::fs::remove_file(&file).expect("remove");
        while rx.recv_timeout(Duration::from_millis(400)).is_ok() {}
    }
    latencies.sort();
    let rss_after = status_kb("VmRSS:");
    println!("tree: {}", root.display());
    println!(
        "watches set up in {:.2} s ({:.2} CPU-s)",
        ready.as_secs_f64(),
        setup_cpu.as_secs_f64()
    );
    println!(
        "RSS {} MB before, {} MB watching (+{} MB); peak {} MB",
        rss_before / 1024,
        rss_after / 1024,
        rss_after.saturating_sub(rss_before) / 1024,
        status_kb("VmHWM:") / 1024
    );
    println!("idle CPU over 5 s: {} ms", idle_cpu.as_millis());
    println!(
        "new file reported after: median {} ms, max {} ms",
        latencies[latencies.len() / 2].as_millis(),
        latencies[latencies.len() - 1].as_millis()
    );
}

/// The last folder of a depth-first walk (by sorted names): watched last.
fn walk_last_dir(root: &std::path::Path) -> PathBuf {
    let mut dir = root.to_path_buf();
    loop {
        let mut subdirs: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|d| {
                d.filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.is_dir())
                    .collect()
            })
            .unwrap_or_default();
        subdirs.sort();
        match subdirs.pop() {
            Some(d) => dir = d,
            None => return dir,
        }
    }
}
