//! Shared helpers for the headless UI tests: build apps, drive them with keys, read the screen
//! the way a terminal shows it.

#![allow(dead_code)] // each test binary uses its own subset

pub(crate) mod bodies;
pub(crate) mod cli;
#[cfg(target_os = "linux")]
pub(crate) mod tmux;

use std::sync::Arc;

use khobor::app::{Action, App, Key, Options};
use khobor::article::{Article, Block, Entity, EntityKind, Published, SourceRef, SourceRole, Span};
use khobor::corpus::Corpus;
use khobor::extract::Extractor;
use khobor::text::width::WidthPolicy;
use khobor::work::Headless;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::crossterm::event::KeyCode;

pub(crate) fn seeds() -> Arc<Corpus> {
    let (corpus, _) = Corpus::load(&[], &Extractor::new()).expect("the bundled seeds load");
    Arc::new(corpus)
}

/// A hand-made corpus with sources and entities, independent of the extractor's progress.
pub(crate) fn fixture() -> Arc<Corpus> {
    fn article(
        title: &str,
        day: u32,
        body: &str,
        sources: &[(&str, &str)],
        people: &[(&str, &str, &str)],
    ) -> Article {
        let body = vec![body.to_string()];
        let entities = people
            .iter()
            .map(|(id, bn, en)| {
                let spans = [(Block::Title, title), (Block::Body(0), body[0].as_str())]
                    .into_iter()
                    .flat_map(|(block, text)| {
                        text.match_indices(bn).map(move |(at, m)| Span {
                            block,
                            range: at..at + m.len(),
                        })
                    })
                    .collect::<Vec<_>>();
                Entity {
                    id: format!("gaz:{id}").into(),
                    kind: if *id == "russia" {
                        EntityKind::Place
                    } else {
                        EntityKind::Person
                    },
                    name: (*bn).into(),
                    name_en: Some((*en).into()),
                    aliases: Vec::new(),
                    mentions: spans.len(),
                    spans,
                }
            })
            .collect();
        Article {
            id: khobor::article::ContentId::of(title),
            path: format!("fixture/{day}.txt"),
            title: title.to_string(),
            published: chrono::NaiveDate::from_ymd_opt(2025, 7, day).map(Published::Date),
            publisher: Some("খবর".to_string()),
            sources: sources
                .iter()
                .map(|(en, bn)| SourceRef {
                    name: en.to_string(),
                    name_bn: bn.to_string(),
                    role: SourceRole::Credit,
                })
                .collect(),
            body,
            entities,
            ..Article::default()
        }
    }
    let putin = ("putin", "পুতিন", "Vladimir Putin");
    let russia = ("russia", "রাশিয়া", "Russia");
    let kim = ("kim", "কিম জং উন", "Kim Jong Un");
    Arc::new(Corpus {
        articles: vec![
            article(
                "রাশিয়াকে নিঃশর্ত সমর্থনের বার্তা কিম জং উনের",
                13,
                "রাশিয়ার শীর্ষ কূটনীতিক সের্গেই লাভরভের সঙ্গে বৈঠকে কিম জং উন এই প্রতিশ্রুতি দেন। সূত্র: আল জাজিরা",
                &[("Al Jazeera", "আল জাজিরা"), ("TASS", "তাস")],
                &[kim, russia],
            ),
            article(
                "চীনে আড়াই ঘণ্টা বৈঠক করলেন পুতিন ও কিম",
                14,
                "বেইজিংয়ে পুতিন ও কিম জং উন বৈঠক করেছেন বলে জানিয়েছে বিবিসি।",
                &[("BBC", "বিবিসি")],
                &[putin, kim],
            ),
            article(
                "স্ত্রী ও ক্ষমতা: পুতিনের নতুন বার্তা",
                15,
                "রাশিয়ার প্রেসিডেন্ট পুতিন বলেছেন, তাস জানিয়েছে।",
                &[("TASS", "তাস"), ("BBC", "বিবিসি")],
                &[putin, russia],
            ),
        ],
    })
}

pub(crate) fn app(corpus: Arc<Corpus>, width: u16, height: u16) -> Headless {
    let options = Options::embedded(WidthPolicy::Terminal).expect("embedded assets parse");
    loaded(corpus, options, (width, height))
}

/// An app with `options` into which `corpus` has streamed as the loader streams it, indexed
/// by the worker's code.
pub(crate) fn loaded(corpus: Arc<Corpus>, options: Options, size: (u16, u16)) -> Headless {
    Headless::loaded(App::streaming(options, size), corpus.articles.clone())
}

/// Presses keys: plain characters, or names in angle brackets (`<Enter>`, `<Down>`, `<Esc>`).
pub(crate) fn press(app: &mut Headless, keys: &str) {
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let (code, len) = if c == '<' {
            let end = rest.find('>').expect("closed key name");
            let code = match &rest[1..end] {
                "Enter" => KeyCode::Enter,
                "Esc" => KeyCode::Esc,
                "Down" => KeyCode::Down,
                "Up" => KeyCode::Up,
                "Tab" => KeyCode::Tab,
                "PageDown" => KeyCode::PageDown,
                "Backspace" => KeyCode::Backspace,
                other => panic!("unknown key name {other}"),
            };
            (code, end + 1)
        } else {
            (KeyCode::Char(c), c.len_utf8())
        };
        app.apply(Action::Key(Key::plain(code)));
        rest = &rest[len..];
    }
}

/// Draws `app` on a TestBackend of its own size and returns the buffer.
pub(crate) fn draw(app: &App) -> Buffer {
    let (w, h) = app.view.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    terminal.draw(|f| khobor::ui::render(app, f)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The screen as a terminal shows it: each cell's symbol, skipping the columns a wider cell
/// covers (by `ForcedWidth` where set). Asserts every row is exactly the screen's width when
/// measured like a terminal (wcwidth), which is what keeps borders in place.
pub(crate) fn screen_text(buf: &Buffer) -> String {
    let width = usize::from(buf.area.width);
    let mut out = String::new();
    for (y, row) in buf.content.chunks(width).enumerate() {
        let mut line = String::new();
        let mut skip = 0u16;
        for cell in row {
            if skip == 0 {
                line.push_str(cell.symbol());
                skip = cell.cell_width().max(1);
            }
            skip -= 1;
        }
        assert_eq!(
            WidthPolicy::Terminal.str_width(&line),
            width,
            "row {y} is not {width} columns wide in a terminal: {line:?}"
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
