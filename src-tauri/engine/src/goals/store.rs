//! The goals tables (migration 007): SQL only.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{CheckIn, Goal, GoalStatus, NewGoal};
use crate::model::{new_id, now, ModelError, Person};

/// A goal's columns with its live check-ins counted.
const SELECT: &str = "SELECT g.id, g.person_id, p.name, g.title, g.kind, g.due, g.status,
        g.description, g.created_at, g.closed_at,
        (SELECT COUNT(*) FROM goal_entries ge JOIN entries e ON e.id = ge.entry_id
          WHERE ge.goal_id = g.id AND e.deleted_at IS NULL),
        (SELECT MAX(e.date) FROM goal_entries ge JOIN entries e ON e.id = ge.entry_id
          WHERE ge.goal_id = g.id AND e.deleted_at IS NULL)
    FROM goals g LEFT JOIN people p ON p.id = g.person_id";

fn date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Goal> {
    let kind: String = r.get(4)?;
    let status: String = r.get(6)?;
    Ok(Goal {
        id: r.get(0)?,
        person_id: r.get(1)?,
        person: r.get(2)?,
        title: r.get(3)?,
        kind: kind.parse().unwrap_or(super::GoalKind::Project),
        due: date(r.get(5)?),
        status: status.parse().unwrap_or(GoalStatus::Active),
        description: r.get(7)?,
        created_at: r.get(8)?,
        closed_at: r.get(9)?,
        checkins: r.get(10)?,
        last_checkin: date(r.get(11)?),
    })
}

pub(super) fn insert(
    conn: &Connection,
    person: Option<&Person>,
    g: &NewGoal,
) -> Result<String, ModelError> {
    let id = new_id();
    conn.execute(
        "INSERT INTO goals (id, person_id, title, kind, due, status, description, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'active', ?6, ?7)",
        params![
            id,
            person.map(|p| p.id.as_str()),
            g.title.trim(),
            g.kind.as_str(),
            g.due.map(|d| d.format("%Y-%m-%d").to_string()),
            g.description.trim(),
            now(),
        ],
    )?;
    Ok(id)
}

pub(super) fn get(conn: &Connection, id: &str) -> Result<Goal, ModelError> {
    conn.prepare_cached(&format!("{SELECT} WHERE g.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(ModelError::NotFound("goal"))
}

pub(super) fn list(
    conn: &Connection,
    person_id: Option<&str>,
    mine: bool,
    status: Option<GoalStatus>,
) -> Result<Vec<Goal>, ModelError> {
    let sql = format!(
        "{SELECT} WHERE (?1 IS NULL OR g.person_id = ?1) AND (?2 = 0 OR g.person_id IS NULL)
           AND (?3 IS NULL OR g.status = ?3)
         ORDER BY g.status <> 'active', g.due IS NULL, g.due, g.title"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![person_id, mine, status.map(|s| s.as_str())],
        from_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn set_status(
    conn: &Connection,
    id: &str,
    status: GoalStatus,
) -> Result<(), ModelError> {
    let closed = (status != GoalStatus::Active).then(now);
    conn.execute(
        "UPDATE goals SET status = ?2, closed_at = ?3 WHERE id = ?1",
        params![id, status.as_str(), closed],
    )?;
    Ok(())
}

pub(super) fn link(conn: &Connection, goal: &str, entry: &str) -> Result<(), ModelError> {
    conn.execute(
        "INSERT OR IGNORE INTO goal_entries (goal_id, entry_id) VALUES (?1, ?2)",
        params![goal, entry],
    )?;
    Ok(())
}

pub(super) fn unlink(conn: &Connection, goal: &str, entry: &str) -> Result<(), ModelError> {
    conn.execute(
        "DELETE FROM goal_entries WHERE goal_id = ?1 AND entry_id = ?2",
        params![goal, entry],
    )?;
    Ok(())
}

pub(super) fn checkins(conn: &Connection, goal: &str) -> Result<Vec<CheckIn>, ModelError> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.date, e.title FROM goal_entries ge JOIN entries e ON e.id = ge.entry_id
         WHERE ge.goal_id = ?1 AND e.deleted_at IS NULL ORDER BY e.date, e.id",
    )?;
    let rows = stmt.query_map([goal], |r| {
        Ok(CheckIn {
            entry_id: r.get(0)?,
            date: date(r.get(1)?).unwrap_or_default(),
            title: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn of_entry(conn: &Connection, entry: &str) -> Result<Vec<Goal>, ModelError> {
    let sql = format!(
        "{SELECT} WHERE g.id IN (SELECT goal_id FROM goal_entries WHERE entry_id = ?1)
         ORDER BY g.title"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([entry], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn star(conn: &Connection, entry: &str, on: bool) -> Result<(), ModelError> {
    if on {
        conn.execute(
            "INSERT OR IGNORE INTO entry_stars (entry_id, starred_at) VALUES (?1, ?2)",
            params![entry, now()],
        )?;
    } else {
        conn.execute("DELETE FROM entry_stars WHERE entry_id = ?1", [entry])?;
    }
    Ok(())
}

pub(super) fn is_starred(conn: &Connection, entry: &str) -> Result<bool, ModelError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM entry_stars WHERE entry_id = ?1")?
        .query_row([entry], |_| Ok(()))
        .optional()?
        .is_some())
}

/// A person's (or, with `None`, the manager's own) starred live entries in a period.
pub(crate) fn starred_between(
    conn: &Connection,
    person_id: Option<&str>,
    since: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<CheckIn>, ModelError> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.date, e.title FROM entry_stars s JOIN entries e ON e.id = s.entry_id
         WHERE e.deleted_at IS NULL AND e.date BETWEEN ?2 AND ?3
           AND ((?1 IS NULL AND e.person_id IS NULL) OR e.person_id = ?1)
         ORDER BY e.date, e.id",
    )?;
    let rows = stmt.query_map(
        params![
            person_id,
            since.format("%Y-%m-%d").to_string(),
            until.format("%Y-%m-%d").to_string()
        ],
        |r| {
            Ok(CheckIn {
                entry_id: r.get(0)?,
                date: date(r.get(1)?).unwrap_or_default(),
                title: r.get(2)?,
            })
        },
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}
