//! Dismissed and snoozed nudges, stored in the journal (`nudge_dismissals`).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::Journal;

use super::NudgeError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Dismissal {
    pub id: String,
    /// Hidden until this date (exclusive of it: it shows again that day); `None`: for good.
    pub until: Option<NaiveDate>,
}

/// Ids hidden on `today`.
pub fn hidden(conn: &Connection, today: NaiveDate) -> Result<HashSet<String>, NudgeError> {
    let mut stmt =
        conn.prepare("SELECT id FROM nudge_dismissals WHERE until IS NULL OR until > ?1")?;
    let rows = stmt.query_map([today.format("%Y-%m-%d").to_string()], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every stored dismissal: id to snoozed-until (`None`: dismissed for good).
pub fn stored(conn: &Connection) -> Result<HashMap<String, Option<NaiveDate>>, NudgeError> {
    let mut stmt = conn.prepare("SELECT id, until FROM nudge_dismissals")?;
    let rows = stmt.query_map([], |r| {
        let until: Option<String> = r.get(1)?;
        Ok((
            r.get::<_, String>(0)?,
            until.and_then(|u| NaiveDate::parse_from_str(&u, "%Y-%m-%d").ok()),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Dismisses or snoozes each of `ids` (the single nudges behind `id`) in one transaction.
pub fn store(
    j: &mut Journal,
    id: &str,
    ids: &[&str],
    snooze_days: Option<u32>,
    today: NaiveDate,
) -> Result<Dismissal, NudgeError> {
    let until = match snooze_days {
        Some(0) => return Err(NudgeError::Invalid("snooze for at least one day")),
        Some(d) => Some(
            today
                .checked_add_days(chrono::Days::new(u64::from(d)))
                .ok_or(NudgeError::Invalid("that snooze is too long"))?,
        ),
        None => None,
    };
    let now = crate::model::now();
    let until_text = until.map(|d| d.format("%Y-%m-%d").to_string());
    j.write(|tx| {
        for one in ids {
            tx.execute(
                "INSERT INTO nudge_dismissals (id, dismissed_at, until) VALUES (?1, ?2, ?3)
                 ON CONFLICT(id) DO UPDATE SET dismissed_at = excluded.dismissed_at, until = excluded.until",
                rusqlite::params![one, now, until_text],
            )?;
        }
        Ok(())
    })?;
    Ok(Dismissal {
        id: id.to_string(),
        until,
    })
}

/// Forgets the dismissals of `ids`; returns how many there were.
pub fn forget(j: &mut Journal, ids: &[&str]) -> Result<usize, NudgeError> {
    Ok(j.write(|tx| {
        let mut n = 0;
        for id in ids {
            n += tx.execute("DELETE FROM nudge_dismissals WHERE id = ?1", [id])?;
        }
        Ok(n)
    })?)
}

pub fn clear(j: &mut Journal) -> Result<usize, NudgeError> {
    Ok(j.write(|tx| Ok(tx.execute("DELETE FROM nudge_dismissals", [])?))?)
}
