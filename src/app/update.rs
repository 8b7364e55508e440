//! The one function that changes the app.

use super::full_text::FullText;
use super::{Action, App, Effect, Mode};
use crate::text::line_edit::MAX_LINE_CHARS;

/// Applies `action` to `app`; returns what the runtime should do. No I/O happens here.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let before = app.view.clone();
    let mut effects = Vec::new();
    match action {
        Action::Key(key) => {
            app.view.notice = None;
            app.key(key, &mut effects);
        }
        Action::Command(c) => app.run(c, &mut effects),
        Action::Paste(text) => app.paste(&text),
        Action::Resize(w, h) => app.resize(w, h),
        Action::Click { x, y } => {
            if app.view.mode == Mode::Normal {
                app.click(x, y);
            }
        }
        Action::Wheel { x, y, down } => {
            if app.view.mode != Mode::Help {
                app.wheel(x, y, down);
            }
        }
        Action::Terminate => effects.push(Effect::Quit),
        // Background work changes what is shown (counts, gauge, facets) beyond the view state.
        Action::Load(u) => {
            app.on_load(u);
            effects.push(Effect::Redraw);
        }
        Action::Indexed {
            articles,
            facets,
            sort_keys,
        } => {
            app.on_indexed(articles, facets, sort_keys);
            effects.push(Effect::Redraw);
        }
        Action::Searched { generation, hits } => app.on_searched(generation, &hits),
        Action::Snippets {
            generation,
            snippets,
        } => {
            if app.on_snippets(generation, snippets) {
                effects.push(Effect::Redraw);
            }
        }
        Action::Counted { generation, counts } => app.on_counted(generation, counts),
        Action::MarksSaved(marks) => {
            if marks != app.marks {
                app.set_marks(marks);
            }
        }
        Action::Notice(text) => app.view.notice = Some(text),
        Action::Fetched(text) => {
            app.view.notice = Some(text);
            effects.push(Effect::Redraw);
        }
        Action::Reloaded { article, result } => {
            if FullText::answer(&mut app.full_text, article, result) {
                app.clamp();
                effects.push(Effect::Redraw);
            }
        }
    }
    app.request_full_text(&mut effects);
    app.drain_requests(&mut effects);
    app.request_snippets(&mut effects);
    if app.view != before && !effects.contains(&Effect::Redraw) {
        effects.push(Effect::Redraw);
    }
    effects
}

impl App {
    /// Bracketed paste: the first line goes into the prompt or the query being typed (a pasted
    /// newline would otherwise end up in them); in other modes a paste does nothing.
    fn paste(&mut self, text: &str) {
        let line = text.lines().next().unwrap_or_default();
        match self.view.mode {
            Mode::Prompt => {
                if let Some(input) = self.prompt_input() {
                    input.insert_str(line);
                }
            }
            Mode::Filter => {
                if self.type_text(line) {
                    let s = self.options.language.strings();
                    let count = s.number(MAX_LINE_CHARS);
                    self.view.notice = Some(s.fill("status.filter_cut", &[("count", &count)]));
                }
            }
            Mode::Normal | Mode::Help | Mode::Picker => {}
        }
    }
}
