//! Creating, unlocking and locking the journal; settings; the demo journal.

use candor_engine::demo::{self, DemoOptions};
use candor_engine::{vault, SecretString};
use tauri::ipc::Channel;
use tauri::State;

use crate::dto::{Created, Progress, Settings, VaultStatus};
use crate::error::{AppError, AppResult};
use crate::run::blocking;
use crate::state::{AppState, Open, DEMO_PASSPHRASE};
use tauri::AppHandle;

/// The app's version, as Cargo knows it.
#[tauri::command]
pub fn app_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[tauri::command(async)]
pub fn vault_status(state: State<'_, AppState>) -> VaultStatus {
    state.status()
}

/// Creates the journal, unlocked. The recovery code is returned this once.
#[tauri::command]
pub async fn create_journal(app: AppHandle, passphrase: String) -> AppResult<Created> {
    blocking(app, move |state| {
        let recovery_code = state.create(SecretString::from(passphrase))?;
        Ok(Created { recovery_code })
    })
    .await
}

#[tauri::command]
pub async fn unlock(app: AppHandle, passphrase: String) -> AppResult<()> {
    let handle = app.clone();
    blocking(app, move |state| {
        state.unlock(SecretString::from(passphrase))?;
        crate::sync_watch::start(&handle);
        Ok(())
    })
    .await
}

#[tauri::command(async)]
pub fn lock(state: State<'_, AppState>) {
    state.lock();
}

/// Opens a link from an entry in the system browser. Only web and mail links: a journal
/// is no place for a link that starts a program.
#[tauri::command(async)]
pub fn open_link(app: tauri::AppHandle, url: String) -> crate::error::AppResult<()> {
    use tauri_plugin_opener::OpenerExt;
    let lower = url.trim().to_ascii_lowercase();
    if !["https://", "http://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return Err(crate::error::AppError::Invalid {
            message: "only web and mail links open from an entry".into(),
        });
    }
    app.opener()
        .open_url(url.trim(), None::<&str>)
        .map_err(|_| crate::error::AppError::Io {
            message: "the system browser could not be started".into(),
        })
}

/// The page has saved what was typed after a close request: lock and end the app.
#[tauri::command(async)]
pub fn quit(app: tauri::AppHandle, state: State<'_, AppState>) {
    state.lock();
    app.exit(0);
}

/// The page reports keyboard and pointer activity so idle time is measured by the user,
/// not by commands alone.
#[tauri::command(async)]
pub fn touch(state: State<'_, AppState>) -> bool {
    if state.is_unlocked() {
        state.touch();
    }
    state.is_unlocked()
}

#[tauri::command]
pub async fn set_settings(app: AppHandle, settings: Settings) -> AppResult<Settings> {
    blocking(app, move |state| state.set_settings(settings)).await
}

/// Entries in the demo journal opened with `--demo`.
pub const DEMO_ENTRIES: usize = 2000;

/// Creates the demo journal (app opened with `--demo`) and fills it, reporting progress;
/// leaves it unlocked.
#[tauri::command]
pub async fn prepare_demo(app: AppHandle, on_progress: Channel<Progress>) -> AppResult<()> {
    blocking(app, move |state| {
        if !state.is_demo() {
            return Err(AppError::Invalid {
                message: "only a window opened with --demo builds the demo journal".into(),
            });
        }
        if vault::exists(state.vault_dir()) {
            return Err(AppError::AlreadyExists);
        }
        let pass = SecretString::from(DEMO_PASSPHRASE.to_string());
        let (mut journal, _code) = vault::create(state.vault_dir(), &pass)?;
        let key = vault::unlock(state.vault_dir(), &pass)?;
        let opts = DemoOptions {
            entries: DEMO_ENTRIES,
            ..DemoOptions::default()
        };
        demo::generate(&mut journal, &opts, &mut |done, total| {
            // A closed window just stops listening; the journal is still filled.
            let _ = on_progress.send(Progress {
                done: crate::dto::count(done),
                total: crate::dto::count(total),
            });
        })?;
        state.install(Open { journal, key });
        Ok(())
    })
    .await
}
