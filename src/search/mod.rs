//! Search: query parsing, matching Bengali and Latin queries against titles, entity and outlet
//! names, ranking, and highlight ranges on the title. The same engine serves the TUI's live
//! filter and `khobor search`.
//!
//! # Using it from a UI
//! - Build a [`SearchIndex`] once per corpus ([`SearchIndex::new`]: 1.5–4 s for 100k articles on two
//!   busy cores, so build it off the UI thread; it holds its own copies of the keys, so the
//!   corpus may be moved afterwards).
//! - Per keystroke, on a worker thread, call [`LiveSearch::run`] with the query text and a
//!   cancellation flag. It parses the query, and when the new query only narrows the previous
//!   one (the user typed more) it searches within the previous hits instead of the whole corpus.
//!   Set the flag when a newer keystroke arrives: the search returns `None` soon after.
//! - Highlights are computed only for the rows drawn: a broad keystroke matches nearly every
//!   article, and computing ranges for all of them took three times as long as finding and
//!   ranking them. [`Results::title_ranges`] gives byte ranges into `Article::title`, already
//!   widened to whole grapheme clusters, sorted and non-overlapping: style them as they are.
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

pub mod body;
mod keys;
pub mod rows;
mod term;
mod translit;

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::ops::{Deref, Range};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use smallvec::SmallVec;
use unicode_segmentation::UnicodeSegmentation;

use crate::corpus::Corpus;

pub use query::{Clause, ClauseKind, DateSpan, Field, Query, Term};

use crate::article::{Article, ContentId};

use body::{BodyIndex, BodySlots};

use crate::cache::BodyCache;

use keys::{ArticleKeys, Keys, NameKind, Vocab};
use term::{PreparedTerm, Word, WordMatch};

/// Highlight ranges in one title. Most titles match in one or two places, so those are stored
/// inline. Derefs to a slice; `to_vec` when a `Vec` is needed.
pub type TitleRanges = SmallVec<[Range<usize>; 2]>;

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
    pub hits: Arc<[Hit]>,
    pub highlighter: Highlighter,
}

impl Results {
    /// Byte ranges to highlight in the title of `article` (an index into `Corpus::articles`):
    /// whole grapheme clusters, sorted, non-overlapping. Empty for an article this search did
    /// not find.
    pub fn title_ranges(&self, article: usize) -> TitleRanges {
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
pub struct Highlighter(Option<Arc<Highlight>>);

struct Highlight {
    keys: Arc<Keys>,
    plan: Plan,
    tables: Vec<Arc<Tables>>,
}

impl Highlighter {
    /// See [`Results::title_ranges`].
    pub fn title_ranges(&self, article: usize) -> TitleRanges {
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

impl Highlighter {
    /// Byte ranges of `text` (a body paragraph, any text) holding a word this search matches in
    /// bodies: whole grapheme clusters, sorted, non-overlapping.
    pub fn text_ranges(&self, text: &str) -> Vec<Range<usize>> {
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
    pub fn snippet(&self, body: &[String], width: usize) -> Option<Snippet> {
        body.iter().find_map(|p| {
            let ranges = self.text_ranges(p);
            let first = ranges.first()?.clone();
            Some(cut_around(p, first, &ranges, width))
        })
    }
}

/// Widens ranges of `text` to whole grapheme clusters, sorts and merges them.
fn whole_clusters(text: &str, mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
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
fn cut_around(text: &str, around: Range<usize>, ranges: &[Range<usize>], width: usize) -> Snippet {
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

impl fmt::Debug for Highlighter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let clauses = self.0.as_ref().map_or(0, |h| h.plan.clauses.len());
        write!(f, "Highlighter({clauses} clauses)")
    }
}

/// Search keys for a corpus, built once; `Sync`, so one index serves any number of threads.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Shared with the [`Highlighter`]s of its searches.
    keys: Arc<Keys>,
    /// Shared with an index that adds the bodies read later ([`SearchIndex::with_bodies_read`]).
    body: Arc<BodyIndex>,
}

/// Where to read the body of an article loaded without it: its path and the content it had.
pub type BodySource = (String, ContentId);

/// Articles are scored in chunks of this many; the cancellation flag is checked between chunks.
const CHUNK: usize = 1024;

impl SearchIndex {
    /// An index of `corpus`: titles, names, and the bodies the articles hold (none for a
    /// corpus loaded light: see [`with_bodies_read`](Self::with_bodies_read)).
    pub fn new(corpus: &Corpus) -> Self {
        let keys = Keys::build(corpus);
        let order = &keys.corpus_index;
        let paragraphs = |slot: usize| {
            let body = &corpus.articles[order[slot] as usize].body;
            (!body.is_empty()).then_some(Cow::Borrowed(&body[..]))
        };
        let slots = BodySlots {
            count: order.len(),
            id: &|_| None,
            paragraphs: &paragraphs,
        };
        let mut numbers = BodyCache::in_memory();
        let body = BodyIndex::build(
            &slots,
            &mut numbers,
            |stem| keys.attests(stem),
            &AtomicBool::new(false),
        )
        .unwrap_or_default();
        Self {
            body: Arc::new(body),
            keys: Arc::new(keys),
        }
    }

    /// True when some article's body is indexed.
    pub fn has_bodies(&self) -> bool {
        !self.body.is_empty()
    }

    /// Where to read, by slot, the bodies of the articles of `corpus` (the corpus this index
    /// was built from) that were loaded without them ([`Article::text_omitted`]). Taken before
    /// letting go of the corpus, for [`with_bodies_read`](Self::with_bodies_read).
    pub fn bodies_to_read(&self, corpus: &Corpus) -> Vec<Option<BodySource>> {
        self.keys
            .corpus_index
            .iter()
            .map(|&i| {
                let a: &Article = corpus.articles.get(i as usize)?;
                a.text_omitted.then(|| (a.path.clone(), a.id))
            })
            .collect()
    }

    /// This index with the bodies of `sources` (from [`bodies_to_read`](Self::bodies_to_read))
    /// read with `read` and indexed, in place of the bodies it had. Meant for a background
    /// thread; `None` when `stop` was set meanwhile.
    pub fn with_bodies_read(
        &self,
        sources: &[Option<BodySource>],
        read: impl Fn(&str, ContentId) -> Option<Vec<String>> + Sync,
        stop: &AtomicBool,
    ) -> Option<SearchIndex> {
        self.with_bodies_cached(sources, read, &mut BodyCache::in_memory(), stop)
            .ok()
            .flatten()
    }

    /// Like [`with_bodies_read`](Self::with_bodies_read), taking each body's words from `cache`
    /// when it has them (a warm start reads no article file) and storing there those it had not;
    /// the caller saves the cache (off the UI thread: it writes the whole file). `Err` only when
    /// the cache's temporary file cannot be written.
    pub fn with_bodies_cached(
        &self,
        sources: &[Option<BodySource>],
        read: impl Fn(&str, ContentId) -> Option<Vec<String>> + Sync,
        cache: &mut BodyCache,
        stop: &AtomicBool,
    ) -> io::Result<Option<SearchIndex>> {
        rows::hold_dataset_rows(sources, cache, stop)?;
        let id = |slot: usize| sources.get(slot)?.as_ref().map(|(_, id)| *id);
        let paragraphs = |slot: usize| {
            let (path, id) = sources.get(slot)?.as_ref()?;
            read(path, *id).map(Cow::Owned)
        };
        let slots = BodySlots {
            count: sources.len(),
            id: &id,
            paragraphs: &paragraphs,
        };
        let body = BodyIndex::build(&slots, cache, |stem| self.keys.attests(stem), stop)?;
        Ok((!stop.load(Ordering::Relaxed)).then(|| SearchIndex {
            keys: self.keys.clone(),
            body: Arc::new(body),
        }))
    }

    /// The runtime's entry point for full text: this index with every body of `sources`, taken
    /// from the body cache in `cache_dir` where it has them and read from the files otherwise,
    /// and the cache saved when anything was added. Meant for a background thread; `None` when
    /// `stop` was set meanwhile. Cache trouble never fails the search: the bodies are read and the
    /// warning is returned for the status line.
    pub fn with_bodies_persisted(
        &self,
        sources: &[Option<BodySource>],
        read: impl Fn(&str, ContentId) -> Option<Vec<String>> + Sync,
        cache_dir: Option<&std::path::Path>,
        stop: &AtomicBool,
    ) -> Option<(SearchIndex, Option<String>)> {
        let (mut cache, mut warning) = match cache_dir {
            Some(dir) => BodyCache::open(dir),
            None => (BodyCache::in_memory(), None),
        };
        let index = match self.with_bodies_cached(sources, &read, &mut cache, stop) {
            Ok(index) => index?,
            Err(e) => {
                warning = Some(format!("body cache not saved ({e})"));
                self.with_bodies_read(sources, &read, stop)?
            }
        };
        if let Err(e) = cache.save() {
            warning = Some(format!("body cache not saved ({e})"));
        }
        Some((index, warning))
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
        self.find(query).hits.to_vec()
    }

    /// Like [`search`](Self::search), with the hits' highlights.
    pub fn find(&self, query: &str) -> Results {
        let never = AtomicBool::new(false);
        self.search_query(&Query::parse(query), &never)
            .unwrap_or_default()
    }

    /// Like [`search`](Self::search) for a parsed query, with the hits' highlights; `None` when
    /// `cancel` was set meanwhile.
    pub fn search_query(&self, query: &Query, cancel: &AtomicBool) -> Option<Results> {
        self.run(&Plan::new(query), None, None, cancel)
            .map(|outcome| outcome.results)
    }

    /// Searches only among `previous`, the hits of `previous_query`, when `query` narrows it
    /// (the user typed more); otherwise searches the whole corpus. Same result as
    /// [`search_query`](Self::search_query) either way, just faster when the query grew.
    /// [`LiveSearch`] does this bookkeeping (and more caching) for you.
    pub fn search_within(
        &self,
        previous: &[Hit],
        previous_query: &Query,
        query: &Query,
        cancel: &AtomicBool,
    ) -> Option<Results> {
        let plan = Plan::new(query);
        let within = plan.narrows(&Plan::new(previous_query)).then(|| {
            let slot_of = &self.keys.slot_of;
            let mut slots: Vec<u32> = previous
                .iter()
                .filter_map(|h| slot_of.get(h.article).copied())
                .collect();
            slots.sort_unstable();
            slots.dedup();
            slots
        });
        self.run(&plan, within.as_deref(), None, cancel)
            .map(|outcome| outcome.results)
    }

    /// Runs a plan over all articles or over the slots `within` (ascending). `prior` is the
    /// previous plan with its tables: a clause equal to a prior one reuses its tables, a clause
    /// that narrows the prior one at the same place only rescans the words the prior one matched.
    fn run(
        &self,
        plan: &Plan,
        within: Option<&[u32]>,
        prior: Option<(&Plan, &[Arc<Tables>])>,
        cancel: &AtomicBool,
    ) -> Option<Outcome> {
        let all = || (0..self.keys.articles.len() as u32).collect::<Vec<u32>>();
        if plan.clauses.is_empty() {
            return Some(Outcome {
                results: self.all_by_recency().into(),
                slots: all(),
                tables: Vec::new(),
            });
        }
        let mut tables: Vec<Arc<Tables>> = Vec::with_capacity(plan.clauses.len());
        for (i, clause) in plan.clauses.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let before = prior.and_then(|(p, t)| Some((p.clauses.get(i)?, t.get(i)?)));
            let table = match before {
                Some((c, t)) if c == clause => t.clone(),
                Some((c, t)) if clause.narrows(c) => Arc::new(self.tables(clause, Some(t))),
                _ => Arc::new(self.tables(clause, None)),
            };
            tables.push(table);
        }
        let within = within.filter(|_| !tables.iter().any(|t| t.any_last_resort()));
        let limit = within.map_or(self.keys.articles.len() / 4, <[u32]>::len);
        let postings = self.postings_candidates(plan, &tables, limit);
        let swept;
        let candidates: &[u32] = match (postings.as_deref(), within) {
            (Some(p), _) => p,
            (None, Some(w)) => w,
            (None, None) => {
                swept = all();
                &swept
            }
        };
        let chunks: Option<Vec<Vec<Scored>>> = candidates
            .par_chunks(CHUNK)
            .map(|chunk| {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                // Sized for the chunk: a broad query keeps most of it, and growing it as it
                // fills reallocates ten times.
                let mut scored = Vec::with_capacity(chunk.len());
                scored.extend(chunk.iter().filter_map(|&slot| {
                    let score = score(&self.keys, slot, plan, &tables)?;
                    Some(Scored { slot, score })
                }));
                Some(scored)
            })
            .collect();
        let chunks = chunks?;
        // Sized once: a flattening collect does not know the total and regrows several times.
        let mut scored: Vec<Scored> = Vec::with_capacity(chunks.iter().map(Vec::len).sum());
        for mut chunk in chunks {
            scored.append(&mut chunk);
        }
        let corpus_index = &self.keys.corpus_index;
        let hits: Arc<[Hit]> = by_score(&scored)
            .iter()
            .map(|s| Hit {
                article: corpus_index[s.slot as usize] as usize,
                score: i64::from(s.score),
            })
            .collect();
        let highlighter = Highlighter(Some(Arc::new(Highlight {
            keys: self.keys.clone(),
            plan: plan.clone(),
            tables: tables.clone(),
        })));
        Some(Outcome {
            results: Results { hits, highlighter },
            slots: scored.iter().map(|s| s.slot).collect(),
            tables,
        })
    }

    /// The slots (ascending) that can satisfy the plan: those holding a word or name matched by
    /// the positive word clause whose matches occur in the fewest articles. `None` when even
    /// those are more than `limit` postings (a sweep is then cheaper) or no clause narrows by
    /// words.
    fn postings_candidates(
        &self,
        plan: &Plan,
        tables: &[Arc<Tables>],
        limit: usize,
    ) -> Option<Vec<u32>> {
        let keys = &self.keys;
        let lists_of = |t: &Tables| -> Vec<&[u32]> {
            let matched_names = t
                .names
                .iter()
                .enumerate()
                .filter(|(_, s)| **s > 0)
                .map(|(e, _)| e as u32);
            t.title_hits
                .iter()
                .map(|&w| keys.word_postings.of(w))
                .chain(matched_names.map(|e| keys.name_postings.of(e)))
                .chain(t.body_hits.iter().map(|&w| self.body.postings(w).0))
                .collect()
        };
        let by_words = |c: &PlannedClause| !c.negated && c.term.as_ref().is_some_and(|t| !t.phrase);
        let lists = plan
            .clauses
            .iter()
            .zip(tables)
            .filter(|(c, _)| by_words(c) || (!c.any.is_empty() && c.any.iter().all(by_words)))
            .map(|(c, t)| {
                if c.any.is_empty() {
                    lists_of(t)
                } else {
                    t.any.iter().flat_map(|t| lists_of(t)).collect()
                }
            })
            .map(|lists| (lists.iter().map(|l| l.len()).sum::<usize>(), lists))
            .min_by_key(|(total, _)| *total);
        let (total, lists) = lists?;
        if total > limit {
            return None;
        }
        let mut slots: Vec<u32> = lists.concat();
        slots.sort_unstable();
        slots.dedup();
        Some(slots)
    }

    fn all_by_recency(&self) -> Vec<Hit> {
        self.keys
            .corpus_index
            .iter()
            .map(|&i| Hit {
                article: i as usize,
                score: 0,
            })
            .collect()
    }

    /// Scores a clause's term against the distinct title words and name words (all of them, or
    /// only those `prior` matched), then every name entry. A free Latin word that meets nothing
    /// is tried again matching consonants alone ([`term::tier::SKELETON_ONLY`]): a last resort,
    /// so it never competes with a real match and never applies to a field filter.
    fn tables(&self, clause: &PlannedClause, prior: Option<&Tables>) -> Tables {
        if !clause.any.is_empty() {
            return Tables {
                any: clause
                    .any
                    .iter()
                    .map(|c| Arc::new(self.tables(c, None)))
                    .collect(),
                ..Tables::default()
            };
        }
        let prior = prior.filter(|p| !p.last_resort);
        let tables = self.tables_with(clause, prior, false);
        let unmatched = tables.title_hits.is_empty()
            && tables.body_hits.is_empty()
            && tables.names.iter().all(|&s| s == 0);
        match &clause.term {
            Some(term) if unmatched && clause.field.is_none() && term.has_last_resort() => {
                let mut tables = self.tables_with(clause, None, true);
                tables.last_resort = true;
                tables
            }
            _ => tables,
        }
    }

    fn tables_with(
        &self,
        clause: &PlannedClause,
        prior: Option<&Tables>,
        last_resort: bool,
    ) -> Tables {
        let Some(term) = &clause.term else {
            return Tables::default();
        };
        let matcher = term.matcher(last_resort);
        let keys = &self.keys;
        let in_titles = matches!(clause.field, None | Some(Field::Title));
        let in_names = !matches!(clause.field, Some(Field::Title | Field::Body));
        let (title_hits, title) = if in_titles && !term.phrase {
            scan(
                &keys.title_vocab,
                term,
                prior.map(|p| p.title_hits.as_slice()),
                |w| matcher.match_word(w),
            )
        } else {
            (Vec::new(), Vec::new())
        };
        let title_scores = dense_scores(
            keys.title_vocab.words.len(),
            &title_hits,
            title.iter().map(|m| m.score),
        );
        let (name_word_hits, name_word_scores) = if term.phrase || !in_names {
            (Vec::new(), Vec::new())
        } else {
            scan(
                &keys.name_vocab,
                term,
                prior.map(|p| p.name_word_hits.as_slice()),
                |w| matcher.match_word(w).map(|m| m.score),
            )
        };
        let name_words = dense_scores(
            keys.name_vocab.words.len(),
            &name_word_hits,
            name_word_scores.into_iter(),
        );
        let names = keys
            .names
            .par_iter()
            .map(|entry| {
                let covered = match clause.field {
                    // Free text finds what an article is about, not who published it.
                    None => entry.kind != NameKind::Publisher,
                    Some(f) => field_covers(f, entry.kind),
                };
                if !covered {
                    return 0;
                }
                let form_score = |form: &keys::NameForm| {
                    if term.phrase {
                        term.match_phrase(&form.key).map_or(0, |m| m.score)
                    } else {
                        form.words
                            .iter()
                            .map(|&w| name_words[w as usize])
                            .max()
                            .unwrap_or(0)
                    }
                };
                entry.forms.iter().map(form_score).max().unwrap_or(0)
            })
            .collect();
        let in_bodies = matches!(clause.field, None | Some(Field::Body)) && term.searches_bodies();
        let (body_hits, body) = if !in_bodies || last_resort {
            (Vec::new(), Vec::new())
        } else if term.phrase {
            self.body_phrase(term)
        } else {
            self.body_word(term, &matcher, prior.map(|p| p.body_hits.as_slice()))
        };
        Tables {
            title_scores,
            title,
            title_hits,
            name_word_hits,
            names,
            body_hits,
            body,
            any: Vec::new(),
            last_resort: false,
        }
    }

    /// The body words `term` matches (ids ascending), and each slot's body score (empty when
    /// none). Loose tiers (infix, fuzzy, consonants alone) are left out: over the whole text of
    /// every article they find words that are not there.
    fn body_word(
        &self,
        term: &PreparedTerm,
        matcher: &term::TermMatcher,
        prior: Option<&[u32]>,
    ) -> (Vec<u32>, Vec<u8>) {
        let body = &self.body;
        let (hits, tiers) = scan(&body.vocab, term, prior, |w| {
            matcher
                .match_word(w)
                .map(|m| m.score)
                .filter(|&s| s >= term::tier::SKELETON_PREFIX)
        });
        let mut scores = Vec::new();
        if !hits.is_empty() {
            scores = vec![0u8; self.keys.articles.len()];
            for (&w, &tier) in hits.iter().zip(&tiers) {
                let (slots, counts) = body.postings(w);
                for (&slot, &count) in slots.iter().zip(counts) {
                    let weight = body.weight(slot, count, slots.len(), tier);
                    let at = &mut scores[slot as usize];
                    *at = (*at).max(weight);
                }
            }
        }
        (hits, scores)
    }

    /// A phrase holds in a body when its words occur there one after the other: each word but
    /// the last exactly, the last exactly or with a case ending (as in titles). The articles
    /// holding every word are found through the postings, then checked against the body's words
    /// in order. The score is that of its rarest-scoring word.
    fn body_phrase(&self, term: &PreparedTerm) -> (Vec<u32>, Vec<u8>) {
        let body = &self.body;
        let words: Vec<&str> = term.key.split_whitespace().collect();
        let mut all: Option<Vec<u8>> = None;
        let mut every_hit = Vec::new();
        let mut sequence: Vec<rustc_hash::FxHashSet<u32>> = Vec::with_capacity(words.len());
        for (i, word) in words.iter().enumerate() {
            let floor = if i + 1 == words.len() {
                term::tier::INFLECTED
            } else {
                term::tier::EXACT
            };
            let word = PreparedTerm::new(word, false, false);
            let matcher = word.matcher(false);
            let (hits, _) = scan(&body.vocab, &word, None, |w| {
                matcher
                    .match_word(w)
                    .map(|m| m.score)
                    .filter(|&s| s >= floor)
            });
            let (_, scores) = self.body_word(&word, &matcher, Some(&hits));
            sequence.push(hits.iter().filter_map(|&w| body.number(w)).collect());
            every_hit.extend(hits);
            all = Some(match all {
                None => scores,
                Some(before) if scores.is_empty() => vec![0; before.len()],
                Some(before) => before
                    .iter()
                    .zip(&scores)
                    .map(|(&a, &b)| if a == 0 || b == 0 { 0 } else { a.min(b) })
                    .collect(),
            });
        }
        if let Some(scores) = &mut all
            && sequence.len() > 1
        {
            scores.par_chunks_mut(CHUNK).enumerate().for_each_init(
                Vec::new,
                |scratch, (chunk, scores)| {
                    for (i, score) in scores.iter_mut().enumerate() {
                        let slot = (chunk * CHUNK + i) as u32;
                        if *score > 0 && !body.holds_sequence(slot, &sequence, scratch) {
                            *score = 0;
                        }
                    }
                },
            );
        }
        every_hit.sort_unstable();
        every_hit.dedup();
        match all {
            Some(scores) if scores.iter().any(|&s| s > 0) => (every_hit, scores),
            _ => (Vec::new(), Vec::new()),
        }
    }
}

/// How `clause` meets the article in `slot`.
fn clause_match(keys: &Keys, slot: u32, clause: &PlannedClause, t: &Tables) -> ClauseMatch {
    if !clause.any.is_empty() {
        return clause
            .any
            .iter()
            .zip(&t.any)
            .map(|(c, t)| {
                let m = clause_match(keys, slot, c, t);
                ClauseMatch {
                    holds: m.holds != c.negated,
                    ..m
                }
            })
            .filter(|m| m.holds)
            .max_by_key(|m| 2 * u32::from(m.title) + u32::from(m.names) + u32::from(m.body))
            .unwrap_or_default();
    }
    let Some(term) = &clause.term else {
        let day = keys.articles[slot as usize].day;
        let holds = clause
            .date
            .is_some_and(|span| day.is_some_and(|d| span.contains(d)));
        return ClauseMatch {
            holds,
            ..ClauseMatch::default()
        };
    };
    let (title, phrase_at) = if !matches!(clause.field, None | Some(Field::Title)) {
        (0, None)
    } else if term.phrase {
        term.match_phrase(&keys.articles[slot as usize].title_key)
            .map_or((0, None), |m| (m.score, Some(m)))
    } else {
        let words = keys.words_of(slot);
        let best = words.iter().map(|&w| t.title_scores[w as usize]).max();
        (best.unwrap_or(0), None)
    };
    let names = keys
        .names_in(slot)
        .iter()
        .map(|n| t.names[n.entry as usize])
        .max()
        .unwrap_or(0);
    let body = t.body.get(slot as usize).copied().unwrap_or(0);
    ClauseMatch {
        holds: title > 0 || names > 0 || body > 0,
        title,
        names,
        body,
        phrase_at,
    }
}

/// The score of the article in `slot`, or `None` when it does not match.
fn score(keys: &Keys, slot: u32, plan: &Plan, tables: &[Arc<Tables>]) -> Option<u32> {
    let mut score = 0u32;
    for (clause, t) in plan.clauses.iter().zip(tables) {
        let m = clause_match(keys, slot, clause, t);
        if m.holds == clause.negated {
            return None;
        }
        if !clause.negated {
            score = score
                .saturating_add(2 * u32::from(m.title) + u32::from(m.names) + u32::from(m.body));
        }
    }
    Some(score)
}

/// Highlights of the article in `slot` for `plan`: what each positive clause matched.
fn title_ranges(keys: &Keys, slot: u32, plan: &Plan, tables: &[Arc<Tables>]) -> TitleRanges {
    let a = &keys.articles[slot as usize];
    let mut ranges = TitleRanges::new();
    for (clause, t) in plan.clauses.iter().zip(tables) {
        clause_title_ranges(keys, slot, clause, t, &mut ranges);
    }
    widen_and_merge(a, &mut ranges);
    ranges
}

/// What one positive clause (or each alternative of one) matched in the title.
fn clause_title_ranges(
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

/// A matching article by slot, with its score.
#[derive(Clone, Copy, Debug, Default)]
struct Scored {
    slot: u32,
    score: u32,
}

/// How one clause met one article: the best title word and name scores (0 = none), where a
/// phrase occurs in the title key, and whether the clause holds (before negation).
#[derive(Clone, Copy, Debug, Default)]
struct ClauseMatch {
    holds: bool,
    title: u8,
    names: u8,
    /// Body score, 1 to `body::BODY_MAX`: below every title or name match.
    body: u8,
    phrase_at: Option<WordMatch>,
}

/// A finished search: its results, the slots of its hits in ascending order (where a narrower
/// query searches next), and the per-clause tables.
struct Outcome {
    results: Results,
    slots: Vec<u32>,
    tables: Vec<Arc<Tables>>,
}

/// `scored`, in slot (recency) order, reordered best score first; a stable bucketing by score,
/// so equal scores stay newest first. Linear: scores are small sums of per-clause tiers.
fn by_score(scored: &[Scored]) -> Vec<Scored> {
    let max = scored.iter().map(|s| s.score).max().unwrap_or(0) as usize;
    if max > 4 * scored.len() + 4096 {
        let mut sorted = scored.to_vec();
        sorted.sort_by_key(|s| std::cmp::Reverse(s.score));
        return sorted;
    }
    // Bucket b holds score max - b; `starts[b]` is where it begins in the output.
    let mut starts = vec![0usize; max + 2];
    for s in scored {
        starts[max - s.score as usize + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut out = vec![Scored::default(); scored.len()];
    for s in scored {
        let b = max - s.score as usize;
        out[starts[b]] = *s;
        starts[b] += 1;
    }
    out
}

/// Scores the words of `vocab` that `term` may match with `f`, in parallel; returns the ids that
/// matched, ascending, and their matches. `only`, when given, are the words an earlier, shorter
/// term matched: a superset of this term's matches, like the lookup's candidates, so whichever of
/// the two is smaller is scanned (one letter matches a fifth of a vocabulary; two letters, a
/// hundredth). Sparse: a dense table of matches for a vocabulary of 200,000 words was a
/// fresh 2 MB to fault in and fill on every keystroke, for the few drawn rows that read it.
fn scan<T, F>(vocab: &Vocab, term: &PreparedTerm, only: Option<&[u32]>, f: F) -> (Vec<u32>, Vec<T>)
where
    T: Send,
    F: Fn(&Word) -> Option<T> + Sync,
{
    let candidates;
    let ids = match only {
        Some(ids) if ids.len() <= vocab.words.len() / 16 => ids,
        _ => {
            candidates = vocab.lookup.candidates(term);
            match only {
                Some(ids) if ids.len() < candidates.len() => ids,
                _ => &candidates,
            }
        }
    };
    let found: Vec<(u32, T)> = ids
        .par_iter()
        .filter_map(|&i| f(&vocab.words[i as usize]).map(|m| (i, m)))
        .collect();
    found.into_iter().unzip()
}

/// A table of scores by word id, 0 where the term did not match: read for every word of every
/// article, so one byte per word to stay in cache.
fn dense_scores(words: usize, ids: &[u32], scores: impl Iterator<Item = u8>) -> Vec<u8> {
    let mut dense = vec![0; words];
    for (&i, score) in ids.iter().zip(scores) {
        dense[i as usize] = score;
    }
    dense
}

fn field_covers(field: Field, kind: NameKind) -> bool {
    matches!(
        (field, kind),
        (Field::Source, NameKind::Outlet)
            | (Field::Publisher, NameKind::Publisher)
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
fn widen_and_merge(a: &ArticleKeys, ranges: &mut TitleRanges) {
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

/// Per clause, the term's match against every title word (by vocabulary id) and every name
/// entry (best tier over its forms; 0 = no match or wrong kind for the field).
#[derive(Debug, Default)]
struct Tables {
    /// The score of each title word (by vocabulary id), 0 for none.
    title_scores: Vec<u8>,
    /// Title-vocabulary ids with a match, ascending: what a narrower term needs to rescan.
    title_hits: Vec<u32>,
    /// The match of each of `title_hits`, for highlights.
    title: Vec<WordMatch>,
    name_word_hits: Vec<u32>,
    names: Vec<u8>,
    /// Body-vocabulary ids with a match, ascending.
    body_hits: Vec<u32>,
    /// Body score by slot (empty: no body matched).
    body: Vec<u8>,
    /// The tables of each alternative of `a | b`.
    any: Vec<Arc<Tables>>,
    /// Matched by consonants alone: wider than a narrower term's real matches, so a search
    /// with such a table is not confined to an earlier search's hits.
    last_resort: bool,
}

impl Tables {
    /// True when this clause, or one of its alternatives, matched by consonants alone.
    fn any_last_resort(&self) -> bool {
        self.last_resort || self.any.iter().any(|t| t.any_last_resort())
    }

    /// Where the term matched title word `word`.
    fn title_match(&self, word: u32) -> Option<WordMatch> {
        let i = self.title_hits.binary_search(&word).ok()?;
        self.title.get(i).copied()
    }
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
    /// `None` for a date clause and for alternatives.
    term: Option<PreparedTerm>,
    date: Option<DateSpan>,
    /// `a | b`: holds when one of these holds.
    any: Vec<PlannedClause>,
}

impl Plan {
    fn new(query: &Query) -> Plan {
        Plan {
            clauses: query.clauses.iter().map(PlannedClause::new).collect(),
        }
    }

    /// The terms of the positive clauses that look at bodies; a phrase as its words.
    fn body_terms(&self) -> Vec<PreparedTerm> {
        self.clauses
            .iter()
            .flat_map(|c| {
                if c.any.is_empty() {
                    std::slice::from_ref(c)
                } else {
                    &c.any
                }
            })
            .filter(|c| !c.negated && matches!(c.field, None | Some(Field::Body)))
            .filter_map(|c| c.term.as_ref())
            .filter(|t| t.searches_bodies())
            .flat_map(|t| {
                if t.phrase {
                    t.key
                        .split_whitespace()
                        .map(|w| PreparedTerm::new(w, false, false))
                        .collect()
                } else {
                    vec![t.clone()]
                }
            })
            .collect()
    }

    /// True when every article this plan matches is matched by `earlier` too: each earlier
    /// clause is still there (in order), exclusions and dates unchanged, terms only grown.
    fn narrows(&self, earlier: &Plan) -> bool {
        earlier.clauses.len() <= self.clauses.len()
            && earlier
                .clauses
                .iter()
                .zip(&self.clauses)
                .all(|(e, n)| n.narrows(e))
    }
}

impl PlannedClause {
    /// True when this clause holds only where `earlier` holds (and so matches a subset of the
    /// words `earlier` matched).
    fn new(c: &Clause) -> PlannedClause {
        // Loose (fuzzy) matching only for positive free text: in a filter or an exclusion a
        // near miss is a wrong answer.
        let fuzzy = !c.negated;
        let prepare = |t: &Term, fuzzy| {
            let term = PreparedTerm::new(&t.text, t.phrase, fuzzy);
            if t.exact { term.exactly() } else { term }
        };
        let (field, term, date, any) = match &c.kind {
            ClauseKind::Text(t) => (None, Some(prepare(t, fuzzy)), None, Vec::new()),
            ClauseKind::Field(f, t) => (Some(*f), Some(prepare(t, false)), None, Vec::new()),
            ClauseKind::Date(d) => (None, None, Some(*d), Vec::new()),
            ClauseKind::Any(all) => (None, None, None, all.iter().map(Self::new).collect()),
        };
        PlannedClause {
            negated: c.negated,
            field,
            term,
            date,
            any,
        }
    }

    fn narrows(&self, earlier: &PlannedClause) -> bool {
        self.negated == earlier.negated
            && self.field == earlier.field
            && self.date == earlier.date
            && self.any.len() == earlier.any.len()
            && self.any.iter().zip(&earlier.any).all(|(a, b)| a.narrows(b))
            && match (&self.term, &earlier.term) {
                (Some(now), Some(before)) if self.negated => now == before,
                (Some(now), Some(before)) => now.narrows(before),
                (None, None) => true,
                _ => false,
            }
    }
}

/// Live filtering state for a UI: remembers the last query, its hits and its per-word tables, so
/// that typing more refines instead of starting over. Keep one per filter input, on the worker
/// thread that runs the searches.
#[derive(Debug, Default)]
pub struct LiveSearch {
    last: Option<Last>,
}

#[derive(Debug)]
struct Last {
    plan: Plan,
    results: Results,
    /// Slots of `hits`, ascending.
    slots: Vec<u32>,
    tables: Vec<Arc<Tables>>,
}

impl LiveSearch {
    pub fn new() -> Self {
        Self::default()
    }

    /// Results for `text`, or `None` when `cancel` was set before the search finished (the state
    /// is then unchanged, so the next call still refines from the last finished search).
    pub fn run(&mut self, index: &SearchIndex, text: &str, cancel: &AtomicBool) -> Option<Results> {
        let plan = Plan::new(&Query::parse(text));
        if let Some(last) = &self.last
            && last.plan == plan
        {
            return Some(last.results.clone());
        }
        let (within, prior) = match &self.last {
            Some(last) => (
                plan.narrows(&last.plan).then_some(last.slots.as_slice()),
                Some((&last.plan, last.tables.as_slice())),
            ),
            None => (None, None),
        };
        let outcome = index.run(&plan, within, prior, cancel)?;
        let replaced = self.last.replace(Last {
            plan,
            results: outcome.results.clone(),
            slots: outcome.slots,
            tables: outcome.tables,
        });
        // Freeing a broad result (100k hits, their slots and word tables) takes a while: do it
        // off the keystroke's path.
        if let Some(old) = replaced {
            rayon::spawn(move || drop(old));
        }
        Some(outcome.results)
    }

    /// Forgets the last search (e.g. after the corpus changed).
    pub fn reset(&mut self) {
        self.last = None;
    }
}

#[cfg(test)]
mod tests;
