//! End to end in tmux: the release binary opens a CSV dataset, lists its Bengali titles with
//! their dates, filters by a publisher in the Publishers section, and `y` confirms the copy of
//! the article's URL in the status line. Skipped without tmux (see `tests/common/tmux.rs`).
#![cfg(target_os = "linux")]

mod common;

use common::tmux::{HEIGHT, Tmux, list_text, squash, status_line, tmux_ready};

const CSV: &str = "Title,Date_Time,Body,URL\n\
সিলেটে বন্যার পানি কমছে,2026-02-25T17:20:15+06:00,\"সিলেটের নদীগুলোর পানি কমছে।\nদ্বিতীয় অনুচ্ছেদ।\",https://www.prothomalo.com/bangladesh/sylhet/1\n\
রাজশাহীতে আমের মৌসুম শুরু,2026-02-24T09:00:00+06:00,আমের বাজারে ভিড়।,https://www.prothomalo.com/bangladesh/rajshahi/2\n\
খুলনায় নতুন সেতুর উদ্বোধন,2024/08/12,সেতুটি আজ খুলে দেওয়া হয়েছে।,https://www.jugantor.com/country/3\n";

#[test]
fn a_csv_opens_with_dates_filters_by_publisher_and_copies_a_url() {
    if !tmux_ready() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let csv = home.path().join("news.csv");
    std::fs::write(&csv, CSV).expect("write");
    let path = csv.display().to_string();
    let t = Tmux::launch(home.path(), &[], &[&path]);
    let screen = t.settle("the dataset's articles", |s| {
        s.len() == HEIGHT && status_line(s).trim_start().starts_with("3/3")
    });
    let list = list_text(&screen);
    for (title, date) in [
        ("সিলেটে বন্যার পানি কমছে", "2026-02-25"),
        ("রাজশাহীতে আমের মৌসুম শুরু", "2026-02-24"),
        ("খুলনায় নতুন সেতুর উদ্বোধন", "2024-08-12"),
    ] {
        assert!(
            list.contains(&squash(title)),
            "{title}:\n{}",
            screen.join("\n")
        );
        assert!(list.contains(date), "{date}:\n{}", screen.join("\n"));
    }
    assert!(
        screen.iter().any(|l| l.contains("Prothom Alo")),
        "{}",
        screen.join("\n")
    );
    // Prothom Alo published two of the three: first in the Publishers section.
    t.keys(&["s", "Enter"]);
    let screen = t.settle("the publisher filter", |s| {
        s.len() == HEIGHT && status_line(s).trim_start().starts_with("2/3")
    });
    let list = list_text(&screen);
    assert!(
        !list.contains(&squash("খুলনায় নতুন সেতুর উদ্বোধন")),
        "{}",
        screen.join("\n")
    );
    t.keys(&["y"]);
    let screen = t.settle("the copy confirmation", |s| {
        status_line(s).contains("URL copied")
    });
    assert!(
        status_line(&screen).contains("https://www.prothomalo.com/bangladesh/"),
        "{}",
        screen.join("\n")
    );
}
