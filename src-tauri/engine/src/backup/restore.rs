//! Restoring a backup: a complete, checked journal is built in a sibling directory and
//! swapped in with one rename; a journal already there becomes a safety copy first.

use std::fs;
use std::path::{Path, PathBuf};

use super::crypt::Unlock;
use super::error::{BackupError, IoContext};
use super::snapshot::{self, TempDir};
use super::verify::{self, BackupInfo};
use crate::{keys, vault};

#[derive(Debug, Clone, serde::Serialize)]
pub struct RestoreReport {
    pub vault: PathBuf,
    /// Where the journal that was there before now lives, if there was one.
    pub safety_copy: Option<PathBuf>,
    pub info: BackupInfo,
}

enum Target {
    Missing,
    Empty,
    Journal,
}

/// Restores the backup at `path` into the journal directory `dir`: an empty or missing
/// directory, or an existing journal, which is kept whole as `<dir>.before-restore-<time>`
/// (its path is in the report). On any error `dir` is untouched and nothing is left over.
/// The restored journal opens with the passphrase it had when it was backed up.
pub fn restore(
    path: &Path,
    unlock: &Unlock,
    dir: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<RestoreReport, BackupError> {
    prepare(path, unlock, dir, progress)?.swap()
}

/// A restore checked to the end and staged beside the journal, not yet swapped in: the
/// journal in `dir` is untouched (and may stay open) until [`Prepared::swap`]. Dropped
/// unswapped, the staged copy is removed.
pub struct Prepared {
    stage: TempDir,
    target: Target,
    dir: PathBuf,
    parent: PathBuf,
    name: String,
    info: BackupInfo,
}

/// The long part of a restore: decrypts, checks and opens the backup in a private
/// sibling directory. Nothing in `dir` changes.
pub fn prepare(
    path: &Path,
    unlock: &Unlock,
    dir: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Prepared, BackupError> {
    let target = if !dir.exists() {
        Target::Missing
    } else if vault::exists(dir) {
        Target::Journal
    } else if is_empty_dir(dir)? {
        Target::Empty
    } else {
        return Err(BackupError::NotAJournalDir(dir.display().to_string()));
    };
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or(BackupError::Invalid("the journal directory needs a name"))?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        fs::create_dir_all(&parent).ctx(|| format!("cannot create {}", parent.display()))?;
    }

    // 1. A complete journal in a private sibling directory (same file system: the swap
    // is a rename).
    let stage = TempDir::create(parent.join(format!(".{name}.restore-{}", snapshot::nonce())))?;
    let (manifest, key) = verify::unpack(path, unlock, &vault::db_path(stage.path()), progress)?;
    verify::check_database(&vault::db_path(stage.path()), &key, &manifest)?;
    let slots = verify::key_slots(&manifest)?;
    slots
        .write(&vault::keys_path(stage.path()))
        .map_err(|_| BackupError::Damaged("its key slots are unreadable"))?;
    keys::SlotFile::read(&vault::keys_path(stage.path()))
        .map_err(|_| BackupError::Damaged("its key slots are unreadable"))?;
    // Open it as the app will (migrations for an older schema, the search index caught
    // up); then closing it leaves one clean database file.
    drop(
        vault::open_with_key(stage.path(), &key).map_err(|e| match e {
            vault::VaultError::Store(s) => BackupError::Store(s),
            _ => BackupError::Damaged("the restored journal does not open"),
        })?,
    );
    snapshot::sync_dir(stage.path());
    let info = verify::info(path, &manifest)?;
    Ok(Prepared {
        stage,
        target,
        dir: dir.to_path_buf(),
        parent,
        name,
        info,
    })
}

impl Prepared {
    /// Swaps the staged journal in; the one that was there becomes the safety copy.
    /// The journal in `dir` must be closed by now.
    pub fn swap(self) -> Result<RestoreReport, BackupError> {
        let Prepared {
            mut stage,
            target,
            dir,
            parent,
            name,
            info,
        } = self;
        let dir = dir.as_path();
        // 2. The swap.
        let safety_copy = match target {
            Target::Missing => {
                fs::rename(stage.path(), dir).ctx(|| format!("cannot create {}", dir.display()))?;
                stage.keep();
                None
            }
            Target::Empty => {
                fs::remove_dir(dir).ctx(|| format!("cannot replace {}", dir.display()))?;
                fs::rename(stage.path(), dir).ctx(|| format!("cannot create {}", dir.display()))?;
                stage.keep();
                None
            }
            Target::Journal => {
                let safety = safety_path(&parent, &name);
                let (exchanged, result) = swap_in(stage.path(), dir, &safety);
                if exchanged {
                    // The staging name now holds the previous journal: never delete it.
                    stage.keep();
                }
                result?;
                stage.keep();
                Some(safety)
            }
        };
        snapshot::sync_dir(&parent);
        Ok(RestoreReport {
            vault: dir.to_path_buf(),
            safety_copy,
            info,
        })
    }
}

fn is_empty_dir(dir: &Path) -> Result<bool, BackupError> {
    Ok(fs::read_dir(dir)
        .ctx(|| format!("cannot read {}", dir.display()))?
        .next()
        .is_none())
}

fn safety_path(parent: &Path, name: &str) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let base = parent.join(format!("{name}.before-restore-{stamp}"));
    let mut p = base.clone();
    let mut n = 2;
    while p.exists() {
        p = PathBuf::from(format!("{}-{n}", base.display()));
        n += 1;
    }
    p
}

/// Puts `new` at `dir` and the old `dir` at `safety`. On Linux one `renameat2` exchange
/// swaps the two directories atomically, so `dir` always holds a whole journal.
/// Returns whether the exchange happened (then `new` holds the previous journal).
#[cfg(target_os = "linux")]
fn swap_in(new: &Path, dir: &Path, safety: &Path) -> (bool, Result<(), BackupError>) {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, new, CWD, dir, RenameFlags::EXCHANGE) {
        // `new` now holds the old journal; give it its safety-copy name.
        Ok(()) => (
            true,
            fs::rename(new, safety).ctx(|| {
                format!(
                    "the journal was restored, but the previous one stays at {}",
                    new.display()
                )
            }),
        ),
        // File systems without the exchange: two renames.
        Err(_) => (false, swap_by_renames(new, dir, safety)),
    }
}

#[cfg(not(target_os = "linux"))]
fn swap_in(new: &Path, dir: &Path, safety: &Path) -> (bool, Result<(), BackupError>) {
    (false, swap_by_renames(new, dir, safety))
}

fn swap_by_renames(new: &Path, dir: &Path, safety: &Path) -> Result<(), BackupError> {
    fs::rename(dir, safety).ctx(|| format!("cannot move {} aside", dir.display()))?;
    if let Err(e) = fs::rename(new, dir) {
        // Put the old journal back where it was.
        let _ = fs::rename(safety, dir);
        return Err(BackupError::Io {
            what: format!("cannot move the restored journal to {}", dir.display()),
            source: e,
        });
    }
    Ok(())
}
