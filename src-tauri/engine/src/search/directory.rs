//! A tantivy [`Directory`] whose files are rows of the encrypted database: `search_files`
//! names each file and its length, `search_chunks` holds its bytes in 64 KiB pieces.
//! Nothing of the index ever becomes a file of its own: no segments, no `meta.json`, no
//! lock files, no temp files.
//!
//! Opening reads only the list of files. A piece is read from the database the first time
//! tantivy asks for a byte of it (through a connection of the index's own, since tantivy
//! reads from its own threads and a SQLite connection may not be shared), and then stays
//! in memory: a search touches the term dictionary, a few posting lists and the norms, not
//! the whole index.
//!
//! Files written by tantivy live in memory, and the directory records which changed; the
//! journal persists those changes ([`DbDirectory::persist`]) in a transaction of its own.
//! Files are write-once except `meta.json` and `.managed.json`, and tantivy only deletes a
//! file no committed `meta.json` refers to, so every set of changes taken at once leaves the
//! tables a consistent index.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

use rusqlite::{params, Connection};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, DirectoryLock, FileHandle, FileSlice, Lock, OwnedBytes, TerminatingWrite,
    WatchCallback, WatchHandle, WritePtr,
};
use tantivy::{Directory, HasLen};

/// Bytes per stored piece: a posting list or a block of norms is usually inside one, and
/// reading one decrypts 17 pages.
pub const CHUNK: usize = 64 * 1024;

/// The connection stored files are read through; `None` once the journal let it go (a
/// rekey needs the journal to itself).
pub type Reader = Arc<Mutex<Option<Connection>>>;

fn lock_reader(reader: &Reader) -> MutexGuard<'_, Option<Connection>> {
    reader.lock().unwrap_or_else(|e| e.into_inner())
}

/// A stored file, read a piece at a time and kept once read.
struct StoredFile {
    name: String,
    len: usize,
    pieces: Mutex<Vec<Option<OwnedBytes>>>,
    reader: Reader,
}

impl std::fmt::Debug for StoredFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "StoredFile({}, {} bytes)", self.name, self.len)
    }
}

impl HasLen for StoredFile {
    fn len(&self) -> usize {
        self.len
    }
}

fn missing(name: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::NotFound,
        format!("index file {name} is missing a piece"),
    )
}

impl StoredFile {
    fn new(name: String, len: usize, reader: Reader) -> Self {
        StoredFile {
            name,
            len,
            pieces: Mutex::new(vec![None; len.div_ceil(CHUNK)]),
            reader,
        }
    }

    /// Reads pieces `first..=last` that are not in memory yet, in one query.
    fn load(&self, pieces: &mut [Option<OwnedBytes>], first: usize, last: usize) -> io::Result<()> {
        let Some(from) = (first..=last).find(|&i| pieces[i].is_none()) else {
            return Ok(());
        };
        let to = (from..=last)
            .rev()
            .find(|&i| pieces[i].is_none())
            .unwrap_or(from);
        let guard = lock_reader(&self.reader);
        let conn = guard
            .as_ref()
            .ok_or_else(|| io::Error::other("the index's connection is closed"))?;
        let sql = "SELECT n, data FROM search_chunks WHERE name = ?1 AND n BETWEEN ?2 AND ?3";
        let mut stmt = conn.prepare_cached(sql).map_err(io::Error::other)?;
        let mut rows = stmt
            .query(params![self.name, from as i64, to as i64])
            .map_err(io::Error::other)?;
        while let Some(row) = rows.next().map_err(io::Error::other)? {
            let n: i64 = row.get(0).map_err(io::Error::other)?;
            let data: Vec<u8> = row.get(1).map_err(io::Error::other)?;
            let i = usize::try_from(n).map_err(io::Error::other)?;
            let expected = CHUNK.min(self.len.saturating_sub(i * CHUNK));
            if i < pieces.len() && data.len() == expected {
                pieces[i] = Some(OwnedBytes::new(data));
            }
        }
        if pieces[first..=last].iter().any(Option::is_none) {
            return Err(missing(&self.name));
        }
        Ok(())
    }
}

impl FileHandle for StoredFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.start > range.end || range.end > self.len {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "read past the end of an index file",
            ));
        }
        if range.is_empty() {
            return Ok(OwnedBytes::empty());
        }
        let (first, last) = (range.start / CHUNK, (range.end - 1) / CHUNK);
        let mut pieces = self.pieces.lock().unwrap_or_else(|e| e.into_inner());
        self.load(&mut pieces, first, last)?;
        let piece = |i: usize| pieces[i].as_ref().ok_or_else(|| missing(&self.name));
        if first == last {
            let base = first * CHUNK;
            return Ok(piece(first)?.slice(range.start - base..range.end - base));
        }
        let mut out = Vec::with_capacity(range.len());
        for i in first..=last {
            let base = i * CHUNK;
            let p = piece(i)?.as_slice();
            let from = range.start.saturating_sub(base);
            let to = (range.end - base).min(p.len());
            out.extend_from_slice(&p[from..to]);
        }
        Ok(OwnedBytes::new(out))
    }
}

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

    /// The stored index, as a list of files read on demand through `reader`.
    pub fn open(conn: &Connection, reader: &Reader) -> rusqlite::Result<Self> {
        let dir = DbDirectory::default();
        {
            let mut inner = dir.write();
            let mut stmt = conn.prepare_cached("SELECT name, len FROM search_files")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let name: String = row.get(0)?;
                let len = usize::try_from(row.get::<_, i64>(1)?).unwrap_or(0);
                let file = StoredFile::new(name.clone(), len, reader.clone());
                inner
                    .files
                    .insert(PathBuf::from(name), FileSlice::new(Arc::new(file)));
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

    /// Writes `changes` into the tables (in the caller's transaction).
    pub fn persist(conn: &Connection, changes: &Changes) -> rusqlite::Result<()> {
        let mut file =
            conn.prepare_cached("INSERT OR REPLACE INTO search_files (name, len) VALUES (?1, ?2)")?;
        let mut clear = conn.prepare_cached("DELETE FROM search_chunks WHERE name = ?1")?;
        let mut piece =
            conn.prepare_cached("INSERT INTO search_chunks (name, n, data) VALUES (?1, ?2, ?3)")?;
        for (name, data) in &changes.written {
            clear.execute([name])?;
            file.execute(params![name, data.len() as i64])?;
            for (n, part) in data.as_slice().chunks(CHUNK).enumerate() {
                piece.execute(params![name, n as i64, part])?;
            }
        }
        let mut del = conn.prepare_cached("DELETE FROM search_files WHERE name = ?1")?;
        for name in &changes.deleted {
            del.execute([name])?;
            clear.execute([name])?;
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
            "CREATE TABLE search_files (name TEXT PRIMARY KEY, len INTEGER NOT NULL);
             CREATE TABLE search_chunks (name TEXT NOT NULL, n INTEGER NOT NULL,
                data BLOB NOT NULL, PRIMARY KEY (name, n));",
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

        let reader: Reader = Arc::new(Mutex::new(Some(conn)));
        let again = DbDirectory::open(lock_reader(&reader).as_ref().unwrap(), &reader).unwrap();
        assert!(!again.exists(Path::new("seg.idx")).unwrap());
        assert_eq!(
            again.atomic_read(Path::new("meta.json")).unwrap(),
            b"{\"v\":2}"
        );
        assert_eq!(again.size(), 7);
    }

    #[test]
    fn big_files_are_read_piece_by_piece_across_boundaries() {
        let conn = db();
        let dir = DbDirectory::default();
        let data: Vec<u8> = (0..CHUNK * 3 + 100).map(|i| (i % 251) as u8).collect();
        dir.atomic_write(Path::new("seg.idx"), &data).unwrap();
        DbDirectory::persist(&conn, &dir.take_changes().unwrap()).unwrap();
        let pieces: i64 = conn
            .query_row("SELECT count(*) FROM search_chunks", [], |r| r.get(0))
            .unwrap();
        assert_eq!(pieces, 4);

        let reader: Reader = Arc::new(Mutex::new(Some(conn)));
        let again = DbDirectory::open(lock_reader(&reader).as_ref().unwrap(), &reader).unwrap();
        let file = again.open_read(Path::new("seg.idx")).unwrap();
        assert_eq!(file.len(), data.len());
        for range in [
            0..10,
            CHUNK - 5..CHUNK + 5,
            10..CHUNK * 3 + 50,
            0..data.len(),
        ] {
            let got = file.read_bytes_slice(range.clone()).unwrap();
            assert_eq!(got.as_slice(), &data[range]);
        }

        // A piece gone from the database is an error, not a panic or short read.
        let again = DbDirectory::open(lock_reader(&reader).as_ref().unwrap(), &reader).unwrap();
        lock_reader(&reader)
            .as_ref()
            .unwrap()
            .execute("DELETE FROM search_chunks WHERE n = 2", [])
            .unwrap();
        let file = again.open_read(Path::new("seg.idx")).unwrap();
        assert!(file.read_bytes_slice(0..10).is_ok());
        assert!(file.read_bytes_slice(CHUNK * 2..CHUNK * 2 + 1).is_err());
        *lock_reader(&reader) = None;
        assert!(file.read_bytes_slice(CHUNK * 3..CHUNK * 3 + 1).is_err());
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
