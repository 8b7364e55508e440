//! The shipped entity tagger: it loads, finds unknown names in sentences written for this test,
//! proposes nothing in a sentence without names, and a damaged model file is refused.

use khobor::article::{Article, EntityKind};
use khobor::extract::Extractor;
use khobor::extract::gazetteer::Gazetteer;
use khobor::extract::model::{Model, Sentence};
use khobor::text::token::tokenize;

fn names(text: &str) -> Vec<(EntityKind, String)> {
    let gazetteer = Gazetteer::embedded().expect("gazetteer");
    let tokens = tokenize(text);
    let sentence = Sentence::new(text, &tokens, &gazetteer);
    Model::embedded()
        .names(&sentence)
        .into_iter()
        .map(|p| {
            let words: Vec<&str> = tokens[p.tokens].iter().map(|t| t.text).collect();
            (p.kind, words.join(" "))
        })
        .collect()
}

#[test]
fn the_embedded_model_loads_with_a_positive_threshold() {
    assert!(Model::embedded().threshold > 0.0);
}

#[test]
fn an_unknown_person_before_an_age_is_found() {
    let found = names("পুলিশ জানায়, নিহত ব্যক্তির নাম জাহাঙ্গীর আলম তালুকদার (৪৫)।");
    assert!(
        found
            .iter()
            .any(|(k, n)| *k == EntityKind::Person && n.contains("তালুকদার")),
        "{found:?}"
    );
}

#[test]
fn a_sentence_without_names_gets_no_proposal() {
    let found = names("আজ সকালে বৃষ্টি হয়েছে এবং বাজারে সবজির দাম কিছুটা বেড়েছে।");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_damaged_model_file_is_refused() {
    let bytes: &'static [u8] = b"KHOBORNE\x12\x00\x00\x00";
    assert!(Model::from_bytes(bytes).is_err());
    assert!(Model::from_bytes(b"not a model at all, just some bytes").is_err());
}

#[test]
fn the_extractor_reports_an_unknown_local_name() {
    let article = Article {
        body: vec!["পুলিশ জানায়, নিহত ব্যক্তির নাম জাহাঙ্গীর আলম তালুকদার (৪৫)।".to_string()],
        ..Article::default()
    };
    let entities = Extractor::new().extract(&article);
    assert!(
        entities
            .iter()
            .any(|e| e.kind == EntityKind::Person && e.name.contains("তালুকদার")),
        "{entities:?}"
    );
}
