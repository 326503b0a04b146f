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

#[cfg(test)]
mod tests {
    use super::*;

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
