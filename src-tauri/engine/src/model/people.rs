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

/// Fields to change on a person; `None` leaves a field as it is. `role` and `cadence_days`
/// take `Some(None)` to clear them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonPatch {
    pub name: Option<String>,
    pub role: Option<Option<String>>,
    pub relationship: Option<Relationship>,
    pub cadence_days: Option<Option<u32>>,
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

fn check_name(name: &str) -> Result<(), ModelError> {
    if name.is_empty() {
        return Err(ModelError::Invalid("a person needs a name"));
    }
    if name.chars().count() > 200 {
        return Err(ModelError::Invalid("names are limited to 200 characters"));
    }
    Ok(())
}

fn check_cadence(days: Option<u32>) -> Result<(), ModelError> {
    match days {
        Some(0) => Err(ModelError::Invalid("cadence must be at least one day")),
        Some(d) if d > 3660 => Err(ModelError::Invalid(
            "cadence is limited to 3660 days (ten years)",
        )),
        _ => Ok(()),
    }
}

pub(crate) fn add_person(conn: &Connection, p: &NewPerson) -> Result<Person, ModelError> {
    let name = p.name.trim();
    check_name(name)?;
    check_cadence(p.cadence_days)?;
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

/// Changes the person named `name`. A new name must not be another person's (ignoring
/// case); changing only its case is allowed.
pub(crate) fn update_person(
    conn: &Connection,
    name: &str,
    patch: &PersonPatch,
) -> Result<Person, ModelError> {
    let mut p = find_person(conn, name)?.ok_or(ModelError::UnknownPerson)?;
    if let Some(new) = &patch.name {
        let new = new.trim();
        check_name(new)?;
        if find_person(conn, new)?.is_some_and(|other| other.id != p.id) {
            return Err(ModelError::DuplicatePerson);
        }
        p.name = new.to_string();
    }
    if let Some(role) = &patch.role {
        p.role = role.as_deref().and_then(non_empty);
    }
    if let Some(r) = patch.relationship {
        p.relationship = r;
    }
    if let Some(c) = patch.cadence_days {
        check_cadence(c)?;
        p.cadence_days = c;
    }
    conn.execute(
        "UPDATE people SET name = ?2, name_key = ?3, role = ?4, relationship = ?5,
             cadence_days = ?6, updated_at = ?7
         WHERE id = ?1",
        params![
            p.id,
            p.name,
            name_key(&p.name),
            p.role,
            p.relationship.as_str(),
            p.cadence_days,
            now()
        ],
    )?;
    get_person(conn, &p.id)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn db() -> Connection {
        let mut c = Connection::open_in_memory().unwrap();
        crate::store::migrate(&mut c).unwrap();
        c
    }

    #[test]
    fn a_person_is_edited_field_by_field() {
        let c = db();
        add_person(
            &c,
            &NewPerson {
                role: Some("Engineer".into()),
                ..NewPerson::named("Priya")
            },
        )
        .unwrap();
        let p = update_person(
            &c,
            "PRIYA",
            &PersonPatch {
                name: Some(" Priya Raman ".into()),
                relationship: Some(Relationship::Mentee),
                cadence_days: Some(Some(14)),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(p.name, "Priya Raman");
        assert_eq!(p.role.as_deref(), Some("Engineer"));
        assert_eq!(p.relationship, Relationship::Mentee);
        assert_eq!(p.cadence_days, Some(14));
        assert!(find_person(&c, "priya raman").unwrap().is_some());
        assert!(find_person(&c, "priya").unwrap().is_none());

        let p = update_person(
            &c,
            "priya raman",
            &PersonPatch {
                role: Some(None),
                cadence_days: Some(None),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!((p.role, p.cadence_days), (None, None));
        // Only the case changes: still the same person.
        let p = update_person(
            &c,
            "priya raman",
            &PersonPatch {
                name: Some("PRIYA RAMAN".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(p.name, "PRIYA RAMAN");
    }

    #[test]
    fn edits_keep_names_unique_and_values_sane() {
        let c = db();
        add_person(&c, &NewPerson::named("Priya")).unwrap();
        add_person(&c, &NewPerson::named("Sam")).unwrap();
        let rename = |to: &str| PersonPatch {
            name: Some(to.into()),
            ..Default::default()
        };
        assert!(matches!(
            update_person(&c, "sam", &rename("pRIYA")),
            Err(ModelError::DuplicatePerson)
        ));
        assert!(matches!(
            update_person(&c, "sam", &rename("  ")),
            Err(ModelError::Invalid(_))
        ));
        assert!(matches!(
            update_person(&c, "nobody", &rename("x")),
            Err(ModelError::UnknownPerson)
        ));
        let cadence = |d| PersonPatch {
            cadence_days: Some(Some(d)),
            ..Default::default()
        };
        assert!(update_person(&c, "sam", &cadence(0)).is_err());
        assert!(update_person(&c, "sam", &cadence(100_000)).is_err());
        assert_eq!(find_person(&c, "sam").unwrap().unwrap().cadence_days, None);
    }
}
