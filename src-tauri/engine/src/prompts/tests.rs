#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;

use super::*;
use crate::model::{
    Direction, FeedbackInput, Kind, NewAction, NewEntry, NewPerson, Owner, Relationship,
};
use crate::{vault, Journal, SecretString};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn journal(dir: &tempfile::TempDir) -> Journal {
    let pass = SecretString::from("prompts test passphrase".to_string());
    vault::create(&dir.path().join("j"), &pass).unwrap().0
}

fn log(j: &mut Journal, date: &str, kind: Kind, who: Option<&str>, body: &str) -> String {
    j.log(NewEntry {
        kind: Some(kind),
        date: Some(day(date)),
        person: who.map(String::from),
        body: body.to_string(),
        ..NewEntry::default()
    })
    .unwrap()
    .id
}

#[test]
fn prep_carries_actions_themes_feedback_and_questions() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    j.add_person(&NewPerson {
        name: "Marcus Bell".into(),
        role: None,
        relationship: Relationship::Report,
        cadence_days: Some(7),
    })
    .unwrap();
    let mut last = String::new();
    for (i, d) in ["2025-05-16", "2025-05-23", "2025-05-30", "2025-06-06"]
        .iter()
        .enumerate()
    {
        let body = if i == 1 {
            "The on-call rotation again; pager load is down."
        } else {
            "He is exhausted after the on-call rotation and the pager load."
        };
        last = log(&mut j, d, Kind::OneOnOne, Some("Marcus Bell"), body);
    }
    j.add_action(&NewAction {
        person: "Marcus Bell".into(),
        text: "Move the disk alerts out of paging".into(),
        owner: Owner::Me,
        due: Some(day("2025-06-10")),
        entry_id: Some(last.clone()),
    })
    .unwrap();
    j.log(NewEntry {
        kind: Some(Kind::Feedback),
        date: Some(day("2025-06-07")),
        person: Some("Marcus Bell".into()),
        title: Some("Handoff notes".into()),
        body: "To deliver.".into(),
        feedback: FeedbackInput {
            direction: Some(Direction::Constructive),
            planned: Some(true),
            ..FeedbackInput::default()
        },
        ..NewEntry::default()
    })
    .unwrap();
    log(&mut j, "2025-06-01", Kind::Note, None, "Team retro notes.");

    let p = prep(&mut j, "marcus bell", day("2025-06-12")).unwrap();
    assert_eq!(p.person, "Marcus Bell");
    let last_meeting = p.last_meeting.as_ref().unwrap();
    assert_eq!(
        (last_meeting.id.as_str(), last_meeting.days_ago),
        (last.as_str(), 6)
    );
    assert_eq!(p.open_actions.len(), 1);
    assert!(p.open_actions[0].mine && p.open_actions[0].overdue);
    assert!(
        p.themes
            .iter()
            .any(|t| t == "on-call rotation" || t == "pager load"),
        "{:?}",
        p.themes
    );
    assert_eq!(p.feedback_to_deliver.len(), 1);
    assert_eq!(p.sbi.len(), 4);
    // The worry that keeps coming back gets its question, and so do neglected skills.
    assert!(p.nudges.iter().any(|n| n.rule == "recurring-workload"));
    assert!(p
        .questions
        .iter()
        .any(|q| q.text == bank::worry(crate::analysis::Worry::Workload)));
    assert!(p.questions.iter().any(|q| q.skill == Skill::CareerGrowth));
    assert!(p.questions.len() >= 4, "{:?}", p.questions);
    // The new note starts from the agenda: items carried over, feedback due, questions.
    assert!(p
        .agenda
        .contains("## Carried over\n- Move the disk alerts out of paging (me, due 2025-06-10)\n"));
    assert!(p
        .agenda
        .contains("## Feedback to deliver\n- Handoff notes (constructive, 2025-06-07)\n"));
    assert!(p.agenda.contains(&format!("- {}\n", p.questions[0].text)));
    assert!(p.agenda.ends_with("## Agreed next steps\n"));
    // The same all week, so the agenda does not reshuffle.
    assert_eq!(
        prep(&mut j, "Marcus Bell", day("2025-06-13"))
            .unwrap()
            .questions,
        p.questions
    );
    assert!(matches!(
        prep(&mut j, "Nobody", day("2025-06-12")),
        Err(PromptError::UnknownPerson)
    ));
}

#[test]
fn mentees_get_mentoring_questions() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    j.add_person(&NewPerson {
        name: "Lena".into(),
        role: None,
        relationship: Relationship::Mentee,
        cadence_days: Some(30),
    })
    .unwrap();
    log(
        &mut j,
        "2025-06-01",
        Kind::Mentoring,
        Some("Lena"),
        "Delegation practice.",
    );
    let p = prep(&mut j, "Lena", day("2025-06-12")).unwrap();
    assert_eq!(p.questions.len(), 3);
    assert!(p
        .questions
        .iter()
        .all(|q| bank::MENTORING_GIVEN.contains(&q.text.as_str())));
}

#[test]
fn reflection_follows_the_track_and_the_path_trend() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    let r = reflect(&j, day("2025-06-12")).unwrap();
    assert_eq!(r.week_of, day("2025-06-09"));
    assert_eq!(r.weekly.len(), 3);
    assert!(r.first_90_days.is_none());
    assert!(r.path.as_ref().unwrap().due);

    set_management_start(&mut j, day("2025-05-01")).unwrap();
    assert_eq!(management_start(&j).unwrap(), Some(day("2025-05-01")));
    let r = reflect(&j, day("2025-06-12")).unwrap();
    let week = r.first_90_days.unwrap();
    assert_eq!(week.week, 7);
    assert_eq!(week.theme, bank::FIRST_90_DAYS[6].0);
    assert!(reflect(&j, day("2025-08-01"))
        .unwrap()
        .first_90_days
        .is_none());
    assert!(track_week(day("2025-05-01"), day("2025-04-30")).is_none());

    for (d, mood) in [
        ("2025-04-30", 2),
        ("2025-05-02", 3),
        ("2025-05-28", 5),
        ("2025-06-03", 4),
    ] {
        j.log(NewEntry {
            kind: Some(Kind::Reflection),
            date: Some(day(d)),
            body: "Is this for me?".into(),
            tags: vec!["path".into()],
            mood: Some(mood),
            ..NewEntry::default()
        })
        .unwrap();
    }
    let r = reflect(&j, day("2025-06-12")).unwrap();
    assert!(r.path.is_none(), "answered this month");
    let trend: Vec<(String, f64)> = r
        .path_trend
        .iter()
        .map(|m| (m.month.clone(), m.mood))
        .collect();
    assert_eq!(
        trend,
        [
            ("2025-04".into(), 2.0),
            ("2025-05".into(), 4.0),
            ("2025-06".into(), 4.0)
        ]
    );
    let r = reflect(&j, day("2025-07-01")).unwrap();
    assert_eq!(r.path.unwrap().trend.len(), 3);
}

#[test]
fn vague_praise_is_pointed_out_in_the_sbi_guidance() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    for name in ["Tomás Ortega", "Hana Sato"] {
        j.add_person(&NewPerson {
            name: name.into(),
            role: None,
            relationship: Relationship::Report,
            cadence_days: Some(14),
        })
        .unwrap();
    }
    let praise = |j: &mut Journal, date: &str, who: &str, title: &str, b: &str, i: &str| {
        j.log(NewEntry {
            kind: Some(Kind::Feedback),
            date: Some(day(date)),
            person: Some(who.into()),
            title: Some(title.into()),
            body: "told him after standup".into(),
            feedback: FeedbackInput {
                direction: Some(Direction::Praise),
                situation: Some("demo day".into()),
                behavior: Some(b.into()),
                impact: Some(i.into()),
                ..FeedbackInput::default()
            },
            ..NewEntry::default()
        })
        .unwrap();
    };
    // "great job!!" with nothing behind it, and one without its impact.
    praise(&mut j, "2025-05-20", "Tomás Ortega", "gr8 demo", "", "");
    praise(
        &mut j,
        "2025-06-02",
        "Tomás Ortega",
        "nice one on the fix",
        "fixed the flaky test",
        "",
    );
    // Specific praise: what he did and what it made possible.
    praise(
        &mut j,
        "2025-06-03",
        "Hana Sato",
        "Incident review",
        "walked us through the timeline w/o blame",
        "two people owned up to mistakes",
    );
    let p = prep(&mut j, "Tomás Ortega", day("2025-06-12")).unwrap();
    assert_eq!(p.sbi.len(), 2, "{:?}", p.sbi);
    assert!(
        p.sbi[0].contains("2025-06-02") && p.sbi[0].contains("names no impact"),
        "{:?}",
        p.sbi
    );
    assert!(
        p.sbi[1].contains("no behaviour and no impact"),
        "{:?}",
        p.sbi
    );
    let hana = prep(&mut j, "Hana Sato", day("2025-06-12")).unwrap();
    assert!(hana.sbi.is_empty(), "{:?}", hana.sbi);
}
