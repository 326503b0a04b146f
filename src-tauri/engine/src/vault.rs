//! The vault directory: the encrypted database and the key slots that open it.
//!
//! A journal is a directory holding `journal.db` (SQLCipher, keyed by a random
//! data key) and `keys.json` (that data key wrapped for the passphrase and for the
//! recovery code). A wrong secret is detected on the slot file alone, so it never
//! touches the database.

use std::fs;
use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};

use crate::keys::{DataKey, KeyError, RecoveryCode, SlotFile, SlotKind};
use crate::store::{self, StoreError};
use crate::{owner_only, Journal};

pub use crate::instance::InstanceLock;

pub const DB_FILE: &str = "journal.db";
pub const KEYS_FILE: &str = "keys.json";
/// Present while `create` runs: a journal with this marker was never handed to anyone.
const UNFINISHED_FILE: &str = "init.unfinished";
/// The database while `create` builds it; renamed to `journal.db` when complete.
const STAGED_DB_FILE: &str = "journal.db.new";
/// Shorter passphrases are refused: the key derivation is strong, not magic.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("there is no journal here yet")]
    NoJournal,
    #[error("a journal already exists here; it was left untouched")]
    AlreadyExists,
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("wrong recovery code")]
    WrongRecoveryCode,
    #[error("the passphrase must be at least {MIN_PASSPHRASE_CHARS} characters")]
    WeakPassphrase,
    #[error("the journal is damaged ({0}); restore it from a backup")]
    Damaged(&'static str),
    #[error("the journal's key file was written by a newer version of Candor (format {0}); upgrade Candor to open it")]
    TooNew(u32),
    #[error("the journal is already open in another Candor window")]
    InUse,
    #[error("could not use the journal directory: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl VaultError {
    fn from_key(e: KeyError, wrong: VaultError) -> Self {
        match e {
            KeyError::WrongSecret => wrong,
            KeyError::Damaged(why) => VaultError::Damaged(why),
            // Out-of-range key derivation: reported as damage, before any work is done.
            KeyError::Hostile(why) => VaultError::Damaged(why),
            KeyError::TooNew(v) => VaultError::TooNew(v),
            KeyError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
                VaultError::Damaged("the key file is missing")
            }
            KeyError::Io(e) => VaultError::Io(e),
        }
    }
}

pub fn db_path(dir: &Path) -> PathBuf {
    dir.join(DB_FILE)
}

pub fn keys_path(dir: &Path) -> PathBuf {
    dir.join(KEYS_FILE)
}

/// Whether `dir` holds (any part of) a journal.
pub fn exists(dir: &Path) -> bool {
    db_path(dir).exists() || keys_path(dir).exists()
}

pub(crate) fn check_new_passphrase(p: &SecretString) -> Result<(), VaultError> {
    if p.expose_secret().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(VaultError::WeakPassphrase);
    }
    Ok(())
}

/// Whether `dir` holds a journal that `create` started and never finished: one with the
/// unfinished marker, or a database without a key file (which nothing can open). `create`
/// clears such a journal instead of refusing.
pub fn is_unfinished(dir: &Path) -> bool {
    dir.join(UNFINISHED_FILE).exists()
        || dir.join(STAGED_DB_FILE).exists()
        || (db_path(dir).exists() && !keys_path(dir).exists())
}

/// Creates a journal in `dir`. Returns it open, with the recovery code to show once.
///
/// Crash-safe: a marker file goes first, the database is built as `journal.db.new` and
/// renamed when complete, the key file (which makes a journal exist) is renamed into place
/// last, and the marker is removed. A kill at any point leaves either a whole journal or
/// one [`is_unfinished`] recognises, which the next `create` clears.
pub fn create(
    dir: &Path,
    passphrase: &SecretString,
) -> Result<(Journal, RecoveryCode), VaultError> {
    check_new_passphrase(passphrase)?;
    if is_unfinished(dir) {
        clear_unfinished(dir)?;
    }
    if exists(dir) {
        return Err(VaultError::AlreadyExists);
    }
    owner_only::create_dir_all(dir)?;
    owner_only::tighten_dir(dir)?;
    let marker = dir.join(UNFINISHED_FILE);
    owner_only::create_or_truncate(&marker)?.sync_all()?;
    let key = DataKey::generate();
    let code = RecoveryCode::generate();
    let mut slots = SlotFile::new();
    slots
        .set(
            SlotKind::Passphrase,
            passphrase.expose_secret().as_bytes(),
            &key,
        )
        .and_then(|_| slots.set(SlotKind::Recovery, code.expose().as_bytes(), &key))
        .map_err(|e| VaultError::from_key(e, VaultError::WrongPassphrase))?;
    let staged = dir.join(STAGED_DB_FILE);
    // An empty private file first: SQLite gives its -wal and -shm files the same mode.
    owner_only::create_new(&staged)?;
    {
        let mut conn = store::open(&staged, &key, true)?;
        store::migrate(&mut conn)?;
        conn.close().map_err(|(_, e)| StoreError::from(e))?;
    }
    for suffix in ["-wal", "-shm"] {
        let side = sidecar(&staged, suffix);
        if side.exists() {
            fs::rename(&side, sidecar(&db_path(dir), suffix))?;
        }
    }
    fs::rename(&staged, db_path(dir))?;
    // The key file goes last: a journal without it is incomplete, never half-keyed.
    slots
        .write(&keys_path(dir))
        .map_err(|e| VaultError::from_key(e, VaultError::WrongPassphrase))?;
    fs::remove_file(&marker)?;
    sync_dir(dir);
    Ok((open_with_key(dir, &key)?, code))
}

fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Removes what an interrupted `create` left. With the marker present the journal was
/// never handed out, so it is deleted. A database without any key file (left by older
/// versions) cannot be opened by Candor, but a backup's key still could: it is kept,
/// renamed `journal.db.orphaned-<time>`.
fn clear_unfinished(dir: &Path) -> Result<(), VaultError> {
    let marker = dir.join(UNFINISHED_FILE);
    let staged = dir.join(STAGED_DB_FILE);
    let remove = |p: &Path| match fs::remove_file(p) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    };
    for suffix in ["-wal", "-shm"] {
        remove(&sidecar(&staged, suffix))?;
    }
    remove(&staged)?;
    remove(&keys_path(dir).with_extension("json.tmp"))?;
    let db = db_path(dir);
    if marker.exists() {
        for suffix in ["-wal", "-shm"] {
            remove(&sidecar(&db, suffix))?;
        }
        remove(&db)?;
        remove(&keys_path(dir))?;
    } else if db.exists() && !keys_path(dir).exists() {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let aside = dir.join(format!("{DB_FILE}.orphaned-{stamp}"));
        for suffix in ["-wal", "-shm"] {
            if sidecar(&db, suffix).exists() {
                fs::rename(sidecar(&db, suffix), sidecar(&aside, suffix))?;
            }
        }
        fs::rename(&db, &aside)?;
    }
    remove(&marker)?;
    sync_dir(dir);
    Ok(())
}

/// Tightens the vault directory to 0700 and its files to 0600 (on Unix). Returns whether
/// the directory was open to group or others, so a face can warn about it.
pub fn tighten_permissions(dir: &Path) -> Result<bool, VaultError> {
    Ok(owner_only::tighten_dir(dir)?)
}

fn read_slots(dir: &Path) -> Result<SlotFile, VaultError> {
    let keys = keys_path(dir);
    if !keys.exists() {
        return Err(if db_path(dir).exists() {
            VaultError::Damaged("the key file is missing")
        } else {
            VaultError::NoJournal
        });
    }
    if !db_path(dir).exists() {
        return Err(VaultError::Damaged("the database file is missing"));
    }
    SlotFile::read(&keys).map_err(|e| VaultError::from_key(e, VaultError::WrongPassphrase))
}

fn unwrap(dir: &Path, kind: SlotKind, secret: &str) -> Result<(SlotFile, DataKey), VaultError> {
    let slots = read_slots(dir)?;
    let wrong = match kind {
        SlotKind::Passphrase => VaultError::WrongPassphrase,
        SlotKind::Recovery => VaultError::WrongRecoveryCode,
    };
    let key = slots
        .open(kind, secret.as_bytes())
        .map_err(|e| VaultError::from_key(e, wrong))?;
    Ok((slots, key))
}

/// Unlocks the journal in `dir`.
pub fn open(dir: &Path, passphrase: &SecretString) -> Result<Journal, VaultError> {
    let (_, key) = unwrap(dir, SlotKind::Passphrase, passphrase.expose_secret())?;
    let mut j = open_with_key(dir, &key)?;
    // Another device's rekey gave the sync folder a new key: the passphrase opens it.
    crate::sync::learn_key(&mut j, passphrase);
    Ok(j)
}

/// The journal's data key, unwrapped with its passphrase (a backup needs it, and the
/// journal can then be opened with [`open_with_key`] without a second key derivation).
pub fn unlock(dir: &Path, passphrase: &SecretString) -> Result<DataKey, VaultError> {
    Ok(unwrap(dir, SlotKind::Passphrase, passphrase.expose_secret())?.1)
}

/// Opens the journal with its data key, already unwrapped from a slot. The benchmark uses
/// it to time opening apart from the deliberate key derivation.
pub fn open_with_key(dir: &Path, key: &DataKey) -> Result<Journal, VaultError> {
    crate::rekey::finish(dir, key)?;
    let path = db_path(dir);
    check_not_truncated(&path)?;
    // Best effort: a directory that cannot be changed (read-only media) still opens.
    let _ = tighten_permissions(dir);
    let mut conn = store::open(&path, key, false)?;
    let pages = pragma_number(&conn, "page_count")?;
    let page_size = pragma_number(&conn, "page_size")?;
    let wal_len = fs::metadata(path.with_extension("db-wal"))
        .map(|m| m.len())
        .unwrap_or(0);
    if wal_len == 0 && fs::metadata(&path)?.len() < pages * page_size {
        return Err(VaultError::Damaged("the database file is truncated"));
    }
    store::migrate(&mut conn)?;
    Ok(Journal::from_parts(conn, dir.to_path_buf(), key))
}

/// SQLCipher answers some pragmas as text, so accept either form.
fn pragma_number(conn: &rusqlite::Connection, name: &str) -> Result<u64, VaultError> {
    use rusqlite::types::Value;
    let v: Value = conn
        .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
        .map_err(StoreError::from)?;
    match v {
        Value::Integer(n) => Ok(n.max(0) as u64),
        Value::Text(t) => t
            .trim()
            .parse()
            .map_err(|_| VaultError::Damaged("unreadable header")),
        _ => Err(VaultError::Damaged("unreadable header")),
    }
}

fn check_not_truncated(path: &Path) -> Result<(), VaultError> {
    let len = fs::metadata(path)?.len();
    if len == 0 || len % 512 != 0 {
        return Err(VaultError::Damaged("the database file is truncated"));
    }
    Ok(())
}

/// Rewraps the data key under a new passphrase; the database is not rewritten.
pub fn change_passphrase(
    dir: &Path,
    old: &SecretString,
    new: &SecretString,
) -> Result<(), VaultError> {
    check_new_passphrase(new)?;
    let (mut slots, key) = unwrap(dir, SlotKind::Passphrase, old.expose_secret())?;
    set_passphrase_slot(dir, &mut slots, &key, new)?;
    rewrap_sync(dir, &key, new);
    Ok(())
}

/// A journal that syncs: a new device joins with the new passphrase (best effort: a sync
/// folder that is away gets the rewrapped key on the next sync).
fn rewrap_sync(dir: &Path, key: &DataKey, new: &SecretString) {
    if let Ok(mut j) = open_with_key(dir, key) {
        let _ = crate::sync::rewrap(&mut j, new);
    }
}

/// Sets a new passphrase using the recovery code.
pub fn recover(dir: &Path, code: &str, new: &SecretString) -> Result<(), VaultError> {
    check_new_passphrase(new)?;
    let code = RecoveryCode::parse(code);
    let (mut slots, key) = unwrap(dir, SlotKind::Recovery, code.expose())?;
    set_passphrase_slot(dir, &mut slots, &key, new)?;
    rewrap_sync(dir, &key, new);
    Ok(())
}

/// Replaces the recovery code: a new one (returned, to show once) opens the journal, the
/// old one no longer does. Needs the passphrase; the database is not rewritten.
pub fn new_recovery_code(
    dir: &Path,
    passphrase: &SecretString,
) -> Result<RecoveryCode, VaultError> {
    let (mut slots, key) = unwrap(dir, SlotKind::Passphrase, passphrase.expose_secret())?;
    drop(open_with_key(dir, &key)?);
    let code = RecoveryCode::generate();
    slots
        .set(SlotKind::Recovery, code.expose().as_bytes(), &key)
        .and_then(|_| slots.write(&keys_path(dir)))
        .map_err(|e| VaultError::from_key(e, VaultError::WrongPassphrase))?;
    Ok(code)
}

fn set_passphrase_slot(
    dir: &Path,
    slots: &mut SlotFile,
    key: &DataKey,
    new: &SecretString,
) -> Result<(), VaultError> {
    // Prove the key still opens the database before replacing the slot.
    drop(open_with_key(dir, key)?);
    slots
        .set(SlotKind::Passphrase, new.expose_secret().as_bytes(), key)
        .and_then(|_| slots.write(&keys_path(dir)))
        .map_err(|e| VaultError::from_key(e, VaultError::WrongPassphrase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pw(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let bytes = fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn create_open_and_refuse_overwrite() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("vault");
        let (j, code) = create(&dir, &pw("hunter2hunter2")).unwrap();
        assert_eq!(code.expose().len(), 39);
        drop(j);
        open(&dir, &pw("hunter2hunter2")).unwrap();
        assert!(matches!(
            create(&dir, &pw("another passphrase")),
            Err(VaultError::AlreadyExists)
        ));
    }

    #[test]
    fn wrong_passphrase_changes_nothing() {
        let d = tempfile::tempdir().unwrap();
        let (j, _) = create(d.path(), &pw("right passphrase")).unwrap();
        drop(j);
        let before = snapshot(d.path());
        assert!(matches!(
            open(d.path(), &pw("wrong passphrase")),
            Err(VaultError::WrongPassphrase)
        ));
        assert!(matches!(
            change_passphrase(d.path(), &pw("wrong passphrase"), &pw("new passphrase")),
            Err(VaultError::WrongPassphrase)
        ));
        assert!(matches!(
            recover(d.path(), "0000-0000", &pw("new passphrase")),
            Err(VaultError::WrongRecoveryCode)
        ));
        assert_eq!(before, snapshot(d.path()));
    }

    #[test]
    fn passwd_and_recover_rewrap_the_key() {
        let d = tempfile::tempdir().unwrap();
        let (j, code) = create(d.path(), &pw("first passphrase")).unwrap();
        drop(j);
        let db_before = fs::read(db_path(d.path())).unwrap();
        change_passphrase(d.path(), &pw("first passphrase"), &pw("second passphrase")).unwrap();
        assert!(open(d.path(), &pw("first passphrase")).is_err());
        drop(open(d.path(), &pw("second passphrase")).unwrap());
        recover(
            d.path(),
            &code.expose().to_lowercase(),
            &pw("third passphrase"),
        )
        .unwrap();
        drop(open(d.path(), &pw("third passphrase")).unwrap());
        // Rewrapping never re-encrypts the database.
        assert_eq!(db_before, fs::read(db_path(d.path())).unwrap());
    }

    fn damaged(r: Result<Journal, VaultError>) -> bool {
        matches!(
            r,
            Err(VaultError::Damaged(_)) | Err(VaultError::Store(StoreError::Damaged))
        )
    }

    #[test]
    fn damaged_files_are_reported_as_damage() {
        let d = tempfile::tempdir().unwrap();
        let (j, _) = create(d.path(), &pw("right passphrase")).unwrap();
        drop(j);
        assert!(matches!(
            open(&d.path().join("nowhere"), &pw("right passphrase")),
            Err(VaultError::NoJournal)
        ));
        let keys = fs::read(keys_path(d.path())).unwrap();
        fs::write(keys_path(d.path()), &keys[..keys.len() / 2]).unwrap();
        assert!(damaged(open(d.path(), &pw("right passphrase"))));
        fs::write(keys_path(d.path()), &keys).unwrap();
        let db = fs::read(db_path(d.path())).unwrap();
        fs::write(db_path(d.path()), &db[..db.len() - 4096]).unwrap();
        assert!(damaged(open(d.path(), &pw("right passphrase"))));
        let mut flipped = db.clone();
        flipped[100] ^= 0xff;
        fs::write(db_path(d.path()), &flipped).unwrap();
        assert!(damaged(open(d.path(), &pw("right passphrase"))));
    }

    #[test]
    fn short_passphrase_is_refused() {
        let d = tempfile::tempdir().unwrap();
        assert!(matches!(
            create(d.path(), &pw("short")),
            Err(VaultError::WeakPassphrase)
        ));
        assert!(!exists(d.path()));
    }

    #[test]
    fn journal_from_a_newer_version_is_refused_untouched() {
        let d = tempfile::tempdir().unwrap();
        let (j, _) = create(d.path(), &pw("right passphrase")).unwrap();
        j.conn()
            .pragma_update(None, "user_version", store::schema_version() + 1)
            .unwrap();
        drop(j);
        let before = snapshot(d.path());
        assert!(matches!(
            open(d.path(), &pw("right passphrase")),
            Err(VaultError::Store(StoreError::TooNew { .. }))
        ));
        assert_eq!(before, snapshot(d.path()));
    }

    #[cfg(unix)]
    fn mode(p: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn vault_files_are_private_and_a_loose_vault_is_tightened() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("vault");
        let (mut j, _) = create(&dir, &pw("right passphrase")).unwrap();
        j.log(crate::model::NewEntry {
            body: "a note".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(mode(&dir), 0o700);
        let files: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert!(
            files.iter().any(|p| p.ends_with("journal.db-wal")),
            "{files:?}"
        );
        for f in &files {
            assert_eq!(mode(f), 0o600, "{}", f.display());
        }
        drop(j);
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        fs::set_permissions(keys_path(&dir), fs::Permissions::from_mode(0o644)).unwrap();
        assert!(tighten_permissions(&dir).unwrap());
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&keys_path(&dir)), 0o600);
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o750)).unwrap();
        drop(open(&dir, &pw("right passphrase")).unwrap());
        assert_eq!(mode(&dir), 0o700);
        // A passphrase change rewrites the key file, still private.
        change_passphrase(&dir, &pw("right passphrase"), &pw("other passphrase")).unwrap();
        assert_eq!(mode(&keys_path(&dir)), 0o600);
    }

    #[test]
    fn a_new_recovery_code_replaces_the_old_one() {
        let d = tempfile::tempdir().unwrap();
        let (j, old) = create(d.path(), &pw("right passphrase")).unwrap();
        drop(j);
        assert!(matches!(
            new_recovery_code(d.path(), &pw("wrong passphrase")),
            Err(VaultError::WrongPassphrase)
        ));
        let code = new_recovery_code(d.path(), &pw("right passphrase")).unwrap();
        assert_ne!(code.expose(), old.expose());
        assert!(matches!(
            recover(d.path(), old.expose(), &pw("new passphrase")),
            Err(VaultError::WrongRecoveryCode)
        ));
        recover(d.path(), code.expose(), &pw("new passphrase")).unwrap();
        drop(open(d.path(), &pw("new passphrase")).unwrap());
    }

    #[test]
    fn create_clears_what_an_interrupted_create_left() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("vault");
        // Killed after the key file landed but before the marker went: never handed out.
        let (j, _) = create(&dir, &pw("first passphrase")).unwrap();
        drop(j);
        fs::write(dir.join(UNFINISHED_FILE), b"").unwrap();
        assert!(is_unfinished(&dir));
        drop(create(&dir, &pw("second passphrase")).unwrap().0);
        assert!(!is_unfinished(&dir));
        assert!(open(&dir, &pw("first passphrase")).is_err());
        drop(open(&dir, &pw("second passphrase")).unwrap());
        assert!(matches!(
            create(&dir, &pw("third passphrase")),
            Err(VaultError::AlreadyExists)
        ));

        // Killed while the database was staged.
        fs::remove_file(keys_path(&dir)).unwrap();
        fs::rename(db_path(&dir), dir.join(STAGED_DB_FILE)).unwrap();
        fs::write(dir.join(UNFINISHED_FILE), b"").unwrap();
        drop(create(&dir, &pw("fourth passphrase")).unwrap().0);
        assert!(!dir.join(STAGED_DB_FILE).exists());

        // A database without a key file (older versions): kept aside, never deleted.
        fs::remove_file(keys_path(&dir)).unwrap();
        let db = fs::read(db_path(&dir)).unwrap();
        assert!(is_unfinished(&dir));
        drop(create(&dir, &pw("fifth passphrase")).unwrap().0);
        let orphans: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("journal.db.orphaned-"))
            .collect();
        assert_eq!(orphans.len(), 1);
        assert_eq!(fs::read(dir.join(&orphans[0])).unwrap(), db);
        drop(open(&dir, &pw("fifth passphrase")).unwrap());
    }
}
