//! Which dataset column holds which article field: the user's mapping (`--columns
//! title=Headline,body=Text`, or `[columns]` in config.toml) first, else the usual names.

use std::sync::OnceLock;

/// An article field a dataset column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    Title,
    Body,
    Date,
    Url,
    Publisher,
    Author,
    Category,
    Summary,
}

impl Field {
    pub(crate) const ALL: [Field; 8] = [
        Field::Title,
        Field::Body,
        Field::Date,
        Field::Url,
        Field::Publisher,
        Field::Author,
        Field::Category,
        Field::Summary,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Body => "body",
            Field::Date => "date",
            Field::Url => "url",
            Field::Publisher => "publisher",
            Field::Author => "author",
            Field::Category => "category",
            Field::Summary => "summary",
        }
    }

    /// Column names that mean this field, most telling first, as [`normalise`] writes them.
    fn usual_names(self) -> &'static [&'static str] {
        match self {
            Field::Title => &["title", "headline", "heading", "newstitle", "articletitle"],
            Field::Body => &[
                "body",
                "articlebody",
                "article",
                "content",
                "text",
                "fulltext",
                "story",
                "newsbody",
                "description",
            ],
            Field::Date => &[
                "datepublished",
                "publicationdate",
                "publisheddate",
                "publishdate",
                "publishedat",
                "published",
                "pubdate",
                "datetime",
                "date",
                "time",
            ],
            Field::Url => &[
                "url",
                "link",
                "articleurl",
                "permalink",
                "href",
                "sourceurl",
            ],
            Field::Publisher => &[
                "publisher",
                "papername",
                "newspaper",
                "outlet",
                "source",
                "sitename",
                "paper",
            ],
            Field::Author => &["author", "writer", "authors", "byline", "reporter"],
            Field::Category => &["category", "section", "categories", "topic"],
            Field::Summary => &["summary", "subtitle", "excerpt", "lead", "standfirst"],
        }
    }
}

/// Column names chosen by the user, by field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ColumnMap(Vec<(Field, String)>);

impl ColumnMap {
    /// Parses `title=Headline,body=Article Body`.
    pub(crate) fn parse(spec: &str) -> Result<Self, String> {
        let mut map = Vec::new();
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (field, column) = pair
                .split_once('=')
                .ok_or_else(|| format!("`{pair}` is not FIELD=COLUMN"))?;
            map.push((Self::field(field)?, column.trim().to_string()));
        }
        Ok(Self(map))
    }

    /// From config.toml's `[columns]` table (`title = "Headline"`).
    pub(crate) fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, String> {
        let mut map = Vec::new();
        for (field, column) in pairs {
            map.push((Self::field(field)?, column.to_string()));
        }
        Ok(Self(map))
    }

    fn field(name: &str) -> Result<Field, String> {
        let name = name.trim();
        Field::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                let known: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
                format!("unknown field `{name}` (known: {})", known.join(", "))
            })
    }

    /// This mapping with `other`'s choices on top.
    pub(crate) fn overridden_by(mut self, other: &ColumnMap) -> Self {
        for (field, column) in &other.0 {
            self.0.retain(|(f, _)| f != field);
            self.0.push((*field, column.clone()));
        }
        self
    }

    /// The pairs, for printing the configuration.
    #[cfg(test)]
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.0.iter().map(|(f, c)| (f.name(), c.as_str()))
    }
}

static COLUMNS: OnceLock<ColumnMap> = OnceLock::new();

/// Sets the mapping every dataset is read with, once, before loading (the command line and
/// config file are read once per run; every load and reload uses the same mapping).
pub(crate) fn set_columns(map: ColumnMap) {
    let _ = COLUMNS.set(map);
}

fn user_columns() -> &'static ColumnMap {
    COLUMNS.get_or_init(ColumnMap::default)
}

/// `Date Published`, `date_published`, `DatePublished` → `datepublished`.
fn normalise(name: &str) -> String {
    name.trim_start_matches('\u{FEFF}')
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which column (by position) holds each field, for a file with these column names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Mapping {
    columns: Vec<(Field, usize)>,
}

impl Mapping {
    /// The user's columns where given, the usual names for the rest. A user's column missing
    /// from the file is an error naming it.
    pub(super) fn for_headers(headers: &[&str]) -> Result<Self, String> {
        let mut columns = Vec::new();
        let user = user_columns();
        for (field, column) in &user.0 {
            let at = headers
                .iter()
                .position(|h| h.trim() == column.trim())
                .or_else(|| {
                    headers
                        .iter()
                        .position(|h| normalise(h) == normalise(column))
                })
                .ok_or_else(|| {
                    format!(
                        "no column `{column}` for {} (columns: {})",
                        field.name(),
                        headers.join(", ")
                    )
                })?;
            columns.push((*field, at));
        }
        let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        for field in Field::ALL {
            if columns.iter().any(|(f, _)| *f == field) {
                continue;
            }
            let taken = |i: usize| columns.iter().any(|(_, c)| *c == i);
            let found = field
                .usual_names()
                .iter()
                .find_map(|name| (0..headers.len()).find(|&i| !taken(i) && normalised[i] == *name));
            if let Some(i) = found {
                columns.push((field, i));
            }
        }
        let mapping = Self { columns };
        if mapping.get(Field::Title).is_none() && mapping.get(Field::Body).is_none() {
            return Err(format!(
                "no title or body column among: {}; name them with --columns title=COLUMN,body=COLUMN (or a [columns] table in config.toml)",
                headers.join(", ")
            ));
        }
        Ok(mapping)
    }

    pub(super) fn get(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, i)| *i)
    }
}

/// Whether these header cells name a title or body column (the mark of a dataset).
pub(super) fn names_a_text_column(headers: &[&str]) -> bool {
    let names: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    [Field::Title, Field::Body]
        .iter()
        .any(|f| f.usual_names().iter().any(|u| names.iter().any(|n| n == u)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(headers: &[&str]) -> Vec<(&'static str, String)> {
        let m = Mapping::for_headers(headers).expect("maps");
        Field::ALL
            .iter()
            .filter_map(|f| m.get(*f).map(|i| (f.name(), headers[i].to_string())))
            .collect()
    }

    #[test]
    fn usual_names_map_without_options() {
        assert_eq!(
            fields(&["Date Published", "Headline", "Article Body"]),
            [
                ("title", "Headline".to_string()),
                ("body", "Article Body".to_string()),
                ("date", "Date Published".to_string())
            ]
        );
        let json = fields(&[
            "id",
            "url",
            "paper_name",
            "headline",
            "article",
            "sub_title",
            "category",
            "author",
            "publication_date",
            "modification_date",
            "image_url",
            "keywords",
        ]);
        for (field, column) in [
            ("title", "headline"),
            ("body", "article"),
            ("date", "publication_date"),
            ("url", "url"),
            ("publisher", "paper_name"),
            ("author", "author"),
            ("category", "category"),
            ("summary", "sub_title"),
        ] {
            assert!(
                json.contains(&(field, column.to_string())),
                "{field} {json:?}"
            );
        }
        let ittefaq = fields(&[
            "Title",
            "Date_Time",
            "Image_URL",
            "Image_Caption",
            "Body",
            "URL",
        ]);
        assert!(ittefaq.contains(&("url", "URL".to_string())));
        assert!(ittefaq.contains(&("date", "Date_Time".to_string())));
    }

    #[test]
    fn no_text_column_is_an_error_listing_the_columns_and_the_option() {
        let e = Mapping::for_headers(&["id", "when", "what"]).expect_err("no text");
        assert!(
            e.contains("id, when, what") && e.contains("--columns"),
            "{e}"
        );
    }

    #[test]
    fn user_mappings_parse_and_reject_unknown_fields() {
        let m = ColumnMap::parse("title=Shironam, body = Lekha").expect("parses");
        assert_eq!(
            m.pairs().collect::<Vec<_>>(),
            [("title", "Shironam"), ("body", "Lekha")]
        );
        assert!(ColumnMap::parse("colour=x").is_err());
        assert!(ColumnMap::parse("title").is_err());
    }
}
