//! A tantivy [`Directory`] whose files live in memory and are persisted as rows of the
//! `search_files` table, inside the encrypted database. Nothing of the index ever becomes a
//! file of its own: no segments, no `meta.json`, no lock files, no temp files.
//!
//! tantivy writes from its own threads and a SQLite connection may not be shared between
//! threads, so writes only touch memory and record which files changed; the journal then
//! persists those changes ([`DbDirectory::persist`]) in the transaction of the entry change.
//! Files are write-once except `meta.json` and `.managed.json`, and tantivy only deletes a
//! file no committed `meta.json` refers to, so every set of changes taken at once leaves the
//! table a consistent index.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use rusqlite::{params, Connection};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, DirectoryLock, FileHandle, FileSlice, Lock, OwnedBytes, TerminatingWrite,
    WatchCallback, WatchHandle, WritePtr,
};
use tantivy::{Directory, HasLen};

#[derive(Default)]
struct Files {
    files: HashMap<PathBuf, FileSlice>,
    /// Files being written: they exist for `exists` but cannot be read yet.
    writing: HashSet<PathBuf>,
    /// Changed since the last [`DbDirectory::take_changes`].
    dirty: HashSet<PathBuf>,
    deleted: HashSet<PathBuf>,
    /// tantivy's locks, held in memory only (they guard this process's writer).
    locks: HashSet<PathBuf>,
}

/// The index's files, shared by tantivy's threads.
#[derive(Clone, Default)]
pub struct DbDirectory {
    inner: Arc<RwLock<Files>>,
}

impl std::fmt::Debug for DbDirectory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbDirectory")
    }
}

/// Files written and deleted since the last time changes were taken.
#[derive(Default)]
pub struct Changes {
    pub written: Vec<(String, OwnedBytes)>,
    pub deleted: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.written.is_empty() && self.deleted.is_empty()
    }
}

fn name(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

impl DbDirectory {
    // A panic on another thread must not take search down with it: the data under the
    // lock is a plain map that stays valid.
    fn read(&self) -> RwLockReadGuard<'_, Files> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, Files> {
        self.inner.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Loads every file of the index from the database.
    pub fn load(conn: &Connection) -> rusqlite::Result<Self> {
        let dir = DbDirectory::default();
        {
            let mut inner = dir.write();
            let mut stmt = conn.prepare("SELECT name, data FROM search_files")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let name: String = row.get(0)?;
                let data: Vec<u8> = row.get(1)?;
                inner
                    .files
                    .insert(PathBuf::from(name), FileSlice::from(data));
            }
        }
        Ok(dir)
    }

    /// Takes the changes made since the last call, all under one lock, so they describe
    /// one consistent state of the index.
    pub fn take_changes(&self) -> io::Result<Changes> {
        let mut inner = self.write();
        let mut changes = Changes::default();
        for path in std::mem::take(&mut inner.dirty) {
            if let Some(file) = inner.files.get(&path) {
                changes.written.push((name(&path), file.read_bytes()?));
            }
        }
        for path in std::mem::take(&mut inner.deleted) {
            changes.deleted.push(name(&path));
        }
        Ok(changes)
    }

    /// Writes `changes` into the `search_files` table (in the caller's transaction).
    pub fn persist(conn: &Connection, changes: &Changes) -> rusqlite::Result<()> {
        let mut put = conn
            .prepare_cached("INSERT OR REPLACE INTO search_files (name, data) VALUES (?1, ?2)")?;
        for (name, data) in &changes.written {
            put.execute(params![name, data.as_slice()])?;
        }
        let mut del = conn.prepare_cached("DELETE FROM search_files WHERE name = ?1")?;
        for name in &changes.deleted {
            del.execute([name])?;
        }
        Ok(())
    }

    /// Total bytes of the index's files.
    pub fn size(&self) -> u64 {
        self.read().files.values().map(|f| f.len() as u64).sum()
    }

    fn put(&self, path: PathBuf, data: Vec<u8>) {
        let mut inner = self.write();
        inner.writing.remove(&path);
        inner.deleted.remove(&path);
        inner.dirty.insert(path.clone());
        inner.files.insert(path, FileSlice::from(data));
    }
}

/// A file being written: memory only until it is terminated.
struct MemWriter {
    path: PathBuf,
    dir: DbDirectory,
    data: Vec<u8>,
    done: bool,
}

impl Write for MemWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.data.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl TerminatingWrite for MemWriter {
    fn terminate_ref(&mut self, _: AntiCallToken) -> io::Result<()> {
        let data = std::mem::take(&mut self.data);
        self.dir.put(self.path.clone(), data);
        self.done = true;
        Ok(())
    }
}

impl Drop for MemWriter {
    fn drop(&mut self) {
        if !self.done {
            self.dir.write().writing.remove(&self.path);
        }
    }
}

/// Releases an in-memory lock when tantivy drops it.
struct LockGuard {
    dir: DbDirectory,
    path: PathBuf,
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        self.dir.write().locks.remove(&self.path);
    }
}

fn io_error(path: &Path, e: io::Error) -> OpenReadError {
    OpenReadError::IoError {
        io_error: Arc::new(e),
        filepath: path.to_path_buf(),
    }
}

impl Directory for DbDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        Ok(Arc::new(self.open_read(path)?))
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        self.read()
            .files
            .get(path)
            .cloned()
            .ok_or_else(|| OpenReadError::FileDoesNotExist(path.to_path_buf()))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        let mut inner = self.write();
        if inner.files.remove(path).is_none() {
            return Err(DeleteError::FileDoesNotExist(path.to_path_buf()));
        }
        inner.dirty.remove(path);
        inner.deleted.insert(path.to_path_buf());
        Ok(())
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        let inner = self.read();
        Ok(inner.files.contains_key(path) || inner.writing.contains(path))
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let mut inner = self.write();
        if inner.files.contains_key(path) || !inner.writing.insert(path.to_path_buf()) {
            return Err(OpenWriteError::FileAlreadyExists(path.to_path_buf()));
        }
        drop(inner);
        Ok(io::BufWriter::new(Box::new(MemWriter {
            path: path.to_path_buf(),
            dir: self.clone(),
            data: Vec::new(),
            done: false,
        })))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        let bytes = self
            .open_read(path)?
            .read_bytes()
            .map_err(|e| io_error(path, e))?;
        Ok(bytes.as_slice().to_vec())
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.put(path.to_path_buf(), data.to_vec());
        Ok(())
    }

    fn sync_directory(&self) -> io::Result<()> {
        // Durability comes from the database transaction that persists the changes.
        Ok(())
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        // tantivy's meta lock is blocking (its threads take turns); the writer lock is not.
        let mut tries = if lock.is_blocking { 500 } else { 1 };
        while !self.write().locks.insert(lock.filepath.clone()) {
            tries -= 1;
            if tries == 0 {
                return Err(LockError::LockBusy);
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        Ok(DirectoryLock::from(Box::new(LockGuard {
            dir: self.clone(),
            path: lock.filepath.clone(),
        })))
    }

    fn watch(&self, _: WatchCallback) -> tantivy::Result<WatchHandle> {
        // The reader is reloaded by hand after each commit; nothing to watch.
        Ok(WatchHandle::empty())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE search_files (name TEXT PRIMARY KEY, data BLOB NOT NULL);",
        )
        .unwrap();
        conn
    }

    #[test]
    fn files_round_trip_through_the_table() {
        let conn = db();
        let dir = DbDirectory::default();
        let mut w = dir.open_write(Path::new("seg.idx")).unwrap();
        assert!(dir.exists(Path::new("seg.idx")).unwrap());
        assert!(dir.open_write(Path::new("seg.idx")).is_err());
        w.write_all(b"segment bytes").unwrap();
        w.terminate().unwrap();
        dir.atomic_write(Path::new("meta.json"), b"{}").unwrap();
        DbDirectory::persist(&conn, &dir.take_changes().unwrap()).unwrap();
        assert!(dir.take_changes().unwrap().is_empty());

        dir.delete(Path::new("seg.idx")).unwrap();
        dir.atomic_write(Path::new("meta.json"), b"{\"v\":2}")
            .unwrap();
        DbDirectory::persist(&conn, &dir.take_changes().unwrap()).unwrap();

        let again = DbDirectory::load(&conn).unwrap();
        assert!(!again.exists(Path::new("seg.idx")).unwrap());
        assert_eq!(
            again.atomic_read(Path::new("meta.json")).unwrap(),
            b"{\"v\":2}"
        );
        assert_eq!(again.size(), 7);
    }

    #[test]
    fn dropped_writer_leaves_nothing() {
        let dir = DbDirectory::default();
        let mut w = dir.open_write(Path::new("x")).unwrap();
        w.write_all(b"half").unwrap();
        drop(w);
        assert!(!dir.exists(Path::new("x")).unwrap());
        assert!(dir.take_changes().unwrap().is_empty());
    }

    #[test]
    fn locks_are_exclusive_and_in_memory() {
        let dir = DbDirectory::default();
        let lock = Lock {
            filepath: PathBuf::from(".tantivy-writer.lock"),
            is_blocking: false,
        };
        let held = dir.acquire_lock(&lock).unwrap();
        assert!(dir.acquire_lock(&lock).is_err());
        drop(held);
        drop(dir.acquire_lock(&lock).unwrap());
        assert!(dir.take_changes().unwrap().is_empty());
    }
}
