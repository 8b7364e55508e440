//! The reader on a 20,000-article corpus in a real terminal (tmux, `LANG=C.UTF-8`, 120×40): the
//! list must be on screen and navigable, and the filter must take typing, while the corpus is
//! still loading; then loading finishes with the filter still applied.
//!
//! The corpus is written to a temp dir from the bundled seeds: a unique headline per article
//! (half of them name Lavrov) over two seeds' text. `--no-cache` keeps the user's cache out of
//! it and makes every run a cold load; HOME and XDG directories are private to the test. Skipped without tmux unless `KHOBOR_REQUIRE_TMUX=1`.
#![cfg(target_os = "linux")]

mod common;

use std::path::Path;

use common::tmux::{Tmux, status_counts, tmux_ready};

const ARTICLES: usize = 20_000;

/// `ARTICLES` files in sub-directories of 1,000, each a unique headline over one seed's text.
fn write_corpus(dir: &Path) {
    for i in 0..ARTICLES {
        let sub = dir.join(format!("{:02}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub).expect("create dir");
        }
        let seeds = khobor::seeds::BUNDLED;
        let (_, seed) = seeds[i % seeds.len()];
        let (_, next) = seeds[(i + 1) % seeds.len()];
        let headline = if i % 2 == 0 {
            format!("লাভরভের বৈঠক নম্বর {i}")
        } else {
            format!("পুতিনের সফর নম্বর {i}")
        };
        let mut text = format!("{headline}\n\n").into_bytes();
        // Two seeds' text each, so that even a fast machine is still loading while the test
        // moves and types.
        text.extend_from_slice(seed);
        text.extend_from_slice(b"\n\n");
        text.extend_from_slice(next);
        std::fs::write(sub.join(format!("{i:05}.txt")), text).expect("write article");
    }
}

fn status(screen: &[String]) -> &str {
    screen.last().map_or("", String::as_str)
}

fn loading(screen: &[String]) -> bool {
    status(screen).contains("loading")
}

/// The title at the top of the reader pane (the selected article), squashed to its words.
fn reader_title(screen: &[String]) -> String {
    let row = screen.get(1).map_or("", String::as_str);
    let cells: Vec<&str> = row.split(['│', '┃']).collect();
    cells
        .get(3)
        .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

#[test]
fn list_is_navigable_and_filter_typeable_while_a_20000_article_corpus_loads() {
    if !tmux_ready() {
        return;
    }
    common::tmux::binary();
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus);
    let corpus = corpus.to_string_lossy().into_owned();
    let t = Tmux::launch(dir.path(), &[], &["--no-cache", &corpus]);

    let first = t.wait("the first titles while loading", 20, |s| {
        status_counts(s).is_some_and(|(shown, _)| shown > 0) && reader_title(s).contains("নম্বর")
    });
    assert!(loading(&first), "still loading:\n{}", first.join("\n"));
    let (_, total) = status_counts(&first).expect("counts");
    assert!(total < ARTICLES, "only part loaded so far: {total}");

    // Moving down selects another article (titles are unique) while loading goes on.
    let before = reader_title(&first);
    t.keys(&["j", "j"]);
    let moved = t.wait("the selection to move", 20, |s| {
        let title = reader_title(s);
        title.contains("নম্বর") && title != before
    });
    assert!(
        loading(&moved),
        "moved while loading:\n{}",
        moved.join("\n")
    );

    // Typing a filter narrows the list at once, still while loading.
    t.keys(&["/"]);
    t.type_text("lavrov");
    let filtered = t.wait("the filter to apply", 20, |s| {
        status(s).contains("/lavrov")
            && status_counts(s).is_some_and(|(shown, total)| shown > 0 && shown < total)
            && reader_title(s).contains("লাভরভ")
    });
    assert!(
        loading(&filtered),
        "filtered while loading:\n{}",
        filtered.join("\n")
    );
    t.keys(&["Enter"]);

    // Loading finishes with the filter still applied: every article counted, the Lavrov half
    // (and articles whose text names him) shown.
    let done = t.wait("loading to finish", 60, |s| {
        !loading(s) && status_counts(s).is_some_and(|(_, total)| total == ARTICLES)
    });
    let (shown, _) = status_counts(&done).expect("counts");
    assert!(
        (ARTICLES / 2..ARTICLES).contains(&shown),
        "{shown} shown:\n{}",
        done.join("\n")
    );
    assert!(status(&done).contains("/lavrov"));

    t.keys(&["q"]);
    t.wait("khobor to exit", 10, |s| {
        s.iter().any(|l| l.contains("khobor-exited=0"))
    });
}
