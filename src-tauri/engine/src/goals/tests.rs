#![allow(clippy::unwrap_used)]

use super::*;
use crate::model::{Kind, NewEntry, NewPerson};

fn journal() -> (tempfile::TempDir, Journal) {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = crate::vault::create(
        &dir.path().join("j"),
        &"correct horse battery".to_string().into(),
    )
    .unwrap();
    (dir, j)
}

fn goal(person: Option<&str>, title: &str) -> NewGoal {
    NewGoal {
        person: person.map(String::from),
        title: title.into(),
        kind: GoalKind::Career,
        due: NaiveDate::from_ymd_opt(2027, 3, 1),
        description: "Lead a design review end to end.".into(),
    }
}

fn meet(j: &mut Journal, who: &str, date: &str) -> String {
    j.log(NewEntry {
        kind: Some(Kind::OneOnOne),
        person: Some(who.into()),
        date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        body: "talked about the staff engineer path".into(),
        ..Default::default()
    })
    .unwrap()
    .id
}

#[test]
fn goals_are_added_listed_checked_in_on_and_closed() {
    let (_d, mut j) = journal();
    j.add_person(&NewPerson::named("Priya")).unwrap();
    j.add_person(&NewPerson::named("Omar")).unwrap();
    let g = j
        .add_goal(&goal(Some("priya"), "Staff engineer by 2027"))
        .unwrap();
    assert_eq!(g.person.as_deref(), Some("Priya"));
    assert_eq!(
        (g.status, g.checkins, g.last_checkin),
        (GoalStatus::Active, 0, None)
    );
    let mine = j
        .add_goal(&goal(None, "Delegate the release train"))
        .unwrap();
    assert!(mine.person_id.is_none());

    let a = meet(&mut j, "Priya", "2026-10-01");
    let b = meet(&mut j, "Priya", "2026-11-05");
    j.link_goal(&g.id[..16], &a).unwrap();
    let g2 = j.link_goal(&g.id, &b).unwrap();
    j.link_goal(&g.id, &b).unwrap(); // twice is once
    assert_eq!(g2.checkins, 2);
    assert_eq!(g2.last_checkin, NaiveDate::from_ymd_opt(2026, 11, 5));
    assert_eq!(j.checkins(&g.id).unwrap().len(), 2);
    assert_eq!(j.goals_of_entry(&a).unwrap()[0].id, g.id);

    // Someone else's entry cannot check in on Priya's goal; any entry can on the manager's.
    let o = meet(&mut j, "Omar", "2026-11-06");
    assert!(matches!(
        j.link_goal(&g.id, &o),
        Err(ModelError::Invalid(_))
    ));
    j.link_goal(&mine.id, &o).unwrap();

    // A trashed check-in no longer counts.
    j.delete(&b).unwrap();
    assert_eq!(j.goal(&g.id).unwrap().checkins, 1);

    let done = j.set_goal_status(&g.id, GoalStatus::Achieved).unwrap();
    assert!(done.closed_at.is_some());
    let active = GoalFilter {
        status: Some(GoalStatus::Active),
        ..Default::default()
    };
    assert_eq!(
        j.goals(&active).unwrap().len(),
        1,
        "only the manager's is active"
    );
    let reopened = j.set_goal_status(&g.id, GoalStatus::Active).unwrap();
    assert!(reopened.closed_at.is_none());
    let priyas = GoalFilter {
        person: Some("PRIYA".into()),
        ..Default::default()
    };
    assert_eq!(j.goals(&priyas).unwrap().len(), 1);
    let own = GoalFilter {
        mine: true,
        ..Default::default()
    };
    assert_eq!(j.goals(&own).unwrap()[0].id, mine.id);
}

#[test]
fn bad_goals_are_refused_with_clear_errors() {
    let (_d, mut j) = journal();
    assert!(matches!(
        j.add_goal(&goal(Some("Nobody"), "x")),
        Err(ModelError::UnknownPerson)
    ));
    assert!(matches!(
        j.add_goal(&goal(None, "  ")),
        Err(ModelError::Invalid(_))
    ));
    let long = "x".repeat(MAX_TITLE + 1);
    assert!(matches!(
        j.add_goal(&goal(None, &long)),
        Err(ModelError::Invalid(_))
    ));
    assert!(matches!(
        j.goal("01ZZZZ"),
        Err(ModelError::NotFound("goal"))
    ));
    assert!(matches!(
        j.goal("not an id!"),
        Err(ModelError::NotFound("goal"))
    ));
    assert!("someday".parse::<GoalKind>().is_err());
    assert_eq!(
        "Achieved".parse::<GoalStatus>().unwrap(),
        GoalStatus::Achieved
    );
}

#[test]
fn entries_are_starred_and_unstarred() {
    let (_d, mut j) = journal();
    let e = meet(&mut j, "Priya", "2026-10-01");
    assert!(!j.is_starred(&e).unwrap());
    j.star(&e, true).unwrap();
    j.star(&e, true).unwrap();
    assert!(j.is_starred(&e).unwrap());
    let pid = j.person("Priya").unwrap().id;
    let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let stars =
        store::starred_between(j.conn(), Some(&pid), d("2026-01-01"), d("2026-12-31")).unwrap();
    assert_eq!(stars.len(), 1);
    j.star(&e, false).unwrap();
    assert!(!j.is_starred(&e).unwrap());
}

#[test]
fn prep_lists_active_goals_with_their_last_check_in() {
    let (_d, mut j) = journal();
    j.add_person(&NewPerson::named("Priya")).unwrap();
    let g = j
        .add_goal(&goal(Some("Priya"), "Staff engineer by 2027"))
        .unwrap();
    let e = meet(&mut j, "Priya", "2026-10-01");
    j.link_goal(&g.id, &e).unwrap();
    let done = j
        .add_goal(&goal(Some("Priya"), "Ship the rota tool"))
        .unwrap();
    j.set_goal_status(&done.id, GoalStatus::Achieved).unwrap();
    let p = crate::prompts::prep(
        &mut j,
        "Priya",
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    )
    .unwrap();
    assert_eq!(p.goals.len(), 1, "only active goals");
    assert_eq!(
        p.goals[0].last_checkin,
        NaiveDate::from_ymd_opt(2026, 10, 1)
    );
    assert!(
        p.agenda
            .contains("## Goals\n- Staff engineer by 2027 (last check-in 2026-10-01)"),
        "{}",
        p.agenda
    );
}
