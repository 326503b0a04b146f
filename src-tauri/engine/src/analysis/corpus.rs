//! The journal as nudges and prompts read it: people, every live entry's metadata with its
//! lexicon hits, and the open action items. No entry text is held.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::model::{ActionFilter, ActionItem, Direction, Kind, Person};
use crate::Journal;

use super::cache::{
    catch_up, FB_CONSTRUCTIVE, FB_NO_BEHAVIOR, FB_NO_IMPACT, FB_PLANNED, FB_RECEIVED,
};
use super::lexicon::{Hits, Signal, Worry};
use super::AnalysisError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedbackMeta {
    pub direction: Direction,
    pub received: bool,
    pub planned: bool,
    /// The behaviour part is empty.
    pub no_behavior: bool,
    /// The impact part is empty.
    pub no_impact: bool,
}

impl FeedbackMeta {
    /// Praise or criticism without what they did or what it caused: vague.
    pub fn vague(&self) -> bool {
        self.no_behavior || self.no_impact
    }
}

/// One live entry, without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryMeta {
    pub id: String,
    pub date: NaiveDate,
    pub kind: Kind,
    pub person_id: Option<String>,
    pub title: String,
    pub mood: Option<u8>,
    pub feedback: Option<FeedbackMeta>,
    pub hits: Hits,
}

impl EntryMeta {
    /// A conversation with the person (not a note about them or feedback).
    pub fn is_meeting(&self) -> bool {
        matches!(self.kind, Kind::OneOnOne | Kind::Mentoring)
    }

    /// The entry raises this worry (a conflict noted with its resolution does not).
    pub fn shows_worry(&self, w: Worry) -> bool {
        self.hits.has(Signal::Worry(w))
            && !(w == Worry::Conflict && self.hits.has(Signal::Resolution))
    }

    /// Feedback the manager gave (planned or delivered).
    pub fn given_feedback(&self) -> Option<FeedbackMeta> {
        self.feedback
            .filter(|f| !f.received && self.kind == Kind::Feedback)
    }
}

/// The whole journal in memory, entries oldest first.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub people: Vec<Person>,
    pub entries: Vec<EntryMeta>,
    /// Open action items only.
    pub actions: Vec<ActionItem>,
    /// Active goals only.
    pub goals: Vec<crate::goals::Goal>,
    /// Entries with an action item of the manager's made from them, open or done.
    pub acted_on: std::collections::HashSet<String>,
}

impl Corpus {
    /// Catches the analysis cache up, then reads everything.
    pub fn load(j: &mut Journal) -> Result<Corpus, AnalysisError> {
        catch_up(j)?;
        let people = j.people(true)?;
        let entries = load_entries(j.conn())?;
        let actions = j.actions(&ActionFilter {
            open_only: true,
            person: None,
        })?;
        let goals = j.goals(&crate::goals::GoalFilter {
            status: Some(crate::goals::GoalStatus::Active),
            ..Default::default()
        })?;
        let acted_on = acted_on(j.conn())?;
        Ok(Corpus {
            people,
            entries,
            actions,
            goals,
            acted_on,
        })
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// A person's entries, oldest first.
    pub fn entries_of<'a>(&'a self, person_id: &'a str) -> impl Iterator<Item = &'a EntryMeta> {
        self.entries
            .iter()
            .filter(move |e| e.person_id.as_deref() == Some(person_id))
    }

    /// Entries by id.
    pub fn by_id(&self) -> HashMap<&str, &EntryMeta> {
        self.entries.iter().map(|e| (e.id.as_str(), e)).collect()
    }
}

fn acted_on(conn: &Connection) -> Result<std::collections::HashSet<String>, AnalysisError> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT entry_id FROM action_items WHERE entry_id IS NOT NULL AND owner = 'me'",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn load_entries(conn: &Connection) -> Result<Vec<EntryMeta>, AnalysisError> {
    let mut stmt = conn.prepare(
        "SELECT entry_id, date, kind, person_id, title, mood, feedback, flags, detail, personal
         FROM insight_meta ORDER BY date, entry_id",
    )?;
    let rows = stmt.query_map([], |r| {
        let date: String = r.get(1)?;
        let kind: String = r.get(2)?;
        let feedback: Option<i64> = r.get(6)?;
        Ok(EntryMeta {
            id: r.get(0)?,
            date: NaiveDate::parse_from_str(&date, "%Y-%m-%d").unwrap_or_default(),
            kind: kind.parse().unwrap_or(Kind::Note),
            person_id: r.get(3)?,
            title: r.get(4)?,
            mood: r.get(5)?,
            feedback: feedback.map(|b| FeedbackMeta {
                direction: if b & FB_CONSTRUCTIVE != 0 {
                    Direction::Constructive
                } else {
                    Direction::Praise
                },
                received: b & FB_RECEIVED != 0,
                planned: b & FB_PLANNED != 0,
                no_behavior: b & FB_NO_BEHAVIOR != 0,
                no_impact: b & FB_NO_IMPACT != 0,
            }),
            hits: Hits {
                flags: r.get(7)?,
                detail: r.get(8)?,
                personal: r.get(9)?,
            },
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The lexicon hits of live entries dated in `since..=until`: one person's, or everyone's
/// with `None`. The cache must be caught up first ([`catch_up`]).
pub fn hits_between(
    conn: &Connection,
    person_id: Option<&str>,
    since: NaiveDate,
    until: NaiveDate,
) -> Result<HashMap<String, Hits>, AnalysisError> {
    let mut stmt = conn.prepare_cached(
        "SELECT entry_id, flags, detail, personal FROM insight_meta
         WHERE date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR person_id = ?3)",
    )?;
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let rows = stmt.query_map(rusqlite::params![day(since), day(until), person_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            Hits {
                flags: r.get(1)?,
                detail: r.get(2)?,
                personal: r.get(3)?,
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
