//! Entries: create, read, list, edit with revision history, and the trash.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::people::{find_person, person_or_create};
use super::{
    new_id, non_empty, now, resolve_id, Entry, Feedback, FeedbackInput, Kind, ModelError, NewEntry,
};

/// Which entries a listing shows. Dates are inclusive.
#[derive(Debug, Clone, Default)]
pub struct EntryFilter {
    pub person: Option<String>,
    pub kind: Option<Kind>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub limit: Option<usize>,
}

/// Fields to change in an edit; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct EntryPatch {
    pub kind: Option<Kind>,
    pub date: Option<NaiveDate>,
    pub person: Option<String>,
    pub title: Option<String>,
    pub body: Option<String>,
    pub tags: Option<Vec<String>>,
    pub mood: Option<u8>,
    pub feedback: FeedbackInput,
}

/// A saved earlier version of an entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Revision {
    pub saved_at: String,
    pub entry: Entry,
}

const COLUMNS: &str = "e.id, e.kind, e.date, e.person_id, p.name, e.title, e.body, e.tags, e.mood,
    e.fb_received, e.fb_direction, e.fb_situation, e.fb_behavior, e.fb_impact, e.fb_planned,
    e.created_at, e.updated_at, e.deleted_at";
const FROM: &str = "entries e LEFT JOIN people p ON p.id = e.person_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Entry> {
    let kind: String = r.get(1)?;
    let date: String = r.get(2)?;
    let tags: String = r.get(7)?;
    let direction: Option<String> = r.get(10)?;
    let feedback = direction.map(|d| -> rusqlite::Result<Feedback> {
        Ok(Feedback {
            received: r.get::<_, Option<bool>>(9)?.unwrap_or(false),
            direction: d.parse().unwrap_or(super::Direction::Praise),
            situation: r.get(11)?,
            behavior: r.get(12)?,
            impact: r.get(13)?,
            planned: r.get::<_, Option<bool>>(14)?.unwrap_or(false),
        })
    });
    Ok(Entry {
        id: r.get(0)?,
        kind: kind.parse().unwrap_or(Kind::Note),
        date: NaiveDate::parse_from_str(&date, "%Y-%m-%d").unwrap_or_default(),
        person_id: r.get(3)?,
        person: r.get(4)?,
        title: r.get(5)?,
        body: r.get(6)?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        mood: r.get(8)?,
        feedback: feedback.transpose()?,
        created_at: r.get(15)?,
        updated_at: r.get(16)?,
        deleted_at: r.get(17)?,
    })
}

/// Most tags one entry can have, and most bytes of text (body, title and feedback fields
/// together): far above real use, low enough that one hostile entry cannot stall search.
pub const MAX_TAGS: usize = 100;
pub const MAX_ENTRY_BYTES: usize = 1024 * 1024;

pub(crate) fn normalize_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for t in tags {
        let t = t.trim().trim_start_matches('#').trim().to_lowercase();
        if !t.is_empty() && seen.insert(t.clone()) {
            out.push(t);
        }
    }
    out
}

pub(crate) fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::OneOnOne => "One-on-one",
        Kind::Mentoring => "Mentoring session",
        Kind::Feedback => "Feedback",
        Kind::Reflection => "Reflection",
        Kind::Note => "Note",
    }
}

/// A title when none was given: the body's first line, or the kind and the person.
pub(crate) fn default_title(kind: Kind, person: Option<&str>, body: &str) -> String {
    if let Some(line) = body
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| !l.is_empty())
    {
        let mut t: String = line.chars().take(80).collect();
        if line.chars().count() > 80 {
            t.push('…');
        }
        return t;
    }
    match person {
        Some(p) => format!("{} with {p}", kind_label(kind)),
        None => kind_label(kind).to_string(),
    }
}

/// Checks the rules every saved entry obeys.
pub(crate) fn validate(e: &Entry) -> Result<(), ModelError> {
    if e.tags.len() > MAX_TAGS {
        return Err(ModelError::Invalid("an entry can have at most 100 tags"));
    }
    let fb = e.feedback.as_ref().map_or(0, |f| {
        [&f.situation, &f.behavior, &f.impact]
            .iter()
            .map(|x| x.as_deref().map_or(0, str::len))
            .sum()
    });
    if e.body.len() + e.title.len() + fb > MAX_ENTRY_BYTES {
        return Err(ModelError::Invalid(
            "an entry's text is limited to 1 MiB; split it into several entries",
        ));
    }
    if e.kind.needs_person() && e.person_id.is_none() {
        return Err(ModelError::NeedsPerson);
    }
    if let Some(m) = e.mood {
        if !(1..=5).contains(&m) {
            return Err(ModelError::Invalid("mood must be between 1 and 5"));
        }
    }
    if e.feedback.is_some() && e.kind != Kind::Feedback {
        return Err(ModelError::Invalid(
            "feedback fields (direction, situation, behaviour, impact, received, planned) apply only to feedback entries",
        ));
    }
    Ok(())
}

pub(crate) fn create_entry(conn: &Connection, new: NewEntry) -> Result<Entry, ModelError> {
    let kind = new.kind.unwrap_or(Kind::Note);
    let person = match new.person.as_deref().and_then(non_empty) {
        Some(name) => Some(person_or_create(conn, &name)?),
        None => None,
    };
    let feedback = if kind == Kind::Feedback {
        Some(new.feedback.apply(None))
    } else if new.feedback.is_empty() {
        None
    } else {
        Some(new.feedback.apply(None))
    };
    let ts = now();
    let entry = Entry {
        id: new_id(),
        kind,
        date: new
            .date
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        person_id: person.as_ref().map(|p| p.id.clone()),
        person: person.as_ref().map(|p| p.name.clone()),
        title: new.title.as_deref().and_then(non_empty).unwrap_or_else(|| {
            default_title(kind, person.as_ref().map(|p| p.name.as_str()), &new.body)
        }),
        body: new.body,
        tags: normalize_tags(&new.tags),
        mood: new.mood,
        feedback,
        created_at: ts.clone(),
        updated_at: ts,
        deleted_at: None,
    };
    validate(&entry)?;
    write_entry(conn, &entry, true)?;
    Ok(entry)
}

pub(crate) fn write_entry(conn: &Connection, e: &Entry, insert: bool) -> Result<(), ModelError> {
    let fb = e.feedback.as_ref();
    let sql = if insert {
        "INSERT INTO entries (id, kind, date, person_id, title, body, tags, mood, fb_received,
            fb_direction, fb_situation, fb_behavior, fb_impact, fb_planned, created_at, updated_at, deleted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"
    } else {
        "UPDATE entries SET kind = ?2, date = ?3, person_id = ?4, title = ?5, body = ?6, tags = ?7,
            mood = ?8, fb_received = ?9, fb_direction = ?10, fb_situation = ?11, fb_behavior = ?12,
            fb_impact = ?13, fb_planned = ?14, created_at = ?15, updated_at = ?16, deleted_at = ?17
         WHERE id = ?1"
    };
    conn.prepare_cached(sql)?.execute(params![
        e.id,
        e.kind.as_str(),
        e.date.format("%Y-%m-%d").to_string(),
        e.person_id,
        e.title,
        e.body,
        serde_json::to_string(&e.tags).unwrap_or_else(|_| "[]".into()),
        e.mood,
        fb.map(|f| f.received),
        fb.map(|f| f.direction.as_str()),
        fb.and_then(|f| f.situation.clone()),
        fb.and_then(|f| f.behavior.clone()),
        fb.and_then(|f| f.impact.clone()),
        fb.map(|f| f.planned),
        e.created_at,
        e.updated_at,
        e.deleted_at,
    ])?;
    Ok(())
}

/// Any entry, live or in the trash, by id or unique id prefix.
pub(crate) fn get_entry(conn: &Connection, id: &str) -> Result<Entry, ModelError> {
    let id = resolve_id(conn, "entries", "entry", id)?;
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM {FROM} WHERE e.id = ?1"))?
        .query_row([&id], from_row)
        .optional()?
        .ok_or(ModelError::NotFound("entry"))
}

pub(super) fn get_live(conn: &Connection, id: &str) -> Result<Entry, ModelError> {
    let e = get_entry(conn, id)?;
    if e.deleted_at.is_some() {
        return Err(ModelError::InTrash);
    }
    Ok(e)
}

/// Live entries, newest first.
pub(crate) fn list_entries(conn: &Connection, f: &EntryFilter) -> Result<Vec<Entry>, ModelError> {
    let person_id = match &f.person {
        Some(name) => Some(
            find_person(conn, name)?
                .ok_or(ModelError::UnknownPerson)?
                .id,
        ),
        None => None,
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM {FROM}
         WHERE e.deleted_at IS NULL
           AND (?1 IS NULL OR e.person_id = ?1)
           AND (?2 IS NULL OR e.kind = ?2)
           AND (?3 IS NULL OR e.date >= ?3)
           AND (?4 IS NULL OR e.date <= ?4)
         ORDER BY e.date DESC, e.id DESC
         LIMIT ?5"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![
            person_id,
            f.kind.map(|k| k.as_str()),
            f.since.map(|d| d.format("%Y-%m-%d").to_string()),
            f.until.map(|d| d.format("%Y-%m-%d").to_string()),
            f.limit.map(|l| l as i64).unwrap_or(-1),
        ],
        from_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Live entries with someone else (or no one) whose notes mention `@name` (any case),
/// newest first: an `@` mention puts an entry on that person's timeline too.
pub(crate) fn mentioning(
    conn: &Connection,
    name: &str,
    limit: usize,
) -> Result<Vec<Entry>, ModelError> {
    let person = find_person(conn, name)?.ok_or(ModelError::UnknownPerson)?;
    let sql = format!(
        "SELECT {COLUMNS} FROM {FROM}
         WHERE e.deleted_at IS NULL
           AND (e.person_id IS NULL OR e.person_id <> ?1)
           AND instr(lower(e.body), lower('@' || ?2)) > 0
         ORDER BY e.date DESC, e.id DESC
         LIMIT ?3"
    );
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![person.id, person.name, limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Applies `patch`, keeping the previous version as a revision. Returns the new version.
pub(crate) fn update_entry(
    conn: &Connection,
    id: &str,
    patch: EntryPatch,
) -> Result<Entry, ModelError> {
    let old = get_live(conn, id)?;
    let mut e = old.clone();
    if let Some(k) = patch.kind {
        e.kind = k;
    }
    if let Some(d) = patch.date {
        e.date = d;
    }
    if let Some(name) = patch.person.as_deref().and_then(non_empty) {
        let p = person_or_create(conn, &name)?;
        e.person_id = Some(p.id);
        e.person = Some(p.name);
    }
    if let Some(t) = patch.title.as_deref().and_then(non_empty) {
        e.title = t;
    }
    if let Some(b) = patch.body {
        e.body = b;
    }
    if let Some(t) = patch.tags {
        e.tags = normalize_tags(&t);
    }
    if let Some(m) = patch.mood {
        e.mood = Some(m);
    }
    if !patch.feedback.is_empty() || (e.kind == Kind::Feedback && e.feedback.is_none()) {
        e.feedback = Some(patch.feedback.apply(e.feedback.take()));
    }
    if e.kind != Kind::Feedback && patch.kind.is_some() && patch.feedback.is_empty() {
        // Changing a feedback entry into another kind drops its feedback fields.
        e.feedback = None;
    }
    if e == old {
        return Ok(old);
    }
    e.updated_at = now();
    validate(&e)?;
    save_revision(conn, &old)?;
    write_entry(conn, &e, false)?;
    Ok(e)
}

pub(crate) fn save_revision(conn: &Connection, old: &Entry) -> Result<(), ModelError> {
    let snapshot = serde_json::to_string(old)
        .map_err(|_| ModelError::Invalid("could not record the previous version"))?;
    conn.prepare_cached(
        "INSERT INTO revisions (entry_id, saved_at, snapshot) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![old.id, now(), snapshot])?;
    Ok(())
}

pub(crate) fn revisions(conn: &Connection, id: &str) -> Result<Vec<Revision>, ModelError> {
    let id = resolve_id(conn, "entries", "entry", id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT saved_at, snapshot FROM revisions WHERE entry_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([&id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (saved_at, snapshot) = row?;
        let entry = serde_json::from_str(&snapshot)
            .map_err(|_| ModelError::Invalid("a saved revision could not be read"))?;
        out.push(Revision { saved_at, entry });
    }
    Ok(out)
}

/// Moves an entry to the trash. Returns its id.
pub(crate) fn trash_entry(conn: &Connection, id: &str) -> Result<String, ModelError> {
    let e = get_live(conn, id)?;
    conn.execute(
        "UPDATE entries SET deleted_at = ?2 WHERE id = ?1",
        params![e.id, now()],
    )?;
    Ok(e.id)
}

pub(crate) fn list_trash(conn: &Connection) -> Result<Vec<Entry>, ModelError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE e.deleted_at IS NOT NULL ORDER BY e.deleted_at DESC"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn restore_entry(conn: &Connection, id: &str) -> Result<Entry, ModelError> {
    let e = get_entry(conn, id)?;
    if e.deleted_at.is_none() {
        return Err(ModelError::Invalid("that entry is not in the trash"));
    }
    conn.execute(
        "UPDATE entries SET deleted_at = NULL WHERE id = ?1",
        [&e.id],
    )?;
    get_entry(conn, &e.id)
}

/// Deletes everything in the trash for good, with its revisions. Returns the ids removed.
pub(crate) fn empty_trash(conn: &Connection) -> Result<Vec<String>, ModelError> {
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM entries WHERE deleted_at IS NOT NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    conn.execute(
        "DELETE FROM revisions WHERE entry_id IN (SELECT id FROM entries WHERE deleted_at IS NOT NULL)",
        [],
    )?;
    conn.execute("DELETE FROM entries WHERE deleted_at IS NOT NULL", [])?;
    Ok(ids)
}
