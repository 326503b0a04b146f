//! Day One's JSON export (`Journal.json` in the export zip):
//! `{"entries": [{"uuid", "creationDate", "text", "tags", "starred"}]}`.
//!
//! The first line of `text` (without `#`) becomes the title, the rest the body; the date is
//! `creationDate` in local time. Entries are keyed by their `uuid`, so importing the same
//! export twice adds nothing.

use std::path::Path;

use serde::Deserialize;

use super::apply::{content_key, skip, Note, Parsed};
use super::TransferError;

#[derive(Deserialize)]
struct File {
    entries: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    #[serde(default)]
    uuid: Option<String>,
    creation_date: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

/// Day One escapes Markdown punctuation in its export (`\.`, `\-`, `\!`); undo that.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&n) = chars.peek() {
                if n.is_ascii_punctuation() {
                    out.push(n);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

pub(crate) fn parse(text: &str, path: &Path) -> Result<Parsed, TransferError> {
    let file: File = serde_json::from_str(text).map_err(|e| TransferError::BadFile {
        path: path.display().to_string(),
        format: "Day One JSON export",
        why: super::json_why(&e),
    })?;
    let mut out = Parsed::default();
    for (i, v) in file.entries.into_iter().enumerate() {
        let item = format!("entries[{i}]");
        let e: Entry = match serde_json::from_value(v) {
            Ok(e) => e,
            Err(_) => {
                out.skipped
                    .push(skip(item, "not a Day One entry (needs a creationDate)"));
                continue;
            }
        };
        let Ok(created) = chrono::DateTime::parse_from_rfc3339(e.creation_date.trim()) else {
            out.skipped
                .push(skip(item, "its creationDate is not an ISO 8601 time"));
            continue;
        };
        let local = created.with_timezone(&chrono::Local).naive_local();
        let text = unescape(&e.text);
        let mut lines = text.splitn(2, '\n');
        let first = lines.next().unwrap_or("").trim();
        let title = first.trim_start_matches('#').trim().to_string();
        let body = lines
            .next()
            .unwrap_or("")
            .trim_start_matches(['\r', '\n'])
            .trim_end()
            .to_string();
        let mut tags = e.tags;
        if e.starred {
            tags.push("starred".into());
        }
        let key = match e.uuid.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            Some(u) => format!("dayone:{}", u.to_ascii_uppercase()),
            None => content_key("dayone", &[&e.creation_date, &text]),
        };
        out.notes.push(Note {
            item,
            key: Some(key),
            date: Some(local.date()),
            written: Some(local),
            title: (!title.is_empty()).then_some(title),
            body,
            tags,
            created_at: Some(
                created
                    .with_timezone(&chrono::Utc)
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            ),
            ..Default::default()
        });
    }
    Ok(out)
}

pub(crate) fn parse_file(path: &Path) -> Result<Parsed, TransferError> {
    let bytes = super::read_regular(path, "Day One JSON export")?;
    let text = String::from_utf8(bytes).map_err(|_| TransferError::BadFile {
        path: path.display().to_string(),
        format: "Day One JSON export",
        why: "it is not UTF-8 text".into(),
    })?;
    parse(&text, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_parse() {
        let json = r##"{"metadata": {"version": "1.0"}, "entries": [
            {"uuid": "ab12", "creationDate": "2024-05-06T07:08:09Z", "text": "# Offsite\n\nWe planned Q3\\. Good day\\!", "tags": ["work"], "starred": true},
            {"creationDate": "not a date", "text": "x"},
            {"text": "no date"}
        ]}"##;
        let p = parse(json, Path::new("Journal.json")).unwrap();
        assert_eq!(p.notes.len(), 1);
        assert_eq!(p.skipped.len(), 2);
        let n = &p.notes[0];
        assert_eq!(n.title.as_deref(), Some("Offsite"));
        assert_eq!(n.body, "We planned Q3. Good day!");
        assert_eq!(n.key.as_deref(), Some("dayone:AB12"));
        assert_eq!(n.tags, vec!["work", "starred"]);
        assert!(matches!(
            parse("[1, 2]", Path::new("x.json")),
            Err(TransferError::BadFile { .. })
        ));
    }
}
