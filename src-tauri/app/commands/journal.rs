//! People, entries, action items, the trash, search: thin calls into the open journal.

use candor_engine::model::{
    ActionFilter, ActionItem, Entry, EntryFilter, NewAction, NewPerson, Person,
};
use candor_engine::search::{SearchOrder, SearchPage};
use tauri::ipc::Channel;
use tauri::State;

use super::local_today;
use crate::dto::{
    count, parse_date, ActionInput, EntryInput, EntryQuery, PersonInput, PersonSummary, Progress,
    SearchView, Timeline, Today,
};
use crate::error::AppResult;
use crate::state::AppState;
use crate::views;

/// Most results one search returns; the page shows the count beyond that.
const SEARCH_LIMIT: usize = 50;

#[tauri::command(async)]
pub fn today(state: State<'_, AppState>) -> AppResult<Today> {
    state.with(|j| views::today(j, local_today()))
}

#[tauri::command(async)]
pub fn people(state: State<'_, AppState>, include_archived: bool) -> AppResult<Vec<PersonSummary>> {
    state.with(|j| views::people(j, include_archived, local_today()))
}

#[tauri::command(async)]
pub fn add_person(state: State<'_, AppState>, input: PersonInput) -> AppResult<Person> {
    state.with(|j| {
        Ok(j.add_person(&NewPerson {
            name: input.name,
            role: input.role,
            relationship: input.relationship,
            cadence_days: input.cadence_days,
        })?)
    })
}

#[tauri::command(async)]
pub fn set_archived(state: State<'_, AppState>, name: String, archived: bool) -> AppResult<Person> {
    state.with(|j| Ok(j.set_archived(&name, archived)?))
}

#[tauri::command(async)]
pub fn timeline(state: State<'_, AppState>, name: String) -> AppResult<Timeline> {
    state.with(|j| views::timeline(j, &name, local_today()))
}

#[tauri::command(async)]
pub fn entries(state: State<'_, AppState>, query: EntryQuery) -> AppResult<Vec<Entry>> {
    state.with(|j| {
        Ok(j.entries(&EntryFilter {
            person: query.person,
            kind: query.kind,
            limit: query.limit.map(|l| l as usize),
            ..EntryFilter::default()
        })?)
    })
}

#[tauri::command(async)]
pub fn entry(state: State<'_, AppState>, id: String) -> AppResult<Entry> {
    state.with(|j| Ok(j.entry(&id)?))
}

#[tauri::command(async)]
pub fn log_entry(state: State<'_, AppState>, input: EntryInput) -> AppResult<Entry> {
    state.with(|j| Ok(j.log(views::new_entry(input)?)?))
}

#[tauri::command(async)]
pub fn edit_entry(state: State<'_, AppState>, id: String, input: EntryInput) -> AppResult<Entry> {
    state.with(|j| Ok(j.edit(&id, views::patch(input)?)?))
}

/// Tags in use, most used first, for completion in the editor.
#[tauri::command(async)]
pub fn known_tags(state: State<'_, AppState>) -> AppResult<Vec<String>> {
    state.with(|j| Ok(j.known_tags(500)?))
}

/// Moves an entry to the trash; returns its id.
#[tauri::command(async)]
pub fn delete_entry(state: State<'_, AppState>, id: String) -> AppResult<String> {
    state.with(|j| Ok(j.delete(&id)?))
}

#[tauri::command(async)]
pub fn restore_entry(state: State<'_, AppState>, id: String) -> AppResult<Entry> {
    state.with(|j| Ok(j.restore(&id)?))
}

#[tauri::command(async)]
pub fn trash(state: State<'_, AppState>) -> AppResult<Vec<Entry>> {
    state.with(|j| Ok(j.trash()?))
}

/// Deletes the trash for good; returns how many entries went.
#[tauri::command(async)]
pub fn empty_trash(state: State<'_, AppState>) -> AppResult<u32> {
    state.with(|j| Ok(count(j.empty_trash()?)))
}

#[tauri::command(async)]
pub fn actions(
    state: State<'_, AppState>,
    person: Option<String>,
    open_only: bool,
) -> AppResult<Vec<ActionItem>> {
    state.with(|j| Ok(j.actions(&ActionFilter { open_only, person })?))
}

#[tauri::command(async)]
pub fn add_action(state: State<'_, AppState>, input: ActionInput) -> AppResult<ActionItem> {
    state.with(|j| {
        Ok(j.add_action(&NewAction {
            person: input.person,
            text: input.text,
            owner: input.owner,
            due: parse_date(input.due.as_deref(), "the due date")?,
            entry_id: input.entry_id,
        })?)
    })
}

#[tauri::command(async)]
pub fn complete_action(state: State<'_, AppState>, id: String) -> AppResult<ActionItem> {
    state.with(|j| Ok(j.complete_action(&id)?))
}

/// One page of results (`SEARCH_LIMIT` long) from `offset`, by relevance or newest first.
#[tauri::command(async)]
pub fn search(
    state: State<'_, AppState>,
    query: String,
    offset: Option<u32>,
    order: Option<SearchOrder>,
) -> AppResult<SearchView> {
    let page = SearchPage {
        offset: offset.unwrap_or(0) as usize,
        limit: SEARCH_LIMIT,
        order: order.unwrap_or_default(),
    };
    state.with(|j| views::search(j, &query, page))
}

/// Rebuilds the search index, reporting progress; returns how many entries it indexed.
#[tauri::command(async)]
pub fn reindex(state: State<'_, AppState>, on_progress: Channel<Progress>) -> AppResult<u32> {
    state.with(|j| {
        let n = j.reindex(&mut |done, total| {
            let _ = on_progress.send(Progress {
                done: count(done),
                total: count(total),
            });
        })?;
        Ok(count(n))
    })
}
