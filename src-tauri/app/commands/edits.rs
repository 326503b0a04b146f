//! Changing what exists: a person's details, an action item, an entry's earlier versions.

use candor_engine::model::{ActionItem, ActionPatch, Entry, Person, PersonPatch, Version};
use tauri::State;

use crate::dto::{parse_date, ActionEdit, PersonInput};
use crate::error::AppResult;
use crate::state::AppState;

/// Changes `name`'s name, role, relationship and cadence (as the form shows them all).
#[tauri::command(async)]
pub fn update_person(
    state: State<'_, AppState>,
    name: String,
    input: PersonInput,
) -> AppResult<Person> {
    let patch = PersonPatch {
        name: Some(input.name),
        role: Some(input.role.filter(|r| !r.trim().is_empty())),
        relationship: Some(input.relationship),
        cadence_days: Some(input.cadence_days.filter(|d| *d > 0)),
    };
    state.with(|j| Ok(j.update_person(&name, &patch)?))
}

/// Marks a done item open again.
#[tauri::command(async)]
pub fn reopen_action(state: State<'_, AppState>, id: String) -> AppResult<ActionItem> {
    state.with(|j| Ok(j.reopen_action(&id)?))
}

#[tauri::command(async)]
pub fn update_action(
    state: State<'_, AppState>,
    id: String,
    input: ActionEdit,
) -> AppResult<ActionItem> {
    let patch = ActionPatch {
        text: Some(input.text),
        owner: Some(input.owner),
        due: Some(parse_date(input.due.as_deref(), "the due date")?),
    };
    state.with(|j| Ok(j.update_action(&id, &patch)?))
}

#[tauri::command(async)]
pub fn delete_action(state: State<'_, AppState>, id: String) -> AppResult<ActionItem> {
    state.with(|j| Ok(j.delete_action(&id)?))
}

/// Every version of an entry, the current one first.
#[tauri::command(async)]
pub fn history(state: State<'_, AppState>, id: String) -> AppResult<Vec<Version>> {
    state.with(|j| Ok(j.history(&id)?))
}

/// Makes version `version` current again; the text it replaces stays in the history.
#[tauri::command(async)]
pub fn revert(state: State<'_, AppState>, id: String, version: u32) -> AppResult<Entry> {
    state.with(|j| Ok(j.revert(&id, version)?))
}
