//! `khobor entities`: the corpus-wide facet table.

use assert_cmd::Command;
use khobor::text::width::width;

fn table() -> Vec<String> {
    let out = match Command::cargo_bin("khobor") {
        Ok(mut c) => c.arg("entities").output(),
        Err(e) => panic!("binary: {e}"),
    };
    let out = out.unwrap_or_else(|e| panic!("run: {e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn most_frequent_first_counted_per_article() {
    let lines = table();
    assert!(lines[0].starts_with("KIND"), "{lines:?}");
    let counts: Vec<usize> = lines[1..]
        .iter()
        .filter_map(|l| l.split_whitespace().last()?.parse().ok())
        .collect();
    assert_eq!(counts.len(), lines.len() - 1);
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    // Every seed is about Putin and Kim: each appears once per article, not once per mention.
    for en in ["Vladimir Putin", "Kim Jong Un"] {
        let row = lines
            .iter()
            .find(|l| l.contains(en))
            .unwrap_or_else(|| panic!("{en}"));
        assert!(row.ends_with(" 4"), "{row}");
    }
}

#[test]
fn columns_align_by_terminal_width() {
    let lines = table();
    let header = &lines[0];
    let col = width(&header[..header.find("ENGLISH").unwrap_or(0)]);
    for l in &lines[1..] {
        let (kind, _) = l.split_once(' ').unwrap_or((l, ""));
        assert!(
            ["person", "place", "organization", "media"].contains(&kind),
            "{l}"
        );
        let prefix: String = {
            let mut acc = String::new();
            for c in l.chars() {
                if width(&acc) >= col {
                    break;
                }
                acc.push(c);
            }
            acc
        };
        assert_eq!(width(&prefix), col, "{l}");
        assert!(prefix.ends_with("  "), "name column not padded: {l}");
    }
}
