//! The filter query being typed: multi-byte text edited by grapheme cluster.

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// The longest query: far beyond any real search, and it keeps a pasted megabyte from costing
/// a minute of CPU in every search.
pub const MAX_QUERY_CHARS: usize = 1000;

/// Query text with a cursor that always sits on a grapheme-cluster boundary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryInput {
    text: String,
    /// Byte offset into `text`.
    cursor: usize,
}

impl QueryInput {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The text before the cursor, to place the terminal cursor.
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.cursor]
    }

    /// Inserts `c` at the cursor. A mark typed after a consonant joins its cluster, so the cursor
    /// moves to the end of whatever cluster now holds the new character.
    pub fn insert(&mut self, c: char) {
        if c.is_control() || self.text.chars().nth(MAX_QUERY_CHARS - 1).is_some() {
            return;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        if !self.on_boundary(self.cursor) {
            self.cursor = self.next_boundary(self.cursor);
        }
    }

    /// Inserts `s` at the cursor in one step (linear in its length), without its control
    /// characters and only up to [`MAX_QUERY_CHARS`]; returns whether some of it was cut.
    pub fn insert_str(&mut self, s: &str) -> bool {
        let room = MAX_QUERY_CHARS.saturating_sub(self.text.chars().count());
        let mut kept = s.chars().filter(|c| !c.is_control());
        let insert: String = kept.by_ref().take(room).collect();
        let cut = kept.next().is_some();
        self.text.insert_str(self.cursor, &insert);
        self.cursor += insert.len();
        if !self.on_boundary(self.cursor) {
            self.cursor = self.next_boundary(self.cursor);
        }
        cut
    }

    /// Removes the cluster before the cursor.
    pub fn delete_back(&mut self) {
        let start = self.prev_boundary(self.cursor);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Removes the cluster after the cursor.
    pub fn delete_forward(&mut self) {
        let end = self.next_boundary(self.cursor);
        self.text.replace_range(self.cursor..end, "");
    }

    pub fn left(&mut self) {
        self.cursor = self.prev_boundary(self.cursor);
    }

    pub fn right(&mut self) {
        self.cursor = self.next_boundary(self.cursor);
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    fn on_boundary(&self, at: usize) -> bool {
        GraphemeCursor::new(at, self.text.len(), true)
            .is_boundary(&self.text, 0)
            .unwrap_or(true)
    }

    fn prev_boundary(&self, at: usize) -> usize {
        self.text[..at]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self, at: usize) -> usize {
        // Search from the cluster that contains `at`, so a cursor inside a cluster snaps forward.
        self.text
            .grapheme_indices(true)
            .map(|(i, g)| i + g.len())
            .find(|&end| end > at)
            .unwrap_or(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> QueryInput {
        let mut q = QueryInput::default();
        s.chars().for_each(|c| q.insert(c));
        q
    }

    #[test]
    fn long_pastes_and_typing_stop_at_the_cap() {
        let mut q = typed("ক");
        assert!(q.insert_str(&"পুতিন ".repeat(100_000)));
        assert_eq!(q.text().chars().count(), MAX_QUERY_CHARS);
        assert_eq!(q.cursor(), q.text().len());
        q.insert('x');
        assert_eq!(q.text().chars().count(), MAX_QUERY_CHARS);
        assert!(!typed("").insert_str("a\u{1b}b"));
    }

    #[test]
    fn typing_bengali_keeps_the_cursor_at_the_end() {
        let q = typed("লাভরভ");
        assert_eq!(q.text(), "লাভরভ");
        assert_eq!(q.cursor(), q.text().len());
    }

    #[test]
    fn backspace_and_arrows_move_by_cluster() {
        let mut q = typed("ক্ষমা");
        q.left();
        assert_eq!(q.before_cursor(), "ক্ষ");
        q.delete_back();
        assert_eq!(q.text(), "মা");
        assert_eq!(q.cursor(), 0);
        q.delete_forward();
        assert_eq!(q.text(), "");
        q.delete_back();
        assert_eq!(q.text(), "");
    }

    #[test]
    fn a_mark_typed_before_a_mark_snaps_the_cursor_forward() {
        let mut q = typed("কা");
        q.home();
        q.right();
        q.insert('\u{09BF}'); // ি after কা joins nothing new; cursor stays on a boundary
        assert!(q.on_boundary(q.cursor()));
        q.home();
        q.insert('র'); // before ক: its own cluster
        assert_eq!(q.before_cursor(), "র");
    }

    #[test]
    fn control_characters_are_not_inserted() {
        assert_eq!(typed("a\u{1b}b").text(), "ab");
    }
}
