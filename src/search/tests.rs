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
            body: vec!["এখানে অনেক লম্বা লেখা আছে যার ভেতরে লা ভ র ভ অক্ষরগুলো ছড়ানো।".into()],
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
fn body_words_are_found_ranked_below_titles() {
    let mut c = corpus(vec![
        ("লাভরভের সফর", day(2025, 7, 1), vec![], vec![]),
        ("বাজারে চালের দাম", day(2025, 7, 3), vec![], vec![]),
        ("নদীতে পানি বাড়ছে", day(2025, 7, 2), vec![], vec![]),
    ]);
    c.articles[1].body = vec!["সের্গেই লাভরভের সঙ্গে বৈঠকের পর বন্যা পরিস্থিতি।".into()];
    c.articles[2].body = vec!["উত্তরাঞ্চলে বন্যায় হাজারো মানুষ পানিবন্দি।".into()];
    let index = SearchIndex::new(&c);
    // The title match first, then the body match, though the body's article is newer.
    assert_eq!(articles(&index.search("লাভরভ")), vec![0, 1]);
    assert_eq!(articles(&index.search("lavrov")), vec![0, 1]);
    assert_eq!(articles(&index.search("title:লাভরভ")), vec![0]);
    assert_eq!(articles(&index.search("body:লাভরভ")), vec![1]);
    // Inflected forms in bodies, and English topic words.
    assert_eq!(sorted(articles(&index.search("বন্যা"))), vec![1, 2]);
    assert_eq!(sorted(articles(&index.search("flood"))), vec![1, 2]);
    // Scattered letters in a body are not a word.
    assert!(index.search("লাভরভ").iter().all(|h| h.article != 2));
    // A phrase holds in a body that has its words.
    assert_eq!(articles(&index.search("\"বন্যা পরিস্থিতি\"")), vec![1]);
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

/// The highlighted text of the best hit of `found` in `title`.
fn highlighted<'t>(title: &'t str, found: &Results) -> Vec<&'t str> {
    found
        .title_ranges(found[0].article)
        .iter()
        .map(|r| &title[r.clone()])
        .collect()
}

#[test]
fn highlights_land_on_the_bengali_text_that_matched() {
    let c = sample();
    let index = SearchIndex::new(&c);
    let hit = &index.find("putin");
    let title = &c.articles[hit[0].article].title;
    // The stem পুতিন ends inside the cluster নে, so the highlight takes the whole cluster.
    assert_eq!(highlighted(title, hit), vec!["পুতিনে"]);
    let hit = &index.find("erdogan");
    assert_eq!(highlighted(&c.articles[1].title, hit), vec!["এরদোয়ানে"]);
    let hit = &index.find("পুতি");
    assert_eq!(
        highlighted(&c.articles[hit[0].article].title, hit),
        vec!["পুতি"]
    );
}

#[test]
fn highlights_never_split_conjuncts() {
    let c = sample();
    let title = &c.articles[3].title;
    let index = SearchIndex::new(&c);
    // অস matches the start of অস্ত্র; স্ত্র is one cluster, so the highlight takes all of it.
    let hit = &index.find("অস");
    assert_eq!(highlighted(title, hit), vec!["অস্ত্র"]);
    // ক is the start of the cluster ক্ষ.
    let hit = &index.find("ক্");
    assert!(highlighted(title, hit).contains(&"ক্ষ"));
    // ন্ত inside মন্ত্রী: an infix, widened to the cluster ন্ত্রী.
    let hit = &index.find("ন্ত");
    assert_eq!(highlighted(title, hit), vec!["ন্ত্রী"]);
}

#[test]
fn highlights_map_through_key_changes() {
    // Bengali digits are one byte in the key and three in the title; য় precomposed is one char
    // in the title and two in the key.
    let title = "২০২৫ সালে রাশি\u{09DF}ার বার্তা";
    let c = corpus(vec![(title, None, vec![], vec![])]);
    let index = SearchIndex::new(&c);
    let hit = &index.find("রাশিয়া");
    assert_eq!(highlighted(title, hit), vec!["রাশি\u{09DF}া"]);
    let hit = &index.find("2025");
    assert_eq!(highlighted(title, hit), vec!["২০২৫"]);
}

/// Types each query one char at a time into a [`LiveSearch`] and checks every keystroke against
/// a fresh search: the same hits in the same order, the same highlights for each.
fn assert_typing_matches_fresh_searches(c: &Corpus, queries: &[&str]) {
    let index = SearchIndex::new(c);
    let never = AtomicBool::new(false);
    for query in queries {
        let mut live = LiveSearch::new();
        let mut typed = String::new();
        for ch in query.chars() {
            typed.push(ch);
            let refined = live.run(&index, &typed, &never).expect("not cancelled");
            let fresh = index.find(&typed);
            assert_eq!(refined.to_vec(), fresh.to_vec(), "after typing {typed:?}");
            for h in fresh.iter() {
                assert_eq!(
                    refined.title_ranges(h.article),
                    fresh.title_ranges(h.article),
                    "highlights of {} after typing {typed:?}",
                    h.article
                );
            }
            let within = index
                .search_within(&fresh, &Query::parse(&typed), &Query::parse(&typed), &never)
                .expect("not cancelled");
            assert_eq!(within.to_vec(), fresh.to_vec(), "within, after {typed:?}");
        }
    }
}

#[test]
fn typing_refines_to_the_same_results_as_a_fresh_search() {
    assert_typing_matches_fresh_searches(
        &sample(),
        &[
            "putin kim",
            "person:putin !trump",
            "phalaska",
            "source:bbc এরদো",
            "পুতিনের বৈঠক",
            "\"ট্রাম্প ও\"",
        ],
    );
}

/// Queries typed over [`generated`]: Bengali and Latin names, fields with an exclusion, a
/// phrase, a date, a conjunct.
const GENERATED_QUERIES: &[&str] = &[
    "পুতিন ও কিম",
    "lavrov moscow",
    "source:bbc person:putin !trump",
    "\"পুতিন\"",
    "date:2025 কিম",
    "মস্কো !তাস",
];

/// A few thousand articles from the seeds' words and a handful of names, with dates of both
/// kinds and none: large enough that the postings, the whole-corpus sweep and refinement all
/// come into play. Deterministic.
fn generated(n: usize) -> Corpus {
    use EntityKind::*;
    let (seeds, _) = Corpus::load(&[], &crate::extract::Extractor::new()).expect("seeds load");
    let mut words: Vec<&str> = seeds
        .articles
        .iter()
        .flat_map(|a| a.body.iter().chain([&a.title]))
        .flat_map(|t| t.split_whitespace())
        .collect();
    words.sort_unstable();
    words.dedup();
    let names = [
        (Person, "gaz:putin", "পুতিন", Some("Vladimir Putin")),
        (Person, "gaz:kim", "কিম", Some("Kim Jong Un")),
        (Person, "gaz:trump", "ট্রাম্প", Some("Donald Trump")),
        (Person, "gaz:lavrov", "লাভরভ", Some("Sergei Lavrov")),
        (Place, "gaz:moscow", "মস্কো", Some("Moscow")),
        (Organization, "gaz:hamas", "হামাস", Some("Hamas")),
    ];
    let outlets = [("BBC", "বিবিসি"), ("TASS", "তাস"), ("Reuters", "রয়টার্স")];
    let mut state = 0x5eed_u64;
    let mut next = move |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    let specs: Vec<Spec> = (0..n)
        .map(|_| {
            let mut title: Vec<&str> = (0..3 + next(6)).map(|_| words[next(words.len())]).collect();
            let mentioned: Vec<_> = (0..next(3)).map(|_| names[next(names.len())]).collect();
            for (_, _, name, _) in &mentioned {
                title.insert(next(title.len() + 1), name);
            }
            let published = match next(4) {
                0 => None,
                1 => NaiveDate::from_ymd_opt(2024 + next(2) as i32, 1 + next(12) as u32, 1)
                    .and_then(|d| d.and_hms_opt(next(24) as u32, 0, 0))
                    .map(Published::DateTime),
                _ => day(
                    2024 + next(2) as i32,
                    1 + next(12) as u32,
                    1 + next(28) as u32,
                ),
            };
            let (en, bn) = outlets[next(outlets.len())];
            (title.join(" "), published, vec![source(en, bn)], mentioned)
        })
        .map(|(title, published, sources, mentioned)| {
            (&*String::leak(title), published, sources, mentioned)
        })
        .collect();
    corpus(specs)
}

#[test]
fn typing_over_a_generated_corpus_matches_fresh_searches() {
    assert_typing_matches_fresh_searches(&generated(3000), GENERATED_QUERIES);
}

#[test]
fn hits_are_ranked_by_score_then_newest_first_undated_last() {
    let c = generated(3000);
    let index = SearchIndex::new(&c);
    let when = |i: usize| {
        c.articles[i].published.map(|p| match p {
            Published::Date(d) => d.and_time(chrono::NaiveTime::MIN),
            Published::DateTime(dt) => dt,
        })
    };
    for query in GENERATED_QUERIES.iter().chain(&["", "প", "k"]) {
        let hits = index.search(query);
        assert!(!hits.is_empty(), "{query:?} finds something");
        let mut expected = hits.clone();
        expected.sort_by_key(|h| {
            let w = when(h.article);
            (
                std::cmp::Reverse(h.score),
                w.is_none(),
                std::cmp::Reverse(w),
                h.article,
            )
        });
        assert_eq!(hits, expected, "order of {query:?}");
    }
}

#[test]
fn highlights_are_whole_clusters_sorted_and_only_for_hits() {
    use unicode_segmentation::UnicodeSegmentation;
    let c = generated(3000);
    let index = SearchIndex::new(&c);
    for query in GENERATED_QUERIES {
        let found = index.find(query);
        let mut highlighted = 0;
        for h in found.iter() {
            let title = &c.articles[h.article].title;
            let boundaries: Vec<usize> = title
                .grapheme_indices(true)
                .map(|(at, _)| at)
                .chain([title.len()])
                .collect();
            let ranges = found.title_ranges(h.article);
            for r in ranges.iter() {
                assert!(r.start < r.end, "{query:?}: empty range in {title:?}");
                assert!(boundaries.contains(&r.start) && boundaries.contains(&r.end));
            }
            assert!(ranges.windows(2).all(|w| w[0].end < w[1].start));
            highlighted += usize::from(!ranges.is_empty());
        }
        assert!(highlighted > 0, "{query:?} highlights something");
        let found_articles: Vec<usize> = found.iter().map(|h| h.article).collect();
        let missed = (0..c.articles.len()).find(|i| !found_articles.contains(i));
        if let Some(i) = missed {
            assert!(
                found.title_ranges(i).is_empty(),
                "{query:?}: article {i} was not found"
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
fn cited_media_are_media_names_not_sources() {
    let mut c = sample();
    c.articles[3].cited_media.push(MediaRef {
        name: "Al Jazeera".into(),
        name_bn: "আল জাজিরা".into(),
    });
    let index = SearchIndex::new(&c);
    // `source:` selects what the Sources facet counts: the article's own sources.
    assert!(index.search("source:jazeera").is_empty());
    assert_eq!(articles(&index.search("org:jazeera")), vec![3]);
    assert_eq!(articles(&index.search("org:\"al jazeera\"")), vec![3]);
    assert_eq!(articles(&index.search("জাজিরা")), vec![3]);
    assert_eq!(sorted(articles(&index.search("source:bbc"))), vec![1, 2]);
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

#[test]
fn snippets_show_the_body_around_the_first_match() {
    let mut c = corpus(vec![("নদীতে পানি বাড়ছে", None, vec![], vec![])]);
    let long = "শুরুতে অনেক কথা বলা হলো যেগুলোর সঙ্গে খবরের সম্পর্ক নেই। ".repeat(4);
    c.articles[0].body = vec![
        "প্রথম অনুচ্ছেদে কিছু নেই।".into(),
        format!("{long}উত্তরাঞ্চলে বন্যায় হাজারো মানুষ পানিবন্দি। {long}"),
    ];
    let index = SearchIndex::new(&c);
    let found = index.find("বন্যা");
    let snippet = found
        .highlighter
        .snippet(&c.articles[0].body, 40)
        .expect("a snippet");
    assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'));
    let marked: Vec<&str> = snippet
        .ranges
        .iter()
        .map(|r| &snippet.text[r.clone()])
        .collect();
    assert_eq!(marked, vec!["বন্যায়"]);
    assert!(snippet.text.chars().count() <= 40 + 2);
    // Every cut is at a cluster boundary: no piece starts with a vowel sign or halant.
    let inner = snippet.text.trim_matches('…');
    assert!(!inner.starts_with(|c: char| ('\u{09BE}'..='\u{09CD}').contains(&c)));
    // Nothing to show for a title-only match.
    assert_eq!(
        index
            .find("নদী")
            .highlighter
            .snippet(&c.articles[0].body, 40),
        None
    );
}

#[test]
fn alternatives_and_exact_words() {
    let c = corpus(vec![
        ("পুতিনের সফর", None, vec![], vec![]),
        ("ট্রাম্পের ভাষণ", None, vec![], vec![]),
        ("বাজারে চালের দাম", None, vec![], vec![]),
        ("নির্বাচনে ভোট", None, vec![], vec![]),
        ("নির্বাচন কমিশন", None, vec![], vec![]),
    ]);
    let index = SearchIndex::new(&c);
    assert_eq!(sorted(articles(&index.search("putin | trump"))), vec![0, 1]);
    assert_eq!(
        sorted(articles(&index.search("putin|trump|দাম"))),
        vec![0, 1, 2]
    );
    assert_eq!(
        sorted(articles(&index.search("!putin | trump"))),
        vec![1, 2, 3, 4]
    );
    assert_eq!(sorted(articles(&index.search("নির্বাচন"))), vec![3, 4]);
    assert_eq!(articles(&index.search("'নির্বাচন")), vec![4]);
    // An exact word is not transliterated.
    assert!(index.search("'putin").is_empty());
    // Highlights come from the alternative that matched.
    let found = index.find("putin | trump");
    let title = "ট্রাম্পের ভাষণ";
    let marked: Vec<&str> = found
        .title_ranges(1)
        .iter()
        .map(|r| &title[r.clone()])
        .collect();
    assert_eq!(marked, vec!["ট্রাম্পের"]);
}
