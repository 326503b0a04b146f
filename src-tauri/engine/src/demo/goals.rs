//! The demo's goals and highlights: Priya's promotion case and her migration, each
//! checked in on by her recent entries about it, and her best moments starred, so the
//! review packet and the goals screens have something real to show.

use chrono::{Days, NaiveDate};

use crate::goals::{GoalFilter, GoalKind, NewGoal};
use crate::model::{EntryFilter, ModelError};
use crate::Journal;

/// (person, title, kind, words in an entry's title that check in on it).
const GOALS: &[(&str, &str, GoalKind, &[&str])] = &[
    (
        "Priya Raman",
        "Make the staff engineer case by the spring cycle",
        GoalKind::Career,
        &["promotion", "staff engineer"],
    ),
    (
        "Priya Raman",
        "Lead the payments migration cutover",
        GoalKind::Project,
        &["migration", "cutover"],
    ),
];

/// Check-ins linked per goal, the latest first.
const CHECKINS: usize = 6;
/// Only entries this recent check in, so no demo goal looks neglected.
const RECENT_DAYS: u64 = 150;

pub(super) fn add(j: &mut Journal, end: NaiveDate) -> Result<(), ModelError> {
    let since = end.checked_sub_days(Days::new(RECENT_DAYS));
    for (person, title, kind, words) in GOALS {
        let Ok(p) = j.person(person) else { continue };
        let existing = j.goals(&GoalFilter {
            person: Some(p.name.clone()),
            ..GoalFilter::default()
        })?;
        if existing.iter().any(|g| g.title == *title) {
            continue;
        }
        let goal = j.add_goal(&NewGoal {
            person: Some(p.name.clone()),
            title: (*title).to_string(),
            kind: *kind,
            due: end.checked_add_days(Days::new(120)),
            description: String::new(),
        })?;
        let entries = j.entries(&EntryFilter {
            person: Some(p.name.clone()),
            since,
            until: Some(end),
            ..EntryFilter::default()
        })?;
        let mut linked = 0;
        for e in &entries {
            let t = e.title.to_lowercase();
            if linked < CHECKINS && words.iter().any(|w| t.contains(w)) {
                j.link_goal(&goal.id, &e.id)?;
                linked += 1;
            }
        }
        // Her best-received praise of the period is a highlight.
        if let Some(e) = entries
            .iter()
            .find(|e| e.title.to_lowercase().starts_with("praise"))
        {
            j.star(&e.id, true)?;
        }
    }
    Ok(())
}
