//! Reading a backup back: decrypt to the end, check the manifest, the checksum, the
//! database's integrity and its counts. The database is unpacked only as the encrypted
//! SQLCipher file it is, into a private temporary directory that is always removed.

use std::io::{BufReader, Read, Write};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::crypt::{self, Unlock};
use super::error::{BackupError, IoContext};
use super::manifest::{BackupCounts, Manifest};
use super::snapshot::{self, TempDir};
use crate::keys::DataKey;
use crate::store;

/// What a backup holds, once it has been checked to the end.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BackupInfo {
    pub created_at: String,
    pub app_version: String,
    pub format_version: u32,
    pub schema_version: u32,
    pub counts: BackupCounts,
    pub payload_bytes: u64,
    /// Size of the backup file.
    pub bytes: u64,
    /// Protected by a passphrase (else by age recipients).
    pub passphrase: bool,
}

const CHUNK: usize = 1 << 20;

/// Decrypts the backup at `path` to the end and checks everything in it. Writes nothing
/// that outlives the call. `progress(done, total)` counts bytes of the backup file.
pub fn verify(
    path: &Path,
    unlock: &Unlock,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<BackupInfo, BackupError> {
    let scratch =
        TempDir::create(std::env::temp_dir().join(format!("candor-verify-{}", snapshot::nonce())))?;
    let db = scratch.path().join("journal.db");
    let (manifest, key) = unpack(path, unlock, &db, progress)?;
    check_database(&db, &key, &manifest)?;
    key_slots(&manifest)?;
    info(path, &manifest)
}

/// The backup's key-slot file, refused when unreadable or when its key derivation
/// parameters are out of range (a crafted backup must not hang the next unlock).
pub(crate) fn key_slots(m: &Manifest) -> Result<crate::keys::SlotFile, BackupError> {
    let slots: crate::keys::SlotFile = serde_json::from_value(m.key_slots.clone())
        .map_err(|_| BackupError::Damaged("its key slots are unreadable"))?;
    slots.check().map_err(|_| {
        BackupError::Damaged("its key slots are damaged or hostile (key derivation out of range)")
    })?;
    Ok(slots)
}

pub(crate) fn info(path: &Path, m: &Manifest) -> Result<BackupInfo, BackupError> {
    Ok(BackupInfo {
        created_at: m.created_at.clone(),
        app_version: m.app_version.clone(),
        format_version: m.format_version,
        schema_version: m.schema_version,
        counts: m.counts,
        payload_bytes: m.payload.bytes,
        bytes: std::fs::metadata(path)
            .ctx(|| format!("cannot read {}", path.display()))?
            .len(),
        passphrase: crypt::is_passphrase_protected(path)?,
    })
}

/// Decrypts the backup, checks its manifest, and writes its database (still encrypted
/// with its own key) to `db`, checking length and SHA-256. Refuses a newer format or
/// schema before writing anything.
pub(crate) fn unpack(
    path: &Path,
    unlock: &Unlock,
    db: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(Manifest, DataKey), BackupError> {
    let total = std::fs::metadata(path)
        .ctx(|| format!("cannot read {}", path.display()))?
        .len();
    let plain = crypt::decrypt(path, unlock)?;
    let on_err = plain.error_mapper();
    let mut input = BufReader::with_capacity(CHUNK, plain);
    let manifest = Manifest::read_line(&mut input, on_err)?;
    if manifest.schema_version > store::schema_version() {
        return Err(BackupError::SchemaTooNew {
            found: manifest.schema_version,
            supported: store::schema_version(),
        });
    }
    let key = manifest.key()?;
    let mut out = std::io::BufWriter::with_capacity(CHUNK, snapshot::create_private(db)?);
    let mut h = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut done = 0u64;
    let expected = manifest.payload.bytes;
    loop {
        let n = input.read(&mut buf).map_err(|e| input.get_ref().error(e))?;
        if n == 0 {
            break;
        }
        done += n as u64;
        if done > expected {
            return Err(BackupError::Damaged(
                "it holds more data than its manifest says",
            ));
        }
        h.update(&buf[..n]);
        out.write_all(&buf[..n])
            .ctx(|| "cannot write the unpacked database".into())?;
        // The encrypted file is larger than the payload; scale to the file's size.
        progress(done.saturating_mul(total) / expected.max(1), total);
    }
    if done < expected {
        return Err(BackupError::Damaged(
            "it holds less data than its manifest says",
        ));
    }
    if hex::encode(h.finalize()) != manifest.payload.sha256 {
        return Err(BackupError::Damaged(
            "its contents do not match the manifest's checksum",
        ));
    }
    let file = out
        .into_inner()
        .map_err(|e| e.into_error())
        .ctx(|| "cannot write the unpacked database".into())?;
    file.sync_all()
        .ctx(|| "cannot write the unpacked database".into())?;
    progress(total, total);
    Ok((manifest, key))
}

/// The unpacked database opens with its key, passes the integrity check, and holds the
/// rows the manifest counted.
pub(crate) fn check_database(db: &Path, key: &DataKey, m: &Manifest) -> Result<(), BackupError> {
    let conn = snapshot::open_keyed(db, key, false)
        .map_err(|_| BackupError::Damaged("its database does not open with its key"))?;
    snapshot::check(&conn)?;
    let counts = snapshot::counts(&conn)
        .map_err(|_| BackupError::Damaged("its database does not open with its key"))?;
    if counts != m.counts {
        return Err(BackupError::Damaged(
            "its database does not hold what its manifest counts",
        ));
    }
    if snapshot::schema_version(&conn)? != m.schema_version {
        return Err(BackupError::Damaged(
            "its database's schema differs from its manifest",
        ));
    }
    Ok(())
}
