//! Search: query parsing, matching Bengali and Latin queries against titles, entity and outlet
//! names, ranking, and highlight ranges on the title. The same engine serves the TUI's live
//! filter and `khobor search`.
//!
//! # Using it from a UI
//! - Build a [`SearchIndex`] once per corpus ([`SearchIndex::new`], ~1 s at 100k articles on one
//!   core; it holds its own copies of the keys, so the corpus may be moved afterwards).
//! - Per keystroke, on a worker thread, call [`LiveSearch::run`] with the query text and a
//!   cancellation flag. It parses the query, and when the new query only narrows the previous
//!   one (the user typed more) it searches within the previous hits instead of the whole corpus.
//!   Set the flag when a newer keystroke arrives: the search returns `None` soon after.
//! - [`Hit::title_ranges`] are byte ranges into `Article::title`, already widened to whole
//!   grapheme clusters, sorted and non-overlapping: style them as they are.
//! - An empty query returns every article, newest first, undated last.
//! - Query syntax: see [`query`].
//!
//! # What is matched, and why not the body
//! A free word is matched against the title's words and against the names of the entities and
//! outlets the article mentions (every form: Bengali name, aliases, English name). Bodies are not
//! searched word by word: the extractor already turns a body into the people, places,
//! organisations and outlets it is about, and matching loose keys (skeletons of two consonants,
//! fuzzy subsequences) over thousands of body words produces hits for names that are not there.
//! See [`term`] for the tiers of a word match.

pub mod query;

mod keys;
mod term;

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;
use unicode_segmentation::GraphemeCursor;

use crate::corpus::Corpus;

pub use query::{Clause, ClauseKind, DateSpan, Field, Query, Term};

use keys::{ArticleKeys, Keys, NameKind};
use term::{PreparedTerm, WordMatch};

/// One matching article.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Index into `Corpus::articles`.
    pub article: usize,
    /// Higher is better; only comparable between hits of the same query.
    pub score: i64,
    /// Byte ranges in the article's title to highlight: whole grapheme clusters, sorted,
    /// non-overlapping.
    pub title_ranges: Vec<Range<usize>>,
}

/// Search keys for a corpus, built once; `Sync`, so one index serves any number of threads.
#[derive(Debug, Default)]
pub struct SearchIndex {
    keys: Keys,
}

/// Articles are scored in chunks of this many; the cancellation flag is checked between chunks.
const CHUNK: usize = 1024;

impl SearchIndex {
    pub fn new(corpus: &Corpus) -> Self {
        Self {
            keys: Keys::build(corpus),
        }
    }

    /// Number of articles indexed.
    pub fn len(&self) -> usize {
        self.keys.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.articles.is_empty()
    }

    /// Articles matching `query`, best first (equal scores: newest first, undated last).
    /// An empty query matches every article, newest first.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let never = AtomicBool::new(false);
        self.search_query(&Query::parse(query), &never)
            .unwrap_or_default()
    }

    /// Like [`search`](Self::search) for a parsed query; `None` when `cancel` was set meanwhile.
    pub fn search_query(&self, query: &Query, cancel: &AtomicBool) -> Option<Vec<Hit>> {
        self.run(&Plan::new(query), None, cancel)
    }

    /// Searches only among `previous`, the hits of `previous_query`, when `query` narrows it
    /// (the user typed more); otherwise searches the whole corpus. Same result as
    /// [`search_query`](Self::search_query) either way, just faster when the query grew.
    pub fn search_within(
        &self,
        previous: &[Hit],
        previous_query: &Query,
        query: &Query,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        let plan = Plan::new(query);
        let within = plan.narrows(&Plan::new(previous_query)).then_some(previous);
        self.run(&plan, within, cancel)
    }

    fn run(&self, plan: &Plan, within: Option<&[Hit]>, cancel: &AtomicBool) -> Option<Vec<Hit>> {
        if plan.clauses.is_empty() {
            return Some(self.all_by_recency());
        }
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut tables = Vec::with_capacity(plan.clauses.len());
        for clause in &plan.clauses {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            tables.push(self.tables(clause, &matcher));
        }
        let candidates: Vec<u32> = match within {
            Some(hits) => hits.iter().map(|h| h.article as u32).collect(),
            None => (0..self.keys.articles.len() as u32).collect(),
        };
        let chunks: Option<Vec<Vec<Hit>>> = candidates
            .par_chunks(CHUNK)
            .map(|chunk| {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                Some(
                    chunk
                        .iter()
                        .filter_map(|&i| self.score_article(i as usize, plan, &tables))
                        .collect(),
                )
            })
            .collect();
        let mut hits: Vec<Hit> = chunks?.into_iter().flatten().collect();
        let rank = &self.keys.recency_rank;
        hits.par_sort_unstable_by_key(|h| (std::cmp::Reverse(h.score), rank[h.article]));
        Some(hits)
    }

    fn all_by_recency(&self) -> Vec<Hit> {
        self.keys
            .by_recency
            .iter()
            .map(|&i| Hit {
                article: i as usize,
                score: 0,
                title_ranges: Vec::new(),
            })
            .collect()
    }

    /// Scores a clause's term once against every distinct title word and every name entry.
    fn tables(&self, clause: &PlannedClause, matcher: &SkimMatcherV2) -> Tables {
        let Some(term) = &clause.term else {
            return Tables::default();
        };
        let title = if clause.field.is_none() && !term.phrase {
            self.keys
                .title_vocab
                .words
                .par_iter()
                .map(|w| term.match_word(w, matcher).unwrap_or_default())
                .collect()
        } else {
            Vec::new()
        };
        let name_words: Vec<u8> = if term.phrase {
            Vec::new()
        } else {
            self.keys
                .name_vocab
                .words
                .par_iter()
                .map(|w| term.match_word(w, matcher).map_or(0, |m| m.score))
                .collect()
        };
        let names = self
            .keys
            .names
            .par_iter()
            .map(|entry| {
                if !clause.field.is_none_or(|f| field_covers(f, entry.kind)) {
                    return 0;
                }
                entry
                    .forms
                    .iter()
                    .map(|form| {
                        if term.phrase {
                            term.match_phrase(&form.key).map_or(0, |m| m.score)
                        } else {
                            form.words
                                .iter()
                                .map(|&w| name_words[w as usize])
                                .max()
                                .unwrap_or(0)
                        }
                    })
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        Tables { title, names }
    }

    fn score_article(&self, i: usize, plan: &Plan, tables: &[Tables]) -> Option<Hit> {
        let a = &self.keys.articles[i];
        let mut score = 0i64;
        let mut key_ranges: Vec<Range<u32>> = Vec::new();
        let mut title_ranges: Vec<Range<usize>> = Vec::new();
        for (clause, t) in plan.clauses.iter().zip(tables) {
            let Some(term) = &clause.term else {
                let span = clause.date?;
                let matched = a.day.is_some_and(|d| span.contains(d));
                if matched == clause.negated {
                    return None;
                }
                continue;
            };
            let title = if clause.field.is_some() {
                None
            } else if term.phrase {
                term.match_phrase(&a.title_key)
                    .map(|m| (m.score, std::iter::once(m.start..m.end).collect()))
            } else {
                best_title_words(a, &t.title)
            };
            let names = a
                .names
                .iter()
                .map(|n| (t.names[n.entry as usize], n))
                .filter(|(s, _)| *s > 0)
                .max_by_key(|(s, _)| *s)
                .map(|(s, _)| s);
            let title_score = title.as_ref().map_or(0, |(s, _)| *s);
            let names_score = names.unwrap_or(0);
            let matched = title_score > 0 || names_score > 0;
            if clause.negated {
                if matched {
                    return None;
                }
                continue;
            }
            if !matched {
                return None;
            }
            score += 2 * i64::from(title_score) + i64::from(names_score);
            // Highlight what matched in the title itself; only when the title matched through a
            // name (a Latin query meeting an entity's English name) show the entity's mentions.
            if let Some((_, ranges)) = title {
                key_ranges.extend(ranges);
            } else if names_score > 0 && clause.field != Some(Field::Source) {
                for n in a.names.iter() {
                    if t.names[n.entry as usize] == names_score
                        && let Some(e) = n.entity
                    {
                        title_ranges.extend(
                            a.entity_title_spans
                                .iter()
                                .filter(|(slot, _)| *slot == e)
                                .map(|(_, r)| r.start as usize..r.end as usize),
                        );
                    }
                }
            }
        }
        title_ranges.extend(key_ranges.into_iter().map(|r| key_to_title(a, r)));
        Some(Hit {
            article: i,
            score,
            title_ranges: widen_and_merge(&a.title, title_ranges),
        })
    }
}

/// The best tier among a title's words, with the ranges (in the title key) of the words that
/// reached it.
fn best_title_words(a: &ArticleKeys, table: &[WordMatch]) -> Option<(u8, Vec<Range<u32>>)> {
    let best = a
        .words
        .iter()
        .map(|w| table[w.word as usize].score)
        .max()
        .filter(|&s| s > 0)?;
    let ranges = a
        .words
        .iter()
        .filter_map(|w| {
            let m = table[w.word as usize];
            (m.score == best).then_some(w.start + m.start..w.start + m.end)
        })
        .collect();
    Some((best, ranges))
}

fn field_covers(field: Field, kind: NameKind) -> bool {
    matches!(
        (field, kind),
        (Field::Source, NameKind::Outlet)
            | (Field::Person, NameKind::Person)
            | (Field::Place, NameKind::Place)
            | (Field::Org, NameKind::Org | NameKind::Media)
    )
}

/// Maps a byte range of the title key onto the title.
fn key_to_title(a: &ArticleKeys, r: Range<u32>) -> Range<usize> {
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
fn widen_and_merge(title: &str, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut widened: Vec<Range<usize>> = ranges
        .into_iter()
        .filter(|r| {
            r.start < r.end
                && r.end <= title.len()
                && title.is_char_boundary(r.start)
                && title.is_char_boundary(r.end)
        })
        .map(|r| cluster_floor(title, r.start)..cluster_ceil(title, r.end))
        .collect();
    widened.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(widened.len());
    for r in widened {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

fn cluster_floor(s: &str, at: usize) -> usize {
    let mut c = GraphemeCursor::new(at, s.len(), true);
    match c.is_boundary(s, 0) {
        Ok(false) => c.prev_boundary(s, 0).ok().flatten().unwrap_or(0),
        _ => at,
    }
}

fn cluster_ceil(s: &str, at: usize) -> usize {
    let mut c = GraphemeCursor::new(at, s.len(), true);
    match c.is_boundary(s, 0) {
        Ok(false) => c.next_boundary(s, 0).ok().flatten().unwrap_or(s.len()),
        _ => at,
    }
}

/// Per clause, the term's match against every title word (by vocabulary id) and every name
/// entry (best tier over its forms; 0 = no match or wrong kind for the field).
#[derive(Default)]
struct Tables {
    title: Vec<WordMatch>,
    names: Vec<u8>,
}

/// A query with its terms prepared for matching.
#[derive(Clone, Debug, Default, PartialEq)]
struct Plan {
    clauses: Vec<PlannedClause>,
}

#[derive(Clone, Debug, PartialEq)]
struct PlannedClause {
    negated: bool,
    field: Option<Field>,
    /// `None` for a date clause.
    term: Option<PreparedTerm>,
    date: Option<DateSpan>,
}

impl Plan {
    fn new(query: &Query) -> Plan {
        let clauses = query
            .clauses
            .iter()
            .map(|c| {
                // Loose (fuzzy) matching only for positive free text: in a filter or an
                // exclusion a near miss is a wrong answer.
                let fuzzy = !c.negated;
                let (field, term, date) = match &c.kind {
                    ClauseKind::Text(t) => (
                        None,
                        Some(PreparedTerm::new(&t.text, t.phrase, fuzzy)),
                        None,
                    ),
                    ClauseKind::Field(f, t) => (
                        Some(*f),
                        Some(PreparedTerm::new(&t.text, t.phrase, false)),
                        None,
                    ),
                    ClauseKind::Date(d) => (None, None, Some(*d)),
                };
                PlannedClause {
                    negated: c.negated,
                    field,
                    term,
                    date,
                }
            })
            .collect();
        Plan { clauses }
    }

    /// True when every article this plan matches is matched by `earlier` too: each earlier
    /// clause is still there (in order), exclusions and dates unchanged, terms only grown.
    fn narrows(&self, earlier: &Plan) -> bool {
        earlier.clauses.len() <= self.clauses.len()
            && earlier.clauses.iter().zip(&self.clauses).all(|(e, n)| {
                e.negated == n.negated
                    && e.field == n.field
                    && e.date == n.date
                    && match (&n.term, &e.term) {
                        (Some(nt), Some(et)) if n.negated => nt == et,
                        (Some(nt), Some(et)) => nt.narrows(et),
                        (None, None) => true,
                        _ => false,
                    }
            })
    }
}

/// Live filtering state for a UI: remembers the last query and its hits so that typing more
/// refines instead of starting over. Keep one per filter input, on the worker thread.
#[derive(Debug, Default)]
pub struct LiveSearch {
    last: Option<(Plan, Arc<[Hit]>)>,
}

impl LiveSearch {
    pub fn new() -> Self {
        Self::default()
    }

    /// Hits for `text`, or `None` when `cancel` was set before the search finished (the state is
    /// then unchanged, so the next call still refines from the last finished search).
    pub fn run(
        &mut self,
        index: &SearchIndex,
        text: &str,
        cancel: &AtomicBool,
    ) -> Option<Arc<[Hit]>> {
        let plan = Plan::new(&Query::parse(text));
        let within = match &self.last {
            Some((last_plan, hits)) if plan == *last_plan => return Some(hits.clone()),
            Some((last_plan, hits)) if plan.narrows(last_plan) && !last_plan.clauses.is_empty() => {
                Some(hits.clone())
            }
            _ => None,
        };
        let hits: Arc<[Hit]> = index.run(&plan, within.as_deref(), cancel)?.into();
        self.last = Some((plan, hits.clone()));
        Some(hits)
    }

    /// Forgets the last search (e.g. after the corpus changed).
    pub fn reset(&mut self) {
        self.last = None;
    }
}

#[cfg(test)]
mod tests;
