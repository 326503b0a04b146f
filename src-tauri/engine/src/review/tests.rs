#![allow(clippy::unwrap_used)]

use super::*;
use crate::goals::{GoalKind, NewGoal};
use crate::model::{Direction, FeedbackInput, Kind, NewAction, NewEntry, NewPerson, Owner};
use crate::Journal;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn journal() -> (tempfile::TempDir, Journal) {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = crate::vault::create(
        &dir.path().join("j"),
        &"correct horse battery".to_string().into(),
    )
    .unwrap();
    (dir, j)
}

fn log(j: &mut Journal, kind: Kind, date: &str, body: &str) -> String {
    j.log(NewEntry {
        kind: Some(kind),
        person: Some("Priya Raman".into()),
        date: Some(day(date)),
        body: body.into(),
        ..Default::default()
    })
    .unwrap()
    .id
}

fn feedback(j: &mut Journal, date: &str, tag: &str, dir: Direction, planned: bool) -> String {
    j.log(NewEntry {
        kind: Some(Kind::Feedback),
        person: Some("Priya Raman".into()),
        date: Some(day(date)),
        title: Some(format!("Feedback on {tag}")),
        tags: vec![tag.into()],
        feedback: FeedbackInput {
            direction: Some(dir),
            situation: Some(format!("In the {tag} last week")),
            behavior: Some("you <b>walked</b> everyone through the plan".into()),
            impact: Some("the team knew what to do".into()),
            planned: Some(planned),
            ..Default::default()
        },
        ..Default::default()
    })
    .unwrap()
    .id
}

/// Priya over the second half of 2026, with the first half as the period before.
fn priya() -> (tempfile::TempDir, Journal, String, String) {
    let (d, mut j) = journal();
    let mut p = NewPerson::named("Priya Raman");
    p.role = Some("Senior engineer".into());
    p.cadence_days = Some(14);
    j.add_person(&p).unwrap();
    // Before: the on-call load, again and again.
    for date in ["2026-02-03", "2026-03-03", "2026-04-07", "2026-05-05"] {
        log(
            &mut j,
            Kind::OneOnOne,
            date,
            "The on-call rota is heavy; pager woke her twice.",
        );
    }
    // Now: the datastore migration, and a career conversation.
    let first = log(
        &mut j,
        Kind::OneOnOne,
        "2026-07-07",
        "Datastore migration planning; she owns the cutover.",
    );
    log(
        &mut j,
        Kind::OneOnOne,
        "2026-08-04",
        "Datastore migration: the dry run went well.",
    );
    log(
        &mut j,
        Kind::OneOnOne,
        "2026-09-01",
        "Datastore migration slipped a week, she is stressed and overwhelmed.",
    );
    let career = log(
        &mut j,
        Kind::OneOnOne,
        "2026-10-06",
        "Career conversation: she wants the staff engineer promotion path next year.",
    );
    feedback(
        &mut j,
        "2026-08-10",
        "design-review",
        Direction::Praise,
        false,
    );
    feedback(
        &mut j,
        "2026-09-15",
        "incident",
        Direction::Constructive,
        false,
    );
    feedback(
        &mut j,
        "2026-10-20",
        "communication",
        Direction::Constructive,
        true,
    );
    j.star(&first, true).unwrap();
    let goal = j
        .add_goal(&NewGoal {
            person: Some("Priya Raman".into()),
            title: "Lead the datastore migration".into(),
            kind: GoalKind::Project,
            due: Some(day("2026-11-30")),
            description: String::new(),
        })
        .unwrap();
    j.link_goal(&goal.id, &first).unwrap();
    let a = j
        .add_action(&NewAction {
            person: "Priya Raman".into(),
            entry_id: Some(first.clone()),
            text: "Write the cutover runbook".into(),
            owner: Owner::Them,
            due: None,
        })
        .unwrap();
    j.complete_action(&a.id).unwrap();
    j.add_action(&NewAction {
        person: "Priya Raman".into(),
        entry_id: None,
        text: "Find a staff-level sponsor".into(),
        owner: Owner::Me,
        due: None,
    })
    .unwrap();
    (d, j, career, goal.id)
}

fn query(since: &str, until: &str) -> ReviewQuery {
    ReviewQuery {
        person: Some("priya raman".into()),
        since: Some(day(since)),
        until: Some(day(until)),
    }
}

#[test]
fn a_packet_counts_groups_compares_and_cites() {
    let (_d, mut j, career, goal) = priya();
    let p = build(
        &mut j,
        &query("2026-07-01", "2026-12-31"),
        day("2026-12-31"),
    )
    .unwrap();
    assert_eq!(p.person.as_deref(), Some("Priya Raman"));
    assert!(!p.empty);
    let s = &p.summary;
    assert_eq!(s.meetings.len(), 4);
    assert_eq!(
        s.expected_meetings,
        Some(13),
        "184 days at a 14-day cadence"
    );
    assert_eq!((s.praise_given.len(), s.constructive_given.len()), (1, 1));
    assert_eq!(s.planned_not_delivered.len(), 1);
    assert_eq!((s.actions_done.len(), s.actions_open.len()), (1, 1));
    assert!(
        s.actions_done[0].entry.is_some(),
        "the item cites its entry"
    );

    let areas: Vec<(&str, Direction)> = p
        .feedback
        .iter()
        .map(|g| (g.area.as_str(), g.direction))
        .collect();
    assert_eq!(
        areas,
        [
            ("communication", Direction::Constructive),
            ("design-review", Direction::Praise),
            ("incident", Direction::Constructive)
        ]
    );
    assert!(p.feedback[0].items[0].planned);
    assert!(p.feedback[1].items[0]
        .situation
        .as_deref()
        .unwrap()
        .contains("design-review"));

    let migration = p
        .themes
        .iter()
        .find(|t| t.label.contains("migration"))
        .expect("migration theme");
    assert_eq!(migration.trend, Trend::New);
    assert!(migration.now >= 3 && migration.entries.len() as u32 == migration.now);
    let fading = p
        .themes
        .iter()
        .find(|t| t.trend == Trend::Fading)
        .expect("a fading theme");
    assert!(fading.before >= 3, "{fading:?}");

    assert_eq!(p.goals.len(), 1);
    assert_eq!(p.goals[0].goal.id, goal);
    assert_eq!(p.goals[0].checkins.len(), 1);
    assert!(
        p.goals[0].outcome.contains("past its target date"),
        "{}",
        p.goals[0].outcome
    );
    assert!(p.career.iter().any(|c| c.id == career), "{:?}", p.career);
    assert_eq!(p.highlights.len(), 1);

    // The communication feedback was only planned: it would be news in the review.
    let comm = p
        .prompts
        .iter()
        .find(|q| q.area == "communication")
        .unwrap();
    assert!(comm.surprise && comm.told.is_empty());
    let incident = p.prompts.iter().find(|q| q.area == "incident").unwrap();
    assert!(!incident.surprise && incident.told.len() == 1);
}

/// Every opened element is closed, in order (void elements aside): enough to catch a
/// renderer that forgets a `</ul>` or lets journal text open a tag.
fn well_formed(html: &str) -> Result<(), String> {
    const VOID: &[&str] = &["meta", "br", "!doctype"];
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').ok_or("an unclosed tag")? + start;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect::<String>()
            .to_ascii_lowercase();
        if VOID.contains(&name.as_str()) {
            continue;
        }
        if tag.starts_with('/') {
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
        } else {
            stack.push(name);
        }
        // The style sheet holds no tags.
        if stack.last().is_some_and(|t| t == "style") {
            let close = rest.find("</style>").ok_or("an unclosed style")?;
            rest = &rest[close..];
        }
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("left open: {stack:?}"))
    }
}

#[test]
fn renderings_have_every_section_and_escape_journal_text() {
    let (_d, mut j, _, _) = priya();
    let p = build(
        &mut j,
        &query("2026-07-01", "2026-12-31"),
        day("2026-12-31"),
    )
    .unwrap();
    let md = to_markdown(&p);
    for heading in [
        "# Review: Priya Raman (Senior engineer)",
        "## Summary",
        "## Feedback by area",
        "## Themes against the previous period",
        "## Goals",
        "## Career conversations",
        "## Highlights",
        "## Writing the review",
        "**Surprise",
    ] {
        assert!(md.contains(heading), "missing {heading}:\n{md}");
    }
    let first = &p.summary.meetings[0];
    assert!(
        md.contains(&format!("{} “{}”", first.date, first.title)),
        "cites date and title"
    );
    let html = to_html(&p);
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert!(html.contains("&lt;b&gt;walked&lt;/b&gt;") && !html.contains("<b>walked"));
    assert!(html.contains("@media print"));
    assert!(well_formed("<ul><li>x</ul>").is_err(), "the check can fail");
    well_formed(&html).unwrap();
    let me = ReviewQuery {
        person: None,
        since: Some(day("2026-01-01")),
        until: Some(day("2026-12-31")),
    };
    well_formed(&to_html(&build(&mut j, &me, day("2026-12-31")).unwrap())).unwrap();
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["summary"]["meetings"].as_array().unwrap().len(), 4);
    assert!(json["themes"][0]["entries"][0]["id"].is_string());
}

#[test]
fn defaults_empty_periods_and_bad_input() {
    let (_d, mut j, _, _) = priya();
    let p = build(
        &mut j,
        &ReviewQuery {
            person: Some("Priya Raman".into()),
            ..Default::default()
        },
        day("2026-12-31"),
    )
    .unwrap();
    assert_eq!(
        (p.since, p.until),
        (day("2026-07-01"), day("2026-12-31")),
        "six months"
    );
    let empty = build(
        &mut j,
        &query("2020-01-01", "2020-06-30"),
        day("2026-12-31"),
    )
    .unwrap();
    assert!(empty.empty);
    assert!(to_markdown(&empty).contains("Nothing was written in this period."));
    assert!(matches!(
        build(
            &mut j,
            &query("2026-12-31", "2026-01-01"),
            day("2026-12-31")
        ),
        Err(ReviewError::EmptyPeriod)
    ));
    assert!(matches!(
        build(
            &mut j,
            &query("1990-01-01", "2026-01-01"),
            day("2026-12-31")
        ),
        Err(ReviewError::TooLong)
    ));
    let nobody = ReviewQuery {
        person: Some("Nobody".into()),
        ..Default::default()
    };
    assert!(matches!(
        build(&mut j, &nobody, day("2026-12-31")),
        Err(ReviewError::UnknownPerson)
    ));
}

#[test]
fn the_managers_own_packet() {
    let (_d, mut j, _, _) = priya();
    j.log(NewEntry {
        kind: Some(Kind::Reflection),
        date: Some(day("2026-09-30")),
        mood: Some(3),
        body: "I keep putting off the hard conversation about the incident.".into(),
        ..Default::default()
    })
    .unwrap();
    j.log(NewEntry {
        kind: Some(Kind::Feedback),
        person: Some("Priya Raman".into()),
        date: Some(day("2026-10-01")),
        body: "Priya told me my one-on-ones run long.".into(),
        feedback: FeedbackInput {
            received: Some(true),
            direction: Some(Direction::Constructive),
            ..Default::default()
        },
        ..Default::default()
    })
    .unwrap();
    j.add_goal(&NewGoal {
        person: None,
        title: "Delegate the release train".into(),
        kind: GoalKind::Skill,
        due: None,
        description: String::new(),
    })
    .unwrap();
    let me = ReviewQuery {
        person: None,
        since: Some(day("2026-07-01")),
        until: Some(day("2026-12-31")),
    };
    let p = build(&mut j, &me, day("2026-12-31")).unwrap();
    assert!(p.person.is_none());
    assert_eq!(p.summary.feedback_received.len(), 1);
    assert_eq!(
        p.summary.meetings.len(),
        0,
        "only the manager's own entries"
    );
    assert_eq!(p.summary.moods.len(), 1);
    assert_eq!(p.goals.len(), 1);
    let own = p.own.as_ref().unwrap();
    assert_eq!(own.reflections.len(), 1);
    assert!(!own.skills_by_month.is_empty());
    assert!(to_markdown(&p).starts_with("# My own record"));
}
