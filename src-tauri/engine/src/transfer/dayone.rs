//! Day One's JSON export (`Journal.json` in the export zip):
//! `{"entries": [{"uuid", "creationDate", "modifiedDate", "timeZone", "text", "tags",
//! "starred", "location", "weather", "photos", …}]}`.
//!
//! `creationDate` is UTC; the entry is dated in its own `timeZone` (an IANA name such as
//! `America/Los_Angeles`), so an entry written at 23:30 in Los Angeles keeps its day on any
//! machine. The first line of `text` (without `#`) becomes the title, the rest the body.
//! What Candor has no place for (location, weather, photos and other attachments, device
//! details) is counted in the report. Entries are keyed by their `uuid`, so importing the
//! same export twice adds nothing.

use std::path::Path;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Deserialize;

use super::apply::{content_key, skip, Note, Parsed};
use super::report::{loss, Loss};
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
    modified_date: Option<String>,
    #[serde(default)]
    time_zone: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

/// Keys read into the entry; `richText` is the same text with Day One's own formatting,
/// of which the Markdown `text` is the portable form.
const READ: &[&str] = &[
    "uuid",
    "creationDate",
    "modifiedDate",
    "timeZone",
    "text",
    "richText",
    "tags",
    "starred",
];

const ATTACHMENTS: &[&str] = &["photos", "videos", "audios", "pdfAttachments"];

/// What an entry's other keys lose: one row per key that holds something.
fn losses(obj: &serde_json::Map<String, serde_json::Value>) -> Vec<Loss> {
    use serde_json::Value as V;
    let mut out = Vec::new();
    for (k, v) in obj {
        if READ.contains(&k.as_str()) {
            continue;
        }
        let empty = match v {
            V::Null | V::Bool(false) => true,
            V::String(s) => s.is_empty(),
            V::Array(a) => a.is_empty(),
            V::Object(o) => o.is_empty(),
            V::Number(n) => n.as_f64() == Some(0.0),
            V::Bool(true) => false,
        };
        if empty {
            continue;
        }
        let what = if ATTACHMENTS.contains(&k.as_str()) {
            "the files are not carried over (the text keeps its dayone-moment:// link)"
        } else {
            match k.as_str() {
                "location" => "not kept: Candor has no place field",
                "weather" => "not kept",
                "isPinned" => "not kept: Candor does not pin entries",
                "isAllDay" => "not kept: the entry keeps its date",
                _ => "not kept",
            }
        };
        out.push(loss(k.as_str(), what));
    }
    out
}

/// The wall-clock time of `utc` in the IANA zone `zone`, and the zone's offset then in
/// seconds, if the zone is known.
fn in_zone(utc: DateTime<Utc>, zone: &str) -> Option<(NaiveDateTime, i32)> {
    let tz = jiff::tz::TimeZone::get(zone).ok()?;
    let ts = jiff::Timestamp::from_second(utc.timestamp()).ok()?;
    let offset = tz.to_offset(ts).seconds();
    let local = utc + chrono::Duration::seconds(i64::from(offset));
    Some((local.naive_utc(), offset))
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
        let mut lost = v.as_object().map(losses).unwrap_or_default();
        let e: Entry = match serde_json::from_value(v) {
            Ok(e) => e,
            Err(_) => {
                out.skipped
                    .push(skip(item, "not a Day One entry (needs a creationDate)"));
                continue;
            }
        };
        let Ok(created) = DateTime::parse_from_rfc3339(e.creation_date.trim()) else {
            out.skipped
                .push(skip(item, "its creationDate is not an ISO 8601 time"));
            continue;
        };
        let created = created.with_timezone(&Utc);
        let zone = e
            .time_zone
            .as_deref()
            .map(str::trim)
            .filter(|z| !z.is_empty());
        let (local, offset) = match zone.and_then(|z| in_zone(created, z)) {
            Some((l, offset)) => (l, Some(offset / 60)),
            None => {
                lost.push(loss(
                    "timeZone",
                    "missing or not a time zone Candor knows: dated in this computer's time zone",
                ));
                (created.with_timezone(&chrono::Local).naive_local(), None)
            }
        };
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
        let tags = e.tags;
        let key = match e.uuid.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            Some(u) => format!("dayone:{}", u.to_ascii_uppercase()),
            None => content_key("dayone", &[&e.creation_date, &text]),
        };
        let stamp = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let modified = e
            .modified_date
            .as_deref()
            .and_then(|m| DateTime::parse_from_rfc3339(m.trim()).ok())
            .map(|m| stamp(m.with_timezone(&Utc)));
        out.notes.push(Note {
            item,
            key: Some(key),
            date: Some(local.date()),
            written: Some(local),
            title: (!title.is_empty()).then_some(title),
            body,
            tags,
            created_at: Some(stamp(created)),
            updated_at: modified,
            losses: lost,
            // Day One's star is Candor's star (a highlight for the review).
            starred: e.starred,
            utc_offset_minutes: offset,
            zone: offset.and(zone.map(str::to_string)),
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
        assert_eq!(n.tags, vec!["work"]);
        assert!(n.starred, "Day One's star is a Candor star");
        assert!(matches!(
            parse("[1, 2]", Path::new("x.json")),
            Err(TransferError::BadFile { .. })
        ));
    }

    /// 07:30 UTC on 10 March 2024 is 23:30 on the 9th in Los Angeles and 20:30 on the
    /// 10th in Auckland: each entry keeps the day it was written, whatever this machine's
    /// time zone is.
    #[test]
    fn each_entry_is_dated_in_its_own_time_zone() {
        let json = r#"{"entries": [
            {"uuid": "LA", "creationDate": "2024-03-10T07:30:00Z", "timeZone": "America/Los_Angeles", "text": "Late"},
            {"uuid": "NZ", "creationDate": "2024-03-10T07:30:00Z", "timeZone": "Pacific/Auckland", "text": "Evening"},
            {"uuid": "XX", "creationDate": "2024-03-10T07:30:00Z", "timeZone": "Nowhere/Such", "text": "Odd"}
        ]}"#;
        let p = parse(json, Path::new("Journal.json")).unwrap();
        let la = &p.notes[0];
        assert_eq!(la.date.unwrap().to_string(), "2024-03-09");
        assert_eq!(la.written.unwrap().to_string(), "2024-03-09 23:30:00");
        assert_eq!(la.created_at.as_deref(), Some("2024-03-10T07:30:00.000Z"));
        assert_eq!(
            p.notes[1].written.unwrap().to_string(),
            "2024-03-10 20:30:00"
        );
        assert!(la.losses.is_empty());
        assert_eq!(p.notes[2].losses[0].field, "timeZone");
        // The offset and zone are kept, not only the day.
        assert_eq!(la.utc_offset_minutes, Some(-480));
        assert_eq!(la.zone.as_deref(), Some("America/Los_Angeles"));
        assert_eq!(p.notes[1].utc_offset_minutes, Some(13 * 60));
        assert_eq!(
            (p.notes[2].utc_offset_minutes, p.notes[2].zone.as_deref()),
            (None, None)
        );
    }

    #[test]
    fn what_has_no_place_is_listed_per_field() {
        let json = r#"{"entries": [{"uuid": "A", "creationDate": "2024-01-01T10:00:00Z",
            "modifiedDate": "2024-01-02T10:00:00Z", "timeZone": "Europe/Paris",
            "text": "Walk\n![](dayone-moment://ABC)", "richText": "{}", "isPinned": false,
            "location": {"placeName": "Park"}, "weather": {"temperatureCelsius": 3},
            "photos": [{"identifier": "ABC", "md5": "00"}], "videos": [], "duration": 0,
            "creationDevice": "Phone"}]}"#;
        let p = parse(json, Path::new("Journal.json")).unwrap();
        let mut fields: Vec<&str> = p.notes[0].losses.iter().map(|l| l.field.as_str()).collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            vec!["creationDevice", "location", "photos", "weather"]
        );
        assert_eq!(
            p.notes[0].updated_at.as_deref(),
            Some("2024-01-02T10:00:00.000Z")
        );
    }
}
