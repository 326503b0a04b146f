//! Situation–Behaviour–Impact guidance while writing feedback: the checklist, and hints
//! about a draft (a missing part, a judgement where an observation should be).

use crate::analysis::tokenize::words;
use crate::model::Direction;

use super::bank::SBI;

/// The guidance to show beside a feedback draft.
pub fn guidance(direction: Direction) -> Vec<String> {
    let mut out: Vec<String> = SBI.iter().take(4).map(|s| s.to_string()).collect();
    if direction == Direction::Praise {
        out.push(SBI[4].to_string());
    }
    out
}

/// Words that judge a person instead of describing what they did.
const JUDGEMENTS: &[&str] = &[
    "always",
    "never",
    "lazy",
    "careless",
    "sloppy",
    "rude",
    "arrogant",
    "attitude",
    "unprofessional",
    "incompetent",
    "selfish",
    "difficult",
    "negative",
    "bad",
];

/// Hints about a draft's three parts; empty when it looks complete.
pub fn check(situation: Option<&str>, behavior: Option<&str>, impact: Option<&str>) -> Vec<String> {
    let blank = |s: Option<&str>| s.is_none_or(|s| s.trim().is_empty());
    let mut out = Vec::new();
    if blank(situation) {
        out.push("Add the situation: when and where did it happen?".to_string());
    }
    if blank(behavior) {
        out.push("Add the behaviour: what exactly did you see or hear?".to_string());
    }
    if blank(impact) {
        out.push("Add the impact: what did it cause for you, the team or the work?".to_string());
    }
    if let Some(b) = behavior {
        let judged: Vec<String> = words(b)
            .into_iter()
            .filter(|w| JUDGEMENTS.contains(&w.key.as_str()))
            .map(|w| w.text.to_string())
            .collect();
        if !judged.is_empty() {
            out.push(format!(
                "\"{}\" judges rather than describes; say what they did instead.",
                judged.join("\", \"")
            ));
        }
    }
    out
}

/// As [`check`], and for praise, a note when it would be vague: praise without the
/// behaviour or its impact is pleasant and soon forgotten.
pub fn check_draft(
    direction: Direction,
    situation: Option<&str>,
    behavior: Option<&str>,
    impact: Option<&str>,
) -> Vec<String> {
    let mut out = check(situation, behavior, impact);
    let blank = |s: Option<&str>| s.is_none_or(|s| s.trim().is_empty());
    if direction == Direction::Praise && (blank(behavior) || blank(impact)) {
        out.push(VAGUE.to_string());
    }
    out
}

const VAGUE: &str = "Praise without what they did and what it made possible (\"great job!\") is vague: it is pleasant, soon forgotten and cannot be repeated. Name the behaviour and its impact.";

/// The note on a piece of praise already given that was vague.
pub fn vague_praise(
    date: chrono::NaiveDate,
    title: &str,
    no_behavior: bool,
    no_impact: bool,
) -> String {
    let missing = match (no_behavior, no_impact) {
        (true, true) => "no behaviour and no impact",
        (true, false) => "no behaviour",
        _ => "no impact",
    };
    format!(
        "Your praise on {date} (\"{title}\") names {missing}: vague praise is pleasant and soon forgotten. Next time, say what exactly they did and what it made possible."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vague_praise_is_pointed_out_and_specific_praise_is_not() {
        let specific = check_draft(
            Direction::Praise,
            Some("at Thursday's incident review"),
            Some("you walked us through the timeline w/o blame"),
            Some("two people admitted mistakes they'd hidden"),
        );
        assert!(specific.is_empty(), "{specific:?}");
        let vague = check_draft(
            Direction::Praise,
            Some("demo day"),
            Some("great job!!"),
            None,
        );
        assert!(vague.iter().any(|h| h.contains("vague")), "{vague:?}");
        // Constructive feedback missing its impact gets the checklist hint, not the praise note.
        let c = check_draft(
            Direction::Constructive,
            Some("standup"),
            Some("late again"),
            None,
        );
        assert!(c.iter().all(|h| !h.contains("vague")), "{c:?}");
        let d = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        assert!(vague_praise(d, "nice work", true, false).contains("names no behaviour:"));
        assert!(vague_praise(d, "nice work", true, true).contains("no behaviour and no impact"));
    }

    #[test]
    fn drafts_get_hints_complete_ones_do_not() {
        assert!(check(
            Some("In Tuesday's review"),
            Some("you cut off two people mid-sentence"),
            Some("they stopped contributing"),
        )
        .is_empty());
        let hints = check(None, Some("You are always careless"), Some(" "));
        assert_eq!(hints.len(), 3, "{hints:?}");
        assert!(hints[2].contains("always") && hints[2].contains("careless"));
        assert_eq!(guidance(Direction::Constructive).len(), 4);
        assert_eq!(guidance(Direction::Praise).len(), 5);
    }
}
