//! The app driven headless through `update`, its effects performed by the runtime's own code
//! ([`khobor::work`]).

use khobor::app::{Action, App, Effect, Focus, Key, MAX_QUERY_CHARS, Mode, Options};
use khobor::article::{Article, Entity, EntityKind, Published, SourceRef, SourceRole, Span};
use khobor::corpus::Corpus;
use khobor::keymap::KeyCode;
use khobor::state::ReadingState;
use khobor::text::width::WidthPolicy;
use khobor::work::Headless;

fn article(title: &str, day: Option<u32>, sources: &[&str], entities: &[&str]) -> Article {
    Article {
        id: khobor::article::ContentId::of(title),
        path: format!("{title}.txt"),
        title: title.to_string(),
        published: day
            .and_then(|d| chrono::NaiveDate::from_ymd_opt(2025, 7, d).map(Published::Date)),
        sources: sources
            .iter()
            .map(|s| SourceRef {
                name: s.to_string(),
                name_bn: String::new(),
                role: SourceRole::Credit,
            })
            .collect(),
        body: vec!["এক দুই তিন".to_string(); 40],
        entities: entities
            .iter()
            .map(|e| Entity {
                id: format!("gaz:{e}").into(),
                kind: EntityKind::Person,
                name: (*e).into(),
                name_en: Some(e.to_uppercase().into()),
                aliases: Vec::new(),
                mentions: 1,
                spans: vec![Span {
                    block: khobor::article::Block::Title,
                    range: 0..1,
                }],
            })
            .collect(),
        ..Article::default()
    }
}

fn app() -> Headless {
    let corpus = Corpus {
        articles: vec![
            article("alpha", Some(3), &["BBC"], &["putin"]),
            article("beta", None, &["TASS"], &["putin", "kim"]),
            article("gamma", Some(9), &["BBC", "TASS"], &["kim"]),
            article("delta", Some(1), &[], &[]),
        ],
    };
    let options = Options::embedded(WidthPolicy::Terminal).unwrap();
    Headless::loaded(App::streaming(options, (120, 40)), corpus.articles)
}

fn titles(app: &App) -> Vec<&str> {
    app.rows()
        .iter()
        .map(|r| app.corpus().articles[r.article].title.as_str())
        .collect()
}

fn press(app: &mut Headless, keys: &str) {
    for c in keys.chars() {
        app.apply(Action::Key(Key::plain(KeyCode::Char(c))));
    }
}

fn code(app: &mut Headless, code: KeyCode) -> Vec<Effect> {
    app.apply(Action::Key(Key::plain(code)))
}

#[test]
fn empty_query_lists_newest_first_and_undated_last() {
    assert_eq!(titles(&app()), ["gamma", "alpha", "delta", "beta"]);
}

#[test]
fn sources_or_together_and_entities_and_with_them() {
    let mut app = app();
    press(&mut app, "s");
    assert_eq!(app.facets().sources[0].name, "BBC");
    assert_eq!(app.facets().sources[0].articles, 2);
    code(&mut app, KeyCode::Enter);
    assert_eq!(titles(&app), ["gamma", "alpha"]);
    press(&mut app, "j ");
    assert_eq!(titles(&app), ["gamma", "alpha", "beta"], "BBC or TASS");
    press(&mut app, "ea");
    let kim = app
        .entity_items()
        .iter()
        .position(|e| e.id == "gaz:kim")
        .unwrap();
    for _ in 0..kim {
        press(&mut app, "j");
    }
    press(&mut app, " ");
    assert_eq!(titles(&app), ["gamma", "beta"], "(BBC or TASS) and kim");
    press(&mut app, "c");
    assert_eq!(titles(&app).len(), 4);
}

#[test]
fn live_filter_refilters_on_every_key_and_esc_clears() {
    let mut app = app();
    press(&mut app, "/gam");
    assert_eq!(app.view.mode, Mode::Filter);
    assert_eq!(titles(&app), ["gamma"]);
    for _ in 0..3 {
        code(&mut app, KeyCode::Backspace);
    }
    assert_eq!(titles(&app).len(), 4);
    code(&mut app, KeyCode::Esc);
    assert_eq!(app.view.mode, Mode::Normal);
    assert_eq!(app.view.query.text(), "");
    press(&mut app, "/delta");
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.view.mode, Mode::Normal);
    assert_eq!(titles(&app), ["delta"]);
}

#[test]
fn selection_survives_resize_and_facets_but_typing_selects_the_best() {
    let mut app = app();
    press(&mut app, "jjj");
    assert_eq!(app.selected_article().unwrap().title, "beta");
    app.apply(Action::Resize(60, 12));
    app.apply(Action::Resize(1, 1));
    app.apply(Action::Resize(120, 40));
    assert_eq!(app.selected_article().unwrap().title, "beta");
    // TASS is the second source (BBC and TASS both count 2; by name).
    press(&mut app, "sj ");
    assert_eq!(titles(&app), ["gamma", "beta"]);
    assert_eq!(app.selected_article().unwrap().title, "beta");
    // Back to the list first: `/` in a panel filters the panel's rows.
    press(&mut app, "h/a");
    assert_eq!(app.view.list.cursor, 0);
}

#[test]
fn reader_scroll_is_clamped_and_redraw_only_on_change() {
    let mut app = app();
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.view.focus, Focus::Reader);
    code(&mut app, KeyCode::End);
    let bottom = app.view.reader_scroll;
    assert!(bottom > 0);
    assert!(
        code(&mut app, KeyCode::Down).is_empty(),
        "no change, no redraw"
    );
    assert_eq!(app.view.reader_scroll, bottom);
    assert_eq!(code(&mut app, KeyCode::Up), [Effect::Redraw]);
}

#[test]
fn quit_from_keys_and_signals_and_help_toggles() {
    let mut app = app();
    press(&mut app, "?");
    assert_eq!(app.view.mode, Mode::Help);
    assert!(!code(&mut app, KeyCode::Char('q')).contains(&Effect::Quit));
    assert_eq!(app.view.mode, Mode::Normal);
    assert!(code(&mut app, KeyCode::Char('q')).contains(&Effect::Quit));
    assert!(
        app.apply(Action::Key(Key::ctrl('c')))
            .contains(&Effect::Quit)
    );
    assert!(app.apply(Action::Terminate).contains(&Effect::Quit));
}

#[test]
fn a_huge_paste_is_cut_with_a_notice() {
    let mut app = app();
    press(&mut app, "/");
    app.apply(Action::Paste("লাভরভ ".repeat(60_000)));
    assert_eq!(app.view.query.text().chars().count(), MAX_QUERY_CHARS);
    assert!(
        app.view
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("1000"))
    );
}

#[test]
fn paste_goes_into_the_query_only_while_filtering() {
    let mut app = app();
    app.apply(Action::Paste("gamma".to_string()));
    assert_eq!(app.view.query.text(), "");
    press(&mut app, "/");
    app.apply(Action::Paste("gam\nmore".to_string()));
    assert_eq!(app.view.query.text(), "gam");
    assert_eq!(titles(&app), ["gamma"]);
}

fn is_read(app: &App, title: &str) -> bool {
    let a = app.corpus().articles.iter().find(|a| a.title == title);
    a.is_some_and(|a| app.marks().is_read(a.id))
}

#[test]
fn marks_toggle_ask_for_a_save_and_opening_marks_read() {
    let mut app = app();
    assert_eq!(app.unread_shown(), 4);
    let effects = app.apply(Action::Key(Key::plain(KeyCode::Char('m'))));
    assert!(effects.contains(&Effect::SaveMarks) && effects.contains(&Effect::Redraw));
    assert!(is_read(&app, "gamma"));
    assert_eq!(app.unread_shown(), 3);
    press(&mut app, "m");
    assert!(!is_read(&app, "gamma"), "m toggles");
    press(&mut app, "j*");
    let alpha = app.selected_article().unwrap().id;
    assert!(app.marks().is_starred(alpha));
    assert!(code(&mut app, KeyCode::Enter).contains(&Effect::SaveMarks));
    assert!(is_read(&app, "alpha"), "opening marks read");
    assert!(
        !code(&mut app, KeyCode::Esc).contains(&Effect::SaveMarks),
        "no change, no save"
    );
    assert!(!code(&mut app, KeyCode::Enter).contains(&Effect::SaveMarks));
}

#[test]
fn unread_and_starred_filters_from_keys_and_query() {
    let mut app = app();
    press(&mut app, "m*j*");
    // gamma: read and starred; alpha: starred.
    press(&mut app, "u");
    assert_eq!(titles(&app), ["alpha", "delta", "beta"]);
    press(&mut app, "b");
    assert_eq!(titles(&app), ["alpha"], "unread AND starred");
    press(&mut app, "c");
    assert_eq!(titles(&app).len(), 4, "c clears the mark filters too");
    press(&mut app, "/is:starred");
    assert_eq!(titles(&app), ["gamma", "alpha"]);
    code(&mut app, KeyCode::Esc);
    press(&mut app, "/!is:read al");
    assert_eq!(titles(&app), ["alpha"]);
}

#[test]
fn an_unknown_mark_is_named_in_the_status_bar_and_constrains_nothing() {
    let mut app = app();
    press(&mut app, "m*j*/is:stared");
    let notice = app.view.notice.clone().unwrap_or_default();
    assert!(notice.contains("is:stared"), "{notice:?}");
    assert_eq!(titles(&app).len(), 4);
}

#[test]
fn a_read_article_stays_listed_until_the_filter_changes() {
    let mut app = app();
    press(&mut app, "u");
    assert_eq!(titles(&app).len(), 4);
    code(&mut app, KeyCode::Enter);
    assert_eq!(titles(&app).len(), 4, "the open article does not vanish");
    assert_eq!(app.selected_article().unwrap().title, "gamma");
    assert_eq!(app.unread_shown(), 3);
    press(&mut app, "uu");
    assert_eq!(titles(&app), ["alpha", "delta", "beta"]);
}

#[test]
fn mark_all_read_marks_only_the_listed_articles() {
    let mut app = app();
    press(&mut app, "/al");
    code(&mut app, KeyCode::Enter);
    assert!(
        app.apply(Action::Key(Key::plain(KeyCode::Char('M'))))
            .contains(&Effect::SaveMarks)
    );
    assert!(is_read(&app, "alpha"));
    assert!(!is_read(&app, "beta"));
}

#[test]
fn an_unknown_field_is_named_in_the_status_bar() {
    let mut app = app();
    press(&mut app, "/sorce:x");
    let notice = app.view.notice.clone().unwrap_or_default();
    assert!(notice.contains("sorce"), "{notice:?}");
    press(&mut app, " ");
    code(&mut app, KeyCode::Backspace);
    code(&mut app, KeyCode::Backspace);
    assert!(app.view.notice.is_some());
}

#[test]
fn saved_marks_are_adopted_and_notices_last_until_a_key() {
    let mut app = app();
    let beta = app.corpus().articles[1].id;
    let mut disk = ReadingState::default();
    disk.set_starred(beta, "beta.txt", true);
    assert_eq!(app.apply(Action::MarksSaved(disk)), [Effect::Redraw]);
    assert!(app.marks().is_starred(beta));
    app.apply(Action::Notice("state file moved aside".to_string()));
    assert!(app.view.notice.is_some());
    press(&mut app, "j");
    assert!(app.view.notice.is_none());
}

#[test]
fn click_selects_a_row_and_wheel_scrolls() {
    let mut app = app();
    // At 120 columns list items are 3-row cards; the first starts at y = 1 inside the border.
    app.apply(Action::Click { x: 5, y: 8 });
    assert_eq!(app.view.list.cursor, 2);
    app.apply(Action::Wheel {
        x: 5,
        y: 3,
        down: false,
    });
    assert_eq!(app.view.list.cursor, 1);
    assert_eq!(app.view.focus, Focus::List);
}
