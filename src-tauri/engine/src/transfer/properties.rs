//! Front matter as other tools write it (Obsidian properties, Joplin's "Markdown + Front
//! Matter", Jekyll and Hugo): keys in any case, the several keys a date hides under, date
//! values in the forms those tools write, and the properties Candor has no field for.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::frontmatter::{FrontMatter, Value};

/// Keys that date a note, most specific first.
pub(crate) const DATE_KEYS: &[&str] = &["date", "created", "published"];
pub(crate) const UPDATED_KEYS: &[&str] = &["updated", "modified"];

/// Keys Candor reads into an entry; any other property is kept in the body.
const READ: &[&str] = &[
    "id",
    "date",
    "created",
    "published",
    "updated",
    "modified",
    "kind",
    "person",
    "title",
    "tags",
    "tag",
    "mood",
    "direction",
    "received",
    "planned",
    "situation",
    "behavior",
    "behaviour",
    "impact",
    "type",
];

/// The heading of the list of kept properties at the end of a body.
pub(crate) const PROPERTIES_HEADING: &str = "**Properties** (from the imported note)";

/// Looks keys up whatever their case (`Date:`, `Tags:`).
pub(crate) struct Props<'a> {
    fm: &'a FrontMatter,
}

impl<'a> Props<'a> {
    pub(crate) fn new(fm: &'a FrontMatter) -> Self {
        Props { fm }
    }

    /// The key as written and its value, for the first of `keys` present.
    pub(crate) fn get(&self, keys: &[&str]) -> Option<(&'a str, &'a Value)> {
        keys.iter().find_map(|k| {
            self.fm
                .iter()
                .find(|(name, _)| name.trim().eq_ignore_ascii_case(k))
                .map(|(name, v)| (name.as_str(), v))
        })
    }

    /// A non-empty scalar.
    pub(crate) fn str(&self, keys: &[&str]) -> Option<&'a str> {
        self.get(keys)
            .and_then(|(_, v)| v.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// `tags:` or `tag:`, a list or an inline `a, b` / `#a #b`, without the `#`.
    pub(crate) fn tags(&self) -> Vec<String> {
        self.get(&["tags", "tag"])
            .map(|(_, v)| v.as_list())
            .unwrap_or_default()
            .into_iter()
            .map(|t| t.trim().trim_start_matches('#').trim().to_string())
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// The properties Candor has no field for, by key.
    pub(crate) fn others(&self) -> Vec<(&'a str, String)> {
        self.fm
            .iter()
            .filter(|(k, _)| !READ.iter().any(|r| k.trim().eq_ignore_ascii_case(r)))
            .filter_map(|(k, v)| {
                let shown = match v {
                    Value::Str(s) => s.trim().to_string(),
                    Value::List(l) => l.join(", "),
                };
                (!shown.is_empty()).then_some((k.as_str(), shown))
            })
            .collect()
    }
}

/// A date value: the day it names and, when it has a time, that instant in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct When {
    pub date: NaiveDate,
    pub at: Option<DateTime<Utc>>,
    /// Minutes east of UTC, when the value wrote a non-zero offset (`+02:00`): the zone the
    /// note was written in. `Z` (Joplin's UTC) says nothing about that.
    pub offset_minutes: Option<i32>,
}

/// Reads `2019-05-01`, `2019-05-01 16:54` (Joplin), `2019-05-01 16:54:00Z`,
/// `2019-05-01T16:54:00.000Z` and `2019-05-01T16:54:00+02:00`. A time without a zone is
/// this machine's; a time in UTC is dated on this machine's day (Joplin writes UTC); a
/// time with another offset keeps the day as written there. Anything else (a template's
/// `{{date}}`) is `None`.
pub(crate) fn when(s: &str) -> Option<When> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(When {
            date: d,
            at: None,
            offset_minutes: None,
        });
    }
    let iso = s.replacen(' ', "T", 1);
    let zulu = iso
        .strip_suffix('Z')
        .or_else(|| iso.strip_suffix('z'))
        .map(|t| format!("{t}+00:00"));
    for candidate in [zulu.as_deref(), Some(iso.as_str())].into_iter().flatten() {
        for f in ["%Y-%m-%dT%H:%M%:z", "%Y-%m-%dT%H:%M:%S%.f%:z"] {
            if let Ok(t) = DateTime::parse_from_str(candidate, f) {
                let at = t.with_timezone(&Utc);
                let seconds = t.offset().local_minus_utc();
                let date = if seconds == 0 {
                    at.with_timezone(&chrono::Local).date_naive()
                } else {
                    t.date_naive()
                };
                return Some(When {
                    date,
                    at: Some(at),
                    offset_minutes: (seconds != 0).then_some(seconds / 60),
                });
            }
        }
    }
    for f in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S%.f"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(&iso, f) {
            let at = t
                .and_local_timezone(chrono::Local)
                .earliest()
                .map(|l| l.with_timezone(&Utc));
            return Some(When {
                date: t.date(),
                at,
                offset_minutes: None,
            });
        }
    }
    None
}

/// An instant as Candor stores timestamps.
pub(crate) fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The kept properties as a list at the end of a body.
pub(crate) fn append_block(body: &mut String, others: &[(&str, String)]) {
    if others.is_empty() {
        return;
    }
    let trimmed = body.trim_end().len();
    body.truncate(trimmed);
    if !body.is_empty() {
        body.push_str("\n\n");
    }
    body.push_str(PROPERTIES_HEADING);
    body.push('\n');
    for (k, v) in others {
        body.push_str(&format!("- {}: {}\n", k.trim(), v.replace('\n', " ")));
    }
}

#[cfg(test)]
mod tests {
    use super::super::frontmatter;
    use super::*;

    #[test]
    fn dates_in_the_forms_tools_write() {
        let d = |s: &str| when(s).map(|w| w.date.to_string());
        assert_eq!(d("2019-05-01"), Some("2019-05-01".into()));
        assert_eq!(d("2019-05-01 16:54"), Some("2019-05-01".into()));
        assert_eq!(d("2019-05-01T23:30:00+02:00"), Some("2019-05-01".into()));
        assert_eq!(
            d("2019-05-01T23:30:00.000-07:00"),
            Some("2019-05-01".into())
        );
        assert_eq!(
            when("2019-05-01T16:54:00.000Z")
                .and_then(|w| w.at)
                .map(stamp),
            Some("2019-05-01T16:54:00.000Z".into())
        );
        assert_eq!(
            when("2019-05-01 16:54Z").and_then(|w| w.at).map(stamp),
            Some("2019-05-01T16:54:00.000Z".into())
        );
        assert_eq!(
            when("2019-05-01T23:30:00+02:00")
                .and_then(|w| w.at)
                .map(stamp),
            Some("2019-05-01T21:30:00.000Z".into())
        );
        for bad in [
            "{{date}}",
            "<% tp.date.now() %>",
            "yesterday",
            "2019-13-01",
            "",
        ] {
            assert_eq!(when(bad), None, "{bad}");
        }
    }

    #[test]
    fn keys_in_any_case_and_the_rest_kept() {
        let fm = frontmatter::parse(
            "Title: T\nDate: 2020-02-02\nTags: [Work, \"#one-on-one\"]\naliases:\n  - Weekly\n  - Sync\ncssclass: wide\nempty:\n",
        );
        let p = Props::new(&fm);
        assert_eq!(p.str(&["title"]), Some("T"));
        assert_eq!(p.get(DATE_KEYS).map(|(k, _)| k), Some("Date"));
        assert_eq!(p.tags(), vec!["Work", "one-on-one"]);
        let others = p.others();
        assert_eq!(
            others,
            vec![
                ("aliases", "Weekly, Sync".into()),
                ("cssclass", "wide".into())
            ]
        );
        let mut body = "Text\n\n".to_string();
        append_block(&mut body, &others);
        assert_eq!(
            body,
            format!("Text\n\n{PROPERTIES_HEADING}\n- aliases: Weekly, Sync\n- cssclass: wide\n")
        );
    }
}
