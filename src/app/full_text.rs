//! The article on screen in full, when the corpus holds it light.
//!
//! A light corpus ([`crate::load::LoadOptions::light`]) keeps titles, metadata and entity names
//! but no bodies. When the selection lands on such an article the app asks the runtime to read
//! it again ([`Effect::Reload`]) and shows the title and meta line until the text arrives, a
//! frame or two later.

use std::sync::Arc;

use super::Effect;
use crate::article::Article;
use crate::reload::Reloaded;
use crate::view::reader::{Note, ReaderView};

/// The one article read again in full: which one, and the answer once it came.
#[derive(Debug)]
pub(super) struct FullText {
    article: usize,
    /// `None` while the read is under way.
    result: Option<Result<Arc<Reloaded>, String>>,
}

impl FullText {
    /// The full text of `article` (index `index`), asking for it when it is light and not yet
    /// asked for.
    pub(super) fn request(
        slot: &mut Option<FullText>,
        index: usize,
        article: &Article,
        effects: &mut Vec<Effect>,
    ) {
        if !article.text_omitted || slot.as_ref().is_some_and(|f| f.article == index) {
            return;
        }
        *slot = Some(FullText {
            article: index,
            result: None,
        });
        effects.push(Effect::Reload {
            article: index,
            path: article.path.clone(),
            id: article.id,
        });
    }

    /// Takes an answer; answers for an article no longer selected are dropped. True when it
    /// was taken.
    pub(super) fn answer(
        slot: &mut Option<FullText>,
        index: usize,
        result: Result<Arc<Reloaded>, String>,
    ) -> bool {
        match slot {
            Some(f) if f.article == index => {
                f.result = Some(result);
                true
            }
            _ => false,
        }
    }

    /// What the reader shows for `article` (index `index`).
    pub(super) fn view<'a>(
        slot: &'a Option<FullText>,
        index: usize,
        article: &'a Article,
    ) -> ReaderView<'a> {
        let answer = slot
            .as_ref()
            .filter(|f| f.article == index && article.text_omitted)
            .and_then(|f| f.result.as_ref());
        match answer {
            Some(Ok(full)) => ReaderView {
                article: &full.article,
                note: full.changed.then_some(Note::Changed),
            },
            Some(Err(why)) => ReaderView {
                article,
                note: Some(Note::Unreadable(why)),
            },
            None => ReaderView {
                article,
                note: None,
            },
        }
    }
}
