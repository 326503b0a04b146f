//! The open journal: every user action as one call, each write in one transaction.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::keys::DataKey;
use crate::model::{
    self, ActionFilter, ActionItem, ActionPatch, Entry, EntryFilter, EntryPatch, ModelError,
    NewAction, NewEntry, NewPerson, Person, PersonPatch, Revision, Version,
};
use crate::search::{SearchError, SearchIndex, SearchResults, PERSIST_EVERY};
use crate::store::StoreError;

/// An unlocked journal. Dropping it closes the database, and SQLCipher wipes the key.
pub struct Journal {
    conn: Connection,
    dir: PathBuf,
    /// Behind a mutex so that a search (`&self`) can reload it when another process wrote.
    search: Mutex<SearchIndex>,
    /// The corpus nudges and prompts read, as of the last call (see `analysis::corpus`).
    corpus: Option<crate::analysis::Kept>,
    /// The last themes reports, with what they were computed from.
    themes: crate::themes::Memo,
}

impl Drop for Journal {
    /// Writes what the search index holds in memory only, so the next open starts from it
    /// (best effort: if it fails, the next open applies the pending changes again).
    fn drop(&mut self) {
        if self.search_index().unpersisted() {
            let _ = self.flush_search();
        }
        // The index's read-only connection goes first, so that the journal's own is the
        // last to close and folds the WAL back into the database file, as it did alone.
        self.search_index().close_files();
    }
}

impl Journal {
    /// The open journal, its search index loaded and caught up with the database. A search
    /// index that cannot be brought up to date does not stop the journal from opening:
    /// searching then reports it, and the next write or `reindex` repairs it.
    pub(crate) fn from_parts(conn: Connection, dir: PathBuf, key: &DataKey) -> Self {
        // The index reads its stored files through a connection of its own (tantivy reads
        // from its threads). Without one, searching reports the index unavailable.
        let files = crate::store::open_reader(&crate::vault::db_path(&dir), key).ok();
        let mut j = Journal {
            conn,
            dir,
            search: Mutex::new(SearchIndex::new(Arc::new(Mutex::new(files)))),
            corpus: None,
            themes: Default::default(),
        };
        if j.catch_up().is_err() {
            j.search_index().invalidate();
        }
        // A journal that syncs takes in what other devices wrote since (best effort: a
        // sync folder that is away is reported by the sync status, never a refusal to open).
        crate::sync::on_open(&mut j);
        j
    }

    fn search_index(&mut self) -> &mut SearchIndex {
        self.search.get_mut().unwrap_or_else(|e| e.into_inner())
    }

    fn lock_search(&self) -> MutexGuard<'_, SearchIndex> {
        // A panic mid-search leaves nothing half-written in memory worth refusing.
        self.search.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Loads the stored index and hands it the changes it has not seen (after a crash, or
    /// saves not yet persisted); rebuilds it when nothing usable is stored.
    fn catch_up(&mut self) -> Result<(), SearchError> {
        let search = self.search.get_mut().unwrap_or_else(|e| e.into_inner());
        if search.refresh(&self.conn)? && search.stage(&self.conn)? < PERSIST_EVERY {
            return Ok(());
        }
        self.flush_search()
    }

    /// Writes the search index's changes to the database now, so the next open has none to
    /// apply. Saves do it every [`PERSIST_EVERY`] changes and closing the journal does it;
    /// an app calls it when idle.
    pub fn flush_search(&mut self) -> Result<(), SearchError> {
        let search = self.search.get_mut().unwrap_or_else(|e| e.into_inner());
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let indexed = search.persist(&tx);
        tx.commit().inspect_err(|_| search.invalidate())?;
        indexed
    }

    /// Lets go of the search index's own connection, for a rekey that needs the journal
    /// to itself.
    pub(crate) fn close_search_files(&mut self) {
        self.search_index().close_files();
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The corpus kept from the last call, taken out (put back with [`Self::keep_corpus`]).
    pub(crate) fn take_corpus(&mut self) -> Option<crate::analysis::Kept> {
        self.corpus.take()
    }

    pub(crate) fn themes_memo(&mut self) -> &mut crate::themes::Memo {
        &mut self.themes
    }

    pub(crate) fn keep_corpus(&mut self, kept: crate::analysis::Kept) {
        self.corpus = Some(kept);
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Runs `f` in one immediate transaction: all of it is saved, or none. A journal that
    /// syncs then writes the change to its segment in the sync folder (best effort: a
    /// folder that is away keeps the change queued for the next sync).
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, ModelError>,
    ) -> Result<T, ModelError> {
        let out = self.write_tx(f)?;
        crate::sync::after_write(self);
        Ok(out)
    }

    /// One immediate transaction with the search index following in it, for engine
    /// modules with an error type of their own.
    pub(crate) fn write_tx<T, E: From<rusqlite::Error>>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        // The index follows after the commit: it takes the changed entries now (searches
        // see them) and writes itself to the database every so often. If that fails the
        // save still stands: its changes stay pending and are caught up later.
        let search = self.search.get_mut().unwrap_or_else(|e| e.into_inner());
        let held = if search.refresh(&self.conn).unwrap_or(false) {
            search.stage(&self.conn)
        } else {
            Ok(PERSIST_EVERY)
        };
        match held {
            Ok(n) if n < PERSIST_EVERY => {}
            Ok(_) => {
                let _ = self.flush_search();
            }
            Err(_) => {
                self.search_index().invalidate();
                let _ = self.flush_search();
            }
        }
        Ok(out)
    }

    /// Searches the journal; see [`crate::search`] for the language.
    pub fn search(&self, query: &str, limit: usize) -> Result<SearchResults, SearchError> {
        self.search_page(
            query,
            crate::search::SearchPage {
                limit,
                ..Default::default()
            },
        )
    }

    /// One page of a search's results, in relevance or date order.
    pub fn search_page(
        &self,
        query: &str,
        page: crate::search::SearchPage,
    ) -> Result<SearchResults, SearchError> {
        let mut index = self.lock_search();
        // Another process may have written since (reading its newer index is enough), and
        // saves here may not be committed yet.
        let found = index
            .current(&self.conn)
            .and_then(|()| index.search_page(&self.conn, query, page));
        if let Err(SearchError::Index(_)) = found {
            index.mark_damaged();
        }
        found
    }

    /// Rebuilds the search index from every live entry; returns how many were indexed.
    /// `progress(done, total)` is called as it goes.
    pub fn reindex(
        &mut self,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<usize, SearchError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let search = self.search.get_mut().unwrap_or_else(|e| e.into_inner());
        let mut total = 0;
        search
            .rebuild(&tx, &mut |done, all| {
                total = all;
                progress(done, all)
            })
            .inspect_err(|_| search.invalidate())?;
        if let Err(e) = tx.commit() {
            search.invalidate();
            return Err(StoreError::from(e).into());
        }
        Ok(total)
    }

    /// Bytes of search index data held in the database.
    pub fn search_index_size(&self) -> u64 {
        self.lock_search().size()
    }

    /// Saves a new entry without updating the search index, as if the process had died
    /// between the two. For crash-recovery tests only.
    #[doc(hidden)]
    pub fn log_skipping_index(&mut self, new: NewEntry) -> Result<Entry, ModelError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let e = model::entries::create_entry(&tx, new)?;
        tx.commit()?;
        Ok(e)
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

    /// Changes a person's name, role, relationship or cadence; returns them as saved.
    pub fn update_person(&mut self, name: &str, patch: &PersonPatch) -> Result<Person, ModelError> {
        self.write(|tx| model::people::update_person(tx, name, patch))
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

    /// Every version of an entry, the current one first.
    pub fn history(&self, id: &str) -> Result<Vec<Version>, ModelError> {
        model::history::history(&self.conn, id)
    }

    /// Makes an earlier version (numbered as in [`Journal::history`]) current again; the
    /// current text becomes a version too. Returns the entry as saved.
    pub fn revert(&mut self, id: &str, version: u32) -> Result<Entry, ModelError> {
        self.write(|tx| model::history::revert(tx, id, version))
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

    /// Marks a done item open again.
    pub fn reopen_action(&mut self, id: &str) -> Result<ActionItem, ModelError> {
        self.write(|tx| model::actions::reopen_action(tx, id))
    }

    /// Changes an item's text, owner or due date.
    pub fn update_action(
        &mut self,
        id: &str,
        patch: &ActionPatch,
    ) -> Result<ActionItem, ModelError> {
        self.write(|tx| model::actions::update_action(tx, id, patch))
    }

    /// Deletes an item for good; returns it as it was.
    pub fn delete_action(&mut self, id: &str) -> Result<ActionItem, ModelError> {
        self.write(|tx| model::actions::delete_action(tx, id))
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
