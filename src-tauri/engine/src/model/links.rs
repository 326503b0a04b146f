//! Links between entries: a note imported from Obsidian that links to another imported
//! note (`[[Q1 plan]]`) links its entry to that one. `candor show` lists both directions;
//! the JSON export carries them.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::ModelError;
use crate::Journal;

/// One link, from the entry whose text holds it to the entry it points at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntryLink {
    pub from: String,
    pub to: String,
    /// The link's target as written in `from`'s text, lower-cased (`q1 plan`).
    #[serde(default)]
    pub target: String,
}

/// The other end of a link, as a listing shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedEntry {
    pub id: String,
    pub date: chrono::NaiveDate,
    pub title: String,
}

/// An entry's links both ways: live entries only (not the trash), oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryLinks {
    /// Entries this one links to.
    pub to: Vec<LinkedEntry>,
    /// Entries that link to this one.
    pub from: Vec<LinkedEntry>,
}

/// Adds a link (once per target written in `from`); a link of an entry to itself is not one.
pub(crate) fn add(conn: &Connection, from: &str, target: &str, to: &str) -> Result<(), ModelError> {
    if from != to {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO entry_links (from_id, target, to_id) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![from, target.trim().to_lowercase(), to])?;
    }
    Ok(())
}

/// The links whose two ends are both among `ids`.
pub(crate) fn among(
    conn: &Connection,
    ids: &std::collections::HashSet<&str>,
) -> Result<Vec<EntryLink>, ModelError> {
    let mut stmt =
        conn.prepare("SELECT from_id, to_id, target FROM entry_links ORDER BY from_id, target")?;
    let rows = stmt.query_map([], |r| {
        Ok(EntryLink {
            from: r.get(0)?,
            to: r.get(1)?,
            target: r.get(2)?,
        })
    })?;
    let mut out = Vec::new();
    for l in rows {
        let l = l?;
        if ids.contains(l.from.as_str()) && ids.contains(l.to.as_str()) {
            out.push(l);
        }
    }
    Ok(out)
}

fn linked(conn: &Connection, sql: &str, id: &str) -> Result<Vec<LinkedEntry>, ModelError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([id], |r| {
        let date: String = r.get(1)?;
        Ok(LinkedEntry {
            id: r.get(0)?,
            date: date.parse().unwrap_or_default(),
            title: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn of(conn: &Connection, id: &str) -> Result<EntryLinks, ModelError> {
    Ok(EntryLinks {
        to: linked(
            conn,
            "SELECT DISTINCT e.id, e.date, e.title FROM entry_links l JOIN entries e ON e.id = l.to_id
             WHERE l.from_id = ?1 AND e.deleted_at IS NULL ORDER BY e.date, e.id",
            id,
        )?,
        from: linked(
            conn,
            "SELECT DISTINCT e.id, e.date, e.title FROM entry_links l JOIN entries e ON e.id = l.from_id
             WHERE l.to_id = ?1 AND e.deleted_at IS NULL ORDER BY e.date, e.id",
            id,
        )?,
    })
}

/// An entry's links by the target written in its text: lower-cased target -> entry id.
pub(crate) fn targets_of(
    conn: &Connection,
    from: &str,
) -> Result<std::collections::HashMap<String, String>, ModelError> {
    let mut stmt =
        conn.prepare_cached("SELECT target, to_id FROM entry_links WHERE from_id = ?1")?;
    let rows = stmt.query_map([from], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl Journal {
    /// The entries an entry links to and those that link to it.
    pub fn entry_links(&self, entry_id: &str) -> Result<EntryLinks, ModelError> {
        let id = super::resolve_id(self.conn(), "entries", "entry", entry_id)?;
        of(self.conn(), &id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NewEntry;
    use secrecy::SecretString;

    #[test]
    fn links_show_both_ways_and_leave_with_the_trash() {
        let dir = tempfile::tempdir().expect("tempdir");
        let pass = SecretString::from("correct horse battery staple".to_string());
        let (mut j, _) = crate::vault::create(&dir.path().join("j"), &pass).expect("create");
        let mut log = |title: &str| {
            j.log(NewEntry {
                title: Some(title.into()),
                body: "x".into(),
                ..NewEntry::default()
            })
            .expect("log")
            .id
        };
        let (a, b, c) = (log("A"), log("B"), log("C"));
        j.write(|tx| {
            add(tx, &a, "B", &b)?;
            add(tx, &a, "b", &b)?;
            add(tx, &a, "b#part", &b)?;
            add(tx, &c, "b", &b)?;
            add(tx, &a, "a", &a)
        })
        .expect("links");
        let of_b = j.entry_links(&b).expect("links");
        assert!(of_b.to.is_empty());
        assert_eq!(of_b.from.len(), 2);
        let of_a = j.entry_links(&a).expect("links");
        assert_eq!(of_a.to.len(), 1, "two spellings, one entry");
        assert_eq!(of_a.to[0].title, "B");
        j.delete(&c).expect("trash");
        assert_eq!(j.entry_links(&b).expect("links").from.len(), 1);
    }
}
