//! Spelling variants of one person in one article are one entity; different people stay apart.
//! Sentences written for this test.

use khobor::article::{Article, Entity, EntityKind};
use khobor::extract::Extractor;

fn people(body: &[&str]) -> Vec<Entity> {
    let article = Article {
        body: body.iter().map(|s| s.to_string()).collect(),
        ..Article::default()
    };
    Extractor::new()
        .extract(&article)
        .into_iter()
        .filter(|e| e.kind == EntityKind::Person)
        .collect()
}

/// People with a form that holds `form` (a form may keep its particle: `মো. …`).
fn holding<'a>(people: &'a [Entity], form: &str) -> Vec<&'a Entity> {
    people
        .iter()
        .filter(|e| e.aliases.iter().any(|a| a.contains(form)))
        .collect()
}

#[test]
fn two_spellings_of_one_name_are_one_person() {
    let found = people(&[
        "সমিতির সভাপতি মো. রফিকুল আহমদ (৫২) বলেন, সভা হবে।",
        "পরে মো. রফিকুল আহমেদ (৫২) জানান, সবাই আসবেন।",
    ]);
    let a = holding(&found, "রফিকুল আহমদ");
    let b = holding(&found, "রফিকুল আহমেদ");
    assert_eq!(a.len(), 1, "{found:?}");
    assert_eq!(b.len(), 1, "{found:?}");
    assert_eq!(a[0].id, b[0].id, "{found:?}");
}

#[test]
fn long_and_short_vowels_merge_too() {
    let found = people(&[
        "মো. নাসির উদ্দিন চৌধুরী (৪০) বলেন, কাজ চলছে।",
        "মো. নাসির উদ্দীন চৌধুরি (৪০) আরও বলেন, শেষ হবে।",
    ]);
    let ids: Vec<_> = ["নাসির উদ্দিন চৌধুরী", "নাসির উদ্দীন চৌধুরি"]
        .iter()
        .flat_map(|f| holding(&found, f))
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(ids.len(), 2, "{found:?}");
    assert_eq!(ids[0], ids[1], "{found:?}");
}

#[test]
fn names_that_differ_by_a_consonant_stay_two_people() {
    let found = people(&[
        "মো. রফিকুল আহমদ (৫২) বলেন, সভা হবে।",
        "মো. শফিকুল আহমদ (৪৮) জানান, সবাই আসবেন।",
    ]);
    let a = holding(&found, "রফিকুল আহমদ");
    let b = holding(&found, "শফিকুল আহমদ");
    assert_eq!(a.len(), 1, "{found:?}");
    assert_eq!(b.len(), 1, "{found:?}");
    assert_ne!(a[0].id, b[0].id);
}
