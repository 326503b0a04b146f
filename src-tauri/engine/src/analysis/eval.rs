//! A labelled set of quick notes, written for Candor the way managers jot them down after
//! a meeting (fragments, abbreviations, idioms), each with the signals it carries: real
//! positives and look-alike negatives. The test reports precision and recall per signal
//! and holds them to a floor, so a lexicon change that trades one for the other shows.
//! Honest caveat: the set is written by the lexicon's author. The batch marked "written
//! after the lexicon" missed 11 of its 13 positives before their phrases were added, which
//! is the better estimate of recall on notes nobody has seen: phrase lists are brittle.
#![allow(clippy::unwrap_used)]

use super::lexicon::{scan, Signal, Worry};
use super::tokenize::words;

const W: Signal = Signal::Worry(Worry::Workload);
const C: Signal = Signal::Worry(Worry::Conflict);
const L: Signal = Signal::Leaving;
const M: Signal = Signal::DoingTheirWork;

/// (note, signals it carries).
const SET: &[(&str, &[Signal])] = &[
    // Workload and burnout, in everyday words.
    ("honestly running on fumes this sprint", &[W]),
    ("says she's underwater w/ the migration + interviews", &[W]),
    ("no bandwidth for the offsite prep, asked to drop it", &[W]),
    ("he's fried. third weekend in a row on the release", &[W]),
    ("been working every weekend since the launch", &[W]),
    ("stretched thin between two teams, wants one", &[W]),
    ("totally swamped, can't keep up w/ review requests", &[W]),
    (
        "looked exhausted. said sleep is bad since the incident",
        &[W],
    ),
    ("told me she's drowning in support tickets", &[W]),
    ("slammed this wk, 4 launches", &[W]),
    ("burnt out? didn't say it but close", &[W]),
    ("worn out after on-call, asked for a quiet week", &[W]),
    ("feels overwhelmed by the roadmap asks", &[W]),
    ("stressed about the deadline, barely slept", &[W]),
    ("maxed out, I need to take something off her plate", &[W]),
    ("working late most nights again", &[W]),
    ("needs a break after Q3 honestly", &[W]),
    (
        "can't switch off in the evenings, checks slack at 11pm",
        &[W],
    ),
    ("no longer stressed now the launch is out", &[]),
    ("much less swamped since the handoff", &[]),
    ("not overwhelmed, just busy w/ planning", &[]),
    ("weekend plans: hiking, back mon", &[]),
    ("great energy, shipped the dashboard early", &[]),
    ("asked about the load test results", &[]),
    ("the build pipeline is slow, 40 min", &[]),
    ("water cooler chat about the reorg", &[]),
    // Look-alike: code, not a person ("sleep" is a workload word).
    ("fixed the sleep() in the retry loop", &[]),
    // Written after the lexicon, to test it rather than restate it.
    ("she's been pulling all-nighters for the audit", &[W]),
    ("hasn't taken PTO since march", &[W]),
    ("at her limit, said so twice", &[W]),
    ("running himself into the ground for the launch", &[W]),
    ("carrying the whole team on his back rn", &[W]),
    ("pto next wk, well deserved", &[]),
    // Tension and conflict without the word.
    ("A and B talking past each other in design review", &[C]),
    ("they keep butting heads over ownership of the queue", &[C]),
    ("standup was tense again", &[C]),
    ("clashing on the API shape, 2nd time this wk", &[C]),
    ("bit of bad blood after the incident review", &[C]),
    ("frustrated with Sam for skipping the review", &[C]),
    ("snapped at Jo in the retro, apologised after", &[C]),
    ("don't see eye to eye on testing", &[C]),
    ("feels undermined when Pat goes to the PM directly", &[C]),
    ("some friction w/ design over the spec", &[C]),
    ("they argued about the rollout plan for 20 min", &[C]),
    ("things are frosty between them since the reorg", &[C]),
    ("he won't review her PRs anymore", &[C]),
    ("lot of eye-rolling when Jo speaks in planning", &[C]),
    ("Omar + Jess again. 2nd retro in a row", &[C]),
    ("Sam and Jo again paired on the flaky test, good", &[]),
    ("calm standup, nothing tense", &[]),
    ("no friction at all this sprint", &[]),
    ("pairing w/ Jo went well, nice dynamic", &[]),
    ("we disagreed on naming, settled in 2 min", &[]),
    ("heads down on the migration", &[]),
    // Signs of leaving.
    ("took a recruiter call last week, 'just curious'", &[L]),
    ("updated her LinkedIn, open to work badge?", &[L]),
    ("asked about severance terms for a friend (?)", &[L]),
    ("not sure I see myself here in a year", &[L]),
    (
        "interviewing elsewhere I think, lots of dentist appts",
        &[L],
    ),
    ("she asked what the equity refresh looks like", &[L]),
    ("mentioned a competing offer, wants to talk comp", &[L]),
    ("asked how long the notice period is", &[L]),
    ("thinking about leaving if the reorg goes ahead", &[L]),
    ("has been job hunting, heard from Sam", &[L]),
    ("asked if we'd match an outside offer", &[L]),
    ("asked me to be a reference, 'just in case'", &[L]),
    ("he's not looking elsewhere, says he's happy", &[]),
    ("helped the recruiter with the backend loop", &[]),
    ("interviewing candidates for the SRE role all wk", &[]),
    ("sees herself here long term, wants the staff path", &[]),
    ("leaving early fri for a wedding", &[]),
    ("asked about the next release date", &[]),
    // The manager doing the report's work.
    ("I rewrote the retry logic in his PR, faster that way", &[M]),
    ("ended up writing the migration script for him", &[M]),
    ("took over her ticket, deadline was tmrw", &[M]),
    ("Fixed it myself after the 3rd round of comments", &[M]),
    ("just did it myself, quicker than explaining", &[M]),
    ("pushed a fix to his branch late last night", &[M]),
    ("I took over the demo prep from her", &[M]),
    ("I redid the slides for her the night before", &[M]),
    ("I wrote most of the design doc for him in the end", &[M]),
    ("jumped in and finished his migration", &[M]),
    ("he rewrote the retry logic himself, nice", &[]),
    ("she took over the on-call handoff doc", &[]),
    ("he fixed the flaky test, finally", &[]),
    ("asked him to write the migration script, due fri", &[]),
];

const SIGNALS: &[(Signal, &str)] = &[
    (W, "workload"),
    (C, "conflict"),
    (L, "leaving"),
    (M, "doing their work"),
];

/// (precision, recall) of each signal over the set.
fn measure() -> Vec<(&'static str, f64, f64, Vec<&'static str>)> {
    SIGNALS
        .iter()
        .map(|&(s, name)| {
            let (mut tp, mut fp, mut fneg) = (0u32, 0u32, 0u32);
            let mut wrong = Vec::new();
            for (text, labels) in SET {
                let found = scan(&words(text)).has(s);
                let want = labels.contains(&s);
                match (found, want) {
                    (true, true) => tp += 1,
                    (true, false) => {
                        fp += 1;
                        wrong.push(*text);
                    }
                    (false, true) => {
                        fneg += 1;
                        wrong.push(*text);
                    }
                    _ => {}
                }
            }
            let p = f64::from(tp) / f64::from((tp + fp).max(1));
            let r = f64::from(tp) / f64::from((tp + fneg).max(1));
            (name, p, r, wrong)
        })
        .collect()
}

#[test]
fn signals_hold_precision_and_recall_on_everyday_notes() {
    let all = measure();
    for (name, p, r, wrong) in &all {
        eprintln!("{name}: precision {p:.2} recall {r:.2}; wrong: {wrong:?}");
    }
    for (name, p, r, wrong) in all {
        assert!(
            p >= 0.9 && r >= 0.85,
            "{name}: p {p:.2} r {r:.2}, wrong: {wrong:?}"
        );
    }
}
