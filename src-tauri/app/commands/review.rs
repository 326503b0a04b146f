//! Goals, stars and review packets in the window: thin calls into the engine's `goals`
//! and `review`; a packet saved as a file goes only where the save dialog said.

use candor_engine::goals::{CheckIn, Goal, GoalFilter, GoalKind, GoalStatus, NewGoal};
use candor_engine::review::{self, Packet, ReviewQuery};

use crate::dto::parse_date;
use crate::error::{AppError, AppResult};
use crate::picker::PickKind;
use crate::run::blocking;
use tauri::AppHandle;

fn query(
    person: Option<String>,
    since: Option<String>,
    until: Option<String>,
) -> AppResult<ReviewQuery> {
    Ok(ReviewQuery {
        person: person.filter(|p| !p.trim().is_empty()),
        since: parse_date(since.as_deref(), "the first day")?,
        until: parse_date(until.as_deref(), "the last day")?,
    })
}

/// The packet for a person (or, without one, the manager's own) over a period.
#[tauri::command]
pub async fn review(
    app: AppHandle,
    person: Option<String>,
    since: Option<String>,
    until: Option<String>,
) -> AppResult<Packet> {
    blocking(app, move |state| {
        let q = query(person, since, until)?;
        state.with_analysis(|j| Ok(review::build(j, &q, super::local_today())?))
    })
    .await
}

/// Writes the packet as Markdown or HTML to the file chosen in the save dialog (a new
/// file, readable by its owner only). Returns the path.
#[tauri::command]
pub async fn save_review(
    app: AppHandle,
    person: Option<String>,
    since: Option<String>,
    until: Option<String>,
    path: String,
) -> AppResult<String> {
    blocking(app, move |state| {
        let file = state.picks().check(PickKind::ReviewFile, &path)?;
        let q = query(person, since, until)?;
        let packet = state.with_analysis(|j| Ok(review::build(j, &q, super::local_today())?))?;
        let html = file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        let text = if html {
            review::to_html(&packet)
        } else {
            review::to_markdown(&packet)
        };
        candor_engine::owner_only::write_new(&file, text.as_bytes()).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                AppError::Invalid {
                    message: "that file exists; choose a new name".into(),
                }
            } else {
                AppError::Io {
                    message: format!("could not write the review: {e}"),
                }
            }
        })?;
        Ok(file.display().to_string())
    })
    .await
}

/// A person's goals (or, without one, the manager's own), active first.
#[tauri::command]
pub async fn goals(app: AppHandle, person: Option<String>) -> AppResult<Vec<Goal>> {
    blocking(app, move |state| {
        let mine = person.is_none();
        state.with(|j| {
            Ok(j.goals(&GoalFilter {
                person,
                mine,
                status: None,
            })?)
        })
    })
    .await
}

#[tauri::command]
pub async fn add_goal(
    app: AppHandle,
    person: Option<String>,
    title: String,
    kind: GoalKind,
    due: Option<String>,
    description: Option<String>,
) -> AppResult<Goal> {
    blocking(app, move |state| {
        let due = parse_date(due.as_deref(), "the target date")?;
        state.with(|j| {
            Ok(j.add_goal(&NewGoal {
                person,
                title,
                kind,
                due,
                description: description.unwrap_or_default(),
            })?)
        })
    })
    .await
}

#[tauri::command]
pub async fn set_goal_status(app: AppHandle, id: String, status: GoalStatus) -> AppResult<Goal> {
    blocking(app, move |state| {
        state.with(|j| Ok(j.set_goal_status(&id, status)?))
    })
    .await
}

#[tauri::command]
pub async fn link_goal(app: AppHandle, goal: String, entry: String) -> AppResult<Goal> {
    blocking(app, move |state| {
        state.with(|j| Ok(j.link_goal(&goal, &entry)?))
    })
    .await
}

#[tauri::command]
pub async fn unlink_goal(app: AppHandle, goal: String, entry: String) -> AppResult<Goal> {
    blocking(app, move |state| {
        state.with(|j| Ok(j.unlink_goal(&goal, &entry)?))
    })
    .await
}

/// The goals an entry checks in on.
#[tauri::command]
pub async fn entry_goals(app: AppHandle, entry: String) -> AppResult<Vec<Goal>> {
    blocking(app, move |state| {
        state.with(|j| Ok(j.goals_of_entry(&entry)?))
    })
    .await
}

#[tauri::command]
pub async fn checkins(app: AppHandle, goal: String) -> AppResult<Vec<CheckIn>> {
    blocking(app, move |state| state.with(|j| Ok(j.checkins(&goal)?))).await
}

#[tauri::command]
pub async fn star_entry(app: AppHandle, id: String, on: bool) -> AppResult<bool> {
    blocking(app, move |state| {
        state.with(|j| {
            j.star(&id, on)?;
            Ok(on)
        })
    })
    .await
}

#[tauri::command]
pub async fn entry_starred(app: AppHandle, id: String) -> AppResult<bool> {
    blocking(app, move |state| state.with(|j| Ok(j.is_starred(&id)?))).await
}
