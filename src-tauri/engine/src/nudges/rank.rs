//! The order nudges are shown in, the same on every face: the most important rule first,
//! then the latest; repeats of one rule and skill (five stale action items) become one
//! nudge that carries every member and all their evidence.

use std::collections::HashMap;

use serde::Serialize;

use super::rules::nudge_id;
use super::{Nudge, NudgeGroup};

/// How much each rule matters, 0–99: what needs doing for a person now outranks patterns
/// worth noticing, and a missing reflection comes last.
fn importance(rule: &str) -> u32 {
    match rule {
        "one-on-one-overdue" => 90,
        "tension-not-followed-up" => 85,
        "signs-of-leaving" => 82,
        r if r.starts_with("recurring-") => 80,
        "overdue-action-item" => 75,
        "feedback-not-delivered" => 70,
        "career-conversation-lapsed" => 60,
        "goal-without-check-in" => 58,
        "stale-action-item" => 55,
        "feedback-received-not-acted-on" => 52,
        "same-struggle-in-reflections" => 48,
        "praise-only" | "constructive-only" | "no-constructive-feedback" | "no-recent-praise" => 45,
        "doing-their-work" => 50,
        "detail-heavy-one-on-ones" => 35,
        "no-recent-reflection" => 20,
        _ => 40,
    }
}

/// Importance first; within one rule, the days late (up to 99) decide.
pub(super) fn urgency(rule: &str, late_days: Option<u32>) -> u32 {
    importance(rule) * 100 + late_days.unwrap_or(0).min(99)
}

/// One nudge inside a group, as it would have been shown alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Member {
    pub id: String,
    pub person: Option<String>,
    pub message: String,
    pub evidence: Vec<String>,
    pub suggestion: String,
}

/// Groups repeats of a rule and skill, then sorts by urgency (highest first; ties keep
/// the rules' own order).
pub(super) fn rank(list: Vec<Nudge>) -> Vec<Nudge> {
    let mut groups: Vec<Vec<Nudge>> = Vec::new();
    let mut at: HashMap<(String, String), usize> = HashMap::new();
    for n in list {
        let key = (n.rule.clone(), format!("{:?}", n.skill));
        match at.get(&key) {
            Some(&i) => groups[i].push(n),
            None => {
                at.insert(key, groups.len());
                groups.push(vec![n]);
            }
        }
    }
    let mut out: Vec<Nudge> = groups.into_iter().map(group).collect();
    out.sort_by_key(|n| std::cmp::Reverse(n.urgency));
    shortlist(out)
}

/// At most this many nudges are shown first.
const TODAY_MAX: usize = 5;
/// From this importance on, a nudge is about someone now and is shown first even beside
/// another of its skill.
const PRESSING: u32 = 80;

/// Splits a ranked list into the short list shown first (the most pressing, then at most
/// one per skill, so one skill's advice does not fill the screen) and the rest, and
/// numbers them in that order.
fn shortlist(ranked: Vec<Nudge>) -> Vec<Nudge> {
    let mut today = Vec::new();
    let mut later = Vec::new();
    let mut skills = Vec::new();
    for mut n in ranked {
        let pressing = n.urgency / 100 >= PRESSING;
        let fits = today.len() < TODAY_MAX && (pressing || !skills.contains(&n.skill));
        n.group = if fits {
            NudgeGroup::Today
        } else {
            NudgeGroup::Later
        };
        if fits {
            skills.push(n.skill);
            today.push(n);
        } else {
            later.push(n);
        }
    }
    today.extend(later);
    for (i, n) in today.iter_mut().enumerate() {
        n.priority = i as u32 + 1;
    }
    today
}

fn group(mut members: Vec<Nudge>) -> Nudge {
    if members.len() == 1 {
        return members.remove(0);
    }
    members.sort_by_key(|n| std::cmp::Reverse(n.urgency));
    let first = &members[0];
    let mut ids: Vec<&str> = members.iter().map(|m| m.id.as_str()).collect();
    ids.sort_unstable();
    let same_person = members.iter().all(|m| m.person == first.person);
    let mut evidence: Vec<String> = Vec::new();
    for e in members.iter().flat_map(|m| &m.evidence) {
        if !evidence.contains(e) {
            evidence.push(e.clone());
        }
    }
    Nudge {
        id: nudge_id(&first.rule, "group", &ids.join(",")),
        rule: first.rule.clone(),
        skill: first.skill,
        person: if same_person {
            first.person.clone()
        } else {
            None
        },
        message: summary(&first.rule, &members),
        evidence,
        // The most pressing member's: the place to start.
        suggestion: first.suggestion.clone(),
        urgency: first.urgency,
        late_days: members.iter().filter_map(|m| m.late_days).max(),
        priority: 0,
        group: NudgeGroup::Today,
        members: members
            .into_iter()
            .map(|m| Member {
                id: m.id,
                person: m.person,
                message: m.message,
                evidence: m.evidence,
                suggestion: m.suggestion,
            })
            .collect(),
    }
}

/// The group's message: how many, and who where it is about people.
fn summary(rule: &str, members: &[Nudge]) -> String {
    let n = members.len();
    let mut people: Vec<&str> = Vec::new();
    for p in members.iter().filter_map(|m| m.person.as_deref()) {
        if !people.contains(&p) {
            people.push(p);
        }
    }
    let who = if people.is_empty() {
        String::new()
    } else {
        format!(" ({})", people.join(", "))
    };
    match rule {
        "one-on-one-overdue" => format!("{n} one-on-ones are overdue against their cadence{who}."),
        "stale-action-item" => format!("{n} open action items have gone stale{who}."),
        "overdue-action-item" => format!("{n} of your action items are past their due date{who}."),
        "feedback-not-delivered" => {
            format!("{n} planned pieces of feedback are not delivered yet{who}.")
        }
        "feedback-received-not-acted-on" => {
            format!(
                "{n} pieces of feedback you received have nothing noted about acting on them{who}."
            )
        }
        _ => format!("{} And {} more like it{who}.", members[0].message, n - 1),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::analysis::Skill;

    fn nudge(rule: &str, id: &str, person: &str, late: Option<u32>, evidence: &[&str]) -> Nudge {
        Nudge {
            id: id.into(),
            rule: rule.into(),
            skill: Skill::ClearExpectations,
            person: Some(person.into()),
            message: format!("{rule} {id}"),
            evidence: evidence.iter().map(|e| e.to_string()).collect(),
            suggestion: format!("do {id}"),
            urgency: urgency(rule, late),
            late_days: late,
            members: Vec::new(),
            priority: 0,
            group: NudgeGroup::Today,
        }
    }

    #[test]
    fn important_and_late_come_first_and_repeats_are_one() {
        let list = vec![
            nudge("no-recent-reflection", "r", "Me", None, &[]),
            nudge("stale-action-item", "s1", "Priya", Some(3), &["e1"]),
            nudge("stale-action-item", "s2", "Sam", Some(40), &["e2", "e1"]),
            nudge("one-on-one-overdue", "o1", "Priya", Some(2), &["e3"]),
            nudge("one-on-one-overdue", "o2", "Sam", Some(1), &[]),
            nudge("stale-action-item", "s3", "Priya", Some(10), &[]),
        ];
        let ranked = rank(list);
        let rules: Vec<&str> = ranked.iter().map(|n| n.rule.as_str()).collect();
        assert_eq!(
            rules,
            [
                "one-on-one-overdue",
                "stale-action-item",
                "no-recent-reflection"
            ]
        );
        let stale = &ranked[1];
        let members: Vec<&str> = stale.members.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(members, ["s2", "s3", "s1"], "most overdue first");
        assert_eq!(stale.evidence, ["e2", "e1"]);
        assert_eq!(stale.suggestion, "do s2");
        assert_eq!(stale.person, None, "about several people");
        assert_eq!(stale.late_days, Some(40));
        assert!(
            stale.message.starts_with("3 open action items"),
            "{}",
            stale.message
        );
        assert!(stale.message.contains("Sam, Priya"), "{}", stale.message);
        // A group's id depends on its members only, not on their order.
        let again = rank(vec![
            nudge("stale-action-item", "s3", "Priya", Some(10), &[]),
            nudge("stale-action-item", "s1", "Priya", Some(3), &["e1"]),
            nudge("stale-action-item", "s2", "Sam", Some(40), &["e2", "e1"]),
        ]);
        assert_eq!(again[0].id, stale.id);
        // Alone, a nudge keeps its own id and has no members.
        assert_eq!(ranked[2].id, "r");
        assert!(ranked[2].members.is_empty());
    }

    #[test]
    fn one_skill_does_not_fill_the_short_list() {
        let mut list = vec![
            nudge("one-on-one-overdue", "o", "Dev", Some(3), &[]),
            nudge("recurring-workload", "w", "Marcus", None, &[]),
            nudge("stale-action-item", "s", "Priya", Some(9), &[]),
            nudge("feedback-not-delivered", "f", "Sam", None, &[]),
            nudge("praise-only", "p", "Tom", None, &[]),
            nudge("career-conversation-lapsed", "c", "Zoe", None, &[]),
            nudge("no-recent-reflection", "r", "Me", None, &[]),
        ];
        let skills = [
            Skill::EmpathyListening,
            Skill::EmpathyListening,
            Skill::ClearExpectations,
            Skill::DifficultFeedback,
            Skill::DifficultFeedback,
            Skill::CareerGrowth,
            Skill::SelfReflection,
        ];
        for (n, s) in list.iter_mut().zip(skills) {
            n.skill = s;
        }
        let ranked = rank(list);
        let shown: Vec<(&str, NudgeGroup, u32)> = ranked
            .iter()
            .map(|n| (n.id.as_str(), n.group, n.priority))
            .collect();
        // A pressing nudge shows beside another of its skill (burnout beside an overdue
        // one-on-one); the second piece of feedback advice waits, and the list stays short.
        assert_eq!(
            shown,
            [
                ("o", NudgeGroup::Today, 1),
                ("w", NudgeGroup::Today, 2),
                ("f", NudgeGroup::Today, 3),
                ("c", NudgeGroup::Today, 4),
                ("s", NudgeGroup::Today, 5),
                ("p", NudgeGroup::Later, 6),
                ("r", NudgeGroup::Later, 7),
            ]
        );
    }

    #[test]
    fn the_managers_own_nudges_rank_below_what_is_due_for_someone() {
        let order = [
            "stale-action-item",
            "feedback-received-not-acted-on",
            "doing-their-work",
            "same-struggle-in-reflections",
            "no-recent-praise",
            "no-recent-reflection",
        ];
        for w in order.windows(2) {
            assert!(urgency(w[0], None) > urgency(w[1], None), "{w:?}");
        }
        // A struggle is not a report's recurring worry, whatever its name says.
        assert!(
            urgency("same-struggle-in-reflections", None) < urgency("recurring-workload", None)
        );
        assert_eq!(
            urgency("no-recent-praise", None),
            urgency("no-constructive-feedback", None)
        );
    }

    #[test]
    fn lateness_orders_within_a_rule_not_across_importance() {
        assert!(urgency("one-on-one-overdue", Some(0)) > urgency("stale-action-item", Some(500)));
        assert!(urgency("stale-action-item", Some(30)) > urgency("stale-action-item", Some(3)));
    }
}
