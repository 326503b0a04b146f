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
use crate::Journal;

pub const DB_FILE: &str = "journal.db";
pub const KEYS_FILE: &str = "keys.json";
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

fn check_new_passphrase(p: &SecretString) -> Result<(), VaultError> {
    if p.expose_secret().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(VaultError::WeakPassphrase);
    }
    Ok(())
}

/// Creates a journal in `dir`. Returns it open, with the recovery code to show once.
pub fn create(
    dir: &Path,
    passphrase: &SecretString,
) -> Result<(Journal, RecoveryCode), VaultError> {
    check_new_passphrase(passphrase)?;
    if exists(dir) {
        return Err(VaultError::AlreadyExists);
    }
    create_private_dir(dir)?;
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
    let mut conn = store::open(&db_path(dir), &key, true)?;
    store::migrate(&mut conn)?;
    // The key file goes last: a journal without it is incomplete, never half-keyed.
    slots
        .write(&keys_path(dir))
        .map_err(|e| VaultError::from_key(e, VaultError::WrongPassphrase))?;
    Ok((Journal::from_parts(conn, dir.to_path_buf()), code))
}

fn create_private_dir(dir: &Path) -> Result<(), VaultError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    Ok(())
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
    open_with_key(dir, &key)
}

/// The journal's data key, unwrapped with its passphrase (a backup needs it, and the
/// journal can then be opened with [`open_with_key`] without a second key derivation).
pub fn unlock(dir: &Path, passphrase: &SecretString) -> Result<DataKey, VaultError> {
    Ok(unwrap(dir, SlotKind::Passphrase, passphrase.expose_secret())?.1)
}

/// Opens the journal with its data key, already unwrapped from a slot. The benchmark uses
/// it to time opening apart from the deliberate key derivation.
pub fn open_with_key(dir: &Path, key: &DataKey) -> Result<Journal, VaultError> {
    let path = db_path(dir);
    check_not_truncated(&path)?;
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
    Ok(Journal::from_parts(conn, dir.to_path_buf()))
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
    set_passphrase_slot(dir, &mut slots, &key, new)
}

/// Sets a new passphrase using the recovery code.
pub fn recover(dir: &Path, code: &str, new: &SecretString) -> Result<(), VaultError> {
    check_new_passphrase(new)?;
    let code = RecoveryCode::parse(code);
    let (mut slots, key) = unwrap(dir, SlotKind::Recovery, code.expose())?;
    set_passphrase_slot(dir, &mut slots, &key, new)
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
}
