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
