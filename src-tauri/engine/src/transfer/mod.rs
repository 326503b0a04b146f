//! Plain formats in and out: export to Markdown and JSON, import from our JSON, a folder of
//! Markdown notes, jrnl (plain text and its JSON export) and Day One's JSON export.
//!
//! Exports write plaintext: they exist for the user to take their notes elsewhere, and the
//! caller says so. Imports parse the whole input first, then apply it in ONE transaction
//! (all or nothing), keep the search index in step in that same transaction, report what
//! they added and every item they skipped with the reason, and never add the same entry
//! twice: our own formats by entry id, the others by an import key (the source's id, or
//! a SHA-256 of the entry's date, title and body) kept in `import_keys`.

mod apply;
mod body_tags;
mod dayone;
mod dayone_zip;
mod filter;
mod frontmatter;
mod goal_notes;
mod jrnl;
mod json;
mod json_goals;
mod links;
mod markdown;
mod people_notes;
mod properties;
mod report;
mod sniff;
mod staging;

pub use filter::ExportFilter;
pub use json::{
    export_json, export_json_filtered, import_json, JsonExport, JSON_FORMAT, JSON_SCHEMA_VERSION,
};
pub use markdown::{export_markdown, export_markdown_filtered, import_markdown, ExportReport};
pub use report::NotCarried;

use std::path::Path;

use crate::model::ModelError;
use crate::store::StoreError;
use crate::Journal;

#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("{path} is not a valid {format} file ({why})")]
    BadFile {
        path: String,
        format: &'static str,
        why: String,
    },
    /// The file is something this importer does not read, and we can tell what it is.
    #[error("{path} {what}; {how}")]
    Recognised {
        path: String,
        what: &'static str,
        how: String,
    },
    #[error("the export was made by a newer version of Candor (schema {found}, this version reads up to {supported}); upgrade Candor to import it")]
    TooNew { found: u32, supported: u32 },
    #[error("{0} already exists; choose a new file name")]
    Exists(String),
    #[error("{0} is not empty; export into a new or empty directory")]
    NotEmpty(String),
    #[error("the date range is empty: its start is after its end")]
    EmptyRange,
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for TransferError {
    fn from(e: rusqlite::Error) -> Self {
        TransferError::Store(e.into())
    }
}

pub(crate) fn io_err(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> TransferError {
    let what = what.into();
    move |source| TransferError::Io { what, source }
}

/// Reads an import file whole. Only a regular file (or a link to one) is opened: a FIFO
/// would block forever and a device never end, so their type is checked first.
pub(crate) fn read_regular(path: &Path, format: &'static str) -> Result<Vec<u8>, TransferError> {
    let meta =
        std::fs::metadata(path).map_err(io_err(format!("cannot read {}", path.display())))?;
    if !meta.is_file() {
        return Err(TransferError::BadFile {
            path: path.display().to_string(),
            format,
            why: "it is not a regular file".into(),
        });
    }
    std::fs::read(path).map_err(io_err(format!("cannot read {}", path.display())))
}

/// Why a JSON file did not parse, by position only: serde's own messages can quote the
/// file's text, and no journal text goes into an error.
pub(crate) fn json_why(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Syntax => "a syntax error",
        Category::Data => "an unexpected value",
        Category::Eof => "it ends too early",
        Category::Io => "a read error",
    };
    format!("{what} at line {} column {}", e.line(), e.column())
}

/// An item an import left out, and why. `item` says where it was (a file, a line, an
/// index), never what it said.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    pub item: String,
    pub reason: String,
}

/// What an import added, what it skipped, and what of the entries it added did not come
/// over.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    pub people: u64,
    pub entries: u64,
    /// Goals added (a Candor JSON export carries them).
    pub goals: u64,
    pub revisions: u64,
    pub action_items: u64,
    pub skipped: Vec<Skipped>,
    /// Per field of the source, what of the imported entries was not carried over (or was
    /// carried over differently), with how many entries it concerns.
    pub not_carried: Vec<NotCarried>,
    /// Items imported with a caveat (a date taken from elsewhere, text that looked like
    /// the start of an entry), by where they were, never what they said.
    pub notices: Vec<Skipped>,
    /// Items whose id was not a ULID, imported under a new one.
    pub rekeyed: Vec<Rekeyed>,
}

/// An item imported under a new id because its own was not a ULID.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Rekeyed {
    pub item: String,
    /// The id it had (at most 40 characters of it).
    pub old: String,
    pub new: String,
}

/// The formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Candor's own JSON export (lossless).
    Json,
    /// A folder of Markdown files, with or without YAML front matter.
    Markdown,
    /// jrnl's plain-text journal file or its `--export json` output.
    Jrnl,
    /// Day One's export: its zip as it is, or the `Journal.json` in it.
    DayOne,
}

/// Imports `path` in the given format. `progress(done, total)` counts items.
pub fn import(
    journal: &mut Journal,
    source: Source,
    path: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, TransferError> {
    sniff::check(path, source)?;
    match source {
        Source::Json => import_json(journal, path, progress),
        Source::Markdown => import_markdown(journal, path, progress),
        Source::Jrnl => {
            let parsed = jrnl::parse_file(path)?;
            apply::import_notes(journal, parsed, progress)
        }
        Source::DayOne => {
            let parsed = if sniff::is_zip(path) {
                dayone_zip::parse_file(path)?
            } else {
                dayone::parse_file(path)?
            };
            apply::import_notes(journal, parsed, progress)
        }
    }
}

#[cfg(test)]
mod export_tests;
#[cfg(test)]
mod tests;

#[cfg(test)]
mod hostile_tests;
#[cfg(test)]
mod reimport_tests;
#[cfg(test)]
mod roundtrip_tests;
