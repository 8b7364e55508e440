//! A query prepared for matching: its clauses with their terms ready to score, and whether a
//! new query only narrows an earlier one (so it may search within the earlier hits).

use super::query::{Clause, ClauseKind, DateSpan, Field, Query, Term};
use super::term::PreparedTerm;

/// A query with its terms prepared for matching.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Plan {
    pub(super) clauses: Vec<PlannedClause>,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct PlannedClause {
    pub(super) negated: bool,
    pub(super) field: Option<Field>,
    /// `None` for a date clause and for alternatives.
    pub(super) term: Option<PreparedTerm>,
    pub(super) date: Option<DateSpan>,
    /// `a | b`: holds when one of these holds.
    pub(super) any: Vec<PlannedClause>,
}

impl Plan {
    pub(super) fn new(query: &Query) -> Plan {
        Plan {
            clauses: query.clauses.iter().map(PlannedClause::new).collect(),
        }
    }

    /// The terms of the positive clauses that look at bodies; a phrase as its words.
    pub(super) fn body_terms(&self) -> Vec<PreparedTerm> {
        self.clauses
            .iter()
            .flat_map(|c| {
                if c.any.is_empty() {
                    std::slice::from_ref(c)
                } else {
                    &c.any
                }
            })
            .filter(|c| !c.negated && matches!(c.field, None | Some(Field::Body)))
            .filter_map(|c| c.term.as_ref())
            .filter(|t| t.searches_bodies())
            .flat_map(|t| {
                if t.phrase {
                    t.key
                        .split_whitespace()
                        .map(|w| PreparedTerm::new(w, false, false))
                        .collect()
                } else {
                    vec![t.clone()]
                }
            })
            .collect()
    }

    /// True when every article this plan matches is matched by `earlier` too: each earlier
    /// clause is still there (in order), exclusions and dates unchanged, terms only grown.
    pub(super) fn narrows(&self, earlier: &Plan) -> bool {
        earlier.clauses.len() <= self.clauses.len()
            && earlier
                .clauses
                .iter()
                .zip(&self.clauses)
                .all(|(e, n)| n.narrows(e))
    }
}

impl PlannedClause {
    /// True when this clause holds only where `earlier` holds (and so matches a subset of the
    /// words `earlier` matched).
    pub(super) fn new(c: &Clause) -> PlannedClause {
        // Loose (fuzzy) matching only for positive free text: in a filter or an exclusion a
        // near miss is a wrong answer.
        let fuzzy = !c.negated;
        let prepare = |t: &Term, fuzzy| {
            let term = PreparedTerm::new(&t.text, t.phrase, fuzzy);
            if t.exact { term.exactly() } else { term }
        };
        let (field, term, date, any) = match &c.kind {
            ClauseKind::Text(t) => (None, Some(prepare(t, fuzzy)), None, Vec::new()),
            ClauseKind::Field(f, t) => (Some(*f), Some(prepare(t, false)), None, Vec::new()),
            ClauseKind::Date(d) => (None, None, Some(*d), Vec::new()),
            ClauseKind::Any(all) => (None, None, None, all.iter().map(Self::new).collect()),
        };
        PlannedClause {
            negated: c.negated,
            field,
            term,
            date,
            any,
        }
    }

    pub(super) fn narrows(&self, earlier: &PlannedClause) -> bool {
        self.negated == earlier.negated
            && self.field == earlier.field
            && self.date == earlier.date
            && self.any.len() == earlier.any.len()
            && self.any.iter().zip(&earlier.any).all(|(a, b)| a.narrows(b))
            && match (&self.term, &earlier.term) {
                (Some(now), Some(before)) if self.negated => now == before,
                (Some(now), Some(before)) => now.narrows(before),
                (None, None) => true,
                _ => false,
            }
    }
}
