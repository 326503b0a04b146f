//! People, entries, action items, the trash, search: thin calls into the open journal.

use candor_engine::model::{
    ActionFilter, ActionItem, Entry, EntryFilter, NewAction, NewPerson, Person,
};
use candor_engine::search::{SearchOrder, SearchPage};
use tauri::ipc::Channel;

use super::local_today;
use crate::dto::{
    count, parse_date, ActionInput, EntryInput, EntryQuery, PersonInput, PersonSummary, Progress,
    SearchView, Timeline, Today,
};
use crate::error::AppResult;
use crate::run::blocking;
use crate::views;
use tauri::AppHandle;

/// Most results one search returns; the page shows the count beyond that.
const SEARCH_LIMIT: usize = 50;

#[tauri::command]
pub async fn today(app: AppHandle) -> AppResult<Today> {
    blocking(app, move |state| {
        state.with(|j| views::today(j, local_today()))
    })
    .await
}

#[tauri::command]
pub async fn people(app: AppHandle, include_archived: bool) -> AppResult<Vec<PersonSummary>> {
    blocking(app, move |state| {
        state.with(|j| views::people(j, include_archived, local_today()))
    })
    .await
}

#[tauri::command]
pub async fn add_person(app: AppHandle, input: PersonInput) -> AppResult<Person> {
    blocking(app, move |state| {
        state.with(|j| {
            Ok(j.add_person(&NewPerson {
                name: input.name,
                role: input.role,
                relationship: input.relationship,
                cadence_days: input.cadence_days,
            })?)
        })
    })
    .await
}

#[tauri::command]
pub async fn set_archived(app: AppHandle, name: String, archived: bool) -> AppResult<Person> {
    blocking(app, move |state| {
        state.with(|j| Ok(j.set_archived(&name, archived)?))
    })
    .await
}

#[tauri::command]
pub async fn timeline(app: AppHandle, name: String) -> AppResult<Timeline> {
    blocking(app, move |state| {
        state.with(|j| views::timeline(j, &name, local_today()))
    })
    .await
}

#[tauri::command]
pub async fn entries(app: AppHandle, query: EntryQuery) -> AppResult<Vec<Entry>> {
    blocking(app, move |state| {
        state.with(|j| {
            Ok(j.entries(&EntryFilter {
                person: query.person,
                kind: query.kind,
                limit: query.limit.map(|l| l as usize),
                ..EntryFilter::default()
            })?)
        })
    })
    .await
}

#[tauri::command]
pub async fn entry(app: AppHandle, id: String) -> AppResult<Entry> {
    blocking(app, move |state| state.with(|j| Ok(j.entry(&id)?))).await
}

#[tauri::command]
pub async fn log_entry(app: AppHandle, input: EntryInput) -> AppResult<Entry> {
    blocking(app, move |state| {
        state.with(|j| Ok(j.log(views::new_entry(input)?)?))
    })
    .await
}

#[tauri::command]
pub async fn edit_entry(app: AppHandle, id: String, input: EntryInput) -> AppResult<Entry> {
    blocking(app, move |state| {
        state.with(|j| Ok(j.edit(&id, views::patch(input)?)?))
    })
    .await
}

/// Tags in use, most used first, for completion in the editor.
#[tauri::command]
pub async fn known_tags(app: AppHandle) -> AppResult<Vec<String>> {
    blocking(app, move |state| state.with(|j| Ok(j.known_tags(500)?))).await
}

/// Moves an entry to the trash; returns its id.
#[tauri::command]
pub async fn delete_entry(app: AppHandle, id: String) -> AppResult<String> {
    blocking(app, move |state| state.with(|j| Ok(j.delete(&id)?))).await
}

#[tauri::command]
pub async fn restore_entry(app: AppHandle, id: String) -> AppResult<Entry> {
    blocking(app, move |state| state.with(|j| Ok(j.restore(&id)?))).await
}

#[tauri::command]
pub async fn trash(app: AppHandle) -> AppResult<Vec<Entry>> {
    blocking(app, move |state| state.with(|j| Ok(j.trash()?))).await
}

/// Deletes the trash for good; returns how many entries went.
#[tauri::command]
pub async fn empty_trash(app: AppHandle) -> AppResult<u32> {
    blocking(app, move |state| {
        state.with(|j| Ok(count(j.empty_trash()?)))
    })
    .await
}

#[tauri::command]
pub async fn actions(
    app: AppHandle,
    person: Option<String>,
    open_only: bool,
) -> AppResult<Vec<ActionItem>> {
    blocking(app, move |state| {
        state.with(|j| Ok(j.actions(&ActionFilter { open_only, person })?))
    })
    .await
}

#[tauri::command]
pub async fn add_action(app: AppHandle, input: ActionInput) -> AppResult<ActionItem> {
    blocking(app, move |state| {
        state.with(|j| {
            Ok(j.add_action(&NewAction {
                person: input.person,
                text: input.text,
                owner: input.owner,
                due: parse_date(input.due.as_deref(), "the due date")?,
                entry_id: input.entry_id,
            })?)
        })
    })
    .await
}

#[tauri::command]
pub async fn complete_action(app: AppHandle, id: String) -> AppResult<ActionItem> {
    blocking(app, move |state| {
        state.with(|j| Ok(j.complete_action(&id)?))
    })
    .await
}

/// One page of results (`SEARCH_LIMIT` long) from `offset`, by relevance or newest first.
#[tauri::command]
pub async fn search(
    app: AppHandle,
    query: String,
    offset: Option<u32>,
    order: Option<SearchOrder>,
) -> AppResult<SearchView> {
    blocking(app, move |state| {
        let page = SearchPage {
            offset: offset.unwrap_or(0) as usize,
            limit: SEARCH_LIMIT,
            order: order.unwrap_or_default(),
        };
        state.with(|j| views::search(j, &query, page))
    })
    .await
}

/// Rebuilds the search index, reporting progress; returns how many entries it indexed.
#[tauri::command]
pub async fn reindex(app: AppHandle, on_progress: Channel<Progress>) -> AppResult<u32> {
    blocking(app, move |state| {
        state.with(|j| {
            let n = j.reindex(&mut |done, total| {
                let _ = on_progress.send(Progress {
                    done: count(done),
                    total: count(total),
                });
            })?;
            Ok(count(n))
        })
    })
    .await
}
