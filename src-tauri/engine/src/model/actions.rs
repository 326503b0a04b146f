//! Action items: what the manager or the other person agreed to do. Open ones carry
//! into the next meeting with that person until they are done.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::people::find_person;
use super::{new_id, now, resolve_id, ActionItem, ModelError, Owner};

#[derive(Debug, Clone)]
pub struct NewAction {
    pub person: String,
    pub text: String,
    pub owner: Owner,
    pub due: Option<NaiveDate>,
    pub entry_id: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ActionFilter {
    pub open_only: bool,
    pub person: Option<String>,
}

const SELECT: &str =
    "SELECT a.id, a.person_id, p.name, a.entry_id, a.text, a.owner, a.due, a.done_at, a.created_at
     FROM action_items a JOIN people p ON p.id = a.person_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<ActionItem> {
    let owner: String = r.get(5)?;
    let due: Option<String> = r.get(6)?;
    Ok(ActionItem {
        id: r.get(0)?,
        person_id: r.get(1)?,
        person: r.get(2)?,
        entry_id: r.get(3)?,
        text: r.get(4)?,
        owner: owner.parse().unwrap_or(Owner::Me),
        due: due.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        done_at: r.get(7)?,
        created_at: r.get(8)?,
    })
}

/// Adds an item for a known person (unlike `log --with`, a to-do never invents people).
pub(crate) fn add_action(conn: &Connection, a: &NewAction) -> Result<ActionItem, ModelError> {
    let text = a.text.trim();
    if text.is_empty() {
        return Err(ModelError::Invalid("an action item needs some text"));
    }
    let person = find_person(conn, &a.person)?.ok_or(ModelError::UnknownPerson)?;
    let entry_id = match &a.entry_id {
        Some(e) => Some(resolve_id(conn, "entries", "entry", e)?),
        None => None,
    };
    let id = new_id();
    conn.prepare_cached(
        "INSERT INTO action_items (id, person_id, entry_id, text, owner, due, done_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7)",
    )?
    .execute(params![
        id,
        person.id,
        entry_id,
        text,
        a.owner.as_str(),
        a.due.map(|d| d.format("%Y-%m-%d").to_string()),
        now()
    ])?;
    get_action(conn, &id)
}

pub(crate) fn get_action(conn: &Connection, id: &str) -> Result<ActionItem, ModelError> {
    let id = resolve_id(conn, "action_items", "action item", id)?;
    conn.prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?
        .query_row([&id], from_row)
        .optional()?
        .ok_or(ModelError::NotFound("action item"))
}

/// Items, open ones first and then by due date.
pub(crate) fn list_actions(
    conn: &Connection,
    f: &ActionFilter,
) -> Result<Vec<ActionItem>, ModelError> {
    let person_id = match &f.person {
        Some(name) => Some(
            find_person(conn, name)?
                .ok_or(ModelError::UnknownPerson)?
                .id,
        ),
        None => None,
    };
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE (?1 IS NULL OR a.person_id = ?1) AND (NOT ?2 OR a.done_at IS NULL)
         ORDER BY a.done_at IS NOT NULL, a.due IS NULL, a.due, a.created_at"
    ))?;
    let rows = stmt.query_map(params![person_id, f.open_only], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn complete_action(conn: &Connection, id: &str) -> Result<ActionItem, ModelError> {
    let item = get_action(conn, id)?;
    if item.done_at.is_none() {
        conn.execute(
            "UPDATE action_items SET done_at = ?2 WHERE id = ?1",
            params![item.id, now()],
        )?;
    }
    get_action(conn, &item.id)
}
