//! An entry's history: every version numbered from the first (1) to the current one, and
//! going back to an earlier version without losing the current one.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::entries::{get_entry, get_live, revisions, save_revision, validate, write_entry};
use super::{now, Entry, ModelError};

/// One version of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Version {
    /// 1 is the first version; the highest is the current one.
    pub version: u32,
    pub current: bool,
    /// When this version was written.
    pub written_at: String,
    /// When a later version replaced it; `None` for the current one.
    pub replaced_at: Option<String>,
    /// The fields that differ from the version before (empty for the first): kind, date,
    /// person, title, body, tags, mood, feedback.
    pub changed: Vec<String>,
    pub entry: Entry,
}

fn changed(before: &Entry, after: &Entry) -> Vec<String> {
    let fields: [(&str, bool); 8] = [
        ("kind", before.kind != after.kind),
        ("date", before.date != after.date),
        ("person", before.person_id != after.person_id),
        ("title", before.title != after.title),
        ("body", before.body != after.body),
        ("tags", before.tags != after.tags),
        ("mood", before.mood != after.mood),
        ("feedback", before.feedback != after.feedback),
    ];
    fields
        .iter()
        .filter(|(_, differs)| *differs)
        .map(|(name, _)| name.to_string())
        .collect()
}

/// Every version of the entry, newest (the current one) first.
pub(crate) fn history(conn: &Connection, id: &str) -> Result<Vec<Version>, ModelError> {
    let current = get_entry(conn, id)?;
    let mut out: Vec<Version> = revisions(conn, &current.id)?
        .into_iter()
        .enumerate()
        .map(|(i, r)| Version {
            version: i as u32 + 1,
            current: false,
            written_at: r.entry.updated_at.clone(),
            replaced_at: Some(r.saved_at),
            changed: Vec::new(),
            entry: r.entry,
        })
        .collect();
    out.push(Version {
        version: out.len() as u32 + 1,
        current: true,
        written_at: current.updated_at.clone(),
        replaced_at: None,
        changed: Vec::new(),
        entry: current,
    });
    for i in 1..out.len() {
        out[i].changed = changed(&out[i - 1].entry, &out[i].entry);
    }
    out.reverse();
    Ok(out)
}

/// Makes `version`'s content current again. The current content is kept as a version
/// first, so a revert is itself undone by reverting. Returns the entry as saved.
pub(crate) fn revert(conn: &Connection, id: &str, version: u32) -> Result<Entry, ModelError> {
    let current = get_live(conn, id)?;
    let all = history(conn, &current.id)?;
    let old = all
        .iter()
        .find(|v| v.version == version)
        .ok_or(ModelError::NotFound("version of that entry"))?;
    if old.current {
        return Err(ModelError::Invalid("that is already the current version"));
    }
    if let Some(pid) = &old.entry.person_id {
        let known: bool = conn
            .prepare_cached("SELECT count(*) FROM people WHERE id = ?1")?
            .query_row([pid], |r| r.get::<_, i64>(0))?
            > 0;
        if !known {
            return Err(ModelError::Invalid(
                "that version's person is no longer in the journal",
            ));
        }
    }
    let o = &old.entry;
    let e = Entry {
        kind: o.kind,
        date: o.date,
        person_id: o.person_id.clone(),
        person: o.person.clone(),
        title: o.title.clone(),
        body: o.body.clone(),
        tags: o.tags.clone(),
        mood: o.mood,
        feedback: o.feedback.clone(),
        updated_at: now(),
        ..current.clone()
    };
    validate(&e)?;
    save_revision(conn, &current)?;
    write_entry(conn, &e, false)?;
    get_entry(conn, &e.id)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::entries::{create_entry, update_entry, EntryPatch};
    use crate::model::{Kind, NewEntry};

    fn db() -> Connection {
        let mut c = Connection::open_in_memory().unwrap();
        crate::store::migrate(&mut c).unwrap();
        c
    }

    fn body(b: &str) -> EntryPatch {
        EntryPatch {
            body: Some(b.into()),
            ..Default::default()
        }
    }

    #[test]
    fn history_is_newest_first_and_revert_keeps_the_current_text() {
        let c = db();
        let e = create_entry(
            &c,
            NewEntry {
                kind: Some(Kind::OneOnOne),
                person: Some("Priya".into()),
                title: Some("First".into()),
                body: "one".into(),
                ..Default::default()
            },
        )
        .unwrap();
        update_entry(&c, &e.id, body("two")).unwrap();
        update_entry(&c, &e.id, body("three")).unwrap();
        let h = history(&c, &e.id).unwrap();
        let seen: Vec<_> = h
            .iter()
            .map(|v| (v.version, v.current, v.entry.body.as_str()))
            .collect();
        assert_eq!(
            seen,
            [(3, true, "three"), (2, false, "two"), (1, false, "one")]
        );
        assert!(h[0].replaced_at.is_none() && h[1].replaced_at.is_some());
        assert_eq!(h[0].changed, ["body"]);
        assert!(h[2].changed.is_empty(), "the first version changed nothing");

        let back = revert(&c, &e.id, 1).unwrap();
        assert_eq!(back.body, "one");
        assert_eq!(back.created_at, e.created_at);
        let h = history(&c, &e.id).unwrap();
        assert_eq!(h.len(), 4);
        assert_eq!((h[0].version, h[0].entry.body.as_str()), (4, "one"));
        assert_eq!(h[1].entry.body, "three", "the text replaced is kept");

        assert!(matches!(revert(&c, &e.id, 4), Err(ModelError::Invalid(_))));
        assert!(matches!(revert(&c, &e.id, 9), Err(ModelError::NotFound(_))));
        assert!(matches!(revert(&c, &e.id, 0), Err(ModelError::NotFound(_))));
    }

    #[test]
    fn an_entry_never_edited_has_one_version() {
        let c = db();
        let e = create_entry(
            &c,
            NewEntry {
                body: "only".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let h = history(&c, &e.id[..8]).unwrap();
        assert_eq!(h.len(), 1);
        assert!(h[0].current);
        assert!(matches!(revert(&c, &e.id, 1), Err(ModelError::Invalid(_))));
    }
}
