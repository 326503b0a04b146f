//! The journal's keys and backups from the window: passphrase change, a new recovery
//! code, a new data key (rekey), verifying a backup and restoring one.

use std::path::PathBuf;

use candor_engine::backup::{self, Unlock};
use candor_engine::{rekey, vault, ExposeSecret, SecretString};
use tauri::State;

use crate::dto::{count, BackupChecked, Restored};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Rewraps the data key under a new passphrase (the old one must be right).
#[tauri::command(async)]
pub fn change_passphrase(state: State<'_, AppState>, old: String, new: String) -> AppResult<()> {
    state.with(|_| Ok(()))?; // only while unlocked
    Ok(vault::change_passphrase(
        state.vault_dir(),
        &SecretString::from(old),
        &SecretString::from(new),
    )?)
}

/// A forgotten passphrase: the recovery code sets a new one, then the journal opens with it.
#[tauri::command(async)]
pub fn recover_journal(state: State<'_, AppState>, code: String, new: String) -> AppResult<()> {
    let new = SecretString::from(new);
    vault::recover(state.vault_dir(), &code, &new)?;
    state.unlock(new)
}

/// A new recovery code, shown once; the old one stops working.
#[tauri::command(async)]
pub fn new_recovery_code(state: State<'_, AppState>, passphrase: String) -> AppResult<String> {
    state.with(|_| Ok(()))?;
    let code = vault::new_recovery_code(state.vault_dir(), &SecretString::from(passphrase))?;
    Ok(code.expose().to_string())
}

/// A new data key for the journal and a new recovery code (returned, to show once). The
/// journal is closed for it and opened again with the same passphrase; backups made
/// before no longer hold the key of the live journal.
#[tauri::command(async)]
pub fn rekey_journal(state: State<'_, AppState>, passphrase: String) -> AppResult<String> {
    state.with(|_| Ok(()))?;
    let pass = SecretString::from(passphrase);
    // Check before closing anything: a wrong passphrase changes nothing.
    vault::unlock(state.vault_dir(), &pass)?;
    state.lock();
    let result = rekey::rekey(state.vault_dir(), &pass);
    // Open again whatever happened: after a failure the old key still opens it.
    let reopened = state.unlock(SecretString::from(pass.expose_secret().to_string()));
    let code = result?;
    reopened?;
    Ok(code.expose().to_string())
}

fn backup_file(path: &str) -> AppResult<PathBuf> {
    let p = PathBuf::from(path.trim());
    if p.as_os_str().is_empty() || !p.is_absolute() {
        return Err(AppError::Invalid {
            message: "give the backup file's full path".into(),
        });
    }
    Ok(p)
}

/// Decrypts a backup to the end and checks it; answers what it holds.
#[tauri::command(async)]
pub fn verify_backup(path: String, passphrase: String) -> AppResult<BackupChecked> {
    let file = backup_file(&path)?;
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
}

/// Replaces the journal with a backup: the journal is locked, the backup restored beside
/// it and swapped in, and the journal that was there kept whole as a safety copy. The
/// restored journal opens with the passphrase it had when the backup was made.
#[tauri::command(async)]
pub fn restore_backup(
    state: State<'_, AppState>,
    path: String,
    passphrase: String,
) -> AppResult<Restored> {
    let file = backup_file(&path)?;
    let unlock = Unlock::Passphrase(SecretString::from(passphrase));
    // Checked to the end before the open journal is touched.
    backup::verify(&file, &unlock, &mut |_, _| {})?;
    state.lock();
    let report = backup::restore(&file, &unlock, state.vault_dir(), &mut |_, _| {})?;
    Ok(Restored {
        entries: count(report.info.counts.entries as usize),
        safety_copy: report.safety_copy.map(|p| p.display().to_string()),
    })
}
