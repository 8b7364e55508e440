//! `/` inside the Sources or Entities panel: typing narrows that panel's rows to the names that
//! contain the text (the corpus-wide Entities panel lists thousands). The article list and its
//! query are left alone.

use super::{App, EntityItem, Focus, QueryInput};

/// Whether `query` (typed in a panel) is in one of `names`, ignoring Latin case.
fn names_match<'a>(query: &str, names: impl IntoIterator<Item = &'a str>) -> bool {
    let query = query.trim().to_lowercase();
    query.is_empty() || names.into_iter().any(|n| n.to_lowercase().contains(&query))
}

impl App {
    /// The text being typed: the focused panel's filter, or the list's query.
    pub(crate) fn active_query(&self) -> &QueryInput {
        match self.view.focus {
            Focus::Sources => &self.view.sources_query,
            Focus::Entities => &self.view.entities_query,
            Focus::List | Focus::Reader => &self.view.query,
        }
    }

    /// Whether the focused pane is a panel, whose own filter `/` edits.
    pub(super) fn in_panel(&self) -> bool {
        matches!(self.view.focus, Focus::Sources | Focus::Entities)
    }

    /// Edits the focused panel's filter, taking its cursor back to the top when it changed.
    pub(super) fn edit_panel_query(&mut self, edit: impl FnOnce(&mut QueryInput)) {
        let v = &mut self.view;
        let (query, list) = match v.focus {
            Focus::Sources => (&mut v.sources_query, &mut v.sources),
            Focus::Entities => (&mut v.entities_query, &mut v.entities),
            Focus::List | Focus::Reader => return,
        };
        let before = query.text().to_string();
        edit(query);
        if query.text() != before {
            *list = Default::default();
        }
    }

    /// Indexes into [`Facets::sources`](super::Facets::sources) of the Sources panel's rows.
    pub fn source_items(&self) -> Vec<usize> {
        let query = self.view.sources_query.text();
        let sources = self.facets().sources.iter().enumerate();
        sources
            .filter(|(_, s)| names_match(query, [s.name.as_str(), s.name_bn.as_str()]))
            .map(|(i, _)| i)
            .collect()
    }

    /// Whether the Entities panel's filter keeps `item`.
    pub(super) fn entity_shown(&self, item: &EntityItem) -> bool {
        let names = [Some(item.name), item.name_en].into_iter().flatten();
        names_match(self.view.entities_query.text(), names)
    }
}

#[cfg(test)]
mod tests {
    use super::names_match;

    #[test]
    fn panel_text_matches_any_name_in_any_case() {
        assert!(names_match("putin", ["পুতিন", "Vladimir Putin"]));
        assert!(names_match("পুতি", ["পুতিন"]));
        assert!(names_match("", ["anything"]));
        assert!(!names_match("kim", ["পুতিন", "Vladimir Putin"]));
    }
}
