//! `clean` is the trust boundary: whatever comes in, what goes out is canonical and inert.

use khobor::ingest::clean;
use proptest::prelude::*;
use unicode_normalization::is_nfc;

/// Characters that stress the cleaner: Bengali letters and signs, escape-sequence parts,
/// controls, line breaks, invisible junk, joiners, and anything else.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('\u{0980}', '\u{09FF}'),
        2 => Just('\u{1B}'),
        2 => prop::sample::select(vec!['[', ']', ';', '0', '1', 'm', '\\', '\u{7}', '\u{9B}', '\u{9C}']),
        2 => prop::sample::select(vec!['\r', '\n', '\t', '\u{0}', '\u{7F}', '\u{85}', '\u{2028}']),
        2 => prop::sample::select(vec![
            '\u{FEFF}', '\u{AD}', '\u{200B}', '\u{2060}', '\u{A0}', '\u{202E}', '\u{200C}', '\u{200D}'
        ]),
        1 => prop::sample::select(vec!['e', '\u{301}', '\u{9C7}', '\u{9BE}', '\u{9DF}']),
        2 => any::<char>(),
    ]
}

fn tricky_string() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..120).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn clean_is_idempotent(s in tricky_string()) {
        let once = clean(&s);
        prop_assert_eq!(clean(&once), once);
    }

    #[test]
    fn clean_emits_no_control_but_newline(s in tricky_string()) {
        let out = clean(&s);
        let bad: Vec<char> = out.chars().filter(|&c| c.is_control() && c != '\n').collect();
        prop_assert!(bad.is_empty(), "control characters left: {:?}", bad);
    }

    #[test]
    fn clean_output_is_nfc_without_junk(s in tricky_string()) {
        let out = clean(&s);
        prop_assert!(is_nfc(&out));
        let junk = ['\u{FEFF}', '\u{AD}', '\u{200B}', '\u{A0}', '\u{202E}', '\r'];
        prop_assert!(!out.contains(junk), "junk left in {:?}", out);
    }

    #[test]
    fn clean_keeps_plain_bengali_text(s in "[\u{0985}-\u{09B9} ]{0,40}") {
        prop_assert_eq!(clean(&s), s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// The NFC shortcut for plain Bengali text must give exactly what full NFC gives.
    #[test]
    fn clean_output_equals_full_nfc(s in prop::collection::vec(
        prop_oneof![
            8 => proptest::char::range('\u{0980}', '\u{09FF}'),
            1 => proptest::char::range('\u{2010}', '\u{2027}'),
            1 => prop::sample::select(vec!['\u{0964}', '\u{0965}', '\u{200C}', '\u{200D}']),
            1 => proptest::char::range(' ', '~'),
        ],
        0..60,
    ).prop_map(|v| v.into_iter().collect::<String>())) {
        use unicode_normalization::UnicodeNormalization;
        let out = clean(&s);
        let full: String = out.nfc().collect();
        prop_assert_eq!(out, full);
    }
}
