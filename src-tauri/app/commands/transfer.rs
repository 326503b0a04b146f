//! Plaintext export (a Markdown folder, a JSON file) and import (Candor JSON, Markdown,
//! jrnl, Day One). Paths are the ones chosen in the system's dialogs (see `picker`); the
//! engine does all file IO.

use std::path::Path;

use candor_engine::transfer::{self, ExportFilter, ImportReport, Source};
use candor_engine::Journal;
use tauri::ipc::Channel;

use crate::dto::{
    count, parse_date, ExportDone, ExportFormat, ExportInput, ImportDone, ImportInput,
    ImportSource, NotCarriedItem, Progress, SkippedItem,
};
use crate::error::{AppError, AppResult};
use crate::picker::PickKind;
use crate::run::blocking;
use crate::state::AppState;
use tauri::AppHandle;

/// Which dialog an export's path must come from.
fn export_kind(format: ExportFormat) -> PickKind {
    match format {
        ExportFormat::Markdown => PickKind::ExportFolder,
        ExportFormat::Json => PickKind::ExportFile,
    }
}

/// Which dialog an import's path must come from.
fn import_kind(source: ImportSource) -> PickKind {
    match source {
        ImportSource::Markdown => PickKind::ImportFolder,
        _ => PickKind::ImportFile,
    }
}

/// The part of the journal an export covers.
fn filter(input: &ExportInput) -> AppResult<ExportFilter> {
    let filter = ExportFilter {
        person: input
            .person
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from),
        since: parse_date(input.since.as_deref(), "the first day")?,
        until: parse_date(input.until.as_deref(), "the last day")?,
    };
    if let (Some(a), Some(b)) = (filter.since, filter.until) {
        if a > b {
            return Err(AppError::Invalid {
                message: "the first day is after the last day".into(),
            });
        }
    }
    Ok(filter)
}

/// Exports what `filter` covers to `path` (already checked against the dialogs).
pub fn export(
    j: &Journal,
    format: ExportFormat,
    path: &Path,
    filter: &ExportFilter,
    progress: &mut dyn FnMut(usize, usize),
) -> AppResult<ExportDone> {
    match format {
        ExportFormat::Markdown => {
            let dir = path;
            let r = transfer::export_markdown_filtered(j, dir, filter, progress)?;
            Ok(ExportDone {
                path: dir.display().to_string(),
                files: count(r.files),
                entries: count(r.entries),
                action_items: count(r.action_items),
            })
        }
        ExportFormat::Json => {
            let file = path;
            let n = transfer::export_json_filtered(j, file, filter)?;
            Ok(ExportDone {
                path: file.display().to_string(),
                files: 1,
                entries: count(n),
                action_items: 0,
            })
        }
    }
}

/// Imports from `path` (already checked against the dialogs).
pub fn import(
    j: &mut Journal,
    source: ImportSource,
    path: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> AppResult<ImportDone> {
    let source = match source {
        ImportSource::Json => Source::Json,
        ImportSource::Markdown => Source::Markdown,
        ImportSource::Jrnl => Source::Jrnl,
        ImportSource::Dayone => Source::DayOne,
    };
    Ok(done(transfer::import(j, source, path, progress)?))
}

/// An export to a path the person chose in the matching dialog.
pub fn run_export(
    state: &AppState,
    input: &ExportInput,
    progress: &mut dyn FnMut(usize, usize),
) -> AppResult<ExportDone> {
    let path = state
        .picks()
        .check(export_kind(input.format), &input.path)?;
    let filter = filter(input)?;
    state.with(|j| export(j, input.format, &path, &filter, progress))
}

/// An import from a path the person chose in the matching dialog.
pub fn run_import(
    state: &AppState,
    input: &ImportInput,
    progress: &mut dyn FnMut(usize, usize),
) -> AppResult<ImportDone> {
    let path = state
        .picks()
        .check(import_kind(input.source), &input.path)?;
    state.with(|j| import(j, input.source, &path, progress))
}

fn done(r: ImportReport) -> ImportDone {
    let items = |v: Vec<transfer::Skipped>| {
        v.into_iter()
            .map(|s| SkippedItem {
                item: s.item,
                reason: s.reason,
            })
            .collect()
    };
    ImportDone {
        people: count(r.people),
        entries: count(r.entries),
        revisions: count(r.revisions),
        action_items: count(r.action_items),
        skipped: items(r.skipped),
        not_carried: r
            .not_carried
            .into_iter()
            .map(|n| NotCarriedItem {
                field: n.field,
                count: count(n.count),
                what: n.what,
            })
            .collect(),
        notices: items(r.notices),
    }
}

fn sender(channel: &Channel<Progress>) -> impl FnMut(usize, usize) + '_ {
    move |done, total| {
        let _ = channel.send(Progress {
            done: count(done),
            total: count(total),
        });
    }
}

/// Writes a plaintext export; progress counts entries.
#[tauri::command]
pub async fn export_journal(
    app: AppHandle,
    input: ExportInput,
    on_progress: Channel<Progress>,
) -> AppResult<ExportDone> {
    blocking(app, move |state| {
        let mut progress = sender(&on_progress);
        run_export(state, &input, &mut progress)
    })
    .await
}

/// Imports into the open journal; progress counts items.
#[tauri::command]
pub async fn import_journal(
    app: AppHandle,
    input: ImportInput,
    on_progress: Channel<Progress>,
) -> AppResult<ImportDone> {
    blocking(app, move |state| {
        let mut progress = sender(&on_progress);
        run_import(state, &input, &mut progress)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;
    use candor_engine::model::NewEntry;
    use candor_engine::SecretString;

    fn unlocked(dir: &Path) -> AppState {
        let state = AppState::new(dir.to_path_buf(), false);
        state
            .create(SecretString::from("correct horse battery".to_string()))
            .expect("create");
        state
    }

    #[test]
    fn an_export_imports_back_and_paths_come_only_from_the_dialogs() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let state = unlocked(&tmp.path().join("j"));
        state
            .with(|j| {
                Ok(j.log(NewEntry {
                    body: "a note".into(),
                    ..Default::default()
                })?)
            })
            .expect("log");
        let file = tmp.path().join("out.json");
        let json = ExportInput {
            format: ExportFormat::Json,
            path: file.display().to_string(),
            person: None,
            since: None,
            until: None,
        };
        let refused = |r: AppResult<ExportDone>| matches!(r, Err(AppError::Invalid { .. }));
        assert!(
            refused(run_export(&state, &json, &mut |_, _| {})),
            "a path the person did not choose is refused"
        );
        assert!(!file.exists());
        state.picks().allow(PickKind::ExportFile, &file);
        assert_eq!(
            run_export(&state, &json, &mut |_, _| {})
                .expect("export")
                .entries,
            1
        );
        // A second export to the same file is refused, not overwritten.
        assert!(refused(run_export(&state, &json, &mut |_, _| {})));

        let md = tmp.path().join("md");
        let folder = ExportInput {
            format: ExportFormat::Markdown,
            path: md.display().to_string(),
            person: None,
            since: None,
            until: None,
        };
        state.picks().allow(PickKind::ImportFolder, &md);
        assert!(
            refused(run_export(&state, &folder, &mut |_, _| {})),
            "a folder chosen to import from is not one to export into"
        );
        state.picks().allow(PickKind::ExportFolder, &md);
        assert!(
            run_export(&state, &folder, &mut |_, _| {})
                .expect("markdown")
                .files
                >= 1
        );

        let other = unlocked(&tmp.path().join("k"));
        let from = |source, path: &Path| ImportInput {
            source,
            path: path.display().to_string(),
        };
        assert!(run_import(&other, &from(ImportSource::Json, &file), &mut |_, _| {}).is_err());
        other.picks().allow(PickKind::ImportFile, &file);
        let r = run_import(&other, &from(ImportSource::Json, &file), &mut |_, _| {});
        assert_eq!(r.expect("import").entries, 1);
        let missing = tmp.path().join("nope.json");
        other.picks().allow(PickKind::ImportFile, &missing);
        assert!(run_import(
            &other,
            &from(ImportSource::Dayone, &missing),
            &mut |_, _| {}
        )
        .is_err());
    }

    #[test]
    fn an_export_can_be_limited_to_a_person_and_days() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let state = unlocked(&tmp.path().join("j"));
        state
            .with(|j| {
                for (who, date) in [
                    ("Priya", "2026-03-02"),
                    ("Omar", "2026-03-03"),
                    ("Priya", "2026-05-01"),
                ] {
                    j.log(NewEntry {
                        person: Some(who.into()),
                        date: chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
                        body: format!("met {who}"),
                        ..Default::default()
                    })?;
                }
                Ok(())
            })
            .expect("log");
        let file = tmp.path().join("priya-march.json");
        state.picks().allow(PickKind::ExportFile, &file);
        let mut input = ExportInput {
            format: ExportFormat::Json,
            path: file.display().to_string(),
            person: Some("priya".into()),
            since: Some("2026-03-01".into()),
            until: Some("2026-03-31".into()),
        };
        let done = run_export(&state, &input, &mut |_, _| {}).expect("export");
        assert_eq!(done.entries, 1, "Priya's one entry in March");
        input.since = Some("2026-04-01".into());
        assert!(matches!(
            run_export(&state, &input, &mut |_, _| {}),
            Err(AppError::Invalid { .. })
        ));
    }
}
