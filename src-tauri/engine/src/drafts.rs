//! Drafts: an entry exactly as typed, kept (encrypted, in the journal) until it has what
//! an entry needs. The editor sends every change here; this module alone decides whether
//! the text becomes an entry, updates one, or stays a draft, so no face can lose text by
//! deciding differently.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::model::entries::{create_entry, kind_label, update_entry};
use crate::model::{
    new_id, now, resolve_id, Direction, Entry, EntryPatch, FeedbackInput, Kind, ModelError,
    NewEntry, Owner,
};
use crate::Journal;

/// The editor's fields as typed: strings stay strings, so a half-typed date or an action
/// item not yet added survive as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct DraftFields {
    pub kind: Kind,
    /// `YYYY-MM-DD`, or empty for today.
    pub date: String,
    pub person: String,
    pub title: String,
    /// The title follows the kind and the person until the manager types one.
    pub title_auto: bool,
    pub body: String,
    /// The text the notes started from (a template, a prepared agenda): its lines are not
    /// the manager's writing.
    pub template: String,
    /// Comma separated, as typed.
    pub tags: String,
    pub mood: Option<u8>,
    pub direction: Direction,
    pub situation: String,
    pub behavior: String,
    pub impact: String,
    pub received: bool,
    pub planned: bool,
    /// An action item typed but not added yet.
    pub action_text: String,
    pub action_owner: Owner,
    pub action_due: String,
}

impl Default for DraftFields {
    fn default() -> Self {
        DraftFields {
            kind: Kind::OneOnOne,
            date: String::new(),
            person: String::new(),
            title: String::new(),
            title_auto: true,
            body: String::new(),
            template: String::new(),
            tags: String::new(),
            mood: None,
            direction: Direction::Praise,
            situation: String::new(),
            behavior: String::new(),
            impact: String::new(),
            received: false,
            planned: false,
            action_text: String::new(),
            action_owner: Owner::Me,
            action_due: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Draft {
    pub id: String,
    /// The entry this draft edits, once there is one.
    pub entry_id: Option<String>,
    pub fields: DraftFields,
    pub created_at: String,
    pub updated_at: String,
}

/// What a draft still needs before it can be an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// One-on-ones, mentoring and feedback are with someone.
    Person,
    /// A name, a title or an untouched template is not a note yet.
    Writing,
    /// The date is not a valid `YYYY-MM-DD`.
    Date,
    /// The date is after today: a note is about what happened (a slip of the date
    /// picker must not file it, or count a meeting, in the future).
    FutureDate,
    /// An action item was typed but not added.
    Action,
}

impl Missing {
    pub fn message(self) -> &'static str {
        match self {
            Missing::Person => "choose who this entry is with",
            Missing::Writing => "write something in the notes",
            Missing::Date => "the date is not a valid date",
            Missing::FutureDate => "the date is in the future; pick today or an earlier day",
            Missing::Action => "an action item was typed but not added",
        }
    }
}

/// The result of one save: the entry as it now stands (if there is one), and the draft
/// that still holds text the entry does not (if any).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Saved {
    pub entry: Option<Entry>,
    pub draft: Option<Draft>,
    pub missing: Option<Missing>,
}

/// A line that says something: not blank, not only a heading, list or checkbox marker.
/// (The lines of the template the notes started from are told apart by `has_writing`.)
fn is_writing(line: &str) -> bool {
    let rest = line
        .trim()
        .trim_start_matches(['#', '-', '*', '+', '>', ' '])
        .trim_start_matches("[ ]")
        .trim_start_matches("[x]")
        .trim();
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')');
    !rest.trim().is_empty()
}

fn has_writing(f: &DraftFields) -> bool {
    let given: std::collections::HashSet<&str> = f.template.lines().map(str::trim).collect();
    f.body
        .lines()
        .any(|l| is_writing(l) && !given.contains(l.trim()))
        || (f.kind == Kind::Feedback
            && [&f.situation, &f.behavior, &f.impact]
                .iter()
                .any(|s| !s.trim().is_empty()))
}

fn parse_date(s: &str) -> Result<Option<chrono::NaiveDate>, Missing> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| Missing::Date)
}

/// Everything a draft still needs before it can go: [`missing`], or an action item typed
/// but not added.
pub fn needs(f: &DraftFields) -> Option<Missing> {
    missing(f).or((!f.action_text.trim().is_empty()).then_some(Missing::Action))
}

/// Nothing typed yet: no person, title, notes, feedback or action item.
fn is_blank(f: &DraftFields) -> bool {
    f.person.trim().is_empty()
        && (f.title_auto || f.title.trim().is_empty())
        && !has_writing(f)
        && f.tags.trim().is_empty()
        && f.action_text.trim().is_empty()
}

/// What keeps `f` from being an entry, first things first; `None` when it can be one.
pub fn missing(f: &DraftFields) -> Option<Missing> {
    if f.kind.needs_person() && f.person.trim().is_empty() {
        return Some(Missing::Person);
    }
    match parse_date(&f.date) {
        Err(m) => return Some(m),
        Ok(Some(d)) if d > crate::today::local_today() => return Some(Missing::FutureDate),
        Ok(_) => {}
    }
    (!has_writing(f)).then_some(Missing::Writing)
}

/// The automatic title: "One-on-one with Priya" while the notes start with a heading
/// (a template); otherwise `None`, and the entry takes its first line.
pub fn auto_title(f: &DraftFields) -> Option<String> {
    let first = f.body.lines().map(str::trim).find(|l| !l.is_empty());
    if matches!(first, Some(l) if !l.starts_with('#')) {
        return None;
    }
    let person = f.person.trim();
    Some(if person.is_empty() {
        kind_label(f.kind).to_string()
    } else {
        format!("{} with {person}", kind_label(f.kind))
    })
}

fn title(f: &DraftFields) -> Option<String> {
    if f.title_auto || f.title.trim().is_empty() {
        auto_title(f)
    } else {
        Some(f.title.trim().to_string())
    }
}

fn tags(f: &DraftFields) -> Vec<String> {
    f.tags
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn feedback(f: &DraftFields) -> FeedbackInput {
    if f.kind != Kind::Feedback {
        return FeedbackInput::default();
    }
    FeedbackInput {
        received: Some(f.received),
        direction: Some(f.direction),
        situation: Some(f.situation.clone()),
        behavior: Some(f.behavior.clone()),
        impact: Some(f.impact.clone()),
        planned: Some(f.planned),
    }
}

fn person(f: &DraftFields) -> Option<String> {
    let p = f.person.trim();
    (!p.is_empty()).then(|| p.to_string())
}

const COLUMNS: &str = "id, entry_id, fields, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Draft> {
    let fields: String = r.get(2)?;
    Ok(Draft {
        id: r.get(0)?,
        entry_id: r.get(1)?,
        // A draft is ours; one that no longer parses still lists, with its fields reset.
        fields: serde_json::from_str(&fields).unwrap_or_default(),
        created_at: r.get(3)?,
        updated_at: r.get(4)?,
    })
}

fn get(conn: &Connection, id: &str) -> Result<Draft, ModelError> {
    let id = resolve_id(conn, "drafts", "draft", id)?;
    Ok(conn.query_row(
        &format!("SELECT {COLUMNS} FROM drafts WHERE id = ?1"),
        [&id],
        from_row,
    )?)
}

fn upsert(
    conn: &Connection,
    id: Option<&str>,
    entry_id: Option<&str>,
    f: &DraftFields,
) -> Result<Draft, ModelError> {
    let fields = serde_json::to_string(f)
        .map_err(|_| ModelError::Invalid("the draft could not be encoded"))?;
    let ts = now();
    let existing: Option<String> = match id {
        Some(id) => conn
            .query_row("SELECT id FROM drafts WHERE id = ?1", [id], |r| r.get(0))
            .optional()?,
        None => None,
    };
    let id = match existing {
        Some(id) => {
            conn.execute(
                "UPDATE drafts SET entry_id = ?2, fields = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, entry_id, fields, ts],
            )?;
            id
        }
        None => {
            // A draft discarded elsewhere meanwhile comes back under a new id.
            let id = new_id();
            conn.execute(
                "INSERT INTO drafts (id, entry_id, fields, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4)",
                params![id, entry_id, fields, ts],
            )?;
            id
        }
    };
    get(conn, &id)
}

impl Journal {
    /// Saves what the editor holds, in one transaction: as the entry `entry_id` (or a new
    /// entry) when it has what an entry needs, and as the draft `draft_id` (or a new one)
    /// while anything typed is not in the entry yet. A draft no longer needed is removed.
    pub fn save_draft(
        &mut self,
        draft_id: Option<&str>,
        entry_id: Option<&str>,
        fields: &DraftFields,
    ) -> Result<Saved, ModelError> {
        let lacking = missing(fields);
        self.write(|tx| {
            let entry = match (lacking, entry_id) {
                (Some(_), _) => None,
                (None, Some(id)) => Some(update_entry(
                    tx,
                    id,
                    EntryPatch {
                        kind: Some(fields.kind),
                        date: parse_date(&fields.date).ok().flatten(),
                        person: person(fields),
                        title: title(fields),
                        body: Some(fields.body.clone()),
                        tags: Some(tags(fields)),
                        mood: fields.mood,
                        feedback: feedback(fields),
                    },
                )?),
                (None, None) => Some(create_entry(
                    tx,
                    NewEntry {
                        kind: Some(fields.kind),
                        date: parse_date(&fields.date).ok().flatten(),
                        person: person(fields),
                        title: title(fields),
                        body: fields.body.clone(),
                        tags: tags(fields),
                        mood: fields.mood,
                        feedback: feedback(fields),
                    },
                )?),
            };
            if let Some(e) = &entry {
                // `- [ ] text` lines in the notes are the entry's action items.
                crate::model::checklist::reconcile(tx, e)?;
            }
            let missing = needs(fields);
            let entry_ref = entry.as_ref().map(|e| e.id.as_str()).or(entry_id);
            let draft = if lacking.is_some() && entry_id.is_none() && is_blank(fields) {
                // Nothing typed (or all of it deleted again): nothing to keep.
                if let Some(id) = draft_id {
                    tx.execute("DELETE FROM drafts WHERE id = ?1", [id])?;
                }
                None
            } else if missing.is_some() {
                Some(upsert(tx, draft_id, entry_ref, fields)?)
            } else {
                if let Some(id) = draft_id {
                    tx.execute("DELETE FROM drafts WHERE id = ?1", [id])?;
                }
                None
            };
            Ok(Saved {
                entry,
                draft,
                missing,
            })
        })
    }

    /// Every draft, most recently touched first.
    pub fn drafts(&self) -> Result<Vec<Draft>, ModelError> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM drafts ORDER BY updated_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One draft, by id or unique id prefix.
    pub fn draft(&self, id: &str) -> Result<Draft, ModelError> {
        get(self.conn(), id)
    }

    /// Throws a draft away (the entry it edits, if any, stays as it is).
    pub fn discard_draft(&mut self, id: &str) -> Result<(), ModelError> {
        self.write(|tx| {
            let id = resolve_id(tx, "drafts", "draft", id)?;
            tx.execute("DELETE FROM drafts WHERE id = ?1", [&id])?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntryFilter;
    use crate::{vault, SecretString};

    fn journal() -> (tempfile::TempDir, Journal) {
        let dir = tempfile::tempdir().expect("tempdir");
        let pass = SecretString::from("correct horse battery staple".to_string());
        let (j, _) = vault::create(&dir.path().join("j"), &pass).expect("create");
        (dir, j)
    }

    /// Fields as the editor sends them for a new entry that started from `TEMPLATE`.
    fn fields(kind: Kind, person: &str, body: &str) -> DraftFields {
        DraftFields {
            kind,
            person: person.into(),
            body: body.into(),
            template: TEMPLATE.into(),
            ..DraftFields::default()
        }
    }

    const TEMPLATE: &str = "## How they are doing\n\n## Agreed next steps\n";

    #[test]
    fn a_date_after_today_keeps_the_note_a_draft() {
        let (_d, mut j) = journal();
        let mut f = fields(Kind::OneOnOne, "Priya", "talked about the rota");
        let tomorrow = crate::today::local_today() + chrono::Days::new(1);
        f.date = tomorrow.format("%Y-%m-%d").to_string();
        let saved = j.save_draft(None, None, &f).expect("save");
        assert_eq!(saved.missing, Some(Missing::FutureDate));
        assert!(saved.entry.is_none(), "no meeting filed in the future");
        assert!(saved.draft.is_some(), "the text is kept");
        f.date = crate::today::local_today().format("%Y-%m-%d").to_string();
        let saved = j
            .save_draft(saved.draft.map(|d| d.id).as_deref(), None, &f)
            .expect("save");
        assert!(saved.entry.is_some(), "today is fine");
    }

    #[test]
    fn notes_without_a_person_stay_a_draft() {
        let (_d, mut j) = journal();
        let s = j
            .save_draft(
                None,
                None,
                &fields(Kind::OneOnOne, "", "Priya worried about on-call"),
            )
            .expect("save");
        assert_eq!(s.missing, Some(Missing::Person));
        assert!(s.entry.is_none());
        let d = s.draft.expect("draft");
        assert_eq!(j.drafts().expect("drafts").len(), 1);
        assert_eq!(
            j.draft(&d.id).expect("draft").fields.body,
            "Priya worried about on-call"
        );
        assert!(j
            .entries(&EntryFilter::default())
            .expect("entries")
            .is_empty());
    }

    #[test]
    fn a_name_or_a_title_alone_is_not_an_entry() {
        let (_d, mut j) = journal();
        let mut f = fields(Kind::OneOnOne, "Priya Raman", TEMPLATE);
        f.title = "Weekly".into();
        f.title_auto = false;
        let s = j.save_draft(None, None, &f).expect("save");
        assert_eq!(s.missing, Some(Missing::Writing));
        assert!(j
            .entries(&EntryFilter::default())
            .expect("entries")
            .is_empty());
        // Nor does it create the person (who would then count as met).
        assert!(j.people(true).expect("people").is_empty());
    }

    #[test]
    fn a_complete_draft_becomes_one_entry_and_the_draft_goes() {
        let (_d, mut j) = journal();
        let first = j
            .save_draft(
                None,
                None,
                &fields(Kind::OneOnOne, "", "Talked about the migration"),
            )
            .expect("save");
        let draft = first.draft.expect("draft").id;
        let f = fields(Kind::OneOnOne, "Priya Raman", "Talked about the migration");
        let s = j.save_draft(Some(&draft), None, &f).expect("save");
        let e = s.entry.expect("entry");
        assert!(s.draft.is_none() && s.missing.is_none());
        assert!(j.drafts().expect("drafts").is_empty());
        // The next keystroke edits the same entry, keeping a revision.
        let mut f2 = f.clone();
        f2.body.push_str(" and the rota");
        let s2 = j.save_draft(None, Some(&e.id), &f2).expect("save");
        assert_eq!(s2.entry.expect("entry").id, e.id);
        assert_eq!(
            j.entries(&EntryFilter::default()).expect("entries").len(),
            1
        );
        assert_eq!(j.revisions(&e.id).expect("revisions").len(), 1);
    }

    #[test]
    fn a_pending_action_item_keeps_the_draft_beside_the_entry() {
        let (_d, mut j) = journal();
        let mut f = fields(Kind::OneOnOne, "Priya Raman", "Agreed to split the rota");
        f.action_text = "send the rota proposal".into();
        let s = j.save_draft(None, None, &f).expect("save");
        let e = s.entry.expect("entry");
        assert_eq!(s.missing, Some(Missing::Action));
        let d = s.draft.expect("draft");
        assert_eq!(d.entry_id.as_deref(), Some(e.id.as_str()));
        assert_eq!(d.fields.action_text, "send the rota proposal");
        // Added: the draft is no longer needed.
        f.action_text.clear();
        let s = j.save_draft(Some(&d.id), Some(&e.id), &f).expect("save");
        assert!(s.draft.is_none());
        assert!(j.drafts().expect("drafts").is_empty());
    }

    #[test]
    fn clearing_the_person_of_an_entry_keeps_the_edit_as_a_draft() {
        let (_d, mut j) = journal();
        let f = fields(Kind::OneOnOne, "Priya Raman", "Notes");
        let e = j
            .save_draft(None, None, &f)
            .expect("save")
            .entry
            .expect("entry");
        let mut g = f.clone();
        g.person.clear();
        g.body = "Notes, and more".into();
        let s = j.save_draft(None, Some(&e.id), &g).expect("save");
        assert_eq!(s.missing, Some(Missing::Person));
        assert_eq!(j.entry(&e.id).expect("entry").body, "Notes");
        assert_eq!(s.draft.expect("draft").fields.body, "Notes, and more");
    }

    #[test]
    fn the_automatic_title_follows_kind_and_person() {
        let (_d, mut j) = journal();
        let mut f = fields(
            Kind::OneOnOne,
            "Priya Raman",
            "## Notes\n\nShe led the review",
        );
        let e = j
            .save_draft(None, None, &f)
            .expect("save")
            .entry
            .expect("entry");
        assert_eq!(e.title, "One-on-one with Priya Raman");
        f.kind = Kind::Feedback;
        let e = j
            .save_draft(None, Some(&e.id), &f)
            .expect("save")
            .entry
            .expect("entry");
        assert_eq!(e.title, "Feedback with Priya Raman");
        // A typed title sticks.
        f.title = "Review feedback".into();
        f.title_auto = false;
        f.kind = Kind::Mentoring;
        let e = j
            .save_draft(None, Some(&e.id), &f)
            .expect("save")
            .entry
            .expect("entry");
        assert_eq!(e.title, "Review feedback");
        // Without a heading first, the first line is the title.
        let g = fields(Kind::Note, "", "Reorg rumours\nmore");
        let e = j
            .save_draft(None, None, &g)
            .expect("save")
            .entry
            .expect("entry");
        assert_eq!(e.title, "Reorg rumours");
    }

    #[test]
    fn feedback_counts_its_sbi_fields_as_writing() {
        let (_d, mut j) = journal();
        let mut f = fields(Kind::Feedback, "Marcus Bell", "## Notes\n\n");
        f.template = "## Notes\n\n".into();
        assert_eq!(missing(&f), Some(Missing::Writing));
        f.behavior = "cut off Tomás twice".into();
        assert_eq!(missing(&f), None);
        let e = j
            .save_draft(None, None, &f)
            .expect("save")
            .entry
            .expect("entry");
        assert_eq!(
            e.feedback.expect("feedback").behavior.as_deref(),
            Some("cut off Tomás twice")
        );
    }

    #[test]
    fn a_prepared_agenda_alone_is_not_writing() {
        let agenda = "## Carried over\n- send the rota (me)\n\n## Questions\n- How is on-call?\n";
        let mut f = fields(Kind::OneOnOne, "Priya Raman", agenda);
        f.template = agenda.into();
        assert_eq!(missing(&f), Some(Missing::Writing));
        f.body.push_str("She is tired of the pager.\n");
        assert_eq!(missing(&f), None);
    }

    #[test]
    fn checklist_lines_become_action_items_and_follow_their_line() {
        use crate::model::ActionFilter;
        let (_d, mut j) = journal();
        let items = |j: &Journal| {
            let mut v: Vec<(String, bool)> = j
                .actions(&ActionFilter::default())
                .expect("actions")
                .into_iter()
                .map(|a| (a.text, a.done_at.is_some()))
                .collect();
            v.sort();
            v
        };
        let mut f = fields(
            Kind::OneOnOne,
            "Priya Raman",
            "Talked rota.\n- [ ] send the rota\n- [ ] book",
        );
        let e = j
            .save_draft(None, None, &f)
            .expect("save")
            .entry
            .expect("entry");
        assert_eq!(
            items(&j),
            vec![("book".into(), false), ("send the rota".into(), false)]
        );
        // Typing on: "book" becomes "book the room"; the half-typed item goes.
        f.body = "Talked rota.\n- [x] send the rota\n- [ ] book the room".into();
        j.save_draft(None, Some(&e.id), &f).expect("save");
        assert_eq!(
            items(&j),
            vec![
                ("book the room".into(), false),
                ("send the rota".into(), true)
            ]
        );
        // An item added with the form is never removed by the lines.
        j.add_action(&crate::model::NewAction {
            person: "Priya Raman".into(),
            text: "check in on Friday".into(),
            owner: crate::model::Owner::Them,
            due: None,
            entry_id: Some(e.id.clone()),
        })
        .expect("add");
        f.body = "Talked rota.".into();
        j.save_draft(None, Some(&e.id), &f).expect("save");
        assert_eq!(items(&j), vec![("check in on Friday".into(), false)]);
    }

    #[test]
    fn a_bad_date_is_kept_as_typed() {
        let mut f = fields(Kind::Note, "", "text");
        f.date = "2026-13-45".into();
        assert_eq!(missing(&f), Some(Missing::Date));
        assert!(!is_writing("- [ ] "));
        assert!(!is_writing("## "));
        assert!(
            is_writing("## Plan"),
            "a heading the manager typed is writing"
        );
        assert!(!is_writing("  1. "));
        assert!(is_writing("- [ ] call Ana"));
    }

    #[test]
    fn nothing_typed_keeps_no_draft() {
        let (_d, mut j) = journal();
        let s = j
            .save_draft(None, None, &fields(Kind::OneOnOne, "", TEMPLATE))
            .expect("save");
        assert!(s.draft.is_none() && s.entry.is_none());
        let d = j
            .save_draft(None, None, &fields(Kind::OneOnOne, "Ana", TEMPLATE))
            .expect("save")
            .draft
            .expect("draft");
        // Typed, then deleted again: the draft goes.
        j.save_draft(Some(&d.id), None, &fields(Kind::OneOnOne, "", TEMPLATE))
            .expect("save");
        assert!(j.drafts().expect("drafts").is_empty());
    }

    #[test]
    fn discarding_removes_only_the_draft() {
        let (_d, mut j) = journal();
        let s = j
            .save_draft(None, None, &fields(Kind::Mentoring, "", "Half a thought"))
            .expect("save");
        let d = s.draft.expect("draft");
        j.discard_draft(&d.id).expect("discard");
        assert!(j.drafts().expect("drafts").is_empty());
        assert!(matches!(j.draft(&d.id), Err(ModelError::NotFound(_))));
    }
}
