//! Writes a deterministic synthetic corpus for throughput measurements: scraped-looking Bengali
//! article files assembled from real sentences and titles, with date lines, credit lines,
//! outlets from the outlet table and site chrome, spread over sub-directories of 1,000 files.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- /tmp/khobor-corpus 100000 --from ARCHIVES
//! ```
//! With `--from DIR` the sentences and titles come from the articles khobor reads there (the
//! shared archives: datasets, feeds, text), so the corpus has the vocabulary of real news; without
//! it, from the four bundled seeds, whose few hundred distinct words flatter every index (fine
//! for load throughput, not for search).
//! The output is a measurement fixture: never commit it.

use std::io::Write;
use std::path::{Path, PathBuf};

use khobor::article::Article;
use khobor::ingest::outlets::OutletTable;

/// SplitMix64: tiny, fast and fully determined by its seed, so the corpus is the same on every
/// machine.
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
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const MONTHS_BN: [&str; 12] = [
    "জানুয়ারি",
    "ফেব্রুয়ারি",
    "মার্চ",
    "এপ্রিল",
    "মে",
    "জুন",
    "জুলাই",
    "আগস্ট",
    "সেপ্টেম্বর",
    "অক্টোবর",
    "নভেম্বর",
    "ডিসেম্বর",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS_BN: [&str; 7] = [
    "শনিবার",
    "রবিবার",
    "সোমবার",
    "মঙ্গলবার",
    "বুধবার",
    "বৃহস্পতিবার",
    "শুক্রবার",
];
const CHROME_TOP: [&str; 3] = [
    "1. admin@example-news.com : admin :",
    "October 18, 2025, 3:57 am",
    "প্রচ্ছদ",
];
const CHROME_BOTTOM: [&str; 6] = [
    "Spread the love",
    "এছাড়া, আরও পড়ুনঃ",
    "মন্তব্যসমূহ বন্ধ করা হয়.",
    "This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out if you wish. Accept Read More",
    "Please Share This Post in Your Social Media",
    "© All rights reserved © 2019 LatestNews",
];

fn bengali_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x09E6 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

fn date_line(rng: &mut Rng) -> String {
    let (y, m, d) = (2020 + rng.below(6), rng.below(12), 1 + rng.below(28));
    let (h, min, s) = (1 + rng.below(12), rng.below(60), rng.below(60));
    match rng.below(3) {
        0 => bengali_digits(&format!(
            "- আপডেট সময় {h:02}:{min:02}:{s:02} {}, {}, {d} {} {y}",
            if rng.chance(50) {
                "অপরাহ্ন"
            } else {
                "পূর্বাহ্ন"
            },
            rng.pick(&WEEKDAYS_BN),
            MONTHS_BN[m]
        )),
        1 => bengali_digits(&format!(
            "প্রকাশ: {d} {} {y}, {h}:{min:02} অপরাহ্ন",
            MONTHS_BN[m]
        )),
        _ => format!("  • Update Time : {} {d}, {y},", MONTHS_EN[m]),
    }
}

fn seed_articles() -> anyhow::Result<Vec<Article>> {
    khobor::seeds::BUNDLED
        .iter()
        .map(|(path, bytes)| {
            khobor::ingest::parse_bytes(path, bytes)
                .map(|(a, _)| a)
                .map_err(|e| anyhow::anyhow!("seed does not parse: {e}"))
        })
        .collect()
}

/// Every Bengali article khobor reads under `dir`, through its own readers.
fn archive_articles(dir: &Path) -> anyhow::Result<Vec<Article>> {
    let (files, _) = khobor::ingest::discover(&[dir.to_path_buf()])?;
    let mut articles = Vec::new();
    for file in files {
        match khobor::ingest::formats::load(&file) {
            Ok(found) => articles.extend(found.articles),
            Err(e) => eprintln!("skipped {e}"),
        }
    }
    articles.retain(|a| {
        a.title
            .chars()
            .any(|c| ('\u{0980}'..='\u{09FF}').contains(&c))
    });
    Ok(articles)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let out: PathBuf = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: gen_corpus OUT_DIR [COUNT] [--from DIR]"))?
        .into();
    let mut count = 100_000;
    let mut from: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        if a == "--from" {
            from = Some(
                args.next()
                    .ok_or_else(|| anyhow::anyhow!("--from DIR"))?
                    .into(),
            );
        } else {
            count = a.parse()?;
        }
    }

    let articles = match &from {
        Some(dir) => archive_articles(dir)?,
        None => seed_articles()?,
    };
    let mut sentences: Vec<String> = Vec::new();
    let mut titles: Vec<String> = Vec::new();
    for article in &articles {
        if !article.title_derived {
            titles.push(article.title.clone());
        }
        for paragraph in &article.body {
            for s in paragraph.split_inclusive('।') {
                let s = s.trim();
                if s.chars().count() > 20 && !s.starts_with("সূত্র") {
                    sentences.push(s.to_string());
                }
            }
        }
    }
    anyhow::ensure!(
        !sentences.is_empty() && !titles.is_empty(),
        "no sentences or titles to recombine"
    );
    eprintln!(
        "recombining {} sentences and {} titles of {} articles",
        sentences.len(),
        titles.len(),
        articles.len()
    );
    let outlets: Vec<&str> = OutletTable::embedded()
        .outlets()
        .iter()
        .filter_map(|o| o.bn.first().map(String::as_str))
        .collect();

    let mut rng = Rng(0x6B68_6F62_6F72); // "khobor"
    let mut bytes_written = 0usize;
    for i in 0..count {
        let dir = out.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&dir)?;
        }
        let mut text = String::new();
        if rng.chance(30) {
            text.push_str(rng.pick::<&str>(&CHROME_TOP));
            text.push_str("\n\n");
        }
        let title = if rng.chance(40) {
            rng.pick(&titles).clone()
        } else {
            let s = rng.pick(&sentences);
            let words: Vec<&str> = s.split_whitespace().take(5 + rng.below(6)).collect();
            words.join(" ").trim_end_matches('।').to_string()
        };
        text.push_str(&title);
        text.push_str("\n\n");
        if rng.chance(80) {
            text.push_str(&date_line(&mut rng));
            text.push('\n');
        }
        for _ in 0..4 + rng.below(7) {
            let n = 1 + rng.below(4);
            let paragraph: Vec<&str> = (0..n).map(|_| rng.pick(&sentences).as_str()).collect();
            text.push_str(&paragraph.join(" "));
            text.push_str("\n\n");
        }
        if rng.chance(70) {
            let outlet = rng.pick(&outlets);
            if rng.chance(50) {
                text.push_str(&format!("সূত্র: {outlet}\n"));
            } else {
                text.push_str(&format!("খবর {outlet}-এর।\n"));
            }
        }
        if rng.chance(50) {
            for _ in 0..1 + rng.below(3) {
                text.push_str(rng.pick::<&str>(&CHROME_BOTTOM));
                text.push('\n');
            }
        }
        let path = dir.join(format!("{i:06}.txt"));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
        f.write_all(text.as_bytes())?;
        f.flush()?;
        bytes_written += text.len();
    }
    println!(
        "wrote {count} articles, {:.1} MB, to {}",
        bytes_written as f64 / 1e6,
        out.display()
    );
    Ok(())
}
