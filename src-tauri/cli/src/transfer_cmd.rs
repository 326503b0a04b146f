//! `candor export …` and `candor import …`.

use std::path::PathBuf;

use candor_engine::transfer::{self, ImportReport, Source, TransferError};
use candor_engine::Journal;
use clap::Subcommand;

use crate::backup_cmd::bar;
use crate::CliError;

#[derive(Debug, Subcommand)]
pub enum ExportCmd {
    /// One Markdown file per entry, with YAML front matter, in a folder per person
    Markdown {
        /// A new or empty directory
        dir: PathBuf,
    },
    /// The whole journal (trash and earlier versions included) as one JSON file
    Json { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// A Candor JSON export (ids kept; what is already here is skipped)
    Json {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// A folder of Markdown notes (a Candor export, Obsidian, plain notes)
    Markdown {
        dir: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// A jrnl journal file, plain text or `jrnl --export json`
    Jrnl {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// A Day One JSON export (Journal.json)
    Dayone {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

impl From<TransferError> for CliError {
    fn from(e: TransferError) -> Self {
        CliError::Engine(e.into())
    }
}

fn warn_plaintext(what: &std::path::Path) {
    eprintln!(
        "candor: warning: the export is NOT encrypted; anyone who can read {} can read these notes. \
         Delete it when you no longer need it.",
        what.display()
    );
}

pub fn export(journal: Journal, cmd: ExportCmd) -> Result<(), CliError> {
    match cmd {
        ExportCmd::Markdown { dir } => {
            warn_plaintext(&dir);
            let b = bar(0, "entries");
            let r = transfer::export_markdown(&journal, &dir, &mut |done, total| {
                b.set_length(total as u64);
                b.set_position(done as u64);
            })?;
            b.finish_and_clear();
            println!(
                "Exported {} entries and {} action items as {} Markdown files into {}.",
                r.entries,
                r.action_items,
                r.files,
                dir.display()
            );
            Ok(())
        }
        ExportCmd::Json { file } => {
            warn_plaintext(&file);
            let n = transfer::export_json(&journal, &file)?;
            println!("Exported the journal ({n} entries) to {}.", file.display());
            Ok(())
        }
    }
}

pub fn import(mut journal: Journal, cmd: ImportCmd) -> Result<(), CliError> {
    let (source, path, json) = match cmd {
        ImportCmd::Json { file, json } => (Source::Json, file, json),
        ImportCmd::Markdown { dir, json } => (Source::Markdown, dir, json),
        ImportCmd::Jrnl { file, json } => (Source::Jrnl, file, json),
        ImportCmd::Dayone { file, json } => (Source::DayOne, file, json),
    };
    let b = bar(0, "items");
    let r = transfer::import(&mut journal, source, &path, &mut |done, total| {
        b.set_length(total as u64);
        b.set_position(done as u64);
    })?;
    b.finish_and_clear();
    if json {
        return crate::render::json(&r);
    }
    print_report(&r);
    Ok(())
}

fn print_report(r: &ImportReport) {
    println!(
        "Imported {} entries, {} new people, {} action items and {} earlier versions.",
        r.entries, r.people, r.action_items, r.revisions
    );
    if !r.skipped.is_empty() {
        println!("Skipped {}:", r.skipped.len());
        for s in &r.skipped {
            println!("  {}: {}", s.item, s.reason);
        }
    }
    if !r.rekeyed.is_empty() {
        println!(
            "New ids for {} items whose id was not a ULID:",
            r.rekeyed.len()
        );
        for k in &r.rekeyed {
            println!("  {}: {:?} -> {}", k.item, k.old, k.new);
        }
    }
}
