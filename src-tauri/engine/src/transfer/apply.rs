//! Applying notes parsed from another app's format, in one transaction.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use super::report::{loss, Loss, Tally};
use super::{ImportReport, Skipped, TransferError};
use crate::model::entries::{default_title, normalize_tags, validate, write_entry};
use crate::model::people::{find_person, person_or_create};
use crate::model::{new_id, now, Entry, FeedbackInput, Kind, ModelError, Owner};
use crate::Journal;

/// One entry as another format describes it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Note {
    /// Where it was, for the report (a line, an index, a file); never its text.
    pub item: String,
    /// An id to keep (our own Markdown export); an entry with it already is a duplicate.
    pub id: Option<String>,
    /// The import key; notes without one are keyed by the hash of their content.
    pub key: Option<String>,
    pub kind: Option<Kind>,
    pub date: Option<NaiveDate>,
    /// When it was written, if the source says.
    pub written: Option<NaiveDateTime>,
    pub person: Option<String>,
    pub title: Option<String>,
    pub body: String,
    pub tags: Vec<String>,
    pub mood: Option<i64>,
    pub feedback: FeedbackInput,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub actions: Vec<NoteAction>,
    /// What of the source entry does not come over; counted only if the note is imported.
    pub losses: Vec<Loss>,
    /// Titles of the goals it checks in on (Candor's own Markdown export).
    pub goals: Vec<String>,
    /// Ids of goals it checks in on, from links to goal notes of the same export.
    pub goal_ids: Vec<String>,
    pub starred: bool,
    /// The UTC offset it was written at (minutes east of UTC) and the zone's name, when
    /// the source says.
    pub utc_offset_minutes: Option<i32>,
    pub zone: Option<String>,
    /// Other notes in the same input this one links to (Obsidian's wikilinks between
    /// notes), as (the target written in the text, lower-cased; the other note's `item`):
    /// links between the entries once both are in the journal.
    pub links_to: Vec<(String, String)>,
}

/// A goal as a note of our Markdown export describes it (`Goals/<Title>.md`).
#[derive(Debug, Clone)]
pub(crate) struct NoteGoal {
    pub item: String,
    pub id: String,
    pub title: String,
    /// The person's name (a link to their note until resolved); `None`: the manager's own.
    pub person: Option<String>,
    pub kind: crate::goals::GoalKind,
    pub status: crate::goals::GoalStatus,
    pub due: Option<NaiveDate>,
    pub description: String,
    pub created_at: Option<String>,
    pub closed_at: Option<String>,
}

/// A person as a note of our Markdown export describes them (`People/<Name>.md`).
#[derive(Debug, Clone, Default)]
pub(crate) struct NotePerson {
    pub item: String,
    /// The note's file name without `.md`, which links to the person point at.
    pub stem: String,
    pub id: Option<String>,
    pub name: String,
    pub role: Option<String>,
    pub relationship: Option<crate::model::Relationship>,
    pub cadence_days: Option<u32>,
    pub archived: bool,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    /// Keys whose values Candor could not read.
    pub unread: Vec<&'static str>,
    /// The note has text beyond what the export wrote (added in another app).
    pub extra_text: bool,
}

/// An action item from a Markdown task list.
#[derive(Debug, Clone)]
pub(crate) struct NoteAction {
    pub item: String,
    pub person: Option<String>,
    pub text: String,
    pub owner: Owner,
    pub due: Option<NaiveDate>,
    pub done: bool,
}

/// Everything parsed from one input, before anything is written.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub notes: Vec<Note>,
    /// People with their details (our Markdown export's person notes), added first.
    pub people: Vec<NotePerson>,
    /// Goals with their details (our Markdown export's goal notes), added next.
    pub goals: Vec<NoteGoal>,
    /// Action items that belong to no note (a person's task list file).
    pub actions: Vec<NoteAction>,
    pub skipped: Vec<Skipped>,
    /// Items imported with a caveat (where they were and what to check).
    pub notices: Vec<Skipped>,
    /// What of the input as a whole did not come over (files that are not notes).
    pub tally: Tally,
}

pub(crate) fn skip(item: impl Into<String>, reason: impl Into<String>) -> Skipped {
    Skipped {
        item: item.into(),
        reason: reason.into(),
    }
}

/// A content key: the same entry in the same source always hashes the same.
pub(crate) fn content_key(prefix: &str, parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    format!("{prefix}:{}", hex::encode(h.finalize()))
}

/// Keys made from an entry's content repeat when one file holds the same entry twice
/// (two identical jrnl entries in the same minute): the second and later ones get their
/// number in the file, so each comes in once, and importing the file again still finds
/// every one of them by the same key.
pub(crate) fn number_repeats(notes: &mut [Note]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for n in notes.iter_mut() {
        if let Some(k) = n.key.as_mut() {
            let count = seen.entry(k.clone()).or_insert(0);
            *count += 1;
            if *count > 1 {
                k.push_str(&format!("#{count}"));
            }
        }
    }
}

/// Runs `f` inside one journal write: all of it is saved (search index included), or none.
pub(crate) fn in_one_transaction<T>(
    journal: &mut Journal,
    f: impl FnOnce(&Transaction<'_>) -> Result<T, TransferError>,
) -> Result<T, TransferError> {
    let mut failure = None;
    let out = journal.write(|tx| match f(tx) {
        Ok(v) => Ok(v),
        Err(e) => {
            failure = Some(e);
            Err(ModelError::Invalid("the import was rolled back"))
        }
    });
    match (out, failure) {
        (Ok(v), _) => Ok(v),
        (Err(_), Some(e)) => Err(e),
        (Err(e), None) => Err(e.into()),
    }
}

pub(crate) fn import_notes(
    journal: &mut Journal,
    parsed: Parsed,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, TransferError> {
    in_one_transaction(journal, |tx| apply(tx, parsed, progress))
}

/// The entry an earlier import made from the same source entry, if any.
fn key_entry(tx: &Transaction<'_>, key: &str) -> Result<Option<String>, TransferError> {
    Ok(tx
        .prepare_cached("SELECT entry_id FROM import_keys WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

fn entry_exists(tx: &Transaction<'_>, id: &str) -> Result<bool, TransferError> {
    Ok(tx
        .prepare_cached("SELECT 1 FROM entries WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// A ULID as we write them: 26 Crockford base32 characters.
pub(crate) fn is_id(s: &str) -> bool {
    s.len() == 26 && s.parse::<ulid::Ulid>().is_ok() && s == s.to_ascii_uppercase()
}

fn person(
    tx: &Transaction<'_>,
    name: &str,
    report: &mut ImportReport,
) -> Result<crate::model::Person, TransferError> {
    if find_person(tx, name)?.is_none() {
        report.people += 1;
    }
    Ok(person_or_create(tx, name)?)
}

fn stamp(t: NaiveDateTime) -> String {
    // Local wall-clock times from other apps, stored like our own timestamps.
    let local = t
        .and_local_timezone(chrono::Local)
        .earliest()
        .map(|l| l.with_timezone(&chrono::Utc))
        .unwrap_or_else(|| t.and_utc());
    local.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn apply(
    tx: &Transaction<'_>,
    parsed: Parsed,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, TransferError> {
    let mut report = ImportReport {
        skipped: parsed.skipped,
        notices: parsed.notices,
        ..Default::default()
    };
    let mut tally = parsed.tally;
    let total =
        parsed.people.len() + parsed.goals.len() + parsed.notes.len() + parsed.actions.len();
    let mut done = 0;
    for p in parsed.people {
        done += 1;
        progress(done, total);
        add_person(tx, p, &mut report, &mut tally)?;
    }
    for g in parsed.goals {
        done += 1;
        progress(done, total);
        add_goal(tx, g, &mut report)?;
    }
    // Where each note is in the journal (new, or there from an earlier import), and the
    // links between notes to make once all are in.
    let mut entry_of: HashMap<String, String> = HashMap::new();
    let mut links: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for note in parsed.notes {
        done += 1;
        progress(done, total);
        if !note.links_to.is_empty() {
            links.push((note.item.clone(), note.links_to.clone()));
        }
        let title = note.title.as_deref().map(str::trim).unwrap_or("");
        if title.is_empty() && note.body.trim().is_empty() {
            report
                .skipped
                .push(skip(&note.item, "empty: no title and no text"));
            continue;
        }
        let date = match note.date.or(note.written.map(|w| w.date())) {
            Some(d) => d,
            None => {
                report.skipped.push(skip(&note.item, "no date"));
                continue;
            }
        };
        let id = match note.id.as_deref().filter(|i| is_id(i)) {
            Some(i) if entry_exists(tx, i)? => {
                entry_of.insert(note.item.clone(), i.to_string());
                report
                    .skipped
                    .push(skip(&note.item, "already in the journal (same entry id)"));
                continue;
            }
            Some(i) => i.to_string(),
            None => new_id(),
        };
        let mut kind = note.kind.unwrap_or(Kind::Note);
        let key = note.key.clone().unwrap_or_else(|| {
            content_key(
                "note",
                &[&date.to_string(), kind.as_str(), title, &note.body],
            )
        });
        if let Some(existing) = key_entry(tx, &key)? {
            entry_of.insert(note.item.clone(), existing);
            report
                .skipped
                .push(skip(&note.item, "already imported (same source entry)"));
            continue;
        }
        let who = match note
            .person
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            Some(name) => Some(person(tx, name, &mut report)?),
            None => None,
        };
        if kind.needs_person() && who.is_none() {
            kind = Kind::Note;
        }
        let created = note
            .created_at
            .clone()
            .or(note.written.map(stamp))
            .unwrap_or_else(now);
        let entry = Entry {
            id: id.clone(),
            kind,
            date,
            person_id: who.as_ref().map(|p| p.id.clone()),
            person: who.as_ref().map(|p| p.name.clone()),
            title: if title.is_empty() {
                default_title(kind, who.as_ref().map(|p| p.name.as_str()), &note.body)
            } else {
                title.to_string()
            },
            body: note.body.clone(),
            tags: normalize_tags(&note.tags),
            mood: note.mood.filter(|m| (1..=5).contains(m)).map(|m| m as u8),
            feedback: (kind == Kind::Feedback).then(|| note.feedback.apply(None)),
            updated_at: note.updated_at.clone().unwrap_or_else(|| created.clone()),
            created_at: created,
            deleted_at: None,
        };
        if let Err(e) = validate(&entry) {
            report.skipped.push(skip(&note.item, e.to_string()));
            continue;
        }
        write_entry(tx, &entry, true)?;
        tx.prepare_cached("INSERT INTO import_keys (key, entry_id) VALUES (?1, ?2)")?
            .execute(params![key, id])?;
        report.entries += 1;
        entry_of.insert(note.item.clone(), id.clone());
        tally.add_note(&note.losses);
        if let Some(m) = note.utc_offset_minutes {
            crate::model::zones::set(
                tx,
                &crate::model::EntryZone {
                    entry_id: id.clone(),
                    utc_offset_minutes: m,
                    zone: note.zone.clone(),
                },
            )?;
        }
        for title in &note.goals {
            link_goal_by_title(tx, &entry, title, &mut report)?;
        }
        for goal in &note.goal_ids {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO goal_entries (goal_id, entry_id)
                 SELECT id, ?2 FROM goals WHERE id = ?1",
            )?
            .execute(params![goal, id])?;
        }
        if note.starred {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO entry_stars (entry_id, starred_at) VALUES (?1, ?2)",
            )?
            .execute(params![id, now()])?;
        }
        for a in note.actions {
            let owner_name = a.person.clone().or_else(|| entry.person.clone());
            add_action(tx, a, owner_name, Some(&id), &mut report)?;
        }
    }
    for (from, targets) in links {
        let Some(from) = entry_of.get(&from) else {
            continue;
        };
        for (target, item) in &targets {
            if let Some(to) = entry_of.get(item) {
                crate::model::links::add(tx, from, target, to)?;
            }
        }
    }
    for a in parsed.actions {
        done += 1;
        progress(done, total);
        let name = a.person.clone();
        add_action(tx, a, name, None, &mut report)?;
    }
    report.not_carried = tally.rows();
    Ok(report)
}

/// Adds a person with their details, unless someone of that name is in the journal.
fn add_person(
    tx: &Transaction<'_>,
    p: NotePerson,
    report: &mut ImportReport,
    tally: &mut Tally,
) -> Result<(), TransferError> {
    let name = p.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        report.skipped.push(skip(
            &p.item,
            "a person needs a name of at most 200 characters",
        ));
        return Ok(());
    }
    if find_person(tx, name)?.is_some() {
        report.skipped.push(skip(
            &p.item,
            "a person with this name is already in the journal (their details are kept)",
        ));
        return Ok(());
    }
    let taken = |id: &str| -> Result<bool, TransferError> {
        Ok(tx
            .prepare_cached("SELECT 1 FROM people WHERE id = ?1")?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some())
    };
    let id = match p.id.as_deref().filter(|i| is_id(i)) {
        Some(i) if !taken(i)? => i.to_string(),
        _ => new_id(),
    };
    let mut unread = p.unread.clone();
    let cadence = match p.cadence_days {
        Some(c) if !(1..=3660).contains(&c) => {
            unread.push("cadence_days");
            None
        }
        c => c,
    };
    for key in unread {
        report.notices.push(skip(
            &p.item,
            format!("its `{key}:` is not a value Candor reads; left unset"),
        ));
    }
    if p.extra_text {
        tally.add(&loss(
            "person note text",
            "text added to a person's note is not kept: Candor keeps a person's details \
             (role, relationship, cadence, archived), not a note about them",
        ));
    }
    let created = p.created_at.clone().unwrap_or_else(now);
    tx.prepare_cached(
        "INSERT INTO people (id, name, name_key, role, relationship, cadence_days, archived,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        id,
        name,
        crate::model::people::name_key(name),
        p.role.as_deref().map(str::trim).filter(|r| !r.is_empty()),
        p.relationship
            .unwrap_or(crate::model::Relationship::Report)
            .as_str(),
        cadence,
        p.archived,
        created,
        p.updated_at.clone().unwrap_or_else(|| created.clone()),
    ])?;
    report.people += 1;
    Ok(())
}

/// Adds a goal with its details, unless a goal with its id is in the journal.
fn add_goal(
    tx: &Transaction<'_>,
    g: NoteGoal,
    report: &mut ImportReport,
) -> Result<(), TransferError> {
    let exists = tx
        .prepare_cached("SELECT 1 FROM goals WHERE id = ?1")?
        .query_row([&g.id], |_| Ok(()))
        .optional()?
        .is_some();
    if exists {
        report
            .skipped
            .push(skip(&g.item, "already in the journal (same goal id)"));
        return Ok(());
    }
    let title = g.title.trim();
    if title.is_empty() || title.chars().count() > crate::goals::MAX_TITLE {
        report.skipped.push(skip(
            &g.item,
            "a goal needs a title of at most 200 characters",
        ));
        return Ok(());
    }
    let person = match g.person.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(name) => Some(person(tx, name, report)?.id),
        None => None,
    };
    tx.prepare_cached(
        "INSERT INTO goals (id, person_id, title, kind, due, status, description, created_at, closed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        g.id,
        person,
        title,
        g.kind.as_str(),
        g.due.map(|d| d.format("%Y-%m-%d").to_string()),
        g.status.as_str(),
        g.description,
        g.created_at.clone().unwrap_or_else(now),
        g.closed_at
    ])?;
    report.goals += 1;
    Ok(())
}

/// Links `entry` to its person's goal of this title (else the manager's own of that
/// title), made an active skill goal for the entry's person when there is none.
fn link_goal_by_title(
    tx: &Transaction<'_>,
    entry: &Entry,
    title: &str,
    report: &mut ImportReport,
) -> Result<(), TransferError> {
    let title = title.trim();
    if title.is_empty() || title.chars().count() > crate::goals::MAX_TITLE {
        return Ok(());
    }
    let found: Option<String> = tx
        .prepare_cached(
            "SELECT id FROM goals WHERE (person_id IS ?1 OR person_id IS NULL)
               AND lower(title) = lower(?2)
             ORDER BY person_id IS NULL, created_at LIMIT 1",
        )?
        .query_row(params![entry.person_id, title], |r| r.get(0))
        .optional()?;
    let goal = match found {
        Some(g) => g,
        None => {
            let g = new_id();
            tx.prepare_cached(
                "INSERT INTO goals (id, person_id, title, kind, status, description, created_at)
                 VALUES (?1, ?2, ?3, 'skill', 'active', '', ?4)",
            )?
            .execute(params![g, entry.person_id, title, now()])?;
            report.goals += 1;
            g
        }
    };
    tx.prepare_cached("INSERT OR IGNORE INTO goal_entries (goal_id, entry_id) VALUES (?1, ?2)")?
        .execute(params![goal, entry.id])?;
    Ok(())
}

fn add_action(
    tx: &Transaction<'_>,
    a: NoteAction,
    person_name: Option<String>,
    entry_id: Option<&str>,
    report: &mut ImportReport,
) -> Result<(), TransferError> {
    let Some(name) = person_name else {
        report
            .skipped
            .push(skip(&a.item, "an action item needs a person"));
        return Ok(());
    };
    let text = a.text.trim();
    if text.is_empty() {
        report.skipped.push(skip(&a.item, "an empty action item"));
        return Ok(());
    }
    let p = person(tx, &name, report)?;
    let due = a.due.map(|d| d.format("%Y-%m-%d").to_string());
    // The same item for the same person is not added twice.
    let exists = tx
        .prepare_cached(
            "SELECT 1 FROM action_items WHERE person_id = ?1 AND text = ?2 AND owner = ?3
             AND due IS ?4",
        )?
        .query_row(params![p.id, text, a.owner.as_str(), due], |_| Ok(()))
        .optional()?
        .is_some();
    if exists {
        report
            .skipped
            .push(skip(&a.item, "already in the journal (same action item)"));
        return Ok(());
    }
    let ts = now();
    tx.prepare_cached(
        "INSERT INTO action_items (id, person_id, entry_id, text, owner, due, done_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        new_id(),
        p.id,
        entry_id,
        text,
        a.owner.as_str(),
        due,
        a.done.then(|| ts.clone()),
        ts
    ])?;
    report.action_items += 1;
    Ok(())
}
