//! People the manager meets: reports, mentees, mentors, peers, their own managers.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{new_id, non_empty, now, ModelError, Person, Relationship};

#[derive(Debug, Clone)]
pub struct NewPerson {
    pub name: String,
    pub role: Option<String>,
    pub relationship: Relationship,
    pub cadence_days: Option<u32>,
}

impl NewPerson {
    pub fn named(name: &str) -> Self {
        NewPerson {
            name: name.to_string(),
            role: None,
            relationship: Relationship::Report,
            cadence_days: None,
        }
    }
}

/// Names are unique ignoring case, in any script.
pub(crate) fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

const COLUMNS: &str = "id, name, role, relationship, cadence_days, archived, created_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Person> {
    let rel: String = r.get(3)?;
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        role: r.get(2)?,
        relationship: rel.parse().unwrap_or(Relationship::Peer),
        cadence_days: r.get(4)?,
        archived: r.get(5)?,
        created_at: r.get(6)?,
    })
}

pub(crate) fn add_person(conn: &Connection, p: &NewPerson) -> Result<Person, ModelError> {
    let name = p.name.trim();
    if name.is_empty() {
        return Err(ModelError::Invalid("a person needs a name"));
    }
    if name.chars().count() > 200 {
        return Err(ModelError::Invalid("names are limited to 200 characters"));
    }
    if p.cadence_days == Some(0) {
        return Err(ModelError::Invalid("cadence must be at least one day"));
    }
    if find_person(conn, name)?.is_some() {
        return Err(ModelError::DuplicatePerson);
    }
    let id = new_id();
    let ts = now();
    conn.execute(
        "INSERT INTO people (id, name, name_key, role, relationship, cadence_days, archived, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?7)",
        params![
            id,
            name,
            name_key(name),
            p.role.as_deref().and_then(non_empty),
            p.relationship.as_str(),
            p.cadence_days,
            ts
        ],
    )?;
    get_person(conn, &id)
}

pub(crate) fn get_person(conn: &Connection, id: &str) -> Result<Person, ModelError> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM people WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(ModelError::NotFound("person"))
}

pub(crate) fn find_person(conn: &Connection, name: &str) -> Result<Option<Person>, ModelError> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM people WHERE name_key = ?1"))?
        .query_row([name_key(name)], from_row)
        .optional()?)
}

/// The person with this name, created as a report when they are new (as `log --with` promises).
pub(crate) fn person_or_create(conn: &Connection, name: &str) -> Result<Person, ModelError> {
    match find_person(conn, name)? {
        Some(p) => Ok(p),
        None => add_person(conn, &NewPerson::named(name)),
    }
}

pub(crate) fn list_people(conn: &Connection, archived: bool) -> Result<Vec<Person>, ModelError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM people WHERE archived = 0 OR ?1 ORDER BY name_key"
    ))?;
    let rows = stmt.query_map([archived], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn set_archived(conn: &Connection, id: &str, archived: bool) -> Result<(), ModelError> {
    let n = conn.execute(
        "UPDATE people SET archived = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, archived, now()],
    )?;
    if n == 0 {
        return Err(ModelError::NotFound("person"));
    }
    Ok(())
}
