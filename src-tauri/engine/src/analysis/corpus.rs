//! The journal as nudges and prompts read it: people, every live entry's metadata with its
//! lexicon hits, and the open action items. No entry text is held.

use std::collections::HashMap;
use std::sync::Arc;

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

/// The corpus an open journal keeps between calls, with what it was read from: the
/// database's change stamp, the cache rows' layout and last `seq`, and the action items'
/// change count.
pub struct Kept {
    corpus: Arc<Corpus>,
    stamp: (i64, i64),
    epoch: Vec<u8>,
    seq: i64,
    action_changes: i64,
}

/// Changes to the database since: another connection's commits move `data_version`, this
/// connection's writes move `total_changes()`.
fn stamp(conn: &Connection) -> Result<(i64, i64), AnalysisError> {
    let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
    let own: i64 = conn.query_row("SELECT total_changes()", [], |r| r.get(0))?;
    Ok((version, own))
}

impl Corpus {
    /// Catches the analysis cache up, then reads what changed since the last call on this
    /// journal: nothing when the database did not change; else the entries' rows written
    /// since (all of them after a rebuild of the cache, or when some were dropped), the
    /// action items when they changed, and the people and goals (a few rows) again.
    pub fn load(j: &mut Journal) -> Result<Arc<Corpus>, AnalysisError> {
        catch_up(j)?;
        let stamp = stamp(j.conn())?;
        let prev = match j.take_corpus() {
            Some(k) if k.stamp == stamp => {
                let corpus = k.corpus.clone();
                j.keep_corpus(k);
                return Ok(corpus);
            }
            prev => prev,
        };
        let action_changes: i64 =
            j.conn()
                .query_row("SELECT changes FROM action_changes WHERE id = 1", [], |r| {
                    r.get(0)
                })?;
        // What can be kept of the corpus before (its entries are brought up to date).
        let (kept_entries, kept_actions) = match prev {
            Some(k) => {
                let c = Arc::try_unwrap(k.corpus).unwrap_or_else(|shared| (*shared).clone());
                let actions =
                    (k.action_changes == action_changes).then_some((c.actions, c.acted_on));
                (Some((k.epoch, k.seq, c.entries)), actions)
            }
            None => (None, None),
        };
        let (epoch, seq, entries) = refresh_entries(j.conn(), kept_entries)?;
        let (actions, acted_on) = match kept_actions {
            Some(kept) => kept,
            None => (
                j.actions(&ActionFilter {
                    open_only: true,
                    person: None,
                })?,
                acted_on(j.conn())?,
            ),
        };
        let corpus = Arc::new(Corpus {
            people: j.people(true)?,
            entries,
            actions,
            goals: j.goals(&crate::goals::GoalFilter {
                status: Some(crate::goals::GoalStatus::Active),
                ..Default::default()
            })?,
            acted_on,
        });
        j.keep_corpus(Kept {
            corpus: corpus.clone(),
            stamp,
            epoch,
            seq,
            action_changes,
        });
        Ok(corpus)
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

    /// The lexicon hits of the entries dated in `since..=until`: one person's, or
    /// everyone's with `None`.
    pub fn hits_between(
        &self,
        person_id: Option<&str>,
        since: NaiveDate,
        until: NaiveDate,
    ) -> HashMap<String, Hits> {
        // Oldest first: the window is one run of the list.
        let start = self.entries.partition_point(|e| e.date < since);
        self.entries[start..]
            .iter()
            .take_while(|e| e.date <= until)
            .filter(|e| person_id.is_none() || e.person_id.as_deref() == person_id)
            .map(|e| (e.id.clone(), e.hits))
            .collect()
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

/// The entries, oldest first, from the kept ones (with the layout and last `seq` they
/// were read at) and the rows written since; with the layout's token and last `seq` now.
fn refresh_entries(
    conn: &Connection,
    kept: Option<(Vec<u8>, i64, Vec<EntryMeta>)>,
) -> Result<(Vec<u8>, i64, Vec<EntryMeta>), AnalysisError> {
    let (epoch, seq, count) = super::cache::state(conn)?;
    if let Some((_, after, mut entries)) = kept.filter(|k| k.0 == epoch && k.1 <= seq) {
        let changed = load_entries(conn, after)?;
        if !changed.is_empty() {
            let ids: std::collections::HashSet<&str> =
                changed.iter().map(|e| e.id.as_str()).collect();
            entries.retain(|e| !ids.contains(e.id.as_str()));
            entries.extend(changed);
            entries.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        }
        // A row dropped (an entry deleted or trashed) leaves no trace to read: the count
        // tells, and everything is read again.
        if entries.len() as i64 == count {
            return Ok((epoch, seq, entries));
        }
    }
    Ok((epoch, seq, load_entries(conn, 0)?))
}

/// The cache rows written after `after`, oldest entry first.
fn load_entries(conn: &Connection, after: i64) -> Result<Vec<EntryMeta>, AnalysisError> {
    let mut stmt = conn.prepare_cached(
        "SELECT entry_id, date, kind, person_id, title, mood, feedback, flags, detail, personal
         FROM insight_meta WHERE seq > ?1 ORDER BY date, entry_id",
    )?;
    let rows = stmt.query_map([after], |r| {
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::model::{EntryPatch, NewAction, NewEntry, NewPerson, Owner, Relationship};
    use crate::{vault, SecretString};

    const PASS: &str = "corpus test passphrase";

    fn journal(dir: &tempfile::TempDir) -> Journal {
        let pass = SecretString::from(PASS.to_string());
        let mut j = vault::create(&dir.path().join("j"), &pass).unwrap().0;
        for name in ["Ana Silva", "Ben Okafor"] {
            j.add_person(&NewPerson {
                name: name.into(),
                role: None,
                relationship: Relationship::Report,
                cadence_days: Some(14),
            })
            .unwrap();
        }
        for (i, who) in ["Ana Silva", "Ben Okafor", "Ana Silva"].iter().enumerate() {
            j.log(NewEntry {
                date: NaiveDate::from_ymd_opt(2025, 3, 1 + i as u32),
                person: Some(who.to_string()),
                body: format!("1:1 number {i}, the roadmap."),
                ..NewEntry::default()
            })
            .unwrap();
        }
        j
    }

    /// The corpus as a journal with nothing kept reads it.
    fn read_whole(j: &mut Journal) -> Arc<Corpus> {
        let kept = j.take_corpus();
        let whole = Corpus::load(j).unwrap();
        if let Some(k) = kept {
            j.keep_corpus(k);
        }
        whole
    }

    fn same(a: &Corpus, b: &Corpus) {
        assert_eq!(a.entries, b.entries);
        let items = |c: &Corpus| -> Vec<(String, bool)> {
            c.actions
                .iter()
                .map(|x| (x.id.clone(), x.done_at.is_some()))
                .collect()
        };
        assert_eq!(items(a), items(b));
        assert_eq!(a.acted_on, b.acted_on);
        assert_eq!(a.people.len(), b.people.len());
    }

    /// After each kind of change, the corpus brought up to date from the kept one is the
    /// corpus read whole; with no change, it is the very same one.
    #[test]
    fn the_kept_corpus_follows_every_kind_of_change() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = journal(&dir);
        let first = Corpus::load(&mut j).unwrap();
        assert_eq!(first.entries.len(), 3);
        assert!(Arc::ptr_eq(&first, &Corpus::load(&mut j).unwrap()));

        let newest = j
            .log(NewEntry {
                date: NaiveDate::from_ymd_opt(2025, 3, 9),
                person: Some("Ben Okafor".into()),
                body: "Burned out, working every weekend.".into(),
                ..NewEntry::default()
            })
            .unwrap();
        let now = Corpus::load(&mut j).unwrap();
        assert_eq!(now.entries.len(), 4);
        same(&now, &read_whole(&mut j));

        // The newest row written twice over (its number must not come back).
        for body in ["Fine now.", "Underwater again, paged all night."] {
            j.edit(
                &newest.id,
                EntryPatch {
                    body: Some(body.into()),
                    ..EntryPatch::default()
                },
            )
            .unwrap();
            same(&Corpus::load(&mut j).unwrap(), &read_whole(&mut j));
        }
        // Moved to another person and another day.
        j.edit(
            &newest.id,
            EntryPatch {
                person: Some("Ana Silva".into()),
                date: NaiveDate::from_ymd_opt(2025, 2, 1),
                ..EntryPatch::default()
            },
        )
        .unwrap();
        let moved = Corpus::load(&mut j).unwrap();
        assert_eq!(moved.entries[0].id, newest.id);
        same(&moved, &read_whole(&mut j));

        // An item made from an entry, then done.
        let item = j
            .add_action(&NewAction {
                person: "Ana Silva".into(),
                text: "Send the rotation doc".into(),
                owner: Owner::Me,
                due: None,
                entry_id: Some(newest.id.clone()),
            })
            .unwrap();
        let with_item = Corpus::load(&mut j).unwrap();
        assert_eq!(with_item.actions.len(), 1);
        assert!(with_item.acted_on.contains(&newest.id));
        j.complete_action(&item.id).unwrap();
        let done = Corpus::load(&mut j).unwrap();
        assert!(done.actions.is_empty());
        same(&done, &read_whole(&mut j));

        // Deleted (to the trash), and one more written in the same stretch.
        j.delete(&newest.id).unwrap();
        j.log(NewEntry {
            date: NaiveDate::from_ymd_opt(2025, 3, 10),
            person: Some("Ben Okafor".into()),
            body: "Quiet week.".into(),
            ..NewEntry::default()
        })
        .unwrap();
        let after = Corpus::load(&mut j).unwrap();
        assert!(after.entries.iter().all(|e| e.id != newest.id));
        assert_eq!(after.entries.len(), 4);
        same(&after, &read_whole(&mut j));
        j.restore(&newest.id).unwrap();
        same(&Corpus::load(&mut j).unwrap(), &read_whole(&mut j));
    }

    #[test]
    fn another_connections_writes_and_a_rebuilt_cache_are_seen() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = journal(&dir);
        assert_eq!(Corpus::load(&mut j).unwrap().entries.len(), 3);

        let pass = SecretString::from(PASS.to_string());
        let mut other = vault::open(&dir.path().join("j"), &pass).unwrap();
        other
            .log(NewEntry {
                person: Some("Ana Silva".into()),
                body: "Asked about the equity refresh; a recruiter called.".into(),
                ..NewEntry::default()
            })
            .unwrap();
        // Analysed by the other process, not this one.
        Corpus::load(&mut other).unwrap();
        drop(other);
        let seen = Corpus::load(&mut j).unwrap();
        assert_eq!(seen.entries.len(), 4);
        same(&seen, &read_whole(&mut j));

        // Another analyser version rebuilds the cache: its rows are numbered afresh.
        j.conn()
            .execute("UPDATE insight_state SET version = 0 WHERE id = 1", [])
            .unwrap();
        let rebuilt = Corpus::load(&mut j).unwrap();
        assert_eq!(rebuilt.entries.len(), 4);
        same(&rebuilt, &read_whole(&mut j));
    }
}
