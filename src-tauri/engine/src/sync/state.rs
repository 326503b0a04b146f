//! This device's sync state in the database: where the folder is, who this device is,
//! its keys; and the operations that change it (setup, join, key changes, forgetting).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};
use secrecy::SecretString;

use super::folder::{self, JournalFile};
use super::{hlc, records, segment, DeviceInfo, SyncError, SyncStatus};
use crate::keys::DataKey;
use crate::{vault, Journal, RecoveryCode};

pub(crate) struct State {
    pub journal_id: String,
    pub device_id: String,
    pub folder: PathBuf,
    pub next_seq: i64,
    pub hlc: i64,
    pub epoch: u32,
    pub machine: String,
}

pub(crate) fn load(conn: &Connection) -> rusqlite::Result<Option<State>> {
    conn.query_row(
        "SELECT journal_id, device_id, folder, next_seq, hlc, epoch, machine
         FROM sync_state WHERE id = 1",
        [],
        |r| {
            Ok(State {
                journal_id: r.get(0)?,
                device_id: r.get(1)?,
                folder: PathBuf::from(r.get::<_, String>(2)?),
                next_seq: r.get(3)?,
                hlc: r.get(4)?,
                epoch: r.get(5)?,
                machine: r.get(6)?,
            })
        },
    )
    .optional()
}

pub(crate) fn require(conn: &Connection) -> Result<State, SyncError> {
    load(conn)?.ok_or(SyncError::NotSetUp)
}

/// Every sync key this device holds, by epoch.
pub(crate) fn keys(conn: &Connection) -> rusqlite::Result<BTreeMap<u32, [u8; 32]>> {
    let mut stmt = conn.prepare("SELECT epoch, key FROM sync_keys")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (epoch, key) = row?;
        if let Ok(k) = <[u8; 32]>::try_from(key.as_slice()) {
            out.insert(epoch, k);
        }
    }
    Ok(out)
}

/// Where this copy of the vault lives: the machine and the directory. A vault copied to
/// another machine or directory is another device and must not write as this one.
fn machine_of(dir: &Path) -> String {
    let id = std::fs::read_to_string("/etc/machine-id")
        .or_else(|_| std::fs::read_to_string("/var/lib/dbus/machine-id"))
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    let place = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    format!("{id}|{}", place.display())
}

fn insert_state(
    conn: &Connection,
    journal_id: &str,
    folder_path: &Path,
    epoch: u32,
    key: &DataKey,
    machine: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO sync_state (id, journal_id, device_id, folder, next_seq, hlc, epoch, machine)
         VALUES (1, ?1, ?2, ?3, 1, 0, ?4, ?5)",
        params![
            journal_id,
            folder::new_id(),
            folder_path.to_string_lossy(),
            epoch,
            machine
        ],
    )?;
    conn.execute(
        "INSERT OR REPLACE INTO sync_keys (epoch, key) VALUES (?1, ?2)",
        params![epoch, key.expose().as_slice()],
    )?;
    Ok(())
}

fn insert_keys(conn: &Connection, keys: &BTreeMap<u32, [u8; 32]>) -> rusqlite::Result<()> {
    for (epoch, key) in keys {
        conn.execute(
            "INSERT OR REPLACE INTO sync_keys (epoch, key) VALUES (?1, ?2)",
            params![epoch, key.as_slice()],
        )?;
    }
    Ok(())
}

fn absolute(folder: &Path) -> Result<PathBuf, SyncError> {
    let f = std::path::absolute(folder).map_err(folder::io(folder))?;
    Ok(f.canonicalize().unwrap_or(f))
}

pub(crate) fn setup(
    j: &mut Journal,
    folder_path: &Path,
    passphrase: &SecretString,
) -> Result<(), SyncError> {
    if let Some(s) = load(j.conn())? {
        return Err(SyncError::AlreadySetUp(s.folder.display().to_string()));
    }
    crate::owner_only::create_dir_all(folder_path).map_err(folder::io(folder_path))?;
    let folder_path = absolute(folder_path)?;
    let journal_id = folder::new_id();
    let key = DataKey::generate();
    JournalFile::new(&journal_id, 1, &key, passphrase, &BTreeMap::new())?.write(&folder_path)?;
    let machine = machine_of(j.dir());
    j.write_tx(|tx| -> Result<(), SyncError> {
        insert_state(tx, &journal_id, &folder_path, 1, &key, &machine)?;
        // Everything already in the journal goes out in the first segments.
        for t in records::TABLES {
            for k in records::all_keys(tx, t)? {
                if t.name == "settings" && !travels_setting(&k) {
                    continue;
                }
                tx.execute(
                    "INSERT INTO sync_outbox (tbl, key) VALUES (?1, ?2)",
                    params![t.name, k],
                )?;
            }
        }
        Ok(())
    })
}

/// Settings that stay on their device: where its backups go.
fn travels_setting(key_json: &str) -> bool {
    !key_json.starts_with("[\"backup.")
}

pub(crate) fn join(
    folder_path: &Path,
    vault_dir: &Path,
    passphrase: &SecretString,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(Journal, RecoveryCode), SyncError> {
    if vault::exists(vault_dir) {
        return Err(SyncError::VaultExists(vault_dir.display().to_string()));
    }
    let (root, journal_id) = find_journal(folder_path)?;
    let file = JournalFile::read(&root, &journal_id)?;
    // The passphrase is checked against the folder before anything is created.
    let all = file.unwrap_all(passphrase)?;
    let key = file.unwrap_key(passphrase)?;
    let (mut j, code) = vault::create(vault_dir, passphrase)?;
    let machine = machine_of(j.dir());
    j.write_tx(|tx| -> Result<(), SyncError> {
        insert_state(tx, &journal_id, &root, file.epoch, &key, &machine)?;
        insert_keys(tx, &all)?;
        Ok(())
    })?;
    let result = super::apply::sync(&mut j, progress);
    record_outcome(&mut j, result.as_ref().err());
    result?;
    Ok((j, code))
}

/// The folder holding `candor-<id>/`, and the id: `path` may be either.
fn find_journal(path: &Path) -> Result<(PathBuf, String), SyncError> {
    let path = absolute(path)?;
    if !path.is_dir() {
        return Err(SyncError::Folder(format!("{}: not found", path.display())));
    }
    if let Some(id) = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_prefix("candor-"))
        .filter(|id| folder::is_id(id))
    {
        if let Some(parent) = path.parent() {
            return Ok((parent.to_path_buf(), id.to_string()));
        }
    }
    let ids = folder::journals_in(&path)?;
    match ids.as_slice() {
        [] => Err(SyncError::NoJournalInFolder),
        [one] => Ok((path, one.clone())),
        _ => Err(SyncError::SeveralJournals),
    }
}

/// Records how the last sync went, for the status; never fails the caller.
pub(crate) fn record_outcome(j: &mut Journal, err: Option<&SyncError>) {
    let conn = j.conn();
    let _ = match err {
        None => conn.execute(
            "UPDATE sync_state SET last_sync = ?1, last_error = NULL WHERE id = 1",
            [crate::model::now()],
        ),
        Some(SyncError::NotSetUp) => Ok(0),
        Some(e) => conn.execute(
            "UPDATE sync_state SET last_error = ?1 WHERE id = 1",
            [e.to_string()],
        ),
    };
}

/// A vault found in another place than it was set up in is a copy: it takes a new device
/// id (so two copies never write into one directory) and starts its own numbering, having
/// already everything the original had written.
pub(crate) fn check_machine(j: &mut Journal) -> Result<(), SyncError> {
    let s = require(j.conn())?;
    let here = machine_of(j.dir());
    if s.machine == here {
        return Ok(());
    }
    j.write_tx(|tx| -> Result<(), SyncError> {
        tx.execute(
            "INSERT INTO sync_applied (device, seq) VALUES (?1, ?2)
             ON CONFLICT(device) DO UPDATE SET seq = max(seq, excluded.seq)",
            params![s.device_id, s.next_seq - 1],
        )?;
        tx.execute(
            "UPDATE sync_state SET device_id = ?1, next_seq = 1, machine = ?2 WHERE id = 1",
            params![folder::new_id(), here],
        )?;
        Ok(())
    })
}

pub(crate) fn learn_key(j: &mut Journal, passphrase: &SecretString) -> Result<bool, SyncError> {
    let s = require(j.conn())?;
    let file = JournalFile::read(&s.folder, &s.journal_id)?;
    if keys(j.conn())?.contains_key(&file.epoch) {
        return Ok(false);
    }
    let all = file.unwrap_all(passphrase)?;
    j.write_tx(|tx| -> Result<(), SyncError> {
        insert_keys(tx, &all)?;
        tx.execute(
            "UPDATE sync_state SET epoch = max(epoch, ?1) WHERE id = 1",
            [file.epoch],
        )?;
        Ok(())
    })?;
    Ok(true)
}

pub(crate) fn rotate(
    j: &mut Journal,
    passphrase: &SecretString,
    key: &DataKey,
) -> Result<(), SyncError> {
    let s = require(j.conn())?;
    let seen = JournalFile::read(&s.folder, &s.journal_id)
        .map(|f| f.epoch)
        .unwrap_or(0);
    let held = keys(j.conn())?;
    let known = held.keys().max().copied().unwrap_or(0);
    let epoch = seen.max(known).max(s.epoch) + 1;
    let file = JournalFile::new(&s.journal_id, epoch, key, passphrase, &held)?;
    let json = serde_json::to_string(&file)
        .map_err(|_| SyncError::Damaged("could not encode journal.json"))?;
    j.write_tx(|tx| -> Result<(), SyncError> {
        tx.execute(
            "INSERT INTO sync_keys (epoch, key) VALUES (?1, ?2)",
            params![epoch, key.expose().as_slice()],
        )?;
        tx.execute(
            "UPDATE sync_state SET epoch = ?1, journal_file_pending = ?2 WHERE id = 1",
            params![epoch, json],
        )?;
        Ok(())
    })?;
    write_pending_journal_file(j)
}

pub(crate) fn rewrap(j: &mut Journal, passphrase: &SecretString) -> Result<(), SyncError> {
    let s = require(j.conn())?;
    let keys = keys(j.conn())?;
    let key = keys
        .get(&s.epoch)
        .and_then(|k| DataKey::from_slice(k))
        .ok_or(SyncError::Damaged("this device's sync key is missing"))?;
    let file = JournalFile::new(&s.journal_id, s.epoch, &key, passphrase, &keys)?;
    let json = serde_json::to_string(&file)
        .map_err(|_| SyncError::Damaged("could not encode journal.json"))?;
    j.conn().execute(
        "UPDATE sync_state SET journal_file_pending = ?1 WHERE id = 1",
        [json],
    )?;
    write_pending_journal_file(j)
}

/// Puts a `journal.json` that had to wait into the folder, unless the folder already has
/// a newer epoch (another device rotated since).
pub(crate) fn write_pending_journal_file(j: &mut Journal) -> Result<(), SyncError> {
    let pending: Option<String> = j.conn().query_row(
        "SELECT journal_file_pending FROM sync_state WHERE id = 1",
        [],
        |r| r.get(0),
    )?;
    let Some(json) = pending else {
        return Ok(());
    };
    let s = require(j.conn())?;
    let file: JournalFile =
        serde_json::from_str(&json).map_err(|_| SyncError::Damaged("journal.json is not valid"))?;
    let current = JournalFile::read(&s.folder, &s.journal_id).ok();
    if current.is_none_or(|c| c.epoch <= file.epoch) {
        if !s.folder.is_dir() {
            return Err(SyncError::Folder(format!(
                "{}: not found",
                s.folder.display()
            )));
        }
        file.write(&s.folder)?;
    }
    j.conn().execute(
        "UPDATE sync_state SET journal_file_pending = NULL WHERE id = 1",
        [],
    )?;
    Ok(())
}

pub(crate) fn forget(j: &mut Journal, id: &str) -> Result<(), SyncError> {
    let s = require(j.conn())?;
    if s.device_id.starts_with(id) && !id.is_empty() {
        return Err(SyncError::ThisDevice);
    }
    let known = device_ids(&s)?;
    let matches: Vec<&String> = known.iter().filter(|d| d.starts_with(id)).collect();
    let [device] = matches.as_slice() else {
        return Err(SyncError::UnknownDevice);
    };
    j.conn().execute(
        "INSERT INTO sync_applied (device, seq, forgotten) VALUES (?1, 0, 1)
         ON CONFLICT(device) DO UPDATE SET forgotten = 1",
        [device.as_str()],
    )?;
    Ok(())
}

pub(crate) fn leave(j: &mut Journal) -> Result<(), SyncError> {
    require(j.conn())?;
    j.write_tx(|tx| -> Result<(), SyncError> {
        for t in [
            "sync_state",
            "sync_keys",
            "sync_outbox",
            "sync_clock",
            "sync_applied",
            "sync_pending",
            "sync_resolutions",
        ] {
            tx.execute(&format!("DELETE FROM {t}"), [])?;
        }
        Ok(())
    })
}

/// The device directories in the folder (this device's too).
pub(crate) fn device_ids(s: &State) -> Result<Vec<String>, SyncError> {
    let dir = folder::devices_dir(&s.folder, &s.journal_id);
    let mut out = Vec::new();
    match std::fs::read_dir(&dir) {
        Ok(entries) => {
            for e in entries.flatten() {
                if let Some(name) = e.file_name().to_str() {
                    if folder::is_id(name) && e.path().is_dir() {
                        out.push(name.to_string());
                    }
                }
            }
        }
        Err(e)
            if e.kind() == std::io::ErrorKind::NotFound
                && folder::journal_dir(&s.folder, &s.journal_id)
                    .join(folder::JOURNAL_FILE)
                    .is_file() => {}
        Err(e) => return Err(folder::io(&dir)(e)),
    }
    out.sort();
    Ok(out)
}

pub(crate) fn status(j: &Journal) -> Result<SyncStatus, SyncError> {
    let conn = j.conn();
    let s = require(conn)?;
    let count = |sql: &str| -> rusqlite::Result<u64> {
        conn.query_row(sql, [], |r| r.get::<_, i64>(0))
            .map(|n| n.max(0) as u64)
    };
    let (last_sync, last_error): (Option<String>, Option<String>) = conn.query_row(
        "SELECT last_sync, last_error FROM sync_state WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut applied: BTreeMap<String, (i64, Option<i64>, bool)> = BTreeMap::new();
    {
        let mut stmt =
            conn.prepare("SELECT device, seq, last_seen, forgotten FROM sync_applied")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, bool>(3)?,
            ))
        })?;
        for row in rows {
            let (d, seq, seen, forgotten) = row?;
            applied.insert(d, (seq, seen.and_then(|s| s.parse().ok()), forgotten));
        }
    }
    let on_disk = device_ids(&s).unwrap_or_default();
    let mut ids: Vec<String> = on_disk.clone();
    ids.extend(applied.keys().cloned());
    ids.push(s.device_id.clone());
    ids.sort();
    ids.dedup();
    let mut devices = Vec::new();
    for id in ids {
        let dir = folder::device_dir(&s.folder, &s.journal_id, &id);
        let segs = segment::list(&dir).unwrap_or_default();
        let this = id == s.device_id;
        let (seq, seen, forgotten) = applied.get(&id).cloned().unwrap_or((0, None, false));
        devices.push(DeviceInfo {
            segments: segs.len() as u64,
            last_segment: segs.last().map(|(n, _)| *n).unwrap_or(0),
            applied: if this { s.next_seq - 1 } else { seq },
            last_seen: if this {
                None
            } else {
                seen.map(millis_to_rfc3339)
            },
            forgotten,
            this_device: this,
            id,
        });
    }
    let needs_passphrase = JournalFile::read(&s.folder, &s.journal_id)
        .map(|f| !keys(conn).map(|k| k.contains_key(&f.epoch)).unwrap_or(true))
        .unwrap_or(false);
    Ok(SyncStatus {
        folder: s.folder.display().to_string(),
        journal_id: s.journal_id,
        device_id: s.device_id,
        devices,
        outgoing: count("SELECT count(DISTINCT tbl || key) FROM sync_outbox")?,
        waiting: count("SELECT count(*) FROM sync_pending")?,
        conflicts: count("SELECT count(*) FROM sync_conflicts")?,
        last_sync,
        last_error,
        needs_passphrase,
    })
}

fn millis_to_rfc3339(hlc_value: i64) -> String {
    chrono::DateTime::from_timestamp_millis(hlc::millis(hlc_value))
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}
