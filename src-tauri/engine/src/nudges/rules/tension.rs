//! Tension or conflict noted about someone and never followed up.

use crate::analysis::{Signal, Skill, Worry};
use crate::model::Relationship;

use super::{first_name, ids, plural, Ctx, Draft};
use crate::nudges::Nudge;

/// How many entries a tension nudge cites at most.
const EVIDENCE: usize = 5;

pub fn unresolved(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let window = i64::from(ctx.s.tension_window_days);
    let follow_up = i64::from(ctx.s.tension_follow_up_days);
    let mut out = Vec::new();
    for p in ctx.people() {
        // A conflict on the manager's own team (or with a peer) is theirs to resolve.
        if !matches!(
            p.relationship,
            Relationship::Report | Relationship::SkipLevel | Relationship::Peer
        ) {
            continue;
        }
        let history = ctx.history(p);
        // Received feedback is about the manager, not about this person's relationships.
        let about = |e: &&&crate::analysis::EntryMeta| e.feedback.is_none_or(|f| !f.received);
        let resolved_at = history
            .iter()
            .filter(about)
            .find(|e| e.hits.has(Signal::Resolution))
            .map(|e| e.date);
        let open: Vec<_> = history
            .iter()
            .filter(about)
            .filter(|e| e.hits.has(Signal::Worry(Worry::Conflict)))
            .filter(|e| ctx.age(e.date) <= window)
            .filter(|e| resolved_at.is_none_or(|r| e.date > r))
            .copied()
            .collect();
        let Some(oldest) = open.last() else {
            continue;
        };
        if ctx.age(oldest.date) < follow_up {
            continue;
        }
        let name = first_name(p);
        out.push(
            Draft {
                rule: "tension-not-followed-up",
                skill: Skill::ConflictResolution,
                person: Some(p),
                subject: &p.id,
                episode: "",
                message: format!(
                    "Tension involving {} is in {} since {}, with no follow-up noted.",
                    p.name,
                    plural(open.len(), "entry", "entries"),
                    oldest.date
                ),
                evidence: ids(open.iter().take(EVIDENCE).copied()),
                suggestion: format!(
                    "Talk to {name} and the others involved, together if you can: name the disagreement, agree who decides, and note the outcome here."
                ),
            }
            .build(),
        );
    }
    out
}
