//! The fetch benchmark of docs/feeds.md: `khobor fetch` of 50 feeds × 50 items with 20 KB
//! article pages, all from servers on 127.0.0.1 that this program starts.
//!
//! ```sh
//! cargo run --release --example fetch_bench            # 50 feeds on 10 hosts
//! cargo run --release --example fetch_bench -- --hosts 1
//! ```
//! The fetch runs in a child process (this binary with `--child`) so that its peak RSS is the
//! fetcher's alone, not the servers'. Targets: ≤ 10 s and ≤ 100 MB peak RSS.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use khobor::fetch::run::Options;
use khobor::fetch::{Subscription, fetch_all};

const FEEDS: usize = 50;
const ITEMS: usize = 50;
const PAGE_BYTES: usize = 20 * 1024;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        return child(&args[1..]);
    }
    let hosts: usize = match args.iter().position(|a| a == "--hosts") {
        Some(i) => args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(10),
        None => 10,
    }
    .clamp(1, FEEDS);
    let bases: Vec<String> = (0..hosts).map(|_| serve()).collect::<anyhow::Result<_>>()?;
    let feeds: Vec<String> = (0..FEEDS)
        .map(|f| format!("{}/feed/{f}.xml", bases[f % hosts]))
        .collect();
    let root = tempfile::tempdir()?;
    let started = Instant::now();
    let out = Command::new(std::env::current_exe()?)
        .arg("--child")
        .arg(root.path())
        .args(&feeds)
        .output()?;
    let wall = started.elapsed().as_secs_f64();
    std::io::stderr().write_all(&out.stderr)?;
    let child = String::from_utf8_lossy(&out.stdout);
    println!(
        "{FEEDS} feeds × {ITEMS} items, {} KB pages, {hosts} host(s): {wall:.2} s wall, {}",
        PAGE_BYTES / 1024,
        child.trim()
    );
    Ok(())
}

/// The fetch itself: writes the articles under `args[0]`, prints its counts and peak RSS.
fn child(args: &[String]) -> anyhow::Result<()> {
    let root = Path::new(&args[0]);
    let subs: Vec<Subscription> = args[1..]
        .iter()
        .enumerate()
        .map(|(i, url)| Subscription {
            name: format!("feed-{i}"),
            url: url.clone(),
            outlet: None,
        })
        .collect();
    let started = Instant::now();
    let reports = fetch_all(&subs, &Options::new(root.to_path_buf()), &|_| {});
    let secs = started.elapsed().as_secs_f64();
    let written: usize = reports.iter().map(|r| r.new).sum();
    let problems: usize = reports
        .iter()
        .map(|r| r.item_problems + usize::from(r.failed))
        .sum();
    let rss = peak_rss().map_or("?".into(), |b| format!("{:.0} MB", b as f64 / 1e6));
    println!("fetch {secs:.2} s, {written} articles written, {problems} problems, peak RSS {rss}");
    Ok(())
}

/// Starts a server on 127.0.0.1 answering `/feed/N.xml` and `/page/N/M`; returns its base URL.
/// Plain `std::net`, one thread per connection, each answer in one write: the server must not
/// be what is measured.
fn serve() -> anyhow::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let base = format!("http://{}", listener.local_addr()?);
    let me = base.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let me = me.clone();
            std::thread::spawn(move || {
                let _ = answer(stream, &me);
            });
        }
    });
    Ok(base)
}

/// Answers the requests of one kept-alive connection.
fn answer(stream: TcpStream, base: &str) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 || line == "\r\n" {
                break;
            }
        }
        let url = request_line.split_whitespace().nth(1).unwrap_or("/");
        let (body, kind) = if let Some(f) = url.strip_prefix("/feed/") {
            (
                feed(base, f.trim_end_matches(".xml")),
                "application/rss+xml",
            )
        } else {
            (page(url), "text/html; charset=utf-8")
        };
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        writer.write_all(response.as_bytes())?;
    }
}

fn feed(base: &str, f: &str) -> String {
    let items: String = (0..ITEMS)
        .map(|i| {
            format!(
                "<item><title>জেলা {f} সংবাদ {i}: সড়ক সংস্কারে নতুন প্রকল্প</title><link>{base}/page/{f}/{i}</link>\
                 <guid>{f}-{i}</guid><pubDate>Thu, 25 Dec 2025 10:{:02}:00 +0600</pubDate>\
                 <description>সংক্ষেপ।</description></item>",
                i % 60
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>ফিড {f}</title>{items}</channel></rss>"
    )
}

/// A page of about [`PAGE_BYTES`]: chrome, then paragraphs until the size is reached.
fn page(url: &str) -> String {
    let mut html = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>খবর</title></head><body>\
         <nav><a href=\"/\">প্রচ্ছদ</a> <a href=\"/b\">বাংলাদেশ</a> <a href=\"/s\">খেলা</a></nav>\
         <article><h1>সড়ক সংস্কারে নতুন প্রকল্প</h1>",
    );
    let mut n = 0;
    while html.len() < PAGE_BYTES - 600 {
        html.push_str(&format!(
            "<p>{url} অনুচ্ছেদ {n}: স্থানীয় সরকার প্রকৌশল অধিদপ্তর জানিয়েছে, জেলার প্রধান সড়কগুলোর সংস্কারকাজ আগামী মাসে শুরু হবে এবং বর্ষার আগেই শেষ করা হবে।</p>"
        ));
        n += 1;
    }
    html.push_str(
        "</article><aside><h3>আরও পড়ুন</h3><a href=\"/x\">অন্য খবর</a></aside>\
         <footer>সর্বস্বত্ব সংরক্ষিত</footer></body></html>",
    );
    html
}

/// Peak resident set size of this process in bytes (VmHWM).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
