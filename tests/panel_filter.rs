//! `/` inside the Sources or Entities panel narrows that panel's rows, leaving the article list
//! and its query alone; Enter on a narrowed row selects that facet. Driven headless.

use khobor::app::{Action, App, Focus, Key, Mode, Options};
use khobor::article::{Article, Entity, EntityKind, SourceRef, SourceRole};
use khobor::keymap::KeyCode;
use khobor::text::width::WidthPolicy;
use khobor::work::Headless;

fn article(title: &str, sources: &[&str], entities: &[(&str, &str)]) -> Article {
    Article {
        id: khobor::article::ContentId::of(title),
        path: format!("{title}.txt"),
        title: title.to_string(),
        sources: sources
            .iter()
            .map(|s| SourceRef {
                name: s.to_string(),
                name_bn: String::new(),
                role: SourceRole::Credit,
            })
            .collect(),
        entities: entities
            .iter()
            .map(|(bn, en)| Entity {
                id: format!("gaz:{en}").into(),
                kind: EntityKind::Person,
                name: (*bn).into(),
                name_en: Some((*en).into()),
                aliases: Vec::new(),
                mentions: 1,
                spans: Vec::new(),
            })
            .collect(),
        ..Article::default()
    }
}

fn app() -> Headless {
    let putin = ("পুতিন", "Vladimir Putin");
    let kim = ("কিম জং উন", "Kim Jong Un");
    let articles = vec![
        article("alpha", &["BBC"], &[putin]),
        article("beta", &["TASS"], &[putin, kim]),
        article("gamma", &["BBC", "TASS"], &[kim]),
        article("delta", &[], &[]),
    ];
    let options = Options::embedded(WidthPolicy::Terminal).unwrap();
    Headless::loaded(App::streaming(options, (120, 40)), articles)
}

fn key(app: &mut Headless, code: KeyCode) {
    app.apply(Action::Key(Key::plain(code)));
}

fn typed(app: &mut Headless, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn entity_names(app: &App) -> Vec<String> {
    app.entity_items()
        .iter()
        .map(|e| e.name_en.unwrap_or(e.name).to_string())
        .collect()
}

#[test]
fn slash_in_the_entities_panel_narrows_it_and_enter_selects() {
    let mut app = app();
    typed(&mut app, "ea");
    assert_eq!(app.view.focus, Focus::Entities);
    assert_eq!(entity_names(&app).len(), 2);
    typed(&mut app, "/kim");
    assert_eq!(app.view.mode, Mode::Filter);
    assert_eq!(app.view.focus, Focus::Entities, "the panel keeps the focus");
    assert_eq!(entity_names(&app), ["Kim Jong Un"]);
    assert_eq!(app.view.query.text(), "", "the list's query is untouched");
    assert_eq!(app.rows().len(), 4);
    // Bengali spellings match too.
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    typed(&mut app, "পুতি");
    assert_eq!(entity_names(&app), ["Vladimir Putin"]);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.view.mode, Mode::Normal);
    key(&mut app, KeyCode::Enter);
    let titles: Vec<&str> = app
        .rows()
        .iter()
        .map(|r| app.corpus().articles[r.article].title.as_str())
        .collect();
    assert_eq!(titles.len(), 2);
    assert!(titles.contains(&"alpha") && titles.contains(&"beta"));
}

#[test]
fn slash_in_the_sources_panel_narrows_it_and_esc_brings_all_back() {
    let mut app = app();
    typed(&mut app, "s");
    let all = app.source_items().len();
    assert!(all >= 2);
    typed(&mut app, "/tas");
    let shown = app.source_items();
    assert_eq!(shown.len(), 1);
    assert_eq!(app.facets().sources[shown[0]].name, "TASS");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.view.mode, Mode::Normal);
    assert_eq!(app.source_items().len(), all);
    assert_eq!(app.rows().len(), 4);
}
