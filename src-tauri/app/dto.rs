//! What the commands take and return, beyond the engine's own model types.
//!
//! Each type derives `ts_rs::TS`; `bindings.rs` writes them to `ui/src/ipc/types/`.
//! Dates travel as `YYYY-MM-DD` strings. Inputs carry dates as plain strings and are
//! parsed here, so a malformed one is an `AppError::Invalid` rather than a serde failure.

use candor_engine::model::{ActionItem, Direction, Entry, Kind, Owner, Person, Relationship};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{AppError, AppResult};

/// Where the app stands before anything is unlocked.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VaultStatus {
    /// A journal exists in the vault directory.
    pub exists: bool,
    pub unlocked: bool,
    /// Opened with `--demo`: the demo passphrase may be shown.
    pub demo: bool,
    pub demo_passphrase: Option<String>,
    pub vault_dir: String,
    pub min_passphrase_chars: u32,
    pub settings: Settings,
    pub version: String,
}

/// Returned once, at creation; the app never stores or shows it again.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Created {
    pub recovery_code: String,
}

/// Preferences of this journal, kept beside it (they hold no journal text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    /// Minutes without activity before the journal locks itself; 0 never locks.
    pub auto_lock_minutes: u32,
    /// Where backups go; the documents folder's `Candor backups` when unset.
    #[serde(default)]
    pub backup_dir: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            auto_lock_minutes: 10,
            backup_dir: None,
        }
    }
}

/// A backup to make now.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct BackupInput {
    /// The folder to write it in (created if missing); the file name is chosen by date.
    pub dir: String,
    /// The backup's own passphrase (age's scrypt mode): anyone with it and the file can
    /// read the journal as it was, with the standard `age` tool.
    pub passphrase: String,
    /// ASCII armour: a text file that survives copy and paste.
    pub armor: bool,
}

/// A backup that was written and verified by reading it back.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupDone {
    pub path: String,
    pub bytes: u64,
    pub people: u64,
    pub entries: u64,
    pub action_items: u64,
    pub created_at: String,
}

/// Progress of long work (building the demo journal, reindexing).
#[derive(Debug, Clone, Copy, Serialize, TS)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PersonInput {
    pub name: String,
    pub role: Option<String>,
    pub relationship: Relationship,
    pub cadence_days: Option<u32>,
}

/// How a person's one-on-ones keep up with their cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CadenceStatus {
    /// No cadence set for them.
    NoCadence,
    /// A cadence, but no meeting logged yet.
    NeverMet,
    OnTrack,
    /// Due within the next two days.
    DueSoon,
    Overdue,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PersonSummary {
    pub person: Person,
    /// The date of the last one-on-one or mentoring session.
    pub last_meeting: Option<NaiveDate>,
    /// When the next one is due by their cadence.
    pub next_due: Option<NaiveDate>,
    pub cadence: CadenceStatus,
    /// Days past `next_due` (0 unless overdue).
    pub days_overdue: u32,
    pub open_actions: u32,
}

/// Praise against constructive feedback for one person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct FeedbackBalance {
    pub praise: u32,
    pub constructive: u32,
    /// Constructive or praise written down but not yet delivered.
    pub planned: u32,
    /// The same counts over the last 90 days.
    pub recent_praise: u32,
    pub recent_constructive: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Timeline {
    pub summary: PersonSummary,
    /// Newest first, at most `TIMELINE_LIMIT`.
    pub entries: Vec<Entry>,
    pub total_entries: u32,
    pub actions: Vec<ActionItem>,
    pub feedback: FeedbackBalance,
    /// Entries with others that mention them (`@Name`), newest first.
    pub mentioned_in: Vec<Entry>,
    /// Which of `entries` are starred (highlights for the review).
    pub starred: Vec<String>,
}

/// Feedback in Situation–Behaviour–Impact form.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct FeedbackFields {
    pub direction: Direction,
    pub situation: String,
    pub behavior: String,
    pub impact: String,
    /// Feedback the manager received rather than gave.
    pub received: bool,
    /// Written down before it is delivered.
    pub planned: bool,
}

/// An entry as the editor holds it: every field, for a new entry or a full save.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct EntryInput {
    pub kind: Kind,
    /// `YYYY-MM-DD`; today when absent.
    pub date: Option<String>,
    pub person: Option<String>,
    pub title: Option<String>,
    pub body: String,
    pub tags: Vec<String>,
    pub mood: Option<u8>,
    pub feedback: Option<FeedbackFields>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ActionInput {
    pub person: String,
    pub text: String,
    pub owner: Owner,
    /// `YYYY-MM-DD`.
    pub due: Option<String>,
    pub entry_id: Option<String>,
}

/// What a verified backup holds.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupChecked {
    pub created_at: String,
    pub entries: u32,
    pub people: u32,
    pub action_items: u32,
}

/// A restore done: how many entries the journal now has, and where the one it replaced is.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Restored {
    pub entries: u32,
    pub safety_copy: Option<String>,
}

/// An action item as its edit form has it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ActionEdit {
    pub text: String,
    pub owner: Owner,
    /// `YYYY-MM-DD`, or none to clear it.
    pub due: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct EntryQuery {
    pub person: Option<String>,
    pub kind: Option<Kind>,
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Copy, Serialize, TS)]
pub struct Counts {
    pub people: u32,
    pub entries: u32,
    pub trashed: u32,
    pub open_actions: u32,
}

/// The first screen after unlocking.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Today {
    pub date: NaiveDate,
    pub open_actions: Vec<ActionItem>,
    /// People whose one-on-one is overdue (or due soon), most overdue first.
    pub due: Vec<PersonSummary>,
    pub recent: Vec<Entry>,
    pub counts: Counts,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SearchHit {
    pub id: String,
    pub date: NaiveDate,
    pub kind: Kind,
    pub person: Option<String>,
    pub title: String,
    /// The best passage; matching words are marked `**like this**`.
    pub snippet: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SearchView {
    pub total: u32,
    pub hits: Vec<SearchHit>,
    /// Time the engine took, for the "n results in x ms" line.
    pub millis: f64,
}

/// An entry named in a list (a nudge's evidence, a theme's entries): enough to open it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct EntryRef {
    pub id: String,
    pub date: NaiveDate,
    pub kind: Kind,
    pub person: Option<String>,
    pub title: String,
}

impl From<&Entry> for EntryRef {
    fn from(e: &Entry) -> Self {
        EntryRef {
            id: e.id.clone(),
            date: e.date,
            kind: e.kind,
            person: e.person.clone(),
            title: e.title.clone(),
        }
    }
}

/// A nudge as Today shows it: the skill by its label and the evidence as entries.
#[derive(Debug, Clone, Serialize, TS)]
pub struct NudgeView {
    pub id: String,
    /// The skill it practises, as a label ("Giving difficult feedback").
    pub skill: String,
    pub person: Option<String>,
    pub message: String,
    pub suggestion: String,
    /// The entries behind it, newest first, at most `EVIDENCE_LIMIT`.
    pub evidence: Vec<EntryRef>,
    pub evidence_total: u32,
    /// When it stands for several of the same kind (one per person): what each says.
    pub members: Vec<String>,
    /// `shown`, `snoozed` or `dismissed` (the last two only in the list of every nudge).
    pub status: String,
    /// A snoozed nudge shows again on this date.
    pub until: Option<NaiveDate>,
    /// The engine's short list ("today") or the rest ("later").
    pub group: candor_engine::nudges::NudgeGroup,
}

/// One nudge threshold as Settings lists it: its stored value, default and allowed range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NudgeThreshold {
    /// The setting's name (`candor nudges set KEY VALUE` takes the same).
    pub key: String,
    /// What the threshold means, in a sentence.
    pub description: String,
    pub value: u32,
    pub default: u32,
    /// The smallest and largest value accepted.
    pub min: u32,
    pub max: u32,
}

impl From<candor_engine::nudges::SettingInfo> for NudgeThreshold {
    fn from(i: candor_engine::nudges::SettingInfo) -> Self {
        NudgeThreshold {
            key: i.key,
            description: i.description,
            value: i.value,
            default: i.default,
            min: i.min,
            max: i.max,
        }
    }
}

/// Which entries to find themes in; all absent: the whole journal.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ThemesQuery {
    pub person: Option<String>,
    pub kind: Option<Kind>,
    /// `YYYY-MM-DD`, inclusive.
    pub since: Option<String>,
    pub until: Option<String>,
    /// How many themes at most (15 when absent).
    pub limit: Option<u32>,
}

/// Situation–Behaviour–Impact help beside a feedback draft.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SbiHelp {
    /// The checklist for this direction of feedback.
    pub guidance: Vec<String>,
    /// What the draft still lacks; empty when it looks complete.
    pub hints: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// One Markdown file per entry in a new or empty folder.
    Markdown,
    /// The whole journal as one JSON file.
    Json,
}

/// A plaintext export to write.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportInput {
    pub format: ExportFormat,
    /// A full path: a new or empty folder (Markdown) or a new file (JSON).
    pub path: String,
    /// Only this person's entries (and items), when given.
    #[serde(default)]
    #[ts(optional)]
    pub person: Option<String>,
    /// Only entries dated on or after / on or before these days (YYYY-MM-DD).
    #[serde(default)]
    #[ts(optional)]
    pub since: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub until: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportDone {
    pub path: String,
    pub files: u32,
    pub entries: u32,
    pub action_items: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportSource {
    Json,
    Markdown,
    Jrnl,
    Dayone,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ImportInput {
    pub source: ImportSource,
    /// A full path: a file (JSON, jrnl, Day One) or a folder (Markdown).
    pub path: String,
}

/// An item an import left out: where it was (never what it said) and why.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SkippedItem {
    pub item: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportDone {
    pub people: u32,
    pub entries: u32,
    pub revisions: u32,
    pub action_items: u32,
    pub skipped: Vec<SkippedItem>,
    /// Per field of the source, what did not come over (or came over differently).
    pub not_carried: Vec<NotCarriedItem>,
    /// Items imported with a caveat, by where they were.
    pub notices: Vec<SkippedItem>,
}

/// A field of the source an import did not carry over, for how many entries, and what
/// happened to it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct NotCarriedItem {
    pub field: String,
    pub count: u32,
    pub what: String,
}

/// Parses an optional `YYYY-MM-DD` from an input field; blank means none.
pub fn parse_date(s: Option<&str>, field: &'static str) -> AppResult<Option<NaiveDate>> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| AppError::Invalid {
                message: format!("{field} must be a date as YYYY-MM-DD"),
            }),
    }
}

/// Counts as `u32` for TypeScript's `number`; saturates rather than wraps.
pub fn count(n: impl TryInto<u32>) -> u32 {
    n.try_into().unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_or_say_which_field() {
        assert_eq!(parse_date(None, "due").ok(), Some(None));
        assert_eq!(parse_date(Some("  "), "due").ok(), Some(None));
        assert_eq!(
            parse_date(Some("2025-03-04"), "due").ok().flatten(),
            NaiveDate::from_ymd_opt(2025, 3, 4)
        );
        match parse_date(Some("4/3/2025"), "due") {
            Err(AppError::Invalid { message }) => assert!(message.starts_with("due")),
            other => panic!("expected Invalid, got {other:?}"),
        }
    }
}
