//! Other names of a person or organisation within one article: a found person's last word
//! (`কিরবি` for `জন কিরবি`) and a Latin gloss in parentheses (`কেসিসিএনএ (KCNA)`).

use rustc_hash::FxHashMap as HashMap;

use super::context::ContextRules;
use super::gazetteer::{self, Form};
use super::resolve::{Mention, Target};
use super::{BlockTokens, byte_len_of_key_prefix, mention_text};
use crate::article::{EntityKind, Span};
use crate::text::suffix;

/// Within an article, the last word of a multi-word person name found from context stands for that
/// person (`জন কিরবি` … `কিরবি আরও বলেন`), and a one-word context name equal to it merges in.
pub(super) fn merge_person_aliases(
    rules: &ContextRules,
    blocks: &mut [BlockTokens<'_, '_>],
    mentions: &mut Vec<Mention>,
) {
    let mut alias: HashMap<String, String> = HashMap::default();
    for m in mentions.iter() {
        if let Target::Found(EntityKind::Person, key) = &m.target
            && let Some((_, last)) = key.rsplit_once(' ')
            && last.chars().count() >= 2
        {
            alias.entry(last.to_string()).or_insert_with(|| key.clone());
        }
    }
    if alias.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        if let Target::Found(EntityKind::Person, key) = &m.target
            && let Some(full) = alias.get(key)
        {
            m.target = Target::Found(EntityKind::Person, full.clone());
        }
    }
    for b in blocks.iter_mut() {
        for i in 0..b.tokens.len() {
            if b.covered[i] {
                continue;
            }
            let t = &b.tokens[i];
            // `নুর চৌধুরীকে` after `রাশেদ চৌধুরী`: a shared surname inside another full name
            // is that other person.
            let in_other_name =
                i > 0 && t.adjacent && !b.covered[i - 1] && rules.nameish(&b.tokens[i - 1], false);
            if in_other_name {
                continue;
            }
            let hit = alias
                .get_key_value(t.key.as_str())
                .map(|(_, full)| (full.clone(), t.key.chars().count()))
                .or_else(|| {
                    t.stems()
                        .iter()
                        .find_map(|s| alias.get(s.key).map(|full| (full.clone(), s.chars)))
                });
            if let Some((full, chars)) = hit {
                let (span, surface) = mention_text(b, i..i + 1, chars);
                b.covered[i] = true;
                mentions.push(Mention {
                    target: Target::Found(EntityKind::Person, full),
                    form: Form::Name,
                    span,
                    surface,
                    gloss: None,
                });
            }
        }
    }
}

/// `কেসিসিএনএ (KCNA)`: a Latin-script name in parentheses right after a Bengali name is another
/// form of it; after an unknown Bengali word, an all-capitals gloss marks an organisation's acronym.
///
/// Long because it is one scan whose gloss rules move the index forward themselves.
pub(super) fn latin_glosses(blocks: &[BlockTokens<'_, '_>], mentions: &mut Vec<Mention>) {
    for b in blocks {
        let mut i = 1;
        while i < b.tokens.len() {
            let t = &b.tokens[i];
            if b.covered[i]
                || !t.text.starts_with(|c: char| c.is_ascii_alphabetic())
                || !b.text[..t.range.start].trim_end().ends_with('(')
            {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < b.tokens.len()
                && b.tokens[j + 1].adjacent
                && b.tokens[j + 1]
                    .text
                    .starts_with(|c: char| c.is_ascii_alphabetic())
            {
                j += 1;
            }
            let close = b.tokens[j].range.end;
            if !b.text[close..].trim_start().starts_with(')') {
                i = j + 1;
                continue;
            }
            let gloss = b.text[t.range.start..close].to_string();
            let before = b.tokens[i - 1].range.end;
            let named = mentions
                .iter()
                .position(|m| m.span.block == b.block && m.span.range.end == before);
            let span = Span {
                block: b.block,
                range: t.range.start..close,
            };
            match named {
                Some(k) => {
                    let target = mentions[k].target.clone();
                    let form = mentions[k].form;
                    mentions.push(Mention {
                        target,
                        form,
                        span,
                        surface: gloss.clone(),
                        gloss: Some(gloss),
                    });
                }
                None if is_acronym(&gloss) && !b.covered[i - 1] => {
                    let prev = &b.tokens[i - 1];
                    let chars = prev
                        .stems()
                        .iter()
                        .find(|s| s.strength == suffix::Strength::Strong)
                        .map_or(prev.key.chars().count(), |s| s.chars);
                    let stem_end = prev.range.start + byte_len_of_key_prefix(prev.text, chars);
                    let surface = b.text[prev.range.start..stem_end].to_string();
                    let target =
                        Target::Found(EntityKind::Organization, gazetteer::form_key(&surface));
                    mentions.push(Mention {
                        target: target.clone(),
                        form: Form::Name,
                        span: Span {
                            block: b.block,
                            range: prev.range.clone(),
                        },
                        surface,
                        gloss: Some(gloss.clone()),
                    });
                    mentions.push(Mention {
                        target,
                        form: Form::Name,
                        span,
                        surface: gloss.clone(),
                        gloss: Some(gloss),
                    });
                }
                None => {}
            }
            i = j + 1;
        }
    }
}

fn is_acronym(s: &str) -> bool {
    s.len() >= 2 && s.chars().all(|c| c.is_ascii_uppercase())
}
