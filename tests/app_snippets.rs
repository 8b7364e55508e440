//! Body snippets in the list: a hit whose body matched but whose title did not gets a line of
//! its body around the match, cut by the worker's code (`work::snippets`) off the UI thread,
//! for the rows on screen only; answers for an older search are dropped.

use khobor::app::{Action, App, Key, Options, SnippetBody};
use khobor::article::{Article, ContentId};
use khobor::keymap::KeyCode;
use khobor::text::width::WidthPolicy;
use khobor::work::{self, Headless};

fn article(n: usize, title: &str, body: &str) -> Article {
    Article {
        id: ContentId::of(&format!("{n}{title}{body}")),
        path: format!("{n}.txt"),
        title: title.into(),
        body: vec![body.into()],
        ..Article::default()
    }
}

fn typed(app: &mut Headless, text: &str) {
    for c in text.chars() {
        app.apply(Action::Key(Key::plain(KeyCode::Char(c))));
    }
}

fn app(articles: Vec<Article>, size: (u16, u16)) -> Headless {
    let options = Options::embedded(WidthPolicy::Terminal).expect("embedded assets");
    Headless::loaded(App::streaming(options, size), articles)
}

/// The highlighted words of a row's snippet.
fn highlighted(app: &App, row: usize) -> Vec<String> {
    let snippet = app.snippet(&app.rows()[row]).expect("a snippet");
    snippet
        .ranges
        .iter()
        .map(|r| snippet.text[r.clone()].to_string())
        .collect()
}

#[test]
fn a_body_only_hit_gets_a_snippet_and_a_title_hit_does_not() {
    let mut app = app(
        vec![
            article(0, "বন্যার খবর", "নদীর পানি বাড়ছে।"),
            article(1, "উত্তরাঞ্চলের খবর", "টানা বৃষ্টিতে বন্যায় তিন জেলা প্লাবিত হয়েছে।"),
            article(2, "বাজারের হালচাল", "চালের দাম বেড়েছে।"),
        ],
        (120, 40),
    );
    typed(&mut app, "/বন্যা");
    assert_eq!(app.rows().len(), 2);
    let title_of = |app: &App, r: usize| app.corpus().articles[app.rows()[r].article].title.clone();
    let body_row = (0..2)
        .find(|&r| title_of(&app, r) == "উত্তরাঞ্চলের খবর")
        .expect("the body hit is listed");
    assert_eq!(highlighted(&app, body_row), ["বন্যায়"]);
    let text = &app.snippet(&app.rows()[body_row]).expect("snippet").text;
    assert!(text.contains("তিন জেলা প্লাবিত"), "{text}");
    assert!(
        app.snippet(&app.rows()[1 - body_row]).is_none(),
        "the title says it already"
    );
}

#[test]
fn snippets_are_cut_for_the_rows_on_screen_only() {
    // 80×24: a list of at most ten rows; forty body hits.
    let articles: Vec<Article> = (0..40)
        .map(|n| article(n, &format!("খবর {n}"), "আজ বন্যায় ক্ষতি হয়েছে।"))
        .collect();
    let mut app = app(articles, (80, 24));
    typed(&mut app, "/বন্যা");
    assert_eq!(app.rows().len(), 40);
    let with_snippet = |app: &App| -> Vec<bool> {
        app.rows()
            .iter()
            .map(|r| app.snippet(r).is_some())
            .collect()
    };
    let cut = with_snippet(&app);
    let shown = cut.iter().take_while(|&&c| c).count();
    assert!(shown > 0 && shown < 40, "{cut:?}");
    assert!(
        cut[shown..].iter().all(|&c| !c),
        "only a first screenful: {cut:?}"
    );
    // Moving to the end brings the last rows on screen, and their snippets.
    app.apply(Action::Key(Key::plain(KeyCode::Enter)));
    app.apply(Action::Key(Key::plain(KeyCode::End)));
    let cut = with_snippet(&app);
    assert!(cut[39], "{cut:?}");
    assert!(!cut[shown], "rows passed over are not cut: {cut:?}");
}

#[test]
fn a_light_article_is_cut_from_its_file_and_stale_answers_are_dropped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("flood.txt");
    std::fs::write(&path, "উত্তরাঞ্চলের খবর\n\nটানা বৃষ্টিতে বন্যায় তিন জেলা প্লাবিত।\n").expect("write");
    let light = khobor::load::LoadOptions::default().light(true);
    let (corpus, _) =
        khobor::corpus::Corpus::load_with(&[path], &Default::default(), &light).expect("loads");
    let options = Options::embedded(WidthPolicy::Terminal).expect("embedded assets");
    let mut app = Headless::loaded(App::streaming(options, (120, 40)), corpus.articles.clone());
    assert!(app.corpus().articles[0].text_omitted);
    typed(&mut app, "/বন্যা");
    assert_eq!(highlighted(&app, 0), ["বন্যায়"]);
    // An answer for another search changes nothing.
    let before = app.snippet(&app.rows()[0]).cloned();
    let stale = work::snippets(
        0,
        &Default::default(),
        vec![(0, SnippetBody::Held(vec!["অন্য কথা".into()]))],
    );
    khobor::app::update(&mut app, stale);
    assert_eq!(app.snippet(&app.rows()[0]).cloned(), before);
}
