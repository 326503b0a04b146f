//! Files and folders come from the system's dialogs, opened here in Rust: the page asks
//! for a dialog of a kind and is told what the person chose. Export, import, backup and
//! restore then take only a path chosen that way in this run (or the backup folder the
//! settings name), so a page that misbehaves cannot make Candor write a plaintext export,
//! read a file or replace the journal anywhere the person did not choose.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, FilePath};

use crate::error::{AppError, AppResult};
use crate::run::blocking;

/// What a dialog is for; each kind is a different dialog and a separate list of choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, ts_rs::TS)]
pub enum PickKind {
    /// Where backups are written.
    BackupFolder,
    /// A backup to verify or restore.
    BackupFile,
    /// A folder for a Markdown export.
    ExportFolder,
    /// The file a JSON export is written to.
    ExportFile,
    /// A file to import (JSON, jrnl, Day One).
    ImportFile,
    /// A folder of Markdown notes to import.
    ImportFolder,
    /// The file a review packet is saved to (Markdown, or HTML by its name).
    ReviewFile,
    /// A folder another tool syncs, to sync the journal through (or join from).
    SyncFolder,
}

/// The paths chosen in dialogs during this run, by kind. Nothing is written to disk.
#[derive(Default)]
pub struct Picks(Mutex<HashSet<(PickKind, PathBuf)>>);

impl Picks {
    pub fn allow(&self, kind: PickKind, path: &Path) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert((kind, path.to_path_buf()));
    }

    /// The path, when the person chose it in a dialog of this kind.
    pub fn check(&self, kind: PickKind, path: &str) -> AppResult<PathBuf> {
        let path = PathBuf::from(path.trim());
        let known = self
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&(kind, path.clone()));
        if path.as_os_str().is_empty() || !known {
            return Err(AppError::Invalid {
                message: "choose the file or folder with the Choose… button".into(),
            });
        }
        Ok(path)
    }
}

fn to_path(p: FilePath) -> Option<PathBuf> {
    p.into_path().ok()
}

/// Opens the system's dialog of this kind (blocking this command's thread, not the
/// window) and answers the chosen path, or nothing when the person cancelled.
#[tauri::command]
pub async fn choose_path(app: AppHandle, kind: PickKind) -> AppResult<Option<String>> {
    let dialogs = app.clone();
    blocking(app, move |state| {
        // Starting in a folder, not GTK's "Recent" view, which lists nothing on a new
        // machine and where a typed folder cannot be chosen.
        let mut d = dialogs.dialog().file();
        if let Some(home) = directories::UserDirs::new().map(|u| u.home_dir().to_path_buf()) {
            d = d.set_directory(home);
        }
        let chosen = match kind {
            PickKind::BackupFolder => d.set_title("Folder for backups").blocking_pick_folder(),
            PickKind::BackupFile => d
                .set_title("Choose a backup")
                .add_filter("Candor backup", &["age", "txt"])
                .blocking_pick_file(),
            PickKind::ExportFolder => d
                .set_title("Folder to export Markdown into")
                .blocking_pick_folder(),
            PickKind::ExportFile => d
                .set_title("Export as JSON")
                .set_file_name("candor-export.json")
                .add_filter("JSON", &["json"])
                .blocking_save_file(),
            PickKind::ImportFile => d.set_title("File to import").blocking_pick_file(),
            PickKind::ReviewFile => d
                .set_title("Save the review")
                .set_file_name("review.md")
                .add_filter("Markdown", &["md"])
                .add_filter("Web page (print or PDF)", &["html"])
                .blocking_save_file(),
            PickKind::ImportFolder => d
                .set_title("Folder of Markdown notes to import")
                .blocking_pick_folder(),
            PickKind::SyncFolder => d
                .set_title("Folder to sync the journal through")
                .blocking_pick_folder(),
        };
        let Some(path) = chosen.and_then(to_path) else {
            return Ok(None);
        };
        state.picks().allow(kind, &path);
        Ok(Some(path.display().to_string()))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_chosen_in_a_dialog_of_that_kind_pass() {
        let picks = Picks::default();
        assert!(picks.check(PickKind::ExportFolder, "/tmp/out").is_err());
        picks.allow(PickKind::ExportFolder, Path::new("/tmp/out"));
        assert_eq!(
            picks.check(PickKind::ExportFolder, " /tmp/out ").ok(),
            Some(PathBuf::from("/tmp/out"))
        );
        assert!(
            picks.check(PickKind::ImportFolder, "/tmp/out").is_err(),
            "a folder chosen for export is not one to import from"
        );
        assert!(picks.check(PickKind::ExportFolder, "/tmp/out/..").is_err());
        assert!(picks.check(PickKind::ExportFolder, "").is_err());
    }
}
