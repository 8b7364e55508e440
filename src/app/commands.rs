//! What each keymap command does, by focus and mode.

use super::{
    App, Command, Effect, EntityScope, FacetFilter, Focus, Key, MarkFilter, Mode, PromptKind,
    ScrollList,
};
use crate::keymap::KeyCode;
use crate::text::line_edit::Edit;

impl App {
    /// Runs `command`; what it does depends on focus and mode.
    ///
    /// Long because it is the dispatch table: one short arm per command, read as one list.
    pub(super) fn run(&mut self, command: Command, effects: &mut Vec<Effect>) {
        if self.view.mode == Mode::Prompt {
            self.run_at_prompt(command, effects);
            return;
        }
        if self.view.mode == Mode::Picker {
            return self.run_in_picker(command, effects);
        }
        let page = isize::try_from(self.page()).unwrap_or(1);
        match command {
            Command::Quit => effects.push(Effect::Quit),
            Command::Down => self.move_by(1),
            Command::Up => self.move_by(-1),
            Command::PageDown => self.move_by(page),
            Command::PageUp => self.move_by(-page),
            Command::Top => self.move_by(isize::MIN),
            Command::Bottom => self.move_by(isize::MAX),
            Command::Activate => match self.view.focus {
                Focus::List => {
                    self.view.focus = Focus::Reader;
                    self.mark_selected(|m, a| m.set_read(a.id, &a.path, true), effects);
                }
                Focus::Sources | Focus::Entities => self.toggle_facet(),
                Focus::Reader => {}
            },
            Command::Toggle => match self.view.focus {
                Focus::Reader => self.page_or_next_unread(page, effects),
                _ => self.toggle_facet(),
            },
            Command::FocusNext => self.view.focus = self.view.focus.cycle(true),
            Command::FocusPrev => self.view.focus = self.view.focus.cycle(false),
            // In the reader, `s` saves the article open there, as in newsboat.
            Command::FocusSources if self.view.focus == Focus::Reader => {
                self.open_prompt(PromptKind::SaveTo)
            }
            Command::FocusSources => self.view.focus = Focus::Sources,
            Command::Pipe => self.open_prompt(PromptKind::PipeTo),
            Command::Save => self.open_prompt(PromptKind::SaveTo),
            Command::Fetch => effects.push(Effect::Fetch),
            Command::Rescan => effects.push(Effect::Rescan),
            Command::FocusEntities => self.view.focus = Focus::Entities,
            Command::StartFilter if self.view.focus == Focus::Reader => {
                self.open_prompt(PromptKind::Find)
            }
            Command::StartFilter => {
                self.view.mode = Mode::Filter;
                if !self.in_panel() {
                    self.view.focus = Focus::List;
                    self.view.query.apply(Edit::End);
                }
            }
            Command::EntityScope => self.switch_entity_scope(),
            Command::ClearFilters => {
                self.view.query.apply(Edit::Clear);
                self.view.facet_filter = FacetFilter::default();
                self.view.mark_filter = MarkFilter::default();
                self.view.sources_query.apply(Edit::Clear);
                self.view.entities_query.apply(Edit::Clear);
                self.refilter(false);
            }
            Command::ToggleRead => {
                self.mark_selected(|m, a| m.set_read(a.id, &a.path, !m.is_read(a.id)), effects)
            }
            Command::ToggleStar => self.mark_selected(
                |m, a| m.set_starred(a.id, &a.path, !m.is_starred(a.id)),
                effects,
            ),
            Command::MarkAllRead => self.mark_all_read(effects),
            Command::OpenUrl | Command::CopyUrl => self.hand_url(command, effects),
            Command::FilterUnread => {
                self.view.mark_filter.unread = !self.view.mark_filter.unread;
                self.refilter(false);
            }
            Command::PrevMatch => {
                self.jump_to_match(false);
            }
            Command::FilterStarred => {
                self.view.mark_filter.starred = !self.view.mark_filter.starred;
                self.refilter(false);
            }
            // In the reader, Esc first ends a find there.
            Command::Back => {
                if !(self.view.focus == Focus::Reader && self.end_find()) {
                    self.view.focus = Focus::List;
                }
            }
            Command::Help => {
                self.view.help_scroll = 0;
                self.view.mode = if self.view.mode == Mode::Help {
                    Mode::Normal
                } else {
                    Mode::Help
                };
            }
            Command::FilterAccept => self.view.mode = Mode::Normal,
            Command::FilterCancel => {
                self.view.mode = Mode::Normal;
                if self.in_panel() {
                    self.edit_panel_query(|q| {
                        q.apply(Edit::Clear);
                    });
                } else {
                    self.view.query.apply(Edit::Clear);
                    self.refilter(false);
                }
            }
            Command::DeleteBack
            | Command::DeleteForward
            | Command::CursorLeft
            | Command::CursorRight
            | Command::CursorHome
            | Command::CursorEnd
            | Command::ClearQuery
            | Command::CursorWordLeft
            | Command::CursorWordRight
            | Command::DeleteWordBack
            | Command::DeleteToSpaceBack
            | Command::DeleteWordForward
            | Command::KillToStart
            | Command::KillToEnd => {
                if let Some(edit) = line_edit(command) {
                    self.edit_query(edit);
                }
            }
            Command::NextArticle => self.step_article(1, false, effects),
            Command::PrevArticle => self.step_article(-1, false, effects),
            // In the reader with a query, `n` goes to the next match, as in less; else newsboat's
            // next unread.
            Command::NextUnread => {
                if !(self.view.focus == Focus::Reader && self.jump_to_match(true)) {
                    self.step_article(1, true, effects);
                }
            }
            Command::CycleSort => {
                let query_active = self.has_search_text();
                self.view.sort = self.view.sort.next(query_active);
                self.request_sort_keys();
                self.refilter(false);
            }
            Command::NextSavedSearch => self.open_picker(effects),
        }
        self.clamp();
    }

    fn switch_entity_scope(&mut self) {
        self.view.entity_scope = match self.view.entity_scope {
            EntityScope::Article => EntityScope::Corpus,
            EntityScope::Corpus => EntityScope::Article,
        };
        self.view.entities = ScrollList::default();
    }

    /// Marks every listed article read.
    fn mark_all_read(&mut self, effects: &mut Vec<Effect>) {
        let articles = &self.corpus.articles;
        let mut changed = false;
        for a in self.rows.iter().filter_map(|r| articles.get(r.article)) {
            changed |= self.marks.set_read(a.id, &a.path, true);
        }
        if changed {
            self.marks_changed();
            effects.push(Effect::SaveMarks);
        }
    }

    /// Opens the selected article's URL or copies it, saying which in the status bar.
    fn hand_url(&mut self, command: Command, effects: &mut Vec<Effect>) {
        let url = self.selected_article().and_then(|a| a.url.clone());
        let s = self.options.language.strings();
        self.view.notice = Some(match (url, command) {
            (None, _) => s.get("status.no_url").to_string(),
            (Some(url), Command::OpenUrl) => {
                let notice = s.fill("status.opening", &[("url", &url)]);
                effects.push(Effect::OpenUrl(url));
                notice
            }
            (Some(url), _) => {
                let notice = s.fill("status.copied", &[("url", &url)]);
                effects.push(Effect::CopyUrl(url));
                notice
            }
        });
        effects.push(Effect::Redraw);
    }

    /// A command while a prompt is open: the filter's line editing works on the prompt's line.
    fn run_at_prompt(&mut self, command: Command, effects: &mut Vec<Effect>) {
        match command {
            Command::FilterAccept => return self.submit_prompt(effects),
            Command::FilterCancel => return self.cancel_prompt(),
            Command::Quit => return effects.push(Effect::Quit),
            _ => {}
        }
        if let (Some(edit), Some(input)) = (line_edit(command), self.prompt_input()) {
            input.apply(edit);
        }
    }

    pub(super) fn key(&mut self, key: Key, effects: &mut Vec<Effect>) {
        if let Some(command) = self.options.keymap.lookup(self.view.mode, key) {
            self.run(command, effects);
        } else if let (KeyCode::Char(c), false, false) = (key.code, key.ctrl, key.alt) {
            // Only plain characters type: an unbound Alt or Ctrl chord is not text.
            match self.view.mode {
                Mode::Filter => {
                    self.type_text(c.encode_utf8(&mut [0; 4]));
                }
                Mode::Prompt => {
                    if let Some(input) = self.prompt_input() {
                        input.insert(c);
                    }
                }
                Mode::Normal | Mode::Help | Mode::Picker => {}
            }
        }
    }
}

/// The line edit a command makes in the filter or a prompt, if it is one.
fn line_edit(command: Command) -> Option<Edit> {
    Some(match command {
        Command::DeleteBack => Edit::DeleteBack,
        Command::DeleteForward => Edit::DeleteForward,
        Command::CursorLeft => Edit::Left,
        Command::CursorRight => Edit::Right,
        Command::CursorHome => Edit::Home,
        Command::CursorEnd => Edit::End,
        Command::ClearQuery => Edit::Clear,
        Command::CursorWordLeft => Edit::WordLeft,
        Command::CursorWordRight => Edit::WordRight,
        Command::DeleteWordBack => Edit::DeleteWordBack,
        Command::DeleteToSpaceBack => Edit::DeleteToSpaceBack,
        Command::DeleteWordForward => Edit::DeleteWordForward,
        Command::KillToStart => Edit::KillToStart,
        Command::KillToEnd => Edit::KillToEnd,
        _ => return None,
    })
}
