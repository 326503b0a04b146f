//! The people-skill lexicon: words and phrases that show a note touches one of the skills
//! new managers most often lack, one of the recurring worries, or plain implementation
//! detail. Written for Candor. Phrases are matched on word keys (case, diacritics and
//! plurals ignored); a trailing `*` matches any word starting with what precedes it.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::tokenize::{key_of, Word};

macro_rules! labelled_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $id:literal, $label:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name { $(#[serde(rename = $id)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stable identifier, as in JSON.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }
            /// How the user reads it.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

labelled_enum!(
    /// The people skills Candor nudges toward.
    Skill {
        DifficultFeedback = "difficult-feedback", "Giving difficult feedback";
        Recognition = "recognition", "Recognising good work";
        CareerGrowth = "career-growth", "Career and growth conversations";
        ConflictResolution = "conflict-resolution", "Resolving conflict";
        Delegation = "delegation", "Delegating rather than micromanaging";
        ClearExpectations = "clear-expectations", "Setting clear expectations";
        EmpathyListening = "empathy-listening", "Listening with empathy";
        NavigatingOrg = "navigating-the-organisation", "Navigating the organisation";
        SelfReflection = "self-reflection", "Reflecting on your own practice";
        KeepingPeople = "keeping-people", "Keeping people (retention and stay conversations)";
    }
);

labelled_enum!(
    /// Worries that keep coming back with a person.
    Worry {
        Workload = "workload-burnout", "Workload and burnout";
        Conflict = "conflict", "Conflict";
        Disengagement = "disengagement", "Disengagement";
        CareerStagnation = "career-stagnation", "Career stagnation";
    }
);

/// What a phrase signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Skill(Skill),
    Worry(Worry),
    /// A conflict followed up: talked to both, resolved, cleared the air.
    Resolution,
    /// Signs of preparing to leave: recruiters, interviews elsewhere, questions about pay,
    /// not seeing a future here.
    Leaving,
    /// A stay conversation: what would keep them, what they want next here.
    Stay,
    /// The manager doing the report's work: rewrote their code, took over the ticket.
    DoingTheirWork,
    /// Implementation detail (code, tickets, configuration); counted, not flagged.
    Detail,
    /// The person rather than the work (feelings, goals, energy); counted, not flagged.
    Personal,
}

impl Signal {
    /// The bit of this signal in an entry's flags (`Detail`/`Personal` have none).
    pub fn bit(self) -> u32 {
        match self {
            Signal::Skill(s) => 1 << (s as u32),
            Signal::Worry(w) => 1 << (16 + w as u32),
            Signal::Resolution => 1 << 24,
            Signal::Leaving => 1 << 25,
            Signal::Stay => 1 << 26,
            Signal::DoingTheirWork => 1 << 27,
            Signal::Detail | Signal::Personal => 0,
        }
    }
}

/// What the lexicon found in one entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hits {
    /// One bit per [`Signal`] found (see [`Signal::bit`]).
    pub flags: u32,
    /// Words of implementation detail.
    pub detail: u32,
    /// Words about the person.
    pub personal: u32,
}

impl Hits {
    pub fn has(&self, s: Signal) -> bool {
        self.flags & s.bit() != 0
    }
}

use Signal::{
    Detail as D, DoingTheirWork as MINE, Leaving as GO, Personal as P, Resolution as R,
    Stay as STAY,
};
use Skill::*;
use Worry::*;

const fn sk(s: Skill) -> Signal {
    Signal::Skill(s)
}
const fn wo(w: Worry) -> Signal {
    Signal::Worry(w)
}

/// Every phrase and what it signals.
const LEXICON: &[(Signal, &[&str])] = &[
    (
        sk(DifficultFeedback),
        &[
            "constructive feedback",
            "hard feedback",
            "difficult feedback",
            "critical feedback",
            "difficult conversation",
            "hard conversation",
            "tough conversation",
            "harder conversation",
            "uncomfortable conversation",
            "raised a concern",
            "raised the concern",
            "pushed back",
            "push back",
            "fell short",
            "falling short",
            "not meeting expectations",
            "below expectations",
            "performance concern",
            "improvement plan",
            "needs to improve",
            "need to improve",
            "called out",
            "call out",
        ],
    ),
    (
        sk(Recognition),
        &[
            "praise",
            "praised",
            "recognised",
            "recognized",
            "recognition",
            "recognise",
            "recognize",
            "thanked",
            "thank you",
            "well done",
            "great job",
            "great work",
            "kudos",
            "shout-out",
            "shout out",
            "celebrat*",
            "appreciated",
            "appreciation",
            "proud of",
            "gave credit",
            "public credit",
        ],
    ),
    (
        sk(CareerGrowth),
        &[
            "career",
            "promotion",
            "promoted",
            "growth",
            "grow",
            "growing",
            "next level",
            "career ladder",
            "stretch project",
            "stretch assignment",
            "development plan",
            "learning goal",
            "long-term",
            "aspiration*",
            "ambition*",
            "staff engineer",
            "technical leadership",
            "management track",
            "level up",
            "in two years",
        ],
    ),
    (
        sk(ConflictResolution),
        &[
            "mediat*",
            "resolve the",
            "resolved",
            "resolution",
            "common ground",
            "compromise",
            "both sides",
            "talk to both",
            "talked to both",
            "listened to both",
        ],
    ),
    (
        sk(Delegation),
        &[
            "delegat*",
            "delegation",
            "handed off",
            "handed over",
            "hand off",
            "hand over",
            "handing over",
            "let go",
            "letting go",
            "stepped back",
            "step back",
            "stayed out of it",
            "trust them",
            "trusted",
            "empower*",
            "micromanag*",
            "checkpoint*",
            "ownership",
        ],
    ),
    (
        sk(ClearExpectations),
        &[
            "expectation*",
            "definition of done",
            "what done looks like",
            "success looks like",
            "acceptance criteria",
            "deadline",
            "agreed on",
            "goal",
            "goals",
            "okr",
            "accountable",
            "accountability",
            "commitment*",
            "due date",
            "owner",
            "what good looks like",
        ],
    ),
    (
        sk(EmpathyListening),
        &[
            "listened",
            "listening",
            "listen",
            "how are you",
            "how he is",
            "how she is",
            "how they are",
            "wellbeing",
            "well-being",
            "empathy",
            "empathise",
            "empathize",
            "on his mind",
            "on her mind",
            "on their mind",
            "how the week went",
            "morale",
            "feel",
            "feels",
            "felt",
            "feeling",
            "family",
            "personal",
        ],
    ),
    (
        sk(NavigatingOrg),
        &[
            "stakeholder",
            "leadership",
            "director",
            "vp",
            "exec",
            "executive",
            "org",
            "organisation",
            "organization",
            "reorg",
            "politics",
            "managing up",
            "manage up",
            "roadmap",
            "business",
            "strategy",
            "budget",
            "headcount",
            "cross-team",
            "alignment",
            "org priorities",
            "company priority",
            "calibration",
        ],
    ),
    (
        wo(Workload),
        &[
            "burnout",
            "burned out",
            "burnt out",
            "burning out",
            "exhausted",
            "exhaustion",
            "overwhelmed",
            "workload",
            "overworked",
            "overloaded",
            "working late",
            "late nights",
            "no time off",
            "running on empty",
            "stretched thin",
            "not sleeping",
            "slept",
            "sleep",
            "tired",
            "off his plate",
            "off her plate",
            "off their plate",
            "unsustainable",
            "not sustainable",
            "too much on",
            // How people say it.
            "stressed",
            "stressed out",
            "so much stress",
            "lot of stress",
            "running on fumes",
            "on fumes",
            "spread thin",
            "spread too thin",
            "underwater",
            "under water",
            "drowning",
            "swamped",
            "slammed",
            "buried",
            "snowed under",
            "no bandwidth",
            "zero bandwidth",
            "out of bandwidth",
            "fried",
            "frazzled",
            "wiped",
            "worn out",
            "worn down",
            "drained",
            "knackered",
            "running ragged",
            "maxed out",
            "over capacity",
            "working every weekend",
            "working weekends",
            "works weekends",
            "every weekend",
            "all weekend",
            "weekend again",
            "midnight oil",
            "barely keeping up",
            "can't keep up",
            "cannot keep up",
            "keep his head above water",
            "keep her head above water",
            "keep their head above water",
            "head above water",
            "breaking point",
            "end of his rope",
            "end of her rope",
            "end of their rope",
            "too many plates",
            "plate is full",
            "need a break",
            "needs a break",
            "no breathing room",
            "can't switch off",
            "cannot switch off",
            "never switches off",
            "all-nighter",
            "taken pto",
            "no pto",
            "taken a day off",
            "at her limit",
            "at his limit",
            "at their limit",
            "at my limit",
            "into the ground",
            "carrying the team",
            "carrying the whole team",
        ],
    ),
    (
        wo(Conflict),
        &[
            "tension",
            "friction",
            "conflict",
            "clash*",
            "disagreement",
            "at odds",
            "frustrated with",
            "annoyed with",
            "angry with",
            "upset with",
            "gets defensive",
            "got defensive",
            "blame",
            "blamed",
            "blaming",
            "argument",
            "argued",
            "hostile",
            "resent*",
            "don't get along",
            "not getting along",
            "falling out",
            // Without the word "conflict".
            "clashing",
            "tense",
            "talking past each other",
            "talk past each other",
            "talked past each other",
            "butting heads",
            "butt heads",
            "butted heads",
            "snapping at each other",
            "sniping at each other",
            "yelling at each other",
            "shouting at each other",
            "don't see eye to eye",
            "doesn't see eye to eye",
            "not seeing eye to eye",
            "bad blood",
            "snapped at",
            "snippy",
            "passive-aggressive",
            "passive aggressive",
            "rub each other",
            "rubs each other",
            "rubbing each other",
            "stepping on toes",
            "step on toes",
            "bickering",
            "sniping",
            "heated",
            "can't stand",
            "frosty",
            "cold shoulder",
            "won't work with",
            "refuses to work with",
            "don't trust each other",
            "doesn't trust",
            "went over his head",
            "went over her head",
            "undermining",
            "undermined",
            "territorial",
            "turf war",
            "won't review",
            "eye-roll*",
        ],
    ),
    (
        wo(Disengagement),
        &[
            "disengaged",
            "disengagement",
            "checked out",
            "lost interest",
            "demotivated",
            "unmotivated",
            "not motivated",
            "going through the motions",
            "looking for a new job",
            "interviewing elsewhere",
            "thinking of leaving",
            "thinking about leaving",
            "bored",
            "apathetic",
            "doesn't care",
            "stopped caring",
        ],
    ),
    (
        wo(CareerStagnation),
        &[
            "stagnat*",
            "plateau*",
            "not growing",
            "not learning",
            "no growth",
            "passed over",
            "dead end",
            "dead-end",
            "no path",
            "no career path",
            "stuck in the same",
            "same work",
            "outgrown",
        ],
    ),
    (
        R,
        &[
            "resolved",
            "mediated",
            "cleared the air",
            "talked to both",
            "sat down with both",
            "brought them together",
            "worked it out",
            "patched things up",
            "apologised",
            "apologized",
            "reconciled",
            "joint session",
            "agreed a boundary",
            "agreed the boundary",
            "settled the ownership",
            "decided who owns",
            "listened to both",
            "listening to both",
        ],
    ),
    (
        GO,
        &[
            "recruiter call",
            "recruiter calls",
            "recruiter reached out",
            "recruiters reaching out",
            "recruiter pinged",
            "recruiter from",
            "call with a recruiter",
            "talking to recruiters",
            "talked to a recruiter",
            "took a recruiter",
            "took the recruiter",
            "took recruiter",
            "updating cv",
            "updating his cv",
            "updating her cv",
            "updating their cv",
            "updated cv",
            "updated his cv",
            "updated her cv",
            "updated their cv",
            "cv updated",
            "updating resume",
            "updated resume",
            "updating his resume",
            "updating her resume",
            "updated his resume",
            "updated her resume",
            "updating linkedin",
            "updated linkedin",
            "updated his linkedin",
            "updated her linkedin",
            "linkedin open to work",
            "open to work",
            "interviewing elsewhere",
            "interviewing at",
            "interviews elsewhere",
            "interview elsewhere",
            "interviewed elsewhere",
            "interviewing with other",
            "other companies",
            "final round",
            "an offer from",
            "got an offer",
            "has an offer",
            "competing offer",
            "counter offer",
            "counteroffer",
            "counter-offer",
            "thinking of leaving",
            "thinking about leaving",
            "looking around",
            "looking elsewhere",
            "looking for a new job",
            "job hunting",
            "job search",
            "not sure i see myself here",
            "not sure she sees herself here",
            "not sure he sees himself here",
            "don't see myself here",
            "can't see myself here",
            "doesn't see herself here",
            "doesn't see himself here",
            "don't see themselves here",
            "not sure he sees a future",
            "not sure she sees a future",
            "no future here",
            "what comes next",
            "what's next for me",
            "next move",
            "severance",
            "notice period",
            "her notice",
            "his notice",
            "their notice",
            "give notice",
            "gave notice",
            "handing in",
            "equity refresh",
            "vesting",
            "vest",
            "underpaid",
            "paid more",
            "market rate",
            "salary band",
            "pay band",
            "comp band",
            "asked about comp",
            "asked about pay",
            "asked about salary",
            "asked about equity",
            "match an offer",
            "match an outside offer",
            "outside offer",
            "be a reference",
            "reference letter",
        ],
    ),
    (
        STAY,
        &[
            "stay conversation",
            "stay interview",
            "what would make you stay",
            "what would keep",
            "what keeps you",
            "what keeps her",
            "what keeps him",
            "what keeps them",
            "wants to stay",
            "decided to stay",
            "talked about staying",
            "retention",
            "retain",
        ],
    ),
    (
        MINE,
        &[
            "i rewrote",
            "i redid",
            "i took over",
            "i took the ticket",
            "i grabbed the ticket",
            "rewrote his",
            "rewrote her",
            "rewrote their",
            "i fixed it",
            "fixed it myself",
            "fixed myself",
            "did it myself",
            "do it myself",
            "doing it myself",
            "wrote it myself",
            "wrote the fix myself",
            "i ended up writing",
            "i ended up doing",
            "i ended up fixing",
            "i ended up rewriting",
            "ended up writing",
            "ended up rewriting",
            "ended up fixing it",
            "took over his",
            "took over her",
            "took over their",
            "taking over his",
            "taking over her",
            "taking over their",
            "redid",
            "redo his",
            "redo her",
            "redid his",
            "pushed a fix to his",
            "pushed a fix to her",
            "pushed commits to his",
            "pushed commits to her",
            "jumped in and fixed",
            "jumped in and wrote",
            "stepped in and fixed",
            "stepped in and wrote",
            "picked up his ticket",
            "picked up her ticket",
            "picked up their ticket",
            "finished it for him",
            "finished it for her",
            "finished it for them",
            "quicker if i",
            "faster if i",
            "faster to do it",
            "quicker to do it",
            "easier to do it",
            "i wrote most of",
            "jumped in and finished",
            "i finished his",
            "i finished her",
            "i finished their",
        ],
    ),
    (
        D,
        &[
            "code",
            "function",
            "method",
            "variable",
            "bug",
            "refactor*",
            "pull request",
            "pr",
            "commit",
            "merge",
            "merged",
            "branch",
            "unit test",
            "test",
            "endpoint",
            "query",
            "sql",
            "schema",
            "config",
            "configuration",
            "deploy*",
            "pipeline",
            "build",
            "compil*",
            "stack trace",
            "null",
            "exception",
            "ticket",
            "jira",
            "story point",
            "implementation",
            "implement*",
            "line by line",
            "syntax",
            "library",
            "framework",
            "database",
            "index",
            "cache",
            "caching",
            "latency",
            "api",
            "json",
            "yaml",
            "kubernetes",
            "script",
            "log",
            "debug*",
            "lint*",
            "typo",
            "migration",
            "staging",
            "rollback",
            "cutover",
            "backfill",
            "invalidation",
            "pagination",
            "header",
            "component",
            "module",
            "dependency",
            "version*",
            "ci",
        ],
    ),
    (
        P,
        &[
            "feel",
            "feels",
            "felt",
            "feeling",
            "career",
            "growth",
            "goal",
            "enjoy*",
            "motivat*",
            "energy",
            "energetic",
            "stress*",
            "worried",
            "worry",
            "worries",
            "happy",
            "frustrated",
            "proud",
            "confidence",
            "confident",
            "nervous",
            "anxious",
            "excited",
            "family",
            "health",
            "wellbeing",
            "holiday",
            "vacation",
            "learn",
            "learning",
            "aspiration*",
            "on his mind",
            "on her mind",
            "on their mind",
            "in good spirits",
            "settled",
            "morale",
            "imposter",
            "listened",
            "how the week went",
            "hardest part",
            "best and the hardest",
            "torn",
            "satisfaction",
            "comfortable",
            "honest",
        ],
    ),
];

/// A phrase as matched: its word keys, the last one possibly a prefix.
struct Pattern {
    rest: Vec<String>,
    prefix_last: bool,
    signal: Signal,
}

struct Compiled {
    /// By the key of the first word.
    by_first: HashMap<String, Vec<Pattern>>,
    /// One-word prefixes ("delegat*").
    prefixes: Vec<(String, Signal)>,
}

fn compiled() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    C.get_or_init(|| {
        let mut c = Compiled {
            by_first: HashMap::new(),
            prefixes: Vec::new(),
        };
        for (signal, phrases) in LEXICON {
            for phrase in *phrases {
                let prefix_last = phrase.ends_with('*');
                let text = phrase.trim_end_matches('*');
                let mut keys: Vec<String> = text.split(' ').map(key_of).collect();
                if prefix_last {
                    if let Some(last) = keys.last_mut() {
                        *last = text.rsplit(' ').next().unwrap_or(text).to_lowercase();
                    }
                }
                if keys.len() == 1 && prefix_last {
                    c.prefixes.push((keys.remove(0), *signal));
                    continue;
                }
                let first = keys.remove(0);
                c.by_first.entry(first).or_default().push(Pattern {
                    rest: keys,
                    prefix_last,
                    signal: *signal,
                });
            }
        }
        c
    })
}

fn matches_at(words: &[Word<'_>], at: usize, p: &Pattern) -> bool {
    let n = p.rest.len();
    if at + 1 + n > words.len() {
        return false;
    }
    p.rest.iter().enumerate().all(|(i, k)| {
        let w = &words[at + 1 + i].key;
        if p.prefix_last && i + 1 == n {
            w.starts_with(k.as_str())
        } else {
            w == k
        }
    })
}

fn record(h: &mut Hits, s: Signal) {
    match s {
        Signal::Detail => h.detail += 1,
        Signal::Personal => h.personal += 1,
        _ => h.flags |= s.bit(),
    }
}

/// Words that, just before a worry, say it is not there ("no longer stressed", "not
/// interviewing", "less swamped").
const NEGATORS: &[&str] = &[
    "not", "no", "never", "isn't", "wasn't", "aren't", "don't", "doesn't", "didn't", "without",
    "less", "longer", "nor", "stopped", "anymore", "nothing", "none",
];

/// Signals a negation cancels: the worries and the signs of leaving, not the skills (a
/// note that says "no praise yet" still touches recognition).
fn negatable(s: Signal) -> bool {
    matches!(s, Signal::Worry(_) | Signal::Leaving)
}

/// True when one of the two words before `at`, in the same clause, negates it.
fn negated(words: &[Word<'_>], at: usize) -> bool {
    let mut i = at;
    for _ in 0..2 {
        if i == 0 || words[i].break_before {
            return false;
        }
        i -= 1;
        if NEGATORS.contains(&words[i].key.as_str()) {
            return true;
        }
    }
    false
}

fn capitalised(w: &Word<'_>) -> bool {
    w.text.chars().next().is_some_and(char::is_uppercase)
}

/// Shorthand for two people at odds: "Omar and Jess again.", "Omar + Jess again, re the
/// queue". Two capitalised words joined by "and", "vs" or a symbol, then "again" closing
/// the clause ("Sam and Jo again paired on it" is not it).
fn pair_again(words: &[Word<'_>], at: usize) -> bool {
    if !words.get(at).is_some_and(capitalised) {
        return false;
    }
    let b = match words.get(at + 1) {
        Some(w) if matches!(w.key.as_str(), "and" | "vs" | "v") => at + 2,
        Some(w) if w.break_before && capitalised(w) => at + 1,
        _ => return false,
    };
    let Some(second) = words.get(b) else {
        return false;
    };
    if !capitalised(second) || second.key == "i" {
        return false;
    }
    let again = words
        .get(b + 1)
        .is_some_and(|w| w.key == "again" && !w.break_before);
    let closes = words.get(b + 2).is_none_or(|w| w.break_before);
    again && closes
}

/// Everything the lexicon finds in a run of words.
pub fn scan(words: &[Word<'_>]) -> Hits {
    let c = compiled();
    let mut h = Hits::default();
    for (i, w) in words.iter().enumerate() {
        let negated = negated(words, i);
        let counts = |s: Signal| !(negated && negatable(s));
        if let Some(patterns) = c.by_first.get(&w.key) {
            // One hit per signal per position: "feel" is not both a word and a phrase.
            let mut seen: Vec<Signal> = Vec::new();
            for p in patterns {
                if !seen.contains(&p.signal) && counts(p.signal) && matches_at(words, i, p) {
                    seen.push(p.signal);
                    record(&mut h, p.signal);
                }
            }
        }
        for (prefix, s) in &c.prefixes {
            if counts(*s) && w.key.starts_with(prefix.as_str()) {
                record(&mut h, *s);
            }
        }
        if pair_again(words, i) {
            record(&mut h, Signal::Worry(Worry::Conflict));
        }
    }
    h
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::analysis::tokenize::words;

    fn hits(text: &str) -> Hits {
        scan(&words(text))
    }

    #[test]
    fn phrases_and_prefixes_match_on_keys() {
        let h = hits("He said he is Exhausted; we talked about Delegating the Pull Requests.");
        assert!(h.has(Signal::Worry(Worry::Workload)));
        assert!(h.has(Signal::Skill(Skill::Delegation)));
        assert_eq!(h.detail, 1);
        assert!(hits("She is frustrated with Dev.").has(Signal::Worry(Worry::Conflict)));
        assert!(!hits("She is frustrated that bugs slip.").has(Signal::Worry(Worry::Conflict)));
        assert!(hits("We talked to both of them").has(Signal::Resolution));
    }

    fn worry(text: &str, w: Worry) -> bool {
        hits(text).has(Signal::Worry(w))
    }

    #[test]
    fn strain_in_idioms_counts_and_negation_cancels_it() {
        for text in [
            "honestly running on fumes this sprint",
            "says she's underwater w/ the migration + interviews",
            "no bandwidth for the offsite prep",
            "he's fried. 3rd weekend in a row",
            "been working every weekend since launch",
            "Stretched thin between two teams",
            "totally swamped, can't keep up with reviews",
        ] {
            assert!(worry(text, Worry::Workload), "{text}");
        }
        for text in [
            "no longer stressed now the launch is out",
            "much less swamped since the handoff",
            "not overwhelmed, just busy",
            "weekend plans: hiking",
        ] {
            assert!(!worry(text, Worry::Workload), "{text}");
        }
    }

    #[test]
    fn tension_without_the_word_conflict() {
        for text in [
            "A and B talking past each other in design review",
            "they keep butting heads over ownership",
            "standup was tense again",
            "clashing on the API shape, 2nd time this wk",
            "bit of bad blood after the incident review",
        ] {
            assert!(worry(text, Worry::Conflict), "{text}");
        }
        assert!(!worry("calm standup, nothing tense", Worry::Conflict));
        for text in [
            "Omar and Jess again.",
            "Omar + Jess again, re the queue ownership",
        ] {
            assert!(worry(text, Worry::Conflict), "{text}");
        }
        for text in [
            "Sam and Jo again paired on the flaky test",
            "Sam and I again.",
        ] {
            assert!(!worry(text, Worry::Conflict), "{text}");
        }
    }

    #[test]
    fn leaving_staying_and_doing_their_work() {
        for text in [
            "took a recruiter call last week, 'just curious'",
            "updated her LinkedIn, open to work badge?",
            "asked about severance terms for a friend (?)",
            "not sure I see myself here in a year",
            "interviewing elsewhere I think",
            "she asked what the equity refresh looks like",
        ] {
            assert!(hits(text).has(Signal::Leaving), "{text}");
        }
        assert!(!hits("he's not looking elsewhere, says he's happy").has(Signal::Leaving));
        assert!(!hits("helped the recruiter with the backend loop").has(Signal::Leaving));
        assert!(hits("asked what would keep her here next year").has(Signal::Stay));
        for text in [
            "I rewrote the retry logic in his PR, faster that way",
            "ended up writing the migration script for him",
            "took over her ticket, deadline",
            "Fixed it myself after the 3rd round of comments",
        ] {
            assert!(hits(text).has(Signal::DoingTheirWork), "{text}");
        }
        assert!(!hits("he rewrote the retry logic himself").has(Signal::DoingTheirWork));
    }

    #[test]
    fn bits_are_distinct() {
        let mut all: Vec<u32> = Skill::ALL.iter().map(|s| Signal::Skill(*s).bit()).collect();
        all.extend(Worry::ALL.iter().map(|w| Signal::Worry(*w).bit()));
        all.extend([
            Signal::Resolution.bit(),
            Signal::Leaving.bit(),
            Signal::Stay.bit(),
            Signal::DoingTheirWork.bit(),
        ]);
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
        assert!(all.iter().all(|b| b.count_ones() == 1));
    }

    #[test]
    fn personal_and_detail_are_counted() {
        let h = hits("How he feels about his career; the API schema and the cache config.");
        assert_eq!(h.personal, 2);
        assert_eq!(h.detail, 4);
        assert_eq!(
            h.flags & Signal::Skill(Skill::CareerGrowth).bit(),
            Signal::Skill(Skill::CareerGrowth).bit()
        );
    }
}
