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
        kind: Some(Kind::Feedback),
        date: Some(day("2025-05-25")),
        person: Some("Dev Patel".into()),
        body: "Thanks for the clear incident write-up.".into(),
        feedback: FeedbackInput {
            direction: Some(Direction::Praise),
            behavior: Some("wrote up the incident the same day".into()),
            impact: Some("on-call knew what to watch".into()),
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
    assert_eq!(NudgeSettings::default().describe().len(), 23);
}

/// Dev's journal with three old open action items and a second overdue report.
fn busy(dir: &tempfile::TempDir) -> Journal {
    let mut j = journal(dir);
    for text in ["Send the doc", "Book the room", "Ask about on-call"] {
        j.add_action(&crate::model::NewAction {
            person: "Dev Patel".into(),
            text: text.into(),
            owner: crate::model::Owner::Me,
            due: None,
            entry_id: None,
        })
        .unwrap();
    }
    j
}

#[test]
fn nudges_are_ranked_and_repeats_grouped() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = busy(&dir);
    // The items were written today (the test's real date): look a year ahead.
    let today = chrono::Local::now().date_naive() + chrono::Days::new(365);
    let list = nudges(&mut j, today).unwrap();
    let urgencies: Vec<u32> = list.iter().map(|n| n.urgency).collect();
    let mut sorted = urgencies.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(urgencies, sorted, "most pressing first");
    assert_eq!(list[0].rule, "one-on-one-overdue");
    let stale: Vec<&Nudge> = list
        .iter()
        .filter(|n| n.rule == "stale-action-item")
        .collect();
    assert_eq!(stale.len(), 1, "three stale items, one nudge");
    assert_eq!(stale[0].members.len(), 3);
    assert_eq!(stale[0].person.as_deref(), Some("Dev Patel"));
    assert!(stale[0].message.starts_with("3 open action items"));
    // The prep keeps one nudge per situation.
    let corpus = Corpus::load(&mut j).unwrap();
    let raw = active(&j, &corpus, today).unwrap();
    assert_eq!(
        raw.iter().filter(|n| n.rule == "stale-action-item").count(),
        3
    );
}

#[test]
fn every_nudge_is_listed_with_its_status_and_can_be_restored() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = busy(&dir);
    let today = chrono::Local::now().date_naive() + chrono::Days::new(365);
    let shown = nudges(&mut j, today).unwrap();
    let stale = shown
        .iter()
        .find(|n| n.rule == "stale-action-item")
        .unwrap()
        .clone();
    let overdue = shown[0].clone();
    // Dismissing the group dismisses every member; one member can be snoozed alone.
    dismiss(&mut j, &stale.id, None, today).unwrap();
    dismiss(&mut j, &overdue.id, Some(3), today).unwrap();
    let now = nudges(&mut j, today).unwrap();
    assert!(now.iter().all(|n| n.rule != "stale-action-item"));
    assert!(now.iter().all(|n| n.id != overdue.id));

    let all = all_nudges(&mut j, today).unwrap();
    assert_eq!(all.len(), shown.len());
    let status = |id: &str| {
        all.iter()
            .find(|l| l.nudge.id == id)
            .map(|l| (l.status, l.until))
    };
    assert_eq!(status(&stale.id), Some((Status::Dismissed, None)));
    assert_eq!(
        status(&overdue.id),
        Some((
            Status::Snoozed,
            today.checked_add_days(chrono::Days::new(3))
        ))
    );
    let order: Vec<Status> = all.iter().map(|l| l.status).collect();
    let mut sorted = order.clone();
    sorted.sort_by_key(|s| *s as u8);
    assert_eq!(order, sorted, "shown, then snoozed, then dismissed");

    // One member back, then the rest of the group.
    let one = stale.members[1].id.clone();
    assert_eq!(restore(&mut j, &one, today).unwrap(), 1);
    let back = nudges(&mut j, today).unwrap();
    let s: Vec<&Nudge> = back
        .iter()
        .filter(|n| n.rule == "stale-action-item")
        .collect();
    assert_eq!((s.len(), s[0].id.as_str()), (1, one.as_str()));
    let rest = all_nudges(&mut j, today)
        .unwrap()
        .into_iter()
        .find(|l| l.status == Status::Dismissed)
        .unwrap();
    assert_eq!(restore(&mut j, &rest.nudge.id, today).unwrap(), 2);
    assert!(matches!(
        restore(&mut j, &one, today),
        Err(NudgeError::UnknownNudge)
    ));
    assert_eq!(
        restore(&mut j, &overdue.id[..overdue.id.len() - 2], today).unwrap(),
        1
    );
    assert_eq!(nudges(&mut j, today).unwrap(), shown);
}

/// Nudges reach the window as they are: their text names no command or flag.
#[test]
fn nudge_text_names_no_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let pass = SecretString::from("nudges test passphrase".to_string());
    let mut j = vault::create(&dir.path().join("d"), &pass).unwrap().0;
    let end = day("2025-06-13");
    let opts = crate::demo::DemoOptions {
        entries: 600,
        seed: 42,
        end,
    };
    crate::demo::generate(&mut j, &opts, &mut |_, _| {}).unwrap();
    let list = nudges(&mut j, end).unwrap();
    assert!(list.len() >= 5, "{}", list.len());
    for n in &list {
        for text in [&n.message, &n.suggestion] {
            assert!(!text.contains("candor ") && !text.contains("--"), "{text}");
        }
    }
    let r = crate::prompts::reflect(&j, end).unwrap();
    assert!(!r.how_to_answer.contains("candor ") && !r.how_to_answer.contains("--"));
}
