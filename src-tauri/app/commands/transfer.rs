//! Plaintext export (a Markdown folder, a JSON file) and import (Candor JSON, Markdown,
//! jrnl, Day One). Paths are typed by the user; the engine does all file IO.

use std::path::PathBuf;

use candor_engine::transfer::{self, ImportReport, Source};
use candor_engine::Journal;
use tauri::ipc::Channel;

use crate::dto::{
    count, ExportDone, ExportFormat, ExportInput, ImportDone, ImportInput, ImportSource, Progress,
    SkippedItem,
};
use crate::error::{AppError, AppResult};
use crate::run::blocking;
use tauri::AppHandle;

/// A full path from a text field.
fn full_path(s: &str, what: &str) -> AppResult<PathBuf> {
    let path = PathBuf::from(s.trim());
    if path.as_os_str().is_empty() || !path.is_absolute() {
        return Err(AppError::Invalid {
            message: format!("type the full path of the {what}"),
        });
    }
    Ok(path)
}

pub fn export(
    j: &Journal,
    input: &ExportInput,
    progress: &mut dyn FnMut(usize, usize),
) -> AppResult<ExportDone> {
    match input.format {
        ExportFormat::Markdown => {
            let dir = full_path(&input.path, "folder to export into")?;
            let r = transfer::export_markdown(j, &dir, progress)?;
            Ok(ExportDone {
                path: dir.display().to_string(),
                files: count(r.files),
                entries: count(r.entries),
                action_items: count(r.action_items),
            })
        }
        ExportFormat::Json => {
            let file = full_path(&input.path, "JSON file to write")?;
            let n = transfer::export_json(j, &file)?;
            Ok(ExportDone {
                path: file.display().to_string(),
                files: 1,
                entries: count(n),
                action_items: 0,
            })
        }
    }
}

pub fn import(
    j: &mut Journal,
    input: &ImportInput,
    progress: &mut dyn FnMut(usize, usize),
) -> AppResult<ImportDone> {
    let (source, what) = match input.source {
        ImportSource::Json => (Source::Json, "JSON export"),
        ImportSource::Markdown => (Source::Markdown, "Markdown folder"),
        ImportSource::Jrnl => (Source::Jrnl, "jrnl file"),
        ImportSource::Dayone => (Source::DayOne, "Day One export"),
    };
    let path = full_path(&input.path, what)?;
    Ok(done(transfer::import(j, source, &path, progress)?))
}

fn done(r: ImportReport) -> ImportDone {
    ImportDone {
        people: count(r.people),
        entries: count(r.entries),
        revisions: count(r.revisions),
        action_items: count(r.action_items),
        skipped: r
            .skipped
            .into_iter()
            .map(|s| SkippedItem {
                item: s.item,
                reason: s.reason,
            })
            .collect(),
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
        state.with(|j| export(j, &input, &mut progress))
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
        state.with(|j| import(j, &input, &mut progress))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::AppState;
    use candor_engine::model::NewEntry;
    use candor_engine::SecretString;

    #[test]
    fn an_export_imports_back_and_paths_must_be_full() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let state = AppState::new(tmp.path().join("j"), false);
        state
            .create(SecretString::from("correct horse battery".to_string()))
            .expect("create");
        let file = tmp.path().join("out.json");
        let md = tmp.path().join("md");
        state
            .with(|j| {
                j.log(NewEntry {
                    body: "a note".into(),
                    ..Default::default()
                })?;
                let json = ExportInput {
                    format: ExportFormat::Json,
                    path: file.display().to_string(),
                };
                assert_eq!(export(j, &json, &mut |_, _| {})?.entries, 1);
                // A second export to the same file is refused, not overwritten.
                assert!(matches!(
                    export(j, &json, &mut |_, _| {}),
                    Err(AppError::Invalid { .. })
                ));
                let folder = ExportInput {
                    format: ExportFormat::Markdown,
                    path: md.display().to_string(),
                };
                assert!(export(j, &folder, &mut |_, _| {})?.files >= 1);
                let relative = ExportInput {
                    format: ExportFormat::Json,
                    path: "out.json".into(),
                };
                assert!(matches!(
                    export(j, &relative, &mut |_, _| {}),
                    Err(AppError::Invalid { .. })
                ));
                Ok(())
            })
            .expect("export");

        let other = AppState::new(tmp.path().join("k"), false);
        other
            .create(SecretString::from("correct horse battery".to_string()))
            .expect("create");
        other
            .with(|j| {
                let r = import(
                    j,
                    &ImportInput {
                        source: ImportSource::Json,
                        path: file.display().to_string(),
                    },
                    &mut |_, _| {},
                )?;
                assert_eq!(r.entries, 1);
                let missing = import(
                    j,
                    &ImportInput {
                        source: ImportSource::Dayone,
                        path: tmp.path().join("nope.json").display().to_string(),
                    },
                    &mut |_, _| {},
                );
                assert!(missing.is_err());
                Ok(())
            })
            .expect("import");
    }
}
