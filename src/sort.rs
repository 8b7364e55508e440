//! The orders the list can show: newest first (the default), oldest first, by outlet, by title,
//! and by relevance while a query is active.
//!
//! Sorting runs on the UI thread after every keystroke of a query, over up to 100,000 hits, so
//! nothing is compared as text there: [`SortKeys`] ranks every article once per order when the
//! corpus changes (on the index worker, beside the index), and a sort is then an integer sort of
//! the hits.

use std::cmp::Reverse;

use crate::article::Article;
use crate::text::key::match_key;

/// How the list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortMode {
    /// Newest first, undated last.
    #[default]
    Newest,
    /// Oldest first, undated last.
    Oldest,
    /// By publisher name, newest first within one; no publisher last.
    Outlet,
    /// By title (folded as searches fold it), newest first among equal titles.
    Title,
    /// The search engine's ranking; without a query, the same as [`SortMode::Newest`].
    Relevance,
}

impl SortMode {
    /// In the order the cycling key walks them.
    pub(crate) const ALL: [SortMode; 5] = [
        SortMode::Newest,
        SortMode::Oldest,
        SortMode::Outlet,
        SortMode::Title,
        SortMode::Relevance,
    ];

    /// The name used on the command line (`--sort oldest`) and in the configuration.
    pub(crate) fn name(self) -> &'static str {
        match self {
            SortMode::Newest => "newest",
            SortMode::Oldest => "oldest",
            SortMode::Outlet => "outlet",
            SortMode::Title => "title",
            SortMode::Relevance => "relevance",
        }
    }

    pub(crate) fn parse(name: &str) -> Option<SortMode> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }

    /// The next order for the cycling key, from the one in effect; relevance is only offered
    /// while a query is active.
    pub(crate) fn next(self, query_active: bool) -> SortMode {
        let from = self.effective(query_active);
        let at = Self::ALL.iter().position(|m| *m == from).unwrap_or(0);
        let next = Self::ALL[(at + 1) % Self::ALL.len()];
        if next == SortMode::Relevance && !query_active {
            SortMode::Newest
        } else {
            next
        }
    }

    /// The order actually applied: relevance means nothing without a query.
    pub(crate) fn effective(self, query_active: bool) -> SortMode {
        if self == SortMode::Relevance && !query_active {
            SortMode::Newest
        } else {
            self
        }
    }
}

/// Every article's rank in each order but relevance, computed once per corpus, by the index
/// worker (100,000 titles take too long to compare between two key presses).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SortKeys {
    newest: Vec<u32>,
    oldest: Vec<u32>,
    outlet: Vec<u32>,
    title: Vec<u32>,
}

impl SortKeys {
    /// Ranks `articles` in every order; the index worker calls it beside building the index.
    pub fn new(articles: &[Article]) -> Self {
        let when: Vec<_> = articles
            .iter()
            .map(|a| a.published.map(|p| p.when()))
            .collect();
        let newest = ranks(articles.len(), |i| (when[i].is_none(), Reverse(when[i]), i));
        let oldest = ranks(articles.len(), |i| (when[i].is_none(), when[i], i));
        let outlets: Vec<Option<String>> = articles
            .iter()
            .map(|a| a.publisher.as_deref().map(match_key))
            .collect();
        let outlet = ranks(articles.len(), |i| {
            (outlets[i].is_none(), outlets[i].clone(), newest[i])
        });
        let titles: Vec<String> = articles.iter().map(|a| match_key(&a.title)).collect();
        let title = ranks(articles.len(), |i| (titles[i].clone(), newest[i]));
        Self {
            newest,
            oldest,
            outlet,
            title,
        }
    }

    /// How many articles the keys cover; articles appended since sort after them, in order.
    pub(crate) fn len(&self) -> usize {
        self.newest.len()
    }

    /// Puts `hits` (article indices, in the engine's order) into `mode`'s order. Relevance keeps
    /// the engine's order; so does any order when the keys are missing.
    pub(crate) fn sort(&self, hits: &mut [usize], mode: SortMode) {
        let ranks = match mode {
            SortMode::Relevance => return,
            SortMode::Newest => &self.newest,
            SortMode::Oldest => &self.oldest,
            SortMode::Outlet => &self.outlet,
            SortMode::Title => &self.title,
        };
        hits.sort_by_key(|&i| (ranks.get(i).copied().unwrap_or(u32::MAX), i));
    }

    /// Every article index in `mode`'s order (relevance: newest first).
    pub(crate) fn order(&self, mode: SortMode) -> Vec<usize> {
        let mut all: Vec<usize> = (0..self.len()).collect();
        self.sort(&mut all, mode.effective(false));
        all
    }
}

/// Each index's position when `0..n` is sorted by `key`.
fn ranks<K: Ord>(n: usize, key: impl Fn(usize) -> K) -> Vec<u32> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_cached_key(|&i| key(i));
    let mut rank = vec![0; n];
    for (r, i) in order.into_iter().enumerate() {
        rank[i] = u32::try_from(r).unwrap_or(u32::MAX);
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Published;
    use chrono::NaiveDate;

    fn article(title: &str, day: Option<u32>, publisher: Option<&str>) -> Article {
        Article {
            title: title.to_string(),
            published: day
                .map(|d| Published::Date(NaiveDate::from_ymd_opt(2025, 7, d).expect("a July day"))),
            publisher: publisher.map(str::to_string),
            ..Article::default()
        }
    }

    fn corpus() -> Vec<Article> {
        vec![
            article("খ শিরোনাম", None, Some("প্রথম আলো")),
            article("ক শিরোনাম", Some(3), None),
            article("Zebra", Some(9), Some("bbc বাংলা")),
            article("গ শিরোনাম", Some(1), Some("প্রথম আলো")),
            article("apple", Some(5), Some("BBC বাংলা")),
        ]
    }

    #[test]
    fn dated_orders_put_undated_articles_last() {
        let keys = SortKeys::new(&corpus());
        assert_eq!(keys.order(SortMode::Newest), [2, 4, 1, 3, 0]);
        assert_eq!(keys.order(SortMode::Oldest), [3, 1, 4, 2, 0]);
        assert_eq!(keys.order(SortMode::Relevance), [2, 4, 1, 3, 0]);
    }

    #[test]
    fn outlets_group_case_blind_newest_first_within_and_none_last() {
        let keys = SortKeys::new(&corpus());
        assert_eq!(keys.order(SortMode::Outlet), [2, 4, 3, 0, 1]);
    }

    #[test]
    fn titles_sort_latin_case_blind_and_bengali_in_alphabet_order() {
        let keys = SortKeys::new(&corpus());
        assert_eq!(keys.order(SortMode::Title), [4, 2, 1, 0, 3]);
    }

    #[test]
    fn relevance_keeps_the_engine_order_and_unknown_hits_go_last() {
        let keys = SortKeys::new(&corpus());
        let mut hits = vec![7, 0, 3];
        keys.sort(&mut hits, SortMode::Relevance);
        assert_eq!(hits, [7, 0, 3]);
        keys.sort(&mut hits, SortMode::Oldest);
        assert_eq!(hits, [3, 0, 7]);
    }

    #[test]
    fn the_cycle_offers_relevance_only_with_a_query() {
        let mut seen = vec![SortMode::Newest];
        let mut m = SortMode::Newest;
        for _ in 0..4 {
            m = m.next(false);
            seen.push(m);
        }
        assert_eq!(
            seen,
            [
                SortMode::Newest,
                SortMode::Oldest,
                SortMode::Outlet,
                SortMode::Title,
                SortMode::Newest
            ]
        );
        assert_eq!(SortMode::Title.next(true), SortMode::Relevance);
        assert_eq!(SortMode::Relevance.next(true), SortMode::Newest);
        assert_eq!(SortMode::Relevance.effective(false), SortMode::Newest);
        assert_eq!(SortMode::Relevance.next(false), SortMode::Oldest);
    }

    #[test]
    fn names_round_trip_and_unknown_names_are_refused() {
        for m in SortMode::ALL {
            assert_eq!(SortMode::parse(m.name()), Some(m));
        }
        assert_eq!(SortMode::parse("date"), None);
    }
}
