//! Issue 12, item 3: a Latin query finds a Bengali word only when the word is a plausible spelling
//! of the whole query word (or the gazetteer's English names say so), never a word that merely
//! shares its consonants. Runs over a fixture archive written to real files and loaded with the
//! real extractor, through the same engine as the reader and `khobor search`.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use khobor::corpus::Corpus;
use khobor::extract::Extractor;
use khobor::search::SearchIndex;

/// `(query, titles it must find, titles it must not find)`. Each title is one fixture article.
type Case = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const CASES: &[Case] = &[
    // People, by their sounds or the gazetteer's English names.
    (
        "hasina",
        &["হাসিনা", "হাসিনার", "শেখ হাসিনা ভারতে"],
        &["হাসান", "হোসেন", "আহসান", "সাকিব আল হাসান অবসরে"],
    ),
    // তারেক alone (no রহমান, so no gazetteer entity): the gazetteer pairs the words.
    (
        "tarique",
        &["তারেক রহমান দেশে ফিরছেন", "তারেক"],
        &["তারিখ", "তারিখে"],
    ),
    (
        "modi",
        &["মোদি", "মোদির"],
        &["মধ্যে", "মধ্যেই", "মৃদু", "মুদি", "মধ্যদিয়ে", "মধ্যি"],
    ),
    ("putin", &["পুতিন", "পুতিনের"], &["পতন", "পাঠানো", "পাঠায়নি"]),
    ("trump", &["ট্রাম্প", "ট্রাম্পের"], &["তারাই"]),
    ("yunus", &["ইউনূস", "ইউনূসের"], &["ইউনিয়ন"]),
    ("khaleda", &["খালেদা"], &["খালিদ", "খালেদ"]),
    ("biden", &["বাইডেন"], &["বেদনা", "বাদানুবাদ"]),
    ("netanyahu", &["নেতানিয়াহু"], &["নতুন"]),
    ("zelensky", &["জেলেনস্কি"], &[]),
    ("tamim", &["তামিম"], &["তামাম"]),
    ("salman", &["সালমান"], &["সুলেমান"]),
    ("imran", &["ইমরান"], &["আমরা"]),
    ("mamata", &["মমতা"], &["মামলা"]),
    ("obama", &["ওবামা"], &[]),
    ("kim", &["কিম"], &["কম", "কমিশন"]),
    ("lavrov", &["লাভরভ", "লাভরভের"], &[]),
    ("shoigu", &["শোইগু"], &["সাগর"]),
    ("abbas", &["আব্বাস"], &["আবেশ"]),
    ("asif", &["আসিফ"], &["আসফ"]),
    ("shakib", &["সাকিব আল হাসান অবসরে"], &["সাকেব"]),
    ("fakhrul", &["ফখরুল"], &["ফখর"]),
    ("quader", &["কাদের"], &["কদর"]),
    ("rahman", &["রহমান", "তারেক রহমান দেশে ফিরছেন"], &["রহমত"]),
    ("mohammad", &["মোহাম্মদ"], &["মহামারি", "মুদি"]),
    ("muhammad", &["মুহাম্মদ", "মোহাম্মদ"], &["মহামারি"]),
    ("hossain", &["হোসেন", "হোসাইন"], &["হাসিনা"]),
    // Places.
    (
        "dhaka",
        &["ঢাকা", "ঢাকার"],
        &["ডাক", "ঢাকনা", "ধাক্কা", "ধাক্কায়", "ডাকা", "ডাকায়"],
    ),
    ("chattogram", &["চট্টগ্রাম"], &[]),
    ("sylhet", &["সিলেটে বৃষ্টি"], &["সালাত"]),
    ("khulna", &["খুলনা"], &["খালি"]),
    ("rajshahi", &["রাজশাহী"], &["রাজস্ব"]),
    ("barishal", &["বরিশাল"], &[]),
    ("gaza", &["গাজা", "গাজায়"], &["গজ", "গাঁজা", "গজায়"]),
    ("kolkata", &["কলকাতা"], &["কলকাঠি"]),
    ("london", &["লন্ডন"], &["লেনদেন"]),
    ("moscow", &["মস্কো"], &["মাসুক"]),
    ("israel", &["ইসরায়েল", "ইসরায়েলের"], &["ইসরাফিল"]),
    ("iran", &["ইরান", "ইরানের"], &["ইরনা", "আয়রন", "আয়রনের"]),
    ("ukraine", &["ইউক্রেন"], &["আকরনের"]),
    (
        "russia",
        &["রাশিয়া", "রাশিয়ার"],
        &["রশি", "রাশি", "রাশির", "রাশা", "রাইসা", "রয়েসয়ে"],
    ),
    ("pakistan", &["পাকিস্তান"], &["পুকুরে"]),
    ("gopalganj", &["গোপালগঞ্জ"], &[]),
    ("narayanganj", &["নারায়ণগঞ্জ"], &[]),
    ("mirpur", &["মিরপুর"], &["মারপিট"]),
    ("pilkhana", &["পিলখানা"], &["পালকি"]),
    ("teesta", &["তিস্তা"], &["তাসত"]),
    ("padma", &["পদ্মা"], &["পদ"]),
    // Parties, organisations and outlets.
    ("bnp", &["বিএনপি", "বিএনপির"], &[]),
    ("awami", &["আওয়ামী"], &["আমি"]),
    ("jamaat", &["জামায়াত"], &["জমা", "জমায়েত", "জমায়েতে"]),
    ("nato", &["ন্যাটো"], &["নোট"]),
    ("hamas", &["হামাস"], &["হিমশিম"]),
    ("unicef", &["ইউনিসেফ"], &[]),
    ("bbc", &["বিবিসি"], &[]),
    ("reuters", &["রয়টার্স"], &["রুটির"]),
    ("jugantor", &["যুগান্তর"], &["জগত"]),
    ("samakal", &["সমকাল"], &["সমকামী"]),
    ("ittefaq", &["ইত্তেফাক"], &[]),
    ("rohingya", &["রোহিঙ্গা"], &["রাহাজানি"]),
    // English topic words, through assets/topics.toml.
    ("flood", &["বন্যা", "বন্যায়"], &["ফলাফল"]),
    ("election", &["নির্বাচন", "নির্বাচনে"], &["লেকচার"]),
    ("earthquake", &["ভূমিকম্প", "ভূমিকম্পে"], &["আর্থিক"]),
    ("cyclone", &["ঘূর্ণিঝড়"], &["সাইকেল"]),
    ("dengue", &["ডেঙ্গু"], &["ডাঙা"]),
    ("corruption", &["দুর্নীতি"], &[]),
    ("budget", &["বাজেট"], &["বদলি"]),
    ("inflation", &["মূল্যস্ফীতি"], &[]),
    ("police", &["পুলিশ"], &["পলাশ"]),
    ("cricket", &["ক্রিকেট"], &["কারখানা"]),
    ("gazette", &["প্রজ্ঞাপন"], &[]),
];

/// A field filter never falls back to consonants alone.
const FIELD_CASES: &[Case] = &[
    (
        "person:hasina",
        &["শেখ হাসিনা ভারতে"],
        &["সাকিব আল হাসান অবসরে", "হাসান", "হোসেন", "আহসান"],
    ),
    ("place:sylhet", &["সিলেটে বৃষ্টি"], &["সালাত"]),
];

struct Fixture {
    corpus: Corpus,
    index: SearchIndex,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let titles: BTreeSet<&str> = CASES
            .iter()
            .chain(FIELD_CASES)
            .flat_map(|(_, must, not)| must.iter().chain(not.iter()).copied())
            .collect();
        let dir = tempfile::tempdir().expect("a temporary directory");
        for (i, title) in titles.iter().enumerate() {
            let text = format!("{title}\n\n{title} নিয়ে বিস্তারিত প্রতিবেদন।\n");
            std::fs::write(dir.path().join(format!("{i:03}.txt")), text).expect("fixture written");
        }
        let (corpus, _) = Corpus::load(&[dir.path().to_path_buf()], &Extractor::new())
            .expect("the fixture archive loads");
        assert_eq!(corpus.articles.len(), titles.len());
        let index = SearchIndex::new(&corpus);
        Fixture {
            corpus,
            index,
            _dir: dir,
        }
    })
}

/// The titles `query` finds.
fn found(query: &str) -> BTreeSet<String> {
    let f = fixture();
    f.index
        .search(query)
        .iter()
        .map(|h| f.corpus.articles[h.article].title.clone())
        .collect()
}

/// Every miss (a must-title not found) and every false hit (a must-not title found).
fn failures(cases: &[Case]) -> (usize, usize, Vec<String>) {
    let (mut checks, mut wrong, mut notes) = (0, 0, Vec::new());
    for (query, must, not) in cases {
        let hits = found(query);
        for t in *must {
            checks += 1;
            if !hits.contains(*t) {
                wrong += 1;
                notes.push(format!("{query} misses {t}"));
            }
        }
        for t in *not {
            checks += 1;
            if hits.contains(*t) {
                wrong += 1;
                notes.push(format!("{query} finds {t}"));
            }
        }
    }
    (checks, wrong, notes)
}

#[test]
fn the_set_is_large_enough() {
    assert!(CASES.len() >= 60, "{} queries", CASES.len());
    let negatives: usize = CASES.iter().map(|(_, _, not)| not.len()).sum();
    assert!(negatives >= 50, "{negatives} must-not words");
}

#[test]
fn latin_queries_find_their_words_and_only_those() {
    let (checks, wrong, notes) = failures(CASES);
    assert!(
        wrong == 0,
        "{wrong} of {checks} wrong:\n{}",
        notes.join("\n")
    );
}

#[test]
fn field_filters_match_only_plausible_spellings() {
    let (checks, wrong, notes) = failures(FIELD_CASES);
    assert!(
        wrong == 0,
        "{wrong} of {checks} wrong:\n{}",
        notes.join("\n")
    );
}

/// The words the issue names, kept apart so a regression names them.
#[test]
fn the_issues_examples() {
    let examples: HashMap<&str, &[&str]> = HashMap::from([
        ("hasina", &["হাসান", "হোসেন", "আহসান"][..]),
        ("tarique", &["তারিখ"][..]),
        ("modi", &["মধ্যে", "মৃদু"][..]),
        ("putin", &["পতন", "পাঠানো"][..]),
        ("earthquake", &["আর্থিক"][..]),
    ]);
    for (query, not) in examples {
        let hits = found(query);
        for t in not {
            assert!(!hits.contains(*t), "{query} finds {t}");
        }
    }
}

/// With no plausible spelling anywhere, a Latin word still finds words with its consonants, as
/// a last resort.
#[test]
fn consonants_alone_are_a_last_resort() {
    assert!(found("daak").contains("ডাক"));
    assert!(!found("dhaka").contains("ডাক"));
}

/// A Bengali common word does not reach an article through a name another article wrote: the
/// gazetteer no longer calls "সর্বোচ্চ আদালত" ("the highest court", said of any country's) a form
/// of Bangladesh's Supreme Court, so an article that names only সুপ্রিম কোর্ট is not an আদালত hit.
#[test]
fn a_description_is_not_a_name_shared_across_articles() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let articles = [
        "ভারতের সর্বোচ্চ আদালতের রায়\n\nভারতের সর্বোচ্চ আদালত আজ রায় দিয়েছে।\n",
        "সুপ্রিম কোর্টে শুনানি\n\nসুপ্রিম কোর্ট আজ রিটের শুনানি করেছে।\n",
    ];
    for (i, text) in articles.iter().enumerate() {
        std::fs::write(dir.path().join(format!("{i}.txt")), text).expect("fixture written");
    }
    let (corpus, _) = Corpus::load(&[dir.path().to_path_buf()], &Extractor::new())
        .expect("the fixture archive loads");
    let index = SearchIndex::new(&corpus);
    let titles: BTreeSet<&str> = index
        .search("আদালত")
        .iter()
        .map(|h| corpus.articles[h.article].title.as_str())
        .collect();
    assert_eq!(titles, BTreeSet::from(["ভারতের সর্বোচ্চ আদালতের রায়"]));
}
