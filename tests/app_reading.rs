//! Reading day to day, driven headless: readline keys in the filter, the archive opening on
//! its newest article, `J`/`K`/`n` and Space from the reader, the list orders, resizes and the
//! saved-search picker.

use khobor::app::{Action, App, Command, Effect, Focus, Key, Options, update};
use khobor::article::{Article, Published};
use khobor::keymap::KeyCode;
use khobor::load::LoadEvent;
use khobor::saved_search::SavedSearch;
use khobor::sort::SortMode;
use khobor::text::width::WidthPolicy;
use khobor::view::layout::Screen;
use khobor::view::reader::breaks;
use khobor::work::Headless;

fn article(title: &str, day: Option<u32>, publisher: &str, source: &str) -> Article {
    Article {
        id: khobor::article::ContentId::of(title),
        path: format!("{title}.txt"),
        title: title.to_string(),
        published: day
            .and_then(|d| chrono::NaiveDate::from_ymd_opt(2025, 7, d).map(Published::Date)),
        publisher: Some(publisher.to_string()),
        sources: vec![khobor::article::SourceRef {
            name: source.to_string(),
            name_bn: String::new(),
            role: khobor::article::SourceRole::Credit,
        }],
        body: vec!["এক দুই তিন".to_string(); 3],
        ..Article::default()
    }
}

fn corpus() -> Vec<Article> {
    vec![
        article("alpha", Some(3), "Samakal", "BBC"),
        article("beta", None, "Ittefaq", "TASS"),
        article("gamma", Some(9), "Prothom Alo", "AFP"),
        article("delta", Some(1), "Ajker Patrika", "Reuters"),
    ]
}

fn app_with(articles: Vec<Article>, size: (u16, u16)) -> Headless {
    let options = Options::embedded(WidthPolicy::Terminal).expect("shipped options");
    Headless::loaded(App::streaming(options, size), articles)
}

fn titles(app: &App) -> Vec<&str> {
    app.rows()
        .iter()
        .map(|r| app.corpus().articles[r.article].title.as_str())
        .collect()
}

fn key(app: &mut Headless, code: KeyCode, ctrl: bool, alt: bool) -> Vec<Effect> {
    app.apply(Action::Key(Key { code, ctrl, alt }))
}

fn typed(app: &mut Headless, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c), false, false);
    }
}

fn selected_title(app: &App) -> &str {
    app.selected_article().map_or("", |a| a.title.as_str())
}

#[test]
fn alt_and_ctrl_chords_edit_by_words_and_never_type_letters() {
    let mut app = app_with(corpus(), (120, 40));
    typed(&mut app, "/পুতিন কিম");
    key(&mut app, KeyCode::Char('b'), false, true);
    key(&mut app, KeyCode::Char('d'), false, true);
    assert_eq!(app.view.query.text(), "পুতিন ");
    typed(&mut app, "জং উন");
    key(&mut app, KeyCode::Char('w'), true, false);
    assert_eq!(app.view.query.text(), "পুতিন জং ");
    key(&mut app, KeyCode::Backspace, false, true);
    assert_eq!(app.view.query.text(), "পুতিন ");
    key(&mut app, KeyCode::Char('a'), true, false);
    key(&mut app, KeyCode::Char('k'), true, false);
    assert_eq!(app.view.query.text(), "");
    key(&mut app, KeyCode::Char('z'), false, true);
    key(&mut app, KeyCode::Char('x'), true, false);
    assert_eq!(app.view.query.text(), "", "unbound chords type nothing");
    typed(&mut app, "ab");
    key(&mut app, KeyCode::Char('h'), true, false);
    assert_eq!(app.view.query.text(), "a", "Ctrl-h is Backspace");
}

#[test]
fn a_streamed_archive_opens_on_the_newest_article_at_the_top() {
    let options = Options::embedded(WidthPolicy::Terminal).expect("shipped options");
    let mut app = App::streaming(options, (120, 40));
    let mut batches = corpus();
    let newer = batches.split_off(2);
    update(&mut app, Action::Load(LoadEvent::Articles(batches)));
    assert_eq!(selected_title(&app), "alpha");
    update(&mut app, Action::Load(LoadEvent::Articles(newer)));
    assert_eq!(titles(&app), ["gamma", "alpha", "delta", "beta"]);
    assert_eq!((app.view.list.cursor, selected_title(&app)), (0, "gamma"));
    // Once the reader moves, later batches keep the article under the cursor.
    update(&mut app, Action::Command(Command::Down));
    let late = vec![article("omega", Some(20), "Samakal", "BBC")];
    update(&mut app, Action::Load(LoadEvent::Articles(late)));
    assert_eq!(selected_title(&app), "alpha");
}

#[test]
fn next_previous_and_next_unread_from_the_reader() {
    let mut app = app_with(corpus(), (120, 40));
    key(&mut app, KeyCode::Enter, false, false);
    assert_eq!(app.view.focus, Focus::Reader);
    key(&mut app, KeyCode::Char('J'), false, false);
    assert_eq!(
        (selected_title(&app), app.view.focus),
        ("alpha", Focus::Reader)
    );
    let read = |app: &App, t: &str| {
        let a = app
            .corpus()
            .articles
            .iter()
            .find(|a| a.title == t)
            .expect("article");
        app.marks().is_read(a.id)
    };
    assert!(read(&app, "alpha"), "J marks the article it opens read");
    key(&mut app, KeyCode::Char('K'), false, false);
    assert_eq!(selected_title(&app), "gamma");
    // gamma and alpha are read: n skips alpha and lands on delta.
    key(&mut app, KeyCode::Char('n'), false, false);
    assert_eq!(selected_title(&app), "delta");
    // Space at the end of a short article goes on to the next unread one.
    key(&mut app, KeyCode::Char(' '), false, false);
    assert_eq!(selected_title(&app), "beta");
    key(&mut app, KeyCode::Char('n'), false, false);
    assert_eq!(selected_title(&app), "beta");
    assert!(
        app.view
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("no unread"))
    );
}

#[test]
fn the_sort_key_cycles_orders_and_relevance_only_with_a_query() {
    let mut app = app_with(corpus(), (120, 40));
    assert_eq!(app.sort_mode(), SortMode::Newest);
    assert_eq!(titles(&app), ["gamma", "alpha", "delta", "beta"]);
    key(&mut app, KeyCode::Char('O'), false, false);
    assert_eq!(app.sort_mode(), SortMode::Oldest);
    assert_eq!(titles(&app), ["delta", "alpha", "gamma", "beta"]);
    key(&mut app, KeyCode::Char('O'), false, false);
    assert_eq!(app.sort_mode(), SortMode::Outlet);
    assert_eq!(titles(&app), ["delta", "beta", "gamma", "alpha"]);
    key(&mut app, KeyCode::Char('O'), false, false);
    assert_eq!(titles(&app), ["alpha", "beta", "delta", "gamma"]);
    key(&mut app, KeyCode::Char('O'), false, false);
    assert_eq!(app.sort_mode(), SortMode::Newest);
    typed(&mut app, "/a");
    key(&mut app, KeyCode::Enter, false, false);
    for _ in 0..4 {
        key(&mut app, KeyCode::Char('O'), false, false);
    }
    assert_eq!(app.sort_mode(), SortMode::Relevance);
}

#[test]
fn growing_the_terminal_again_shows_the_panel_entries_above_the_cursor() {
    let articles: Vec<Article> = (0..30)
        .map(|i| {
            article(
                &format!("t{i}"),
                Some(1 + i % 28),
                "Samakal",
                &format!("S{i:02}"),
            )
        })
        .collect();
    let mut app = app_with(articles, (120, 40));
    app.apply(Action::Command(Command::FocusSources));
    for _ in 0..6 {
        app.apply(Action::Command(Command::Down));
    }
    let cursor = app.view.sources.cursor;
    assert_eq!(app.view.sources.offset, 0);
    app.apply(Action::Resize(80, 24));
    app.apply(Action::Resize(120, 40));
    assert_eq!(app.view.sources.cursor, cursor);
    assert_eq!(
        app.view.sources.offset, 0,
        "the top entries are visible again"
    );
}

fn with_saved_searches(articles: Vec<Article>) -> Headless {
    let mut app = app_with(articles, (120, 40));
    app.options.saved_searches = [("G", "gamma"), ("Not G", "!gamma"), ("D", "delta")]
        .into_iter()
        .map(|(name, query)| SavedSearch {
            name: name.into(),
            query: query.into(),
        })
        .collect();
    app
}

#[test]
fn the_saved_search_picker_shows_live_counts_and_applies_the_chosen_one() {
    let mut app = with_saved_searches(corpus());
    key(&mut app, KeyCode::Char('F'), false, false);
    assert_eq!(app.view.mode, khobor::app::Mode::Picker);
    // The counts come from the worker's code (performed inline here), over the whole corpus.
    assert_eq!(app.view.search_counts.as_deref(), Some(&[1, 3, 1][..]));
    assert_eq!(titles(&app).len(), 4, "opening the picker filters nothing");
    key(&mut app, KeyCode::Char('j'), false, false);
    key(&mut app, KeyCode::Char('j'), false, false);
    key(&mut app, KeyCode::Char('j'), false, false);
    assert_eq!(app.view.picker.cursor, 2, "the cursor stops at the last");
    key(&mut app, KeyCode::Char('k'), false, false);
    key(&mut app, KeyCode::Enter, false, false);
    assert_eq!(app.view.mode, khobor::app::Mode::Normal);
    assert_eq!(app.view.query.text(), "!gamma");
    let mut shown = titles(&app);
    shown.sort_unstable();
    assert_eq!(shown, ["alpha", "beta", "delta"]);
    // Opened again, it starts on the search in use; Esc closes it and keeps the filter.
    key(&mut app, KeyCode::Char('F'), false, false);
    assert_eq!(app.view.picker.cursor, 1);
    key(&mut app, KeyCode::Esc, false, false);
    assert_eq!(app.view.mode, khobor::app::Mode::Normal);
    assert_eq!(app.view.query.text(), "!gamma");
}

#[test]
fn the_picker_asks_the_worker_for_counts_and_drops_stale_ones() {
    let mut app = with_saved_searches(corpus());
    let effects = update(&mut app, Action::Key(Key::plain(KeyCode::Char('F'))));
    let Some(Effect::CountSearches {
        generation,
        queries,
    }) = effects
        .into_iter()
        .find(|e| matches!(e, Effect::CountSearches { .. }))
    else {
        panic!("the picker asks the worker for counts");
    };
    assert_eq!(queries, ["gamma", "!gamma", "delta"]);
    assert_eq!(
        app.view.search_counts, None,
        "no counts until the worker answers"
    );
    update(
        &mut app,
        Action::Counted {
            generation: generation - 1,
            counts: vec![9, 9, 9],
        },
    );
    assert_eq!(app.view.search_counts, None, "an older count is dropped");
    update(
        &mut app,
        Action::Counted {
            generation,
            counts: vec![2, 3, 1],
        },
    );
    assert_eq!(app.view.search_counts.as_deref(), Some(&[2, 3, 1][..]));
}

#[test]
fn without_saved_searches_the_picker_says_how_to_add_them() {
    let mut app = app_with(corpus(), (120, 40));
    key(&mut app, KeyCode::Char('F'), false, false);
    assert_eq!(app.view.mode, khobor::app::Mode::Normal);
    let notice = app.view.notice.clone().unwrap_or_default();
    assert!(notice.contains("[searches]"), "{notice}");
}

/// The open article is wrapped once per article and width: Down scrolls over the rows kept, the
/// drawing gets the same rows, and another article or width wraps again.
#[test]
fn the_reader_wraps_an_article_once_per_article_and_width() {
    let long = Article {
        body: vec![
            "এক দুই তিন চার পাঁচ ছয় সাত আট নয় দশ ".repeat(40);
            6
        ],
        ..article("long", Some(20), "Samakal", "BBC")
    };
    let mut app = app_with(
        vec![long, article("short", Some(2), "Ittefaq", "AFP")],
        (100, 30),
    );
    key(&mut app, KeyCode::Enter, false, false);
    let Screen::Panes(panes) = app.screen() else {
        panic!("a screen with panes");
    };
    let width = panes.reader_width();
    let kept = app
        .reader_breaks(width)
        .expect("rows kept for the open article");
    let before = (kept.as_ptr(), kept.len());
    let rows: usize = kept.iter().map(Vec::len).sum();
    assert!(rows > 30, "a long article: {rows} rows");
    key(&mut app, KeyCode::Down, false, false);
    key(&mut app, KeyCode::Down, false, false);
    assert_eq!(app.view.reader_scroll, 2);
    let after = app.reader_breaks(width).expect("still kept");
    assert_eq!(
        (after.as_ptr(), after.len()),
        before,
        "Down did not wrap again"
    );
    assert!(
        app.reader_breaks(width + 1).is_none(),
        "kept for one width only"
    );
    app.apply(Action::Resize(60, 30));
    let Screen::Panes(narrow) = app.screen() else {
        panic!("a screen with panes");
    };
    let new_width = narrow.reader_width();
    assert_ne!(new_width, width);
    let kept = app
        .reader_breaks(new_width)
        .expect("wrapped again at the new width");
    let view = app.reader_view().expect("the article is open");
    let o = &app.options;
    let fresh = breaks(view, new_width, o.policy, o.dates, o.language.strings());
    assert_eq!(kept, fresh.as_slice());
}
