//! Where an entry was written: the UTC offset (and the zone's name, when known) that an
//! import carried (Day One's `timeZone`, a front-matter date with an offset). The entry's
//! date is already the local date there; this keeps the offset, so it is never lost.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::ModelError;
use crate::Journal;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryZone {
    pub entry_id: String,
    /// East of UTC is positive: UTC−08:00 is −480.
    pub utc_offset_minutes: i32,
    /// The IANA name (`America/Los_Angeles`), when the source named one.
    pub zone: Option<String>,
}

impl EntryZone {
    /// `UTC+05:30`, `UTC−08:00`.
    pub fn offset_label(&self) -> String {
        let m = self.utc_offset_minutes;
        let sign = if m < 0 { '−' } else { '+' };
        format!("UTC{sign}{:02}:{:02}", m.abs() / 60, m.abs() % 60)
    }
}

/// Offsets beyond ±18 hours are not offsets (and not stored).
pub(crate) fn valid_offset(minutes: i32) -> bool {
    minutes.abs() <= 18 * 60
}

pub(crate) fn set(conn: &Connection, z: &EntryZone) -> Result<(), ModelError> {
    if !valid_offset(z.utc_offset_minutes) {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT OR REPLACE INTO entry_zones (entry_id, utc_offset_minutes, zone) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![z.entry_id, z.utc_offset_minutes, z.zone])?;
    Ok(())
}

pub(crate) fn get(conn: &Connection, entry_id: &str) -> Result<Option<EntryZone>, ModelError> {
    Ok(conn
        .prepare_cached("SELECT utc_offset_minutes, zone FROM entry_zones WHERE entry_id = ?1")?
        .query_row([entry_id], |r| {
            Ok(EntryZone {
                entry_id: entry_id.to_string(),
                utc_offset_minutes: r.get(0)?,
                zone: r.get(1)?,
            })
        })
        .optional()?)
}

impl Journal {
    /// The time zone an entry was written in, when its import said.
    pub fn entry_zone(&self, entry_id: &str) -> Result<Option<EntryZone>, ModelError> {
        let id = super::resolve_id(self.conn(), "entries", "entry", entry_id)?;
        get(self.conn(), &id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_read_as_people_write_them() {
        let z = |m| EntryZone {
            entry_id: String::new(),
            utc_offset_minutes: m,
            zone: None,
        };
        assert_eq!(z(-480).offset_label(), "UTC−08:00");
        assert_eq!(z(330).offset_label(), "UTC+05:30");
        assert!(!valid_offset(19 * 60));
    }
}
