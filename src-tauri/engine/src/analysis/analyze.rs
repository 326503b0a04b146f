//! The analysis of one entry: its distinct theme terms and what the lexicon finds in it.

use crate::model::{Direction, Kind};

use super::lexicon::{scan, Hits, Signal, Skill};
use super::tokenize::{terms, words, Term};

/// The parts of an entry the analysis reads.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub kind: Kind,
    pub title: &'a str,
    pub body: &'a str,
    pub tags: &'a [String],
    /// Direction, and whether the manager received (rather than gave) it.
    pub feedback: Option<(Direction, bool)>,
    pub situation: Option<&'a str>,
    pub behavior: Option<&'a str>,
    pub impact: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// Each (key, surface) once, sorted.
    pub terms: Vec<Term>,
    pub hits: Hits,
}

/// Theme terms come from the title, the body and the feedback fields; the lexicon also
/// reads the tags, and the entry's structure adds what it shows (constructive feedback
/// given, praise given, a reflection written).
pub fn analyze(src: &Source<'_>) -> Analysis {
    let mut all = Vec::new();
    let mut hits = Hits::default();
    let fields = [
        Some(src.title),
        Some(src.body),
        src.situation,
        src.behavior,
        src.impact,
    ];
    for text in fields.into_iter().flatten() {
        let w = words(text);
        all.extend(terms(&w));
        merge(&mut hits, scan(&w));
    }
    for tag in src.tags {
        let spaced = tag.replace(['-', '_'], " ");
        merge(&mut hits, scan(&words(&spaced)));
    }
    match src.feedback {
        Some((Direction::Constructive, false)) => {
            hits.flags |= Signal::Skill(Skill::DifficultFeedback).bit()
        }
        Some((Direction::Praise, false)) => hits.flags |= Signal::Skill(Skill::Recognition).bit(),
        _ => {}
    }
    if src.kind == Kind::Reflection {
        hits.flags |= Signal::Skill(Skill::SelfReflection).bit();
    }
    // Unstable is the same here: terms that compare equal are equal.
    all.sort_unstable_by(|a, b| (&a.key, &a.surface).cmp(&(&b.key, &b.surface)));
    all.dedup();
    Analysis { terms: all, hits }
}

fn merge(into: &mut Hits, h: Hits) {
    into.flags |= h.flags;
    into.detail += h.detail;
    into.personal += h.personal;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_distinct_and_structure_adds_signals() {
        let tags = vec!["on-call".to_string()];
        let a = analyze(&Source {
            kind: Kind::Feedback,
            title: "Pager load",
            body: "The pager load is high. Pager load again.",
            tags: &tags,
            feedback: Some((Direction::Constructive, false)),
            situation: None,
            behavior: None,
            impact: None,
        });
        let keys: Vec<&str> = a.terms.iter().map(|t| t.key.as_str()).collect();
        // Counted on families: "pager" is a "page".
        assert_eq!(keys, ["high", "load", "page", "page load"]);
        assert!(a.hits.has(Signal::Skill(Skill::DifficultFeedback)));
        assert!(!a.hits.has(Signal::Skill(Skill::Recognition)));
    }
}
