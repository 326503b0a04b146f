//! The command-line contract: every subcommand and flag.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "candor",
    version,
    about = "Candor: a private, encrypted journal for engineering managers",
    after_help = "The passphrase comes from --passphrase-file, CANDOR_PASSPHRASE, or a prompt.\n\
                  Exit status: 0 ok, 1 error, 2 bad usage, 3 wrong passphrase or recovery code, 4 damaged journal, 5 journal busy."
)]
pub struct Cli {
    /// The journal's directory [default: the OS data directory]
    #[arg(long, global = true, env = "CANDOR_VAULT", value_name = "DIR")]
    pub vault: Option<PathBuf>,
    /// Read the passphrase from this file (its first line)
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new journal and show its recovery code
    Init,
    /// Add, list and archive people
    #[command(subcommand)]
    Person(PersonCmd),
    /// Write an entry (the body comes from --body, --body-file or standard input)
    Log(LogArgs),
    /// List entries, newest first
    List(ListArgs),
    /// Show one entry
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change an entry; the previous version is kept in its history
    Edit {
        id: String,
        #[command(flatten)]
        fields: EntryFields,
        /// Change the kind of entry
        #[arg(long, value_name = "KIND")]
        kind: Option<String>,
        /// Mark planned feedback as delivered
        #[arg(long, conflicts_with = "planned")]
        delivered: bool,
        /// Mark received feedback as given
        #[arg(long, conflicts_with = "received")]
        given: bool,
    },
    /// Unfinished entries from the desktop editor (text kept until it makes an entry)
    Drafts {
        #[arg(long)]
        json: bool,
    },
    /// Every version of an entry, newest first
    History {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Make an earlier version current again (the current text is kept as a version)
    Revert {
        id: String,
        /// The version number `candor history` shows
        version: u32,
    },
    /// Move an entry to the trash
    Delete { id: String },
    /// List, restore or empty the trash
    #[command(subcommand)]
    Trash(TrashCmd),
    /// Action items that carry into the next meeting
    #[command(subcommand)]
    Todo(TodoCmd),
    /// Change the passphrase (new one from CANDOR_NEW_PASSPHRASE or a prompt)
    Passwd,
    /// Set a new passphrase with the recovery code (CANDOR_RECOVERY_CODE or a prompt)
    Recover,
    /// Issue a new recovery code (printed once); the old one stops working
    RecoveryCode,
    /// Rotate the data key: re-encrypt the journal, print a new recovery code; old backups
    /// and the old recovery code then no longer open it (close the desktop app first)
    Rekey,
    /// Fill the journal with a realistic demo (creates it when missing)
    #[cfg(feature = "demo")]
    Demo {
        /// How many entries (at most 1,000,000)
        #[arg(long, default_value_t = 2000,
              value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=1_000_000))]
        entries: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// The date of the last demo entry [default: today]
        #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
        until: Option<NaiveDate>,
    },
    /// Search the journal: words, "phrases", prefix*, -exclude, OR, person:NAME, kind:KIND,
    /// tag:TAG, after:DATE, before:DATE
    Search {
        /// The query; it may start with '-' (an exclusion)
        #[arg(allow_hyphen_values = true)]
        query: String,
        /// How many results to show, at least 1 (the total is always counted)
        #[arg(long, default_value_t = 20,
              value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the search index from every entry
    Reindex,
    /// Encrypted backups (age files): create, verify, restore, automatic
    #[command(subcommand)]
    Backup(crate::backup_cmd::BackupCmd),
    /// One journal on several devices, through a folder another tool syncs (encrypted)
    #[command(subcommand)]
    Sync(crate::sync_cmd::SyncCmd),
    /// Write the journal out as Markdown or JSON (plaintext: not encrypted)
    #[command(subcommand)]
    Export(crate::transfer_cmd::ExportCmd),
    /// Bring entries in from Candor JSON, Markdown, jrnl or Day One
    #[command(subcommand)]
    Import(crate::transfer_cmd::ImportCmd),
    /// Goals per person (or your own): add, list, show, done, drop, reopen, link
    #[command(subcommand)]
    Goal(crate::review_cmd::GoalCmd),
    /// Star an entry (a highlight for the review), or take the star away with --off
    Star {
        id: String,
        #[arg(long)]
        off: bool,
    },
    /// A review packet for NAME (or --me) from a period of the journal: counts, feedback
    /// by area, themes against the period before, goals, career talks, highlights
    Review(crate::review_cmd::ReviewArgs),
    /// Recurring themes: what comes back with a person, in a kind of entry or a period
    Themes(crate::insight_cmd::ThemesArgs),
    /// Nudges toward the people skills your notes neglect; dismiss or snooze them
    Nudges(crate::insight_cmd::NudgesArgs),
    /// An agenda for the next one-on-one with NAME
    Prep(crate::insight_cmd::PrepArgs),
    /// This week's reflection prompt (and the first-90-days track, the monthly path check)
    Reflect(crate::insight_cmd::ReflectArgs),
    /// Print shell completions
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Subcommand)]
pub enum PersonCmd {
    /// Add a person
    Add {
        name: String,
        #[arg(long)]
        role: Option<String>,
        /// report, mentee, mentor, peer, manager or skip-level
        #[arg(long, default_value = "report", value_name = "KIND")]
        relationship: String,
        /// One-on-one cadence in days
        #[arg(long, value_name = "DAYS")]
        cadence: Option<u32>,
    },
    /// List people, with when you last met and when the next one-on-one is due
    List {
        #[arg(long)]
        json: bool,
        /// Include archived people
        #[arg(long)]
        all: bool,
        /// Judge cadence as of this date [default: today]
        #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
        today: Option<NaiveDate>,
    },
    /// Change a person's name, role, relationship or one-on-one cadence
    Edit {
        name: String,
        /// A new name (unique, ignoring case)
        #[arg(long = "name", value_name = "NAME")]
        new_name: Option<String>,
        /// A new role ('' clears it)
        #[arg(long)]
        role: Option<String>,
        /// report, mentee, mentor, peer, manager or skip-level
        #[arg(long, value_name = "KIND")]
        relationship: Option<String>,
        /// One-on-one cadence in days, or 'none' to clear it
        #[arg(long, value_name = "DAYS", value_parser = parse_cadence)]
        cadence: Option<Cadence>,
    },
    /// Archive a person (their entries stay)
    Archive { name: String },
    /// Bring an archived person back
    Unarchive { name: String },
}

/// Fields shared by `log` and `edit`.
#[derive(Debug, Args, Default)]
pub struct EntryFields {
    /// Who the entry is with (created when new)
    #[arg(long = "with", value_name = "NAME")]
    pub person: Option<String>,
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    #[arg(long)]
    pub title: Option<String>,
    /// A tag (repeat for more)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Mood from 1 (rough) to 5 (great)
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub mood: Option<u8>,
    /// Feedback the manager received rather than gave
    #[arg(long)]
    pub received: bool,
    /// praise or constructive
    #[arg(long)]
    pub direction: Option<String>,
    /// Feedback: the situation
    #[arg(long)]
    pub situation: Option<String>,
    /// Feedback: the behaviour observed
    #[arg(long, alias = "behaviour")]
    pub behavior: Option<String>,
    /// Feedback: its impact
    #[arg(long)]
    pub impact: Option<String>,
    /// Feedback planned, not yet delivered
    #[arg(long)]
    pub planned: bool,
    /// The body as text
    #[arg(long, conflicts_with = "body_file")]
    pub body: Option<String>,
    /// Read the body from a file ('-' for standard input)
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
    /// A goal this entry checks in on (repeat for more)
    #[arg(long = "goal", value_name = "ID")]
    pub goals: Vec<String>,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// one-on-one, mentoring, feedback, reflection or note
    pub kind: String,
    #[command(flatten)]
    pub fields: EntryFields,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub since: Option<NaiveDate>,
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub until: Option<NaiveDate>,
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum TrashCmd {
    /// Entries in the trash
    List {
        #[arg(long)]
        json: bool,
    },
    /// Put an entry back
    Restore { id: String },
    /// Delete everything in the trash for good
    Empty,
}

#[derive(Debug, Subcommand)]
pub enum TodoCmd {
    /// Add an action item for someone
    Add {
        #[arg(long = "with", value_name = "NAME")]
        person: String,
        #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
        due: Option<NaiveDate>,
        /// me or them
        #[arg(long, default_value = "me")]
        owner: String,
        /// The entry it came from
        #[arg(long, value_name = "ID")]
        entry: Option<String>,
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// List action items
    List {
        /// Only open items
        #[arg(long)]
        open: bool,
        #[arg(long, value_name = "NAME")]
        person: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Mark an item done
    Done { id: String },
    /// Mark a done item open again
    Undo { id: String },
    /// Change an item's text, due date or owner
    Edit {
        id: String,
        #[arg(long)]
        text: Option<String>,
        /// A new due date, or 'none' to clear it
        #[arg(long, value_parser = parse_due, value_name = "YYYY-MM-DD")]
        due: Option<Due>,
        /// me or them
        #[arg(long)]
        owner: Option<String>,
    },
    /// Delete an item for good
    Delete { id: String },
}

/// A due date as typed: a date, or none.
#[derive(Debug, Clone, Copy)]
pub struct Due(pub Option<NaiveDate>);

pub fn parse_due(s: &str) -> Result<Due, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "none" | "" => Ok(Due(None)),
        t => parse_date(t).map(|d| Due(Some(d))),
    }
}

/// Dates are ISO (YYYY-MM-DD), or `today` / `yesterday`.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let today = chrono::Local::now().date_naive();
    match s.trim().to_ascii_lowercase().as_str() {
        "today" => Ok(today),
        "yesterday" => Ok(today - chrono::Days::new(1)),
        t => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map_err(|_| "expected a date as YYYY-MM-DD".to_string()),
    }
}

/// A cadence as typed: a number of days, or none.
#[derive(Debug, Clone, Copy)]
pub struct Cadence(pub Option<u32>);

pub fn parse_cadence(s: &str) -> Result<Cadence, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "none" | "off" => Ok(Cadence(None)),
        t => t
            .parse::<u32>()
            .map(|d| Cadence(Some(d)))
            .map_err(|_| "expected a number of days, or 'none'".to_string()),
    }
}
