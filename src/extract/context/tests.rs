//! Tests of the context rules.

use super::*;
use crate::text::token::tokenize;

fn found(text: &str) -> Vec<(EntityKind, String)> {
    let rules = match ContextRules::embedded() {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    };
    let tokens = tokenize(text);
    let covered = vec![false; tokens.len()];
    let bare: HashSet<&str> = tokens.iter().map(|t| t.key.as_str()).collect();
    rules
        .find(text, &tokens, &covered, &covered, &bare, &|_| false)
        .into_iter()
        .map(|f| {
            let mut name: Vec<String> = tokens[f.tokens.start..f.tokens.end - 1]
                .iter()
                .map(|t| t.key.clone())
                .collect();
            name.push(
                tokens[f.tokens.end - 1]
                    .key
                    .chars()
                    .take(f.last_chars)
                    .collect(),
            );
            (f.kind, name.join(" "))
        })
        .collect()
}

#[test]
fn role_before_a_person() {
    let got = found("হোয়াইট হাউসের মুখপাত্র জন কিরবি গত সপ্তাহে জানিয়েছিলেন।");
    assert_eq!(got, vec![(EntityKind::Person, match_key("জন কিরবি"))]);
}

#[test]
fn detached_emphatic_ends_the_name() {
    let got = found("সেখানে পররাষ্ট্রমন্ত্রী চোয়ে সন হুই-ও উপস্থিত ছিলেন।");
    assert_eq!(got, vec![(EntityKind::Person, match_key("চোয়ে সন হুই"))]);
}

#[test]
fn verbal_noun_is_no_name() {
    assert!(found("মা মোমেনা বেগম ভিক্ষা করেই সংসার চালান।").is_empty());
    assert!(found("মিছিলটি শহরের প্রধান সড়ক ঘুরে").is_empty());
}

#[test]
fn honorific_with_period() {
    let got = found("এ সময় মি. ওয়াটসন বলেন");
    assert_eq!(got, vec![(EntityKind::Person, match_key("ওয়াটসন"))]);
}

#[test]
fn two_name_words_make_a_name() {
    let got = found("এ সময় মাহবুবুর রহমান উপস্থিত ছিলেন");
    assert_eq!(got, vec![(EntityKind::Person, match_key("মাহবুবুর রহমান"))]);
}

#[test]
fn organisation_head_nouns() {
    let got = found("অগ্রণী ব্যাংকের জ্যেষ্ঠ কর্মকর্তা পদে নিয়োগ");
    assert_eq!(
        got,
        vec![(EntityKind::Organization, match_key("অগ্রণী ব্যাংক"))]
    );
    assert!(found("স্বরাষ্ট্র মন্ত্রণালয়ের এক কর্মকর্তা").is_empty());
}

#[test]
fn counted_role_is_no_title() {
    assert!(found("দুই নেতা করমর্দন করেন।").is_empty());
}

#[test]
fn place_words_around_a_place() {
    let got = found("পূর্বাঞ্চলীয় দোব্রোপিলিয়া শহরের কাছে");
    assert_eq!(got, vec![(EntityKind::Place, match_key("দোব্রোপিলিয়া"))]);
    let got = found("পূর্ব উপকূলীয় শহর ওনসানে বৈঠক");
    assert_eq!(got, vec![(EntityKind::Place, match_key("ওনসান"))]);
}

#[test]
fn reporting_verb_after_two_word_name() {
    let got = found("তখন আহমেদ শরিফ বলেন, সব ঠিক আছে।");
    assert_eq!(got, vec![(EntityKind::Person, match_key("আহমেদ শরিফ"))]);
}

#[test]
fn particles_begin_bangladeshi_names() {
    let got = found("এ ঘটনায় মো. আবদুল করিম মামলা দায়ের করেন");
    assert_eq!(got, vec![(EntityKind::Person, match_key("মো আবদুল করিম"))]);
    let got = found("অনুষ্ঠানে এ কে এম শামসুল হক উপস্থিত ছিলেন");
    assert_eq!(
        got,
        vec![(EntityKind::Person, match_key("এ কে এম শামসুল হক"))]
    );
    assert!(found("এম এ নিয়ে").is_empty(), "initials alone name no one");
}

#[test]
fn age_in_brackets_marks_a_name() {
    let got = found("নিহত ব্যক্তি রাশেদা বেগম (৪৫) স্থানীয় বাসিন্দা");
    assert_eq!(got, vec![(EntityKind::Person, match_key("রাশেদা বেগম"))]);
}

#[test]
fn a_common_word_before_a_middle_name_is_the_given_name() {
    let got = found("জেলা প্রশাসক প্রদীপ কুমার সাহা বলেন");
    assert_eq!(got, vec![(EntityKind::Person, match_key("প্রদীপ কুমার সাহা"))]);
    let got = found("সভায় উপস্থিত ছিলেন প্রদীপ কুমার সাহা ও অন্যরা।");
    assert_eq!(got, vec![(EntityKind::Person, match_key("প্রদীপ কুমার সাহা"))]);
    let got = found("তাঁর সঙ্গে ছিলেন সুবল চন্দ্র সরকার ও অন্যরা।");
    assert_eq!(got, vec![(EntityKind::Person, match_key("সুবল চন্দ্র সরকার"))]);
    let got = found("অধ্যাপক বিধান রঞ্জন রায় জানান");
    assert_eq!(got, vec![(EntityKind::Person, match_key("বিধান রঞ্জন রায়"))]);
}

#[test]
fn compound_adjectives_are_no_names() {
    let got = found("নদীর পাড়ঘেঁষা ওচমানপুর গ্রামে বন্যা");
    assert_eq!(got, vec![(EntityKind::Place, match_key("ওচমানপুর"))]);
    let got = found("অধ্যাপক সঞ্জীব চক্রবর্তী বলেন");
    assert_eq!(got, vec![(EntityKind::Person, match_key("সঞ্জীব চক্রবর্তী"))]);
}

#[test]
fn role_words_stay_out_of_names() {
    let got = found("দোকানমালিক আবুল হোসেন জানান");
    assert_eq!(got, vec![(EntityKind::Person, match_key("আবুল হোসেন"))]);
    let got = found("নৈশপ্রহরী মোসলেম উদ্দিন আহত হন");
    assert_eq!(got, vec![(EntityKind::Person, match_key("মোসলেম উদ্দিন"))]);
    assert!(found("ব্যবসায়ী সমিতির নেতারা").is_empty());
}

#[test]
fn name_after_a_bracketed_title() {
    let got = found("উপজেলা নির্বাহী কর্মকর্তা (ইউএনও) মো. রফিকুল ইসলাম জানান");
    assert_eq!(got, vec![(EntityKind::Person, match_key("মো রফিকুল ইসলাম"))]);
}

#[test]
fn name_after_a_bracketed_qualifier() {
    let got = found("মন্ত্রণালয়ের সিনিয়র সচিব (প্রশাসন) কামরুল হাসান স্বাক্ষরিত আদেশে");
    assert_eq!(got, vec![(EntityKind::Person, match_key("কামরুল হাসান"))]);
    let got = found("থানার পরিদর্শক (তদন্ত) ওমর ফারুক। তিনি বলেন");
    assert_eq!(got, vec![(EntityKind::Person, match_key("ওমর ফারুক"))]);
    assert!(found("পুলিশ পরিদর্শক (নিরস্ত্র) পদমর্যাদার ১৮ জন").is_empty());
    assert!(found("বাড়ি গিয়ে বাবা-মাকে বলবে, ভোট দিন").is_empty());
}

#[test]
fn real_endings_are_not_suffixes() {
    let got = found("সভাপতি আবু তাহের বক্তব্য দেন");
    assert_eq!(got, vec![(EntityKind::Person, match_key("আবু তাহের"))]);
    let got = found("সভাপতি আবু তাহেরের বক্তব্য");
    assert_eq!(got, vec![(EntityKind::Person, match_key("আবু তাহের"))]);
    let got = found("সভাপতি জুবায়ের রহমান চৌধুরী বলেন");
    assert_eq!(
        got,
        vec![(EntityKind::Person, match_key("জুবায়ের রহমান চৌধুরী"))]
    );
}

#[test]
fn alias_after_orophe() {
    let rules = match ContextRules::embedded() {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    };
    let text = "আসামি মো. সাজেদুল ইসলাম ওরফে সুরুজকে গ্রেপ্তার করা হয়";
    let tokens = tokenize(text);
    let covered = vec![false; tokens.len()];
    let bare: HashSet<&str> = tokens.iter().map(|t| t.key.as_str()).collect();
    let got = rules.find(text, &tokens, &covered, &covered, &bare, &|_| false);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].alias_of, Some(0));
}

#[test]
fn junk_words_are_never_names() {
    for text in [
        "প্রধানমন্ত্রী বরাবর স্মারকলিপি দেওয়া হয়",
        "উপদেষ্টা পরিষদের বৈঠক",
        "চেয়ারম্যান পদটিও পেয়েছেন",
        "মন্ত্রী বানিয়েছে কারণ",
        "পরিচালক লে. কর্নেল এলেন",
    ] {
        assert!(found(text).is_empty(), "{text}: {:?}", found(text));
    }
}

#[test]
fn no_verb_adjective_or_inflected_word_around_a_middle_name() {
    for (text, not_in_name) in [
        ("অশ্বিনী কুমার নামে এক ব্যক্তি", "নাম"),
        ("ক্ষুব্ধ কুমার শানু বলেন", "ক্ষুব্ধ"),
        ("অক্ষয় কুমার আর সালমান", "আর"),
    ] {
        let word = match_key(not_in_name);
        let got = found(text);
        assert!(
            got.iter()
                .all(|(_, n)| n.split(' ').all(|w| !w.starts_with(&word))),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn weak_ending_kept_without_evidence() {
    // `চোয়ে` could be `চোয়` + locative, but nothing in the text says so.
    let got = found("মন্ত্রী চোয়ে বলেন");
    assert_eq!(got, vec![(EntityKind::Person, match_key("চোয়ে"))]);
}

#[test]
fn rank_with_a_retired_qualifier_before_the_name() {
    let got = found("সাবেক মহাপরিচালক লে. জেনারেল (অব.) মোল্লা ফজলে আকবর জড়িত ছিলেন।");
    assert_eq!(got, vec![(EntityKind::Person, match_key("মোল্লা ফজলে আকবর"))]);
    let got = found("উপমহাপরিচালক ব্রিগেডিয়ার জেনারেল এম এ বারী, বিভিন্ন ইউনিটের কর্মকর্তা");
    assert_eq!(got, vec![(EntityKind::Person, match_key("এম এ বারী"))]);
}

#[test]
fn words_after_a_rank_are_no_name() {
    assert!(found("তাকে লেফটেন্যান্ট জেনারেল র‍্যাংক ব্যাজ পরিয়ে দেন।").is_empty());
    let got = found("কর্নেল (অব.) আকবর হোসেন পরবর্তীতে মন্ত্রী হয়েছিলেন।");
    assert_eq!(got, vec![(EntityKind::Person, match_key("আকবর হোসেন"))]);
}

#[test]
fn titles_of_the_dead_and_kin_stay_outside_the_name() {
    let got = found("সংসদ সদস্য মরহুম সৈয়দ ওয়াহিদুল আলমের কন্যা এসেছেন।");
    assert_eq!(
        got,
        vec![(EntityKind::Person, match_key("সৈয়দ ওয়াহিদুল আলম"))]
    );
    let got = found("সিপিডির সম্মানীয় ফেলো মোস্তাফিজুর রহমান বলেন।");
    assert_eq!(got, vec![(EntityKind::Person, match_key("মোস্তাফিজুর রহমান"))]);
}

#[test]
fn a_genitive_after_a_name_word_ends_the_name() {
    let got = found("বিভিন্ন অনুষ্ঠানে মোহাম্মদ আলীর নানা অনিয়মের কথা তুলে ধরেন।");
    assert_eq!(got, vec![(EntityKind::Person, match_key("মোহাম্মদ আলী"))]);
}

#[test]
fn a_compound_kin_word_is_a_title() {
    let got = found("তাঁর শিশুকন্যা আরশিয়া রহমান বাসায় ছিল।");
    assert_eq!(got, vec![(EntityKind::Person, match_key("আরশিয়া রহমান"))]);
}

#[test]
fn an_institution_noun_ends_a_name() {
    let got = found("পরে মো. ইকবাল হোসেন খান হাইকমিশনে যান।");
    assert_eq!(
        got,
        vec![(EntityKind::Person, match_key("মো ইকবাল হোসেন খান"))]
    );
}

#[test]
fn a_name_before_a_writing_verb() {
    let got = found("শোক জানিয়ে গোলাম মাওলা রনি লিখেছেন, তিনি অমর হয়ে থাকবেন।");
    assert_eq!(got, vec![(EntityKind::Person, match_key("গোলাম মাওলা রনি"))]);
    let got = found("নিজের ফেসবুক পেজে সালমান মুক্তাদির লিখেছেন, সবাই ভালো থাকবেন।");
    assert_eq!(got, vec![(EntityKind::Person, match_key("সালমান মুক্তাদির"))]);
}
