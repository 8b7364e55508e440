//! Random key sequences, clicks and resizes (down to 1×1) never panic, and every frame keeps
//! each row exactly as wide as the screen by terminal width.

mod common;

use khobor::app::{Action, Key};
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;

fn key() -> impl Strategy<Value = Key> {
    let codes = prop_oneof![
        prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
        ]),
        prop::sample::select(
            "jkgGsea/c? hqলাভরভক্ষ\u{09BE}\u{09CD}\u{200D}x"
                .chars()
                .collect::<Vec<_>>()
        )
        .prop_map(KeyCode::Char),
    ];
    (codes, any::<bool>()).prop_map(|(code, ctrl)| Key {
        code,
        // Ctrl only rarely, so that Ctrl-c does not end most runs at once.
        ctrl: ctrl && matches!(code, KeyCode::Char('d' | 'u' | 'a' | 'e')),
        alt: false,
    })
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        8 => key().prop_map(Action::Key),
        1 => (1u16..140, 1u16..50).prop_map(|(w, h)| Action::Resize(w, h)),
        1 => (0u16..140, 0u16..50).prop_map(|(x, y)| Action::Click { x, y }),
        1 => (0u16..140, 0u16..50, any::<bool>())
            .prop_map(|(x, y, down)| Action::Wheel { x, y, down }),
        1 => "[লাভরভ ক্ষ্য\u{200C}\u{09BE}a-z\n]{0,12}".prop_map(Action::Paste),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_input_never_panics(actions in prop::collection::vec(action(), 1..60), fixture in any::<bool>()) {
        let corpus = if fixture { common::fixture() } else { common::seeds() };
        let mut app = common::app(corpus, 100, 30);
        for a in actions {
            app.apply(a);
            let buf = common::draw(&app);
            common::screen_text(&buf);
            prop_assert!(app.rows().is_empty() || app.view.list.cursor < app.rows().len());
        }
    }
}
