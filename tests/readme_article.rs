//! The minimal article file the README shows under "What khobor reads" is read as the README
//! says: its first line is the headline, the date line is the date, the rest is the body. If the
//! format drifts, this fails before a reader copies an example that no longer works.

use assert_cmd::Command;

fn readme_example() -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let start = readme
        .find("## What khobor reads")
        .expect("README has a 'What khobor reads' section");
    let block = &readme[start..];
    let open = block
        .find("```text\n")
        .expect("the section shows an article")
        + "```text\n".len();
    let len = block[open..]
        .find("```")
        .expect("the example block is closed");
    block[open..open + len].to_string()
}

#[test]
fn the_readme_article_reads_as_documented() {
    let text = readme_example();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("article.txt");
    std::fs::write(&file, &text).expect("write the example");
    let out = Command::cargo_bin("khobor")
        .expect("binary")
        .args(["extract", "--no-cache"])
        .arg(&file)
        .env("KHOBOR_CACHE_DIR", dir.path().join("cache"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .output()
        .expect("run khobor extract");
    assert!(out.status.success(), "{out:?}");
    let record: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("one JSON object for one article");
    assert_eq!(record["title"], lines[0]);
    assert_eq!(record["title_derived"], false);
    assert!(
        record["published"]
            .as_str()
            .is_some_and(|d| d.starts_with("2024-08-12T10:15")),
        "{record}"
    );
    let body: Vec<&str> = record["body"]
        .as_array()
        .expect("body is a list")
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    assert_eq!(
        body,
        lines[2..],
        "every line after the date line is a body paragraph"
    );
}
