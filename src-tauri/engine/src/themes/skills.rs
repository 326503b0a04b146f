//! The people-skill lexicon counted over a scope: which skills the notes practise, which
//! they never touch, and which worries keep coming back.

use serde::Serialize;

use crate::analysis::{Signal, Skill, Worry};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SkillCount {
    /// The skill's or worry's id, e.g. "difficult-feedback", "workload-burnout".
    pub skill: String,
    pub label: String,
    /// "skill" or "worry".
    pub kind: String,
    /// Entries of the scope that show it.
    pub entries: u32,
    /// Those entries, newest first.
    pub entry_ids: Vec<String>,
}

/// Over the scope's entries, newest first, as (id, lexicon flags).
pub fn count<'a>(rows: impl Iterator<Item = (&'a str, u32)> + Clone) -> Vec<SkillCount> {
    let signals = Skill::ALL
        .iter()
        .map(|&s| (Signal::Skill(s), s.id(), s.label(), "skill"))
        .chain(
            Worry::ALL
                .iter()
                .map(|&w| (Signal::Worry(w), w.id(), w.label(), "worry")),
        );
    signals
        .map(|(signal, id, label, kind)| {
            let entry_ids: Vec<String> = rows
                .clone()
                .filter(|&(_, flags)| flags & signal.bit() != 0)
                .map(|(id, _)| id.to_string())
                .collect();
            SkillCount {
                skill: id.to_string(),
                label: label.to_string(),
                kind: kind.to_string(),
                entries: entry_ids.len() as u32,
                entry_ids,
            }
        })
        .collect()
}
