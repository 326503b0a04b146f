//! The encrypted SQLite database: opening it with the data key, pragmas and migrations.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags};
use zeroize::Zeroizing;

use crate::keys::DataKey;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the journal database is damaged or was not written by Candor; restore it from a backup"
    )]
    Damaged,
    #[error("the journal was written by a newer version of Candor (schema {found}, this version knows up to {supported}); upgrade Candor to open it")]
    TooNew { found: u32, supported: u32 },
    #[error("the journal is busy in another Candor process; try again in a moment")]
    Busy,
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl StoreError {
    /// A write refused because the journal was opened read-only (a full or read-only
    /// disk, see [`open`]).
    pub fn is_read_only(&self) -> bool {
        matches!(self, StoreError::Sqlite(e) if e.sqlite_error_code() == Some(ErrorCode::ReadOnly))
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::Damaged,
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sqlite(e),
        }
    }
}

/// Schema migrations in order; migration `i` moves the schema from version `i` to `i + 1`.
/// Each runs in one transaction together with the version bump.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_journal.sql"),
    include_str!("migrations/002_search.sql"),
    include_str!("migrations/003_backup.sql"),
    include_str!("migrations/004_insight.sql"),
    include_str!("migrations/005_drafts.sql"),
    include_str!("migrations/006_checklist.sql"),
    include_str!("migrations/007_goals.sql"),
    include_str!("migrations/008_zones.sql"),
    include_str!("migrations/009_sync.sql"),
    include_str!("migrations/010_entry_links.sql"),
    include_str!("migrations/011_search_chunks.sql"),
    include_str!("migrations/012_action_changes.sql"),
];

pub fn schema_version() -> u32 {
    MIGRATIONS.len() as u32
}

/// Opens (or creates) the database at `path` with the raw data key and checks the key.
pub fn open(path: &Path, key: &DataKey, create: bool) -> Result<Connection, StoreError> {
    match open_with(path, key, create, false) {
        Err(StoreError::Sqlite(e)) if !create && cannot_write(&e) && wal_is_empty(path) => {
            // A full disk (or read-only media) cannot hold the WAL index SQLite creates on
            // the first read. With no WAL to replay the main file is the whole journal, so
            // it is read as an immutable file: reading works, a write fails cleanly.
            open_with(path, key, false, true)
        }
        other => other,
    }
}

/// A second, read-only connection to an open journal, for readers on other threads (the
/// search index's files). Only the key is set up: the writer already chose the journal
/// mode, and a reader needs none of the write settings.
pub fn open_reader(path: &Path, key: &DataKey) -> Result<Connection, StoreError> {
    silence_sqlcipher_log();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let reader = |conn: Connection| -> Result<Connection, StoreError> {
        let pragma = Zeroizing::new(format!(
            "PRAGMA key = \"x'{}'\"; PRAGMA temp_store = MEMORY;",
            Zeroizing::new(hex::encode(key.expose())).as_str()
        ));
        conn.execute_batch(&pragma)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // The first read proves the connection works (a full disk shows here).
        conn.query_row("SELECT count(*) FROM search_files", [], |r| {
            r.get::<_, i64>(0)
        })?;
        Ok(conn)
    };
    match Connection::open_with_flags(path, flags)
        .map_err(StoreError::from)
        .and_then(reader)
    {
        Err(StoreError::Sqlite(e)) if cannot_write(&e) && wal_is_empty(path) => {
            // As for the journal's own connection on a full disk: read the file as it is.
            reader(Connection::open_with_flags(
                immutable_uri(path),
                flags | OpenFlags::SQLITE_OPEN_URI,
            )?)
        }
        other => other,
    }
}

/// The errors of a file system that takes no more bytes.
fn cannot_write(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(
            ErrorCode::DiskFull
                | ErrorCode::SystemIoFailure
                | ErrorCode::ReadOnly
                | ErrorCode::CannotOpen
        )
    )
}

fn wal_is_empty(db: &Path) -> bool {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(PathBuf::from(wal)).map_or(true, |m| m.len() == 0)
}

/// `path` as an SQLite URI for a read-only, immutable open.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?mode=ro&immutable=1");
    uri
}

fn open_with(
    path: &Path,
    key: &DataKey,
    create: bool,
    immutable: bool,
) -> Result<Connection, StoreError> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    silence_sqlcipher_log();
    let conn = if immutable {
        Connection::open_with_flags(
            immutable_uri(path),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?
    } else {
        Connection::open_with_flags(path, flags)?
    };
    let pragma = Zeroizing::new(format!(
        "PRAGMA key = \"x'{}'\";",
        Zeroizing::new(hex::encode(key.expose())).as_str()
    ));
    conn.execute_batch(&pragma)?;
    // The first read proves the key; a wrong key or garbage file fails here.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // rusqlite keeps 16 prepared statements by default; one save or sync apply uses more
    // than that (the model's, the triggers' targets, sync's), and re-preparing each costs
    // more than running it.
    conn.set_prepared_statement_cache_capacity(128);
    // A page cache of up to 32 MiB (SQLite's default is 2 MiB): a transaction that touches
    // many entries (applying another device's changes, an import, a bulk edit) otherwise
    // spills dirty pages to the WAL and decrypts them again, which measured 7x slower on
    // 1,000 edits in a 10k journal. Pages are decrypted in memory only, as before.
    conn.execute_batch("PRAGMA cache_size = -32768")?;
    // Temp tables and sort spills stay in memory so nothing plaintext reaches /tmp.
    conn.execute_batch(if immutable {
        "PRAGMA temp_store = MEMORY; PRAGMA query_only = ON;"
    } else {
        "PRAGMA temp_store = MEMORY;
         PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;"
    })?;
    Ok(conn)
}

/// SQLCipher logs decryption failures to stderr from its first activation on; our typed
/// errors are the report. Activate it once on a scratch in-memory database, then turn it off.
pub(crate) fn silence_sqlcipher_log() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if let Ok(c) = Connection::open_in_memory() {
            let _ = c.execute_batch(
                "PRAGMA key = 'activate'; SELECT count(*) FROM sqlite_master; PRAGMA cipher_log_level = NONE;",
            );
        }
    });
}

pub fn current_version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0))?)
}

/// Brings the schema up to date, one transaction per migration.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_to(conn, schema_version())
}

pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<(), StoreError> {
    let found = current_version(conn)?;
    if found > schema_version() {
        return Err(StoreError::TooNew {
            found,
            supported: schema_version(),
        });
    }
    for v in found..target {
        let tx = conn.transaction()?;
        tx.execute_batch(MIGRATIONS[v as usize])?;
        tx.pragma_update(None, "user_version", v + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_db() -> (tempfile::TempDir, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let key = DataKey::generate();
        let conn = open(&dir.path().join("j.db"), &key, true).unwrap();
        (dir, conn)
    }

    #[test]
    fn migrates_from_empty() {
        let (_d, mut conn) = temp_db();
        migrate(&mut conn).unwrap();
        assert_eq!(current_version(&conn).unwrap(), schema_version());
        // Idempotent.
        migrate(&mut conn).unwrap();
    }

    #[test]
    fn migrates_from_every_earlier_version() {
        for start in 0..schema_version() {
            let (_d, mut conn) = temp_db();
            migrate_to(&mut conn, start).unwrap();
            assert_eq!(current_version(&conn).unwrap(), start);
            migrate(&mut conn).unwrap();
            assert_eq!(current_version(&conn).unwrap(), schema_version());
        }
    }

    #[test]
    fn newer_schema_is_refused() {
        let (_d, mut conn) = temp_db();
        conn.pragma_update(None, "user_version", schema_version() + 1)
            .unwrap();
        assert!(matches!(migrate(&mut conn), Err(StoreError::TooNew { .. })));
    }

    #[test]
    fn failed_migration_leaves_nothing_behind() {
        let (_d, conn) = temp_db();
        // A migration that fails half-way must not leave its first statement applied.
        let mut conn = conn;
        let tx = conn.transaction().unwrap();
        let r = tx.execute_batch("CREATE TABLE half(x); SELECT * FROM no_such_table;");
        assert!(r.is_err());
        drop(tx);
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'half'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn wrong_key_is_damaged_not_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.db");
        {
            let mut conn = open(&path, &DataKey::generate(), true).unwrap();
            migrate(&mut conn).unwrap();
        }
        assert!(matches!(
            open(&path, &DataKey::generate(), false),
            Err(StoreError::Damaged)
        ));
    }
}
