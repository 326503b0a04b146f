//! The manifest: the first line of a backup's plaintext, describing the payload after it.

use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use super::error::BackupError;
use crate::keys::DataKey;

/// `format` in every manifest.
pub const FORMAT: &str = "candor-backup";
/// The container layout this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
/// `payload.kind`: the SQLCipher 4 database file, encrypted with `database_key`.
pub const PAYLOAD_KIND: &str = "sqlcipher4-database";
/// A manifest line longer than this is not ours (the key slots are about 1 KiB).
const MAX_MANIFEST_BYTES: u64 = 1 << 20;

/// Rows in the backed-up journal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupCounts {
    pub people: u64,
    /// Live entries (not in the trash).
    pub entries: u64,
    /// Entries in the trash.
    pub trashed: u64,
    pub action_items: u64,
    /// Saved earlier versions of entries.
    pub revisions: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Payload {
    pub kind: String,
    pub bytes: u64,
    /// SHA-256 of the payload bytes, lower-case hex.
    pub sha256: String,
}

/// Deliberately not `Debug`: it holds the database key.
#[derive(Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    pub created_at: String,
    pub app_version: String,
    /// The journal's schema version (`PRAGMA user_version`) at backup time.
    pub schema_version: u32,
    pub counts: BackupCounts,
    pub payload: Payload,
    /// The raw SQLCipher key of the payload, hex: `PRAGMA key = "x'…'"` opens it.
    pub database_key: String,
    /// The journal's `keys.json` as it was: the restored journal opens with the
    /// passphrase (and recovery code) it had when backed up.
    pub key_slots: serde_json::Value,
}

impl Drop for Manifest {
    fn drop(&mut self) {
        self.database_key.zeroize();
    }
}

impl Manifest {
    /// Writes the manifest as one line of JSON.
    pub(crate) fn write_line(&self, out: &mut impl Write) -> std::io::Result<()> {
        let mut line = zeroize::Zeroizing::new(
            serde_json::to_vec(self).map_err(|e| std::io::Error::other(e.to_string()))?,
        );
        line.push(b'\n');
        out.write_all(&line)
    }

    /// Reads the first line of a decrypted backup, refusing anything that is not a
    /// manifest this version understands. Nothing is read past the newline.
    pub(crate) fn read_line(
        input: &mut impl BufRead,
        on_err: impl Fn(std::io::Error) -> BackupError,
    ) -> Result<Manifest, BackupError> {
        let mut line = zeroize::Zeroizing::new(Vec::new());
        let mut limited = std::io::Read::take(input, MAX_MANIFEST_BYTES);
        limited.read_until(b'\n', &mut line).map_err(on_err)?;
        if line.last() != Some(&b'\n') {
            return Err(if line.is_empty() {
                BackupError::NotABackup
            } else if (line.len() as u64) < MAX_MANIFEST_BYTES && line.starts_with(b"{\"format\"") {
                BackupError::Truncated
            } else {
                BackupError::NotABackup
            });
        }
        // Check the format fields first, so a newer layout is reported as such even when
        // the rest of its manifest differs.
        #[derive(Deserialize)]
        struct Head {
            format: String,
            format_version: u32,
        }
        let head: Head = serde_json::from_slice(&line).map_err(|_| BackupError::NotABackup)?;
        if head.format != FORMAT {
            return Err(BackupError::NotABackup);
        }
        if head.format_version > FORMAT_VERSION {
            return Err(BackupError::TooNew {
                found: head.format_version,
                supported: FORMAT_VERSION,
            });
        }
        let m: Manifest = serde_json::from_slice(&line)
            .map_err(|_| BackupError::Damaged("its manifest is incomplete"))?;
        if m.payload.kind != PAYLOAD_KIND {
            return Err(BackupError::Damaged("its payload is of an unknown kind"));
        }
        Ok(m)
    }

    /// The payload's database key.
    pub(crate) fn key(&self) -> Result<DataKey, BackupError> {
        let bytes = zeroize::Zeroizing::new(
            hex::decode(&self.database_key)
                .map_err(|_| BackupError::Damaged("its database key is unreadable"))?,
        );
        DataKey::from_slice(&bytes).ok_or(BackupError::Damaged("its database key is unreadable"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        Manifest {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            created_at: "2025-01-01T00:00:00Z".into(),
            app_version: "0.1.0".into(),
            schema_version: 3,
            counts: BackupCounts::default(),
            payload: Payload {
                kind: PAYLOAD_KIND.into(),
                bytes: 4,
                sha256: "00".into(),
            },
            database_key: hex::encode([7u8; 32]),
            key_slots: serde_json::json!({"format": 1}),
        }
    }

    fn read(bytes: &[u8]) -> Result<Manifest, BackupError> {
        Manifest::read_line(&mut &bytes[..], |_| BackupError::Truncated)
    }

    #[test]
    fn round_trips_as_one_line() {
        let mut buf = Vec::new();
        sample().write_line(&mut buf).unwrap();
        assert!(buf.starts_with(b"{\"format\":\"candor-backup\""));
        assert_eq!(buf.iter().filter(|b| **b == b'\n').count(), 1);
        buf.extend_from_slice(b"DATA");
        let mut input = &buf[..];
        let m = Manifest::read_line(&mut input, |_| BackupError::Truncated).unwrap();
        assert_eq!(m.key().unwrap().expose(), &[7u8; 32]);
        assert_eq!(input, b"DATA", "nothing past the newline was read");
    }

    #[test]
    fn refuses_what_is_not_ours() {
        assert!(matches!(read(b""), Err(BackupError::NotABackup)));
        assert!(matches!(read(b"hello\n"), Err(BackupError::NotABackup)));
        assert!(matches!(
            read(b"{\"format\":\"other\",\"format_version\":1}\n"),
            Err(BackupError::NotABackup)
        ));
        assert!(matches!(
            read(b"{\"format\":\"candor-backup\",\"format_version\":99,\"new\":true}\n"),
            Err(BackupError::TooNew { found: 99, .. })
        ));
        assert!(matches!(
            read(b"{\"format\":\"candor-backup\",\"format_version\":1}\n"),
            Err(BackupError::Damaged(_))
        ));
        assert!(matches!(
            read(b"{\"format\":\"candor-backup\",\"format_ver"),
            Err(BackupError::Truncated)
        ));
    }
}
