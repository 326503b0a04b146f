//! Sync: one journal on several devices through a folder another tool already syncs
//! (Syncthing, Dropbox, iCloud Drive, a git repository, a USB stick).
//!
//! The database file never travels. Each device appends immutable, encrypted segment
//! files to its own directory in the folder ([`segment`]); each holds operations, the
//! full new state of a record or its deletion, stamped with a hybrid logical clock
//! ([`hlc`]). Triggers queue every local change (`sync_outbox`), so every write path
//! travels. Applying is last-writer-wins per record; two edits of one entry made without
//! seeing each other keep the losing version as a conflict until the manager resolves
//! it ([`apply`]). No device writes in another's directory, so no sync engine sees two
//! writers of a file and git never has a merge conflict.

mod apply;
mod compact;
mod conflicts;
mod folder;
mod hlc;
mod outbox;
mod records;
mod segment;
mod state;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use secrecy::SecretString;
use serde::Serialize;

use crate::keys::DataKey;
use crate::model::ModelError;
use crate::store::StoreError;
use crate::vault::VaultError;
use crate::{Journal, RecoveryCode};

pub use apply::ApplyReport;

/// Own segments in the folder above which a sync also compacts (a handful in tests).
#[cfg(not(test))]
pub const AUTO_COMPACT_SEGMENTS: usize = 2000;
#[cfg(test)]
pub const AUTO_COMPACT_SEGMENTS: usize = 6;
pub use compact::CompactReport;
pub use conflicts::{Conflict, ConflictVersion, Keep};

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("this journal does not sync yet")]
    NotSetUp,
    #[error("this journal already syncs, into {0}")]
    AlreadySetUp(String),
    #[error("the sync folder cannot be used ({0})")]
    Folder(String),
    #[error("that folder holds no Candor journal")]
    NoJournalInFolder,
    #[error("that folder holds more than one Candor journal; choose its candor-… folder")]
    SeveralJournals,
    #[error("the sync folder belongs to another journal; nothing was applied")]
    OtherJournal,
    #[error("the sync folder is damaged ({0})")]
    Damaged(&'static str),
    #[error(
        "the sync folder was written by a newer version of Candor (format {0}); upgrade Candor"
    )]
    TooNew(u32),
    #[error("the passphrase does not open the journal in that folder")]
    WrongPassphrase,
    #[error("no sync conflict with that id")]
    UnknownConflict,
    #[error("no device with that id")]
    UnknownDevice,
    #[error("that is this device")]
    ThisDevice,
    #[error("there is already a journal in {0}; a new device joins into an empty place")]
    VaultExists(String),
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Model(#[from] ModelError),
}

impl From<rusqlite::Error> for SyncError {
    fn from(e: rusqlite::Error) -> Self {
        SyncError::Store(e.into())
    }
}

/// One device of the journal, as this device sees it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeviceInfo {
    pub id: String,
    pub this_device: bool,
    /// Segments of this device in the folder, and the last one's number.
    pub segments: u64,
    pub last_segment: i64,
    /// The last of its segments this device has applied (its own: written).
    pub applied: i64,
    /// When its newest applied segment was written (RFC 3339), as far as clocks tell.
    pub last_seen: Option<String>,
    pub forgotten: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncStatus {
    pub folder: String,
    pub journal_id: String,
    pub device_id: String,
    pub devices: Vec<DeviceInfo>,
    /// Local changes not yet written to the folder.
    pub outgoing: u64,
    /// Received operations waiting for a record they refer to.
    pub waiting: u64,
    pub conflicts: u64,
    pub last_sync: Option<String>,
    /// Why the last sync did not finish (the folder away, a segment still arriving).
    pub last_error: Option<String>,
    /// The folder's key changed on another device (a rekey): unlocking with the journal's
    /// passphrase once lets this device carry on.
    pub needs_passphrase: bool,
}

impl Journal {
    /// Starts syncing this journal into `folder` (created when missing). The passphrase
    /// wraps the folder's key in `journal.json`, so another device joins with it.
    pub fn sync_setup(
        &mut self,
        folder: &Path,
        passphrase: &SecretString,
    ) -> Result<SyncStatus, SyncError> {
        state::setup(self, folder, passphrase)?;
        self.sync_now()?;
        self.sync_status()
    }

    /// Writes local changes out and applies what other devices wrote. A device whose
    /// directory has grown past [`AUTO_COMPACT_SEGMENTS`] (every save is a segment, and the
    /// window saves as you type) compacts it as well.
    pub fn sync_now(&mut self) -> Result<ApplyReport, SyncError> {
        let result = apply::sync(self, &mut |_, _| {});
        state::record_outcome(self, result.as_ref().err());
        if result.is_ok() && compact::own_segments(self) > AUTO_COMPACT_SEGMENTS {
            let _ = compact::compact(self);
        }
        result
    }

    pub fn sync_status(&self) -> Result<SyncStatus, SyncError> {
        state::status(self)
    }

    /// Whether this journal syncs.
    pub fn syncs(&self) -> bool {
        state::load(self.conn()).ok().flatten().is_some()
    }

    pub fn sync_conflicts(&self) -> Result<Vec<Conflict>, SyncError> {
        conflicts::list(self)
    }

    /// Resolves a conflict (id or unique prefix) on this device and, through the folder,
    /// on every other.
    pub fn sync_resolve(&mut self, id: &str, keep: Keep) -> Result<(), SyncError> {
        conflicts::resolve(self, id, keep)?;
        let _ = self.sync_now();
        Ok(())
    }

    /// Stops waiting for a device that is gone for good: compaction no longer needs it to
    /// have applied a segment before removing it. Its segments still apply if they come.
    pub fn sync_forget_device(&mut self, id: &str) -> Result<(), SyncError> {
        state::forget(self, id)
    }

    /// Writes a snapshot of the journal as a segment and removes this device's older
    /// segments that every known device has applied.
    pub fn sync_compact(&mut self) -> Result<CompactReport, SyncError> {
        compact::compact(self)
    }

    /// Whether an entry has a sync conflict to resolve (for a badge on it).
    pub fn has_sync_conflict(&self, entry_id: &str) -> bool {
        conflicts::has_conflict(self, entry_id)
    }

    /// After unlocking with the passphrase (a face that opened with the data key): learns
    /// a key another device's rekey gave the folder.
    pub fn sync_learn_key(&mut self, passphrase: &SecretString) {
        learn_key(self, passphrase);
    }

    /// Stops syncing on this device (the folder is left as it is).
    pub fn sync_leave(&mut self) -> Result<(), SyncError> {
        state::leave(self)
    }
}

/// A new device: creates a journal in `vault_dir` with the passphrase of the journal in
/// `folder` and replays everything the other devices wrote. `progress(done, total)` counts
/// segments. Returns the journal and its own recovery code, to show once.
pub fn join(
    folder: &Path,
    vault_dir: &Path,
    passphrase: &SecretString,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(Journal, RecoveryCode), SyncError> {
    state::join(folder, vault_dir, passphrase, progress)
}

/// After a local save: writes its segment. A failure (the folder away) keeps the change
/// queued and is reported by the status; the save itself stands.
pub(crate) fn after_write(j: &mut Journal) {
    if !outbox::has_pending(j.conn()) {
        return;
    }
    let result = outbox::flush(j);
    state::record_outcome(j, result.as_ref().err());
}

/// On open: a copy of the vault elsewhere becomes a device of its own, then takes in what
/// the others wrote.
pub(crate) fn on_open(j: &mut Journal) {
    if !j.syncs() {
        return;
    }
    if let Err(e) = state::check_machine(j) {
        state::record_outcome(j, Some(&e));
        return;
    }
    let _ = j.sync_now();
}

/// After unlocking with the passphrase: learns a key another device's rekey introduced.
pub(crate) fn learn_key(j: &mut Journal, passphrase: &SecretString) {
    if j.syncs() && state::learn_key(j, passphrase).unwrap_or(false) {
        let _ = j.sync_now();
    }
}

/// After a rekey: the folder gets a new key too (a new epoch). Older segments stay
/// readable to devices that hold the old key.
pub(crate) fn rotate_key(j: &mut Journal, passphrase: &SecretString) -> Result<(), SyncError> {
    if !j.syncs() {
        return Ok(());
    }
    state::rotate(j, passphrase, &DataKey::generate())
}

/// After a passphrase change: `journal.json` is rewrapped so that joining takes the new one.
pub(crate) fn rewrap(j: &mut Journal, passphrase: &SecretString) -> Result<(), SyncError> {
    if !j.syncs() {
        return Ok(());
    }
    state::rewrap(j, passphrase)
}

/// The folder a journal syncs into, for faces that show it.
pub fn folder_of(j: &Journal) -> Option<PathBuf> {
    state::load(j.conn()).ok().flatten().map(|s| s.folder)
}
