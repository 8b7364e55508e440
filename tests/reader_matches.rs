//! `n`/`N` in the reader scroll to the query's next and previous match in the open article,
//! driven headless through the app's own key handling.

use khobor::app::{Action, App, Key, Options};
use khobor::article::{Article, ContentId};
use khobor::keymap::KeyCode;
use khobor::text::width::WidthPolicy;
use khobor::work::Headless;

fn press(app: &mut Headless, code: KeyCode) {
    app.apply(Action::Key(Key::plain(code)));
}

fn typed(app: &mut Headless, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn n_and_shift_n_scroll_between_the_matches() {
    // Forty one-row paragraphs; the 13th and the 21st mention the flood.
    let body: Vec<String> = (0..40)
        .map(|i| match i {
            12 | 20 => "বন্যায় পানি বাড়ছে".to_string(),
            _ => "এক দুই তিন".to_string(),
        })
        .collect();
    let article = Article {
        id: ContentId::of("flood"),
        path: "flood.txt".into(),
        title: "উত্তরাঞ্চলের খবর".into(),
        body,
        ..Article::default()
    };
    let options = Options::embedded(WidthPolicy::Terminal).unwrap();
    let mut app = Headless::loaded(App::streaming(options, (120, 40)), vec![article]);
    typed(&mut app, "/বন্যা");
    assert_eq!(app.rows().len(), 1, "found by its body");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view.reader_scroll, 0);
    // Title row 0, meta row 1, then a blank row and a row per paragraph: paragraph i at 3 + 2i.
    let mut scrolls = Vec::new();
    for key in ['n', 'n', 'n', 'N', 'N'] {
        typed(&mut app, &key.to_string());
        scrolls.push(app.view.reader_scroll);
    }
    assert_eq!(scrolls, [27, 43, 43, 27, 27]);
}

/// An article of forty one-row paragraphs: `word` in the 13th and the 21st, `other` in the 30th.
fn article_with(word: &str, other: &str) -> Article {
    let body: Vec<String> = (0..40)
        .map(|i| match i {
            12 | 20 => format!("{word} পানি বাড়ছে"),
            29 => format!("{other} এলো"),
            _ => "এক দুই তিন".to_string(),
        })
        .collect();
    Article {
        id: ContentId::of("find"),
        path: "find.txt".into(),
        title: "উত্তরাঞ্চলের খবর".into(),
        body,
        ..Article::default()
    }
}

/// The words of `paragraph` the reader highlights.
fn found<'a>(app: &App, paragraph: &'a str) -> Vec<&'a str> {
    app.body_ranges(paragraph)
        .into_iter()
        .filter_map(|r| paragraph.get(r))
        .collect()
}

fn opened(article: Article) -> Headless {
    let options = Options::embedded(WidthPolicy::Terminal).unwrap();
    let mut app = Headless::loaded(App::streaming(options, (120, 40)), vec![article]);
    press(&mut app, KeyCode::Enter);
    app
}

#[test]
fn slash_in_the_reader_finds_in_the_article_and_n_walks_its_matches() {
    let mut app = opened(article_with("বন্যায়", "ঝড়"));
    assert_eq!(app.view.focus, khobor::app::Focus::Reader);
    typed(&mut app, "/");
    assert_eq!(
        app.view.mode,
        khobor::app::Mode::Prompt,
        "a prompt, not the list filter"
    );
    typed(&mut app, "বন্যা");
    assert!(
        app.view.query.text().is_empty(),
        "the list's query is untouched"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view.mode, khobor::app::Mode::Normal);
    // Paragraph i is on row 3 + 2i: the first match (paragraph 12) is scrolled to at once.
    assert_eq!(app.view.reader_scroll, 27);
    assert_eq!(
        found(&app, "বন্যায় পানি বাড়ছে"),
        ["বন্যায়"],
        "inflected forms match"
    );
    assert!(app.body_ranges("ঝড় এলো").is_empty());
    let mut scrolls = Vec::new();
    for key in ['n', 'n', 'N'] {
        typed(&mut app, &key.to_string());
        scrolls.push(app.view.reader_scroll);
    }
    assert_eq!(scrolls, [43, 43, 27]);
    // Esc ends the find and stays in the reader; a second Esc goes back to the list.
    press(&mut app, KeyCode::Esc);
    assert!(app.body_ranges("বন্যায় পানি বাড়ছে").is_empty());
    assert_eq!(app.view.focus, khobor::app::Focus::Reader);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.view.focus, khobor::app::Focus::List);
}

#[test]
fn a_find_replaces_the_query_highlights_and_a_miss_says_so() {
    let options = Options::embedded(WidthPolicy::Terminal).unwrap();
    let mut app = Headless::loaded(
        App::streaming(options, (120, 40)),
        vec![article_with("বন্যায়", "ঝড়")],
    );
    typed(&mut app, "/বন্যা");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(
        !app.body_ranges("বন্যায় পানি বাড়ছে").is_empty(),
        "the query's matches"
    );
    typed(&mut app, "/ঝড়");
    press(&mut app, KeyCode::Enter);
    assert!(app.body_ranges("বন্যায় পানি বাড়ছে").is_empty());
    assert_eq!(found(&app, "ঝড় এলো"), ["ঝড়"]);
    // The storm is on row 3 + 2·29 = 61, past where the article stops scrolling: it scrolls to
    // its end, where that row shows.
    let end = app.view.reader_scroll;
    assert!(end > 27 && end <= 61, "{end}");
    typed(&mut app, "/");
    assert_eq!(
        app.view.prompt.as_ref().map(|p| p.input.text().to_string()),
        Some("ঝড়".to_string()),
        "the prompt holds the words found last"
    );
    press(&mut app, KeyCode::Esc);
    typed(&mut app, "/ভূমিকম্প");
    press(&mut app, KeyCode::Enter);
    let notice = app.view.notice.clone().unwrap_or_default();
    assert!(notice.contains("ভূমিকম্প"), "{notice}");
    assert_eq!(app.view.reader_scroll, end, "a miss does not scroll");
}
