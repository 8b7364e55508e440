//! Read and starred marks as filters: the `unread`/`starred` toggles bound to keys, and the
//! query's `is:` conditions ([`crate::search::Query::marks`]), which the app applies to the
//! engine's hits because only the app knows the marks.

use crate::article::ContentId;
use crate::search::{Mark, MarkCondition};
use crate::state::ReadingState;

/// The mark filters toggled by keys; both on means unread AND starred.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct MarkFilter {
    pub(crate) unread: bool,
    pub(crate) starred: bool,
}

impl MarkFilter {
    pub(crate) fn is_empty(&self) -> bool {
        !self.unread && !self.starred
    }

    /// The toggles and the query's conditions together (all must hold).
    pub(crate) fn admits(
        &self,
        conditions: &[MarkCondition],
        marks: &ReadingState,
        id: ContentId,
    ) -> bool {
        if self.is_empty() && conditions.is_empty() {
            // The common case, on every keystroke over every hit: no lookups at all.
            return true;
        }
        let read = marks.is_read(id);
        let starred = marks.is_starred(id);
        (!self.unread || !read)
            && (!self.starred || starred)
            && conditions.iter().all(|c| match c.mark {
                Mark::Read => read == c.wanted,
                Mark::Starred => starred == c.wanted,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cond(mark: Mark, wanted: bool) -> MarkCondition {
        MarkCondition { mark, wanted }
    }

    #[test]
    fn filter_combines_toggles_and_conditions() {
        let mut marks = ReadingState::default();
        let (read, starred, both, none) = (ContentId(1), ContentId(2), ContentId(3), ContentId(4));
        marks.set_read(read, "r", true);
        marks.set_starred(starred, "s", true);
        marks.set_read(both, "b", true);
        marks.set_starred(both, "b", true);
        let shown = |f: MarkFilter, c: &[MarkCondition]| {
            [read, starred, both, none]
                .into_iter()
                .filter(|id| f.admits(c, &marks, *id))
                .collect::<Vec<_>>()
        };
        let unread = MarkFilter {
            unread: true,
            starred: false,
        };
        let starred_only = MarkFilter {
            unread: false,
            starred: true,
        };
        assert_eq!(shown(MarkFilter::default(), &[]).len(), 4);
        assert_eq!(shown(unread, &[]), [starred, none]);
        assert_eq!(shown(starred_only, &[]), [starred, both]);
        assert_eq!(
            shown(MarkFilter::default(), &[cond(Mark::Read, true)]),
            [read, both]
        );
        assert_eq!(shown(unread, &[cond(Mark::Starred, true)]), [starred]);
    }
}
