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
