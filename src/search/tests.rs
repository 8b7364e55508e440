//! Engine tests over a hand-built corpus (sources and entities as the extractor would give them).

use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;

use super::*;
use crate::article::{
    Article, Block, Entity, EntityKind, MediaRef, Published, SourceRef, SourceRole, Span,
};

fn entity(kind: EntityKind, id: &str, name: &str, en: Option<&str>, title: &str) -> Entity {
    let spans = title
        .match_indices(name)
        .map(|(at, m)| Span {
            block: Block::Title,
            range: at..at + m.len(),
        })
        .collect();
    Entity {
        id: id.into(),
        kind,
        name: name.into(),
        name_en: en.map(Into::into),
        aliases: vec![name.into()],
        mentions: 1,
        spans,
    }
}

fn source(en: &str, bn: &str) -> SourceRef {
    SourceRef {
        name: en.into(),
        name_bn: bn.into(),
        role: SourceRole::Credit,
    }
}

fn day(y: i32, m: u32, d: u32) -> Option<Published> {
    NaiveDate::from_ymd_opt(y, m, d).map(Published::Date)
}

/// (title, published, sources, entities as (kind, id, name, English name)).
type Spec<'a> = (
    &'a str,
    Option<Published>,
    Vec<SourceRef>,
    Vec<(EntityKind, &'a str, &'a str, Option<&'a str>)>,
);

fn corpus(specs: Vec<Spec>) -> Corpus {
    let articles = specs
        .into_iter()
        .enumerate()
        .map(|(i, (title, published, sources, ents))| Article {
            path: format!("a{i}"),
            title: title.into(),
            published,
            sources,
            body: vec!["লাভরভ নয়, এখানে অনেক লম্বা লেখা আছে যার ভেতরে লা ভ র ভ অক্ষরগুলো ছড়ানো।".into()],
            entities: ents
                .into_iter()
                .map(|(k, id, name, en)| entity(k, id, name, en, title))
                .collect(),
            ..Article::default()
        })
        .collect();
    Corpus { articles }
}

fn sample() -> Corpus {
    use EntityKind::*;
    corpus(vec![
        (
            "পুতিনের সঙ্গে বৈঠক করলেন কিম",
            day(2025, 7, 13),
            vec![source("TASS", "তাস")],
            vec![
                (Person, "gaz:putin", "পুতিন", Some("Vladimir Putin")),
                (Person, "gaz:kim", "কিম", Some("Kim Jong Un")),
            ],
        ),
        (
            "এরদোয়ানের ফোনালাপ নিয়ে বিবিসির প্রতিবেদন",
            day(2023, 9, 5),
            vec![source("BBC", "বিবিসি")],
            vec![(
                Person,
                "gaz:erdogan",
                "এরদোয়ান",
                Some("Recep Tayyip Erdoğan"),
            )],
        ),
        (
            "ট্রাম্প ও পুতিনের আলাস্কা বৈঠক",
            None,
            vec![source("BBC", "বিবিসি নিউজ")],
            vec![
                (Person, "gaz:trump", "ট্রাম্প", Some("Donald Trump")),
                (Person, "gaz:putin", "পুতিন", Some("Vladimir Putin")),
                (Place, "gaz:alaska", "আলাস্কা", Some("Alaska")),
            ],
        ),
        (
            "২০২৫ সালে অস্ত্র চুক্তি, ক্ষমা চাইলেন মন্ত্রী",
            day(2025, 1, 2),
            vec![],
            vec![(Organization, "gaz:hamas", "হামাস", Some("Hamas"))],
        ),
    ])
}

fn articles(hits: &[Hit]) -> Vec<usize> {
    hits.iter().map(|h| h.article).collect()
}

fn sorted(mut v: Vec<usize>) -> Vec<usize> {
    v.sort_unstable();
    v
}

#[test]
fn empty_query_is_everything_newest_first_undated_last() {
    let index = SearchIndex::new(&sample());
    assert_eq!(articles(&index.search("")), vec![0, 3, 1, 2]);
    assert_eq!(articles(&index.search("   ")), vec![0, 3, 1, 2]);
}

#[test]
fn latin_queries_find_bengali_titles_and_names() {
    let index = SearchIndex::new(&sample());
    assert_eq!(sorted(articles(&index.search("putin"))), vec![0, 2]);
    assert_eq!(articles(&index.search("trump")), vec![2]);
    assert_eq!(articles(&index.search("alaska")), vec![2]);
    // Not by skeleton (erdogan ≠ এরদোয়ান) but by the entity's English name.
    assert_eq!(articles(&index.search("erdogan")), vec![1]);
    // Acronym letter names: bbc → বিবিসি.
    assert_eq!(sorted(articles(&index.search("bbc"))), vec![1, 2]);
}

#[test]
fn bengali_queries_match_both_ya_encodings_and_digits() {
    let index = SearchIndex::new(&sample());
    assert_eq!(articles(&index.search("এরদো\u{09DF}ান")), vec![1]);
    assert_eq!(articles(&index.search("2025")), vec![3]);
    assert_eq!(articles(&index.search("২০২৫")), vec![3]);
}

#[test]
fn body_text_is_not_searched() {
    let index = SearchIndex::new(&sample());
    assert!(index.search("lavrov").is_empty());
    assert!(index.search("লাভরভ").is_empty());
}

#[test]
fn exact_words_outrank_prefixes_and_fuzzy() {
    let c = corpus(vec![
        ("কমিশনের বৈঠক", None, vec![], vec![]),
        ("কিম বললেন", None, vec![], vec![]),
        ("কিমের বার্তা", None, vec![], vec![]),
    ]);
    let index = SearchIndex::new(&c);
    let hits = index.search("কিম");
    assert_eq!(articles(&hits), vec![1, 2]);
    assert!(hits[0].score > hits[1].score);
    // Typing a consonant skeleton in Bengali letters still finds the word, below exact ones.
    let hits = index.search("কম");
    assert_eq!(hits.first().map(|h| h.article), Some(0));
}

#[test]
fn fields_filter_by_kind_and_outlet() {
    let index = SearchIndex::new(&sample());
    assert_eq!(articles(&index.search("source:tass")), vec![0]);
    assert_eq!(articles(&index.search("source:তাস")), vec![0]);
    assert_eq!(sorted(articles(&index.search("source:bbc"))), vec![1, 2]);
    assert_eq!(sorted(articles(&index.search("person:putin"))), vec![0, 2]);
    // Alaska is a place, not a person.
    assert!(index.search("person:alaska").is_empty());
    assert_eq!(articles(&index.search("place:alaska")), vec![2]);
    assert_eq!(articles(&index.search("org:hamas")), vec![3]);
    // A field is not matched fuzzily.
    assert!(index.search("source:bsc").is_empty());
}

#[test]
fn exclusions_and_conjunctions() {
    let index = SearchIndex::new(&sample());
    assert_eq!(articles(&index.search("person:putin !trump")), vec![0]);
    assert_eq!(articles(&index.search("putin kim")), vec![0]);
    assert_eq!(sorted(articles(&index.search("!source:bbc"))), vec![0, 3]);
    assert_eq!(articles(&index.search("\"সঙ্গে বৈঠক\"")), vec![0]);
}

#[test]
fn dates_filter_and_undated_never_match() {
    let index = SearchIndex::new(&sample());
    assert_eq!(articles(&index.search("date:2025-07")), vec![0]);
    assert_eq!(articles(&index.search("date:2025")), vec![0, 3]);
    assert_eq!(articles(&index.search("date:2023..2025-01")), vec![3, 1]);
    // Undated articles are not known to be in 2025, so an exclusion keeps them.
    assert_eq!(articles(&index.search("!date:2025")), vec![1, 2]);
}

fn highlighted<'t>(title: &'t str, hit: &Hit) -> Vec<&'t str> {
    hit.title_ranges.iter().map(|r| &title[r.clone()]).collect()
}

#[test]
fn highlights_land_on_the_bengali_text_that_matched() {
    let c = sample();
    let index = SearchIndex::new(&c);
    let hit = &index.search("putin")[0];
    let title = &c.articles[hit.article].title;
    // The stem পুতিন ends inside the cluster নে, so the highlight takes the whole cluster.
    assert_eq!(highlighted(title, hit), vec!["পুতিনে"]);
    let hit = &index.search("erdogan")[0];
    assert_eq!(highlighted(&c.articles[1].title, hit), vec!["এরদোয়ানে"]);
    let hit = &index.search("পুতি")[0];
    assert_eq!(
        highlighted(&c.articles[hit.article].title, hit),
        vec!["পুতি"]
    );
}

#[test]
fn highlights_never_split_conjuncts() {
    let c = sample();
    let title = &c.articles[3].title;
    let index = SearchIndex::new(&c);
    // অস matches the start of অস্ত্র; স্ত্র is one cluster, so the highlight takes all of it.
    let hit = &index.search("অস")[0];
    assert_eq!(highlighted(title, hit), vec!["অস্ত্র"]);
    // ক is the start of the cluster ক্ষ.
    let hit = &index.search("ক্")[0];
    assert!(highlighted(title, hit).contains(&"ক্ষ"));
    // ন্ত inside মন্ত্রী: an infix, widened to the cluster ন্ত্রী.
    let hit = &index.search("ন্ত")[0];
    assert_eq!(highlighted(title, hit), vec!["ন্ত্রী"]);
}

#[test]
fn highlights_map_through_key_changes() {
    // Bengali digits are one byte in the key and three in the title; য় precomposed is one char
    // in the title and two in the key.
    let title = "২০২৫ সালে রাশি\u{09DF}ার বার্তা";
    let c = corpus(vec![(title, None, vec![], vec![])]);
    let index = SearchIndex::new(&c);
    let hit = &index.search("রাশিয়া")[0];
    assert_eq!(highlighted(title, hit), vec!["রাশি\u{09DF}া"]);
    let hit = &index.search("2025")[0];
    assert_eq!(highlighted(title, hit), vec!["২০২৫"]);
}

#[test]
fn typing_refines_to_the_same_results_as_a_fresh_search() {
    let c = sample();
    let index = SearchIndex::new(&c);
    let never = AtomicBool::new(false);
    for query in [
        "putin kim",
        "person:putin !trump",
        "phalaska",
        "source:bbc এরদো",
        "পুতিনের বৈঠক",
        "\"ট্রাম্প ও\"",
    ] {
        let mut live = LiveSearch::new();
        let mut typed = String::new();
        for ch in query.chars() {
            typed.push(ch);
            let live_hits = live.run(&index, &typed, &never).map(|h| h.to_vec());
            assert_eq!(
                live_hits,
                Some(index.search(&typed)),
                "after typing {typed:?}"
            );
        }
    }
}

#[test]
fn cancelled_search_returns_none() {
    let index = SearchIndex::new(&sample());
    let cancelled = AtomicBool::new(true);
    assert_eq!(index.search_query(&Query::parse("putin"), &cancelled), None);
    let mut live = LiveSearch::new();
    assert!(live.run(&index, "putin", &cancelled).is_none());
}

#[test]
fn cited_media_count_as_outlets() {
    let mut c = sample();
    c.articles[3].cited_media.push(MediaRef {
        name: "Al Jazeera".into(),
        name_bn: "আল জাজিরা".into(),
    });
    let index = SearchIndex::new(&c);
    assert_eq!(articles(&index.search("source:jazeera")), vec![3]);
    assert_eq!(articles(&index.search("source:\"al jazeera\"")), vec![3]);
    assert_eq!(articles(&index.search("জাজিরা")), vec![3]);
}

#[test]
fn rare_words_are_found_through_postings_in_a_large_corpus() {
    use EntityKind::*;
    let mut specs: Vec<Spec> = (0..200)
        .map(|_| ("বাজারে চালের দাম বাড়ল", None, vec![], vec![]))
        .collect();
    specs.push((
        "লাভরভের সফর",
        day(2025, 7, 13),
        vec![source("TASS", "তাস")],
        vec![(Person, "gaz:lavrov", "লাভরভ", Some("Sergei Lavrov"))],
    ));
    let index = SearchIndex::new(&corpus(specs));
    assert_eq!(articles(&index.search("lavrov")), vec![200]);
    assert_eq!(articles(&index.search("লাভরভ")), vec![200]);
    assert_eq!(articles(&index.search("source:tass")), vec![200]);
    assert_eq!(articles(&index.search("দাম")).len(), 200);
    assert_eq!(index.search("দাম !দাম").len(), 0);
}
