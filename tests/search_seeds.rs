//! Issue 5 acceptance on the bundled seeds: Latin names, outlets and exclusions find exactly the
//! articles that mention them, through the same engine as the reader and `khobor search`.

use std::sync::OnceLock;

use assert_cmd::Command;
use khobor::corpus::Corpus;
use khobor::extract::Extractor;
use khobor::search::SearchIndex;

fn seeds() -> &'static (Corpus, SearchIndex) {
    static SEEDS: OnceLock<(Corpus, SearchIndex)> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let (corpus, _) = Corpus::load(&[], &Extractor::new()).expect("bundled seeds load");
        let index = SearchIndex::new(&corpus);
        (corpus, index)
    })
}

/// Seed numbers (`000`…`003`, from the file names) of the hits, sorted.
fn found(query: &str) -> Vec<String> {
    let (corpus, index) = seeds();
    let mut seeds: Vec<String> = index
        .search(query)
        .iter()
        .map(|h| seed_number(&corpus.articles[h.article].path))
        .collect();
    seeds.sort();
    seeds
}

fn seed_number(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.chars().take(3).collect()
}

#[test]
fn lavrov_only_in_seed_000() {
    assert_eq!(found("lavrov"), ["000"]);
}

#[test]
fn kirby_only_in_seed_002() {
    assert_eq!(found("kirby"), ["002"]);
}

#[test]
fn trump_only_in_seed_003() {
    assert_eq!(found("trump"), ["003"]);
}

#[test]
fn shoigu_only_in_seed_002() {
    assert_eq!(found("shoigu"), ["002"]);
}

#[test]
fn source_tass_is_seeds_000_and_001() {
    assert_eq!(found("source:tass"), ["000", "001"]);
}

#[test]
fn putin_without_trump() {
    assert_eq!(found("person:putin !trump"), ["000", "001", "002"]);
}

#[test]
fn bengali_lavrov_only_in_seed_000() {
    assert_eq!(found("লাভরভ"), ["000"]);
}

#[test]
fn cli_prints_json_lines_with_title_ranges() {
    let out = Command::cargo_bin("khobor")
        .expect("binary built")
        .args(["search", "পুতিন"])
        .output()
        .expect("khobor runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8 output");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert!(!lines.is_empty());
    for line in &lines {
        let title = line["title"].as_str().expect("title");
        assert!(
            line["path"]
                .as_str()
                .is_some_and(|p| p.starts_with("seeds/"))
        );
        assert!(line["score"].as_i64().is_some_and(|s| s > 0));
        let ranges = line["title_ranges"].as_array().expect("ranges");
        let matched = line["matched"].as_array().expect("matched");
        assert_eq!(ranges.len(), matched.len());
        for (r, m) in ranges.iter().zip(matched) {
            let (s, e) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            assert_eq!(title.get(s..e), m.as_str());
        }
    }
    // Scores are non-increasing: best first.
    let scores: Vec<i64> = lines.iter().filter_map(|l| l["score"].as_i64()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
}
