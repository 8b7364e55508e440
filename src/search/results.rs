//! What a search returns: its hits, best first, and the highlights of each, computed on
//! demand for the rows drawn: title ranges, ranges in any text (a body paragraph) and snippets.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

use smallvec::SmallVec;
use unicode_segmentation::UnicodeSegmentation;

use super::Field;
use super::keys::{ArticleKeys, Keys};
use super::plan::{Plan, PlannedClause};
use super::run::{clause_match, score};
use super::tables::Tables;
use super::term;

/// Highlight ranges in one title. Most titles match in one or two places, so those are stored
/// inline. Derefs to a slice; `to_vec` when a `Vec` is needed.
pub(crate) type TitleRanges = SmallVec<[Range<usize>; 2]>;

/// One matching article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into `Corpus::articles`.
    pub article: usize,
    /// Higher is better; only comparable between hits of the same query.
    pub score: i64,
}

/// The hits of one search, best first, and how to highlight them. Cheap to clone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    pub(crate) hits: Arc<[Hit]>,
    pub(crate) highlighter: Highlighter,
}

impl Results {
    /// Byte ranges to highlight in the title of `article` (an index into `Corpus::articles`):
    /// whole grapheme clusters, sorted, non-overlapping. Empty for an article this search did
    /// not find.
    pub(crate) fn title_ranges(&self, article: usize) -> TitleRanges {
        self.highlighter.title_ranges(article)
    }
}

impl Deref for Results {
    type Target = [Hit];

    fn deref(&self) -> &[Hit] {
        &self.hits
    }
}

/// Hits from elsewhere (a test, a list built by hand): nothing to highlight.
impl From<Vec<Hit>> for Results {
    fn from(hits: Vec<Hit>) -> Self {
        Results {
            hits: hits.into(),
            highlighter: Highlighter::default(),
        }
    }
}

/// Computes the highlights of one search's hits on demand (for the rows a UI draws): it holds
/// the index's keys, the query and its per-word tables. Cheap to clone; `Send + Sync`.
#[derive(Clone, Default)]
pub struct Highlighter(pub(super) Option<Arc<Highlight>>);

pub(super) struct Highlight {
    pub(super) keys: Arc<Keys>,
    pub(super) plan: Plan,
    pub(super) tables: Vec<Arc<Tables>>,
}

impl Highlighter {
    /// Highlights for `query` in any text ([`text_ranges`](Self::text_ranges)), without an
    /// index: for finding words in one article. It highlights no title.
    pub(crate) fn for_text(query: &str) -> Highlighter {
        let plan = Plan::new(&super::Query::parse(query));
        Highlighter(Some(Arc::new(Highlight {
            keys: Arc::default(),
            plan,
            tables: Vec::new(),
        })))
    }

    /// See [`Results::title_ranges`].
    pub(crate) fn title_ranges(&self, article: usize) -> TitleRanges {
        let Some(h) = &self.0 else {
            return TitleRanges::new();
        };
        match h.keys.slot_of.get(article) {
            Some(&slot) if score(&h.keys, slot, &h.plan, &h.tables).is_some() => {
                title_ranges(&h.keys, slot, &h.plan, &h.tables)
            }
            _ => TitleRanges::new(),
        }
    }
}

/// A line of a body around a match, for the list of hits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snippet {
    /// Whole grapheme clusters of one paragraph, with `…` where it was cut.
    pub text: String,
    /// Byte ranges into `text` to highlight: whole clusters, sorted, non-overlapping.
    pub ranges: Vec<Range<usize>>,
}

/// Chars of body context a snippet holds around its match: enough for the widest list row.
pub(crate) const SNIPPET_CHARS: usize = 80;

impl Highlighter {
    /// Whether this search matches words in bodies at all, so that a hit may want a snippet.
    pub(crate) fn matches_bodies(&self) -> bool {
        self.0
            .as_ref()
            .is_some_and(|h| !h.plan.body_terms().is_empty())
    }

    /// Byte ranges of `text` (a body paragraph, any text) holding a word this search matches in
    /// bodies: whole grapheme clusters, sorted, non-overlapping.
    pub(crate) fn text_ranges(&self, text: &str) -> Vec<Range<usize>> {
        let Some(h) = &self.0 else {
            return Vec::new();
        };
        let terms = h.plan.body_terms();
        if terms.is_empty() {
            return Vec::new();
        }
        let matchers: Vec<_> = terms.iter().map(|t| t.matcher(false)).collect();
        let (key, offsets) = crate::text::key::match_key_with_offsets(text);
        let at = |char_index: usize| offsets.get(char_index).copied().unwrap_or(text.len());
        let mut ranges = Vec::new();
        let mut chars_before = 0;
        let mut last_byte = 0;
        for (start, word) in key.split_word_bound_indices() {
            chars_before += key[last_byte..start].chars().count();
            last_byte = start;
            if !word.chars().any(char::is_alphanumeric) {
                continue;
            }
            let w = term::Word::new(word);
            let hit = matchers.iter().any(|m| {
                m.match_word(&w)
                    .is_some_and(|m| m.score >= term::tier::SKELETON_PREFIX)
            });
            if hit {
                let first = at(chars_before);
                let last = chars_before + word.chars().count();
                let end = if last < offsets.len() {
                    at(last)
                } else {
                    text.len()
                };
                ranges.push(first..end);
            }
        }
        whole_clusters(text, ranges)
    }

    /// The first match in `body` (its paragraphs) with about `width` chars of context, cut at
    /// cluster boundaries; `None` when nothing in the body matches.
    pub(crate) fn snippet(&self, body: &[String], width: usize) -> Option<Snippet> {
        body.iter().find_map(|p| {
            let ranges = self.text_ranges(p);
            let first = ranges.first()?.clone();
            Some(cut_around(p, first, &ranges, width))
        })
    }
}

/// Widens ranges of `text` to whole grapheme clusters, sorts and merges them.
pub(super) fn whole_clusters(text: &str, mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let bounds: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    for r in &mut ranges {
        let floor = bounds.partition_point(|&b| b <= r.start).saturating_sub(1);
        let ceil = bounds.partition_point(|&b| b < r.end);
        *r = bounds[floor]..bounds.get(ceil).copied().unwrap_or(text.len());
    }
    ranges.sort_unstable_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// About `width` chars of `text` around `around` (a third before it), cut at clusters.
pub(super) fn cut_around(
    text: &str,
    around: Range<usize>,
    ranges: &[Range<usize>],
    width: usize,
) -> Snippet {
    let clusters: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
    let first = clusters.partition_point(|&(i, _)| i < around.start);
    let mut from = first.saturating_sub(width / 3);
    let mut chars = 0;
    let mut to = from;
    while to < clusters.len() && chars < width {
        chars += clusters[to].1.chars().count();
        to += 1;
    }
    // Never start mid-word when a word start is near.
    if from > 0
        && let Some(space) = (from..first).find(|&i| clusters[i].1.trim().is_empty())
    {
        from = space + 1;
    }
    let start = clusters.get(from).map_or(text.len(), |c| c.0);
    let end = clusters.get(to).map_or(text.len(), |c| c.0);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let shift = out.len();
    out.push_str(&text[start..end]);
    let ranges = ranges
        .iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| r.start - start + shift..r.end - start + shift)
        .collect();
    if end < text.len() {
        out.push('…');
    }
    Snippet { text: out, ranges }
}

/// Equal when they are the same highlighter (clones of one search's), or both highlight nothing.
impl PartialEq for Highlighter {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

impl Eq for Highlighter {}

impl fmt::Debug for Highlighter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let clauses = self.0.as_ref().map_or(0, |h| h.plan.clauses.len());
        write!(f, "Highlighter({clauses} clauses)")
    }
}

/// Highlights of the article in `slot` for `plan`: what each positive clause matched.
pub(super) fn title_ranges(
    keys: &Keys,
    slot: u32,
    plan: &Plan,
    tables: &[Arc<Tables>],
) -> TitleRanges {
    let a = &keys.articles[slot as usize];
    let mut ranges = TitleRanges::new();
    for (clause, t) in plan.clauses.iter().zip(tables) {
        clause_title_ranges(keys, slot, clause, t, &mut ranges);
    }
    widen_and_merge(a, &mut ranges);
    ranges
}

/// What one positive clause (or each alternative of one) matched in the title.
pub(super) fn clause_title_ranges(
    keys: &Keys,
    slot: u32,
    clause: &PlannedClause,
    t: &Tables,
    ranges: &mut TitleRanges,
) {
    if clause.negated {
        return;
    }
    for (c, t) in clause.any.iter().zip(&t.any) {
        clause_title_ranges(keys, slot, c, t, ranges);
    }
    let a = &keys.articles[slot as usize];
    let m = clause_match(keys, slot, clause, t);
    // Highlight what matched in the title itself; only when the title matched through a
    // name (a Latin query meeting an entity's English name) show the entity's mentions.
    if let Some(p) = m.phrase_at {
        ranges.push(key_to_title(a, p.start..p.end));
    } else if m.title > 0 && clause.any.is_empty() {
        for (&w, &at) in keys.words_of(slot).iter().zip(keys.word_offsets_of(slot)) {
            if t.title_scores[w as usize] == m.title
                && let Some(wm) = t.title_match(w)
            {
                ranges.push(key_to_title(a, at + wm.start..at + wm.end));
            }
        }
    } else if m.names > 0 && clause.any.is_empty() && clause.field != Some(Field::Source) {
        for n in keys.names_in(slot) {
            if t.names[n.entry as usize] == m.names
                && let Some(e) = n.entity
            {
                ranges.extend(
                    a.entity_title_spans
                        .iter()
                        .filter(|(entity, _)| *entity == e)
                        .map(|(_, r)| r.start as usize..r.end as usize),
                );
            }
        }
    }
}

/// Maps a byte range of the title key onto the title.
pub(super) fn key_to_title(a: &ArticleKeys, r: Range<u32>) -> Range<usize> {
    let (start, end) = (r.start as usize, r.end as usize);
    match &a.key_to_title {
        None => start..end,
        Some(map) if start < end && end <= map.len() => {
            let first = map[start] as usize;
            let last = map[end - 1] as usize;
            let last_len = a.title[last..].chars().next().map_or(0, char::len_utf8);
            first..last + last_len
        }
        Some(_) => 0..0,
    }
}

/// Widens each range to whole grapheme clusters (styling half a conjunct shows a stray halant),
/// then sorts and merges them. Ranges that are empty or do not fit the title are dropped.
pub(super) fn widen_and_merge(a: &ArticleKeys, ranges: &mut TitleRanges) {
    let title = &a.title;
    ranges.retain(|r| {
        r.start < r.end
            && r.end <= title.len()
            && title.is_char_boundary(r.start)
            && title.is_char_boundary(r.end)
    });
    for r in ranges.iter_mut() {
        *r = a.cluster_floor(r.start)..a.cluster_ceil(r.end);
    }
    ranges.sort_unstable_by_key(|r| r.start);
    let mut merged = 0;
    for i in 0..ranges.len() {
        if merged > 0 && ranges[i].start <= ranges[merged - 1].end {
            ranges[merged - 1].end = ranges[merged - 1].end.max(ranges[i].end);
        } else {
            ranges[merged] = ranges[i].clone();
            merged += 1;
        }
    }
    ranges.truncate(merged);
}
