//! Career and growth conversations with reports.

use crate::analysis::{Signal, Skill};
use crate::model::Relationship;

use super::{first_name, Ctx, Draft};
use crate::nudges::Nudge;

/// No career or growth conversation with a report in a long while, though you meet.
pub fn career_lapsed(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let gap = i64::from(ctx.s.career_gap_days);
    let mut out = Vec::new();
    for p in ctx.people() {
        if p.relationship != Relationship::Report {
            continue;
        }
        let history = ctx.history(p);
        // Someone new, or someone you no longer meet, is not this rule's business.
        let known_long_enough = history.last().is_some_and(|e| ctx.age(e.date) >= gap);
        let meeting_lately = history
            .iter()
            .any(|e| e.is_meeting() && ctx.age(e.date) <= gap);
        if !known_long_enough || !meeting_lately {
            continue;
        }
        let last = history
            .iter()
            .find(|e| e.hits.has(Signal::Skill(Skill::CareerGrowth)));
        if last.is_some_and(|e| ctx.age(e.date) <= gap) {
            continue;
        }
        let name = first_name(p);
        let (message, evidence, episode) = match last {
            Some(e) => (
                format!(
                    "No career or growth conversation with {} in {} days; the last was on {}.",
                    p.name,
                    ctx.age(e.date),
                    e.date
                ),
                vec![e.id.clone()],
                e.id.as_str(),
            ),
            None => (
                format!(
                    "No career or growth conversation with {} on record.",
                    p.name
                ),
                Vec::new(),
                "",
            ),
        };
        out.push(
            Draft {
                rule: "career-conversation-lapsed",
                skill: Skill::CareerGrowth,
                person: Some(p),
                subject: &p.id,
                episode,
                message,
                evidence,
                suggestion: format!(
                    "Give the second half of your next one-on-one to {name}'s growth: \"Where would you like to be in two years, and what would help you get there?\""
                ),
            }
            .build(),
        );
    }
    out
}

/// An active goal nobody has checked in on for a while (the last linked entry, or its
/// creation when there is none, is older than the setting).
pub fn goal_stale(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let gap = i64::from(ctx.s.goal_gap_days);
    let mut out = Vec::new();
    for g in &ctx.corpus.goals {
        let person = match g.person_id.as_deref() {
            Some(id) => match ctx.corpus.person(id) {
                Some(p) if !p.archived => Some(p),
                _ => continue,
            },
            None => None,
        };
        let created =
            chrono::NaiveDate::parse_from_str(g.created_at.get(..10).unwrap_or(""), "%Y-%m-%d")
                .unwrap_or(ctx.today);
        let since = g.last_checkin.unwrap_or(created);
        let age = ctx.age(since);
        if age <= gap {
            continue;
        }
        let whose = match person {
            Some(p) => format!("{}'s goal", p.name),
            None => "Your own goal".to_string(),
        };
        let message = match g.last_checkin {
            Some(d) => format!(
                "{whose} “{}” has had no check-in for {age} days (the last on {d}).",
                g.title
            ),
            None => format!(
                "{whose} “{}” has had no check-in in the {age} days since it was set.",
                g.title
            ),
        };
        let suggestion = match person {
            Some(p) => format!(
                "Ask {} in the next one-on-one: \"Where are you with {}? What is in the way, and what would help?\" Then link that entry to the goal.",
                first_name(p),
                g.title
            ),
            None => "Give ten minutes of your next reflection to it: what moved, what did not, and is it still the right goal?".to_string(),
        };
        let episode = g.last_checkin.map(|d| d.to_string()).unwrap_or_default();
        out.push(
            Draft {
                rule: "goal-without-check-in",
                skill: if person.is_some() {
                    Skill::CareerGrowth
                } else {
                    Skill::SelfReflection
                },
                person,
                subject: &g.id,
                episode: &episode,
                message,
                evidence: Vec::new(),
                suggestion,
            }
            .build()
            .late_by(age - gap),
        );
    }
    out
}
