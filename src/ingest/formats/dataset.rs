//! Datasets: CSV and TSV (RFC 4180: quoted cells with commas and line breaks, a byte-order mark,
//! CRLF), a JSON array of objects (or an object holding one), JSON Lines. Each row is one
//! article. CSV and JSON Lines are streamed a batch of rows at a time, so a file of any size
//! is never held whole: only its articles are; a JSON array is parsed whole, up to
//! [`JSON_MAX_BYTES`].

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use rayon::prelude::*;
use serde_json::Value;

use super::columns::{Field, Mapping};
use super::fields::{self, Fields};
use super::{FileArticles, row_path};
use crate::ingest::FileProblem;

/// A JSON array is parsed whole: larger files should be JSON Lines.
pub(super) const JSON_MAX_BYTES: u64 = 512 * 1024 * 1024;

/// Rows in the first batch: few, so the first titles reach the reader at once.
const FIRST_BATCH: usize = 512;
/// Rows read before their articles are built in parallel, after the first batch.
const BATCH: usize = 4096;

/// A row read but not yet an article: its key and fields.
type Raw = (u64, Fields);

/// Rows gathered into batches, each built in parallel and handed on whole; the file's rows are
/// never all held at once.
struct Batches<'a> {
    path: &'a Path,
    fallback: Option<String>,
    rows: Vec<Raw>,
    warnings: Vec<FileProblem>,
    sent: usize,
    each: &'a mut dyn FnMut(FileArticles) -> bool,
    /// The receiver wants no more.
    stopped: bool,
}

impl<'a> Batches<'a> {
    fn new(path: &'a Path, each: &'a mut dyn FnMut(FileArticles) -> bool) -> Self {
        Self {
            path,
            fallback: fields::publisher_of_file(path),
            rows: Vec::with_capacity(FIRST_BATCH),
            warnings: Vec::new(),
            sent: 0,
            each,
            stopped: false,
        }
    }

    fn warn(&mut self, problem: FileProblem) {
        self.warnings.push(problem);
    }

    /// Adds a row; builds and hands on the batch once it is full. `false`: stop reading.
    fn push(&mut self, key: u64, fields: Fields) -> bool {
        self.rows.push((key, fields));
        let full = if self.sent == 0 { FIRST_BATCH } else { BATCH };
        if self.rows.len() >= full {
            self.flush();
        }
        !self.stopped
    }

    /// Builds the rows gathered so far in parallel, in order, and hands them on with the
    /// warnings.
    fn flush(&mut self) {
        if self.stopped || (self.rows.is_empty() && self.warnings.is_empty()) {
            return;
        }
        let (path, fallback) = (self.path, self.fallback.as_deref());
        let built: Vec<_> = std::mem::take(&mut self.rows)
            .into_par_iter()
            .map(|(key, f)| fields::article(&row_path(path, key), f, fallback))
            .collect();
        let mut out = FileArticles {
            articles: Vec::with_capacity(built.len()),
            warnings: std::mem::take(&mut self.warnings),
        };
        for r in built {
            match r {
                Ok((a, w)) => {
                    out.articles.push(a);
                    out.warnings.extend(w);
                }
                Err(problem) => out.warnings.push(problem),
            }
        }
        self.sent += 1;
        self.stopped = !(self.each)(out);
    }

    /// Hands on the last batch; a file with no rows at all is reported, not silently empty.
    fn finish(mut self, rows: usize) -> Result<(), FileProblem> {
        if rows == 0 {
            return Err(FileProblem::new(self.path, "skipped: no rows"));
        }
        self.flush();
        Ok(())
    }
}

fn open(path: &Path) -> Result<File, FileProblem> {
    crate::fsutil::open_regular(path)
        .map(|(file, _)| file)
        .map_err(|e| FileProblem::new(path, format!("skipped: cannot read ({e})")))
}

/// Reads a CSV or TSV file a batch of rows at a time, handing each batch to `each` (which says
/// whether to go on).
///
/// Long because the row loop's batching state lives across header, mapping and rows of one file.
pub(super) fn load_delimited(
    path: &Path,
    delimiter: u8,
    each: &mut dyn FnMut(FileArticles) -> bool,
) -> Result<(), FileProblem> {
    let file = open(path)?;
    if file.metadata().is_ok_and(|m| m.len() == 0) {
        return Err(FileProblem::new(path, "skipped: empty file"));
    }
    let crlf = line_ends_crlf(path);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(BufReader::with_capacity(1 << 20, file));
    let headers = reader
        .headers()
        .map_err(|e| FileProblem::new(path, format!("skipped: cannot read the header ({e})")))?
        .clone();
    let names: Vec<&str> = headers
        .iter()
        .map(|h| h.trim_start_matches('\u{FEFF}'))
        .collect();
    let mapping = Mapping::for_headers(&names)
        .map_err(|e| FileProblem::new(path, format!("skipped: {e}")))?;
    let mut out = Batches::new(path, each);
    let mut rows = 0;
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line() + 1;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                rows += 1;
                let line = record.position().map_or(line, |p| p.line()) + u64::from(crlf);
                if record.len() != headers.len() {
                    let more_lines = record
                        .iter()
                        .map(|c| c.matches('\n').count())
                        .sum::<usize>();
                    let reason = if record.len() < headers.len() && more_lines > 50 {
                        format!(
                            "skipped: {} cells where the header has {}, spanning {more_lines} lines: a quote that never closes?",
                            record.len(),
                            headers.len()
                        )
                    } else {
                        format!(
                            "skipped: {} cells where the header has {}",
                            record.len(),
                            headers.len()
                        )
                    };
                    out.warn(FileProblem::new(row_path(path, line), reason));
                    continue;
                }
                let cell = |f: Field| {
                    mapping
                        .get(f)
                        .and_then(|i| record.get(i))
                        .map(str::to_string)
                };
                if !out.push(line, fields_from(cell)) {
                    break;
                }
            }
            Err(e) => {
                rows += 1;
                let at = e.position().map_or(line, |p| p.line()) + u64::from(crlf);
                out.warn(FileProblem::new(
                    row_path(path, at),
                    format!("skipped: {}", csv_reason(&e)),
                ));
                if !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
            }
        }
    }
    out.finish(rows)
}

/// Whether the first line ends in CRLF. The `csv` crate takes a record's line before it reads
/// the `\n` of the CRLF that ends the record before, so in such files each line it gives is one
/// short.
fn line_ends_crlf(path: &Path) -> bool {
    let mut head = Vec::new();
    let read = crate::fsutil::open_regular(path)
        .map_err(std::io::Error::other)
        .and_then(|(f, _)| f.take(1 << 16).read_to_end(&mut head));
    read.is_ok()
        && head
            .iter()
            .position(|&b| b == b'\n')
            .is_some_and(|at| at > 0 && head[at - 1] == b'\r')
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".to_string(),
        csv::ErrorKind::Io(io) => format!("cannot read ({io})"),
        _ => e.to_string(),
    }
}

fn fields_from(cell: impl Fn(Field) -> Option<String>) -> Fields {
    Fields {
        title: cell(Field::Title),
        body: cell(Field::Body),
        date: cell(Field::Date),
        url: cell(Field::Url),
        publisher: cell(Field::Publisher),
        author: cell(Field::Author),
        category: cell(Field::Category),
        summary: cell(Field::Summary),
    }
}

/// A JSON value as cell text: strings as they are, numbers as written, lists of strings
/// joined (`"author": ["A", "B"]`); objects and nulls are no text.
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(text_of).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Null | Value::Object(_) => None,
    }
}

/// The fields of one JSON object, mapped by its keys.
fn object_fields(object: &serde_json::Map<String, Value>) -> Result<Fields, String> {
    let keys: Vec<&str> = object.keys().map(String::as_str).collect();
    let mapping = Mapping::for_headers(&keys)?;
    Ok(fields_from(|f| {
        mapping
            .get(f)
            .and_then(|i| keys.get(i))
            .and_then(|k| object.get(*k))
            .and_then(text_of)
    }))
}

/// Reads a JSON file whole, handing its articles to `each` a batch at a time.
pub(super) fn load_json(
    path: &Path,
    each: &mut dyn FnMut(FileArticles) -> bool,
) -> Result<(), FileProblem> {
    let file = open(path)?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len == 0 {
        return Err(FileProblem::new(path, "skipped: empty file"));
    }
    if len > JSON_MAX_BYTES {
        return Err(FileProblem::new(
            path,
            format!(
                "skipped: too large for a JSON array ({} MiB; the limit is {} MiB): write it as JSON Lines",
                len / (1024 * 1024),
                JSON_MAX_BYTES / (1024 * 1024)
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    BufReader::new(file)
        .read_to_end(&mut bytes)
        .map_err(|e| FileProblem::new(path, format!("skipped: cannot read ({e})")))?;
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let value: Value = serde_json::from_slice(text).map_err(|e| {
        FileProblem::new(
            path,
            format!(
                "skipped: not valid JSON (line {}, column {}: {})",
                e.line(),
                e.column(),
                json_reason(&e)
            ),
        )
    })?;
    drop(bytes);
    let items = match value {
        Value::Array(items) => items,
        Value::Object(mut object) => {
            // `{"articles": [...]}`, or one article alone.
            let list = object
                .iter()
                .find(|(_, v)| matches!(v, Value::Array(a) if a.iter().any(Value::is_object)))
                .map(|(k, _)| k.clone());
            match list.and_then(|k| object.remove(&k)) {
                Some(Value::Array(items)) => items,
                _ => vec![Value::Object(object)],
            }
        }
        _ => {
            return Err(FileProblem::new(
                path,
                "skipped: JSON that is neither a list of articles nor an object holding one",
            ));
        }
    };
    let mut out = Batches::new(path, each);
    let rows = items.len();
    for (i, item) in items.into_iter().enumerate() {
        let key = i as u64 + 1;
        match &item {
            Value::Object(o) => match object_fields(o) {
                Ok(f) => {
                    if !out.push(key, f) {
                        break;
                    }
                }
                Err(e) => out.warn(FileProblem::new(
                    row_path(path, key),
                    format!("skipped: {e}"),
                )),
            },
            _ => out.warn(FileProblem::new(
                row_path(path, key),
                "skipped: not a JSON object",
            )),
        }
    }
    out.finish(rows)
}

fn json_reason(e: &serde_json::Error) -> String {
    let full = e.to_string();
    // serde_json ends its message with the position, which is given separately.
    match full.rfind(" at line ") {
        Some(at) => full[..at].to_string(),
        None => full,
    }
}

/// Reads a JSON Lines file a batch of lines at a time, handing each batch to `each`.
pub(super) fn load_json_lines(
    path: &Path,
    each: &mut dyn FnMut(FileArticles) -> bool,
) -> Result<(), FileProblem> {
    let file = open(path)?;
    if file.metadata().is_ok_and(|m| m.len() == 0) {
        return Err(FileProblem::new(path, "skipped: empty file"));
    }
    let mut out = Batches::new(path, each);
    let mut rows = 0;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut line = String::new();
    let mut number = 0u64;
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                out.warn(FileProblem::new(
                    row_path(path, number + 1),
                    format!("skipped the rest: cannot read ({e})"),
                ));
                break;
            }
        }
        number += 1;
        let text = line.trim().trim_start_matches('\u{FEFF}');
        if text.is_empty() {
            continue;
        }
        rows += 1;
        let problem = |reason: String| FileProblem::new(row_path(path, number), reason);
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(o)) => match object_fields(&o) {
                Ok(f) => {
                    if !out.push(number, f) {
                        break;
                    }
                }
                Err(e) => out.warn(problem(format!("skipped: {e}"))),
            },
            Ok(_) => out.warn(problem("skipped: not a JSON object".into())),
            Err(e) => out.warn(problem(format!(
                "skipped: not valid JSON (column {}: {})",
                e.column(),
                json_reason(&e)
            ))),
        }
    }
    out.finish(rows)
}
