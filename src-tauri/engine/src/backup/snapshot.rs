//! A consistent copy of the live database, encrypted page by page like the original, and
//! the checks a copy must pass. Also the temporary paths that clean up after themselves.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use zeroize::Zeroizing;

use super::error::{BackupError, IoContext};
use super::manifest::BackupCounts;
use crate::keys::DataKey;
use crate::store;

/// Copies the database behind `live` into a new file at `dest`, encrypted with the same
/// key, in one step of SQLite's online backup: the step holds one read transaction, so the
/// copy is the database as of one instant even while other connections write (WAL readers
/// do not block writers). Pages go from SQLCipher to SQLCipher: nothing is ever decrypted
/// to disk. The copy is left in rollback-journal mode, a single self-contained file.
pub(crate) fn take(live: &Connection, key: &DataKey, dest: &Path) -> Result<(), BackupError> {
    let mut copy = open_keyed(dest, key, true)?;
    // A scratch file: no journal and no fsync while it is written (the backup file made
    // from it is fsynced; a crash leaves only this temporary file to discard).
    copy.execute_batch("PRAGMA synchronous = OFF; PRAGMA journal_mode = OFF;")?;
    {
        let backup = rusqlite::backup::Backup::new(live, &mut copy)?;
        backup.step(-1)?;
    }
    copy.execute_batch("PRAGMA journal_mode = DELETE;")?;
    drop(copy);
    Ok(())
}

/// Opens a database file with a raw key, without changing its journal mode. Temp
/// structures stay in memory so that nothing plaintext reaches a temp directory.
pub(crate) fn open_keyed(
    path: &Path,
    key: &DataKey,
    create: bool,
) -> Result<Connection, BackupError> {
    store::silence_sqlcipher_log();
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags)?;
    let pragma = Zeroizing::new(format!(
        "PRAGMA key = \"x'{}'\"; PRAGMA temp_store = MEMORY;",
        Zeroizing::new(hex::encode(key.expose())).as_str()
    ));
    conn.execute_batch(&pragma)?;
    Ok(conn)
}

/// Checks a copied database: it opens with its key and passes SQLite's integrity check
/// (every page read back and authenticated by SQLCipher on the way).
pub(crate) fn check(conn: &Connection) -> Result<(), BackupError> {
    let damaged = BackupError::Damaged("its database fails the integrity check");
    let rows: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| {
            s.query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(|_| BackupError::Damaged("its database fails the integrity check"))?;
    if rows.len() != 1 || rows[0] != "ok" {
        return Err(damaged);
    }
    Ok(())
}

pub(crate) fn schema_version(conn: &Connection) -> Result<u32, BackupError> {
    Ok(store::current_version(conn)?)
}

/// Rows in each table a restore must bring back.
pub(crate) fn counts(conn: &Connection) -> Result<BackupCounts, BackupError> {
    let q = |sql: &str| -> Result<u64, BackupError> {
        Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))?.max(0) as u64)
    };
    Ok(BackupCounts {
        people: q("SELECT count(*) FROM people")?,
        entries: q("SELECT count(*) FROM entries WHERE deleted_at IS NULL")?,
        trashed: q("SELECT count(*) FROM entries WHERE deleted_at IS NOT NULL")?,
        action_items: q("SELECT count(*) FROM action_items")?,
        revisions: q("SELECT count(*) FROM revisions")?,
    })
}

/// A random suffix for temporary names.
pub(crate) fn nonce() -> String {
    use rand::RngCore;
    let mut b = [0u8; 6];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// A temporary file (and its SQLite side files), removed when dropped unless kept.
pub(crate) struct TempFile {
    path: PathBuf,
    keep: bool,
}

impl TempFile {
    pub(crate) fn new(path: PathBuf) -> Self {
        TempFile { path, keep: false }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn keep(mut self) -> PathBuf {
        self.keep = true;
        std::mem::take(&mut self.path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if self.keep {
            return;
        }
        let _ = fs::remove_file(&self.path);
        for ext in ["-journal", "-wal", "-shm"] {
            let mut p = self.path.clone().into_os_string();
            p.push(ext);
            let _ = fs::remove_file(PathBuf::from(p));
        }
    }
}

/// A private (0700) temporary directory, removed with everything in it when dropped
/// unless kept.
pub(crate) struct TempDir {
    path: PathBuf,
    keep: bool,
}

impl TempDir {
    pub(crate) fn create(path: PathBuf) -> Result<Self, BackupError> {
        let mut builder = fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder
            .create(&path)
            .ctx(|| format!("cannot create the directory {}", path.display()))?;
        Ok(TempDir { path, keep: false })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn keep(&mut self) {
        self.keep = true;
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !self.keep {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

/// Creates a new file that only its owner can read; fails if it exists.
pub(crate) fn create_private(path: &Path) -> Result<fs::File, BackupError> {
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
        .ctx(|| format!("cannot create {}", path.display()))
}

/// Makes renames and new files in `dir` durable (where the platform allows opening it).
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_is_encrypted_and_checks_out() {
        let d = tempfile::tempdir().unwrap();
        let key = DataKey::generate();
        let mut live = store::open(&d.path().join("live.db"), &key, true).unwrap();
        store::migrate(&mut live).unwrap();
        live.execute(
            "INSERT INTO people (id, name, name_key, relationship, created_at, updated_at)
             VALUES ('P1', 'Snapcanary Person', 'snapcanary person', 'report', 'x', 'x')",
            [],
        )
        .unwrap();
        let dest = TempFile::new(d.path().join("copy.db"));
        take(&live, &key, dest.path()).unwrap();
        let bytes = fs::read(dest.path()).unwrap();
        assert!(!bytes.windows(10).any(|w| w == b"Snapcanary"));
        assert!(!bytes.starts_with(b"SQLite format 3"));
        let copy = open_keyed(dest.path(), &key, false).unwrap();
        check(&copy).unwrap();
        assert_eq!(counts(&copy).unwrap().people, 1);
        assert_eq!(schema_version(&copy).unwrap(), store::schema_version());
        drop(copy);
        // A wrong key does not read it.
        let wrong = open_keyed(dest.path(), &DataKey::generate(), false).unwrap();
        assert!(counts(&wrong).is_err());
        drop(wrong);
        let path = dest.path().to_path_buf();
        drop(dest);
        assert!(!path.exists());
    }
}
