//! `candor export …` and `candor import …`.

use std::path::PathBuf;

use candor_engine::transfer::{self, ExportFilter, ImportReport, Source, TransferError};
use candor_engine::Journal;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

use crate::backup_cmd::bar;
use crate::cli::parse_date;
use crate::CliError;

#[derive(Debug, Subcommand)]
pub enum ExportCmd {
    /// One Markdown file per entry, with YAML front matter, in a folder per person
    Markdown {
        /// A new or empty directory
        dir: PathBuf,
        #[command(flatten)]
        scope: ScopeArgs,
    },
    /// The whole journal (trash and earlier versions included) as one JSON file
    Json {
        file: PathBuf,
        #[command(flatten)]
        scope: ScopeArgs,
    },
}

/// Limits an export; without these it covers the whole journal.
#[derive(Debug, Args)]
pub struct ScopeArgs {
    /// Only this person's entries and action items
    #[arg(long, value_name = "NAME")]
    person: Option<String>,
    /// Only entries on or after this date
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    since: Option<NaiveDate>,
    /// Only entries on or before this date
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    until: Option<NaiveDate>,
}

impl ScopeArgs {
    fn filter(self) -> ExportFilter {
        ExportFilter {
            person: self.person,
            since: self.since,
            until: self.until,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// A Candor JSON export (ids kept; what is already here is skipped)
    Json {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// A folder of Markdown notes: a Candor export, an Obsidian vault, Joplin's "Markdown +
    /// Front Matter" export, plain notes (also `import obsidian`, `import joplin`)
    #[command(visible_aliases = ["obsidian", "joplin"])]
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
    /// A Day One JSON export (the Journal.json inside Day One's export zip)
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
        ExportCmd::Markdown { dir, scope } => {
            warn_plaintext(&dir);
            let b = bar(0, "entries");
            let filter = scope.filter();
            let r =
                transfer::export_markdown_filtered(&journal, &dir, &filter, &mut |done, total| {
                    b.set_length(total as u64);
                    b.set_position(done as u64);
                })?;
            b.finish_and_clear();
            println!(
                "Exported {} entries, {} people, {} goals and {} action items as {} Markdown files \
                 into {}.",
                r.entries,
                r.people,
                r.goals,
                r.action_items,
                r.files,
                dir.display()
            );
            Ok(())
        }
        ExportCmd::Json { file, scope } => {
            warn_plaintext(&file);
            let filter = scope.filter();
            let what = if filter.is_all() {
                "the journal"
            } else {
                "part of the journal"
            };
            let n = transfer::export_json_filtered(&journal, &file, &filter)?;
            println!("Exported {what} ({n} entries) to {}.", file.display());
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
    if !r.not_carried.is_empty() {
        println!("Not carried over (field, how many, what happened):");
        for n in &r.not_carried {
            println!("  {} ({}): {}", n.field, n.count, n.what);
        }
    }
    if !r.notices.is_empty() {
        println!("Check {}:", r.notices.len());
        for s in &r.notices {
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
