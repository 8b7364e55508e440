//! The app while its corpus streams in: batches arrive as actions, indexing and searching are
//! asked of the runtime as effects, and their answers come back as actions — all without I/O.

use std::sync::Arc;

use khobor::app::{Action, App, Command, Effect, Facets, Note, Options, update};
use khobor::corpus::Corpus;
use khobor::extract::Extractor;
use khobor::load::LoadEvent;
use khobor::load::LoadOptions;
use khobor::reload::reload;
use khobor::search::Hit;
use khobor::sort::SortKeys;
use khobor::text::width::WidthPolicy;

fn seeds() -> Corpus {
    Corpus::load(&[], &Extractor::new()).expect("seeds load").0
}

fn app() -> App {
    let options = Options::embedded(WidthPolicy::Terminal).expect("embedded options");
    App::streaming(options, (120, 40))
}

/// The corpus lent to the indexer, taken out of the effects as the runtime does.
fn snapshot(effects: Vec<Effect>) -> Option<Arc<Corpus>> {
    effects.into_iter().find_map(|e| match e {
        Effect::Index(s) => Some(s.0),
        _ => None,
    })
}

fn search(effects: &[Effect]) -> Option<(String, u64)> {
    effects.iter().find_map(|e| match e {
        Effect::Search { query, generation } => Some((query.clone(), *generation)),
        _ => None,
    })
}

fn hit(article: usize) -> Hit {
    Hit { article, score: 1 }
}

#[test]
fn batches_are_listed_at_once_and_queued_while_the_indexer_holds_the_corpus() {
    let mut articles = seeds().articles;
    let rest = articles.split_off(2);
    let mut app = app();
    assert!(app.loading().is_some());

    let effects = update(&mut app, Action::Load(LoadEvent::Articles(articles)));
    assert_eq!(app.corpus().articles.len(), 2);
    assert_eq!(app.rows().len(), 2, "listed before any index exists");
    assert!(effects.contains(&Effect::Redraw));
    let lent = snapshot(effects).expect("first batch is indexed");
    assert_eq!(lent.articles.len(), 2);

    // The indexer still holds the corpus: the next batch waits, no second index is asked for.
    let effects = update(&mut app, Action::Load(LoadEvent::Articles(rest)));
    assert_eq!(app.corpus().articles.len(), 2);
    assert!(snapshot(effects).is_none());

    // The indexer is done and let go: the queued batch lands, and (the corpus doubled) a new
    // index is asked for.
    let facets = Facets::new(&lent);
    let sort_keys = SortKeys::new(&lent.articles);
    drop(lent);
    let effects = update(
        &mut app,
        Action::Indexed {
            articles: 2,
            facets,
            sort_keys,
        },
    );
    assert_eq!(app.corpus().articles.len(), 4);
    assert_eq!(app.rows().len(), 4);
    let lent = snapshot(effects).expect("re-index after doubling");
    assert_eq!(lent.articles.len(), 4);

    let facets = Facets::new(&lent);
    let sort_keys = SortKeys::new(&lent.articles);
    drop(lent);
    update(&mut app, Action::Load(LoadEvent::Finished));
    assert!(app.loading().is_some(), "the last index is not built yet");
    update(
        &mut app,
        Action::Indexed {
            articles: 4,
            facets,
            sort_keys,
        },
    );
    assert_eq!(app.loading(), None);
    assert!(app.facets().sources.iter().any(|s| s.name == "TASS"));
}

#[test]
fn queries_go_to_the_worker_and_only_the_latest_answer_counts() {
    let mut app = app();
    let effects = update(
        &mut app,
        Action::Load(LoadEvent::Articles(seeds().articles)),
    );
    drop(effects);
    update(&mut app, Action::Command(Command::StartFilter));
    let effects = update(&mut app, Action::Paste("lavro".into()));
    let (query, older) = search(&effects).expect("a search is asked for");
    assert_eq!(query, "lavro");
    assert_eq!(app.rows().len(), 4, "rows stay until the answer comes");
    let effects = update(&mut app, Action::Paste("v".into()));
    let (query, latest) = search(&effects).expect("typing more asks again");
    assert_eq!(query, "lavrov");
    assert!(latest > older);

    update(
        &mut app,
        Action::Searched {
            generation: older,
            hits: vec![hit(0), hit(1)].into(),
        },
    );
    assert_eq!(app.rows().len(), 4, "a stale answer is dropped");
    let effects = update(
        &mut app,
        Action::Searched {
            generation: latest,
            hits: vec![hit(0)].into(),
        },
    );
    let shown: Vec<usize> = app.rows().iter().map(|r| r.article).collect();
    assert_eq!(shown, [0]);
    assert!(effects.contains(&Effect::Redraw));
}

#[test]
fn a_failed_load_is_reported() {
    let mut app = app();
    update(
        &mut app,
        Action::Load(LoadEvent::Failed("/x: no such file or directory".into())),
    );
    assert_eq!(app.load_error(), Some("/x: no such file or directory"));
}

fn reload_request(effects: &[Effect]) -> Option<(usize, String)> {
    effects.iter().find_map(|e| match e {
        Effect::Reload { article, path, .. } => Some((*article, path.clone())),
        _ => None,
    })
}

#[test]
fn a_light_article_is_read_again_in_full_when_selected() {
    let extractor = Extractor::new();
    let light = LoadOptions::default().light(true);
    let articles = Corpus::load_with(&[], &extractor, &light)
        .expect("seeds load")
        .0
        .articles;
    let mut app = app();
    let effects = update(&mut app, Action::Load(LoadEvent::Articles(articles)));
    let (first, path) = reload_request(&effects).expect("the selected article is asked for");
    let shown = app.reader_view().expect("an article is selected");
    assert!(
        shown.article.body.is_empty(),
        "title and meta until the text comes"
    );
    // Asked once: more updates do not ask again.
    let again = update(&mut app, Action::Resize(100, 30));
    assert!(reload_request(&again).is_none());

    // Moving on asks for the next one; the late answer for the first is dropped.
    let effects = update(&mut app, Action::Command(Command::Down));
    let (second, _) = reload_request(&effects).expect("the next article is asked for");
    assert_ne!(first, second);
    let id = app.corpus().articles[first].id;
    let full = reload(&path, id, &extractor).expect("seed reloads");
    let late = update(
        &mut app,
        Action::Reloaded {
            article: first,
            result: Ok(Arc::new(full)),
        },
    );
    assert!(!late.contains(&Effect::Redraw));
    assert!(app.reader_view().expect("selected").article.body.is_empty());

    let a = &app.corpus().articles[second];
    let full = reload(&a.path, a.id, &extractor).expect("seed reloads");
    let body = full.article.body.clone();
    let effects = update(
        &mut app,
        Action::Reloaded {
            article: second,
            result: Ok(Arc::new(full)),
        },
    );
    assert!(effects.contains(&Effect::Redraw));
    let shown = app.reader_view().expect("selected");
    assert_eq!(shown.article.body, body);
    assert_eq!(shown.note, None);

    // A file that cannot be read again says why, in the reader.
    let effects = update(&mut app, Action::Command(Command::Down));
    let (third, _) = reload_request(&effects).expect("asked for");
    update(
        &mut app,
        Action::Reloaded {
            article: third,
            result: Err("gone.txt: skipped: cannot read".into()),
        },
    );
    let shown = app.reader_view().expect("selected");
    assert_eq!(
        shown.note,
        Some(Note::Unreadable("gone.txt: skipped: cannot read"))
    );
}
