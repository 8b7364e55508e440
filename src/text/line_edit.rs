//! One line of text being typed (the filter, a prompt), edited as readline and fzf users expect.
//!
//! The cursor sits on a grapheme-cluster boundary at all times: a Bengali conjunct or a consonant
//! with its vowel sign moves and deletes as one unit, as it is drawn. Words follow readline:
//! `Alt-b`/`Alt-f`/`Alt-d`/`Alt-Backspace` treat a word as letters and digits (so `source:tass`
//! is two words), while `Ctrl-w` (unix-word-rubout) deletes back to the previous space.

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// The longest line: far beyond any real query or path, and it keeps a pasted megabyte from
/// costing a minute of CPU in every search.
pub const MAX_LINE_CHARS: usize = 1000;

/// An editing operation, named for what it does rather than for the key that asks for it; the
/// keymap decides the keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Edit {
    Left,
    Right,
    Home,
    End,
    /// `Alt-b`: to the start of this or the previous word.
    WordLeft,
    /// `Alt-f`: to the end of this or the next word.
    WordRight,
    /// `Backspace`, `Ctrl-h`.
    DeleteBack,
    /// `Delete`.
    DeleteForward,
    /// `Alt-Backspace`: back to where [`Edit::WordLeft`] would go.
    DeleteWordBack,
    /// `Ctrl-w`: back over spaces, then back to the previous space.
    DeleteToSpaceBack,
    /// `Alt-d`: forward to where [`Edit::WordRight`] would go.
    DeleteWordForward,
    /// `Ctrl-u`: everything before the cursor.
    KillToStart,
    /// `Ctrl-k`: everything after the cursor.
    KillToEnd,
    Clear,
}

impl Edit {
    /// Every operation, for tables that must cover them all (keymap, help).
    #[cfg(test)]
    pub(crate) const ALL: [Edit; 14] = [
        Edit::Left,
        Edit::Right,
        Edit::Home,
        Edit::End,
        Edit::WordLeft,
        Edit::WordRight,
        Edit::DeleteBack,
        Edit::DeleteForward,
        Edit::DeleteWordBack,
        Edit::DeleteToSpaceBack,
        Edit::DeleteWordForward,
        Edit::KillToStart,
        Edit::KillToEnd,
        Edit::Clear,
    ];
}

/// Text with a cursor that always sits on a grapheme-cluster boundary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    /// Byte offset into `text`.
    cursor: usize,
}

impl LineEdit {
    /// `text` with the cursor at its end.
    #[cfg(test)]
    pub(crate) fn new(text: &str) -> Self {
        let mut line = Self::default();
        line.insert_str(text);
        line
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor as a byte offset into [`text`](Self::text).
    #[cfg(test)]
    pub(crate) fn cursor(&self) -> usize {
        self.cursor
    }

    /// The text before the cursor, to place the terminal cursor.
    pub(crate) fn before_cursor(&self) -> &str {
        &self.text[..self.cursor]
    }

    /// Inserts `c` at the cursor. A mark typed after a consonant joins its cluster, so the cursor
    /// moves to the end of whatever cluster now holds the new character.
    pub(crate) fn insert(&mut self, c: char) {
        if c.is_control() || self.text.chars().nth(MAX_LINE_CHARS - 1).is_some() {
            return;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        self.snap_forward();
    }

    /// Inserts `s` at the cursor in one step (linear in its length), without its control
    /// characters and only up to [`MAX_LINE_CHARS`]; returns whether some of it was cut.
    pub(crate) fn insert_str(&mut self, s: &str) -> bool {
        let room = MAX_LINE_CHARS.saturating_sub(self.text.chars().count());
        let mut kept = s.chars().filter(|c| !c.is_control());
        let insert: String = kept.by_ref().take(room).collect();
        let cut = kept.next().is_some();
        self.text.insert_str(self.cursor, &insert);
        self.cursor += insert.len();
        self.snap_forward();
        cut
    }

    /// Applies one editing operation; returns whether the text changed (a search is due).
    pub(crate) fn apply(&mut self, edit: Edit) -> bool {
        let before = self.text.len();
        let at = self.cursor;
        match edit {
            Edit::Left => self.cursor = self.prev_boundary(at),
            Edit::Right => self.cursor = self.next_boundary(at),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.text.len(),
            Edit::WordLeft => self.cursor = self.word_start_before(at),
            Edit::WordRight => self.cursor = self.word_end_after(at),
            Edit::DeleteBack => self.remove(self.prev_boundary(at)..at),
            Edit::DeleteForward => self.remove(at..self.next_boundary(at)),
            Edit::DeleteWordBack => self.remove(self.word_start_before(at)..at),
            Edit::DeleteToSpaceBack => self.remove(self.space_start_before(at)..at),
            Edit::DeleteWordForward => self.remove(at..self.word_end_after(at)),
            Edit::KillToStart => self.remove(0..at),
            Edit::KillToEnd => self.remove(at..self.text.len()),
            Edit::Clear => self.remove(0..self.text.len()),
        }
        self.text.len() != before
    }

    /// Removes `range` (on cluster boundaries) and leaves the cursor at its start; when what
    /// was on either side now joins into one cluster (`ক্` + `ষ`), at that cluster's start.
    fn remove(&mut self, range: std::ops::Range<usize>) {
        self.cursor = range.start;
        self.text.replace_range(range, "");
        if !self.on_boundary() {
            self.cursor = self.prev_boundary(self.cursor);
        }
    }

    fn snap_forward(&mut self) {
        if !self.on_boundary() {
            self.cursor = self.next_boundary(self.cursor);
        }
    }

    fn on_boundary(&self) -> bool {
        GraphemeCursor::new(self.cursor, self.text.len(), true)
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
        // From the cluster that contains `at`, so a cursor inside a cluster snaps forward.
        self.text
            .grapheme_indices(true)
            .map(|(i, g)| i + g.len())
            .find(|&end| end > at)
            .unwrap_or(self.text.len())
    }

    /// readline's `backward-word`: back over non-word clusters, then over word clusters.
    fn word_start_before(&self, at: usize) -> usize {
        let mut clusters = self.text[..at].grapheme_indices(true).rev().peekable();
        while clusters.next_if(|(_, g)| !is_word(g)).is_some() {}
        let mut start = clusters.peek().map_or(0, |(i, g)| i + g.len());
        while let Some((i, _)) = clusters.next_if(|(_, g)| is_word(g)) {
            start = i;
        }
        start
    }

    /// readline's `forward-word`: forward over non-word clusters, then over word clusters.
    fn word_end_after(&self, at: usize) -> usize {
        let mut clusters = self.text[at..]
            .grapheme_indices(true)
            .map(|(i, g)| (at + i, g))
            .peekable();
        while clusters.next_if(|(_, g)| !is_word(g)).is_some() {}
        let mut end = clusters.peek().map_or(self.text.len(), |(i, _)| *i);
        while let Some((i, g)) = clusters.next_if(|(_, g)| is_word(g)) {
            end = i + g.len();
        }
        end
    }

    /// readline's `unix-word-rubout`: back over spaces, then back to the previous space.
    fn space_start_before(&self, at: usize) -> usize {
        let mut clusters = self.text[..at].grapheme_indices(true).rev().peekable();
        while clusters.next_if(|(_, g)| is_space(g)).is_some() {}
        let mut start = clusters.peek().map_or(0, |(i, g)| i + g.len());
        while let Some((i, _)) = clusters.next_if(|(_, g)| !is_space(g)) {
            start = i;
        }
        start
    }
}

/// A cluster that belongs to a word: one holding a letter or a digit (a Bengali vowel sign or
/// virama rides in the cluster of its consonant).
fn is_word(cluster: &str) -> bool {
    cluster.chars().any(char::is_alphanumeric)
}

fn is_space(cluster: &str) -> bool {
    cluster.chars().all(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> LineEdit {
        let mut q = LineEdit::default();
        s.chars().for_each(|c| q.insert(c));
        q
    }

    fn after(s: &str, edits: &[Edit]) -> (String, String) {
        let mut q = typed(s);
        for e in edits {
            q.apply(*e);
        }
        (q.text().to_string(), q.before_cursor().to_string())
    }

    #[test]
    fn a_deletion_that_joins_a_conjunct_leaves_the_cursor_at_its_start() {
        // Deleting the space joins `ক্` and `ষ` into the conjunct `ক্ষ`.
        let mut q = LineEdit::new("ক্ ষ");
        q.apply(Edit::Home);
        q.apply(Edit::Right);
        assert_eq!(q.before_cursor(), "ক্");
        q.apply(Edit::DeleteForward);
        assert_eq!(q.text(), "ক্ষ");
        assert_eq!(q.cursor(), 0);
    }

    #[test]
    fn long_pastes_and_typing_stop_at_the_cap() {
        let mut q = typed("ক");
        assert!(q.insert_str(&"পুতিন ".repeat(100_000)));
        assert_eq!(q.text().chars().count(), MAX_LINE_CHARS);
        assert_eq!(q.cursor(), q.text().len());
        q.insert('x');
        assert_eq!(q.text().chars().count(), MAX_LINE_CHARS);
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
        use Edit::*;
        assert_eq!(after("ক্ষমা", &[Left]), ("ক্ষমা".into(), "ক্ষ".into()));
        assert_eq!(after("ক্ষমা", &[Left, DeleteBack]), ("মা".into(), "".into()));
        assert_eq!(
            after("ক্ষমা", &[Home, DeleteForward]),
            ("মা".into(), "".into())
        );
        assert_eq!(
            after("", &[DeleteBack, DeleteForward, Left]),
            ("".into(), "".into())
        );
    }

    #[test]
    fn a_mark_typed_inside_a_cluster_snaps_the_cursor_forward() {
        let mut q = typed("কা");
        q.apply(Edit::Home);
        q.insert('র');
        assert_eq!(q.before_cursor(), "র");
        q.apply(Edit::End);
        q.apply(Edit::Left);
        q.insert('\u{09CD}'); // virama before া: inside the cluster, never splitting it
        assert!(q.text().is_char_boundary(q.cursor()));
        assert_eq!(
            q.text()[q.cursor()..].graphemes(true).count()
                + q.before_cursor().graphemes(true).count(),
            q.text().graphemes(true).count()
        );
    }

    #[test]
    fn control_characters_are_not_inserted() {
        assert_eq!(typed("a\u{1b}b").text(), "ab");
    }

    #[test]
    fn alt_b_then_alt_d_deletes_the_last_word_not_types_letters() {
        // The report in issue 16: `/putin kim`, Alt-b, Alt-d used to give `putin kimbd`.
        use Edit::*;
        assert_eq!(
            after("putin kim", &[WordLeft, DeleteWordForward]),
            ("putin ".into(), "putin ".into())
        );
        assert_eq!(
            after("পুতিন কিম জং", &[WordLeft, WordLeft, DeleteWordForward]),
            ("পুতিন  জং".into(), "পুতিন ".into())
        );
    }

    #[test]
    fn word_motions_skip_punctuation_like_readline() {
        use Edit::*;
        assert_eq!(
            after("rohingya !source:tass", &[WordLeft]).1,
            "rohingya !source:"
        );
        assert_eq!(
            after("rohingya !source:tass", &[WordLeft, WordLeft]).1,
            "rohingya !"
        );
        assert_eq!(
            after("rohingya !source:tass", &[Home, WordRight, WordRight]).1,
            "rohingya !source"
        );
        assert_eq!(after("  ", &[WordLeft]).1, "");
        assert_eq!(after("ab  ", &[Home, WordRight, WordRight]).1, "ab  ");
    }

    #[test]
    fn ctrl_w_deletes_back_to_a_space_alt_backspace_to_a_word_start() {
        use Edit::*;
        assert_eq!(
            after("রোহিঙ্গা !source:tass  ", &[DeleteToSpaceBack]).0,
            "রোহিঙ্গা "
        );
        assert_eq!(
            after("রোহিঙ্গা !source:tass", &[DeleteWordBack]).0,
            "রোহিঙ্গা !source:"
        );
        assert_eq!(after("রোহিঙ্গা", &[DeleteWordBack]).0, "");
        assert_eq!(after("কিম", &[Home, DeleteToSpaceBack]).0, "কিম");
    }

    #[test]
    fn kills_take_one_side_of_the_cursor() {
        use Edit::*;
        assert_eq!(
            after("পুতিন কিম", &[WordLeft, KillToStart]),
            ("কিম".into(), "".into())
        );
        assert_eq!(
            after("পুতিন কিম", &[WordLeft, KillToEnd]),
            ("পুতিন ".into(), "পুতিন ".into())
        );
        assert_eq!(after("পুতিন কিম", &[Clear]), ("".into(), "".into()));
    }

    #[test]
    fn apply_says_whether_the_text_changed() {
        let mut q = LineEdit::new("কিম");
        assert!(!q.apply(Edit::WordLeft));
        assert!(!q.apply(Edit::DeleteBack));
        assert!(q.apply(Edit::DeleteForward));
        assert_eq!(q.text(), "ম");
    }

    proptest::proptest! {
        /// Whatever is typed and however it is edited, the cursor never splits a cluster.
        #[test]
        fn the_cursor_stays_on_a_cluster_boundary(
            typed in proptest::collection::vec(
                proptest::sample::select(vec!['ক', '্', 'ষ', 'া', 'ি', ' ', 'a', ':', '\u{200C}']),
                0..24,
            ),
            edits in proptest::collection::vec(proptest::sample::select(Edit::ALL.to_vec()), 0..24),
        ) {
            let mut q = LineEdit::default();
            for (c, e) in typed.iter().zip(edits.iter().chain(std::iter::repeat(&Edit::Right))) {
                q.insert(*c);
                q.apply(*e);
                let boundary = GraphemeCursor::new(q.cursor(), q.text().len(), true)
                    .is_boundary(q.text(), 0)
                    .unwrap_or(false);
                proptest::prop_assert!(boundary, "{:?} at {}", q.text(), q.cursor());
            }
        }
    }
}
