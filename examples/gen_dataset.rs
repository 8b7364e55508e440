//! Writes a benchmark dataset: `N` generated Bengali articles as one CSV, and the same articles
//! as text files, to compare loading the two.
//!
//! `cargo run --release --example gen_dataset -- 100000 /tmp/khobor-bench`
//! writes `/tmp/khobor-bench/articles.csv` and `/tmp/khobor-bench/text/NNNNNN.txt`.

use std::io::Write;
use std::path::PathBuf;

const PLACES: &[&str] = &[
    "ঢাকা",
    "চট্টগ্রাম",
    "সিলেট",
    "রাজশাহী",
    "খুলনা",
    "বরিশাল",
    "রংপুর",
    "ময়মনসিংহ",
];
const TOPICS: &[&str] = &[
    "বন্যা",
    "বাজেট",
    "নির্বাচন",
    "সড়ক দুর্ঘটনা",
    "ক্রিকেট",
    "বাজারদর",
    "শিক্ষা",
    "স্বাস্থ্য",
];
const HOSTS: &[&str] = &[
    "www.prothomalo.com",
    "www.jugantor.com",
    "www.ittefaq.com.bd",
    "samakal.com",
];

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "/tmp/khobor-bench".into()));
    std::fs::create_dir_all(dir.join("text"))?;
    let mut csv = std::io::BufWriter::new(std::fs::File::create(dir.join("articles.csv"))?);
    writeln!(csv, "Title,Date_Time,Body,URL")?;
    for i in 0..n {
        let place = PLACES[i % PLACES.len()];
        let topic = TOPICS[(i / PLACES.len()) % TOPICS.len()];
        let title = format!("{place}য় {topic} নিয়ে নতুন খবর {i}");
        let date = format!(
            "2025-{:02}-{:02}T{:02}:{:02}:00+06:00",
            i % 12 + 1,
            i % 28 + 1,
            i % 24,
            i % 60
        );
        let body = format!(
            "{place}য় {topic} নিয়ে আজ আলোচনা হয়েছে। স্থানীয় প্রশাসন বলেছে, পরিস্থিতি নিয়ন্ত্রণে আছে।\n\
             এ বিষয়ে কর্মকর্তারা জানান, আগামী সপ্তাহে আবার বৈঠক হবে। সংখ্যা {i}।"
        );
        let url = format!("https://{}/bangladesh/{i}", HOSTS[i % HOSTS.len()]);
        writeln!(csv, "{title},{date},\"{body}\",{url}")?;
        let text = format!("{title}\nপ্রকাশ: {date}\n{url}\n\n{body}\n");
        std::fs::write(dir.join("text").join(format!("{i:06}.txt")), text)?;
    }
    csv.flush()
}
