//! Sync conflicts: an entry two devices changed at once. The journal shows the winning
//! version; the other is kept here (and as a revision) until the manager chooses.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::records::{self, Row};
use super::{state, SyncError};
use crate::Journal;

/// One side of a conflict.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConflictVersion {
    pub title: String,
    pub body: String,
    pub date: String,
    pub in_trash: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Conflict {
    pub id: String,
    pub entry_id: String,
    /// When this device found it.
    pub at: String,
    /// This device's version and the other device's; `None` where that side deleted the
    /// entry for good.
    pub mine: Option<ConflictVersion>,
    pub theirs: Option<ConflictVersion>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Mine,
    Theirs,
    /// Both texts, this device's first.
    Both,
}

impl std::str::FromStr for Keep {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "mine" => Ok(Keep::Mine),
            "theirs" => Ok(Keep::Theirs),
            "both" => Ok(Keep::Both),
            _ => Err("choose mine, theirs or both".into()),
        }
    }
}

fn version(row: Option<&Row>) -> Option<ConflictVersion> {
    let row = row?;
    let text = |k: &str| {
        row.get(k)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    Some(ConflictVersion {
        title: text("title"),
        body: text("body"),
        date: text("date"),
        in_trash: row.get("deleted_at").is_some_and(|v| !v.is_null()),
    })
}

struct Stored {
    id: String,
    entry_id: String,
    loser: Option<Row>,
    loser_local: bool,
    at: String,
}

fn stored(j: &Journal) -> Result<Vec<Stored>, SyncError> {
    let mut stmt = j.conn().prepare(
        "SELECT id, entry_id, loser, loser_local, at FROM sync_conflicts ORDER BY at, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Stored {
            id: r.get(0)?,
            entry_id: r.get(1)?,
            loser: r
                .get::<_, Option<String>>(2)?
                .and_then(|t| serde_json::from_str(&t).ok()),
            loser_local: r.get(3)?,
            at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn current(j: &Journal, entry: &str) -> Result<Option<Row>, SyncError> {
    let t = records::table("entries").ok_or(SyncError::Damaged("no entries table"))?;
    let key = serde_json::json!([entry]).to_string();
    Ok(records::read(j.conn(), t, &key)?)
}

/// (mine, theirs) of a stored conflict.
fn sides(j: &Journal, c: &Stored) -> Result<(Option<Row>, Option<Row>), SyncError> {
    let now = current(j, &c.entry_id)?;
    Ok(if c.loser_local {
        (c.loser.clone(), now)
    } else {
        (now, c.loser.clone())
    })
}

pub(crate) fn list(j: &Journal) -> Result<Vec<Conflict>, SyncError> {
    state::require(j.conn())?;
    stored(j)?
        .into_iter()
        .map(|c| {
            let (mine, theirs) = sides(j, &c)?;
            Ok(Conflict {
                id: c.id,
                entry_id: c.entry_id,
                at: c.at,
                mine: version(mine.as_ref()),
                theirs: version(theirs.as_ref()),
            })
        })
        .collect()
}

pub(crate) fn resolve(j: &mut Journal, id: &str, keep: Keep) -> Result<(), SyncError> {
    state::require(j.conn())?;
    let all = stored(j)?;
    let found: Vec<&Stored> = all
        .iter()
        .filter(|c| !id.is_empty() && c.id.starts_with(&id.to_uppercase()))
        .collect();
    let [c] = found.as_slice() else {
        return Err(SyncError::UnknownConflict);
    };
    let (mine, theirs) = sides(j, c)?;
    let now = current(j, &c.entry_id)?;
    let chosen: Option<Row> = match keep {
        Keep::Mine => mine,
        Keep::Theirs => theirs,
        Keep::Both => match (mine, theirs) {
            (Some(mut m), Some(t)) => {
                let body = |r: &Row| {
                    r.get("body")
                        .and_then(|v| v.as_str())
                        .unwrap_or("")
                        .to_string()
                };
                let merged = format!("{}\n\n---\n\n{}", body(&m), body(&t));
                m.insert("body".into(), merged.into());
                Some(m)
            }
            (m, t) => m.or(t),
        },
    };
    let t = records::table("entries").ok_or(SyncError::Damaged("no entries table"))?;
    let key = serde_json::json!([c.entry_id]).to_string();
    let entry = c.entry_id.clone();
    j.write_tx(|tx| -> Result<(), SyncError> {
        let mut row = match chosen {
            Some(row) => row,
            // Keeping a deletion: the entry goes to the trash, never gone for good.
            None => {
                let Some(mut row) = now.clone() else {
                    tx.execute("DELETE FROM sync_conflicts WHERE entry_id = ?1", [&entry])?;
                    return Ok(());
                };
                row.insert("deleted_at".into(), crate::model::now().into());
                row
            }
        };
        if now.is_some() && !records::same_content(now.as_ref(), Some(&row)) {
            if let Ok(e) = crate::model::entries::get_entry(tx, &entry) {
                crate::model::entries::save_revision(tx, &e)?;
            }
        }
        // A new save time, so the choice travels even when it keeps the current text.
        row.insert("updated_at".into(), crate::model::now().into());
        records::upsert(tx, t, &row)?;
        tx.execute(
            "INSERT OR IGNORE INTO sync_resolutions (key) VALUES (?1)",
            params![key],
        )?;
        tx.execute("DELETE FROM sync_conflicts WHERE entry_id = ?1", [&entry])?;
        Ok(())
    })?;
    Ok(())
}

/// Conflicts of one entry, for a badge on it.
pub(crate) fn has_conflict(j: &Journal, entry: &str) -> bool {
    j.conn()
        .query_row(
            "SELECT 1 FROM sync_conflicts WHERE entry_id = ?1 LIMIT 1",
            [entry],
            |_| Ok(()),
        )
        .optional()
        .ok()
        .flatten()
        .is_some()
}
