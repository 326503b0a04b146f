//! jrnl: its plain-text journal file and its JSON export (`jrnl --export json`).
//!
//! Plain text: each entry starts with a line `[YYYY-MM-DD HH:MM] Title. Rest`, the time
//! also as `HH:MM:SS` or with AM/PM; a ` *` at the end (or a `* ` before the title) marks
//! it starred. The title is the first sentence of that line, as jrnl splits it; the body
//! runs to the next entry. Tags are `@words`. JSON:
//! `{"entries": [{"date", "time", "title", "body", "tags", "starred"}]}`.
//! Entries come in as notes; starred ones get the tag `starred`.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;

use super::apply::{content_key, skip, Note, Parsed};
use super::TransferError;

const TIME_FORMATS: &[&str] = &["%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M:%S %p", "%I:%M%p"];

fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    TIME_FORMATS
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(s, f).ok())
}

/// `[2025-03-04 09:30] rest` -> (date-time, rest).
fn header(line: &str) -> Option<(NaiveDateTime, &str)> {
    let inner_end = line.find(']')?;
    let inner = line.strip_prefix('[')?.get(..inner_end - 1)?;
    let (d, t) = inner.trim().split_once(' ')?;
    let date = NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?;
    let time = parse_time(t)?;
    Some((date.and_time(time), line[inner_end + 1..].trim()))
}

/// jrnl's title: the first sentence (up to `.`, `?` or `!` followed by a space or the end).
fn split_title(line: &str) -> (&str, &str) {
    let bytes = line.as_bytes();
    for (i, c) in line.char_indices() {
        if matches!(c, '.' | '?' | '!') {
            let next = bytes.get(i + 1).copied();
            if next.is_none() || next == Some(b' ') {
                return (line[..=i].trim(), line[i + 1..].trim());
            }
        }
    }
    (line.trim(), "")
}

/// `@tags` in text.
fn tags_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for word in text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')')) {
        if let Some(t) = word.strip_prefix('@') {
            let t = t.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '_');
            if !t.is_empty() && seen.insert(t) {
                out.push(t.to_string());
            }
        }
    }
    out
}

fn note(
    item: String,
    at: NaiveDateTime,
    title: &str,
    body: &str,
    tags: Vec<String>,
    starred: bool,
) -> Note {
    let body = body.trim_matches(['\n', '\r']).trim_end().to_string();
    let title = title.trim().to_string();
    let mut tags = tags;
    tags.extend(tags_in(&title));
    tags.extend(tags_in(&body));
    if starred {
        tags.push("starred".into());
    }
    let key = content_key(
        "jrnl",
        &[&at.format("%Y-%m-%d %H:%M").to_string(), &title, &body],
    );
    Note {
        item,
        key: Some(key),
        date: Some(at.date()),
        written: Some(at),
        title: (!title.is_empty()).then_some(title),
        body,
        tags,
        ..Default::default()
    }
}

pub(crate) fn parse_plain(text: &str) -> Parsed {
    let mut out = Parsed::default();
    let mut current: Option<(usize, NaiveDateTime, String, bool, Vec<&str>)> = None;
    let finish = |c: Option<(usize, NaiveDateTime, String, bool, Vec<&str>)>, out: &mut Parsed| {
        if let Some((line_no, at, first, starred, lines)) = c {
            let (title, rest) = split_title(&first);
            let mut body = rest.to_string();
            if !lines.is_empty() {
                if !body.is_empty() {
                    body.push('\n');
                }
                body.push_str(&lines.join("\n"));
            }
            out.notes.push(note(
                format!("line {line_no}"),
                at,
                title,
                &body,
                Vec::new(),
                starred,
            ));
        }
    };
    let mut before_first = 0;
    for (i, line) in text.lines().enumerate() {
        if let Some((at, rest)) = header(line) {
            finish(current.take(), &mut out);
            let mut rest = rest.to_string();
            let mut starred = false;
            if let Some(r) = rest
                .strip_suffix(" *")
                .or_else(|| (rest == "*").then_some(""))
            {
                rest = r.trim_end().to_string();
                starred = true;
            }
            if let Some(r) = rest.strip_prefix("* ") {
                rest = r.to_string();
                starred = true;
            }
            current = Some((i + 1, at, rest, starred, Vec::new()));
        } else if let Some(c) = current.as_mut() {
            c.4.push(line);
        } else if !line.trim().is_empty() {
            before_first += 1;
        }
    }
    finish(current.take(), &mut out);
    if before_first > 0 {
        out.skipped.push(skip(
            "the start of the file",
            format!("{before_first} line(s) before the first [date time] entry"),
        ));
    }
    out
}

#[derive(Deserialize)]
struct JsonFile {
    entries: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct JsonEntry {
    date: String,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

pub(crate) fn parse_json(text: &str, path: &Path) -> Result<Parsed, TransferError> {
    let file: JsonFile = serde_json::from_str(text).map_err(|e| TransferError::BadFile {
        path: path.display().to_string(),
        format: "jrnl JSON export",
        why: super::json_why(&e),
    })?;
    let mut out = Parsed::default();
    for (i, v) in file.entries.into_iter().enumerate() {
        let item = format!("entries[{i}]");
        let e: JsonEntry = match serde_json::from_value(v) {
            Ok(e) => e,
            Err(_) => {
                out.skipped
                    .push(skip(item, "not a jrnl entry (needs at least a date)"));
                continue;
            }
        };
        let Ok(date) = NaiveDate::parse_from_str(e.date.trim(), "%Y-%m-%d") else {
            out.skipped.push(skip(item, "its date is not YYYY-MM-DD"));
            continue;
        };
        let time = match e.time.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => match parse_time(t) {
                Some(t) => t,
                None => {
                    out.skipped.push(skip(item, "its time is not HH:MM"));
                    continue;
                }
            },
            None => NaiveTime::MIN,
        };
        let tags = e
            .tags
            .iter()
            .map(|t| t.trim_start_matches('@').to_string())
            .collect();
        out.notes.push(note(
            item,
            date.and_time(time),
            &e.title,
            &e.body,
            tags,
            e.starred,
        ));
    }
    Ok(out)
}

/// Reads a jrnl file, JSON export or plain text (told apart by the first character).
pub(crate) fn parse_file(path: &Path) -> Result<Parsed, TransferError> {
    let bytes = super::read_regular(path, "jrnl")?;
    let text = String::from_utf8(bytes).map_err(|_| TransferError::BadFile {
        path: path.display().to_string(),
        format: "jrnl",
        why: "it is not UTF-8 text".into(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim_start().starts_with('{') {
        return parse_json(text, path);
    }
    let parsed = parse_plain(text);
    if parsed.notes.is_empty() {
        return Err(TransferError::BadFile {
            path: path.display().to_string(),
            format: "jrnl",
            why: "no entry starting with a [YYYY-MM-DD HH:MM] line".into(),
        });
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_parses() {
        let text = "[2025-03-04 09:30] Talked with @priya. She wants more scope.\nSecond line @growth.\n\n[2025-03-05 05:15:00 PM] Short one *\n\n[2025-03-06 10:00] * Starred first\nbody\n";
        let p = parse_plain(text);
        assert_eq!(p.notes.len(), 3);
        let a = &p.notes[0];
        assert_eq!(a.title.as_deref(), Some("Talked with @priya."));
        assert_eq!(a.body, "She wants more scope.\nSecond line @growth.");
        assert_eq!(a.tags, vec!["priya", "growth"]);
        assert_eq!(a.written.unwrap().to_string(), "2025-03-04 09:30:00");
        let b = &p.notes[1];
        assert_eq!(b.title.as_deref(), Some("Short one"));
        assert_eq!(b.written.unwrap().to_string(), "2025-03-05 17:15:00");
        assert!(b.tags.contains(&"starred".to_string()));
        assert_eq!(p.notes[2].title.as_deref(), Some("Starred first"));
        assert!(p.notes[2].tags.contains(&"starred".to_string()));
    }

    #[test]
    fn json_and_plain_give_the_same_keys() {
        let plain = parse_plain("[2025-03-04 09:30] Title here. Body text\nmore\n");
        let json = parse_json(
            r#"{"tags": {}, "entries": [{"date": "2025-03-04", "time": "09:30", "title": "Title here.", "body": "Body text\nmore", "tags": [], "starred": false}, {"time": "x"}]}"#,
            Path::new("j.json"),
        )
        .unwrap();
        assert_eq!(plain.notes[0].key, json.notes[0].key);
        assert_eq!(json.skipped.len(), 1);
    }
}
