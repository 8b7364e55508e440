//! The headline: the first text line when it reads like one, else derived from the first sentence.

use super::layout::{Layout, at_most_words};

/// A headline is short and does not end like a sentence (seed 003 opens with a full sentence).
pub(crate) fn is_headline(line: &str, layout: &Layout) -> bool {
    let end =
        line.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '’' | '”'));
    at_most_words(line, layout.headline_max_words)
        && !layout
            .headline_sentence_ends
            .iter()
            .any(|e| end.ends_with(e.as_str()))
}

/// The first sentence of `paragraph`, cut at a word boundary to at most `max_chars` characters
/// (with `…` when cut).
pub(crate) fn derive_title(paragraph: &str, max_chars: usize) -> String {
    let sentence_end = paragraph
        .char_indices()
        .find(|&(_, c)| matches!(c, '।' | '?' | '!' | '॥'))
        .map(|(i, c)| {
            if c == '।' || c == '॥' {
                i
            } else {
                i + c.len_utf8()
            }
        })
        .unwrap_or(paragraph.len());
    let sentence = paragraph[..sentence_end].trim();
    if sentence.chars().count() <= max_chars {
        return sentence.to_string();
    }
    let mut cut = String::new();
    for word in sentence.split_whitespace() {
        let extra = usize::from(!cut.is_empty()) + word.chars().count();
        if cut.chars().count() + extra > max_chars.saturating_sub(1) {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        cut = sentence.chars().take(max_chars.saturating_sub(1)).collect();
    }
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::super::layout::layout;
    use super::*;

    #[test]
    fn sentence_is_no_headline() {
        let l = layout();
        assert!(is_headline("চীনে আড়াই ঘণ্টা বৈঠক করলেন পুতিন ও কিম", l));
        assert!(!is_headline("মঙ্গলবার পুতিন ও কিমের মধ্যে কথা হয়।", l));
    }

    #[test]
    fn derived_title_cut_at_word_boundary() {
        let p = "রুশ প্রেসিডেন্ট ভ্লাদিমির পুতিন আগামী শুক্রবার (১৫ আগস্ট) ডোনাল্ড ট্রাম্পের সঙ্গে বৈঠকের আগে উত্তর কোরিয়ার নেতা কিম জং উনের সঙ্গে নিজের ‘বন্ধুত্ব’ পুনর্ব্যক্ত করেছেন। মঙ্গলবার কথা হয়।";
        let t = derive_title(p, 60);
        assert!(t.chars().count() <= 60);
        assert!(t.ends_with('…'));
        let stem = t.trim_end_matches('…');
        assert!(p.starts_with(stem));
        assert!(p[stem.len()..].starts_with(' '), "cut inside a word: {t}");
        assert_eq!(derive_title("ছোট বাক্য। আরেকটি।", 60), "ছোট বাক্য");
    }
}
