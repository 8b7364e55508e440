//! `F`: the saved searches (`[searches]` in config.toml) in a picker, each with the number of
//! articles it matches now. Counting runs every saved query over the whole corpus, so the
//! worker does it ([`Effect::CountSearches`]); the picker shows `…` until the counts arrive.

use super::{App, Command, Effect, Focus, Mode};
use crate::text::line_edit::Edit;

impl App {
    /// Opens the picker on the saved search in use (else the first), asking for fresh counts.
    pub(super) fn open_picker(&mut self, effects: &mut Vec<Effect>) {
        let searches = &self.options.saved_searches;
        if searches.is_empty() {
            let s = self.options.language.strings();
            self.view.notice = Some(s.get("status.no_saved_searches").to_string());
            return;
        }
        let queries = searches.iter().map(|s| s.query.clone()).collect();
        self.view.mode = Mode::Picker;
        self.view.picker.cursor = self.view.saved_search.unwrap_or(0);
        self.view.picker.offset = 0;
        self.view.search_counts = None;
        self.stream.count_generation += 1;
        effects.push(Effect::CountSearches {
            generation: self.stream.count_generation,
            queries,
        });
    }

    /// A command while the picker is open: the normal keys move, apply and close.
    pub(super) fn run_in_picker(&mut self, command: Command, effects: &mut Vec<Effect>) {
        let last = self.options.saved_searches.len().saturating_sub(1);
        let cursor = &mut self.view.picker.cursor;
        match command {
            Command::Down => *cursor = (*cursor + 1).min(last),
            Command::Up => *cursor = cursor.saturating_sub(1),
            Command::Top => *cursor = 0,
            Command::Bottom => *cursor = last,
            Command::Activate | Command::Toggle => {
                let chosen = *cursor;
                self.apply_saved_search(Some(chosen));
            }
            Command::Back | Command::NextSavedSearch | Command::Help => {
                self.view.mode = Mode::Normal;
            }
            Command::Quit => effects.push(Effect::Quit),
            _ => {}
        }
    }

    /// Puts saved search `i` in the filter (`None`: clears it) and lists its articles.
    pub(super) fn apply_saved_search(&mut self, i: Option<usize>) {
        self.view.query.apply(Edit::Clear);
        let chosen = i.and_then(|i| Some((i, self.options.saved_searches.get(i)?)));
        match chosen {
            Some((i, s)) => {
                self.view.query.insert_str(&s.query);
                let strings = self.options.language.strings();
                self.view.notice = Some(strings.fill("status.saved_search", &[("name", &s.name)]));
                self.view.saved_search = Some(i);
            }
            None => self.view.saved_search = None,
        }
        self.view.mode = Mode::Normal;
        self.view.focus = Focus::List;
        self.refilter(true);
    }

    /// Takes the worker's counts; counts for an older opening are dropped.
    pub(super) fn on_counted(&mut self, generation: u64, counts: Vec<usize>) {
        if generation == self.stream.count_generation {
            self.view.search_counts = Some(counts);
        }
    }
}
