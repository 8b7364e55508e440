//! Which spelling names an entity. One rule for an article's panel, `khobor extract`, the corpus
//! facets and `khobor entities`, so an entity is shown the same way everywhere.

/// Zero-width joiners change how a word renders, not what it says; a spelling with them
/// (`বাংলা‌দে‌শ`) is a scraping accident, never the name to show when a clean one exists.
fn has_joiner(s: &str) -> bool {
    s.contains(['\u{200C}', '\u{200D}'])
}

/// A spelling counts as common when it is seen at least once for every `RARE` times of the most
/// frequent spelling: `ইন্ডিয়া` (7 articles) is rare beside `ভারত` (152).
const RARE: usize = 5;

/// The display name among `spellings`, each with how often it was seen (mentions in an article,
/// articles in a corpus): the fullest common spelling, Bengali before Latin, without joiners when
/// a clean spelling exists. Ties go to the more frequent, then the smaller string, so the choice
/// does not depend on the order spellings were met.
pub(crate) fn display_name<'a>(spellings: &[(&'a str, usize)]) -> Option<&'a str> {
    let clean = spellings.iter().any(|(s, _)| !has_joiner(s));
    let allowed = |s: &str| !(clean && has_joiner(s));
    let top = spellings
        .iter()
        .filter(|(s, _)| allowed(s))
        .map(|(_, n)| *n)
        .max()?;
    spellings
        .iter()
        .filter(|(s, n)| allowed(s) && n * RARE >= top)
        .max_by(|(a, na), (b, nb)| {
            (!a.is_ascii(), a.chars().count(), na)
                .cmp(&(!b.is_ascii(), b.chars().count(), nb))
                .then_with(|| b.cmp(a))
        })
        .map(|(s, _)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_spelling_beats_a_rare_one() {
        assert_eq!(display_name(&[("ইন্ডিয়া", 7), ("ভারত", 152)]), Some("ভারত"));
    }

    #[test]
    fn the_fullest_common_spelling_wins() {
        assert_eq!(
            display_name(&[("পুতিন", 40), ("ভ্লাদিমির পুতিন", 12)]),
            Some("ভ্লাদিমির পুতিন")
        );
    }

    #[test]
    fn joiners_lose_to_a_clean_spelling() {
        let joined = "বাংলা\u{200C}দে\u{200C}শ";
        assert_eq!(
            display_name(&[(joined, 90), ("বাংলাদেশ", 30)]),
            Some("বাংলাদেশ")
        );
        assert_eq!(display_name(&[(joined, 1)]), Some(joined));
    }

    #[test]
    fn bengali_before_latin_and_order_does_not_matter() {
        assert_eq!(display_name(&[("TASS", 3), ("তাস", 3)]), Some("তাস"));
        let a = display_name(&[("আহমদ", 2), ("আহমেদ", 2)]);
        let b = display_name(&[("আহমেদ", 2), ("আহমদ", 2)]);
        assert_eq!(a, b);
        assert_eq!(display_name(&[]), None);
    }
}
