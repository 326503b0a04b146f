//! Each rule on small hand-built journals: one where it must fire, one where it must not.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;

use super::*;
use crate::analysis::{analyze, FeedbackMeta, Source};
use crate::model::{ActionItem, Direction, Kind, Owner};
use crate::nudges::{evaluate, Nudge};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 13).unwrap()
}

fn ago(days: i64) -> NaiveDate {
    today() - chrono::TimeDelta::days(days)
}

/// A journal built in memory, as the rules see it.
#[derive(Default)]
struct J {
    c: Corpus,
    s: NudgeSettings,
}

impl J {
    fn new() -> Self {
        J::default()
    }

    fn person(mut self, name: &str, rel: Relationship, cadence: Option<u32>) -> Self {
        self.c.people.push(Person {
            id: format!("P-{name}"),
            name: name.to_string(),
            role: None,
            relationship: rel,
            cadence_days: cadence,
            archived: false,
            created_at: String::new(),
        });
        self
    }

    fn report(self, name: &str) -> Self {
        self.person(name, Relationship::Report, Some(14))
    }

    fn push(
        mut self,
        days: i64,
        kind: Kind,
        who: Option<&str>,
        text: &str,
        fb: Option<FeedbackMeta>,
    ) -> Self {
        let a = analyze(&Source {
            kind,
            title: "",
            body: text,
            tags: &[],
            feedback: fb.map(|f| (f.direction, f.received)),
            situation: None,
            behavior: None,
            impact: None,
        });
        let n = self.c.entries.len();
        self.c.entries.push(EntryMeta {
            id: format!("E{n:03}"),
            date: ago(days),
            kind,
            person_id: who.map(|w| format!("P-{w}")),
            title: format!("entry {n}"),
            mood: None,
            feedback: fb,
            hits: a.hits,
        });
        self.c
            .entries
            .sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        self
    }

    fn one_on_one(self, days: i64, who: &str, text: &str) -> Self {
        self.push(days, Kind::OneOnOne, Some(who), text, None)
    }

    fn note(self, days: i64, who: Option<&str>, text: &str) -> Self {
        self.push(days, Kind::Note, who, text, None)
    }

    fn feedback(self, days: i64, who: &str, direction: Direction, planned: bool) -> Self {
        let fb = FeedbackMeta {
            direction,
            received: false,
            planned,
            no_behavior: false,
            no_impact: false,
        };
        self.push(days, Kind::Feedback, Some(who), "Feedback.", Some(fb))
    }

    fn reflection(self, days: i64, text: &str) -> Self {
        self.push(days, Kind::Reflection, None, text, None)
    }

    /// Feedback the manager received from `who`.
    fn received(self, days: i64, who: &str, text: &str) -> Self {
        let fb = FeedbackMeta {
            direction: Direction::Constructive,
            received: true,
            planned: false,
            no_behavior: false,
            no_impact: false,
        };
        self.push(days, Kind::Feedback, Some(who), text, Some(fb))
    }

    fn action(mut self, who: &str, owner: Owner, agreed: i64, due: i64) -> Self {
        let n = self.c.actions.len();
        let entry = self
            .c
            .entries
            .iter()
            .find(|e| e.date == ago(agreed))
            .map(|e| e.id.clone());
        self.c.actions.push(ActionItem {
            id: format!("A{n}"),
            person_id: format!("P-{who}"),
            person: who.to_string(),
            entry_id: entry,
            text: format!("item {n}"),
            owner,
            due: Some(ago(due)),
            done_at: None,
            created_at: format!("{}T09:00:00Z", ago(agreed)),
        });
        self
    }

    /// Weekly one-on-ones about nothing in particular, the latest `latest` days ago.
    fn meetings(mut self, who: &str, latest: i64, count: i64) -> Self {
        for k in 0..count {
            self = self.one_on_one(latest + 7 * k, who, "We went through the sprint board.");
        }
        self
    }

    fn run(&self) -> Vec<Nudge> {
        evaluate(&self.c, &self.s, today())
    }

    fn rules(&self) -> Vec<String> {
        self.run().into_iter().map(|n| n.rule).collect()
    }

    fn fires(&self, rule: &str) -> Nudge {
        let all = self.run();
        all.iter()
            .find(|n| n.rule == rule)
            .cloned()
            .unwrap_or_else(|| panic!("{rule} did not fire; got {:?}", self.rules()))
    }

    fn quiet(&self, rule: &str) {
        assert!(
            !self.rules().iter().any(|r| r == rule),
            "{rule} fired: {:?}",
            self.run()
        );
    }
}

/// A journal where nothing should fire: regular, balanced, reflective.
fn healthy() -> J {
    let mut j = J::new().report("Ana");
    for k in 0..8 {
        j = j.one_on_one(
            3 + 7 * k,
            "Ana",
            "How the week went; she feels good and we talked about her career goals.",
        );
    }
    j.feedback(10, "Ana", Direction::Praise, false)
        .feedback(20, "Ana", Direction::Constructive, false)
        .feedback(30, "Ana", Direction::Praise, false)
        .feedback(40, "Ana", Direction::Constructive, false)
        .push(5, Kind::Reflection, None, "A calm week.", None)
        .push(120, Kind::Reflection, None, "The first weeks.", None)
        .action("Ana", Owner::Me, 3, -7)
}

#[test]
fn a_healthy_journal_has_no_nudges() {
    assert_eq!(healthy().rules(), Vec::<String>::new());
}

#[test]
fn an_empty_journal_has_no_nudges() {
    assert!(J::new().run().is_empty());
    assert!(J::new().report("Ana").run().is_empty());
}

#[test]
fn one_on_one_overdue() {
    let j = J::new().report("Dev").meetings("Dev", 35, 5);
    let n = j.fires("one-on-one-overdue");
    assert_eq!(n.person.as_deref(), Some("Dev"));
    assert_eq!(n.skill, Skill::EmpathyListening);
    assert_eq!(n.evidence.len(), 1);
    assert!(n.message.contains("35 days"), "{}", n.message);
    // Within cadence plus half of it: not yet.
    J::new()
        .report("Dev")
        .meetings("Dev", 20, 5)
        .quiet("one-on-one-overdue");
    // No cadence, no rule.
    J::new()
        .person("Noah", Relationship::Peer, None)
        .meetings("Noah", 90, 3)
        .quiet("one-on-one-overdue");
    // A note is not a meeting.
    J::new()
        .report("Dev")
        .meetings("Dev", 35, 5)
        .note(2, Some("Dev"), "Saw Dev in the hallway.")
        .fires("one-on-one-overdue");
}

#[test]
fn recurring_worry_three_of_the_last_four() {
    let worried = "He is exhausted and the workload is not sustainable.";
    let calm = "We went through the sprint board.";
    let j = J::new()
        .report("Marcus")
        .one_on_one(2, "Marcus", worried)
        .one_on_one(9, "Marcus", calm)
        .one_on_one(16, "Marcus", worried)
        .one_on_one(23, "Marcus", worried)
        .one_on_one(30, "Marcus", calm);
    let n = j.fires("recurring-workload");
    assert_eq!(n.evidence, ["E000", "E002", "E003"]);
    assert_eq!(n.evidence.len(), 3);
    assert_eq!(n.skill, Skill::EmpathyListening);
    // Two of the last four is not a pattern yet.
    J::new()
        .report("Marcus")
        .one_on_one(2, "Marcus", worried)
        .one_on_one(9, "Marcus", calm)
        .one_on_one(16, "Marcus", calm)
        .one_on_one(23, "Marcus", worried)
        .one_on_one(30, "Marcus", worried)
        .quiet("recurring-workload");
}

#[test]
fn micromanaging_one_on_ones() {
    let detail = "Reviewed the pull request line by line: the API endpoint, the schema migration, the cache config and the unit test.";
    let mut j = J::new().report("Sam");
    for k in 0..5 {
        j = j.one_on_one(2 + 7 * k, "Sam", detail);
    }
    let n = j.fires("detail-heavy-one-on-ones");
    assert_eq!(n.skill, Skill::Delegation);
    assert_eq!(n.evidence.len(), 5);
    // The same detail with the person in it is a normal one-on-one.
    let mut j = J::new().report("Sam");
    for k in 0..5 {
        j = j.one_on_one(
            2 + 7 * k,
            "Sam",
            &format!("{detail} She feels proud of it and wants to learn more; we talked about her career goals and how she is."),
        );
    }
    j.quiet("detail-heavy-one-on-ones");
}

#[test]
fn tension_never_followed_up() {
    let j = J::new()
        .report("Aisha")
        .report("Dev")
        .one_on_one(
            40,
            "Aisha",
            "There is real tension between Aisha and Dev over the ingestion service.",
        )
        .note(20, Some("Aisha"), "She is frustrated with Dev again.");
    let n = j.fires("tension-not-followed-up");
    assert_eq!(n.person.as_deref(), Some("Aisha"));
    assert_eq!(n.evidence.len(), 2);
    assert_eq!(n.skill, Skill::ConflictResolution);
    // Followed up: resolved afterwards.
    j.one_on_one(
        10,
        "Aisha",
        "I talked to both of them and we agreed a boundary; the air is cleared.",
    )
    .quiet("tension-not-followed-up");
    // Too recent to expect a follow-up, or too old to matter.
    J::new()
        .report("Aisha")
        .note(3, Some("Aisha"), "Some friction with Dev today.")
        .quiet("tension-not-followed-up");
    J::new()
        .report("Aisha")
        .note(200, Some("Aisha"), "Some friction with Dev today.")
        .quiet("tension-not-followed-up");
}

#[test]
fn a_recurring_conflict_is_one_nudge_not_two() {
    let text = "The tension with Aisha came up again.";
    let j = J::new()
        .report("Dev")
        .one_on_one(20, "Dev", text)
        .one_on_one(27, "Dev", text)
        .one_on_one(34, "Dev", text);
    let rules = j.rules();
    assert!(
        rules.contains(&"tension-not-followed-up".to_string()),
        "{rules:?}"
    );
    assert!(
        !rules.contains(&"recurring-conflict".to_string()),
        "{rules:?}"
    );
}

#[test]
fn planned_feedback_not_delivered() {
    let j = J::new()
        .report("Zoe")
        .feedback(12, "Zoe", Direction::Constructive, true);
    let n = j.fires("feedback-not-delivered");
    assert_eq!(n.evidence, ["E000"]);
    J::new()
        .report("Zoe")
        .feedback(2, "Zoe", Direction::Constructive, true)
        .quiet("feedback-not-delivered");
    J::new()
        .report("Zoe")
        .feedback(12, "Zoe", Direction::Constructive, false)
        .quiet("feedback-not-delivered");
}

#[test]
fn praise_only_and_constructive_only() {
    let mut j = J::new().report("Tomas");
    for k in 0..4 {
        j = j.feedback(5 + 20 * k, "Tomas", Direction::Praise, false);
    }
    let n = j.fires("praise-only");
    assert_eq!((n.skill, n.evidence.len()), (Skill::DifficultFeedback, 4));
    j.quiet("constructive-only");

    let mut j = J::new().report("Tomas");
    for k in 0..4 {
        j = j.feedback(5 + 20 * k, "Tomas", Direction::Constructive, false);
    }
    assert_eq!(j.fires("constructive-only").skill, Skill::Recognition);

    // Mixed, too few, or long ago: nothing.
    let mut j = J::new().report("Tomas");
    for k in 0..4 {
        let d = if k == 2 {
            Direction::Constructive
        } else {
            Direction::Praise
        };
        j = j.feedback(5 + 20 * k, "Tomas", d, false);
    }
    j.quiet("praise-only");
    let mut j = J::new().report("Tomas");
    for k in 0..3 {
        j = j.feedback(5 + 20 * k, "Tomas", Direction::Praise, false);
    }
    j.quiet("praise-only");
    let mut j = J::new().report("Tomas");
    for k in 0..4 {
        j = j.feedback(300 + 20 * k, "Tomas", Direction::Praise, false);
    }
    j.quiet("praise-only");
    // Feedback from your own manager is not yours to balance.
    let mut j = J::new().person("Grace", Relationship::Manager, Some(14));
    for k in 0..4 {
        j = j.feedback(5 + 20 * k, "Grace", Direction::Praise, false);
    }
    j.quiet("praise-only");
}

#[test]
fn no_constructive_feedback_for_anyone() {
    let j = J::new()
        .report("Ana")
        .feedback(100, "Ana", Direction::Constructive, false)
        .feedback(10, "Ana", Direction::Praise, false);
    let n = j.fires("no-constructive-feedback");
    assert_eq!(n.evidence, ["E000"]);
    assert!(n.person.is_none());
    J::new()
        .report("Ana")
        .feedback(100, "Ana", Direction::Constructive, false)
        .feedback(50, "Ana", Direction::Constructive, true)
        .quiet("no-constructive-feedback");
    // A journal younger than the gap.
    J::new()
        .report("Ana")
        .feedback(10, "Ana", Direction::Praise, false)
        .quiet("no-constructive-feedback");
}

#[test]
fn career_conversation_lapsed() {
    let j = J::new()
        .report("Zoe")
        .one_on_one(150, "Zoe", "We talked about her career and the next level.")
        .meetings("Zoe", 5, 8);
    let n = j.fires("career-conversation-lapsed");
    assert_eq!(n.evidence.len(), 1);
    assert!(n.message.contains("150 days"), "{}", n.message);
    // Recent career talk, a newcomer, or not a report: nothing.
    J::new()
        .report("Zoe")
        .one_on_one(150, "Zoe", "Career talk.")
        .meetings("Zoe", 5, 8)
        .one_on_one(30, "Zoe", "She asked about promotion and growth.")
        .quiet("career-conversation-lapsed");
    J::new()
        .report("Zoe")
        .meetings("Zoe", 5, 8)
        .quiet("career-conversation-lapsed");
    J::new()
        .person("Lena", Relationship::Mentee, Some(30))
        .meetings("Lena", 5, 30)
        .quiet("career-conversation-lapsed");
}

#[test]
fn stale_and_overdue_action_items() {
    let j = J::new()
        .report("Priya")
        .one_on_one(60, "Priya", "Agreed on next steps.")
        .action("Priya", Owner::Them, 60, 50);
    let n = j.fires("stale-action-item");
    assert_eq!(n.evidence.len(), 1);
    assert_eq!(n.skill, Skill::ClearExpectations);
    j.quiet("overdue-action-item");

    let j = J::new()
        .report("Priya")
        .one_on_one(20, "Priya", "Agreed on next steps.")
        .action("Priya", Owner::Me, 20, 10);
    j.fires("overdue-action-item");
    j.quiet("stale-action-item");
    // Theirs, or not yet late enough: nothing.
    J::new()
        .report("Priya")
        .one_on_one(20, "Priya", "Agreed.")
        .action("Priya", Owner::Them, 20, 10)
        .quiet("overdue-action-item");
    J::new()
        .report("Priya")
        .one_on_one(20, "Priya", "Agreed.")
        .action("Priya", Owner::Me, 20, 3)
        .quiet("overdue-action-item");
}

#[test]
fn no_reflection_in_two_weeks() {
    let j = J::new()
        .push(20, Kind::Reflection, None, "Thinking.", None)
        .note(1, None, "Team note.");
    let n = j.fires("no-recent-reflection");
    assert_eq!(n.skill, Skill::SelfReflection);
    J::new()
        .push(10, Kind::Reflection, None, "Thinking.", None)
        .quiet("no-recent-reflection");
    // Never reflected, in a journal older than the gap.
    J::new()
        .note(30, None, "Team note.")
        .fires("no-recent-reflection");
    J::new()
        .note(3, None, "Team note.")
        .quiet("no-recent-reflection");
}

#[test]
fn ids_are_stable_and_distinct() {
    let j = J::new().report("Dev").meetings("Dev", 35, 5);
    let a = j.fires("one-on-one-overdue").id;
    assert_eq!(a, j.fires("one-on-one-overdue").id);
    assert!(a.starts_with("one-on-one-overdue-") && a.len() == "one-on-one-overdue-".len() + 8);
    // A new episode (met since, then overdue again) is a new nudge.
    let later = j.one_on_one(30, "Dev", "Caught up.");
    assert_ne!(later.fires("one-on-one-overdue").id, a);
    assert_ne!(nudge_id("x", "a", ""), nudge_id("x", "b", ""));
}

#[test]
fn thresholds_change_what_fires() {
    let mut j = J::new().report("Dev").meetings("Dev", 20, 5);
    j.quiet("one-on-one-overdue");
    j.s.overdue_grace_percent = 0;
    j.fires("one-on-one-overdue");
}

#[test]
fn strain_in_everyday_words_is_a_recurring_workload() {
    let j = J::new()
        .report("Lena")
        .one_on_one(
            2,
            "Lena",
            "honestly running on fumes. release + hiring loop",
        )
        .one_on_one(
            9,
            "Lena",
            "said she's underwater w/ the migration, no bandwidth for reviews",
        )
        .one_on_one(16, "Lena", "good wk, shipped the dashboard")
        .one_on_one(23, "Lena", "fried after the launch, worked all weekend");
    let n = j.fires("recurring-workload");
    assert_eq!(n.evidence, ["E000", "E001", "E003"]);
    // Strain that has passed is not strain.
    J::new()
        .report("Lena")
        .one_on_one(2, "Lena", "no longer stressed now the launch is out")
        .one_on_one(9, "Lena", "much less swamped since Jo took the pager")
        .one_on_one(16, "Lena", "not overwhelmed, just busy w/ planning")
        .one_on_one(23, "Lena", "fried after the launch")
        .quiet("recurring-workload");
}

#[test]
fn two_people_at_odds_without_the_word_conflict() {
    let j = J::new()
        .report("Omar")
        .one_on_one(
            40,
            "Omar",
            "Omar + Jess talking past each other in design review again",
        )
        .note(
            25,
            Some("Omar"),
            "standup tense. they keep butting heads over who owns the queue",
        );
    let n = j.fires("tension-not-followed-up");
    assert_eq!(n.evidence.len(), 2);
}

#[test]
fn signs_of_leaving_across_entries_ask_for_a_stay_conversation() {
    let j = J::new()
        .report("Ivy")
        .one_on_one(
            50,
            "Ivy",
            "quiet. asked what the equity refresh looks like this yr",
        )
        .one_on_one(
            30,
            "Ivy",
            "mentioned she took a recruiter call, 'just to see'",
        )
        .one_on_one(9, "Ivy", "Not sure I see myself here long term, her words");
    let n = j.fires("signs-of-leaving");
    assert_eq!(n.skill, Skill::KeepingPeople);
    assert_eq!(n.person.as_deref(), Some("Ivy"));
    assert_eq!(n.evidence, ["E002", "E001", "E000"]);
    // A recruiter mentioned once in passing is not a pattern.
    J::new()
        .report("Ivy")
        .one_on_one(
            30,
            "Ivy",
            "funny story: a recruiter from a bank called her by mistake",
        )
        .one_on_one(
            9,
            "Ivy",
            "excited about the new on-call tooling, wants to lead it",
        )
        .one_on_one(2, "Ivy", "helped the recruiter with our backend loop")
        .quiet("signs-of-leaving");
    // A stay conversation since the signs answers them.
    j.one_on_one(
        3,
        "Ivy",
        "stay conversation: what would keep her here - scope, the staff path",
    )
    .quiet("signs-of-leaving");
}

#[test]
fn doing_a_reports_work_is_a_delegation_nudge() {
    let j = J::new()
        .report("Theo")
        .one_on_one(
            20,
            "Theo",
            "PR stuck 3 days so I rewrote the retry logic myself",
        )
        .note(
            12,
            Some("Theo"),
            "ended up writing the migration script for him, deadline",
        )
        .one_on_one(5, "Theo", "talked about his week, fine");
    let n = j.fires("doing-their-work");
    assert_eq!(n.skill, Skill::Delegation);
    assert_eq!(n.evidence, ["E001", "E000"]);
    // Once is a rescue.
    J::new()
        .report("Theo")
        .one_on_one(20, "Theo", "took over his ticket the night before the demo")
        .one_on_one(5, "Theo", "he rewrote the retry logic himself, nice")
        .quiet("doing-their-work");
}

fn goal(person: Option<&str>, created: NaiveDate, last: Option<NaiveDate>) -> crate::goals::Goal {
    crate::goals::Goal {
        id: format!("G-{person:?}"),
        person_id: person.map(|p| format!("P-{p}")),
        person: person.map(String::from),
        title: "Lead the migration".into(),
        kind: crate::goals::GoalKind::Project,
        due: None,
        status: crate::goals::GoalStatus::Active,
        description: String::new(),
        created_at: format!("{created}T09:00:00.000Z"),
        closed_at: None,
        checkins: u32::from(last.is_some()),
        last_checkin: last,
    }
}

#[test]
fn a_goal_without_a_check_in_for_45_days_is_a_nudge() {
    let mut j = healthy();
    let name = j.c.people[0].name.clone();
    j.c.goals.push(goal(Some(&name), ago(100), Some(ago(50))));
    let n = j.fires("goal-without-check-in");
    assert!(n.message.contains("50 days"), "{}", n.message);
    assert_eq!(n.skill, Skill::CareerGrowth);
    // A recent check-in, or a goal set last week, is fine.
    let mut k = healthy();
    k.c.goals.push(goal(Some(&name), ago(100), Some(ago(10))));
    k.c.goals.push(goal(None, ago(7), None));
    assert!(!k.rules().contains(&"goal-without-check-in".to_string()));
    // The manager's own goal, never checked in on since it was set two months ago.
    let mut m = healthy();
    m.c.goals.push(goal(None, ago(60), None));
    let own = m.fires("goal-without-check-in");
    assert_eq!(own.skill, Skill::SelfReflection);
    assert!(own.person.is_none());
}

/// Reflections as people write them at the end of a week, one struggle among other things.
#[test]
fn the_same_struggle_in_recent_reflections_is_a_nudge() {
    let j = healthy()
        .reflection(
            30,
            "Fri. Still haven't talked to Dev about the missed deadlines. Next wk, for real.",
        )
        .reflection(
            23,
            "good wk overall. kept putting it off w/ Sam again though",
        )
        .reflection(16, "dodged the ownership convo w/ Aisha in our 1:1. why??")
        .reflection(
            9,
            "offsite went fine, roadmap agreed, team seemed up for it",
        )
        .reflection(2, "kinda proud of the hiring loop this week");
    let n = j.fires("same-struggle-in-reflections");
    assert_eq!(n.skill, Skill::DifficultFeedback);
    assert!(n.person.is_none());
    assert!(
        n.message.contains("putting off a hard conversation"),
        "{}",
        n.message
    );
    assert_eq!(n.evidence.len(), 3, "the three that name it, newest first");
    let dates: Vec<NaiveDate> = n
        .evidence
        .iter()
        .map(|id| j.c.entries.iter().find(|e| &e.id == id).unwrap().date)
        .collect();
    assert_eq!(dates, [ago(16), ago(23), ago(30)]);

    // Missing the craft, and saying yes to everything, each in their own words.
    let skills = |j: J| -> Vec<Skill> {
        j.run()
            .into_iter()
            .filter(|n| n.rule == "same-struggle-in-reflections")
            .map(|n| n.skill)
            .collect()
    };
    let craft = healthy()
        .reflection(
            40,
            "miss coding tbh. spent sat night on a side project to feel useful",
        )
        .reflection(26, "haven't written any code in a month, getting rusty")
        .reflection(12, "jealous of the team building the new search thing");
    assert_eq!(skills(craft), [Skill::Delegation]);
    let yes = healthy()
        .reflection(
            20,
            "said yes to another working group. calendar is wall to wall",
        )
        .reflection(
            6,
            "couldn't say no to the VP ask, so I took on too much again",
        )
        .reflection(3, "back to back mtgs all wk, no time for 1:1 prep");
    assert_eq!(skills(yes), [Skill::NavigatingOrg]);
}

#[test]
fn a_struggle_named_twice_negated_old_or_outside_reflections_is_not() {
    // Twice in the latest six is not yet a pattern.
    healthy()
        .reflection(20, "putting off the perf convo with Sam")
        .reflection(13, "dodged it again")
        .reflection(6, "good week, shipped the beta")
        .quiet("same-struggle-in-reflections");
    // Said as done, not as avoided.
    healthy()
        .reflection(20, "finally stopped putting it off, had the talk w/ Dev")
        .reflection(
            13,
            "didn't dodge it this time, told Sam the review was late",
        )
        .reflection(6, "no longer avoiding the tough convos, feels better")
        .quiet("same-struggle-in-reflections");
    // Look-alikes: a release postponed, a rusty-free codebase, a report's own procrastination.
    healthy()
        .reflection(20, "release postponed to thu, infra not ready")
        .reflection(13, "code review backlog cleared, nice")
        .reflection(6, "team said yes to the new on-call rota")
        .quiet("same-struggle-in-reflections");
    // Four months ago is history.
    healthy()
        .reflection(130, "putting off the talk with Dev")
        .reflection(125, "still haven't told Dev")
        .reflection(120, "avoided the conversation again")
        .quiet("same-struggle-in-reflections");
    // A report's worry in a one-on-one is theirs, not the manager's struggle.
    let mut j = healthy();
    for d in [20, 13, 6] {
        j = j.one_on_one(
            d,
            "Ana",
            "she keeps putting off the conversation with her skip",
        );
    }
    j.quiet("same-struggle-in-reflections");
}

#[test]
fn feedback_received_and_never_acted_on_is_a_nudge() {
    let base = || {
        healthy()
            .person("Ngozi Eze", Relationship::Manager, None)
            .received(
                40,
                "Ngozi Eze",
                "my status updates run long; lead w/ the ask",
            )
    };
    let n = base()
        .reflection(25, "lots of feedback to write this perf season")
        .fires("feedback-received-not-acted-on");
    assert_eq!(n.skill, Skill::SelfReflection);
    assert_eq!(n.person.as_deref(), Some("Ngozi Eze"));
    assert_eq!(n.late_days, Some(10));
    assert!(n.message.contains("40 days"), "{}", n.message);
    assert!(n.suggestion.contains("Ngozi"), "{}", n.suggestion);

    // Tried it and said so, in a reflection or with the person who gave it.
    base()
        .reflection(
            20,
            "tried Ngozi's feedback: led w/ the ask in the exec update, went ok",
        )
        .quiet("feedback-received-not-acted-on");
    base()
        .one_on_one(
            12,
            "Ngozi Eze",
            "asked Ngozi if my updates are clearer now. she thinks so",
        )
        .quiet("feedback-received-not-acted-on");
    // An action item of mine made from it.
    let mut j = base();
    let id =
        j.c.entries
            .iter()
            .find(|e| e.feedback.is_some_and(|f| f.received))
            .unwrap()
            .id
            .clone();
    j.c.acted_on.insert(id);
    j.quiet("feedback-received-not-acted-on");
    // Too soon to ask, or long past.
    healthy()
        .person("Ngozi Eze", Relationship::Manager, None)
        .received(10, "Ngozi Eze", "too many meetings on the team calendar")
        .quiet("feedback-received-not-acted-on");
    healthy()
        .person("Ngozi Eze", Relationship::Manager, None)
        .received(400, "Ngozi Eze", "too many meetings on the team calendar")
        .quiet("feedback-received-not-acted-on");
    // Acting on someone else's feedback does not cover this one.
    base()
        .person("Kim", Relationship::Peer, None)
        .one_on_one(15, "Kim", "working on the feedback Kim gave about retros")
        .fires("feedback-received-not-acted-on");
}

#[test]
fn no_praise_for_anyone_in_30_days_is_a_recognition_nudge() {
    let base = || {
        let mut j = J::new().report("Ana").report("Ben");
        for k in 0..12 {
            j = j.one_on_one(
                3 + 7 * k,
                if k % 2 == 0 { "Ana" } else { "Ben" },
                "sprint, hiring, all fine",
            );
        }
        j.push(4, Kind::Reflection, None, "quiet week", None)
    };
    let n = base()
        .feedback(45, "Ana", Direction::Praise, false)
        .feedback(10, "Ben", Direction::Constructive, false)
        .fires("no-recent-praise");
    assert_eq!(n.skill, Skill::Recognition);
    assert!(
        n.message.contains("45 days") && n.message.contains("for Ana"),
        "{}",
        n.message
    );
    // Praise received is not praise given.
    base()
        .feedback(45, "Ana", Direction::Praise, false)
        .person("Ngozi", Relationship::Manager, None)
        .push(
            5,
            Kind::Feedback,
            Some("Ngozi"),
            "nice work on the offsite",
            Some(FeedbackMeta {
                direction: Direction::Praise,
                received: true,
                planned: false,
                no_behavior: true,
                no_impact: true,
            }),
        )
        .fires("no-recent-praise");
    // Recent praise for anyone, a journal too young, or no reports: quiet.
    base()
        .feedback(12, "Ben", Direction::Praise, false)
        .quiet("no-recent-praise");
    J::new()
        .report("Ana")
        .one_on_one(20, "Ana", "first 1:1, intro")
        .quiet("no-recent-praise");
    J::new()
        .person("Kim", Relationship::Peer, None)
        .person("Lou", Relationship::Mentee, None)
        .one_on_one(80, "Kim", "catch up")
        .one_on_one(5, "Lou", "mentoring")
        .quiet("no-recent-praise");
}
