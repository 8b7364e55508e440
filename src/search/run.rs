//! Running a planned query: a table per clause, the candidate articles (through postings when
//! one clause is selective), every candidate scored in parallel chunks, and the hits ranked.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::keys::Keys;
use super::plan::{Plan, PlannedClause};
use super::results::{Highlight, Highlighter};
use super::tables::Tables;
use super::term::WordMatch;
use super::{CHUNK, Field, Hit, Results, SearchIndex};

impl SearchIndex {
    /// Runs a plan over all articles or over the slots `within` (ascending). `prior` is the
    /// previous plan with its tables: a clause equal to a prior one reuses its tables, a clause
    /// that narrows the prior one at the same place only rescans the words the prior one matched.
    ///
    /// Long because reuse, candidates, scoring and ranking feed each other, with cancellation checks between.
    pub(super) fn run(
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
    pub(super) fn postings_candidates(
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

    pub(super) fn all_by_recency(&self) -> Vec<Hit> {
        self.keys
            .corpus_index
            .iter()
            .map(|&i| Hit {
                article: i as usize,
                score: 0,
            })
            .collect()
    }
}

/// How `clause` meets the article in `slot`.
pub(super) fn clause_match(
    keys: &Keys,
    slot: u32,
    clause: &PlannedClause,
    t: &Tables,
) -> ClauseMatch {
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
pub(super) fn score(keys: &Keys, slot: u32, plan: &Plan, tables: &[Arc<Tables>]) -> Option<u32> {
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

/// A matching article by slot, with its score.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Scored {
    pub(super) slot: u32,
    pub(super) score: u32,
}

/// How one clause met one article: the best title word and name scores (0 = none), where a
/// phrase occurs in the title key, and whether the clause holds (before negation).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct ClauseMatch {
    pub(super) holds: bool,
    pub(super) title: u8,
    pub(super) names: u8,
    /// Body score, 1 to `body::BODY_MAX`: below every title or name match.
    pub(super) body: u8,
    pub(super) phrase_at: Option<WordMatch>,
}

/// A finished search: its results, the slots of its hits in ascending order (where a narrower
/// query searches next), and the per-clause tables.
pub(super) struct Outcome {
    pub(super) results: Results,
    pub(super) slots: Vec<u32>,
    pub(super) tables: Vec<Arc<Tables>>,
}

/// `scored`, in slot (recency) order, reordered best score first; a stable bucketing by score,
/// so equal scores stay newest first. Linear: scores are small sums of per-clause tiers.
pub(super) fn by_score(scored: &[Scored]) -> Vec<Scored> {
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
