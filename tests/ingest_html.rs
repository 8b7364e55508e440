//! Saved web pages through the real binary: the article without the page's menus and footer,
//! its headline, date, canonical address and site name, and a page holding no article reported
//! in one line while the rest loads. The pages are written here (Bengali text written for these
//! tests, in the shapes Bangladeshi news sites use).

use std::fs;

use serde_json::Value;

mod common;

use common::cli::{extract, field};

const NAV: &str = r#"<header><nav class="menu"><ul>
<li><a href="/">প্রচ্ছদ</a></li><li><a href="/bangladesh">বাংলাদেশ</a></li>
<li><a href="/world">আন্তর্জাতিক</a></li><li><a href="/sports">খেলা</a></li>
<li><a href="/entertainment">বিনোদন</a></li><li><a href="/opinion">মতামত</a></li></ul></nav>
<div class="breaking">সর্বশেষ: শেয়ারবাজারে সূচক বেড়েছে</div></header>"#;

const FOOTER: &str = r#"<aside class="related"><h3>আরও খবর</h3><ul>
<li><a href="/a1">রংপুরে শীতের দাপট, কাঁপছে উত্তরের জনপদ</a></li>
<li><a href="/a2">খুলনায় নতুন সেতু খুলে দেওয়া হলো</a></li>
<li><a href="/a3">বরিশালে লঞ্চ চলাচল স্বাভাবিক</a></li></ul></aside>
<footer><p>সম্পাদক ও প্রকাশক: কল্পিত নাম</p><p>সর্বস্বত্ব সংরক্ষিত © ২০২৪</p>
<p>ইমেইল: info@example.com</p></footer>"#;

const ARTICLE: &str = r#"<article class="story"><h1>রাজশাহীতে আমের বাজারে ধস, লোকসানে চাষিরা</h1>
<div class="byline">নিজস্ব প্রতিবেদক, রাজশাহী</div>
<div class="story-body">
<p>রাজশাহীর বানেশ্বর হাটে এবার আমের দাম গত বছরের অর্ধেকে নেমেছে। ভোর থেকে ভ্যানে করে আম নিয়ে আসা চাষিরা দুপুর পর্যন্ত ক্রেতার অপেক্ষায় বসে থাকছেন।</p>
<p>চাষিরা বলছেন, বৃষ্টির কারণে ফলন বেশি হলেও বাইরের জেলার পাইকারেরা এবার কম এসেছেন। ফলে প্রতি মণ আম বিক্রি হচ্ছে চারশ থেকে পাঁচশ টাকায়, যা উৎপাদন খরচের চেয়েও কম।</p>
<p>জেলা কৃষি বিভাগ জানিয়েছে, সংরক্ষণাগার না থাকায় পাকা আম বেশি দিন রাখা যায় না। তারা রপ্তানির জন্য নতুন উদ্যোগের কথা ভাবছে বলে জানিয়েছে।</p>
<p>আমাদের ফেসবুক পেজ ফলো করুন</p>
</div></article>"#;

fn page(head: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"bn\"><head><meta charset=\"utf-8\">{head}</head>\
         <body>{NAV}<main>{ARTICLE}</main>{FOOTER}</body></html>"
    )
}

#[test]
fn a_saved_page_gives_its_article_without_the_chrome() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("aam.html");
    let head = r#"<title>রাজশাহীতে আমের বাজারে ধস, লোকসানে চাষিরা | প্রথম আলো</title>
<meta property="og:title" content="রাজশাহীতে আমের বাজারে ধস, লোকসানে চাষিরা">
<meta property="og:site_name" content="Prothom Alo">
<meta property="article:published_time" content="2024-08-12T10:30:00+06:00">
<link rel="canonical" href="https://www.prothomalo.com/bangladesh/district/aam-bazar">"#;
    fs::write(&path, page(head)).expect("write");
    let (records, errors) = extract(&[&path], &[]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(records.len(), 1);
    let a = &records[0];
    assert_eq!(field(a, "title"), Some("রাজশাহীতে আমের বাজারে ধস, লোকসানে চাষিরা"));
    assert_eq!(field(a, "published"), Some("2024-08-12T10:30:00+06:00"));
    assert_eq!(
        field(a, "url"),
        Some("https://www.prothomalo.com/bangladesh/district/aam-bazar")
    );
    assert_eq!(field(a, "publisher"), Some("Prothom Alo"));
    let body: Vec<&str> = a["body"]
        .as_array()
        .expect("body")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(body.len(), 3, "{body:?}");
    assert!(body[0].starts_with("রাজশাহীর বানেশ্বর হাটে"), "{body:?}");
    let all = body.join("\n");
    for chrome in [
        "প্রচ্ছদ",
        "সর্বশেষ",
        "আরও খবর",
        "রংপুরে শীতের",
        "সর্বস্বত্ব",
        "ফলো করুন",
    ] {
        assert!(!all.contains(chrome), "{chrome} left in {all}");
    }
}

#[test]
fn json_ld_dates_and_html_named_txt_are_read_and_a_page_without_article_is_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let head = r#"<title>রাজশাহীতে আমের বাজারে ধস, লোকসানে চাষিরা - দৈনিক যুগান্তর</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "রাজশাহীতে আমের বাজারে ধস, লোকসানে চাষিরা", "datePublished": "2025-07-13T13:28:31+06:00",
"url": "https://www.jugantor.com/country-news/aam"}</script>"#;
    fs::write(dir.path().join("saved.txt"), page(head)).expect("write");
    let menu = format!("<!doctype html><html><body>{NAV}{FOOTER}</body></html>");
    let empty_page = dir.path().join("menu.htm");
    fs::write(&empty_page, menu).expect("write");
    let (records, errors) = extract(&[dir.path()], &[]);
    assert_eq!(records.len(), 1, "{errors:?}");
    let a = &records[0];
    assert_eq!(field(a, "title"), Some("রাজশাহীতে আমের বাজারে ধস, লোকসানে চাষিরা"));
    assert_eq!(field(a, "published"), Some("2025-07-13T13:28:31+06:00"));
    assert_eq!(
        field(a, "url"),
        Some("https://www.jugantor.com/country-news/aam")
    );
    assert_eq!(field(a, "publisher"), Some("Jugantor"));
    assert_eq!(
        errors,
        [format!(
            "khobor: {}: no article text found",
            empty_page.display()
        )]
    );
}
