//! Action items: open ones gone stale, and the manager's own that are overdue.

use chrono::NaiveDate;

use crate::analysis::Skill;
use crate::model::{ActionItem, Owner};

use super::{plural, Ctx, Draft};
use crate::nudges::Nudge;

/// When an item was agreed: its entry's date, else the day it was written down.
fn agreed(ctx: &Ctx<'_>, a: &ActionItem) -> Option<NaiveDate> {
    a.entry_id
        .as_deref()
        .and_then(|id| ctx.date_of(id))
        .or_else(|| {
            a.created_at
                .get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        })
}

fn is_stale(ctx: &Ctx<'_>, a: &ActionItem) -> bool {
    agreed(ctx, a).is_some_and(|d| ctx.age(d) > i64::from(ctx.s.stale_action_days))
}

fn whose(a: &ActionItem) -> String {
    match a.owner {
        Owner::Me => format!("yours, with {}", a.person),
        Owner::Them => format!("{}'s", a.person),
    }
}

/// Open items agreed long ago.
pub fn stale(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let mut out = Vec::new();
    for a in ctx.corpus.actions.iter().filter(|a| a.done_at.is_none()) {
        if !is_stale(ctx, a) {
            continue;
        }
        let Some(since) = agreed(ctx, a) else {
            continue;
        };
        let person = ctx.corpus.person(&a.person_id);
        if person.is_some_and(|p| p.archived) {
            continue;
        }
        out.push(
            Draft {
                rule: "stale-action-item",
                skill: Skill::ClearExpectations,
                person,
                subject: &a.id,
                episode: "",
                message: format!(
                    "\"{}\" ({}) has been open for {} days, since {since}.",
                    a.text,
                    whose(a),
                    ctx.age(since)
                ),
                evidence: a.entry_id.iter().cloned().collect(),
                suggestion: "Decide it today: do it, hand it to someone with a date, or drop it and say so. An open promise nobody tracks erodes trust.".to_string(),
            }
            .build()
            .late_by(ctx.age(since) - i64::from(ctx.s.stale_action_days)),
        );
    }
    out
}

/// The manager's own open items past their due date (and not yet stale).
pub fn overdue(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let mut out = Vec::new();
    for a in ctx.corpus.actions.iter().filter(|a| a.done_at.is_none()) {
        let Some(due) = a.due else {
            continue;
        };
        let late = ctx.age(due);
        if a.owner != Owner::Me || late <= i64::from(ctx.s.overdue_action_days) || is_stale(ctx, a)
        {
            continue;
        }
        let person = ctx.corpus.person(&a.person_id);
        if person.is_some_and(|p| p.archived) {
            continue;
        }
        out.push(
            Draft {
                rule: "overdue-action-item",
                skill: Skill::ClearExpectations,
                person,
                subject: &a.id,
                episode: "",
                message: format!(
                    "You promised {} \"{}\" by {due}; it is {} late.",
                    a.person,
                    a.text,
                    plural(late as usize, "day", "days")
                ),
                evidence: a.entry_id.iter().cloned().collect(),
                suggestion: format!(
                    "Do it before your next meeting with {}, or tell them the new date yourself.",
                    a.person
                ),
            }
            .build()
            .late_by(late),
        );
    }
    out
}
