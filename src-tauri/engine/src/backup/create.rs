//! Making a backup: snapshot, manifest, age encryption to a temporary name, fsync, verify
//! by decrypting to the end, and only then the final name.

use std::fs;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::crypt::{self, Protection, Unlock};
use super::error::{BackupError, IoContext};
use super::manifest::{BackupCounts, Manifest, Payload, FORMAT, FORMAT_VERSION, PAYLOAD_KIND};
use super::snapshot::{self, TempFile};
use crate::keys::DataKey;
use crate::{vault, Journal};

/// What a finished backup holds.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BackupReport {
    pub path: PathBuf,
    pub created_at: String,
    /// Size of the backup file.
    pub bytes: u64,
    /// Size of the database inside it.
    pub payload_bytes: u64,
    pub counts: BackupCounts,
    pub schema_version: u32,
}

const CHUNK: usize = 1 << 20;

/// Backs up the open journal to `out`, a new file. `key` is the journal's data key.
/// `progress(done, total)` counts payload bytes, through writing and then verifying.
pub fn create(
    journal: &Journal,
    key: &DataKey,
    out: &Path,
    protection: &Protection,
    armor: bool,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<BackupReport, BackupError> {
    snapshot(journal, key, out, protection)?.seal(armor, progress, &|| false)
}

/// A backup half made: the journal's encrypted snapshot staged beside the target. The
/// journal is no longer needed; [`Snapshot::seal`] does the long part (checksum,
/// encryption, verification) without it, so the journal stays free for other work.
pub struct Snapshot {
    snap: TempFile,
    /// A copy of the data key, wiped when this is dropped.
    key: DataKey,
    key_slots: serde_json::Value,
    encryptor: age::Encryptor,
    verify: Unlock,
    dir: PathBuf,
    name: String,
    out: PathBuf,
}

/// The first, short part of a backup: refuses bad protection and a taken name, then
/// copies the live journal (SQLite's online backup) to a staged file.
pub fn snapshot(
    journal: &Journal,
    key: &DataKey,
    out: &Path,
    protection: &Protection,
) -> Result<Snapshot, BackupError> {
    if out.exists() {
        return Err(BackupError::Exists(out.display().to_string()));
    }
    // Refuse bad protection before any work.
    let verify_id = age::x25519::Identity::generate();
    let encryptor = crypt::encryptor(protection, Some(&verify_id.to_public()))?;
    // Passphrase backups are checked with the passphrase; recipient backups with a
    // one-time key written alongside the user's recipients, dropped after the check.
    let verify = match protection {
        Protection::Passphrase(p) => Unlock::Passphrase(p.clone()),
        Protection::Recipients(_) => Unlock::Identities(vec![verify_id]),
    };
    let key_slots: serde_json::Value = {
        let path = vault::keys_path(journal.dir());
        let bytes = fs::read(&path).ctx(|| "cannot read the journal's key file".into())?;
        serde_json::from_slice(&bytes)
            .map_err(|_| BackupError::Invalid("the journal's key file is not valid JSON"))?
    };

    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(BackupError::Io {
            what: format!("cannot write {}", out.display()),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "its directory does not exist",
            ),
        });
    }
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".into());
    remove_stale_snapshots(journal.dir());
    remove_leftovers(&dir, &name);

    // The snapshot: an encrypted copy staged beside the target, not in the journal's
    // directory, so a backup to another disk needs no free space on the journal's.
    let snap = TempFile::new(dir.join(leftover_name(&name, SNAPSHOT_PART)));
    snapshot::take(journal.conn(), key, snap.path()).map_err(damaged_source)?;
    let key = DataKey::from_slice(key.expose())
        .ok_or(BackupError::Invalid("the data key has the wrong length"))?;
    Ok(Snapshot {
        snap,
        key,
        key_slots,
        encryptor,
        verify,
        dir,
        name,
        out: out.to_path_buf(),
    })
}

impl Snapshot {
    /// Finishes the backup. `stop()` is asked between steps and chunks; when it says
    /// yes (the journal was locked), the backup ends with [`BackupError::Stopped`] and
    /// leaves nothing behind.
    pub fn seal(
        self,
        armor: bool,
        progress: &mut dyn FnMut(u64, u64),
        stop: &dyn Fn() -> bool,
    ) -> Result<BackupReport, BackupError> {
        let Snapshot {
            snap,
            key,
            key_slots,
            encryptor,
            verify: unlock,
            dir,
            name,
            out,
        } = self;
        let out = out.as_path();
        let key = &key;
        let halt = || {
            if stop() {
                Err(BackupError::Stopped)
            } else {
                Ok(())
            }
        };
        // Its integrity check and its checksum, side by side.
        let (checked, hashed) = std::thread::scope(|s| {
            let hashing = s.spawn(|| hash_file(snap.path()));
            let checked = (|| {
                let conn = snapshot::open_keyed(snap.path(), key, false)?;
                snapshot::check(&conn)?;
                Ok::<_, BackupError>((snapshot::counts(&conn)?, snapshot::schema_version(&conn)?))
            })();
            let hashed = hashing.join().unwrap_or(Err(BackupError::Invalid(
                "checksumming the snapshot failed",
            )));
            (checked, hashed)
        });
        let (counts, schema_version) = checked?;
        let (payload_bytes, sha256) = hashed?;
        halt()?;
        let created_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let manifest = Manifest {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            created_at: created_at.clone(),
            app_version: env!("CARGO_PKG_VERSION").into(),
            schema_version,
            counts,
            payload: Payload {
                kind: PAYLOAD_KIND.into(),
                bytes: payload_bytes,
                sha256,
            },
            database_key: hex::encode(key.expose()),
            key_slots,
        };

        // 2. Encrypt to a temporary name in the target directory, then fsync.
        let tmp = TempFile::new(dir.join(leftover_name(&name, BACKUP_PART)));
        let total = payload_bytes * 2;
        {
            let file = snapshot::create_private(tmp.path())?;
            let mut w =
                crypt::encrypting_writer(encryptor, BufWriter::with_capacity(CHUNK, file), armor)
                    .ctx(|| "cannot write the backup".into())?;
            manifest
                .write_line(&mut w)
                .ctx(|| "cannot write the backup".into())?;
            let mut src = fs::File::open(snap.path()).ctx(|| "cannot read the snapshot".into())?;
            let mut buf = vec![0u8; CHUNK];
            let mut done = 0u64;
            loop {
                let n = src
                    .read(&mut buf)
                    .ctx(|| "cannot read the snapshot".into())?;
                if n == 0 {
                    break;
                }
                w.write_all(&buf[..n])
                    .ctx(|| "cannot write the backup".into())?;
                done += n as u64;
                progress(done, total);
                halt()?;
            }
            let file = crypt::finish(w)
                .and_then(|b| b.into_inner().map_err(|e| e.into_error()))
                .ctx(|| "cannot write the backup".into())?;
            file.sync_all()
                .ctx(|| "cannot flush the backup to disk".into())?;
        }
        drop(snap);

        // 3. Verify: decrypt to the end and compare with the manifest.
        let check = check_stream(tmp.path(), &unlock, &manifest, &mut |n| {
            progress(payload_bytes + n, total)
        })?;
        if !check {
            return Err(BackupError::Damaged(
                "the file just written does not read back as written",
            ));
        }
        halt()?;

        // 4. The final name: a hard link never replaces a file that appeared meanwhile;
        // file systems without links (FAT on a USB stick) get a rename.
        let bytes = fs::metadata(tmp.path())
            .ctx(|| "cannot read the backup".into())?
            .len();
        match fs::hard_link(tmp.path(), out) {
            Ok(()) => drop(tmp),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(BackupError::Exists(out.display().to_string()))
            }
            Err(_) => {
                if out.exists() {
                    return Err(BackupError::Exists(out.display().to_string()));
                }
                let tmp_path = tmp.keep();
                fs::rename(&tmp_path, out).ctx(|| format!("cannot write {}", out.display()))?;
            }
        }
        snapshot::sync_dir(&dir);
        Ok(BackupReport {
            path: out.to_path_buf(),
            created_at,
            bytes,
            payload_bytes,
            counts,
            schema_version,
        })
    }
}

/// Older versions staged the snapshot in the journal's directory under this prefix.
const SNAPSHOT_PREFIX: &str = ".backup-snapshot-";
/// Temporary names beside the target: `.NAME.candor-snapshot-<hex>` (the encrypted copy
/// of the database) and `.NAME.candor-unverified-<hex>` (the backup before its check), so
/// a person who finds one after a killed backup can tell what it is.
const SNAPSHOT_PART: &str = "candor-snapshot";
const BACKUP_PART: &str = "candor-unverified";

fn leftover_name(target: &str, part: &str) -> String {
    format!(".{target}.{part}-{}", snapshot::nonce())
}

/// Whether `file` is one of our temporary names for a backup to `target`.
fn is_leftover(file: &str, target: &str) -> bool {
    [SNAPSHOT_PART, BACKUP_PART].iter().any(|part| {
        let rest = file
            .strip_prefix(&format!(".{target}.{part}-"))
            .unwrap_or_default();
        let rest = rest.split('-').next().unwrap_or_default();
        rest.len() == 12 && rest.chars().all(|c| c.is_ascii_hexdigit())
    })
}

/// What a killed backup to the same target left (with SQLite's side files). Two backups
/// to one name cannot both succeed, so removing a running one's files costs nothing.
fn remove_leftovers(dir: &Path, target: &str) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        if is_leftover(&e.file_name().to_string_lossy(), target) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Snapshots left in the journal's directory by older versions (encrypted, but useless).
/// Only old ones: a backup running in an older process may own a young one.
fn remove_stale_snapshots(vault: &Path) {
    let Ok(rd) = fs::read_dir(vault) else { return };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(6 * 3600));
        if name.starts_with(SNAPSHOT_PREFIX) && old {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Copying reads every page of the live journal; one that fails SQLCipher's check (which
/// SQLite reports as a generic error) means the journal is damaged, not the copy.
fn damaged_source(e: BackupError) -> BackupError {
    use crate::store::StoreError;
    use rusqlite::ErrorCode as C;
    let code = match &e {
        BackupError::Store(StoreError::Sqlite(s)) => s.sqlite_error_code(),
        _ => None,
    };
    match code {
        Some(C::Unknown | C::DatabaseCorrupt | C::NotADatabase) => {
            BackupError::Store(StoreError::Damaged)
        }
        _ => e,
    }
}

fn hash_file(path: &Path) -> Result<(u64, String), BackupError> {
    let mut f = BufReader::with_capacity(
        CHUNK,
        fs::File::open(path).ctx(|| "cannot read the snapshot".into())?,
    );
    let mut h = Sha256::new();
    let n = std::io::copy(&mut f, &mut h).ctx(|| "cannot read the snapshot".into())?;
    Ok((n, hex::encode(h.finalize())))
}

/// Decrypts `path` to the end; true when it holds exactly `expected` and its payload.
fn check_stream(
    path: &Path,
    unlock: &Unlock,
    expected: &Manifest,
    progress: &mut dyn FnMut(u64),
) -> Result<bool, BackupError> {
    let plain = crypt::decrypt(path, unlock)?;
    let on_err = plain.error_mapper();
    let mut input = BufReader::with_capacity(CHUNK, plain);
    let m = Manifest::read_line(&mut input, on_err)?;
    let same = serde_json::to_value(&m).ok() == serde_json::to_value(expected).ok();
    let mut h = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut done = 0u64;
    loop {
        let n = input.read(&mut buf).map_err(|e| input.get_ref().error(e))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        done += n as u64;
        progress(done);
    }
    Ok(same
        && done == expected.payload.bytes
        && hex::encode(h.finalize()) == expected.payload.sha256)
}
