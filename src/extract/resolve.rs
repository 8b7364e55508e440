//! From mentions to entities: one entity per real-world referent within an article, with ids that
//! are the same in every article.

use rustc_hash::FxHashMap as HashMap;

use crate::article::{Entity, EntityKind, Name, Span};
use crate::extract::gazetteer::{Entry, Form};
use crate::extract::names::display_name;

/// What a mention refers to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Target {
    /// A gazetteer entry.
    Known(usize),
    /// A name found from context: kind and the name's form key.
    Found(EntityKind, String),
    /// A news outlet of the shared outlet table, by its canonical English name.
    Outlet(String),
}

impl Target {
    /// The kind of a found name or gazetteer entry; `None` for an outlet, which is media.
    fn kind(&self, entries: &[Entry]) -> Option<EntityKind> {
        match self {
            Target::Found(kind, _) => Some(*kind),
            Target::Known(e) => entries.get(*e).map(|e| e.kind),
            Target::Outlet(_) => None,
        }
    }
}

/// One mention of a name in an article.
#[derive(Clone, Debug)]
pub(super) struct Mention {
    pub(crate) target: Target,
    pub(crate) form: Form,
    pub(crate) span: Span,
    /// The name as written, without its suffix.
    pub(crate) surface: String,
    /// A Latin-script gloss that followed in parentheses (`তাস (TASS)`).
    pub(crate) gloss: Option<String>,
}

/// Groups mentions into entities, most mentioned first (ties: first mentioned first).
/// `name_word` says whether a word is typically part of a person's name.
///
/// Long because each group's naming rules read the whole group; grouping and building stay together.
pub(super) fn entities(
    mut mentions: Vec<Mention>,
    entries: &[Entry],
    name_word: &dyn Fn(&str) -> bool,
) -> Vec<Entity> {
    merge_person_names(&mut mentions, entries);
    merge_short_organisations(&mut mentions, entries);
    let mut order: Vec<Target> = Vec::new();
    // Only looked up by key (the order comes from `order`), so the hasher is free to be fast.
    let mut groups: HashMap<Target, Vec<Mention>> = HashMap::default();
    for m in mentions {
        if !groups.contains_key(&m.target) {
            order.push(m.target.clone());
        }
        groups.entry(m.target.clone()).or_default().push(m);
    }
    let mut out: Vec<(usize, Entity)> = Vec::new();
    for (rank, target) in order.into_iter().enumerate() {
        let Some(mut ms) = groups.remove(&target) else {
            continue;
        };
        // A short form (`কিম`) only stands for the entry when a full name appears too.
        if ms.iter().all(|m| m.form == Form::Short) {
            continue;
        }
        ms.sort_by(|a, b| {
            (a.span.block, a.span.range.start).cmp(&(b.span.block, b.span.range.start))
        });
        let (id, kind, name_en, fallback) = match &target {
            Target::Known(e) => {
                let e = &entries[*e];
                (
                    format!("gaz:{}", e.id),
                    e.kind,
                    Some(e.en.clone()),
                    e.canonical.clone(),
                )
            }
            Target::Outlet(name) => (
                format!("media:{}", name.to_lowercase()),
                EntityKind::Media,
                Some(name.clone()),
                String::new(),
            ),
            Target::Found(kind, key) => {
                let gloss = ms.iter().find_map(|m| m.gloss.clone());
                (
                    format!("{}:{key}", kind_name(*kind)),
                    *kind,
                    gloss,
                    String::new(),
                )
            }
        };
        let mut aliases: Vec<String> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for m in &ms {
            for s in std::iter::once(&m.surface).chain(m.gloss.iter()) {
                let k = crate::extract::gazetteer::form_key(s);
                if !k.is_empty() && !seen.contains(&k) {
                    seen.push(k);
                    aliases.push(s.clone());
                }
            }
        }
        aliases.sort_by_key(|a| std::cmp::Reverse(a.chars().count()));
        // A pushed-to Vec keeps room for four; most entities have one or two forms.
        aliases.shrink_to_fit();
        let found_person = matches!(target, Target::Found(EntityKind::Person, _));
        let mut spellings = article_spellings(&ms, found_person.then_some(name_word));
        // A gazetteer entry's usual name (`ভারত`), or a fuller form of it, beats other common
        // spellings (`ইন্ডিয়া`).
        if !fallback.is_empty() {
            let usual: Vec<&str> = fallback.split_whitespace().collect();
            let holds = |s: &str| {
                let words: Vec<&str> = s.split_whitespace().collect();
                usual.iter().all(|w| words.contains(w))
            };
            if spellings.iter().any(|(s, _)| holds(s)) {
                spellings.retain(|(s, _)| holds(s));
            }
        }
        let name = display_name(&spellings).map_or(fallback, str::to_string);
        let name = if name.is_empty() {
            aliases.first().cloned().unwrap_or_default()
        } else {
            name
        };
        out.push((
            rank,
            Entity {
                id: id.into(),
                kind,
                name: name.into(),
                name_en: name_en.map(Name::from),
                aliases: aliases.into_iter().map(Name::from).collect(),
                mentions: ms.len(),
                // Not `into_iter`: collecting in place would keep the mentions' whole buffer
                // (three times the size) alive in every entity of a 100,000-article corpus.
                spans: ms.iter().map(|m| m.span.clone()).collect(),
            },
        ));
    }
    out.sort_by(|(ra, a), (rb, b)| b.mentions.cmp(&a.mentions).then(ra.cmp(rb)));
    // Exactly sized, for the same reason as the spans.
    let mut entities = Vec::with_capacity(out.len());
    entities.extend(out.into_iter().map(|(_, e)| e));
    entities
}

/// The spellings of one entity in an article, each with the mentions that support it: its own and
/// those of every shorter form inside it (`হাসিনা` supports `শেখ হাসিনা`), so the full name wins over
/// its short forms while a variant seen once (`ইন্ডিয়া` beside sixteen `ভারত`) stays rare.
fn article_spellings<'m>(
    ms: &'m [Mention],
    name_word: Option<&dyn Fn(&str) -> bool>,
) -> Vec<(&'m str, usize)> {
    let mut own: Vec<(&str, usize)> = Vec::new();
    for m in ms.iter().filter(|m| m.form == Form::Name) {
        match own.iter_mut().find(|(s, _)| *s == m.surface) {
            Some((_, n)) => *n += 1,
            None => own.push((m.surface.as_str(), 1)),
        }
    }
    // `সাকিলা ফারজানা সন্ত্রাসবিরোধী` once beside `সাকিলা ফারজানা` several times: a found person's
    // full name run on into a next word that is no name word, which would otherwise win as the
    // fullest spelling (`শফিকুল ইসলাম শিমুল` keeps its nickname).
    let run_on = |s: &str, n: usize| {
        let Some(name_word) = name_word else {
            return false;
        };
        n == 1
            && own.iter().any(|&(t, m)| {
                m >= 2
                    && t.split_whitespace().count() >= 2
                    && s.strip_prefix(t).is_some_and(|rest| {
                        rest.starts_with(' ') && !rest.split_whitespace().any(name_word)
                    })
            })
    };
    let candidates: Vec<(&str, usize)> = own
        .iter()
        .copied()
        .filter(|&(s, n)| !run_on(s, n))
        .collect();
    let own = if candidates.is_empty() {
        own
    } else {
        candidates
    };
    own.iter()
        .map(|&(s, _)| {
            let words: Vec<&str> = s.split_whitespace().collect();
            let support = own
                .iter()
                .filter(|(t, _)| t.split_whitespace().all(|w| words.contains(&w)))
                .map(|(_, n)| n)
                .sum();
            (s, support)
        })
        .collect()
}

/// One person named several ways in one article is one entity:
/// - spelling variants (`সালাহউদ্দিন আহমদ` / `আহমেদ`, `মোহাম্মদ`/`মুহাম্মদ`, `উদ্দিন`/`উদ্দীন`): names of
///   two or more words that agree once vowel signs are dropped;
/// - a shorter name inside a longer one (`মনজুর আলম` in `মো. মনজুর আলম`, `আব্দুর রউফ` in `আব্দুর রউফ
///   তালুকদার`), when the longer names containing it are all one name.
///
/// A found name joins a known (gazetteer) person before a found one, else the longest, else the
/// first met. Single words are left to the last-word rule: alone they collide too often.
fn merge_person_names(mentions: &mut [Mention], entries: &[Entry]) {
    let is_person = |t: &Target| t.kind(entries) == Some(EntityKind::Person);
    // Each person target with the skeletons of its names, known entries first, then in order met.
    let mut people: Vec<(Target, Vec<Vec<String>>)> = Vec::new();
    for known_pass in [true, false] {
        for m in mentions.iter() {
            let known = matches!(m.target, Target::Known(_));
            if known != known_pass || m.form != Form::Name || !is_person(&m.target) {
                continue;
            }
            let text = match &m.target {
                Target::Found(_, key) => key.as_str(),
                _ => m.surface.as_str(),
            };
            let Some(words) = skeleton(text) else {
                continue;
            };
            match people.iter_mut().find(|(t, _)| *t == m.target) {
                Some((_, names)) if !names.contains(&words) => names.push(words),
                Some(_) => {}
                None => people.push((m.target.clone(), vec![words])),
            }
        }
    }
    let contains = |long: &[String], short: &[String]| {
        long.len() >= short.len() && long.windows(short.len()).any(|w| w == short)
    };
    let longest = |names: &[Vec<String>]| names.iter().map(Vec::len).max().unwrap_or(0);
    let mut into: HashMap<Target, Target> = HashMap::default();
    for (a, (target, names)) in people.iter().enumerate() {
        if !matches!(target, Target::Found(..)) {
            continue;
        }
        // Other people with a name that holds one of `a`'s names: longer, or as long and earlier.
        let mut holders: Vec<usize> = (0..people.len())
            .filter(|&b| b != a)
            .filter(|&b| {
                names.iter().any(|n| {
                    people[b]
                        .1
                        .iter()
                        .any(|m| contains(m, n) && (m.len() > n.len() || b < a))
                })
            })
            .collect();
        holders.sort_by_key(|&b| (std::cmp::Reverse(longest(&people[b].1)), b));
        let Some(&top) = holders.first() else {
            continue;
        };
        let one_name = holders[1..].iter().all(|&b| {
            people[b]
                .1
                .iter()
                .all(|n| people[top].1.iter().any(|m| contains(m, n)))
        });
        if one_name {
            into.insert(target.clone(), people[top].0.clone());
        }
    }
    for m in mentions.iter_mut() {
        // Follow a chain (`A` in `B` in `C`) a few steps; the steps only ever lengthen the name.
        for _ in 0..4 {
            match into.get(&m.target) {
                Some(t) if *t != m.target => m.target = t.clone(),
                _ => break,
            }
        }
    }
}

/// The spelling-free skeleton of a name of two or more words: its keyed words with their
/// dependent vowel signs dropped, and the short forms of Muhammad (`মো.`, `মোহা.`) written out;
/// `None` for a single word.
fn skeleton(name: &str) -> Option<Vec<String>> {
    let key = crate::extract::gazetteer::form_key(name);
    let words: Vec<String> = key
        .split(' ')
        .map(|w| {
            let bare: String = w
                .chars()
                .filter(|c| !matches!(c, '\u{09BE}'..='\u{09CC}' | '\u{09D7}' | '\u{0983}' | '.'))
                .collect();
            match bare.as_str() {
                "ম" | "মহ" => "মহম্মদ".to_string(),
                _ => bare,
            }
        })
        .collect();
    (words.len() >= 2).then_some(words)
}

/// `কর্ম কমিশন` for `বাংলাদেশ সরকারি কর্ম কমিশন`, `ট্রলার মালিক সমিতি` for `কুতুবদিয়া উপজেলা ট্রলার
/// মালিক সমিতি`: within an article, a found organisation's name whose words all appear, in order,
/// in one longer organisation's name ending in the same word is that organisation. A one-word name
/// is also the one longer name it begins (`হেফাজত`, `হেফাজতে` for `হেফাজতে ইসলাম`, `জামায়াত` for
/// `জামায়াতে ইসলামী`): the short form of a party or movement keeps its leading word, written with
/// or without the linking `-এ` (without it only for a gazetteer entry).
fn merge_short_organisations(mentions: &mut [Mention], entries: &[Entry]) {
    let is_org = |t: &Target| t.kind(entries) == Some(EntityKind::Organization);
    let mut orgs: Vec<(Target, Vec<String>)> = Vec::new();
    for m in mentions.iter() {
        if m.form != Form::Name || !is_org(&m.target) {
            continue;
        }
        let words: Vec<String> = crate::extract::gazetteer::form_key(&m.surface)
            .split(' ')
            .map(str::to_string)
            .collect();
        if !orgs.iter().any(|(t, w)| *t == m.target && *w == words) {
            orgs.push((m.target.clone(), words));
        }
    }
    let within = |short: &[String], long: &[String]| {
        let mut rest = long.iter();
        short.len() < long.len()
            && short.last() == long.last()
            && short.iter().all(|w| rest.any(|l| l == w))
    };
    // The linking `-এ` is also a locative ending (`ইনস্টাগ্রামে বাহারি` is "fancy on Instagram"),
    // so a name that drops it is trusted only against a gazetteer entry.
    let leads = |short: &[String], long: &[String], holder: &Target| match (short, long.first()) {
        ([word], Some(first)) if long.len() > 1 => {
            first == word
                || (matches!(holder, Target::Known(_))
                    && first.strip_suffix('ে') == Some(word.as_str()))
        }
        _ => false,
    };
    let mut into: HashMap<Target, Target> = HashMap::default();
    for (target, words) in &orgs {
        if !matches!(target, Target::Found(..)) {
            continue;
        }
        let mut holders = orgs
            .iter()
            .filter(|(t, long)| {
                t != target && ((words.len() > 1 && within(words, long)) || leads(words, long, t))
            })
            .map(|(t, _)| t);
        if let (Some(holder), None) = (holders.next(), holders.next()) {
            into.insert(target.clone(), holder.clone());
        }
    }
    for m in mentions.iter_mut() {
        if let Some(t) = into.get(&m.target) {
            m.target = t.clone();
        }
    }
}

/// The kind as entity ids (`person:…`) and `khobor entities` spell it.
pub fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Place => "place",
        EntityKind::Organization => "organization",
        EntityKind::Media => "media",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons_ignore_vowel_signs_of_multi_word_names() {
        assert_eq!(skeleton("সালাহউদ্দিন আহমদ"), skeleton("সালাহউদ্দিন আহমেদ"));
        assert_eq!(skeleton("মোহাম্মদ আলী"), skeleton("মুহাম্মদ আলি"));
        assert_ne!(skeleton("রফিকুল আহমদ"), skeleton("শফিকুল আহমদ"));
        assert_eq!(skeleton("আহমেদ"), None);
        assert_eq!(skeleton("মো. সাইফুল ইসলাম"), skeleton("মোহাম্মদ সাইফুল ইসলাম"));
    }

    fn org(name: &str, at: usize) -> Mention {
        Mention {
            target: Target::Found(EntityKind::Organization, name.to_string()),
            form: Form::Name,
            span: Span {
                block: crate::article::Block::Body(0),
                range: at..at + 1,
            },
            surface: name.to_string(),
            gloss: None,
        }
    }

    #[test]
    fn a_short_organisation_name_inside_one_longer_name_is_that_organisation() {
        let mut ms = vec![
            org("বাংলাদেশ সরকারি কর্ম কমিশন", 0),
            org("কর্ম কমিশন", 10),
            org("নির্বাচন কমিশন", 20),
        ];
        merge_short_organisations(&mut ms, &[]);
        assert_eq!(ms[1].target, ms[0].target);
        assert_ne!(ms[2].target, ms[0].target);
        let mut ms = vec![
            org("ঢাকা জেলা আইনজীবী সমিতি", 0),
            org("পাবনা জেলা আইনজীবী সমিতি", 10),
            org("আইনজীবী সমিতি", 20),
        ];
        merge_short_organisations(&mut ms, &[]);
        assert!(ms[2].target != ms[0].target && ms[2].target != ms[1].target);
    }

    #[test]
    fn a_one_word_organisation_is_the_one_longer_name_it_begins() {
        let hefazat = Entry {
            id: "hefazat".into(),
            kind: EntityKind::Organization,
            en: "Hefazat-e-Islam".into(),
            canonical: "হেফাজতে ইসলাম".into(),
        };
        let known = |name: &str, at| Mention {
            target: Target::Known(0),
            ..org(name, at)
        };
        let mut ms = vec![
            known("হেফাজতে ইসলাম", 0),
            org("হেফাজত", 10),
            org("হেফাজতে", 20),
            org("ইসলাম", 30),
        ];
        merge_short_organisations(&mut ms, std::slice::from_ref(&hefazat));
        assert_eq!(ms[1].target, ms[0].target);
        assert_eq!(ms[2].target, ms[0].target);
        assert_ne!(ms[3].target, ms[0].target);
        let mut ms = vec![org("ইনস্টাগ্রামে বাহারি", 0), org("ইনস্টাগ্রাম", 10)];
        merge_short_organisations(&mut ms, &[]);
        assert_ne!(ms[1].target, ms[0].target);
        let mut ms = vec![
            org("জাতীয় পার্টি", 0),
            org("জাতীয় নাগরিক পার্টি", 10),
            org("জাতীয়", 20),
        ];
        merge_short_organisations(&mut ms, &[]);
        assert!(ms[2].target != ms[0].target && ms[2].target != ms[1].target);
    }
}
