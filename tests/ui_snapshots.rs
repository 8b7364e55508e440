//! Whole-screen snapshots of the reader, driven headless with keys against TestBackend.
//! `screen_text` also checks every row is exactly as wide as the screen by terminal width.

mod common;

use common::{app, draw, fixture, loaded, press, screen_text, seeds};
use khobor::app::Options;
use khobor::settings::DateDisplay;
use khobor::text::width::WidthPolicy;

#[test]
fn main_screen_120x40() {
    let app = app(seeds(), 120, 40);
    insta::assert_snapshot!(screen_text(&draw(&app)));
}

#[test]
fn main_screen_80x24() {
    let app = app(seeds(), 80, 24);
    insta::assert_snapshot!(screen_text(&draw(&app)));
}

#[test]
fn help_overlay() {
    let mut app = app(seeds(), 120, 40);
    press(&mut app, "?");
    insta::assert_snapshot!(screen_text(&draw(&app)));
}

#[test]
fn filtered_list() {
    let mut app = app(seeds(), 120, 40);
    press(&mut app, "/লাভরভ");
    let screen = screen_text(&draw(&app));
    assert!(app.rows().len() < 4, "the filter narrowed the list");
    insta::assert_snapshot!(screen);
}

#[test]
fn source_filtered_list() {
    let mut app = app(seeds(), 120, 40);
    let bbc = app
        .facets()
        .sources
        .iter()
        .position(|s| s.name == "BBC")
        .expect("BBC is credited in the seeds");
    press(&mut app, &format!("s{}<Enter>", "j".repeat(bbc)));
    let screen = screen_text(&draw(&app));
    let paths: Vec<&str> = app
        .rows()
        .iter()
        .map(|r| app.corpus().articles[r.article].path.as_str())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths
            .iter()
            .all(|p| p.contains("/002_") || p.contains("/003_")),
        "{paths:?}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn facets_with_entities_from_a_hand_made_corpus() {
    let mut app = app(fixture(), 120, 40);
    // The publisher (খবর, all three) is listed first, then sources most cited first: BBC (2),
    // TASS (2), Al Jazeera (1). With BBC selected the counts are those a click would give:
    // খবর 2 (of the BBC articles), the other sources as before (sources are OR-ed).
    press(&mut app, "s<Down><Enter>e");
    let screen = screen_text(&draw(&app));
    assert_eq!(app.rows().len(), 2);
    insta::assert_snapshot!(screen);
}

#[test]
fn corpus_wide_entities_narrow_layout() {
    let mut app = app(fixture(), 80, 24);
    press(&mut app, "ea<Down><Enter>");
    insta::assert_snapshot!(screen_text(&draw(&app)));
}

#[test]
fn read_and_starred_marks_with_bengali_dates() {
    let mut options = Options::embedded(WidthPolicy::Terminal).expect("embedded assets parse");
    options.dates = DateDisplay::Bengali;
    let mut app = loaded(fixture(), options, (120, 40));
    // The newest is opened (read), the next starred; the oldest stays unread and plain.
    press(&mut app, "<Enter><Esc>j*");
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("(৩১ আষাঢ় ১৪৩২)"), "{screen}");
    assert!(screen.contains("2 unread"), "{screen}");
    assert!(screen.contains("Reader · starred"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn help_shows_the_keys_in_effect() {
    let config = khobor::config::Config::parse(
        "[keys.normal]\nx = \"quit\"\nq = \"none\"\n",
        std::path::Path::new("config.toml"),
    )
    .expect("valid config");
    let options = config.options(None, false).expect("options");
    let mut app = loaded(seeds(), options, (120, 40));
    press(&mut app, "?");
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("Help: keys in effect"), "{screen}");
    assert!(screen.contains("Ctrl-c, x "), "{screen}");
    assert!(!screen.contains("q, Ctrl-c"), "{screen}");
}

#[test]
fn terminal_too_small() {
    let app = app(seeds(), 30, 6);
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("too small"), "{screen}");
}

#[test]
fn help_scrolls_when_it_does_not_fit() {
    let mut app = app(seeds(), 80, 24);
    press(&mut app, "?");
    let top = screen_text(&draw(&app));
    press(&mut app, "jjj");
    let scrolled = screen_text(&draw(&app));
    assert_ne!(top, scrolled);
    assert!(scrolled.contains("(j/k scroll)"), "{scrolled}");
    press(&mut app, &"j".repeat(100));
    let bottom = screen_text(&draw(&app));
    assert!(bottom.contains("Mouse: click selects"), "{bottom}");
}

#[test]
fn a_long_query_scrolls_to_keep_the_cursor_visible() {
    let mut app = app(seeds(), 40, 12);
    press(&mut app, &format!("/{}", "পুতিন ".repeat(12)));
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(40, 12)).expect("backend");
    terminal
        .draw(|f| khobor::ui::render(&app, f))
        .expect("draw");
    let cursor = terminal.get_cursor_position().expect("cursor");
    assert_eq!(cursor.y, 10, "on the filter line");
    assert!(cursor.x < 40);
    screen_text(terminal.backend().buffer());
}

/// The whole interface in Bengali (`ui.language = "bn"`, `ui.entity_names = "bengali"`), the
/// reader open so the status line, every panel title and the entities show.
fn bengali_app(width: u16, height: u16) -> khobor::work::Headless {
    let mut options = Options::embedded(WidthPolicy::Terminal).expect("embedded assets parse");
    options.language = khobor::strings::Language::Bn;
    options.entity_names = khobor::settings::EntityNames::Bengali;
    let mut app = loaded(seeds(), options, (width, height));
    press(&mut app, "<Enter>");
    app
}

#[test]
fn bengali_interface_120x40() {
    let screen = screen_text(&draw(&bengali_app(120, 40)));
    for label in ["খবর ১/", "সূত্র", "নাম", "পাঠ", "অপঠিত", "? সাহায্য", "q বন্ধ"]
    {
        assert!(screen.contains(label), "{label} missing:\n{screen}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn bengali_interface_80x24() {
    let screen = screen_text(&draw(&bengali_app(80, 24)));
    assert!(
        screen.contains("? সাহায্য") && screen.contains("q বন্ধ"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn bengali_prompt_label_and_notice_80x24() {
    let mut app = bengali_app(80, 24);
    press(&mut app, "/");
    let prompt = screen_text(&draw(&app));
    assert!(
        prompt.contains("\nখুঁজুন:"),
        "the find prompt's label:\n{prompt}"
    );
    press(&mut app, "ভূমিকম্প<Enter>");
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("এই খবরে নেই: ভূমিকম্প"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn narrow_screens_keep_help_and_quit_and_whole_title_words() {
    for (w, h) in [(80, 24), (100, 30)] {
        let mut app = app(seeds(), w, h);
        press(&mut app, "s<Enter>");
        let screen = screen_text(&draw(&app));
        assert!(
            screen.contains("? help") && screen.contains("q quit"),
            "{w}x{h}:\n{screen}"
        );
        assert!(
            !screen.contains("· articl "),
            "a title word was cut at {w}x{h}:\n{screen}"
        );
    }
}

#[test]
fn the_list_title_shows_the_position_and_the_order() {
    let mut app = app(seeds(), 120, 40);
    let total = app.rows().len();
    press(&mut app, "jj");
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains(&format!("Articles 3/{total} · newest")),
        "{screen}"
    );
    press(&mut app, "O");
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("· oldest"), "{screen}");
}

#[test]
fn saved_search_picker_with_counts() {
    let mut app = app(fixture(), 120, 40);
    app.options.saved_searches = [
        ("পুতিন", "পুতিন"),
        ("BBC", "source:bbc"),
        ("No TASS", "!source:tass"),
    ]
    .into_iter()
    .map(|(name, query)| khobor::saved_search::SavedSearch {
        name: name.into(),
        query: query.into(),
    })
    .collect();
    press(&mut app, "Fj");
    assert_eq!(app.view.search_counts.as_deref(), Some(&[2, 2, 1][..]));
    insta::assert_snapshot!(screen_text(&draw(&app)));
}

/// `লাভরভ` is only in the body of the fixture's Kim article: its row shows the body around it.
fn body_hit(width: u16, height: u16) -> (String, khobor::work::Headless) {
    let mut app = app(fixture(), width, height);
    press(&mut app, "/লাভরভ");
    assert_eq!(app.rows().len(), 1);
    let snippet = app.snippet(&app.rows()[0]).expect("a snippet of the body");
    assert!(snippet.text.contains("লাভরভের"), "{}", snippet.text);
    (screen_text(&draw(&app)), app)
}

#[test]
fn body_hit_shows_its_snippet_120x40() {
    let (screen, _) = body_hit(120, 40);
    assert!(screen.contains("লাভরভের"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn body_hit_shows_its_snippet_80x24() {
    let (screen, _) = body_hit(80, 24);
    let row = screen
        .lines()
        .find(|l| l.contains("রাশিয়াকে"))
        .expect("the hit's row");
    assert!(
        row.contains("লাভরভের"),
        "title and snippet on one row: {row}"
    );
    insta::assert_snapshot!(screen);
}
