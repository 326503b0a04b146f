//! Backups from the window: an age file, passphrase-protected, verified as it is written.

use std::path::{Path, PathBuf};

use candor_engine::backup::{self, Protection};
use candor_engine::SecretString;
use tauri::ipc::Channel;
use tauri::State;

use crate::dto::{count, BackupDone, BackupInput, Progress};
use crate::error::{AppError, AppResult};
use crate::picker::PickKind;
use crate::run::blocking;
use crate::state::AppState;
use tauri::AppHandle;

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

/// The folder a backup may go to: the one the settings name (or the default), or one
/// chosen in the folder dialog.
fn backup_folder(state: &AppState, dir: &str) -> AppResult<PathBuf> {
    let dir = dir.trim();
    let suggested = suggested_dir(state);
    if !dir.is_empty() && suggested.as_deref() == Some(dir) {
        return Ok(PathBuf::from(dir));
    }
    state.picks().check(PickKind::BackupFolder, dir)
}

fn suggested_dir(state: &AppState) -> Option<String> {
    state
        .settings()
        .backup_dir
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
        .or_else(|| default_backup_dir().map(|d| d.display().to_string()))
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
    if !state.is_unlocked() {
        return Err(AppError::Locked);
    }
    let dir = backup_folder(state, &input.dir)?;
    std::fs::create_dir_all(&dir).map_err(|e| AppError::Io {
        message: format!("cannot create the backup folder: {e}"),
    })?;
    let out = backup_path(&dir, input.armor);
    let protection = Protection::Passphrase(SecretString::from(input.passphrase));
    // The snapshot needs the journal for a moment; the long part (checksum, encryption,
    // verification) runs without it, so search and lock are not kept waiting, and it
    // stops if the journal is locked meanwhile.
    let epoch = state.epoch();
    let snapshot =
        state.with_key(|journal, key| Ok(backup::snapshot(journal, key, &out, &protection)?))?;
    let r = snapshot.seal(input.armor, progress, &|| state.locked_since(epoch))?;
    state.touch();
    Ok(BackupDone {
        path: r.path.display().to_string(),
        bytes: r.bytes,
        people: r.counts.people,
        entries: r.counts.entries,
        action_items: r.counts.action_items,
        created_at: r.created_at,
    })
}

#[tauri::command]
pub async fn create_backup(
    app: AppHandle,
    input: BackupInput,
    on_progress: Channel<Progress>,
) -> AppResult<BackupDone> {
    blocking(app, move |state| {
        make_backup(state, input, &mut |done, total| {
            let _ = on_progress.send(Progress {
                done: count(done),
                total: count(total),
            });
        })
    })
    .await
}

/// The folder the backup screen suggests.
#[tauri::command(async)]
pub fn backup_dir(state: State<'_, AppState>) -> Option<String> {
    suggested_dir(&state)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn create_with_a_note(state: &AppState) {
        state
            .create(SecretString::from("correct horse battery".to_string()))
            .expect("create");
        state
            .with(|j| {
                Ok(j.log(candor_engine::model::NewEntry {
                    body: "a note about the rollout".into(),
                    ..Default::default()
                })?)
            })
            .expect("log");
    }

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
        create_with_a_note(&state);
        let dir = tmp.path().join("backups");
        assert!(
            matches!(
                make_backup(&state, input(&dir), &mut |_, _| {}),
                Err(AppError::Invalid { .. })
            ),
            "a folder nobody chose in the dialog is refused"
        );
        state.picks().allow(PickKind::BackupFolder, &dir);
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

    /// A backup being sealed holds no lock on the journal: search answers meanwhile, a
    /// lock takes effect at once, and the backup then stops and leaves nothing.
    #[test]
    fn a_long_backup_neither_blocks_search_nor_lock_and_stops_when_locked() {
        use std::sync::mpsc;
        use std::time::{Duration, Instant};
        let tmp = tempfile::tempdir().expect("tempdir");
        let state = std::sync::Arc::new(AppState::new(tmp.path().join("j"), false));
        create_with_a_note(&state);
        let dir = tmp.path().join("backups");
        state.picks().allow(PickKind::BackupFolder, &dir);
        let (sealing, wait_sealing) = mpsc::channel();
        let (go_on, wait_go_on) = mpsc::channel::<()>();
        let runner = {
            let state = state.clone();
            let input = BackupInput {
                dir: dir.display().to_string(),
                passphrase: "backup passphrase".into(),
                armor: false,
            };
            std::thread::spawn(move || {
                let mut first = true;
                make_backup(&state, input, &mut |_, _| {
                    if std::mem::take(&mut first) {
                        let _ = sealing.send(());
                        let _ = wait_go_on.recv_timeout(Duration::from_secs(20));
                    }
                })
            })
        };
        wait_sealing
            .recv_timeout(Duration::from_secs(20))
            .expect("the backup reaches its long part");
        let started = Instant::now();
        let hits = state
            .with(|j| Ok(j.search("rollout", 10)?.total))
            .expect("search while the backup runs");
        assert_eq!(hits, 1);
        state.lock();
        assert!(!state.is_unlocked(), "locked at once");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "neither waited for the backup"
        );
        go_on.send(()).expect("let the backup go on");
        let result = runner.join().expect("backup thread");
        assert!(
            matches!(&result, Err(AppError::Invalid { message }) if message.contains("stopped")),
            "{result:?}"
        );
        let left: Vec<_> = std::fs::read_dir(&dir)
            .expect("backup dir")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert!(left.is_empty(), "a stopped backup leaves nothing: {left:?}");
    }
}
