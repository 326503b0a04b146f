//! Candor's JSON export: the whole journal in one file, and its lossless import.
//!
//! Schema (`schema_version` 1):
//!
//! ```text
//! {
//!   "format": "candor-journal",
//!   "schema_version": 1,
//!   "exported_at": "2025-06-01T08:00:00.000Z",
//!   "app_version": "0.1.0",
//!   "people": [{"id", "name", "role", "relationship", "cadence_days", "archived",
//!               "created_at", "updated_at"}],
//!   "entries": [{"id", "kind", "date", "person_id", "person", "title", "body", "tags",
//!                "mood", "feedback": {"received", "direction", "situation", "behavior",
//!                "impact", "planned"} | null, "created_at", "updated_at",
//!                "deleted_at" (set for entries in the trash),
//!                "revisions": [{"saved_at", "entry": {the entry as it was}}],
//!                "import_keys": ["jrnl:…"]}],
//!   "action_items": [{"id", "person_id", "person", "entry_id", "text", "owner", "due",
//!                     "done_at", "created_at"}],
//!   "goals": […], "starred": ["entry id"], "zones": [{"entry_id", "utc_offset_minutes", "zone"}],
//!   "links": [{"from": "entry id", "to": "entry id", "target": "q1 plan" (as written in
//!              from's text, lower-cased)}]
//! }
//! ```
//!
//! Kinds are `one-on-one`, `mentoring`, `feedback`, `reflection`, `note`; relationships
//! `report`, `mentee`, `mentor`, `peer`, `manager`, `skip-level`; owners `me`, `them`;
//! dates `YYYY-MM-DD`; timestamps RFC 3339 UTC. Importing keeps every id and timestamp.

use std::collections::HashSet;
use std::path::Path;

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::apply::{in_one_transaction, is_id, skip};
use super::filter::ExportFilter;
use super::{ImportReport, Rekeyed, TransferError};
use crate::model::entries::{validate, write_entry};
use crate::model::people::name_key;
use crate::model::{ActionFilter, ActionItem, Entry, EntryFilter, Relationship, Revision};
use crate::Journal;

pub const JSON_FORMAT: &str = "candor-journal";
pub const JSON_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonPerson {
    pub id: String,
    pub name: String,
    pub role: Option<String>,
    pub relationship: Relationship,
    pub cadence_days: Option<u32>,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JsonEntry {
    #[serde(flatten)]
    pub entry: Entry,
    #[serde(default)]
    pub revisions: Vec<Revision>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub import_keys: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JsonExport {
    pub format: String,
    pub schema_version: u32,
    pub exported_at: String,
    pub app_version: String,
    pub people: Vec<JsonPerson>,
    pub entries: Vec<JsonEntry>,
    pub action_items: Vec<ActionItem>,
    /// Goals (a person's, or the manager's own) and the exported entries checking in on them.
    #[serde(default)]
    pub goals: Vec<super::json_goals::JsonGoal>,
    /// Exported entries that are starred.
    #[serde(default)]
    pub starred: Vec<String>,
    /// Where exported entries were written, when an import said.
    #[serde(default)]
    pub zones: Vec<crate::model::EntryZone>,
    /// Links between exported entries (an imported note's wikilinks to another).
    #[serde(default)]
    pub links: Vec<crate::model::EntryLink>,
}

impl JsonExport {
    /// The whole journal, live entries and the trash, oldest first.
    pub fn of(journal: &Journal) -> Result<Self, TransferError> {
        Self::filtered(journal, &ExportFilter::default())
    }

    /// The part of the journal `filter` covers: its person (or everyone), their entries in
    /// the range (trash included) with their history, and the action items in scope.
    pub fn filtered(journal: &Journal, filter: &ExportFilter) -> Result<Self, TransferError> {
        let scope = filter.resolve(journal)?;
        let conn = journal.conn();
        let people = people_of(journal, &scope)?;
        let mut all = journal.entries(&EntryFilter::default())?;
        all.extend(journal.trash()?);
        all.retain(|e| scope.covers_entry(e));
        all.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        let mut keys_of =
            conn.prepare("SELECT key FROM import_keys WHERE entry_id = ?1 ORDER BY key")?;
        let mut entries = Vec::with_capacity(all.len());
        for entry in all {
            let revisions = journal.revisions(&entry.id)?;
            let import_keys = keys_of
                .query_map([&entry.id], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            entries.push(JsonEntry {
                entry,
                revisions,
                import_keys,
            });
        }
        let ids: HashSet<&str> = entries.iter().map(|e| e.entry.id.as_str()).collect();
        let mut action_items = journal.actions(&ActionFilter::default())?;
        action_items.retain(|a| match a.entry_id.as_deref() {
            Some(id) if ids.contains(id) => true,
            _ => scope.covers_loose_action(a),
        });
        action_items.sort_by(|a, b| (&a.created_at, &a.id).cmp(&(&b.created_at, &b.id)));
        let (goals, starred) = super::json_goals::export(journal, &scope, &ids)?;
        let mut zones = Vec::new();
        for id in &ids {
            if let Some(z) = crate::model::zones::get(conn, id)? {
                zones.push(z);
            }
        }
        zones.sort_by(|a, b| a.entry_id.cmp(&b.entry_id));
        let links = crate::model::links::among(conn, &ids)?;
        Ok(JsonExport {
            format: JSON_FORMAT.into(),
            schema_version: JSON_SCHEMA_VERSION,
            exported_at: crate::model::now(),
            app_version: env!("CARGO_PKG_VERSION").into(),
            people,
            entries,
            action_items,
            goals,
            starred,
            zones,
            links,
        })
    }
}

/// The people `scope` covers, with every field the journal keeps, oldest first.
pub(super) fn people_of(
    journal: &Journal,
    scope: &super::filter::Scope,
) -> Result<Vec<JsonPerson>, TransferError> {
    Ok(journal
        .conn()
        .prepare(
            "SELECT id, name, role, relationship, cadence_days, archived, created_at, updated_at
             FROM people ORDER BY created_at, id",
        )?
        .query_map([], |r| {
            let rel: String = r.get(3)?;
            Ok(JsonPerson {
                id: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
                relationship: rel.parse().unwrap_or(Relationship::Peer),
                cadence_days: r.get(4)?,
                archived: r.get(5)?,
                created_at: r.get(6)?,
                updated_at: r.get(7)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|p| scope.person(&p.id))
        .collect())
}

/// Writes the whole journal as JSON to `path`, a new file. Returns the number of entries.
pub fn export_json(journal: &Journal, path: &Path) -> Result<usize, TransferError> {
    export_json_filtered(journal, path, &ExportFilter::default())
}

/// Writes the part of the journal `filter` covers as JSON to `path`, a new file. Returns
/// the number of entries.
pub fn export_json_filtered(
    journal: &Journal,
    path: &Path,
    filter: &ExportFilter,
) -> Result<usize, TransferError> {
    if path.exists() {
        return Err(TransferError::Exists(path.display().to_string()));
    }
    let export = JsonExport::filtered(journal, filter)?;
    super::staging::write_file(path, |w| {
        serde_json::to_writer_pretty(&mut *w, &export).map_err(std::io::Error::other)?;
        w.write_all(b"\n")
    })?;
    Ok(export.entries.len())
}

/// Imports a Candor JSON export: people, entries with their revisions and trash state,
/// and action items, keeping every id. What is already in the journal (same id) is
/// skipped; a person whose name is taken by someone else is merged with them.
pub fn import_json(
    journal: &mut Journal,
    path: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, TransferError> {
    let text = super::read_regular(path, "Candor JSON export")?;
    let bad = |why: String| TransferError::BadFile {
        path: path.display().to_string(),
        format: "Candor JSON export",
        why,
    };
    #[derive(Deserialize)]
    struct Head {
        format: String,
        schema_version: u32,
    }
    let head: Head = serde_json::from_slice(&text).map_err(|e| bad(super::json_why(&e)))?;
    if head.format != JSON_FORMAT {
        return Err(bad(format!("its format is not {JSON_FORMAT}")));
    }
    if head.schema_version > JSON_SCHEMA_VERSION {
        return Err(TransferError::TooNew {
            found: head.schema_version,
            supported: JSON_SCHEMA_VERSION,
        });
    }
    let export: JsonExport = serde_json::from_slice(&text).map_err(|e| bad(super::json_why(&e)))?;
    in_one_transaction(journal, |tx| apply(tx, export, progress))
}

/// Gives every person, entry and action item whose id is not a ULID a new one (and
/// rewrites the references to it), recording the mapping in the report. Nothing else in
/// Candor has to cope with odd ids then: exports slice them, searches and `show` find them.
fn rekey(
    export: &mut JsonExport,
    report: &mut ImportReport,
) -> std::collections::HashMap<String, String> {
    use std::collections::HashMap;
    fn fresh(
        id: &mut String,
        item: String,
        map: &mut HashMap<String, String>,
        report: &mut ImportReport,
    ) {
        if is_id(id) {
            return;
        }
        let new = crate::model::new_id();
        report.rekeyed.push(Rekeyed {
            item,
            old: id.chars().take(40).collect(),
            new: new.clone(),
        });
        map.insert(std::mem::replace(id, new.clone()), new);
    }
    let (mut people, mut entries) = (HashMap::new(), HashMap::new());
    for (i, p) in export.people.iter_mut().enumerate() {
        fresh(&mut p.id, format!("people[{i}]"), &mut people, report);
    }
    let remap = |id: &mut String, map: &HashMap<String, String>| {
        if let Some(new) = map.get(id.as_str()) {
            id.clone_from(new);
        }
    };
    for (i, je) in export.entries.iter_mut().enumerate() {
        fresh(
            &mut je.entry.id,
            format!("entries[{i}]"),
            &mut entries,
            report,
        );
        if let Some(pid) = je.entry.person_id.as_mut() {
            remap(pid, &people);
        }
        for r in &mut je.revisions {
            r.entry.id.clone_from(&je.entry.id);
            if let Some(pid) = r.entry.person_id.as_mut() {
                remap(pid, &people);
            }
        }
    }
    let mut actions = HashMap::new();
    for (i, a) in export.action_items.iter_mut().enumerate() {
        fresh(
            &mut a.id,
            format!("action_items[{i}]"),
            &mut actions,
            report,
        );
        remap(&mut a.person_id, &people);
        if let Some(eid) = a.entry_id.as_mut() {
            remap(eid, &entries);
        }
    }
    for g in &mut export.goals {
        if let Some(pid) = g.person_id.as_mut() {
            remap(pid, &people);
        }
    }
    entries
}

fn exists(tx: &Transaction<'_>, table: &str, id: &str) -> Result<bool, TransferError> {
    Ok(tx
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

pub(super) fn apply(
    tx: &Transaction<'_>,
    export: JsonExport,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, TransferError> {
    let mut report = ImportReport::default();
    let mut export = export;
    let rekeyed_entries = rekey(&mut export, &mut report);
    let (goals, starred, zones, links) = (
        std::mem::take(&mut export.goals),
        std::mem::take(&mut export.starred),
        std::mem::take(&mut export.zones),
        std::mem::take(&mut export.links),
    );
    let total = export.people.len() + export.entries.len() + export.action_items.len();
    let mut done = 0;
    // Imported person id -> the id they have in this journal.
    let mut person_ids = std::collections::HashMap::new();
    for (i, p) in export.people.iter().enumerate() {
        done += 1;
        progress(done, total);
        let item = format!("people[{i}]");
        if exists(tx, "people", &p.id)? {
            person_ids.insert(p.id.clone(), p.id.clone());
            report
                .skipped
                .push(skip(item, "already in the journal (same person id)"));
            continue;
        }
        let same_name: Option<String> = tx
            .prepare_cached("SELECT id FROM people WHERE name_key = ?1")?
            .query_row([name_key(&p.name)], |r| r.get(0))
            .optional()?;
        if let Some(existing) = same_name {
            person_ids.insert(p.id.clone(), existing);
            report.skipped.push(skip(
                item,
                "a person with this name is already in the journal; their entries join them",
            ));
            continue;
        }
        if p.name.trim().is_empty() {
            report.skipped.push(skip(item, "a person needs a name"));
            continue;
        }
        tx.prepare_cached(
            "INSERT INTO people (id, name, name_key, role, relationship, cadence_days, archived,
                created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            p.id,
            p.name.trim(),
            name_key(&p.name),
            p.role,
            p.relationship.as_str(),
            p.cadence_days,
            p.archived,
            p.created_at,
            p.updated_at
        ])?;
        person_ids.insert(p.id.clone(), p.id.clone());
        report.people += 1;
    }
    let mut entry_ids = std::collections::HashSet::new();
    for (i, je) in export.entries.into_iter().enumerate() {
        done += 1;
        progress(done, total);
        let item = format!("entries[{i}]");
        let mut e = je.entry;
        if exists(tx, "entries", &e.id)? {
            entry_ids.insert(e.id.clone());
            report
                .skipped
                .push(skip(item, "already in the journal (same entry id)"));
            continue;
        }
        if let Some(pid) = &e.person_id {
            match person_ids.get(pid) {
                Some(mapped) => e.person_id = Some(mapped.clone()),
                None => {
                    report
                        .skipped
                        .push(skip(item, "its person is not in the file"));
                    continue;
                }
            }
        }
        if let Err(err) = validate(&e) {
            report.skipped.push(skip(item, err.to_string()));
            continue;
        }
        write_entry(tx, &e, true)?;
        for r in &je.revisions {
            let snapshot = serde_json::to_string(&r.entry)
                .map_err(|_| crate::model::ModelError::Invalid("could not record a revision"))?;
            tx.prepare_cached(
                "INSERT INTO revisions (entry_id, saved_at, snapshot) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![e.id, r.saved_at, snapshot])?;
            report.revisions += 1;
        }
        for k in &je.import_keys {
            tx.prepare_cached("INSERT OR IGNORE INTO import_keys (key, entry_id) VALUES (?1, ?2)")?
                .execute(params![k, e.id])?;
        }
        entry_ids.insert(e.id.clone());
        report.entries += 1;
    }
    for (i, a) in export.action_items.into_iter().enumerate() {
        done += 1;
        progress(done, total);
        let item = format!("action_items[{i}]");
        if exists(tx, "action_items", &a.id)? {
            report
                .skipped
                .push(skip(item, "already in the journal (same action item id)"));
            continue;
        }
        let Some(person_id) = person_ids.get(&a.person_id) else {
            report
                .skipped
                .push(skip(item, "its person is not in the file"));
            continue;
        };
        let entry_id = a.entry_id.filter(|id| entry_ids.contains(id));
        tx.prepare_cached(
            "INSERT INTO action_items (id, person_id, entry_id, text, owner, due, done_at, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            a.id,
            person_id,
            entry_id,
            a.text,
            a.owner.as_str(),
            a.due.map(|d| d.format("%Y-%m-%d").to_string()),
            a.done_at,
            a.created_at
        ])?;
        report.action_items += 1;
    }
    for mut z in zones {
        if let Some(new) = rekeyed_entries.get(&z.entry_id) {
            z.entry_id.clone_from(new);
        }
        if exists(tx, "entries", &z.entry_id)? {
            crate::model::zones::set(tx, &z)?;
        }
    }
    for mut l in links {
        for id in [&mut l.from, &mut l.to] {
            if let Some(new) = rekeyed_entries.get(id.as_str()) {
                id.clone_from(new);
            }
        }
        if exists(tx, "entries", &l.from)? && exists(tx, "entries", &l.to)? {
            crate::model::links::add(tx, &l.from, &l.target, &l.to)?;
        }
    }
    super::json_goals::import(
        tx,
        goals,
        starred,
        &person_ids,
        &rekeyed_entries,
        &mut report,
    )?;
    Ok(report)
}
