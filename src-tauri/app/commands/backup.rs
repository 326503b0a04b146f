//! Backups from the window: an age file, passphrase-protected, verified as it is written.

use std::path::{Path, PathBuf};

use candor_engine::backup::{self, Protection};
use candor_engine::SecretString;
use tauri::ipc::Channel;
use tauri::State;

use crate::dto::{count, BackupDone, BackupInput, Progress};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Where backups go unless the settings say otherwise: a folder in Documents (or home).
pub fn default_backup_dir() -> Option<PathBuf> {
    let dirs = directories::UserDirs::new()?;
    let base = dirs
        .document_dir()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dirs.home_dir().to_path_buf());
    Some(base.join("Candor backups"))
}

/// A new file name in `dir`, by local time, that does not exist yet.
fn backup_path(dir: &Path, armor: bool) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
    let ext = if armor { "age.txt" } else { "age" };
    let mut path = dir.join(format!("candor-{stamp}.{ext}"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("candor-{stamp}-{n}.{ext}"));
        n += 1;
    }
    path
}

/// Writes a backup of the open journal, streaming progress (bytes written, then verified).
pub fn make_backup(
    state: &AppState,
    input: BackupInput,
    progress: &mut dyn FnMut(u64, u64),
) -> AppResult<BackupDone> {
    if input.passphrase.is_empty() {
        return Err(AppError::Invalid {
            message: "choose a passphrase for the backup".into(),
        });
    }
    let dir = PathBuf::from(input.dir.trim());
    if dir.as_os_str().is_empty() || !dir.is_absolute() {
        return Err(AppError::Invalid {
            message: "choose a folder for the backup (a full path)".into(),
        });
    }
    std::fs::create_dir_all(&dir).map_err(|e| AppError::Io {
        message: format!("cannot create the backup folder: {e}"),
    })?;
    let out = backup_path(&dir, input.armor);
    let protection = Protection::Passphrase(SecretString::from(input.passphrase));
    state.with_key(|journal, key| {
        let r = backup::create(journal, key, &out, &protection, input.armor, progress)?;
        Ok(BackupDone {
            path: r.path.display().to_string(),
            bytes: r.bytes,
            people: r.counts.people,
            entries: r.counts.entries,
            action_items: r.counts.action_items,
            created_at: r.created_at,
        })
    })
}

#[tauri::command(async)]
pub fn create_backup(
    state: State<'_, AppState>,
    input: BackupInput,
    on_progress: Channel<Progress>,
) -> AppResult<BackupDone> {
    make_backup(&state, input, &mut |done, total| {
        let _ = on_progress.send(Progress {
            done: count(done),
            total: count(total),
        });
    })
}

/// The folder the backup screen suggests.
#[tauri::command(async)]
pub fn backup_dir(state: State<'_, AppState>) -> Option<String> {
    state
        .settings()
        .backup_dir
        .filter(|d| !d.trim().is_empty())
        .or_else(|| default_backup_dir().map(|d| d.display().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_is_written_verified_and_never_overwrites() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let state = AppState::new(tmp.path().join("j"), false);
        let input = |dir: &Path| BackupInput {
            dir: dir.display().to_string(),
            passphrase: "backup passphrase".into(),
            armor: false,
        };
        assert_eq!(
            make_backup(&state, input(tmp.path()), &mut |_, _| {}).err(),
            Some(AppError::Locked)
        );
        state
            .create(SecretString::from("correct horse battery".to_string()))
            .expect("create");
        state
            .with(|j| {
                Ok(j.log(candor_engine::model::NewEntry {
                    body: "a note".into(),
                    ..Default::default()
                })?)
            })
            .expect("log");
        let dir = tmp.path().join("backups");
        let mut calls = 0;
        let done = make_backup(&state, input(&dir), &mut |_, _| calls += 1).expect("backup");
        assert!(Path::new(&done.path).is_file());
        assert_eq!(done.entries, 1);
        assert!(calls > 0, "progress is reported");
        let again = make_backup(&state, input(&dir), &mut |_, _| {}).expect("second backup");
        assert_ne!(again.path, done.path);

        let relative = input(Path::new("backups"));
        assert!(matches!(
            make_backup(&state, relative, &mut |_, _| {}),
            Err(AppError::Invalid { .. })
        ));
    }
}
