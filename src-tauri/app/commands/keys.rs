//! The journal's keys and backups from the window: passphrase change, a new recovery
//! code, a new data key (rekey), verifying a backup and restoring one.

use std::path::PathBuf;

use candor_engine::backup::{self, Unlock};
use candor_engine::{rekey, vault, ExposeSecret, SecretString};

use crate::dto::{count, BackupChecked, Restored};
use crate::error::{AppError, AppResult};
use crate::picker::PickKind;
use crate::run::blocking;
use crate::state::AppState;
use tauri::AppHandle;

/// Rewraps the data key under a new passphrase (the old one must be right).
#[tauri::command]
pub async fn change_passphrase(app: AppHandle, old: String, new: String) -> AppResult<()> {
    blocking(app, move |state| {
        require_unlocked(state)?;
        Ok(vault::change_passphrase(
            state.vault_dir(),
            &SecretString::from(old),
            &SecretString::from(new),
        )?)
    })
    .await
}

/// A forgotten passphrase: the recovery code sets a new one, then the journal opens with it.
#[tauri::command]
pub async fn recover_journal(app: AppHandle, code: String, new: String) -> AppResult<()> {
    blocking(app, move |state| {
        let new = SecretString::from(new);
        vault::recover(state.vault_dir(), &code, &new)?;
        state.unlock(new)
    })
    .await
}

/// A new recovery code, shown once; the old one stops working.
#[tauri::command]
pub async fn new_recovery_code(app: AppHandle, passphrase: String) -> AppResult<String> {
    blocking(app, move |state| {
        require_unlocked(state)?;
        let code = vault::new_recovery_code(state.vault_dir(), &SecretString::from(passphrase))?;
        Ok(code.expose().to_string())
    })
    .await
}

/// A new data key for the journal and a new recovery code (returned, to show once). The
/// journal is closed for it and opened again with the same passphrase; backups made
/// before no longer hold the key of the live journal.
#[tauri::command]
pub async fn rekey_journal(app: AppHandle, passphrase: String) -> AppResult<String> {
    blocking(app, move |state| {
        require_unlocked(state)?;
        let pass = SecretString::from(passphrase);
        // Check before closing anything: a wrong passphrase changes nothing.
        vault::unlock(state.vault_dir(), &pass)?;
        state.lock_and_wait();
        let result = rekey::rekey(state.vault_dir(), &pass);
        // Open again whatever happened: after a failure the old key still opens it.
        let reopened = state.unlock(SecretString::from(pass.expose_secret().to_string()));
        let code = result?;
        reopened?;
        Ok(code.expose().to_string())
    })
    .await
}

/// Key changes are for the person who has the journal open.
fn require_unlocked(state: &AppState) -> AppResult<()> {
    if state.is_unlocked() {
        Ok(())
    } else {
        Err(AppError::Locked)
    }
}

fn backup_file(state: &AppState, path: &str) -> AppResult<PathBuf> {
    state.picks().check(PickKind::BackupFile, path)
}

/// Decrypts a backup to the end and checks it; answers what it holds.
#[tauri::command]
pub async fn verify_backup(
    app: AppHandle,
    path: String,
    passphrase: String,
) -> AppResult<BackupChecked> {
    blocking(app, move |state| {
        let file = backup_file(state, &path)?;
        let info = backup::verify(
            &file,
            &Unlock::Passphrase(SecretString::from(passphrase)),
            &mut |_, _| {},
        )?;
        Ok(BackupChecked {
            created_at: info.created_at,
            entries: count(info.counts.entries as usize),
            people: count(info.counts.people as usize),
            action_items: count(info.counts.action_items as usize),
        })
    })
    .await
}

/// Replaces the journal with a backup: the journal is locked, the backup restored beside
/// it and swapped in, and the journal that was there kept whole as a safety copy. The
/// restored journal opens with the passphrase it had when the backup was made.
#[tauri::command]
pub async fn restore_backup(
    app: AppHandle,
    path: String,
    passphrase: String,
) -> AppResult<Restored> {
    blocking(app, move |state| {
        let file = backup_file(state, &path)?;
        let unlock = Unlock::Passphrase(SecretString::from(passphrase));
        // Decrypted and checked to the end beside the journal, which stays open (and
        // untouched) until the swap.
        let prepared = backup::prepare_restore(&file, &unlock, state.vault_dir(), &mut |_, _| {})?;
        state.lock_and_wait();
        let report = prepared.swap()?;
        Ok(Restored {
            entries: count(report.info.counts.entries as usize),
            safety_copy: report.safety_copy.map(|p| p.display().to_string()),
        })
    })
    .await
}
