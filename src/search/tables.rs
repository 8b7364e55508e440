//! A clause's tables: how its term matches every distinct title word, name word and body
//! word, and so every name entry and every body (exact body phrases checked against the words
//! in order). Computed once per clause and reused while the user types more.

use std::sync::Arc;

use rayon::prelude::*;

use super::keys::{self, NameKind, Vocab};
use super::plan::PlannedClause;
use super::term::{self, PreparedTerm, Word, WordMatch};
use super::{CHUNK, Field, SearchIndex};

impl SearchIndex {
    /// Scores a clause's term against the distinct title words and name words (all of them, or
    /// only those `prior` matched), then every name entry. A free Latin word that meets nothing
    /// is tried again matching consonants alone ([`term::tier::SKELETON_ONLY`]): a last resort,
    /// so it never competes with a real match and never applies to a field filter.
    pub(super) fn tables(&self, clause: &PlannedClause, prior: Option<&Tables>) -> Tables {
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

    /// Long because the three scans (titles, names, bodies) and their field conditions read together.
    pub(super) fn tables_with(
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
    pub(super) fn body_word(
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
    pub(super) fn body_phrase(&self, term: &PreparedTerm) -> (Vec<u32>, Vec<u8>) {
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

/// Scores the words of `vocab` that `term` may match with `f`, in parallel; returns the ids that
/// matched, ascending, and their matches. `only`, when given, are the words an earlier, shorter
/// term matched: a superset of this term's matches, like the lookup's candidates, so whichever of
/// the two is smaller is scanned (one letter matches a fifth of a vocabulary; two letters, a
/// hundredth). Sparse: a dense table of matches for a vocabulary of 200,000 words was a
/// fresh 2 MB to fault in and fill on every keystroke, for the few drawn rows that read it.
pub(super) fn scan<T, F>(
    vocab: &Vocab,
    term: &PreparedTerm,
    only: Option<&[u32]>,
    f: F,
) -> (Vec<u32>, Vec<T>)
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
pub(super) fn dense_scores(words: usize, ids: &[u32], scores: impl Iterator<Item = u8>) -> Vec<u8> {
    let mut dense = vec![0; words];
    for (&i, score) in ids.iter().zip(scores) {
        dense[i as usize] = score;
    }
    dense
}

pub(super) fn field_covers(field: Field, kind: NameKind) -> bool {
    matches!(
        (field, kind),
        (Field::Source, NameKind::Outlet)
            | (Field::Publisher, NameKind::Publisher)
            | (Field::Person, NameKind::Person)
            | (Field::Place, NameKind::Place)
            | (Field::Org, NameKind::Org | NameKind::Media)
    )
}

/// Per clause, the term's match against every title word (by vocabulary id) and every name
/// entry (best tier over its forms; 0 = no match or wrong kind for the field).
#[derive(Debug, Default)]
pub(super) struct Tables {
    /// The score of each title word (by vocabulary id), 0 for none.
    pub(super) title_scores: Vec<u8>,
    /// Title-vocabulary ids with a match, ascending: what a narrower term needs to rescan.
    pub(super) title_hits: Vec<u32>,
    /// The match of each of `title_hits`, for highlights.
    pub(super) title: Vec<WordMatch>,
    pub(super) name_word_hits: Vec<u32>,
    pub(super) names: Vec<u8>,
    /// Body-vocabulary ids with a match, ascending.
    pub(super) body_hits: Vec<u32>,
    /// Body score by slot (empty: no body matched).
    pub(super) body: Vec<u8>,
    /// The tables of each alternative of `a | b`.
    pub(super) any: Vec<Arc<Tables>>,
    /// Matched by consonants alone: wider than a narrower term's real matches, so a search
    /// with such a table is not confined to an earlier search's hits.
    pub(super) last_resort: bool,
}

impl Tables {
    /// True when this clause, or one of its alternatives, matched by consonants alone.
    pub(super) fn any_last_resort(&self) -> bool {
        self.last_resort || self.any.iter().any(|t| t.any_last_resort())
    }

    /// Where the term matched title word `word`.
    pub(super) fn title_match(&self, word: u32) -> Option<WordMatch> {
        let i = self.title_hits.binary_search(&word).ok()?;
        self.title.get(i).copied()
    }
}
