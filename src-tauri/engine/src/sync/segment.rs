//! Segment files: a batch of operations, encrypted, named by sequence number, written once.
//!
//! Layout: `CANDSEG1`, the key epoch (4 bytes, big-endian), a 24-byte nonce, then the
//! XChaCha20-Poly1305 ciphertext of the JSON batch. The associated data binds the journal
//! id, device id, sequence number and epoch, so a segment cannot be passed off as another
//! (renamed, moved to another device's directory or journal) without failing its check.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::rngs::OsRng;
use rand::RngCore;
use serde::{Deserialize, Serialize};

use super::records::Row;
use super::SyncError;

const MAGIC: &[u8; 8] = b"CANDSEG1";
const HEADER: usize = 8 + 4 + 24;
/// The batch layout this build writes and reads.
pub(crate) const FORMAT: u32 = 1;
/// No segment Candor writes comes near this; a larger file is refused, never read whole.
pub(crate) const MAX_SEGMENT_BYTES: u64 = 512 * 1024 * 1024;

/// One record's new state (`r`) or its deletion (`r: None`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Op {
    /// Table.
    pub t: String,
    /// The record's key: a JSON array of its primary key values.
    pub k: String,
    pub r: Option<Row>,
    /// The clock of this state, and the device that wrote it.
    pub h: i64,
    pub d: String,
    /// The clock of the state the writer changed (0: none): concurrent edits have
    /// different bases.
    pub b: i64,
    /// Set when this write resolves a sync conflict of the record.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub x: bool,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Batch {
    pub format: u32,
    pub ops: Vec<Op>,
    /// For a snapshot: what it covers, per device (its last segment included).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covers: Option<std::collections::BTreeMap<String, i64>>,
}

pub(crate) fn file_name(seq: i64) -> String {
    format!("{seq:012}.seg")
}

/// The sequence number of a segment's file name; `None` for anything else in the
/// directory (a sync engine's temp file, a "conflicted copy", a placeholder).
pub(crate) fn parse_name(name: &str) -> Option<i64> {
    let digits = name.strip_suffix(".seg")?;
    if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n > 0)
}

fn aad(journal: &str, device: &str, seq: i64, epoch: u32) -> String {
    format!("candor-sync-v1|{journal}|{device}|{seq}|{epoch}")
}

pub(crate) fn seal(
    key: &[u8; 32],
    epoch: u32,
    journal: &str,
    device: &str,
    seq: i64,
    batch: &Batch,
) -> Result<Vec<u8>, SyncError> {
    let plain = zeroize::Zeroizing::new(
        serde_json::to_vec(batch).map_err(|_| SyncError::Damaged("could not encode a batch"))?,
    );
    let mut nonce = [0u8; 24];
    OsRng.fill_bytes(&mut nonce);
    let cipher = XChaCha20Poly1305::new(key.into());
    let sealed = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &plain,
                aad: aad(journal, device, seq, epoch).as_bytes(),
            },
        )
        .map_err(|_| SyncError::Damaged("encryption failed"))?;
    let mut out = Vec::with_capacity(HEADER + sealed.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&epoch.to_be_bytes());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// A segment's key epoch, from its header.
pub(crate) fn epoch_of(bytes: &[u8]) -> Option<u32> {
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return None;
    }
    Some(u32::from_be_bytes([
        bytes[8], bytes[9], bytes[10], bytes[11],
    ]))
}

/// Why a segment could not be read. Incomplete ones are retried on the next sync.
#[derive(Debug, PartialEq)]
pub(crate) enum Unreadable {
    /// Not (yet) a whole, authentic segment: half-arrived, truncated, altered.
    Incomplete,
    /// Written under a key epoch this device does not hold.
    UnknownKey(u32),
    /// Written by a newer version of Candor.
    TooNew(u32),
}

pub(crate) fn open(
    bytes: &[u8],
    key_for: &dyn Fn(u32) -> Option<[u8; 32]>,
    journal: &str,
    device: &str,
    seq: i64,
) -> Result<Batch, Unreadable> {
    let epoch = epoch_of(bytes).ok_or(Unreadable::Incomplete)?;
    let key = key_for(epoch).ok_or(Unreadable::UnknownKey(epoch))?;
    let cipher = XChaCha20Poly1305::new((&key).into());
    let plain = zeroize::Zeroizing::new(
        cipher
            .decrypt(
                XNonce::from_slice(&bytes[12..HEADER]),
                Payload {
                    msg: &bytes[HEADER..],
                    aad: aad(journal, device, seq, epoch).as_bytes(),
                },
            )
            .map_err(|_| Unreadable::Incomplete)?,
    );
    #[derive(Deserialize)]
    struct Head {
        format: u32,
    }
    let head: Head = serde_json::from_slice(&plain).map_err(|_| Unreadable::Incomplete)?;
    if head.format > FORMAT {
        return Err(Unreadable::TooNew(head.format));
    }
    serde_json::from_slice(&plain).map_err(|_| Unreadable::Incomplete)
}

/// Reads a regular file no larger than [`MAX_SEGMENT_BYTES`]. Anything else a folder can
/// hold under that name (a FIFO, which would block the open forever; a device; a
/// directory) is refused before it is opened.
pub(crate) fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    if !fs::metadata(path)?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "not a regular file",
        ));
    }
    let f = fs::File::open(path)?;
    let mut out = Vec::new();
    f.take(MAX_SEGMENT_BYTES + 1).read_to_end(&mut out)?;
    if out.len() as u64 > MAX_SEGMENT_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "segment too large",
        ));
    }
    Ok(out)
}

/// Writes `bytes` as `dir/name` once: a hidden temp file, fsynced, then linked into place
/// so that an existing name is never replaced. Returns false when the name was taken.
pub(crate) fn write_once(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<bool> {
    let target = dir.join(name);
    if target.exists() {
        return Ok(false);
    }
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = crate::owner_only::create_or_truncate(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        match fs::hard_link(&tmp, &target) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            // Filesystems without hard links (FAT on a USB stick): checked just above.
            Err(_) => fs::rename(&tmp, &target).map(|_| true),
        }
    })();
    let _ = fs::remove_file(&tmp);
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    result
}

/// Segment files of a device directory by sequence number, ignoring everything else.
pub(crate) fn list(dir: &Path) -> std::io::Result<Vec<(i64, PathBuf)>> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir)? {
        let e = e?;
        if let Some(seq) = e.file_name().to_str().and_then(parse_name) {
            if e.file_type().map(|t| t.is_file()).unwrap_or(false) {
                out.push((seq, e.path()));
            }
        }
    }
    out.sort_by_key(|(s, _)| *s);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch() -> Batch {
        Batch {
            format: FORMAT,
            ops: vec![Op {
                t: "entries".into(),
                k: "[\"A\"]".into(),
                r: None,
                h: 5,
                d: "dev".into(),
                b: 0,
                x: false,
            }],
            covers: None,
        }
    }

    #[test]
    fn a_segment_opens_only_where_it_was_written() {
        let key = [7u8; 32];
        let sealed = seal(&key, 1, "j", "dev", 3, &batch()).unwrap();
        let k = |e: u32| (e == 1).then_some(key);
        assert_eq!(open(&sealed, &k, "j", "dev", 3).unwrap().ops, batch().ops);
        for (j, d, s) in [("j", "dev", 4), ("j", "other", 3), ("x", "dev", 3)] {
            assert_eq!(
                open(&sealed, &k, j, d, s).unwrap_err(),
                Unreadable::Incomplete
            );
        }
        let mut flipped = sealed.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert_eq!(
            open(&flipped, &k, "j", "dev", 3).unwrap_err(),
            Unreadable::Incomplete
        );
        assert_eq!(
            open(&sealed[..40], &k, "j", "dev", 3).unwrap_err(),
            Unreadable::Incomplete
        );
        assert_eq!(
            open(&sealed, &|_| None, "j", "dev", 3).unwrap_err(),
            Unreadable::UnknownKey(1)
        );
    }

    #[test]
    fn names_other_than_segments_are_ignored() {
        assert_eq!(parse_name("000000000012.seg"), Some(12));
        for n in [
            ".syncthing.000000000012.seg.tmp",
            "000000000012.sync-conflict-20260101-120000-ABCDEF.seg",
            "000000000012 (conflicted copy).seg",
            "~000000000012.seg",
            "12.seg",
            "000000000000.seg",
        ] {
            assert_eq!(parse_name(n), None, "{n}");
        }
    }
}
