//! Entity extraction on the bundled seeds: the properties a reader relies on.

use khobor::article::{Article, Entity, EntityKind};
use khobor::corpus::Corpus;
use khobor::extract::Extractor;
use khobor::text::key::match_key;

fn seeds() -> Vec<Article> {
    let extractor = Extractor::new();
    match Corpus::load(&[], &extractor) {
        Ok((corpus, _)) => corpus.articles,
        Err(e) => panic!("seeds must load: {e}"),
    }
}

fn find<'a>(a: &'a Article, en: &str) -> &'a Entity {
    a.entities
        .iter()
        .find(|e| e.name_en.as_deref() == Some(en))
        .unwrap_or_else(|| panic!("{}: no {en} in {:?}", a.path, names(a)))
}

fn names(a: &Article) -> Vec<&str> {
    a.entities.iter().map(|e| &*e.name).collect()
}

fn has_alias(e: &Entity, form: &str) -> bool {
    e.aliases.iter().any(|a| match_key(a) == match_key(form))
}

#[test]
fn extractor_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Extractor>();
}

#[test]
fn spans_cover_the_name_as_written() {
    for a in seeds() {
        for e in &a.entities {
            assert_eq!(e.mentions, e.spans.len(), "{}", e.name);
            for s in &e.spans {
                let block = a
                    .block(s.block)
                    .unwrap_or_else(|| panic!("{:?} missing", s.block));
                let text = block
                    .get(s.range.clone())
                    .unwrap_or_else(|| panic!("{:?} not on char boundaries in {}", s, a.path));
                let key = match_key(text);
                assert!(
                    e.aliases.iter().any(|al| key.starts_with(&match_key(al))),
                    "{text} does not start with an alias of {} {:?}",
                    e.name,
                    e.aliases
                );
            }
        }
    }
}

#[test]
fn each_entity_once_per_article() {
    for a in seeds() {
        let mut keys: Vec<String> = a
            .entities
            .iter()
            .flat_map(|e| e.aliases.iter().map(|al| match_key(al)))
            .collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(
            n,
            keys.len(),
            "{}: a form belongs to two entities: {:?}",
            a.path,
            names(&a)
        );
    }
}

#[test]
fn names_carry_no_case_suffix_and_roles_are_not_people() {
    for a in seeds() {
        for e in &a.entities {
            for bad in ["রাশিয়ার", "রাশিয়াকে", "পুতিনের", "কিমকে", "প্রেসিডেন্ট", "নেতা"]
            {
                assert!(!has_alias(e, bad), "{}: {bad} in {:?}", a.path, e.aliases);
            }
        }
    }
}

#[test]
fn short_and_full_names_merge_within_an_article() {
    let all = seeds();
    let kim = find(&all[1], "Kim Jong Un");
    assert!(
        has_alias(kim, "কিম জং উন") && has_alias(kim, "কিম"),
        "{:?}",
        kim.aliases
    );
    assert_eq!(&*kim.name, "কিম জং উন");
    let trump = find(&all[3], "Donald Trump");
    assert!(has_alias(trump, "ট্রাম্প") && has_alias(trump, "ডোনাল্ড ট্রাম্প"));
    let us = find(&all[2], "United States");
    assert!(
        has_alias(us, "যুক্তরাষ্ট্র") && has_alias(us, "মার্কিন"),
        "{:?}",
        us.aliases
    );
    assert_eq!(us.kind, EntityKind::Place);
}

#[test]
fn context_finds_people_the_gazetteer_lacks() {
    let all = seeds();
    let kirby = all[2]
        .entities
        .iter()
        .find(|e| has_alias(e, "জন কিরবি"))
        .unwrap_or_else(|| panic!("Kirby missing: {:?}", names(&all[2])));
    assert_eq!(kirby.kind, EntityKind::Person);
    assert!(has_alias(kirby, "কিরবি"), "{:?}", kirby.aliases);
    assert!(all[0].entities.iter().any(|e| has_alias(e, "চোয়ে সন হুই")));
}

#[test]
fn ids_are_stable_across_articles() {
    let all = seeds();
    let ids: Vec<&str> = all.iter().map(|a| &*find(a, "Vladimir Putin").id).collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    assert!(ids[0].starts_with("gaz:"));
}
