//! Backups: standard age files holding a consistent, checked copy of the journal.
//!
//! # The format (version 1)
//!
//! A backup is an [age](https://age-encryption.org/v1) file, binary or ASCII-armoured,
//! encrypted with a backup passphrase (age's scrypt mode) or to one or more X25519
//! recipients. Anyone can decrypt it with the stock `age` or `rage` tools. Its plaintext is:
//!
//! ```text
//! {"format":"candor-backup","format_version":1,...}\n   <- the manifest: one line of JSON
//! <the journal's SQLCipher 4 database file, byte for byte, to the end>
//! ```
//!
//! The manifest holds the format version, creation time, app version, the schema version,
//! the counts of people, live and trashed entries, action items and revisions, the
//! payload's length and SHA-256, the database's raw key (`database_key`, hex) and the
//! journal's key-slot file (`key_slots`, the content of `keys.json`). So
//! `age -d … | tail -n +2 > journal.db` gives a database the stock `sqlcipher` shell opens
//! with `PRAGMA key = "x'<database_key>'";` (see docs/backups.md), and a restore writes
//! `journal.db` and `keys.json` back: the journal opens with the passphrase (and recovery
//! code) it had when it was backed up.
//!
//! # Why the payload is the encrypted database, not a plaintext one
//!
//! Nothing readable may touch the disk. The snapshot is taken with SQLite's online backup
//! API from SQLCipher to SQLCipher under the same key, so every byte written to disk on the
//! way (the snapshot staged beside the backup's target, the unpacked copy a verify checks, the staged
//! journal of a restore) is encrypted, and a restore is a file copy with no re-encryption.
//! The alternative, a plaintext SQLite image serialised in memory, would still need the
//! data key inside the backup for a restore that opens with the old passphrase, and would
//! need the whole database in memory. The trade-off either way: whoever can decrypt the
//! backup can read the journal as it was, and holds its data key. The backup's own
//! protection (its passphrase or the recipients' identities) is what guards it.
//!
//! # Guarantees
//!
//! - [`create`] writes to a temporary name beside the target, fsyncs, decrypts the result
//!   to the end comparing manifest, length and checksum (recipient backups carry one extra
//!   one-time X25519 recipient for this check; its secret is dropped right after), and only
//!   then gives it its name. It never overwrites a file.
//! - [`verify`] decrypts to the end, checks the manifest, the checksum, the database's
//!   integrity (`PRAGMA integrity_check` on an encrypted temporary copy) and its counts.
//! - [`restore`] builds the journal in a sibling directory, checks it and opens it, then
//!   swaps it in with one atomic rename; a journal already there becomes a safety copy.
//! - A wrong passphrase or identity, a truncated or damaged file, a file that is not a
//!   backup, and a backup from a newer version are each a [`BackupError`]; nothing is left
//!   behind and no journal is touched.

mod auto;
mod create;
mod crypt;
mod error;
mod manifest;
mod restore;
mod snapshot;
mod verify;

pub use age::x25519::{Identity as AgeIdentity, Recipient as AgeRecipient};
pub use auto::{auto, configure, list, settings, AutoChange, AutoOutcome, AutoSettings};
pub use create::{create, snapshot, BackupReport, Snapshot};
pub use crypt::{
    is_passphrase_protected, parse_identities, parse_recipient, read_identity_file, Protection,
    Unlock,
};
pub use error::BackupError;
pub use manifest::{BackupCounts, FORMAT_VERSION};
pub use restore::{
    prepare as prepare_restore, restore, Prepared as PreparedRestore, RestoreReport,
};
pub use verify::{verify, BackupInfo};

#[cfg(test)]
mod tests;
