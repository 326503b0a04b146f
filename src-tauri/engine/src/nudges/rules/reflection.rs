//! The manager's own reflection habit.

use crate::analysis::Skill;
use crate::model::Kind;

use super::{Ctx, Draft};
use crate::nudges::Nudge;

/// No reflection written in a while (in a journal old enough to have had one).
pub fn lapsed(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let gap = i64::from(ctx.s.reflection_gap_days);
    let Some(oldest) = ctx.corpus.entries.first() else {
        return Vec::new();
    };
    let last = ctx.all_history().find(|e| e.kind == Kind::Reflection);
    let since = match last {
        Some(e) => ctx.age(e.date),
        None => ctx.age(oldest.date),
    };
    if since <= gap {
        return Vec::new();
    }
    let message = match last {
        Some(e) => format!("Your last reflection was {since} days ago, on {}.", e.date),
        None => "You have not written a reflection yet.".to_string(),
    };
    vec![Draft {
        rule: "no-recent-reflection",
        skill: Skill::SelfReflection,
        person: None,
        subject: "",
        episode: last.map_or("", |e| e.id.as_str()),
        message,
        evidence: last.iter().map(|e| e.id.clone()).collect(),
        suggestion: "Take ten minutes on Friday: what went well, what you avoided, and one thing to try next week (the weekly reflection prompt has questions to start from).".to_string(),
    }
    .build()]
}
