//! The open journal: every user action as one call, each write in one transaction.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::model::{
    self, ActionFilter, ActionItem, Entry, EntryFilter, EntryPatch, ModelError, NewAction,
    NewEntry, NewPerson, Person, Revision,
};

/// An unlocked journal. Dropping it closes the database, and SQLCipher wipes the key.
pub struct Journal {
    conn: Connection,
    dir: PathBuf,
}

impl Journal {
    pub(crate) fn from_parts(conn: Connection, dir: PathBuf) -> Self {
        Journal { conn, dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    #[cfg(test)]
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one immediate transaction: all of it is saved, or none.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, ModelError>,
    ) -> Result<T, ModelError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    pub fn add_person(&mut self, p: &NewPerson) -> Result<Person, ModelError> {
        self.write(|tx| model::people::add_person(tx, p))
    }

    pub fn people(&self, include_archived: bool) -> Result<Vec<Person>, ModelError> {
        model::people::list_people(&self.conn, include_archived)
    }

    pub fn person(&self, name: &str) -> Result<Person, ModelError> {
        model::people::find_person(&self.conn, name)?.ok_or(ModelError::UnknownPerson)
    }

    pub fn set_archived(&mut self, name: &str, archived: bool) -> Result<Person, ModelError> {
        let p = self.person(name)?;
        self.write(|tx| model::people::set_archived(tx, &p.id, archived))?;
        self.person(name)
    }

    /// Saves a new entry (creating its person if they are new) and returns it.
    pub fn log(&mut self, new: NewEntry) -> Result<Entry, ModelError> {
        self.write(|tx| model::entries::create_entry(tx, new))
    }

    pub fn entry(&self, id: &str) -> Result<Entry, ModelError> {
        model::entries::get_entry(&self.conn, id)
    }

    pub fn entries(&self, filter: &EntryFilter) -> Result<Vec<Entry>, ModelError> {
        model::entries::list_entries(&self.conn, filter)
    }

    pub fn edit(&mut self, id: &str, patch: EntryPatch) -> Result<Entry, ModelError> {
        self.write(|tx| model::entries::update_entry(tx, id, patch))
    }

    pub fn revisions(&self, id: &str) -> Result<Vec<Revision>, ModelError> {
        model::entries::revisions(&self.conn, id)
    }

    /// Moves an entry to the trash; returns its full id.
    pub fn delete(&mut self, id: &str) -> Result<String, ModelError> {
        self.write(|tx| model::entries::trash_entry(tx, id))
    }

    pub fn trash(&self) -> Result<Vec<Entry>, ModelError> {
        model::entries::list_trash(&self.conn)
    }

    pub fn restore(&mut self, id: &str) -> Result<Entry, ModelError> {
        self.write(|tx| model::entries::restore_entry(tx, id))
    }

    /// Deletes the trash for good; returns how many entries went.
    pub fn empty_trash(&mut self) -> Result<usize, ModelError> {
        Ok(self.write(|tx| model::entries::empty_trash(tx))?.len())
    }

    pub fn add_action(&mut self, a: &NewAction) -> Result<ActionItem, ModelError> {
        self.write(|tx| model::actions::add_action(tx, a))
    }

    pub fn actions(&self, filter: &ActionFilter) -> Result<Vec<ActionItem>, ModelError> {
        model::actions::list_actions(&self.conn, filter)
    }

    pub fn complete_action(&mut self, id: &str) -> Result<ActionItem, ModelError> {
        self.write(|tx| model::actions::complete_action(tx, id))
    }

    /// Counts of live entries, people and open action items, for summaries.
    pub fn counts(&self) -> Result<Counts, ModelError> {
        let q = |sql: &str| -> Result<u64, ModelError> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(Counts {
            people: q("SELECT count(*) FROM people")?,
            entries: q("SELECT count(*) FROM entries WHERE deleted_at IS NULL")?,
            trashed: q("SELECT count(*) FROM entries WHERE deleted_at IS NOT NULL")?,
            open_actions: q("SELECT count(*) FROM action_items WHERE done_at IS NULL")?,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub people: u64,
    pub entries: u64,
    pub trashed: u64,
    pub open_actions: u64,
}
