//! The journal's data model: people, entries (with feedback, revisions and a trash)
//! and action items. Functions here work on a connection or transaction; the
//! [`crate::Journal`] facade decides transaction boundaries.

pub(crate) mod actions;
pub(crate) mod checklist;
pub(crate) mod entries;
pub(crate) mod history;
pub(crate) mod links;
pub(crate) mod people;
mod tags;
mod types;
pub(crate) mod zones;

pub use actions::{ActionFilter, ActionPatch, NewAction};
pub use entries::{EntryFilter, EntryPatch, Revision, MAX_ENTRY_BYTES, MAX_TAGS};
pub use history::Version;
pub use links::{EntryLink, EntryLinks, LinkedEntry};
pub use people::{NewPerson, PersonPatch};
pub use types::*;
pub use zones::EntryZone;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("no {0} with that id")]
    NotFound(&'static str),
    #[error("that id prefix matches more than one {0}; type more of it")]
    Ambiguous(&'static str),
    #[error("no person with that name")]
    UnknownPerson,
    #[error("one-on-one, mentoring and feedback entries need a person")]
    NeedsPerson,
    #[error("that entry is in the trash; restore it first")]
    InTrash,
    #[error("a person with that name already exists")]
    DuplicatePerson,
    #[error("{0}")]
    Invalid(&'static str),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ModelError {
    fn from(e: rusqlite::Error) -> Self {
        ModelError::Store(e.into())
    }
}

pub(crate) fn new_id() -> String {
    ulid::Ulid::new().to_string()
}

pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Finds the one row of `table` whose id starts with `prefix` (ULIDs are upper case).
pub(crate) fn resolve_id(
    conn: &rusqlite::Connection,
    table: &'static str,
    what: &'static str,
    prefix: &str,
) -> Result<String, ModelError> {
    let prefix = prefix.trim().to_ascii_uppercase();
    if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(ModelError::NotFound(what));
    }
    let sql = format!("SELECT id FROM {table} WHERE id >= ?1 AND id < ?1 || '~' LIMIT 2");
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids: Vec<String> = stmt
        .query_map([&prefix], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let ids: Vec<String> = ids.into_iter().filter(|i| i.starts_with(&prefix)).collect();
    match ids.len() {
        0 => Err(ModelError::NotFound(what)),
        1 => Ok(ids.into_iter().next().unwrap_or_default()),
        _ => Err(ModelError::Ambiguous(what)),
    }
}
