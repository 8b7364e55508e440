//! Entities (people, places, organisations, media) and alias resolution.
//!
//! Per article: every block is tokenised once; the gazetteer claims the longest known names
//! (the last word may carry a case suffix); context rules then look for unknown names around
//! titles, reporting verbs and place words; within the article, the last word of a multi-word
//! person name becomes an alias for later bare mentions (`জন কিরবি` … `কিরবি`), and Latin glosses
//! in parentheses become aliases of the name before them. Spans cover each mention as written,
//! suffix included (`রাশিয়ার` whole), so the reader highlights whole words.

mod aliases;
mod context;
mod facets;
pub mod gazetteer;
mod heads;
mod lone;
pub mod model;
mod names;
mod resolve;

use rustc_hash::FxHashSet as HashSet;

use crate::article::{Article, Block, Entity, EntityKind, Span};
use crate::ingest::outlets::OutletTable;
use crate::text::key::match_key;
use crate::text::suffix;
use crate::text::token::{Token, tokenize};
use context::ContextRules;
use gazetteer::{Form, Gazetteer};
use heads::{Heads, Slot};
use lone::LoneRules;
use resolve::{Mention, Target};

pub(crate) use facets::{Facet, facets};
pub use resolve::kind_name;

/// Holds the gazetteer and rules; built once, shared across threads (`Send + Sync`).
#[derive(Debug)]
pub struct Extractor {
    gazetteer: Gazetteer,
    rules: ContextRules,
    heads: Heads,
    lone: LoneRules,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

/// One block of an article with its tokens and which tokens a mention already claims.
struct BlockTokens<'a, 't> {
    block: Block,
    text: &'a str,
    tokens: &'t [Token<'a>],
    covered: Vec<bool>,
    /// Tokens of known people's names (the gazetteer's persons).
    person: Vec<bool>,
    /// Tokens of known places' names: the mention's index, the name's first token and whether
    /// the name is inflected (`ঢাকার এভারকেয়ার হাসপাতাল`: then it is no part of the next name,
    /// save a ministry's country).
    place_from: Vec<Option<(usize, usize, bool)>>,
    /// Tokens of known people's names written without an ending: the mention's index and the
    /// name's first token (`জিয়াউর রহমান মেডিকেল কলেজ`: the person becomes part of the name).
    person_from: Vec<Option<(usize, usize)>>,
}

impl Extractor {
    /// Loads the embedded gazetteer from `assets/`.
    ///
    /// # Panics
    /// When an embedded asset does not parse: the assets are compiled into the binary and checked
    /// by the test suite, so this is a build defect, not a runtime condition.
    pub fn new() -> Self {
        let gazetteer = Gazetteer::embedded().unwrap_or_else(|e| panic!("embedded gazetteer: {e}"));
        let rules =
            ContextRules::embedded().unwrap_or_else(|e| panic!("embedded context rules: {e}"));
        let heads = Heads::embedded().unwrap_or_else(|e| panic!("embedded head nouns: {e}"));
        let lone = LoneRules::embedded().unwrap_or_else(|e| panic!("embedded lone names: {e}"));
        Self {
            gazetteer,
            rules,
            heads,
            lone,
        }
    }

    /// Entities mentioned in one article, most mentioned first.
    ///
    /// Long because it lists the extraction stages in the order they run over the shared block tokens.
    pub fn extract(&self, article: &Article) -> Vec<Entity> {
        let texts: Vec<(Block, &str)> = std::iter::once((Block::Title, article.title.as_str()))
            .chain(
                article
                    .body
                    .iter()
                    .enumerate()
                    .map(|(i, b)| (Block::Body(i), b.as_str())),
            )
            .collect();
        let token_lists: Vec<Vec<Token<'_>>> =
            texts.iter().map(|(_, text)| tokenize(text)).collect();
        let mut blocks: Vec<BlockTokens<'_, '_>> = texts
            .iter()
            .zip(&token_lists)
            .map(|(&(block, text), tokens)| BlockTokens {
                block,
                text,
                tokens,
                covered: vec![false; tokens.len()],
                person: vec![false; tokens.len()],
                place_from: vec![None; tokens.len()],
                person_from: vec![None; tokens.len()],
            })
            .collect();
        let mut mentions = Vec::new();
        let mut absorbed = Vec::new();
        for b in &mut blocks {
            outlet_names(article, b, &mut mentions);
            self.known_names(b, &mut mentions);
            self.head_names(b, &mut mentions, &mut absorbed);
        }
        if !absorbed.is_empty() {
            absorbed.sort_unstable();
            absorbed.dedup();
            let mut k = 0;
            let mut n = 0;
            mentions.retain(|_| {
                let keep = absorbed.get(k) != Some(&n);
                if !keep {
                    k += 1;
                }
                n += 1;
                keep
            });
        }
        let bare: HashSet<&str> = token_lists
            .iter()
            .flat_map(|tokens| tokens.iter().map(|t| t.key.as_str()))
            .collect();
        let mut found = Vec::new();
        for (bi, b) in blocks.iter().enumerate() {
            let base = found.len();
            for mut f in self
                .rules
                .find(b.text, b.tokens, &b.covered, &b.person, &bare, &|t| {
                    self.heads.describes(t)
                })
            {
                f.alias_of = f.alias_of.map(|k| base + k);
                found.push((bi, f));
            }
        }
        let mut targets: Vec<Target> = Vec::with_capacity(found.len());
        for (bi, f) in found {
            let b = &mut blocks[bi];
            let (span, surface) = mention_text(b, f.tokens.clone(), f.last_chars);
            for j in f.tokens.clone() {
                b.covered[j] = true;
            }
            let target = match f.alias_of.and_then(|k| targets.get(k)) {
                Some(t) => t.clone(),
                None => Target::Found(f.kind, gazetteer::form_key(&surface)),
            };
            targets.push(target.clone());
            mentions.push(Mention {
                target,
                form: Form::Name,
                span,
                surface,
                gloss: None,
            });
        }
        for b in &mut blocks {
            model_names(&self.gazetteer, &self.rules, &bare, b, &mut mentions);
            for f in self.rules.addressed_names(b.tokens, &b.covered, &bare) {
                mentions.push(found_name(b, f.kind, f.tokens, f.last_chars));
            }
        }
        aliases::merge_person_aliases(&self.rules, &mut blocks, &mut mentions);
        aliases::latin_glosses(&blocks, &mut mentions);
        lone::drop_generic(&self.lone, &self.rules, &mut mentions);
        lone::settle(
            &self.lone,
            &self.rules,
            &self.gazetteer.entries,
            &mut mentions,
        );
        resolve::entities(mentions, &self.gazetteer.entries, &|w| {
            self.rules.given_name(&match_key(w))
        })
    }

    /// Gazetteer names in one block, left to right, each claiming its tokens.
    ///
    /// Long because the exceptions to a plain hit (a local name only before an administrative
    /// word, a known person inside a longer name, a district's sadar upazila) each decide how
    /// the one hit is recorded.
    fn known_names(&self, b: &mut BlockTokens<'_, '_>, mentions: &mut Vec<Mention>) {
        let mut i = 0;
        while i < b.tokens.len() {
            if b.covered[i] {
                i += 1;
                continue;
            }
            let Some(hit) = self
                .gazetteer
                .match_at(b.tokens, i)
                .filter(|h| !h.tokens.clone().any(|j| b.covered[j]))
            else {
                i += 1;
                continue;
            };
            // `তালা উপজেলার`: a local name counts only before an administrative word, and then
            // as the place's name.
            let form = match hit.form {
                Form::Local
                    if hit.stripped
                        || !b
                            .tokens
                            .get(hit.tokens.end)
                            .is_some_and(|n| n.adjacent && self.rules.admin_word(n)) =>
                {
                    i += 1;
                    continue;
                }
                Form::Local => Form::Name,
                f => f,
            };
            let kind = self.gazetteer.entries[hit.entry].kind;
            // `আবু সাঈদ খান` is not `আবু সাঈদ`: a known person's name followed by another name word
            // is someone else's longer name, left to the context rules.
            if kind == EntityKind::Person
                && !hit.stripped
                && b.tokens.get(hit.tokens.end).is_some_and(|n| {
                    n.adjacent
                        && !b.covered[hit.tokens.end]
                        && self.rules.name_part(n)
                        && self.rules.nameish(n, false)
                })
            {
                i += 1;
                continue;
            }
            // `ফেনী সদর উপজেলার`: the district's sadar upazila is a place of its own, `ফেনী সদর`.
            let sadar = kind == EntityKind::Place
                && !hit.stripped
                && b.tokens
                    .get(hit.tokens.end)
                    .is_some_and(|n| n.adjacent && n.key == "সদর")
                && b.tokens
                    .get(hit.tokens.end + 1)
                    .is_some_and(|n| n.adjacent && self.rules.admin_word(n));
            let (tokens, last_chars) = if sadar {
                let end = hit.tokens.end + 1;
                (hit.tokens.start..end, b.tokens[end - 1].key.chars().count())
            } else {
                (hit.tokens.clone(), hit.last_chars)
            };
            let (span, surface) = mention_text(b, tokens.clone(), last_chars);
            for j in tokens.clone() {
                b.covered[j] = true;
                b.person[j] = kind == EntityKind::Person;
                if kind == EntityKind::Place {
                    b.place_from[j] = Some((mentions.len(), tokens.start, hit.stripped));
                }
                if kind == EntityKind::Person && !hit.stripped {
                    b.person_from[j] = Some((mentions.len(), tokens.start));
                }
            }
            i = tokens.end;
            let target = if sadar {
                Target::Found(EntityKind::Place, gazetteer::form_key(&surface))
            } else {
                Target::Known(hit.entry)
            };
            mentions.push(Mention {
                target,
                form,
                span,
                surface,
                gloss: None,
            });
        }
    }
}

impl Extractor {
    /// Institutions and named places by their head noun (`কুতুবদিয়া থানা`); a known place right
    /// before the head becomes part of the name, its own mention `absorbed`.
    fn head_names(
        &self,
        b: &mut BlockTokens<'_, '_>,
        mentions: &mut Vec<Mention>,
        absorbed: &mut Vec<usize>,
    ) {
        let found = self.heads.find(&self.rules, b.tokens, |j| {
            match (b.covered[j], b.place_from[j]) {
                (false, _) => Slot::Free,
                (true, Some((_, from, false))) => Slot::PlaceFrom(from),
                (true, Some((_, from, true))) => Slot::InflectedPlaceFrom(from),
                (true, None) => match b.person_from[j] {
                    Some((_, from)) => Slot::PersonFrom(from),
                    None => Slot::Taken,
                },
            }
        });
        for h in found {
            absorbed.extend(h.places.iter().filter_map(|&p| {
                b.place_from[p]
                    .map(|(m, _, _)| m)
                    .or(b.person_from[p].map(|(m, _)| m))
            }));
            let (span, surface) = mention_text(b, h.tokens.clone(), h.last_chars);
            for j in h.tokens.clone() {
                b.covered[j] = true;
                b.place_from[j] = None;
            }
            mentions.push(Mention {
                target: Target::Found(h.kind, gazetteer::form_key(&surface)),
                form: Form::Name,
                span,
                surface,
                gloss: None,
            });
        }
    }
}

/// News outlets named in a block, from the shared outlet table (`assets/outlets.toml`), claimed
/// before the gazetteer so `নিউইয়র্ক টাইমস` is an outlet, not New York. A spelling that is also
/// an ordinary word (`তাস`, cards) counts only when ingest found the outlet credited or cited, or a
/// Latin gloss confirms it.
fn outlet_names(article: &Article, b: &mut BlockTokens<'_, '_>, mentions: &mut Vec<Mention>) {
    let table = OutletTable::embedded();
    for m in table.find(b.text) {
        let named = |n: &str| n == m.outlet.name;
        let confirmed = !m.ambiguous
            || article.sources.iter().any(|s| named(&s.name))
            || article.cited_media.iter().any(|c| named(&c.name));
        if !confirmed {
            continue;
        }
        for (j, t) in b.tokens.iter().enumerate() {
            if t.range.start >= m.range.start && t.range.end <= m.end {
                b.covered[j] = true;
            }
        }
        let surface = b.text[m.range.clone()].to_string();
        mentions.push(Mention {
            target: Target::Outlet(m.outlet.name.clone()),
            form: Form::Name,
            span: Span {
                block: b.block,
                range: m.range.start..m.end,
            },
            surface,
            gloss: None,
        });
    }
}

/// Names the learned tagger proposes over tokens nothing else claimed, when it is confident; a
/// first or last word the context rules know as no name (`পশ্চিমা`) is left out.
fn model_names(
    gazetteer: &Gazetteer,
    rules: &ContextRules,
    bare: &HashSet<&str>,
    b: &mut BlockTokens<'_, '_>,
    mentions: &mut Vec<Mention>,
) {
    let sentence = model::Sentence::new(b.text, b.tokens, gazetteer);
    let proposals = model::Model::embedded().names(&sentence);
    let nameish = |t: &Token<'_>| {
        t.text.starts_with(|c: char| c.is_ascii_alphabetic()) || rules.nameish(t, false)
    };
    for mut p in proposals {
        while !p.tokens.is_empty()
            && (!nameish(&b.tokens[p.tokens.start])
                || (p.tokens.len() > 1 && rules.locative_lead(&b.tokens[p.tokens.start])))
        {
            p.tokens.start += 1;
        }
        while !p.tokens.is_empty() && !nameish(&b.tokens[p.tokens.end - 1]) {
            p.tokens.end -= 1;
        }
        // `প্রদীপ কুমার সাহা`: a common word before a middle name is the given name.
        if p.tokens.start > 0
            && p.kind == EntityKind::Person
            && rules.given_before_middle(b.tokens, &b.covered, p.tokens.start - 1)
        {
            p.tokens.start -= 1;
        }
        // `রহমানের নেতৃত্বেই`: a word with a case ending is the last word of its name.
        if let Some(k) = p.tokens.clone().find(|&k| rules.ends_name(&b.tokens[k])) {
            p.tokens.end = k + 1;
        }
        // `দীপংকর দত্তর এজলাসে`: a word in the locative after the first goes on past the name.
        if let Some(k) =
            (p.tokens.start + 1..p.tokens.end).find(|&k| rules.locative_lead(&b.tokens[k]))
        {
            p.tokens.end = k;
        }
        if p.tokens.is_empty() || p.tokens.clone().any(|j| b.covered[j]) {
            continue;
        }
        let last = &b.tokens[p.tokens.end - 1];
        let chars = rules.name_chars(last, p.kind, bare, false);
        if plural_of_people(rules, last, chars) {
            continue;
        }
        mentions.push(found_name(b, p.kind, p.tokens, chars));
    }
}

/// The mention of a name no gazetteer entry holds, over tokens `range`, which it now covers.
fn found_name(
    b: &mut BlockTokens<'_, '_>,
    kind: EntityKind,
    range: std::ops::Range<usize>,
    last_chars: usize,
) -> Mention {
    let (span, surface) = mention_text(b, range.clone(), last_chars);
    b.covered[range].fill(true);
    Mention {
        target: Target::Found(kind, gazetteer::form_key(&surface)),
        form: Form::Name,
        span,
        surface,
        gloss: None,
    }
}

/// `মুসলমানদের`, `রোহিঙ্গাদের`: a plural in `-দের` read as a name ending in `দ` plus `-ের`, when the
/// word is no known name word (`আহমেদের` is `আহমেদ` + `-ের`). A plural never names one entity.
fn plural_of_people(rules: &ContextRules, last: &Token<'_>, chars: usize) -> bool {
    last.key.ends_with("দের") && chars + 2 == last.key.chars().count() && !rules.name_word(last)
}

/// The span of tokens `range` (plus a suffix written apart after it, as in `বিএনপি'র`) and the
/// suffix-free name as written.
fn mention_text(
    b: &mut BlockTokens<'_, '_>,
    range: std::ops::Range<usize>,
    last_chars: usize,
) -> (Span, String) {
    let first = &b.tokens[range.start];
    let last = &b.tokens[range.end - 1];
    let mut end = last.range.end;
    if let Some(next) = b.tokens.get(range.end)
        && next.joined
        && suffix::is_detached_suffix(&next.key)
    {
        end = next.range.end;
        b.covered[range.end] = true;
    }
    let stem_end = last.range.start + byte_len_of_key_prefix(last.text, last_chars);
    let surface = b.text[first.range.start..stem_end].to_string();
    (
        Span {
            block: b.block,
            range: first.range.start..end,
        },
        surface,
    )
}

/// Bytes of `text` that produce the first `chars` chars of its match key.
fn byte_len_of_key_prefix(text: &str, chars: usize) -> usize {
    let (key, offsets) = crate::text::key::match_key_with_offsets(text);
    if chars >= key.chars().count() {
        return text.len();
    }
    offsets.get(chars).copied().unwrap_or(text.len())
}

#[cfg(test)]
mod tests;
