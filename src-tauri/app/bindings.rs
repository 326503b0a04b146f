//! TypeScript bindings of every type that crosses the IPC boundary, written by ts-rs
//! into `ui/src/ipc/types/` (one file per type) and committed.
//!
//! `cargo test -p candor-app bindings` fails when the committed files are stale;
//! `UPDATE_BINDINGS=1 cargo test -p candor-app bindings` rewrites them.

use std::path::Path;

use ts_rs::{Config, ExportError, TS};

use crate::dto;
use crate::error::AppError;

/// Where the committed bindings live, relative to the package root.
pub const DIR: &str = "ui/src/ipc/types";

/// Writes the bindings of every command's arguments and results (and what they
/// contain) into `dir`.
pub fn export(dir: &Path) -> Result<(), ExportError> {
    // Counts and ids fit a JavaScript number; bigint would make every count awkward.
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    AppError::export_all(&cfg)?;
    dto::VaultStatus::export_all(&cfg)?;
    crate::picker::PickKind::export_all(&cfg)?;
    candor_engine::review::Packet::export_all(&cfg)?;
    candor_engine::goals::Goal::export_all(&cfg)?;
    candor_engine::goals::CheckIn::export_all(&cfg)?;
    dto::Created::export_all(&cfg)?;
    candor_engine::sync::SyncStatus::export_all(&cfg)?;
    candor_engine::sync::ApplyReport::export_all(&cfg)?;
    candor_engine::sync::Conflict::export_all(&cfg)?;
    dto::Progress::export_all(&cfg)?;
    dto::PersonInput::export_all(&cfg)?;
    dto::Timeline::export_all(&cfg)?;
    dto::EntryInput::export_all(&cfg)?;
    dto::ActionInput::export_all(&cfg)?;
    dto::ActionEdit::export_all(&cfg)?;
    dto::BackupChecked::export_all(&cfg)?;
    dto::Restored::export_all(&cfg)?;
    candor_engine::model::Version::export_all(&cfg)?;
    candor_engine::search::SearchOrder::export_all(&cfg)?;
    dto::EntryQuery::export_all(&cfg)?;
    dto::Today::export_all(&cfg)?;
    dto::SearchView::export_all(&cfg)?;
    dto::BackupInput::export_all(&cfg)?;
    dto::BackupDone::export_all(&cfg)?;
    dto::NudgeView::export_all(&cfg)?;
    dto::NudgeThreshold::export_all(&cfg)?;
    dto::ThemesQuery::export_all(&cfg)?;
    dto::SbiHelp::export_all(&cfg)?;
    dto::ExportInput::export_all(&cfg)?;
    dto::ExportDone::export_all(&cfg)?;
    dto::ImportInput::export_all(&cfg)?;
    dto::ImportDone::export_all(&cfg)?;
    candor_engine::themes::ThemesReport::export_all(&cfg)?;
    candor_engine::prompts::Prep::export_all(&cfg)?;
    candor_engine::drafts::Saved::export_all(&cfg)?;
    candor_engine::drafts::DraftFields::export_all(&cfg)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use super::*;

    fn read_dir(dir: &Path) -> BTreeMap<String, String> {
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".ts") {
                files.insert(
                    name,
                    std::fs::read_to_string(entry.path()).unwrap_or_default(),
                );
            }
        }
        files
    }

    #[test]
    fn bindings_are_up_to_date() {
        let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(DIR);
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            for name in read_dir(&committed).keys() {
                std::fs::remove_file(committed.join(name)).expect("remove a stale binding");
            }
            export(&committed).expect("write the bindings");
        }
        let fresh = tempfile::tempdir().expect("tempdir");
        export(fresh.path()).expect("export the bindings");
        let (want, have) = (read_dir(fresh.path()), read_dir(&committed));
        assert!(!want.is_empty(), "ts-rs exported nothing");
        assert_eq!(
            want.keys().collect::<Vec<_>>(),
            have.keys().collect::<Vec<_>>(),
            "the files in {DIR} differ from the Rust types; run \
             `UPDATE_BINDINGS=1 cargo test -p candor-app bindings` and commit the result"
        );
        for (name, text) in &want {
            assert_eq!(
                Some(text),
                have.get(name),
                "{DIR}/{name} is stale; run `UPDATE_BINDINGS=1 cargo test -p candor-app bindings`"
            );
        }
    }
}
