//! Which outlets an article draws on (credit line, attributed reporting) and which it only names.
//! The cues are data (assets/sources.toml); the outlet names come from [`OutletTable`].

use std::sync::OnceLock;

use serde::Deserialize;

use crate::article::{MediaRef, SourceRef, SourceRole};
use crate::ingest::outlets::{CaseSuffix, Outlet, OutletMention, OutletTable};
use crate::text::fold::fold_key;

#[derive(Deserialize)]
struct CueFile {
    lead: Lead,
    joiners: Vec<String>,
    rule: Vec<Rule>,
}

#[derive(Deserialize)]
struct Lead {
    role: SourceRole,
    words: Vec<String>,
    separators: Vec<String>,
}

#[derive(Deserialize)]
struct Rule {
    role: SourceRole,
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    sentence_start: bool,
    #[serde(default)]
    suffix: Vec<CaseSuffix>,
    #[serde(default)]
    after: Vec<String>,
}

/// The cue file with every phrase folded like the text it is compared with.
struct Cues {
    lead: Lead,
    joiners: Vec<String>,
    rules: Vec<Rule>,
}

fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| {
        let f: CueFile = toml::from_str(include_str!("../../assets/sources.toml"))
            .unwrap_or_else(|e| panic!("assets/sources.toml is invalid: {e}"));
        let folded = |v: Vec<String>| v.iter().map(|p| fold_key(p)).collect::<Vec<_>>();
        Cues {
            lead: Lead {
                role: f.lead.role,
                words: folded(f.lead.words),
                separators: folded(f.lead.separators),
            },
            joiners: folded(f.joiners),
            rules: f
                .rule
                .into_iter()
                .map(|r| Rule {
                    before: folded(r.before),
                    after: folded(r.after),
                    ..r
                })
                .collect(),
        }
    })
}

/// Characters that end a sentence (a credit cue must open one).
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '।' | '.' | '?' | '!' | '॥' | ':' | '"' | '”' | '’' | '\''
    )
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// The best role one outlet gets in an article, and how it was first written there.
struct Found<'t> {
    outlet: &'t Outlet,
    name_bn: Option<String>,
    role: Option<SourceRole>,
    first: usize,
}

/// Sources (credit first, then attributed, each in order of first mention) and outlets only
/// named. `blocks` are the title and body paragraphs in reading order.
pub(crate) fn find_sources<'a>(
    table: &OutletTable,
    blocks: impl IntoIterator<Item = &'a str>,
) -> (Vec<SourceRef>, Vec<MediaRef>) {
    let mut found: Vec<Found<'_>> = Vec::new();
    let mut order = 0;
    for block in blocks {
        let mentions = table.find(block);
        let roles = roles_in_block(block, &mentions);
        for (m, role) in mentions.iter().zip(roles) {
            order += 1;
            if m.ambiguous && role.is_none() {
                continue;
            }
            let i = match found.iter().position(|f| std::ptr::eq(f.outlet, m.outlet)) {
                Some(i) => i,
                None => {
                    found.push(Found {
                        outlet: m.outlet,
                        name_bn: None,
                        role: None,
                        first: order,
                    });
                    found.len() - 1
                }
            };
            let f = &mut found[i];
            let surface = &block[m.range.clone()];
            if f.name_bn.is_none() && !surface.is_ascii() {
                f.name_bn = Some(surface.to_string());
            }
            f.role = match (f.role, role) {
                (Some(SourceRole::Credit), _) | (_, Some(SourceRole::Credit)) => {
                    Some(SourceRole::Credit)
                }
                (a, b) => a.or(b),
            };
        }
    }
    found.sort_by_key(|f| {
        let rank = match f.role {
            Some(SourceRole::Credit) => 0,
            Some(SourceRole::Attributed) => 1,
            None => 2,
        };
        (rank, f.first)
    });
    let mut sources = Vec::new();
    let mut media = Vec::new();
    for f in found {
        let name_bn = f
            .name_bn
            .unwrap_or_else(|| f.outlet.bn.first().cloned().unwrap_or_default());
        let name = f.outlet.name.clone();
        match f.role {
            Some(role) => sources.push(SourceRef {
                name,
                name_bn,
                role,
            }),
            None => media.push(MediaRef { name, name_bn }),
        }
    }
    (sources, media)
}

/// The role each mention of one block gets from its context, if any.
fn roles_in_block(block: &str, mentions: &[OutletMention<'_>]) -> Vec<Option<SourceRole>> {
    let cues = cues();
    let mut roles = vec![None; mentions.len()];
    // Groups of mentions joined only by conjunctions, commas or a gloss share one cue.
    let mut start = 0;
    while start < mentions.len() {
        let mut end = start + 1;
        while end < mentions.len()
            && is_joiner_gap(
                &block[mentions[end - 1].end..mentions[end].range.start],
                cues,
            )
        {
            end += 1;
        }
        let first = &mentions[start];
        let last = &mentions[end - 1];
        let before = fold_key(window_before(block, first.range.start));
        let after = fold_key(window_after(block, last.end));
        // A credit lead outranks any other cue in its sentence ("সূত্র: বার্তা সংস্থা রয়টার্স").
        let clipped = first.range.start > CONTEXT_BYTES;
        let role = led_by_credit(&before, clipped, cues).or_else(|| {
            cues.rules
                .iter()
                .find(|r| rule_fires(r, &before, &after, last.suffix))
                .map(|r| r.role)
        });
        roles[start..end].iter_mut().for_each(|r| *r = role);
        start = end;
    }
    roles
}

fn is_joiner_gap(gap: &str, cues: &Cues) -> bool {
    let gap = fold_key(gap);
    let mut rest = gap.trim();
    while !rest.is_empty() {
        let Some(j) = cues.joiners.iter().find(|j| {
            rest.strip_prefix(j.as_str()).is_some_and(|r| {
                !r.chars().next().is_some_and(is_word_char) || !j.chars().all(is_word_char)
            })
        }) else {
            return false;
        };
        rest = rest[j.len()..].trim_start();
    }
    true
}

fn rule_fires(rule: &Rule, before: &str, after: &str, suffix: CaseSuffix) -> bool {
    if !rule.suffix.is_empty() && !rule.suffix.contains(&suffix) {
        return false;
    }
    if !rule.before.is_empty() {
        let b = before.trim_end();
        let Some(rest) = rule.before.iter().find_map(|p| {
            b.strip_suffix(p.as_str())
                .filter(|r| !r.chars().next_back().is_some_and(is_word_char))
        }) else {
            return false;
        };
        if rule.sentence_start && !opens_sentence(rest) {
            return false;
        }
    }
    if !rule.after.is_empty() {
        let a =
            after.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ')' | ']' | ','));
        let hit = rule.after.iter().any(|p| {
            a.strip_prefix(p.as_str())
                .is_some_and(|r| !r.chars().next().is_some_and(is_word_char))
        });
        if !hit {
            return false;
        }
    }
    true
}

/// How far around a mention cues are looked for: cue phrases are a few words, and a credit lead
/// further back than this is not part of the same short credit sentence.
const CONTEXT_BYTES: usize = 240;

/// Up to [`CONTEXT_BYTES`] of `block` before `at`, starting on a char boundary.
fn window_before(block: &str, at: usize) -> &str {
    let mut from = at.saturating_sub(CONTEXT_BYTES);
    while !block.is_char_boundary(from) {
        from += 1;
    }
    &block[from..at]
}

/// Up to [`CONTEXT_BYTES`] of `block` after `at`, ending on a char boundary.
fn window_after(block: &str, at: usize) -> &str {
    let mut to = (at + CONTEXT_BYTES).min(block.len());
    while !block.is_char_boundary(to) {
        to -= 1;
    }
    &block[at..to]
}

/// True when the text before a phrase ends a sentence (or is empty).
fn opens_sentence(before: &str) -> bool {
    before
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(ends_sentence)
}

/// The lead role when the sentence holding the mention opens with a credit word and separator.
/// `clipped`: `before` is a window that does not reach back to the start of the block.
fn led_by_credit(before: &str, clipped: bool, cues: &Cues) -> Option<SourceRole> {
    let sentence_start = match before
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '।' | '?' | '!' | '॥'))
    {
        Some((i, c)) => i + c.len_utf8(),
        None if clipped => return None,
        None => 0,
    };
    let sentence = before[sentence_start..]
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '*' | '•' | '('));
    cues.lead.words.iter().find_map(|w| {
        let rest = sentence.strip_prefix(w.as_str())?.trim_start();
        cues.lead
            .separators
            .iter()
            .any(|s| rest.starts_with(s.as_str()))
            .then_some(cues.lead.role)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Vec<(String, SourceRole)>, Vec<String>) {
        let (s, m) = find_sources(OutletTable::embedded(), text.lines());
        (
            s.into_iter().map(|s| (s.name, s.role)).collect(),
            m.into_iter().map(|m| m.name).collect(),
        )
    }

    #[test]
    fn credit_lines() {
        assert_eq!(
            run("সূত্র: আল জাজিরা").0,
            vec![("Al Jazeera".into(), SourceRole::Credit)]
        );
        assert_eq!(
            run("কর্মকর্তা নিশ্চিত করেন। খবর বিবিসির।").0,
            vec![("BBC".into(), SourceRole::Credit)]
        );
        assert_eq!(
            run("সূত্রঃ রয়টার্স, এএফপি").0,
            vec![
                ("Reuters".into(), SourceRole::Credit),
                ("AFP".into(), SourceRole::Credit)
            ]
        );
    }

    #[test]
    fn attributed_reporting() {
        let (s, _) = run(
            "বার্তা সংস্থা তাস জানিয়েছে, বৈঠক হয়েছে।\nকর্মকর্তা সিবিএসকে জানিয়েছেন।\nরয়টার্সের প্রতিবেদনে বলা হয়।\nসংবাদ সংস্থা কেসিসিএনএ (KCNA) জানিয়েছে",
        );
        let names: Vec<&str> = s.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["TASS", "CBS", "Reuters", "KCNA"]);
        assert!(s.iter().all(|(_, r)| *r == SourceRole::Attributed));
    }

    #[test]
    fn credit_beats_attribution_and_named_only_is_cited() {
        let (s, m) =
            run("গোয়েন্দারা বিবিসিকে জানিয়েছেন।\nপ্রতিবেদনটি গার্ডিয়ান পত্রিকাতেও ছাপা হয়।\nসূত্র: বিবিসি নিউজ।");
        assert_eq!(s, vec![("BBC".into(), SourceRole::Credit)]);
        assert_eq!(m, vec!["The Guardian".to_string()]);
    }

    #[test]
    fn ambiguous_names_need_a_cue() {
        let (s, m) = run("তারা তাস খেলছিল।");
        assert!(s.is_empty() && m.is_empty());
    }

    #[test]
    fn a_source_word_without_separator_is_no_credit() {
        let (s, m) = run("সূত্র জানায় প্রথম আলো পত্রিকায় খবরটি এসেছে");
        assert!(s.is_empty());
        assert_eq!(m, vec!["Prothom Alo".to_string()]);
    }
}
