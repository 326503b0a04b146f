//! Drafts: the editor sends every change here; the engine decides entry or draft.

use candor_engine::drafts::{Draft, DraftFields, Saved};

use crate::error::AppResult;
use crate::run::blocking;
use tauri::AppHandle;

/// Saves the editor's fields as the entry `entry_id` (or a new one) once they make an
/// entry, and as the draft `draft_id` while anything typed is not in the entry yet.
#[tauri::command]
pub async fn save_draft(
    app: AppHandle,
    draft_id: Option<String>,
    entry_id: Option<String>,
    fields: DraftFields,
) -> AppResult<Saved> {
    blocking(app, move |state| {
        state.with(|j| Ok(j.save_draft(draft_id.as_deref(), entry_id.as_deref(), &fields)?))
    })
    .await
}

/// Unfinished entries, most recent first.
#[tauri::command]
pub async fn drafts(app: AppHandle) -> AppResult<Vec<Draft>> {
    blocking(app, move |state| state.with(|j| Ok(j.drafts()?))).await
}

#[tauri::command]
pub async fn draft(app: AppHandle, id: String) -> AppResult<Draft> {
    blocking(app, move |state| state.with(|j| Ok(j.draft(&id)?))).await
}

#[tauri::command]
pub async fn discard_draft(app: AppHandle, id: String) -> AppResult<()> {
    blocking(app, move |state| state.with(|j| Ok(j.discard_draft(&id)?))).await
}
