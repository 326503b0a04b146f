//! Who is due, and what is open: the one place that decides cadence and "last met".
//! Today in the window, `candor person list` and the overdue nudge all call this, so the
//! three never disagree.
//!
//! The rule for "due": someone with a cadence of N days is due N days after the last
//! one-on-one or mentoring session dated on or before today (a meeting planned for a
//! later date has not happened yet, so it never counts as "last met"). They are "due
//! soon" in the [`DUE_SOON_DAYS`] days before that date, and overdue from the day after
//! it. The overdue nudge interrupts, so it waits a grace on top (a nudge setting, a
//! percentage of the cadence): it fires only for someone this module calls overdue,
//! once they are later than the grace ([`past_grace`]).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{ActionFilter, ActionItem, EntryFilter, Kind, ModelError, Person};
use crate::Journal;

/// Today's date where the person is: cadences, "recent" and the latest date an entry may
/// carry are counted in local days.
pub fn local_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// "Due soon" starts this many days before the due date.
pub const DUE_SOON_DAYS: i64 = 2;

/// Where someone stands against their cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// No cadence set for them.
    NoCadence,
    /// A cadence, but no meeting on or before today.
    NeverMet,
    OnTrack,
    /// Due within the next [`DUE_SOON_DAYS`] days (or today).
    DueSoon,
    /// Past the due date.
    Overdue,
}

impl Status {
    /// Whether Today lists them.
    pub fn is_due(self) -> bool {
        matches!(self, Status::Overdue | Status::NeverMet | Status::DueSoon)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::NoCadence => "no cadence",
            Status::NeverMet => "never met",
            Status::OnTrack => "on track",
            Status::DueSoon => "due soon",
            Status::Overdue => "overdue",
        }
    }
}

/// The cadence verdict for one person on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Standing {
    pub status: Status,
    pub last_met: Option<NaiveDate>,
    pub next_due: Option<NaiveDate>,
    /// Days past `next_due` (0 unless overdue).
    pub days_overdue: u32,
}

/// The rule, on plain values. A `last` after `today` is ignored (see the module comment).
pub fn standing(cadence_days: Option<u32>, last: Option<NaiveDate>, today: NaiveDate) -> Standing {
    let last = last.filter(|d| *d <= today);
    let mut s = Standing {
        status: Status::NoCadence,
        last_met: last,
        next_due: None,
        days_overdue: 0,
    };
    let Some(days) = cadence_days.filter(|&d| d > 0) else {
        return s;
    };
    let Some(last) = last else {
        s.status = Status::NeverMet;
        return s;
    };
    let due = last + chrono::Duration::days(i64::from(days));
    let late = (today - due).num_days();
    s.next_due = Some(due);
    s.days_overdue = u32::try_from(late.max(0)).unwrap_or(u32::MAX);
    s.status = if late > 0 {
        Status::Overdue
    } else if -late <= DUE_SOON_DAYS {
        Status::DueSoon
    } else {
        Status::OnTrack
    };
    s
}

/// Whether an overdue person is late by more than the nudge's grace: more than
/// `grace_percent` of the cadence, and more than one day, past the due date.
pub fn past_grace(s: &Standing, cadence_days: u32, grace_percent: u32) -> bool {
    let grace = u64::from(cadence_days) * u64::from(grace_percent) / 100;
    s.status == Status::Overdue && u64::from(s.days_overdue) > grace.max(1)
}

/// The last one-on-one or mentoring session with `name` on or before `today`.
pub fn last_met(
    j: &Journal,
    name: &str,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, ModelError> {
    let mut last = None;
    for kind in [Kind::OneOnOne, Kind::Mentoring] {
        let found = j.entries(&EntryFilter {
            person: Some(name.to_string()),
            kind: Some(kind),
            until: Some(today),
            limit: Some(1),
            ..EntryFilter::default()
        })?;
        last = last.max(found.first().map(|e| e.date));
    }
    Ok(last)
}

/// The open action items, for everyone, in the order the journal keeps them.
pub fn open_actions(j: &Journal) -> Result<Vec<ActionItem>, ModelError> {
    j.actions(&ActionFilter {
        open_only: true,
        person: None,
    })
}

/// One person with their standing and open action items.
#[derive(Debug, Clone, Serialize)]
pub struct PersonDue {
    #[serde(flatten)]
    pub person: Person,
    #[serde(flatten)]
    pub standing: Standing,
    pub open_actions: u32,
}

/// Each of `people` with their standing on `today`.
pub fn standings(
    j: &Journal,
    people: Vec<Person>,
    today: NaiveDate,
) -> Result<Vec<PersonDue>, ModelError> {
    let mut open: HashMap<String, u32> = HashMap::new();
    for a in open_actions(j)? {
        *open.entry(a.person_id).or_default() += 1;
    }
    people
        .into_iter()
        .map(|person| {
            let last = last_met(j, &person.name, today)?;
            Ok(PersonDue {
                standing: standing(person.cadence_days, last, today),
                open_actions: open.get(&person.id).copied().unwrap_or(0),
                person,
            })
        })
        .collect()
}

/// Everyone (archived too when asked) with their standing.
pub fn people(
    j: &Journal,
    include_archived: bool,
    today: NaiveDate,
) -> Result<Vec<PersonDue>, ModelError> {
    standings(j, j.people(include_archived)?, today)
}

/// The people Today lists: overdue first (latest first), then never met, then due soon.
pub fn due(j: &Journal, today: NaiveDate) -> Result<Vec<PersonDue>, ModelError> {
    let mut due: Vec<PersonDue> = people(j, false, today)?
        .into_iter()
        .filter(|p| p.standing.status.is_due())
        .collect();
    let rank = |p: &PersonDue| match p.standing.status {
        Status::Overdue => 0,
        Status::NeverMet => 1,
        _ => 2,
    };
    due.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then(b.standing.days_overdue.cmp(&a.standing.days_overdue))
            .then(a.standing.next_due.cmp(&b.standing.next_due))
    });
    Ok(due)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NewEntry, NewPerson};
    use crate::{vault, SecretString};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn status_by_date() {
        let t = day(2025, 3, 20);
        assert_eq!(standing(None, None, t).status, Status::NoCadence);
        assert_eq!(standing(Some(7), None, t).status, Status::NeverMet);
        let s = standing(Some(7), Some(day(2025, 3, 10)), t);
        assert_eq!(
            (s.status, s.next_due, s.days_overdue),
            (Status::Overdue, Some(day(2025, 3, 17)), 3)
        );
        // Due today, and the day it falls due, is "due soon", not overdue.
        assert_eq!(
            standing(Some(7), Some(day(2025, 3, 13)), t).status,
            Status::DueSoon
        );
        assert_eq!(
            standing(Some(7), Some(day(2025, 3, 12)), t).status,
            Status::Overdue
        );
        assert_eq!(
            standing(Some(7), Some(day(2025, 3, 14)), t).status,
            Status::DueSoon
        );
        assert_eq!(
            standing(Some(14), Some(day(2025, 3, 19)), t).status,
            Status::OnTrack
        );
    }

    #[test]
    fn a_future_meeting_is_not_last_met() {
        let t = day(2025, 3, 20);
        let s = standing(Some(7), Some(day(2025, 4, 1)), t);
        assert_eq!((s.status, s.last_met), (Status::NeverMet, None));
    }

    #[test]
    fn the_nudge_waits_its_grace_and_never_fires_when_not_overdue() {
        let t = day(2025, 3, 20);
        // 14-day cadence, 50 % grace: due 7 days late, nudged from the 8th.
        let at = |late: i64| standing(Some(14), Some(t - chrono::Duration::days(14 + late)), t);
        assert!(!past_grace(&at(7), 14, 50));
        assert!(past_grace(&at(8), 14, 50));
        // No grace still needs one day past due, and on track is never past grace.
        assert!(!past_grace(&at(1), 14, 0));
        assert!(past_grace(&at(2), 14, 0));
        assert!(!past_grace(&at(-3), 14, 0));
    }

    #[test]
    fn last_met_skips_planned_meetings_and_other_kinds() {
        let dir = tempfile::tempdir().expect("tempdir");
        let pass = SecretString::from("correct horse battery".to_string());
        let (mut j, _) = vault::create(&dir.path().join("j"), &pass).expect("create");
        j.add_person(&NewPerson {
            cadence_days: Some(7),
            ..NewPerson::named("Priya")
        })
        .expect("person");
        let log = |j: &mut Journal, kind, date: NaiveDate| {
            j.log(NewEntry {
                kind: Some(kind),
                date: Some(date),
                person: Some("Priya".into()),
                body: "x".into(),
                ..NewEntry::default()
            })
            .expect("log");
        };
        let t = day(2025, 3, 20);
        log(&mut j, Kind::OneOnOne, day(2025, 3, 1));
        log(&mut j, Kind::Mentoring, day(2025, 3, 5));
        log(&mut j, Kind::Note, day(2025, 3, 18));
        log(&mut j, Kind::OneOnOne, day(2025, 3, 27));
        assert_eq!(
            last_met(&j, "priya", t).expect("last"),
            Some(day(2025, 3, 5))
        );
        let due = due(&j, t).expect("due");
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].standing.status, Status::Overdue);
        assert_eq!(due[0].standing.days_overdue, 8);
    }
}
