//! The sync folder: `<folder>/candor-<journal id>/journal.json` (the key slots a new device
//! joins with) and `devices/<device id>/` (each device's segments and what it has applied).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::rngs::OsRng;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use super::SyncError;
use crate::keys::{DataKey, KeyError, SlotFile, SlotKind};

pub(crate) const JOURNAL_FILE: &str = "journal.json";
pub(crate) const APPLIED_FILE: &str = "applied.bin";
const FORMAT: u32 = 1;
const CHECK_TEXT: &[u8] = b"candor sync key check";

pub(crate) fn journal_dir(folder: &Path, journal_id: &str) -> PathBuf {
    folder.join(format!("candor-{journal_id}"))
}

pub(crate) fn devices_dir(folder: &Path, journal_id: &str) -> PathBuf {
    journal_dir(folder, journal_id).join("devices")
}

pub(crate) fn device_dir(folder: &Path, journal_id: &str, device: &str) -> PathBuf {
    devices_dir(folder, journal_id).join(device)
}

pub(crate) fn io(path: &Path) -> impl Fn(std::io::Error) -> SyncError + '_ {
    move |e| SyncError::Folder(format!("{}: {}", path.display(), e.kind()))
}

/// The journal ids of the journals in `folder` (its `candor-*` directories).
pub(crate) fn journals_in(folder: &Path) -> Result<Vec<String>, SyncError> {
    let mut out = Vec::new();
    for e in fs::read_dir(folder).map_err(io(folder))? {
        let e = e.map_err(io(folder))?;
        let name = e.file_name();
        let Some(id) = name.to_str().and_then(|n| n.strip_prefix("candor-")) else {
            continue;
        };
        if is_id(id) && e.path().join(JOURNAL_FILE).is_file() {
            out.push(id.to_string());
        }
    }
    out.sort();
    Ok(out)
}

/// Ids are lower-case hex, 32 characters: nothing else is a journal or device here.
pub(crate) fn is_id(s: &str) -> bool {
    s.len() == 32
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

pub(crate) fn new_id() -> String {
    let mut b = [0u8; 16];
    OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// `journal.json`: which journal, the current key epoch, the sync key wrapped by the
/// passphrase, and a check value that proves a held key is this journal's.
#[derive(Serialize, Deserialize)]
pub(crate) struct JournalFile {
    pub format: u32,
    pub journal_id: String,
    pub epoch: u32,
    pub slots: SlotFile,
    check_nonce: String,
    check: String,
    /// Earlier epochs' keys, each sealed under this epoch's key: a device that joins after
    /// a rekey still reads segments written before it.
    #[serde(default)]
    previous: Vec<SealedKey>,
}

#[derive(Serialize, Deserialize)]
struct SealedKey {
    epoch: u32,
    nonce: String,
    sealed: String,
}

fn old_key_aad(journal: &str, epoch: u32) -> String {
    format!("candor-sync-old-key|{journal}|{epoch}")
}

fn check_aad(journal: &str, epoch: u32) -> String {
    format!("candor-sync-check|{journal}|{epoch}")
}

impl JournalFile {
    pub fn new(
        journal_id: &str,
        epoch: u32,
        key: &DataKey,
        passphrase: &SecretString,
        previous: &BTreeMap<u32, [u8; 32]>,
    ) -> Result<Self, SyncError> {
        let cipher = XChaCha20Poly1305::new(key.expose().into());
        let mut sealed_keys = Vec::new();
        for (old_epoch, old) in previous.iter().filter(|(e, _)| **e != epoch) {
            let mut nonce = [0u8; 24];
            OsRng.fill_bytes(&mut nonce);
            let sealed = cipher
                .encrypt(
                    XNonce::from_slice(&nonce),
                    Payload {
                        msg: old,
                        aad: old_key_aad(journal_id, *old_epoch).as_bytes(),
                    },
                )
                .map_err(|_| SyncError::Damaged("encryption failed"))?;
            sealed_keys.push(SealedKey {
                epoch: *old_epoch,
                nonce: hex::encode(nonce),
                sealed: hex::encode(sealed),
            });
        }
        let mut slots = SlotFile::new();
        slots
            .set(
                SlotKind::Passphrase,
                passphrase.expose_secret().as_bytes(),
                key,
            )
            .map_err(key_error)?;
        let mut nonce = [0u8; 24];
        OsRng.fill_bytes(&mut nonce);
        let check = XChaCha20Poly1305::new(key.expose().into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: CHECK_TEXT,
                    aad: check_aad(journal_id, epoch).as_bytes(),
                },
            )
            .map_err(|_| SyncError::Damaged("encryption failed"))?;
        Ok(JournalFile {
            format: FORMAT,
            journal_id: journal_id.to_string(),
            epoch,
            slots,
            check_nonce: hex::encode(nonce),
            check: hex::encode(check),
            previous: sealed_keys,
        })
    }

    /// Every key the file holds: the current epoch's (unwrapped with the passphrase) and
    /// the earlier ones sealed under it.
    pub fn unwrap_all(
        &self,
        passphrase: &SecretString,
    ) -> Result<BTreeMap<u32, [u8; 32]>, SyncError> {
        let key = self.unwrap_key(passphrase)?;
        let cipher = XChaCha20Poly1305::new(key.expose().into());
        let mut out = BTreeMap::new();
        out.insert(self.epoch, *key.expose());
        for old in &self.previous {
            let (Ok(nonce), Ok(sealed)) = (hex::decode(&old.nonce), hex::decode(&old.sealed))
            else {
                return Err(SyncError::Damaged("an earlier key is unreadable"));
            };
            if nonce.len() != 24 {
                return Err(SyncError::Damaged("an earlier key is unreadable"));
            }
            let plain = zeroize::Zeroizing::new(
                cipher
                    .decrypt(
                        XNonce::from_slice(&nonce),
                        Payload {
                            msg: &sealed,
                            aad: old_key_aad(&self.journal_id, old.epoch).as_bytes(),
                        },
                    )
                    .map_err(|_| SyncError::Damaged("an earlier key is unreadable"))?,
            );
            let k: [u8; 32] = plain
                .as_slice()
                .try_into()
                .map_err(|_| SyncError::Damaged("an earlier key is unreadable"))?;
            out.insert(old.epoch, k);
        }
        Ok(out)
    }

    /// Whether `key` is this journal's key for the file's epoch.
    pub fn accepts(&self, key: &[u8; 32]) -> bool {
        let (Ok(nonce), Ok(check)) = (hex::decode(&self.check_nonce), hex::decode(&self.check))
        else {
            return false;
        };
        nonce.len() == 24
            && XChaCha20Poly1305::new(key.into())
                .decrypt(
                    XNonce::from_slice(&nonce),
                    Payload {
                        msg: &check,
                        aad: check_aad(&self.journal_id, self.epoch).as_bytes(),
                    },
                )
                .is_ok_and(|p| p == CHECK_TEXT)
    }

    /// The sync key, unwrapped with the passphrase.
    pub fn unwrap_key(&self, passphrase: &SecretString) -> Result<DataKey, SyncError> {
        let key = self
            .slots
            .open(SlotKind::Passphrase, passphrase.expose_secret().as_bytes())
            .map_err(key_error)?;
        if !self.accepts(key.expose()) {
            return Err(SyncError::Damaged("its key check does not match"));
        }
        Ok(key)
    }

    pub fn read(folder: &Path, journal_id: &str) -> Result<Self, SyncError> {
        let path = journal_dir(folder, journal_id).join(JOURNAL_FILE);
        let bytes = super::segment::read_capped(&path).map_err(io(&path))?;
        if bytes.len() > 1 << 20 {
            return Err(SyncError::Damaged("journal.json is too large"));
        }
        let file: JournalFile = serde_json::from_slice(&bytes)
            .map_err(|_| SyncError::Damaged("journal.json is not valid"))?;
        if file.format > FORMAT {
            return Err(SyncError::TooNew(file.format));
        }
        if file.journal_id != journal_id {
            return Err(SyncError::OtherJournal);
        }
        file.slots.check().map_err(key_error)?;
        Ok(file)
    }

    /// Writes the file atomically (temp file, fsync, rename).
    pub fn write(&self, folder: &Path) -> Result<(), SyncError> {
        let dir = journal_dir(folder, &self.journal_id);
        crate::owner_only::create_dir_all(&dir).map_err(io(&dir))?;
        let json = serde_json::to_vec_pretty(self)
            .map_err(|_| SyncError::Damaged("could not encode journal.json"))?;
        replace_file(&dir, JOURNAL_FILE, &json)
    }
}

/// Replaces `dir/name` atomically: a private temp file beside it, fsynced, renamed over it,
/// the directory fsynced. Only this device ever writes the files it replaces this way.
fn replace_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), SyncError> {
    let path = dir.join(name);
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        use std::io::Write;
        let mut f = crate::owner_only::create_or_truncate(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, &path)?;
        fs::File::open(dir)?.sync_all()
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&tmp);
        io(&path)(e)
    })
}

fn key_error(e: KeyError) -> SyncError {
    match e {
        KeyError::WrongSecret => SyncError::WrongPassphrase,
        KeyError::Damaged(why) | KeyError::Hostile(why) => SyncError::Damaged(why),
        KeyError::TooNew(v) => SyncError::TooNew(v),
        KeyError::Io(e) => SyncError::Folder(e.kind().to_string()),
    }
}

/// What a device has applied of each device's segments, kept (encrypted) in its own
/// directory so that others know which segments every device has and may be compacted.
pub(crate) fn write_applied(
    folder: &Path,
    journal: &str,
    device: &str,
    key: &[u8; 32],
    epoch: u32,
    applied: &BTreeMap<String, i64>,
) -> Result<(), SyncError> {
    let batch = super::segment::Batch {
        format: super::segment::FORMAT,
        ops: Vec::new(),
        covers: Some(applied.clone()),
    };
    let bytes = super::segment::seal(key, epoch, journal, device, 0, &batch)?;
    replace_file(&device_dir(folder, journal, device), APPLIED_FILE, &bytes)
}

/// Another device's record of what it has applied; empty when missing or unreadable.
pub(crate) fn read_applied(
    folder: &Path,
    journal: &str,
    device: &str,
    key_for: &dyn Fn(u32) -> Option<[u8; 32]>,
) -> BTreeMap<String, i64> {
    let path = device_dir(folder, journal, device).join(APPLIED_FILE);
    super::segment::read_capped(&path)
        .ok()
        .and_then(|b| super::segment::open(&b, key_for, journal, device, 0).ok())
        .and_then(|b| b.covers)
        .unwrap_or_default()
}
