//! Fitting a title or a row of hints into the columns there are: whole parts are dropped, the
//! least useful first, and no word is ever cut. At 100 columns `Entities (e) · article` once
//! became `Entities (e) · articl`; at 80 `q quit` fell off the status bar.

use crate::text::width::width;

/// One piece of a title or hint row; a lower `rank` is more useful and dropped later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Part<'a> {
    pub(crate) text: &'a str,
    pub(crate) rank: u8,
}

impl<'a> Part<'a> {
    pub(crate) fn new(text: &'a str, rank: u8) -> Self {
        Self { text, rank }
    }
}

/// Which of the items (given their widths and ranks) to keep so that the kept ones, with `gap`
/// columns between neighbours, fit in `room` columns. The highest rank goes first and, among
/// equal ranks, the later item; an item is never shortened.
pub(crate) fn keep(widths: &[usize], ranks: &[u8], gap: usize, room: usize) -> Vec<bool> {
    let mut kept = vec![true; widths.len()];
    let total = |kept: &[bool]| {
        let (sum, n) = widths
            .iter()
            .zip(kept)
            .filter(|(_, k)| **k)
            .fold((0usize, 0usize), |(s, n), (w, _)| (s + w, n + 1));
        sum + gap * n.saturating_sub(1)
    };
    while total(&kept) > room {
        let Some(drop) = (0..widths.len())
            .filter(|&i| kept[i])
            .max_by_key(|&i| (ranks.get(i).copied().unwrap_or(u8::MAX), i))
        else {
            break;
        };
        kept[drop] = false;
    }
    kept
}

/// The parts that fit in `room` columns (as the terminal measures them), joined by `gap`, in
/// their original order.
pub(crate) fn fit(parts: &[Part], gap: &str, room: usize) -> String {
    let widths: Vec<usize> = parts.iter().map(|p| width(p.text)).collect();
    let ranks: Vec<u8> = parts.iter().map(|p| p.rank).collect();
    let kept = keep(&widths, &ranks, width(gap), room);
    parts
        .iter()
        .zip(kept)
        .filter(|(_, k)| *k)
        .map(|(p, _)| p.text)
        .collect::<Vec<_>>()
        .join(gap)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entities_title() -> [Part<'static>; 3] {
        [
            Part::new("Entities", 0),
            Part::new("(e)", 2),
            Part::new("· article", 1),
        ]
    }

    #[test]
    fn everything_stays_when_it_fits() {
        assert_eq!(fit(&entities_title(), " ", 22), "Entities (e) · article");
    }

    #[test]
    fn the_least_useful_part_goes_first_and_nothing_is_cut() {
        assert_eq!(fit(&entities_title(), " ", 21), "Entities · article");
        assert_eq!(fit(&entities_title(), " ", 17), "Entities");
        assert_eq!(fit(&entities_title(), " ", 7), "");
    }

    #[test]
    fn bengali_parts_are_measured_as_the_terminal_draws_them() {
        // খবর ৩/১৯২১: the vowel sign া is a column in a terminal, nothing to unicode-width.
        let parts = [
            Part::new("খবর", 0),
            Part::new("১২/১৯২১", 1),
            Part::new("নতুন আগে", 2),
        ];
        let full = fit(&parts, " · ", 100);
        assert_eq!(width(&full), 3 + 3 + 7 + 3 + 7);
        assert_eq!(fit(&parts, " · ", width(&full) - 1), "খবর · ১২/১৯২১");
    }

    #[test]
    fn help_and_quit_survive_a_narrow_status_bar() {
        let hints = [
            "Enter open",
            "/ filter",
            "s sources",
            "c clear",
            "? help",
            "q quit",
        ];
        let widths: Vec<usize> = hints.iter().map(|h| width(h)).collect();
        let ranks = [1, 1, 2, 2, 0, 0];
        let kept = keep(&widths, &ranks, 2, 30);
        let shown: Vec<&str> = hints
            .iter()
            .zip(&kept)
            .filter(|(_, k)| **k)
            .map(|(h, _)| *h)
            .collect();
        assert_eq!(shown, ["Enter open", "? help", "q quit"]);
        let kept = keep(&widths, &ranks, 2, 16);
        assert_eq!(kept, [false, false, false, false, true, true]);
    }
}
