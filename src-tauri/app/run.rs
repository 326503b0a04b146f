//! Where command work runs: on the blocking pool, never on the async runtime's few
//! worker threads (two on a two-core machine), so a backup or an import cannot starve
//! `lock`, the idle check or the window's next call.

use tauri::{AppHandle, Manager};

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Runs `f` with the app's state on a blocking thread and waits for it without holding
/// a runtime thread.
pub async fn blocking<T, F>(app: AppHandle, f: F) -> AppResult<T>
where
    T: Send + 'static,
    F: FnOnce(&AppState) -> AppResult<T> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(move || f(&app.state::<AppState>()))
        .await
        .map_err(|_| AppError::Internal {
            message: "a command stopped unexpectedly".into(),
        })?
}
