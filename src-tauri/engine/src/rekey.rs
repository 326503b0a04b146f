//! Rotating the data key: a new key, the database re-encrypted under it, new key slots and
//! a new recovery code. Old backups (which carry the old key) then open only themselves.
//!
//! Crash-safe in three steps, each durable before the next:
//! 1. the database is exported (`sqlcipher_export`, encrypted throughout) to
//!    `journal.db.rekey` under the new key, fsynced and checked;
//! 2. `keys.json` is replaced atomically with slots for the new key: the commit point;
//! 3. the old database (and its WAL) is replaced by the new file.
//!
//! A crash before 2 leaves the old journal whole (the stray file is removed on the next
//! open); a crash after 2 is finished on the next open, which finds that the key from
//! `keys.json` opens `journal.db.rekey` and renames it into place ([`finish`]).

use std::fs;
use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use crate::keys::{DataKey, RecoveryCode, SlotFile, SlotKind};
use crate::owner_only;
use crate::store::{self, StoreError};
use crate::vault::{self, VaultError};

const REKEY_DB_FILE: &str = "journal.db.rekey";

fn rekey_path(dir: &Path) -> PathBuf {
    dir.join(REKEY_DB_FILE)
}

fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_if_there(p: &Path) -> std::io::Result<()> {
    match fs::remove_file(p) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Gives the journal in `dir` a new data key and a new recovery code (returned, to show
/// once); the passphrase stays. Refused with [`StoreError::Busy`] while another connection
/// (a desktop window, another `candor`) has the journal open.
pub fn rekey(dir: &Path, passphrase: &SecretString) -> Result<RecoveryCode, VaultError> {
    let old = vault::unlock(dir, passphrase)?;
    let mut journal = vault::open_with_key(dir, &old)?;
    // What the index holds in memory only goes with the copy; pending changes would too.
    let _ = journal.flush_search();
    journal.close_search_files();
    let conn = journal.conn();
    exclusive(conn)?;

    let new = DataKey::generate();
    let code = RecoveryCode::generate();
    let staged = rekey_path(dir);
    for p in [
        &staged,
        &sidecar(&staged, "-wal"),
        &sidecar(&staged, "-shm"),
    ] {
        remove_if_there(p)?;
    }
    owner_only::create_new(&staged)?;
    let key_sql = Zeroizing::new(format!(
        "x'{}'",
        Zeroizing::new(hex::encode(new.expose())).as_str()
    ));
    let version = store::current_version(conn)?;
    let export = || -> Result<(), rusqlite::Error> {
        conn.execute(
            "ATTACH DATABASE ?1 AS rekeyed KEY ?2",
            rusqlite::params![staged.to_string_lossy(), key_sql.as_str()],
        )?;
        let done = conn
            .query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))
            .and_then(|_| conn.execute_batch(&format!("PRAGMA rekeyed.user_version = {version}")));
        let detached = conn.execute_batch("DETACH DATABASE rekeyed");
        done.and(detached)
    };
    if let Err(e) = export() {
        let _ = fs::remove_file(&staged);
        return Err(StoreError::from(e).into());
    }
    fs::File::open(&staged)?.sync_all()?;
    // The new file opens with the new key and holds the same journal.
    {
        let check = store::open(&staged, &new, false)?;
        if store::current_version(&check)? != version {
            let _ = fs::remove_file(&staged);
            return Err(VaultError::Damaged("the re-encrypted copy does not match"));
        }
        check.close().map_err(|(_, e)| StoreError::from(e))?;
    }

    let mut slots = SlotFile::new();
    slots
        .set(
            SlotKind::Passphrase,
            passphrase.expose_secret().as_bytes(),
            &new,
        )
        .and_then(|_| slots.set(SlotKind::Recovery, code.expose().as_bytes(), &new))
        .and_then(|_| slots.write(&vault::keys_path(dir)))
        .map_err(|_| VaultError::Damaged("the new key file could not be written"))?;
    finish(dir, &new)?;
    // Only now let go of the old file and its exclusive lock.
    drop(journal);
    let mut reopened = vault::open_with_key(dir, &new)?;
    // The sync folder gets a new key as well; if it is away, it gets it on the next sync.
    let _ = crate::sync::rotate_key(&mut reopened, passphrase);
    Ok(code)
}

/// Makes `conn` the only one on the journal for the rest of its life, or fails with
/// [`StoreError::Busy`]: leaving WAL mode needs every other connection gone (and moves the
/// whole journal into the main file, which the export then reads), and an exclusive lock
/// held from here keeps new ones out until the new file is in place.
fn exclusive(conn: &rusqlite::Connection) -> Result<(), VaultError> {
    conn.busy_timeout(std::time::Duration::ZERO)
        .map_err(StoreError::from)?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .map_err(StoreError::from)?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(StoreError::Busy.into());
    }
    conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;")
        .map_err(StoreError::from)?;
    Ok(())
}

/// Completes or discards an interrupted [`rekey`], given the key `keys.json` holds: if it
/// opens `journal.db.rekey`, that file becomes the journal; otherwise it is left-over work
/// from before the commit point and is removed. Called by every open.
pub(crate) fn finish(dir: &Path, key: &DataKey) -> Result<(), VaultError> {
    let staged = rekey_path(dir);
    if !staged.exists() {
        return Ok(());
    }
    let committed = store::open(&staged, key, false)
        .map(|c| {
            let _ = c.close();
        })
        .is_ok();
    let db = vault::db_path(dir);
    if committed {
        // The old database's WAL belongs to the old key: it must not meet the new file.
        for suffix in ["-wal", "-shm"] {
            remove_if_there(&sidecar(&db, suffix))?;
        }
        for suffix in ["-wal", "-shm"] {
            let side = sidecar(&staged, suffix);
            if side.exists() {
                fs::rename(&side, sidecar(&db, suffix))?;
            }
        }
        fs::rename(&staged, &db)?;
    } else {
        for p in [
            &sidecar(&staged, "-wal"),
            &sidecar(&staged, "-shm"),
            &staged,
        ] {
            remove_if_there(p)?;
        }
    }
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NewEntry;

    fn pw(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    #[test]
    fn rekey_changes_the_key_and_keeps_the_journal() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("vault");
        let (mut j, old_code) = vault::create(&dir, &pw("right passphrase")).unwrap();
        j.log(NewEntry {
            body: "the rotation canary".into(),
            ..Default::default()
        })
        .unwrap();
        drop(j);
        let old_key = vault::unlock(&dir, &pw("right passphrase")).unwrap();
        let code = rekey(&dir, &pw("right passphrase")).unwrap();
        assert_ne!(code.expose(), old_code.expose());
        // The old key (what an old backup carries) no longer opens the live journal.
        assert!(vault::open_with_key(&dir, &old_key).is_err());
        let j = vault::open(&dir, &pw("right passphrase")).unwrap();
        assert_eq!(j.search("canary", 10).unwrap().total, 1);
        drop(j);
        assert!(vault::recover(&dir, old_code.expose(), &pw("new passphrase")).is_err());
        vault::recover(&dir, code.expose(), &pw("new passphrase")).unwrap();
        assert!(!rekey_path(&dir).exists());
        assert!(matches!(
            rekey(&dir, &pw("right passphrase")),
            Err(VaultError::WrongPassphrase)
        ));
    }

    #[test]
    fn rekey_refuses_while_another_connection_has_the_journal_open() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("vault");
        let (mut j, _) = vault::create(&dir, &pw("right passphrase")).unwrap();
        j.log(NewEntry {
            body: "still here".into(),
            ..Default::default()
        })
        .unwrap();
        let before = fs::read(vault::keys_path(&dir)).unwrap();
        assert!(matches!(
            rekey(&dir, &pw("right passphrase")),
            Err(VaultError::Store(StoreError::Busy))
        ));
        assert_eq!(fs::read(vault::keys_path(&dir)).unwrap(), before);
        assert!(!rekey_path(&dir).exists());
        // The open journal keeps working, and once it is closed the rekey goes through.
        assert_eq!(j.search("still", 10).unwrap().total, 1);
        drop(j);
        rekey(&dir, &pw("right passphrase")).unwrap();
        let j = vault::open(&dir, &pw("right passphrase")).unwrap();
        assert_eq!(j.search("still", 10).unwrap().total, 1);
    }

    #[test]
    fn an_interrupted_rekey_is_finished_or_discarded_on_open() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("vault");
        drop(vault::create(&dir, &pw("right passphrase")).unwrap().0);
        // Killed before the commit point: a stray copy under another key is discarded.
        fs::write(rekey_path(&dir), vec![7u8; 4096]).unwrap();
        drop(vault::open(&dir, &pw("right passphrase")).unwrap());
        assert!(!rekey_path(&dir).exists());

        // Killed after the commit point: keys.json holds the new key, the new file waits.
        let old_db = fs::read(vault::db_path(&dir)).unwrap();
        rekey(&dir, &pw("right passphrase")).unwrap();
        fs::rename(vault::db_path(&dir), rekey_path(&dir)).unwrap();
        fs::write(vault::db_path(&dir), &old_db).unwrap();
        let j = vault::open(&dir, &pw("right passphrase")).unwrap();
        assert!(!rekey_path(&dir).exists());
        drop(j);
        assert_ne!(fs::read(vault::db_path(&dir)).unwrap(), old_db);
    }
}
