//! Page layouts beyond the seeds: what other Bengali portals put around an article.

use khobor::article::SourceRole;
use khobor::ingest::parse_bytes;

fn names(roles: &[khobor::article::SourceRef]) -> Vec<(&str, SourceRole)> {
    roles.iter().map(|s| (s.name.as_str(), s.role)).collect()
}

#[test]
fn portal_with_desk_byline_labelled_dates_and_two_agencies() {
    let text = "হামাস নেতাকে হত্যার অভিযোগ ইসরায়েলের বিরুদ্ধে\n\
        আন্তর্জাতিক ডেস্ক\n\
        প্রকাশ: ০৩ জানুয়ারি ২০২৪, ১৩: ২৪\n\
        আপডেট: ০৩ জানুয়ারি ২০২৪, ১৫: ১০\n\
        \n\
        বৈরুতে ড্রোন হামলায় হামাসের এক নেতা নিহত হয়েছেন। খবর রয়টার্স ও এএফপির।\n\
        ইসরায়েলি সংবাদমাধ্যম হারেৎজ জানিয়েছে, হামলার দায় কেউ স্বীকার করেনি। দ্য ইকোনমিস্ট এর আগে লিখেছিল।\n\
        আল–জাজিরার এক প্রতিবেদনে বলা হয়, দক্ষিণাঞ্চলে বিস্ফোরণ ঘটে।\n\
        আরও পড়ুন\n\
        লন্ডনে বিক্ষোভ হয়েছে।\n";
    let (a, _) = parse_bytes("portal.txt", text.as_bytes()).expect("parses");
    assert_eq!(a.title, "হামাস নেতাকে হত্যার অভিযোগ ইসরায়েলের বিরুদ্ধে");
    assert_eq!(a.byline, ["আন্তর্জাতিক ডেস্ক"]);
    assert_eq!(
        a.published.map(|p| p.to_iso()).as_deref(),
        Some("2024-01-03T13:24:00"),
        "the publication label wins over the update label"
    );
    assert_eq!(
        names(&a.sources),
        [
            ("Reuters", SourceRole::Credit),
            ("AFP", SourceRole::Credit),
            ("Haaretz", SourceRole::Attributed),
            ("Al Jazeera", SourceRole::Attributed),
        ]
    );
    assert_eq!(a.cited_media.len(), 1);
    assert_eq!(a.cited_media[0].name, "The Economist");
    assert_eq!(a.body.len(), 4, "{:?}", a.body);
    assert!(!a.body.iter().any(|p| p.contains("আরও পড়ুন")));
}

#[test]
fn windows_line_endings_escapes_and_nbsp_are_cleaned_before_parsing() {
    let text = "\u{FEFF}\u{1B}[1mকিমের রাশিয়া সফর\u{1B}[0m\r\n\r\n১৩ জুলাই ২০২৫\r\nপ্রথম\u{A0}অনুচ্ছেদ। সূত্র:\u{A0}বিবিসি\r\n";
    let (a, w) = parse_bytes("win.txt", text.as_bytes()).expect("parses");
    assert!(w.is_empty());
    assert_eq!(a.title, "কিমের রাশিয়া সফর");
    assert_eq!(
        a.published.map(|p| p.to_iso()).as_deref(),
        Some("2025-07-13")
    );
    assert_eq!(a.body, ["প্রথম অনুচ্ছেদ। সূত্র: বিবিসি"]);
    assert_eq!(names(&a.sources), [("BBC", SourceRole::Credit)]);
}

#[test]
fn decomposed_and_composed_ya_spellings_meet_in_outlets() {
    // রয়টার্স with য় as one code point (U+09DF), as news CSVs write it.
    let text = "শিরোনাম\n\nঅনুচ্ছেদ। খবর র\u{09DF}টার্সের।\n";
    let (a, _) = parse_bytes("ya.txt", text.as_bytes()).expect("parses");
    assert_eq!(names(&a.sources), [("Reuters", SourceRole::Credit)]);
}

/// A file written by `khobor fetch` gives back its publisher and author, and neither header
/// line is left in the body or taken for a byline.
#[test]
fn fetched_article_file_gives_its_publisher_and_author() {
    let written = khobor::fetch::archive::ArticleText {
        title: "খুলনায় নতুন সেতু খুলে দেওয়া হলো".into(),
        published: None,
        url: Some("https://example.com/khulna/bridge".into()),
        publisher: Some("দৈনিক যুগান্তর".into()),
        author: Some("কামাল হোসেন".into()),
        paragraphs: vec![
            "সেতুটি আজ সকালে যান চলাচলের জন্য খুলে দেওয়া হয়েছে।".into(),
            "স্থানীয় লোকজন বলছেন, এতে যাতায়াতের সময় কমবে।".into(),
        ],
    }
    .render();
    let (a, _) = parse_bytes("bridge.txt", written.as_bytes()).expect("parses");
    assert_eq!(a.publisher.as_deref(), Some("Jugantor"));
    assert_eq!(a.author.as_deref(), Some("কামাল হোসেন"));
    assert_eq!(a.url.as_deref(), Some("https://example.com/khulna/bridge"));
    assert!(a.byline.is_empty(), "{:?}", a.byline);
    assert_eq!(
        a.body,
        [
            "সেতুটি আজ সকালে যান চলাচলের জন্য খুলে দেওয়া হয়েছে।",
            "স্থানীয় লোকজন বলছেন, এতে যাতায়াতের সময় কমবে।"
        ]
    );
}
