//! Nudges through a real journal: dismissals, snoozes and settings are stored in it.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;

use super::*;
use crate::model::{Direction, FeedbackInput, Kind, NewEntry, NewPerson, Relationship};
use crate::{vault, SecretString};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn journal(dir: &tempfile::TempDir) -> Journal {
    let pass = SecretString::from("nudges test passphrase".to_string());
    let mut j = vault::create(&dir.path().join("j"), &pass).unwrap().0;
    j.add_person(&NewPerson {
        name: "Dev Patel".into(),
        role: None,
        relationship: Relationship::Report,
        cadence_days: Some(14),
    })
    .unwrap();
    for d in ["2025-04-01", "2025-04-15", "2025-05-01"] {
        j.log(NewEntry {
            kind: Some(Kind::OneOnOne),
            date: Some(day(d)),
            person: Some("Dev Patel".into()),
            body: "Went through the sprint.".into(),
            ..NewEntry::default()
        })
        .unwrap();
    }
    j.log(NewEntry {
        kind: Some(Kind::Feedback),
        date: Some(day("2025-05-01")),
        person: Some("Dev Patel".into()),
        body: "Merged without review.".into(),
        feedback: FeedbackInput {
            direction: Some(Direction::Constructive),
            ..FeedbackInput::default()
        },
        ..NewEntry::default()
    })
    .unwrap();
    j.log(NewEntry {
        kind: Some(Kind::Reflection),
        date: Some(day("2025-06-01")),
        body: "A week of planning.".into(),
        ..NewEntry::default()
    })
    .unwrap();
    j
}

fn rules(list: &[Nudge]) -> Vec<&str> {
    list.iter().map(|n| n.rule.as_str()).collect()
}

#[test]
fn dismiss_and_snooze_are_stored_in_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    let today = day("2025-06-05");
    let all = nudges(&mut j, today).unwrap();
    assert_eq!(rules(&all), ["one-on-one-overdue"]);
    let id = all[0].id.clone();

    // Snoozed for a week: hidden until then, back on the day.
    let d = dismiss(&mut j, &id[..id.len() - 3], Some(7), today).unwrap();
    assert_eq!(d.until, Some(day("2025-06-12")));
    assert!(nudges(&mut j, day("2025-06-11")).unwrap().is_empty());
    assert_eq!(
        rules(&nudges(&mut j, day("2025-06-12")).unwrap()),
        ["one-on-one-overdue"]
    );

    // Dismissed for good survives closing and reopening the journal.
    dismiss(&mut j, &id, None, today).unwrap();
    drop(j);
    let pass = SecretString::from("nudges test passphrase".to_string());
    let mut j = vault::open(&dir.path().join("j"), &pass).unwrap();
    assert_eq!(
        rules(&nudges(&mut j, day("2025-06-20")).unwrap()),
        ["no-recent-reflection"]
    );
    assert_eq!(undismiss_all(&mut j).unwrap(), 1);
    assert_eq!(nudges(&mut j, day("2025-06-20")).unwrap().len(), 2);

    assert!(matches!(
        dismiss(&mut j, "no-such-nudge", None, today),
        Err(NudgeError::UnknownNudge)
    ));
    assert!(matches!(
        dismiss(&mut j, "", None, today),
        Err(NudgeError::UnknownNudge)
    ));
    assert!(matches!(
        dismiss(&mut j, &id, Some(0), today),
        Err(NudgeError::Invalid(_))
    ));
}

#[test]
fn thresholds_are_settings_with_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    assert_eq!(settings(&j).unwrap(), NudgeSettings::default());
    let today = day("2025-06-05");
    assert_eq!(
        rules(&nudges(&mut j, today).unwrap()),
        ["one-on-one-overdue"]
    );
    let s = set(&mut j, "overdue-grace-percent", Some(200)).unwrap();
    assert_eq!(s.overdue_grace_percent, 200);
    assert!(nudges(&mut j, today).unwrap().is_empty());
    assert!(matches!(
        set(&mut j, "reflection_gap_days", Some(0)),
        Err(NudgeError::Invalid(_))
    ));
    assert!(matches!(
        set(&mut j, "no_such_thing", Some(3)),
        Err(NudgeError::UnknownSetting)
    ));
    set(&mut j, "overdue_grace_percent", None).unwrap();
    assert_eq!(settings(&j).unwrap(), NudgeSettings::default());
    assert_eq!(NudgeSettings::default().describe().len(), 16);
}
