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

/// Fields to change on an action item; `None` leaves a field as it is, and `due` takes
/// `Some(None)` to clear the date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionPatch {
    pub text: Option<String>,
    pub owner: Option<Owner>,
    pub due: Option<Option<NaiveDate>>,
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
    // Two statements, so that the open items are found through their index.
    let open = if f.open_only {
        "a.done_at IS NULL"
    } else {
        "1"
    };
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE {open} AND (?1 IS NULL OR a.person_id = ?1)
         ORDER BY a.done_at IS NOT NULL, a.due IS NULL, a.due, a.created_at"
    ))?;
    let rows = stmt.query_map(params![person_id], from_row)?;
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

/// Marks a done item open again (it carries into the next meeting once more).
pub(crate) fn reopen_action(conn: &Connection, id: &str) -> Result<ActionItem, ModelError> {
    let item = get_action(conn, id)?;
    conn.execute(
        "UPDATE action_items SET done_at = NULL WHERE id = ?1",
        [&item.id],
    )?;
    get_action(conn, &item.id)
}

pub(crate) fn update_action(
    conn: &Connection,
    id: &str,
    patch: &ActionPatch,
) -> Result<ActionItem, ModelError> {
    let mut item = get_action(conn, id)?;
    if let Some(t) = &patch.text {
        let t = t.trim();
        if t.is_empty() {
            return Err(ModelError::Invalid("an action item needs some text"));
        }
        item.text = t.to_string();
    }
    if let Some(o) = patch.owner {
        item.owner = o;
    }
    if let Some(d) = patch.due {
        item.due = d;
    }
    conn.execute(
        "UPDATE action_items SET text = ?2, owner = ?3, due = ?4 WHERE id = ?1",
        params![
            item.id,
            item.text,
            item.owner.as_str(),
            item.due.map(|d| d.format("%Y-%m-%d").to_string())
        ],
    )?;
    get_action(conn, &item.id)
}

/// Deletes an item for good; returns it as it was.
pub(crate) fn delete_action(conn: &Connection, id: &str) -> Result<ActionItem, ModelError> {
    let item = get_action(conn, id)?;
    conn.execute("DELETE FROM action_items WHERE id = ?1", [&item.id])?;
    Ok(item)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::people::{add_person, NewPerson};

    fn db_with_item() -> (Connection, ActionItem) {
        let mut c = Connection::open_in_memory().unwrap();
        crate::store::migrate(&mut c).unwrap();
        add_person(&c, &NewPerson::named("Priya")).unwrap();
        let a = add_action(
            &c,
            &NewAction {
                person: "priya".into(),
                text: "Send the doc".into(),
                owner: Owner::Me,
                due: NaiveDate::from_ymd_opt(2025, 3, 1),
                entry_id: None,
            },
        )
        .unwrap();
        (c, a)
    }

    #[test]
    fn an_item_is_undone_edited_and_deleted() {
        let (c, a) = db_with_item();
        assert!(complete_action(&c, &a.id).unwrap().done_at.is_some());
        assert!(reopen_action(&c, &a.id).unwrap().done_at.is_none());
        let open = ActionFilter {
            open_only: true,
            person: None,
        };
        assert_eq!(list_actions(&c, &open).unwrap().len(), 1);

        let e = update_action(
            &c,
            &a.id,
            &ActionPatch {
                text: Some(" Send the design doc ".into()),
                owner: Some(Owner::Them),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(e.text, "Send the design doc");
        assert_eq!(e.owner, Owner::Them);
        assert_eq!(e.due, NaiveDate::from_ymd_opt(2025, 3, 1));
        let e = update_action(
            &c,
            &a.id,
            &ActionPatch {
                due: Some(None),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(e.due, None);
        assert!(matches!(
            update_action(
                &c,
                &a.id,
                &ActionPatch {
                    text: Some(" ".into()),
                    ..Default::default()
                }
            ),
            Err(ModelError::Invalid(_))
        ));

        assert_eq!(delete_action(&c, &a.id[..12]).unwrap().id, a.id);
        assert!(matches!(
            delete_action(&c, &a.id),
            Err(ModelError::NotFound(_))
        ));
        assert!(list_actions(&c, &ActionFilter::default())
            .unwrap()
            .is_empty());
    }
}
