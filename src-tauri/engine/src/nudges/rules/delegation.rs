//! Doing a report's work for them: the manager rewrote their code or took over their
//! ticket in more than one recent entry.

use crate::analysis::{EntryMeta, Signal, Skill};
use crate::model::Relationship;

use super::{first_name, ids, plural, Ctx, Draft};
use crate::nudges::Nudge;

const WINDOW_DAYS: i64 = 90;
/// Once is a rescue; twice is a habit forming.
const MIN_ENTRIES: usize = 2;

pub const RULE: &str = "doing-their-work";

pub fn doing_their_work(ctx: &Ctx<'_>) -> Vec<Nudge> {
    let mut out = Vec::new();
    for p in ctx.people() {
        if !matches!(
            p.relationship,
            Relationship::Report | Relationship::SkipLevel | Relationship::Mentee
        ) {
            continue;
        }
        let with: Vec<&EntryMeta> = ctx
            .history(p)
            .into_iter()
            .filter(|e| e.feedback.is_none_or(|f| !f.received))
            .filter(|e| ctx.age(e.date) <= WINDOW_DAYS)
            .filter(|e| e.hits.has(Signal::DoingTheirWork))
            .collect();
        if with.len() < MIN_ENTRIES {
            continue;
        }
        let Some(first) = with.last() else {
            continue;
        };
        let name = first_name(p);
        out.push(
            Draft {
                rule: RULE,
                skill: Skill::Delegation,
                person: Some(p),
                subject: &p.id,
                episode: &first.id,
                message: format!(
                    "You did {}'s work yourself in {} since {}: rewriting it or taking it over.",
                    p.name,
                    plural(with.len(), "entry", "entries"),
                    first.date
                ),
                evidence: ids(with.iter().copied()),
                suggestion: format!(
                    "Next time, hand it back: tell {name} what you would change and why, agree a checkpoint, and let them make the fix."
                ),
            }
            .build(),
        );
    }
    out
}
