//! Drafts: the editor sends every change here; the engine decides entry or draft.

use candor_engine::drafts::{Draft, DraftFields, Saved};
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

/// Saves the editor's fields as the entry `entry_id` (or a new one) once they make an
/// entry, and as the draft `draft_id` while anything typed is not in the entry yet.
#[tauri::command(async)]
pub fn save_draft(
    state: State<'_, AppState>,
    draft_id: Option<String>,
    entry_id: Option<String>,
    fields: DraftFields,
) -> AppResult<Saved> {
    state.with(|j| Ok(j.save_draft(draft_id.as_deref(), entry_id.as_deref(), &fields)?))
}

/// Unfinished entries, most recent first.
#[tauri::command(async)]
pub fn drafts(state: State<'_, AppState>) -> AppResult<Vec<Draft>> {
    state.with(|j| Ok(j.drafts()?))
}

#[tauri::command(async)]
pub fn draft(state: State<'_, AppState>, id: String) -> AppResult<Draft> {
    state.with(|j| Ok(j.draft(&id)?))
}

#[tauri::command(async)]
pub fn discard_draft(state: State<'_, AppState>, id: String) -> AppResult<()> {
    state.with(|j| Ok(j.discard_draft(&id)?))
}
