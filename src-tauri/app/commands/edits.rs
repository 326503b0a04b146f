//! Changing what exists: a person's details, an action item, an entry's earlier versions.

use candor_engine::model::{ActionItem, ActionPatch, Entry, Person, PersonPatch, Version};

use crate::dto::{parse_date, ActionEdit, PersonInput};
use crate::error::AppResult;
use crate::run::blocking;
use tauri::AppHandle;

/// Changes `name`'s name, role, relationship and cadence (as the form shows them all).
#[tauri::command]
pub async fn update_person(app: AppHandle, name: String, input: PersonInput) -> AppResult<Person> {
    blocking(app, move |state| {
        let patch = PersonPatch {
            name: Some(input.name),
            role: Some(input.role.filter(|r| !r.trim().is_empty())),
            relationship: Some(input.relationship),
            cadence_days: Some(input.cadence_days.filter(|d| *d > 0)),
        };
        state.with(|j| Ok(j.update_person(&name, &patch)?))
    })
    .await
}

/// Marks a done item open again.
#[tauri::command]
pub async fn reopen_action(app: AppHandle, id: String) -> AppResult<ActionItem> {
    blocking(app, move |state| state.with(|j| Ok(j.reopen_action(&id)?))).await
}

#[tauri::command]
pub async fn update_action(app: AppHandle, id: String, input: ActionEdit) -> AppResult<ActionItem> {
    blocking(app, move |state| {
        let patch = ActionPatch {
            text: Some(input.text),
            owner: Some(input.owner),
            due: Some(parse_date(input.due.as_deref(), "the due date")?),
        };
        state.with(|j| Ok(j.update_action(&id, &patch)?))
    })
    .await
}

#[tauri::command]
pub async fn delete_action(app: AppHandle, id: String) -> AppResult<ActionItem> {
    blocking(app, move |state| state.with(|j| Ok(j.delete_action(&id)?))).await
}

/// Every version of an entry, the current one first.
#[tauri::command]
pub async fn history(app: AppHandle, id: String) -> AppResult<Vec<Version>> {
    blocking(app, move |state| state.with(|j| Ok(j.history(&id)?))).await
}

/// Makes version `version` current again; the text it replaces stays in the history.
#[tauri::command]
pub async fn revert(app: AppHandle, id: String, version: u32) -> AppResult<Entry> {
    blocking(app, move |state| {
        state.with(|j| Ok(j.revert(&id, version)?))
    })
    .await
}
