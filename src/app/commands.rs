//! What each keymap command does, by focus and mode.

use super::{
    App, Command, Effect, EntityScope, FacetFilter, Focus, Key, MarkFilter, Mode, QueryInput,
    ScrollList,
};
use crate::keymap::KeyCode;

impl App {
    /// Runs `command`; what it does depends on focus and mode.
    pub(super) fn run(&mut self, command: Command, effects: &mut Vec<Effect>) {
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
                Focus::Reader => self.move_by(page),
                _ => self.toggle_facet(),
            },
            Command::FocusNext => self.view.focus = self.view.focus.cycle(true),
            Command::FocusPrev => self.view.focus = self.view.focus.cycle(false),
            Command::FocusSources => self.view.focus = Focus::Sources,
            Command::FocusEntities => self.view.focus = Focus::Entities,
            Command::StartFilter => {
                self.view.mode = Mode::Filter;
                if !self.in_panel() {
                    self.view.focus = Focus::List;
                    self.view.query.end();
                }
            }
            Command::EntityScope => self.switch_entity_scope(),
            Command::ClearFilters => {
                self.view.query.clear();
                self.view.facet_filter = FacetFilter::default();
                self.view.mark_filter = MarkFilter::default();
                self.view.sources_query.clear();
                self.view.entities_query.clear();
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
            Command::NextMatch => self.jump_to_match(true),
            Command::PrevMatch => self.jump_to_match(false),
            Command::FilterStarred => {
                self.view.mark_filter.starred = !self.view.mark_filter.starred;
                self.refilter(false);
            }
            Command::Back => self.view.focus = Focus::List,
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
                    self.edit_panel_query(QueryInput::clear);
                } else {
                    self.view.query.clear();
                    self.refilter(false);
                }
            }
            Command::DeleteBack => self.edit_query(QueryInput::delete_back),
            Command::DeleteForward => self.edit_query(QueryInput::delete_forward),
            Command::CursorLeft => self.edit_query(QueryInput::left),
            Command::CursorRight => self.edit_query(QueryInput::right),
            Command::CursorHome => self.edit_query(QueryInput::home),
            Command::CursorEnd => self.edit_query(QueryInput::end),
            Command::ClearQuery => self.edit_query(QueryInput::clear),
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
        self.view.notice = Some(match (url, command) {
            (None, _) => "this article has no URL".to_string(),
            (Some(url), Command::OpenUrl) => {
                let notice = format!("opening {url}");
                effects.push(Effect::OpenUrl(url));
                notice
            }
            (Some(url), _) => {
                let notice = format!("URL copied to the clipboard: {url}");
                effects.push(Effect::CopyUrl(url));
                notice
            }
        });
        effects.push(Effect::Redraw);
    }

    pub(super) fn key(&mut self, key: Key, effects: &mut Vec<Effect>) {
        if let Some(command) = self.options.keymap.lookup(self.view.mode, key) {
            self.run(command, effects);
        } else if let (Mode::Filter, KeyCode::Char(c), false) = (self.view.mode, key.code, key.ctrl)
        {
            self.edit_query(|q| q.insert(c));
        }
    }
}
