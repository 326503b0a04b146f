//! Sync through a shared folder: set up, join from the create screen, status, conflicts.
//! The engine decides everything; these only pass the folder the dialog chose.

use candor_engine::sync::{self, ApplyReport, Conflict, Keep, SyncStatus};
use candor_engine::{vault, SecretString};
use tauri::AppHandle;

use crate::dto::Created;
use crate::error::{AppError, AppResult};
use crate::picker::PickKind;
use crate::run::blocking;
use crate::state::Open;

/// The journal's sync status, or nothing when it does not sync.
#[tauri::command]
pub async fn sync_status(app: AppHandle) -> AppResult<Option<SyncStatus>> {
    blocking(app, move |state| {
        state.with(|j| {
            Ok(if j.syncs() {
                Some(j.sync_status()?)
            } else {
                None
            })
        })
    })
    .await
}

/// Starts syncing into a folder chosen in the dialog; the passphrase (checked) wraps
/// the folder's key so another device can join with it.
#[tauri::command]
pub async fn sync_setup(
    app: AppHandle,
    folder: String,
    passphrase: String,
) -> AppResult<SyncStatus> {
    let handle = app.clone();
    blocking(app, move |state| {
        let folder = state.picks().check(PickKind::SyncFolder, &folder)?;
        let pass = SecretString::from(passphrase);
        vault::unlock(state.vault_dir(), &pass)?;
        let st = state.with(|j| Ok(j.sync_setup(&folder, &pass)?))?;
        crate::sync_watch::start(&handle);
        Ok(st)
    })
    .await
}

#[tauri::command]
pub async fn sync_now(app: AppHandle) -> AppResult<ApplyReport> {
    blocking(app, move |state| state.with(|j| Ok(j.sync_now()?))).await
}

#[tauri::command]
pub async fn sync_conflicts(app: AppHandle) -> AppResult<Vec<Conflict>> {
    blocking(app, move |state| state.with(|j| Ok(j.sync_conflicts()?))).await
}

#[tauri::command]
pub async fn sync_resolve(app: AppHandle, id: String, keep: String) -> AppResult<()> {
    let keep: Keep = keep
        .parse()
        .map_err(|message: String| AppError::Invalid { message })?;
    blocking(app, move |state| {
        state.with(|j| Ok(j.sync_resolve(&id, keep)?))
    })
    .await
}

#[tauri::command]
pub async fn sync_forget_device(app: AppHandle, id: String) -> AppResult<()> {
    blocking(app, move |state| {
        state.with(|j| Ok(j.sync_forget_device(&id)?))
    })
    .await
}

/// A new device: the journal is created here from a sync folder, with the passphrase of
/// the journal in it, and left unlocked. Its recovery code is returned this once.
#[tauri::command]
pub async fn join_journal(
    app: AppHandle,
    folder: String,
    passphrase: String,
) -> AppResult<Created> {
    let handle = app.clone();
    blocking(app, move |state| {
        let folder = state.picks().check(PickKind::SyncFolder, &folder)?;
        let pass = SecretString::from(passphrase);
        let (journal, code) = sync::join(&folder, state.vault_dir(), &pass, &mut |_, _| {})?;
        let key = vault::unlock(state.vault_dir(), &pass)?;
        state.install(Open { journal, key });
        crate::sync_watch::start(&handle);
        Ok(Created {
            recovery_code: code.expose().to_string(),
        })
    })
    .await
}
