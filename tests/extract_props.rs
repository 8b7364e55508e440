//! The extractor never panics on arbitrary text and its spans always fall on char boundaries.

use khobor::article::Article;
use khobor::extract::Extractor;
use proptest::prelude::*;

static EXTRACTOR: std::sync::LazyLock<Extractor> = std::sync::LazyLock::new(Extractor::new);

/// Pieces of real news text (names, suffixes, joiners, punctuation) so random strings hit the
/// interesting paths: gazetteer names, suffixes written apart, glosses, abbreviations.
const PIECES: &[&str] = &[
    "রাশিয়া",
    "র",
    "ের",
    "কে",
    "-",
    "'",
    "’",
    "(",
    ")",
    "KCNA",
    "TASS",
    ".",
    "মি",
    "প্রেসিডেন্ট",
    "কিম",
    "জং",
    "উন",
    "য়",
    "\u{09DF}",
    "\u{200C}",
    "\u{200D}",
    " ",
    "।",
    "শহর",
    "বলেন",
    "আল",
    "জাজিরা",
    "বিবিসি",
    "ও",
    "ই",
    "দের",
    "সহ",
    "কাতার",
    "০১",
    "x",
    "—",
    "\u{09BC}",
    "্",
    "া",
];

proptest! {
    #[test]
    fn spans_stay_on_char_boundaries(parts in proptest::collection::vec(0..PIECES.len(), 0..40)) {
        let text: String = parts.iter().map(|&i| PIECES[i]).collect();
        let article = Article { title: text.clone(), body: vec![text.clone()], ..Article::default() };
        for e in EXTRACTOR.extract(&article) {
            prop_assert!(!e.name.is_empty());
            for s in &e.spans {
                let block = article.block(s.block).unwrap_or_default();
                prop_assert!(block.get(s.range.clone()).is_some(), "{:?} in {:?}", s, block);
            }
        }
    }
}
