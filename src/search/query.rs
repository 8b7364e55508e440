//! The query language: free words, `"quoted phrases"`, field filters, `|` alternatives and `!`
//! exclusions.
//!
//! | syntax | meaning |
//! |---|---|
//! | `পুতিন`, `putin` | a word: title and body words, entity names (both scripts), outlet names |
//! | `'নির্বাচন` | exactly this word: no case endings, no transliteration |
//! | `"কিম জং"` | a phrase: the words in this order, as typed |
//! | `putin \| trump`, `source:bbc\|source:ap` | either (binds tighter than the AND between clauses) |
//! | `title:বন্যা` `body:বন্যা` | the word in the title only, or in the body only |
//! | `source:bbc` | the article credits or cites the outlet (English or Bengali name) |
//! | `publisher:prothom` | the outlet that published the article |
//! | `person:putin` `place:kursk` `org:hamas` | the article mentions an entity of that kind |
//! | `date:2025-07`, `date:2025-01..2025-06`, `date:2025-07-13..` | published in that span |
//! | `!term`, `!source:tass` | exclude articles matching it |
//! | `is:unread`, `is:read`, `is:starred`, `is:unstarred` | by the reading marks (`!` negates) |
//!
//! Every clause must hold (AND). The `is:` clauses are kept apart in [`Query::marks`]: the
//! engine does not know the reading marks; the app and `khobor search` apply them to its hits.
//!
//! A query is parsed as typed, keystroke by keystroke, so parsing never fails: an unfinished
//! clause (`source:`, `is:`, `!`, `date:2025-0`, `a |`) constrains nothing, and a malformed date,
//! an unknown field (`sorce:bbc`) or an unknown mark (`is:unred`) is left out and reported in
//! [`Query::problems`] for the UI to show.

mod date_span;

pub(crate) use date_span::DateSpan;
use date_span::parse_date_span;

/// A parsed query: clauses in the order typed, all of which must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub(crate) clauses: Vec<Clause>,
    /// The `is:` clauses, which always hold in addition to `clauses` (never as an alternative).
    pub(crate) marks: Vec<MarkCondition>,
    /// Human-readable notes about parts of the query that were ignored (e.g. a malformed date).
    pub(crate) problems: Vec<String>,
}

/// The query language as the help overlay shows it: `(example, what it matches)`. Kept beside the
/// parser so the two change together; a test parses every example.
pub(crate) const SYNTAX: &[(&str, &str)] = &[
    (
        "পুতিন  putin",
        "title words, people, places, outlets (Bengali or Latin)",
    ),
    ("\"কিম জং\"", "a phrase"),
    (
        "'নির্বাচন",
        "exactly this word (no endings, no transliteration)",
    ),
    ("putin | trump", "either"),
    ("title:বন্যা  body:বন্যা", "only in the title, only in the body"),
    ("source:bbc", "articles drawing on an outlet"),
    ("publisher:prothom", "articles an outlet published"),
    (
        "person:putin",
        "articles mentioning a person (also place:, org:)",
    ),
    (
        "date:2025-07",
        "published then (date:2025, date:2025-01..2025-06)",
    ),
    ("!trump  !source:tass", "exclude"),
    ("is:unread  is:starred", "reading marks"),
];

/// Which reading mark an `is:` clause looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    Read,
    Starred,
}

/// One `is:` clause: the mark must be `wanted` (set or unset).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MarkCondition {
    pub(crate) mark: Mark,
    pub(crate) wanted: bool,
}

/// The `is:` values and what they ask for.
const IS_VALUES: [(&str, Mark, bool); 4] = [
    ("unread", Mark::Read, false),
    ("read", Mark::Read, true),
    ("starred", Mark::Starred, true),
    ("unstarred", Mark::Starred, false),
];

/// One condition; `negated` turns it into an exclusion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Clause {
    pub(crate) negated: bool,
    pub(crate) kind: ClauseKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ClauseKind {
    /// Free text: a word or a quoted phrase.
    Text(Term),
    /// `field:value`.
    Field(Field, Term),
    /// `date:…`, inclusive on both ends.
    Date(DateSpan),
    /// `a | b`: at least one of these holds.
    Any(Vec<Clause>),
}

/// Which named things a field clause looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    /// The article's credited sources and cited media.
    Source,
    /// The outlet that published the article.
    Publisher,
    Person,
    Place,
    /// Organisations, including media named as organisations.
    Org,
    /// Title words only.
    Title,
    /// Body words only.
    Body,
}

impl Field {
    /// Field names as typed before the colon (lower-case).
    pub(crate) const NAMES: &'static [(&'static str, Field)] = &[
        ("source", Field::Source),
        ("src", Field::Source),
        ("publisher", Field::Publisher),
        ("pub", Field::Publisher),
        ("person", Field::Person),
        ("who", Field::Person),
        ("place", Field::Place),
        ("where", Field::Place),
        ("org", Field::Org),
        ("title", Field::Title),
        ("body", Field::Body),
    ];

    fn from_name(name: &str) -> Option<Field> {
        let name = name.to_lowercase();
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
    }
}

/// A word or phrase as typed (trimmed, quotes removed; never empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Term {
    pub(crate) text: String,
    /// Written in quotes: match the whole text in order, spaces included.
    pub(crate) phrase: bool,
    /// Written after `'`: this word only, without case endings or transliteration.
    pub(crate) exact: bool,
}

impl Query {
    /// Parses a query as typed. Never fails; see the module docs.
    pub fn parse(input: &str) -> Query {
        let mut query = Query::default();
        // After a `|`: the next clause joins the one before as an alternative.
        let mut either = false;
        for token in tokens(input) {
            let pieces: Vec<&str> = if token.starts_with('"') {
                vec![token.as_str()]
            } else {
                token.split('|').collect()
            };
            for (i, piece) in pieces.into_iter().enumerate() {
                either |= i > 0;
                let (negated, body) = match piece.strip_prefix('!') {
                    Some(rest) => (true, rest),
                    None => (false, piece),
                };
                if let Some(value) = is_value(body) {
                    query.mark(value, negated);
                    continue;
                }
                let Some(kind) = query.clause_kind(body) else {
                    continue;
                };
                let clause = Clause { negated, kind };
                match query.clauses.pop() {
                    Some(before) if either => query.clauses.push(before.or(clause)),
                    Some(before) => {
                        query.clauses.push(before);
                        query.clauses.push(clause);
                    }
                    None => query.clauses.push(clause),
                }
                either = false;
            }
        }
        query
    }

    /// True when nothing constrains what the engine finds (all articles, newest first); the
    /// `is:` clauses may still narrow that by the reading marks.
    pub(crate) fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// Adds the `is:VALUE` clause; an empty value is unfinished and an unknown one reported.
    fn mark(&mut self, value: &str, negated: bool) {
        if value.is_empty() {
            return;
        }
        match IS_VALUES
            .iter()
            .find(|(name, _, _)| name.eq_ignore_ascii_case(value))
        {
            Some(&(_, mark, wanted)) => self.marks.push(MarkCondition {
                mark,
                wanted: wanted != negated,
            }),
            None => self.problems.push(format!(
                "unknown is:{value} (is: unread, read, starred, unstarred)"
            )),
        }
    }

    fn clause_kind(&mut self, body: &str) -> Option<ClauseKind> {
        if let Some((name, value)) = body.split_once(':')
            && !name.starts_with('"')
        {
            if name.eq_ignore_ascii_case("date") {
                return match parse_date_span(value) {
                    Ok(span) => span.map(ClauseKind::Date),
                    Err(e) => {
                        self.problems.push(e);
                        None
                    }
                };
            }
            if let Some(field) = Field::from_name(name) {
                return term(value).map(|t| ClauseKind::Field(field, t));
            }
            // Looks like a field (a Latin name, not a URL or a time): say so rather than
            // search for the text.
            if !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphabetic())
                && !value.starts_with('/')
            {
                self.problems.push(format!(
                    "unknown field {name}: (fields: source, person, place, org, title, body, \
                     date, is)"
                ));
                return None;
            }
        }
        term(body).map(ClauseKind::Text)
    }
}

impl Clause {
    /// `self | other`, flattening alternatives already there.
    fn or(self, other: Clause) -> Clause {
        let mut alternatives = match self {
            Clause {
                negated: false,
                kind: ClauseKind::Any(all),
            } => all,
            one => vec![one],
        };
        alternatives.push(other);
        Clause {
            negated: false,
            kind: ClauseKind::Any(alternatives),
        }
    }
}

/// The value of an `is:` clause (`is:unread` → `unread`), any case of `is`.
fn is_value(body: &str) -> Option<&str> {
    body.get(..3)
        .filter(|p| p.eq_ignore_ascii_case("is:"))
        .map(|_| &body[3..])
}

/// Splits at whitespace outside double quotes; a quote left open runs to the end (as typed).
fn tokens(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in input.chars() {
        match c {
            '"' | '“' | '”' => {
                quoted = !quoted;
                current.push('"');
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn term(raw: &str) -> Option<Term> {
    let phrase = raw.starts_with('"');
    let (exact, raw) = match raw.strip_prefix(['\'', '‘', '’']) {
        Some(rest) if !phrase => (true, rest),
        _ => (false, raw),
    };
    let text = raw.trim_matches('"').trim();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(Term {
        text,
        phrase,
        exact,
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn text(t: &str) -> ClauseKind {
        ClauseKind::Text(Term {
            text: t.into(),
            phrase: false,
            exact: false,
        })
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn words_fields_and_exclusions() {
        let q = Query::parse("  পুতিন person:Putin !trump  source:বিবিসি ");
        let kinds: Vec<_> = q
            .clauses
            .iter()
            .map(|c| (c.negated, c.kind.clone()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (false, text("পুতিন")),
                (
                    false,
                    ClauseKind::Field(
                        Field::Person,
                        Term {
                            text: "Putin".into(),
                            phrase: false,
                            exact: false,
                        }
                    )
                ),
                (true, text("trump")),
                (
                    false,
                    ClauseKind::Field(
                        Field::Source,
                        Term {
                            text: "বিবিসি".into(),
                            phrase: false,
                            exact: false,
                        }
                    )
                ),
            ]
        );
    }

    #[test]
    fn phrases_keep_spaces_and_may_be_unfinished() {
        let q = Query::parse("\"কিম  জং উন\" person:\"kim jong");
        assert_eq!(
            q.clauses[0].kind,
            ClauseKind::Text(Term {
                text: "কিম জং উন".into(),
                phrase: true,
                exact: false,
            })
        );
        assert_eq!(
            q.clauses[1].kind,
            ClauseKind::Field(
                Field::Person,
                Term {
                    text: "kim jong".into(),
                    phrase: true,
                    exact: false,
                }
            )
        );
    }

    #[test]
    fn unfinished_clauses_constrain_nothing() {
        assert!(Query::parse("! source: date: \"\"").is_empty());
        assert!(Query::parse("").is_empty());
    }

    #[test]
    fn every_syntax_example_parses_cleanly() {
        for (example, _) in SYNTAX {
            let q = Query::parse(example);
            assert!(q.problems.is_empty(), "{example}: {:?}", q.problems);
            assert!(
                !q.clauses.is_empty() || !q.marks.is_empty(),
                "{example} constrains nothing"
            );
        }
    }

    #[test]
    fn alternatives_bind_tighter_than_and() {
        let q = Query::parse("putin | trump source:bbc|source:ap !x");
        assert_eq!(q.clauses.len(), 3);
        let ClauseKind::Any(first) = &q.clauses[0].kind else {
            panic!("an alternative: {:?}", q.clauses[0]);
        };
        assert_eq!(first.len(), 2);
        assert!(matches!(&q.clauses[1].kind, ClauseKind::Any(two) if two.len() == 2));
        assert!(q.clauses[2].negated);
        // Unfinished: the dangling bar constrains nothing more.
        assert_eq!(Query::parse("putin |").clauses.len(), 1);
        assert_eq!(Query::parse("| putin").clauses.len(), 1);
    }

    #[test]
    fn exact_words_and_unknown_fields() {
        let q = Query::parse("'নির্বাচন");
        assert!(matches!(&q.clauses[0].kind, ClauseKind::Text(t) if t.exact && t.text == "নির্বাচন"));
        let q = Query::parse("sorce:bbc putin");
        assert_eq!(q.clauses.len(), 1);
        assert_eq!(q.problems.len(), 1);
        assert!(q.problems[0].contains("sorce"), "{:?}", q.problems);
        let q = Query::parse("title:বন্যা body:বন্যা");
        assert!(matches!(
            q.clauses[0].kind,
            ClauseKind::Field(Field::Title, _)
        ));
        assert!(matches!(
            q.clauses[1].kind,
            ClauseKind::Field(Field::Body, _)
        ));
    }

    fn cond(mark: Mark, wanted: bool) -> MarkCondition {
        MarkCondition { mark, wanted }
    }

    #[test]
    fn is_clauses_become_mark_conditions_not_clauses() {
        let q = Query::parse("পুতিন is:unread source:bbc !IS:starred");
        assert_eq!(q.clauses.len(), 2);
        assert_eq!(
            q.marks,
            [cond(Mark::Read, false), cond(Mark::Starred, false)]
        );
        assert!(q.problems.is_empty(), "{:?}", q.problems);
        let q = Query::parse("is:read");
        assert!(q.is_empty());
        assert_eq!(q.marks, [cond(Mark::Read, true)]);
    }

    #[test]
    fn unfinished_is_constrains_nothing_unknown_is_reported_quotes_are_text() {
        let q = Query::parse("কিম is:");
        assert_eq!((q.clauses.len(), q.marks.len()), (1, 0));
        assert!(q.problems.is_empty(), "{:?}", q.problems);
        let q = Query::parse("কিম is:unred");
        assert_eq!((q.clauses.len(), q.marks.len()), (1, 0));
        assert_eq!(q.problems.len(), 1);
        assert!(q.problems[0].contains("is:unred"), "{:?}", q.problems);
        let q = Query::parse("\"কিম is:starred\" জং");
        assert!(q.marks.is_empty());
        assert!(
            matches!(&q.clauses[0].kind, ClauseKind::Text(t) if t.phrase && t.text == "কিম is:starred")
        );
    }

    #[test]
    fn unknown_field_names_are_plain_text() {
        let q = Query::parse("১২:৩৫ http://x");
        assert_eq!(q.clauses[0].kind, text("১২:৩৫"));
        assert_eq!(q.clauses[1].kind, text("http://x"));
    }

    #[test]
    fn dates_months_years_and_ranges() {
        let span = |s: &str| match Query::parse(s).clauses.first().map(|c| c.kind.clone()) {
            Some(ClauseKind::Date(d)) => (d.from, d.to),
            other => panic!("{s}: {other:?}"),
        };
        assert_eq!(span("date:2025-07"), (day(2025, 7, 1), day(2025, 7, 31)));
        assert_eq!(span("date:2024-02"), (day(2024, 2, 1), day(2024, 2, 29)));
        assert_eq!(span("date:2025-12"), (day(2025, 12, 1), day(2025, 12, 31)));
        assert_eq!(span("date:2025"), (day(2025, 1, 1), day(2025, 12, 31)));
        assert_eq!(
            span("date:২০২৫-০৭-১৩"),
            (day(2025, 7, 13), day(2025, 7, 13))
        );
        assert_eq!(
            span("date:2025-01..2025-06"),
            (day(2025, 1, 1), day(2025, 6, 30))
        );
        assert_eq!(span("date:2025-07-13.."), (day(2025, 7, 13), None));
        assert_eq!(span("date:..2023"), (None, day(2023, 12, 31)));
    }

    #[test]
    fn malformed_dates_are_reported_not_applied() {
        for bad in ["date:2025-13", "date:25-07", "date:july", "date:2025-0x"] {
            let q = Query::parse(bad);
            assert!(q.clauses.is_empty(), "{bad}");
            assert_eq!(q.problems.len(), 1, "{bad}");
        }
    }
}
