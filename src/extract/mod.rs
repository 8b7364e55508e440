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
                .find(b.text, b.tokens, &b.covered, &b.person, &bare)
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
        resolve::entities(mentions, &self.gazetteer.entries)
    }

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
                (true, None) => Slot::Taken,
            }
        });
        for h in found {
            absorbed.extend(
                h.places
                    .iter()
                    .filter_map(|&p| b.place_from[p].map(|(m, _, _)| m)),
            );
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
        if p.tokens.is_empty() || p.tokens.clone().any(|j| b.covered[j]) {
            continue;
        }
        let last = &b.tokens[p.tokens.end - 1];
        let chars = rules.name_chars(last, p.kind, bare, false);
        if plural_of_people(rules, last, chars) {
            continue;
        }
        let (span, surface) = mention_text(b, p.tokens.clone(), chars);
        b.covered[p.tokens].fill(true);
        mentions.push(Mention {
            target: Target::Found(p.kind, gazetteer::form_key(&surface)),
            form: Form::Name,
            span,
            surface,
            gloss: None,
        });
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
mod tests {
    use super::*;

    fn run(body: &[&str]) -> (Article, Vec<Entity>) {
        let article = Article {
            body: body.iter().map(|s| s.to_string()).collect(),
            ..Article::default()
        };
        let entities = Extractor::new().extract(&article);
        (article, entities)
    }

    #[test]
    fn a_place_in_the_locative_is_not_part_of_a_ministry() {
        let (_, entities) = run(&["তিনি সচিবালয়ে স্বরাষ্ট্র মন্ত্রণালয়ের সভায় যোগ দেন।"]);
        assert_eq!(
            by_alias(&entities, "স্বরাষ্ট্র মন্ত্রণালয়").len(),
            1,
            "{entities:?}"
        );
        assert!(by_alias(&entities, "সচিবালয়ে স্বরাষ্ট্র মন্ত্রণালয়").is_empty());
        let (_, entities) = run(&["রাশিয়ার পররাষ্ট্র মন্ত্রণালয় জানিয়েছে।"]);
        assert_eq!(
            by_alias(&entities, "রাশিয়ার পররাষ্ট্র মন্ত্রণালয়").len(),
            1,
            "{entities:?}"
        );
    }

    #[test]
    fn a_locative_word_is_not_the_start_of_a_name() {
        let (_, entities) = run(&["এক ভিডিওতে রিকি পন্টিং বলেন, তিনি খুশি।"]);
        assert!(
            entities.iter().all(|e| !e.name.starts_with("ভিডিও")),
            "{entities:?}"
        );
        let (_, entities) = run(&["সভায় ফজলে রাব্বী মিয়া বলেন, তিনি খুশি।"]);
        assert_eq!(
            by_alias(&entities, "ফজলে রাব্বী মিয়া").len(),
            1,
            "{entities:?}"
        );
    }

    #[test]
    fn a_sadar_upazila_and_a_village_with_its_direction_are_places() {
        let (_, entities) = run(&["মহাসড়কের ফেনী সদর উপজেলার এক এলাকায় দুর্ঘটনা ঘটে।"]);
        assert_eq!(by_alias(&entities, "ফেনী সদর").len(), 1, "{entities:?}");
        assert!(by_alias(&entities, "ফেনী").is_empty(), "{entities:?}");
        let (_, entities) = run(&["তিনি ইউনিয়নের পশ্চিম দেবত্তর গ্রামের বাসিন্দা।"]);
        assert_eq!(by_alias(&entities, "পশ্চিম দেবত্তর").len(), 1, "{entities:?}");
    }

    #[test]
    fn the_particle_o_closes_a_name() {
        let (_, entities) = run(&["সভাপতি খালেদ মাহমুদ সুজনও সৌম্য সরকারকে নিয়ে বলেন।"]);
        assert_eq!(
            by_alias(&entities, "খালেদ মাহমুদ সুজন").len(),
            1,
            "{entities:?}"
        );
        assert!(
            entities.iter().all(|e| !e.name.contains("সুজনও")),
            "{entities:?}"
        );
        let (_, entities) = run(&["জাপানের প্রধানমন্ত্রী ফুমিও কিশিদা বলেন।"]);
        assert!(
            entities
                .iter()
                .any(|e| e.name.contains("কিশিদা") && e.name.contains("ফুমিও")),
            "{entities:?}"
        );
    }

    #[test]
    fn plurals_in_der_are_no_names() {
        let rules = ContextRules::embedded().unwrap_or_else(|e| panic!("{e}"));
        let plural = |word: &str| {
            let tokens = crate::text::token::tokenize(word);
            let chars = tokens[0].key.chars().count() - 2;
            plural_of_people(&rules, &tokens[0], chars)
        };
        assert!(plural("মুসলমানদের"));
        assert!(plural("রোহিঙ্গাদের"));
        assert!(!plural("আহমেদের"));
        assert!(!plural("মাহমুদের"));
    }

    fn by_alias<'a>(entities: &'a [Entity], form: &str) -> Vec<&'a Entity> {
        let key = crate::text::key::match_key(form);
        entities
            .iter()
            .filter(|e| {
                e.aliases
                    .iter()
                    .any(|a| crate::text::key::match_key(a) == key)
            })
            .collect()
    }

    #[test]
    fn a_known_name_followed_by_another_name_word_is_someone_else() {
        let (_, entities) = run(&["আবু সাঈদ খান সংবাদ সম্মেলনে বক্তব্য দেন।"]);
        assert!(
            entities.iter().all(|e| e.name.as_ref() != "আবু সাঈদ"),
            "{entities:?}"
        );
    }

    #[test]
    fn the_particle_also_is_no_part_of_a_name() {
        let (_, entities) = run(&["মুখপাত্র আলেক্সেই স্মিরনভও বৈঠকে ছিলেন।"]);
        assert!(
            entities.iter().any(|e| e.name.as_ref().ends_with("স্মিরনভ")),
            "{entities:?}"
        );
    }

    #[test]
    fn the_usual_name_of_a_known_place_beats_a_variant() {
        let (_, entities) = run(&[
            "ভারত ও ইন্ডিয়া নিয়ে আলোচনা হয়।",
            "ভারতের সঙ্গে বাণিজ্য বাড়ছে।",
            "ভারত সফরে যাবেন তিনি।",
        ]);
        let india: Vec<&Entity> = entities
            .iter()
            .filter(|e| e.aliases.iter().any(|a| a.as_ref() == "ইন্ডিয়া"))
            .collect();
        assert_eq!(india.len(), 1, "{entities:?}");
        assert_eq!(india[0].name.as_ref(), "ভারত");
    }

    #[test]
    fn us_spellings_are_one_place() {
        let (_, e) =
            run(&["যুক্তরাষ্ট্রের সঙ্গে আমেরিকার মিত্ররা মার্কিন যুক্তরাষ্ট্রে গেলেন; মার্কিন কর্মকর্তা বলেন।"]);
        let us = by_alias(&e, "যুক্তরাষ্ট্র");
        assert_eq!(us.len(), 1);
        let us = us[0];
        assert_eq!(us.name_en.as_deref(), Some("United States"));
        assert_eq!(us.mentions, 4);
        for form in ["আমেরিকা", "মার্কিন যুক্তরাষ্ট্র", "মার্কিন"]
        {
            assert!(by_alias(&e, form).iter().all(|x| x.id == us.id), "{form}");
        }
        assert_eq!(
            &*us.name, "মার্কিন যুক্তরাষ্ট্র",
            "the fullest form names the entity"
        );
    }

    #[test]
    fn honorific_is_not_part_of_the_name() {
        let (_, e) = run(&["মি. ট্রাম্পের বক্তব্যে সবাই অবাক।"]);
        let t = by_alias(&e, "ট্রাম্প");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].name_en.as_deref(), Some("Donald Trump"));
    }

    #[test]
    fn short_name_needs_the_full_name_in_the_article() {
        let (_, alone) = run(&["কিম বলেন, সব ঠিক আছে।"]);
        assert!(by_alias(&alone, "কিম").is_empty(), "{alone:?}");
        let (_, both) = run(&["কিম জং উন এলেন।", "পরে কিমকে স্বাগত জানানো হয়।"]);
        let kim = by_alias(&both, "কিম");
        assert_eq!(kim.len(), 1);
        assert_eq!(kim[0].mentions, 2);
        assert_eq!(&*kim[0].name, "কিম জং উন");
    }

    #[test]
    fn context_person_and_later_surname_merge() {
        let (_, e) = run(&[
            "মুখপাত্র জন কিরবি গত সপ্তাহে এ কথা জানান।",
            "কিরবির মতে আলোচনা চলবে।",
        ]);
        let k = by_alias(&e, "কিরবি");
        assert_eq!(k.len(), 1, "{e:?}");
        assert_eq!(k[0].kind, EntityKind::Person);
        assert_eq!(k[0].mentions, 2);
        assert_eq!(&*k[0].id, "person:জন কিরবি");
    }

    #[test]
    fn shared_surname_inside_another_name_is_another_person() {
        let (_, e) = run(&["সভাপতি রাশেদ চৌধুরী ও নুর চৌধুরীকে ফেরানো হবে।"]);
        let rashed = by_alias(&e, "রাশেদ চৌধুরী");
        assert_eq!(rashed.len(), 1);
        assert_eq!(rashed[0].mentions, 1);
    }

    #[test]
    fn upazilas_anywhere_unions_before_an_administrative_word() {
        let (_, e) = run(&["দেবিদ্বারে সংঘর্ষ; সুবিল ইউনিয়নের চেয়ারম্যান ও তালা উপজেলার ইউএনও এলেন।"]);
        for (form, en) in [("দেবিদ্বার", "Debidwar"), ("সুবিল", "Subil"), ("তালা", "Tala")]
        {
            let hit = by_alias(&e, form);
            assert_eq!(hit.len(), 1, "{form}: {e:?}");
            assert_eq!(hit[0].kind, EntityKind::Place);
            assert_eq!(hit[0].name_en.as_deref(), Some(en));
        }
        let (_, e) = run(&["সুবিল পথে দরজায় তালা দেওয়া ছিল।"]);
        assert!(by_alias(&e, "সুবিল").is_empty(), "{e:?}");
        assert!(by_alias(&e, "তালা").is_empty(), "{e:?}");
    }

    #[test]
    fn a_place_before_an_institution_is_part_of_its_name() {
        let (_, e) = run(&["কুতুবদিয়া থানার ওসি ঘটনাস্থলে যান।"]);
        let thana = by_alias(&e, "কুতুবদিয়া থানা");
        assert_eq!(thana.len(), 1, "{e:?}");
        assert_eq!(thana[0].kind, EntityKind::Organization);
        assert!(by_alias(&e, "কুতুবদিয়া").is_empty(), "{e:?}");
        let (_, e) = run(&["রাশিয়ার পররাষ্ট্র মন্ত্রণালয় এক বিবৃতিতে এ কথা জানায়।"]);
        let ministry = by_alias(&e, "রাশিয়ার পররাষ্ট্র মন্ত্রণালয়");
        assert_eq!(ministry.len(), 1, "{e:?}");
        let (_, e) = run(&["ঢাকার এভারকেয়ার হাসপাতালে তিনি ভর্তি।"]);
        assert_eq!(by_alias(&e, "এভারকেয়ার হাসপাতাল").len(), 1, "{e:?}");
        assert_eq!(by_alias(&e, "ঢাকা").len(), 1, "{e:?}");
    }

    #[test]
    fn latin_gloss_is_an_alias() {
        let (_, e) = run(&["জাতিসংঘের (UN) মহাসচিব এ কথা বলেন।"]);
        let un = by_alias(&e, "UN");
        assert_eq!(un.len(), 1);
        assert_eq!(&*un[0].name, "জাতিসংঘ");
    }

    #[test]
    fn spans_include_the_suffix_and_outlets_win_over_places() {
        let (a, e) = run(&["নিউইয়র্ক টাইমসকে বলেছে রাশিয়ার এক কর্মকর্তা।"]);
        assert!(by_alias(&e, "নিউইয়র্ক").is_empty(), "{e:?}");
        let ru = by_alias(&e, "রাশিয়া");
        let span = &ru[0].spans[0];
        assert_eq!(&a.body[0][span.range.clone()], "রাশিয়ার");
        let nyt = by_alias(&e, "নিউইয়র্ক টাইমস");
        assert_eq!(nyt[0].kind, EntityKind::Media);
    }
}
