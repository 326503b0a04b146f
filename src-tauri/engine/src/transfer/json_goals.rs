//! Goals and starred entries in the JSON export: written beside the entries, read back
//! on import (links only to entries that came in, or were already there).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::apply::skip;
use super::filter::Scope;
use super::{ImportReport, TransferError};
use crate::goals::{GoalFilter, GoalKind, GoalStatus};
use crate::Journal;

/// A goal as exported: its fields and the ids of the entries that check in on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonGoal {
    pub id: String,
    /// `None`: the manager's own goal.
    pub person_id: Option<String>,
    pub title: String,
    pub kind: GoalKind,
    pub due: Option<NaiveDate>,
    pub status: GoalStatus,
    #[serde(default)]
    pub description: String,
    pub created_at: String,
    pub closed_at: Option<String>,
    #[serde(default)]
    pub entries: Vec<String>,
}

/// The goals in scope (a person's; everyone's and the manager's own without a person),
/// with their links to exported entries, and the exported entries that are starred.
pub(super) fn export(
    journal: &Journal,
    scope: &Scope,
    exported: &HashSet<&str>,
) -> Result<(Vec<JsonGoal>, Vec<String>), TransferError> {
    let mut goals = Vec::new();
    for g in journal.goals(&GoalFilter::default())? {
        let in_scope = match &g.person_id {
            Some(p) => scope.person(p),
            None => scope.person(""),
        };
        if !in_scope {
            continue;
        }
        let entries = journal
            .checkins(&g.id)?
            .into_iter()
            .map(|c| c.entry_id)
            .filter(|id| exported.contains(id.as_str()))
            .collect();
        goals.push(JsonGoal {
            id: g.id,
            person_id: g.person_id,
            title: g.title,
            kind: g.kind,
            due: g.due,
            status: g.status,
            description: g.description,
            created_at: g.created_at,
            closed_at: g.closed_at,
            entries,
        });
    }
    let mut stmt = journal
        .conn()
        .prepare("SELECT entry_id FROM entry_stars ORDER BY entry_id")?;
    let starred = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|id| exported.contains(id.as_str()))
        .collect();
    Ok((goals, starred))
}

fn entry_exists(tx: &Transaction<'_>, id: &str) -> Result<bool, TransferError> {
    Ok(tx
        .prepare_cached("SELECT 1 FROM entries WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Adds the goals not already in the journal (by id) and their links, and the stars.
/// `people` maps the file's person ids to this journal's; `entries` the file's entry ids
/// to this journal's (after re-keying).
pub(super) fn import(
    tx: &Transaction<'_>,
    goals: Vec<JsonGoal>,
    starred: Vec<String>,
    people: &HashMap<String, String>,
    entries: &HashMap<String, String>,
    report: &mut ImportReport,
) -> Result<(), TransferError> {
    let entry = |id: &str| entries.get(id).cloned().unwrap_or_else(|| id.to_string());
    for (i, g) in goals.into_iter().enumerate() {
        let item = format!("goals[{i}]");
        let exists = tx
            .prepare_cached("SELECT 1 FROM goals WHERE id = ?1")?
            .query_row([&g.id], |_| Ok(()))
            .optional()?
            .is_some();
        if exists {
            report
                .skipped
                .push(skip(item, "already in the journal (same goal id)"));
            continue;
        }
        let person = match &g.person_id {
            Some(p) => match people.get(p) {
                Some(mapped) => Some(mapped.clone()),
                None => {
                    report
                        .skipped
                        .push(skip(item, "its person is not in the file"));
                    continue;
                }
            },
            None => None,
        };
        if g.title.trim().is_empty() || g.title.chars().count() > crate::goals::MAX_TITLE {
            report
                .skipped
                .push(skip(item, "a goal needs a title of at most 200 characters"));
            continue;
        }
        let id = if super::apply::is_id(&g.id) {
            g.id.clone()
        } else {
            crate::model::new_id()
        };
        tx.prepare_cached(
            "INSERT INTO goals (id, person_id, title, kind, due, status, description, created_at, closed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            id,
            person,
            g.title.trim(),
            g.kind.as_str(),
            g.due.map(|d| d.format("%Y-%m-%d").to_string()),
            g.status.as_str(),
            g.description,
            g.created_at,
            g.closed_at
        ])?;
        for e in &g.entries {
            let e = entry(e);
            if entry_exists(tx, &e)? {
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO goal_entries (goal_id, entry_id) VALUES (?1, ?2)",
                )?
                .execute(params![id, e])?;
            }
        }
        report.goals += 1;
    }
    for e in starred {
        let e = entry(&e);
        if entry_exists(tx, &e)? {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO entry_stars (entry_id, starred_at) VALUES (?1, ?2)",
            )?
            .execute(params![e, crate::model::now()])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use crate::goals::{GoalFilter, GoalKind, NewGoal};
    use crate::model::{Kind, NewEntry};
    use crate::transfer::{export_json, import, Source};

    fn journal(dir: &std::path::Path) -> crate::Journal {
        crate::vault::create(dir, &"correct horse battery".to_string().into())
            .unwrap()
            .0
    }

    #[test]
    fn goals_links_and_stars_travel_through_json() {
        let tmp = tempfile::tempdir().unwrap();
        let mut a = journal(&tmp.path().join("a"));
        let e = a
            .log(NewEntry {
                kind: Some(Kind::OneOnOne),
                person: Some("Priya".into()),
                body: "talked about the staff path".into(),
                ..Default::default()
            })
            .unwrap();
        let new = |person: Option<&str>, title: &str| NewGoal {
            person: person.map(String::from),
            title: title.into(),
            kind: GoalKind::Career,
            due: None,
            description: "why it matters".into(),
        };
        let g = a.add_goal(&new(Some("Priya"), "Staff engineer")).unwrap();
        a.add_goal(&new(None, "Delegate more")).unwrap();
        a.link_goal(&g.id, &e.id).unwrap();
        a.star(&e.id, true).unwrap();
        let file = tmp.path().join("out.json");
        export_json(&a, &file).unwrap();

        let mut b = journal(&tmp.path().join("b"));
        let r = import(&mut b, Source::Json, &file, &mut |_, _| {}).unwrap();
        assert_eq!(r.goals, 2);
        let goals = b.goals(&GoalFilter::default()).unwrap();
        let staff = goals.iter().find(|x| x.id == g.id).unwrap();
        assert_eq!(
            (staff.checkins, staff.person.as_deref()),
            (1, Some("Priya"))
        );
        assert_eq!(staff.description, "why it matters");
        assert!(b.is_starred(&e.id).unwrap());
        // Again: nothing doubles.
        let again = import(&mut b, Source::Json, &file, &mut |_, _| {}).unwrap();
        assert_eq!(again.goals, 0);
        assert_eq!(b.goals(&GoalFilter::default()).unwrap().len(), 2);
    }
}

#[cfg(test)]
mod markdown_tests {
    #![allow(clippy::unwrap_used)]
    use crate::goals::{GoalFilter, GoalKind, NewGoal};
    use crate::model::{Kind, NewEntry};
    use crate::transfer::{export_markdown, import, Source};

    /// Candor's Markdown export names each entry's goals and its star in the front
    /// matter; importing the export brings both back.
    #[test]
    fn goals_and_stars_travel_through_markdown() {
        let tmp = tempfile::tempdir().unwrap();
        let key = "correct horse battery".to_string().into();
        let mut a = crate::vault::create(&tmp.path().join("a"), &key).unwrap().0;
        let e = a
            .log(NewEntry {
                kind: Some(Kind::OneOnOne),
                person: Some("Priya".into()),
                body: "the staff path".into(),
                ..Default::default()
            })
            .unwrap();
        let g = a
            .add_goal(&NewGoal {
                person: Some("Priya".into()),
                title: "Staff engineer".into(),
                kind: GoalKind::Career,
                due: None,
                description: String::new(),
            })
            .unwrap();
        a.link_goal(&g.id, &e.id).unwrap();
        a.star(&e.id, true).unwrap();
        let dir = tmp.path().join("md");
        export_markdown(&a, &dir, &mut |_, _| {}).unwrap();
        fn walk(d: &std::path::Path, text: &mut String) {
            for e in std::fs::read_dir(d).unwrap().flatten() {
                if e.path().is_dir() {
                    walk(&e.path(), text);
                } else {
                    text.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
                }
            }
        }
        let mut text = String::new();
        walk(&dir, &mut text);
        assert!(
            text.contains("goals: [") && text.contains("Staff engineer"),
            "{text}"
        );
        assert!(text.contains("starred: true"));

        let mut b = crate::vault::create(&tmp.path().join("b"), &key).unwrap().0;
        import(&mut b, Source::Markdown, &dir, &mut |_, _| {}).unwrap();
        let goals = b.goals(&GoalFilter::default()).unwrap();
        assert_eq!(goals.len(), 1);
        assert_eq!(
            (goals[0].title.as_str(), goals[0].checkins),
            ("Staff engineer", 1)
        );
        assert!(b.is_starred(&e.id).unwrap());
    }
}

#[cfg(test)]
mod zone_tests {
    #![allow(clippy::unwrap_used)]
    use crate::transfer::{export_json, export_markdown, import, Source};

    /// A Day One entry's time zone survives Candor's JSON and Markdown exports.
    #[test]
    fn where_an_entry_was_written_travels_through_both_exports() {
        let tmp = tempfile::tempdir().unwrap();
        let key = "correct horse battery".to_string().into();
        let mut a = crate::vault::create(&tmp.path().join("a"), &key).unwrap().0;
        let dayone = tmp.path().join("Journal.json");
        std::fs::write(
            &dayone,
            r#"{"metadata": {"version": "1.0"}, "entries": [{"uuid": "LA1", "creationDate": "2024-03-10T07:30:00Z", "timeZone": "America/Los_Angeles", "text": "Late one\n\nWrote it at home.", "starred": true}]}"#,
        )
        .unwrap();
        import(&mut a, Source::DayOne, &dayone, &mut |_, _| {}).unwrap();
        let id = a.entries(&Default::default()).unwrap()[0].id.clone();
        let zone = a.entry_zone(&id).unwrap().unwrap();
        assert_eq!(
            (zone.utc_offset_minutes, zone.zone.as_deref()),
            (-480, Some("America/Los_Angeles"))
        );
        assert!(a.is_starred(&id).unwrap(), "Day One's star");

        let json = tmp.path().join("out.json");
        export_json(&a, &json).unwrap();
        let mut b = crate::vault::create(&tmp.path().join("b"), &key).unwrap().0;
        import(&mut b, Source::Json, &json, &mut |_, _| {}).unwrap();
        assert_eq!(b.entry_zone(&id).unwrap(), Some(zone.clone()));

        let md = tmp.path().join("md");
        export_markdown(&a, &md, &mut |_, _| {}).unwrap();
        let mut c = crate::vault::create(&tmp.path().join("c"), &key).unwrap().0;
        import(&mut c, Source::Markdown, &md, &mut |_, _| {}).unwrap();
        assert_eq!(c.entry_zone(&id).unwrap(), Some(zone));
        assert!(c.is_starred(&id).unwrap());
    }
}
