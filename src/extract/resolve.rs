//! From mentions to entities: one entity per real-world referent within an article, with ids that
//! are the same in every article.

use rustc_hash::FxHashMap as HashMap;

use crate::article::{Entity, EntityKind, Name, Span};
use crate::extract::gazetteer::{Entry, Form};
use crate::extract::names::display_name;

/// What a mention refers to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// A gazetteer entry.
    Known(usize),
    /// A name found from context: kind and the name's form key.
    Found(EntityKind, String),
    /// A news outlet of the shared outlet table, by its canonical English name.
    Outlet(String),
}

/// One mention of a name in an article.
#[derive(Clone, Debug)]
pub struct Mention {
    pub target: Target,
    pub form: Form,
    pub span: Span,
    /// The name as written, without its suffix.
    pub surface: String,
    /// A Latin-script gloss that followed in parentheses (`তাস (TASS)`).
    pub gloss: Option<String>,
}

/// Groups mentions into entities, most mentioned first (ties: first mentioned first).
pub fn entities(mentions: Vec<Mention>, entries: &[Entry]) -> Vec<Entity> {
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
        // Within one article every spelling counts once: the fullest is the name.
        let spellings: Vec<(&str, usize)> = ms
            .iter()
            .filter(|m| m.form == Form::Name)
            .map(|m| (m.surface.as_str(), 1))
            .collect();
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

pub fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Place => "place",
        EntityKind::Organization => "organization",
        EntityKind::Media => "media",
    }
}
