//! jrnl: its plain-text journal file and its JSON export (`jrnl --export json`).
//!
//! Plain text, as jrnl 4 reads it: an entry starts on a line `[date] text`, where jrnl
//! reads the date (`2025-03-04 09:30`, with seconds or AM/PM, a date alone at 09:00, or a
//! year and month alone as the first of the month, as its `mostlyreadabledates` test
//! journal has). A bracketed line whose date Candor cannot read stays text of the entry
//! above and the report says where. The entry's text runs to the next entry; a `*` at the
//! end of its first line stars it. The title is split off as jrnl splits it: the first
//! line when the entry has more than one, else the first sentence. Tags are words after
//! `@` or `#` made of letters, digits and `-+*#/_` (`@c++` and `@c#` differ), lower-cased.
//! JSON: `{"entries": [{"date", "time", "title", "body", "tags", "starred"}]}`.
//! Entries come in as notes; starred ones get the tag `starred`.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;

use super::apply::{content_key, skip, Note, Parsed};
use super::TransferError;

const TIME_FORMATS: &[&str] = &["%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M:%S %p", "%I:%M%p"];

/// The time jrnl gives an entry whose date has none (its `default_hour`).
const DEFAULT_HOUR: u32 = 9;

fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    TIME_FORMATS
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(s, f).ok())
}

fn default_time() -> NaiveTime {
    NaiveTime::from_hms_opt(DEFAULT_HOUR, 0, 0).unwrap_or(NaiveTime::MIN)
}

/// A date: `YYYY-MM-DD`, `YYYY/MM/DD`, or `YYYY-MM` (the first of that month).
fn parse_day(s: &str) -> Option<NaiveDate> {
    for f in ["%Y-%m-%d", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(d);
        }
    }
    let (y, m) = s.split_once(['-', '/'])?;
    if y.len() != 4 || m.is_empty() || m.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)
}

/// The date inside a jrnl entry's brackets, in the forms jrnl itself reads back.
fn entry_date(blob: &str) -> Option<NaiveDateTime> {
    let blob = blob.trim();
    let (day, time) = match blob.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t)),
        None => (blob, None),
    };
    let day = parse_day(day)?;
    let time = match time.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => parse_time(t)?,
        None => default_time(),
    };
    Some(day.and_time(time))
}

/// Whether a bracketed text Candor cannot read as a date looks meant as one (a year in
/// it, or digits around a date separator), so the report points at it.
fn looks_like_date(blob: &str) -> bool {
    let b = blob.as_bytes();
    let year = b.windows(4).any(|w| w.iter().all(u8::is_ascii_digit));
    let separated = b.windows(3).any(|w| {
        w[0].is_ascii_digit() && matches!(w[1], b'-' | b'/' | b'.' | b':') && w[2].is_ascii_digit()
    });
    year || separated
}

/// `[blob] rest` (or `[blob]` alone) -> (blob, rest).
fn bracketed(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_prefix('[')?;
    let close = inner.find(']')?;
    let (blob, after) = (&inner[..close], &inner[close + 1..]);
    if blob.is_empty() {
        return None;
    }
    match after.strip_prefix(' ') {
        Some(rest) => Some((blob, rest)),
        None if after.trim().is_empty() => Some((blob, "")),
        None => None,
    }
}

/// Where jrnl ends a sentence: a terminal, an optional closing quote and brackets, then
/// white space; or a CJK full stop, which needs none. Returns the end of the separator.
fn sentence_end(text: &str) -> Option<usize> {
    const TERMINALS: &[char] = &[
        '.', '!', '?', '\u{2026}', '\u{203C}', '\u{203D}', '\u{2047}', '\u{2048}', '\u{2049}',
        '\u{22EF}', '\u{FE52}', '\u{FE57}',
    ];
    const CJK: &[char] = &['\u{FF01}', '\u{FF0E}', '\u{FF1F}', '\u{FF61}', '\u{3002}'];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if CJK.contains(&c) {
            return Some(i + c.len_utf8());
        }
        if !TERMINALS.contains(&c) {
            continue;
        }
        let mut j = k + 1;
        if chars
            .get(j)
            .is_some_and(|&(_, q)| matches!(q, '\'' | '"' | '\u{2019}' | '\u{201D}'))
        {
            j += 1;
        }
        while chars.get(j).is_some_and(|&(_, b)| matches!(b, ']' | ')')) {
            j += 1;
        }
        let spaces = chars[j.min(chars.len())..]
            .iter()
            .take_while(|(_, w)| w.is_whitespace())
            .count();
        if spaces > 0 {
            let last = j + spaces;
            return Some(chars.get(last).map_or(text.len(), |&(p, _)| p));
        }
    }
    None
}

/// jrnl's title: the first line when there are more, else the first sentence.
fn split_title(text: &str) -> (&str, &str) {
    let at = match text.trim_start().find('\n') {
        Some(_) => text.find('\n').map(|i| i + 1),
        None => sentence_end(text),
    };
    match at {
        Some(i) => (text[..i].trim(), text[i..].trim()),
        None => (text.trim(), ""),
    }
}

/// Tags as jrnl finds them: `@` or `#` after white space (or at the start), then letters,
/// digits and `-+*#/_`; lower-cased, the symbol dropped. `##` alone is no tag.
fn tags_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut prev_space = true;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if prev_space && (c == '@' || c == '#') {
            let start = i + 1;
            let mut end = start;
            while let Some(&(j, t)) = chars.peek() {
                if t.is_alphanumeric() || matches!(t, '-' | '+' | '*' | '#' | '/' | '_') {
                    end = j + t.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let tag = text[start..end].to_lowercase();
            if tag.chars().any(char::is_alphanumeric) && seen.insert(tag.clone()) {
                out.push(tag);
            }
            prev_space = false;
            continue;
        }
        prev_space = c.is_whitespace();
    }
    out
}

/// A tag from jrnl's JSON export, which keeps the symbol (`@work`, `#c++`).
fn json_tag(t: &str) -> String {
    let t = t.trim();
    t.strip_prefix(['@', '#']).unwrap_or(t).to_lowercase()
}

fn note(
    item: String,
    at: NaiveDateTime,
    title: &str,
    body: &str,
    tags: Vec<String>,
    starred: bool,
) -> Note {
    let body = body.trim().to_string();
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

/// One entry's text (after `[date] `) into its title, body and star, as jrnl reads it.
fn entry_parts(text: &str) -> (String, String, bool) {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let (text, starred) = if first.trim().ends_with('*') {
        let first = first.trim_matches(|c| matches!(c, ' ' | '*' | '\n'));
        (format!("{first}\n{rest}"), true)
    } else {
        (text.to_string(), false)
    };
    let (title, body) = split_title(&text);
    (title.to_string(), body.to_string(), starred)
}

pub(crate) fn parse_plain(text: &str) -> Parsed {
    let mut out = Parsed::default();
    // (line number, when, text of the entry so far)
    let mut current: Option<(usize, NaiveDateTime, String)> = None;
    let finish = |c: Option<(usize, NaiveDateTime, String)>, out: &mut Parsed| {
        if let Some((line_no, at, text)) = c {
            let (title, body, starred) = entry_parts(&text);
            out.notes.push(note(
                format!("line {line_no}"),
                at,
                &title,
                &body,
                Vec::new(),
                starred,
            ));
        }
    };
    let mut before_first = 0;
    for (i, line) in text.lines().enumerate() {
        let header = bracketed(line);
        if let Some((at, rest)) = header.and_then(|(blob, rest)| Some((entry_date(blob)?, rest))) {
            finish(current.take(), &mut out);
            current = Some((i + 1, at, rest.to_string()));
            continue;
        }
        if header.is_some_and(|(blob, _)| looks_like_date(blob)) {
            out.notices.push(skip(
                format!("line {}", i + 1),
                "starts like a jrnl entry but its date is not one Candor reads \
                 (YYYY-MM-DD HH:MM); the line stays text of the entry above",
            ));
        }
        match current.as_mut() {
            Some(c) => {
                c.2.push('\n');
                c.2.push_str(line);
            }
            None if !line.trim().is_empty() => before_first += 1,
            None => {}
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
            None => default_time(),
        };
        let tags = e.tags.iter().map(|t| json_tag(t)).collect();
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
        let mut parsed = parse_json(text, path)?;
        super::apply::number_repeats(&mut parsed.notes);
        return Ok(parsed);
    }
    let mut parsed = parse_plain(text);
    super::apply::number_repeats(&mut parsed.notes);
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

    fn titles(p: &Parsed) -> Vec<&str> {
        p.notes.iter().filter_map(|n| n.title.as_deref()).collect()
    }

    #[test]
    fn plain_text_parses() {
        let text = "[2025-03-04 09:30] Talked with @priya. She wants more scope.\nSecond line @growth.\n\n[2025-03-05 05:15:00 PM] Short one *\n\n[2025-03-06 10:00] Starred. Both ends *\nbody\n";
        let p = parse_plain(text);
        assert_eq!(p.notes.len(), 3);
        let a = &p.notes[0];
        // More than one line: the whole first line is the title, as jrnl has it.
        assert_eq!(
            a.title.as_deref(),
            Some("Talked with @priya. She wants more scope.")
        );
        assert_eq!(a.body, "Second line @growth.");
        assert_eq!(a.tags, vec!["priya", "growth"]);
        assert_eq!(a.written.unwrap().to_string(), "2025-03-04 09:30:00");
        let b = &p.notes[1];
        assert_eq!(b.title.as_deref(), Some("Short one"));
        assert_eq!(b.written.unwrap().to_string(), "2025-03-05 17:15:00");
        assert!(b.tags.contains(&"starred".to_string()));
        assert_eq!(p.notes[2].title.as_deref(), Some("Starred. Both ends"));
        assert!(p.notes[2].tags.contains(&"starred".to_string()));
    }

    #[test]
    fn one_line_entries_split_at_the_first_sentence() {
        let p = parse_plain(
            "[2025-03-04 09:30] Title here. Body text\n[2025-03-05 09:30] Is it? (Yes.) Done\n[2025-03-06 09:30] He said \"go.\" Then left\n[2025-03-07 09:30] v1.2 shipped\n",
        );
        assert_eq!(
            titles(&p),
            vec!["Title here.", "Is it?", "He said \"go.\"", "v1.2 shipped"]
        );
        assert_eq!(p.notes[0].body, "Body text");
        assert_eq!(p.notes[1].body, "(Yes.) Done");
        assert_eq!(p.notes[2].body, "Then left");
        assert_eq!(p.notes[3].body, "");
    }

    /// Written after jrnl's own `mostlyreadabledates` test journal: jrnl reads a year and
    /// month alone as the first of the month, and lists three entries.
    #[test]
    fn dates_jrnl_reads_start_entries() {
        let text = "[2019-07-18 14:23] The first entry\nA line.\n\n[2019-07-19 14:23] The second entry\nAnother. Or not?\n\n[2019-07 14:23] The third entry\nLast one.\n\n[2019-08-02] Date alone\nx\n";
        let p = parse_plain(text);
        assert_eq!(
            titles(&p),
            vec![
                "The first entry",
                "The second entry",
                "The third entry",
                "Date alone"
            ]
        );
        assert_eq!(
            p.notes[2].written.unwrap().to_string(),
            "2019-07-01 14:23:00"
        );
        assert_eq!(
            p.notes[3].written.unwrap().to_string(),
            "2019-08-02 09:00:00"
        );
        assert_eq!(p.notes[1].body, "Another. Or not?");
        assert!(p.notices.is_empty());
    }

    #[test]
    fn unreadable_date_lines_are_reported_not_merged_silently() {
        let text = "[2019-07-08 05:42] Entry subject\n[1] line starting with 1\n[2019-13-45 10:00] Bad month\n[someday] words\n";
        let p = parse_plain(text);
        assert_eq!(p.notes.len(), 1);
        assert_eq!(
            p.notes[0].body,
            "[1] line starting with 1\n[2019-13-45 10:00] Bad month\n[someday] words"
        );
        // `[1]` and `[someday]` are not meant as dates (jrnl reads neither); the bad month is.
        assert_eq!(p.notices.len(), 1);
        assert_eq!(p.notices[0].item, "line 3");
        assert!(!p.notices[0].reason.contains("Bad month"));
    }

    #[test]
    fn tags_follow_jrnl() {
        let p = parse_plain(
            "[2025-01-01 09:00] Pairing on @c++ and @C# with #Frontend, mail a@b.c, ## heading, @x.\nurl http://h/#frag #a/b\n",
        );
        assert_eq!(p.notes[0].tags, vec!["c++", "c#", "frontend", "x", "a/b"]);
        assert_eq!(json_tag("@C++"), "c++");
        assert_eq!(json_tag("#c#"), "c#");
    }

    #[test]
    fn json_and_plain_give_the_same_keys() {
        let plain = parse_plain(
            "[2025-03-04 09:30] Title here. Body text\n[2025-03-05 10:00] First line. Still title\nbody\n\n",
        );
        let json = parse_json(
            r#"{"tags": {}, "entries": [
                {"date": "2025-03-04", "time": "09:30", "title": "Title here.", "body": "Body text", "tags": [], "starred": false},
                {"date": "2025-03-05", "time": "10:00", "title": "First line. Still title", "body": "body", "tags": [], "starred": false},
                {"time": "x"}]}"#,
            Path::new("j.json"),
        )
        .unwrap();
        assert_eq!(plain.notes[0].key, json.notes[0].key);
        assert_eq!(plain.notes[1].key, json.notes[1].key);
        assert_eq!(json.skipped.len(), 1);
    }
}
