//! Measuring the coaching signals on labelled quick notes: precision and recall per signal
//! (workload, conflict, signs of leaving, the manager doing the report's work).
//!
//! Four sets, all written for Candor the way managers jot notes after a meeting
//! (fragments, abbreviations, idioms), with real positives and look-alike negatives:
//! - the old set (86 notes), written together with the phrase lists: optimistic;
//! - the held-out set (`eval_heldout.tsv`, 249 notes), written before the lexicon was read,
//!   split in a `dev` half (its misses may guide changes to the lexicon) and a `test` half
//!   (never looked at when changing the lexicon: the honest estimate);
//! - a third set (`eval_fresh.tsv`, 146 notes), written before the lexicon's second pass
//!   and never looked at while tuning it: a second honest estimate, for that pass;
//! - the unseen set (`eval_unseen.tsv`, 225 notes), written before the lexicon and the other
//!   sets were read, for the third pass: the test half and the third set became tuning
//!   material then, and this one is the honest estimate (measured before and after only).
//!
//! The sets are compiled in for tests and the benchmarks (feature `demo`) only.

use serde::Serialize;

use super::lexicon::{scan, Signal, Worry};
use super::tokenize::words;

const W: Signal = Signal::Worry(Worry::Workload);
const C: Signal = Signal::Worry(Worry::Conflict);
const L: Signal = Signal::Leaving;
const M: Signal = Signal::DoingTheirWork;

/// The signals measured: the signal, its name in reports, its letter in the TSV labels.
pub const SIGNALS: [(Signal, &str, char); 4] = [
    (W, "workload", 'W'),
    (C, "conflict", 'C'),
    (L, "leaving", 'L'),
    (M, "doing_their_work", 'M'),
];

/// One note and the signals it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled<'a> {
    pub text: &'a str,
    pub labels: Vec<Signal>,
}

/// Precision and recall of one signal over a set, with the notes it got wrong.
#[derive(Debug, Clone, Serialize)]
pub struct SignalScore {
    pub signal: &'static str,
    pub precision: f64,
    pub recall: f64,
    pub true_positives: u32,
    pub false_positives: u32,
    pub false_negatives: u32,
    /// Notes that carry the signal and were not flagged.
    #[serde(skip)]
    pub missed: Vec<String>,
    /// Notes flagged that do not carry it.
    #[serde(skip)]
    pub false_alarms: Vec<String>,
}

/// Precision and recall of each of [`SIGNALS`] over `set`, as the lexicon scans it.
/// With nothing flagged, precision is 1 (no false alarm); with no positive, recall is 1.
pub fn measure(set: &[Labelled<'_>]) -> Vec<SignalScore> {
    let found: Vec<_> = set.iter().map(|n| scan(&words(n.text))).collect();
    SIGNALS
        .iter()
        .map(|&(s, name, _)| {
            let (mut tp, mut fp, mut fneg) = (0u32, 0u32, 0u32);
            let (mut missed, mut false_alarms) = (Vec::new(), Vec::new());
            for (note, hits) in set.iter().zip(&found) {
                match (hits.has(s), note.labels.contains(&s)) {
                    (true, true) => tp += 1,
                    (true, false) => {
                        fp += 1;
                        false_alarms.push(note.text.to_string());
                    }
                    (false, true) => {
                        fneg += 1;
                        missed.push(note.text.to_string());
                    }
                    (false, false) => {}
                }
            }
            let ratio = |a: u32, b: u32| {
                if a + b == 0 {
                    1.0
                } else {
                    f64::from(a) / f64::from(a + b)
                }
            };
            SignalScore {
                signal: name,
                precision: ratio(tp, fp),
                recall: ratio(tp, fneg),
                true_positives: tp,
                false_positives: fp,
                false_negatives: fneg,
                missed,
                false_alarms,
            }
        })
        .collect()
}

/// A line of a labelled set that cannot be read (the note's text is never in the message).
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("line {0}: expected split<TAB>labels<TAB>note")]
    Columns(usize),
    #[error("line {0}: unknown label (use W, C, L, M separated by commas, or -)")]
    Label(usize),
}

/// Reads a labelled set written as `split<TAB>labels<TAB>note` lines (`#` comments and
/// the `split` header skipped); labels are letters of [`SIGNALS`] joined by commas, or `-`.
/// Returns (split, note) pairs in file order.
pub fn parse_tsv(text: &str) -> Result<Vec<(&str, Labelled<'_>)>, EvalError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("split\t") {
            continue;
        }
        let mut cols = line.splitn(3, '\t');
        let (Some(split), Some(labels), Some(note)) = (cols.next(), cols.next(), cols.next())
        else {
            return Err(EvalError::Columns(n));
        };
        let mut signals = Vec::new();
        if labels.trim() != "-" {
            for l in labels.split(',') {
                let l = l.trim();
                let s = SIGNALS
                    .iter()
                    .find(|(_, _, c)| l.len() == 1 && l.starts_with(*c))
                    .ok_or(EvalError::Label(n))?;
                signals.push(s.0);
            }
        }
        out.push((
            split.trim(),
            Labelled {
                text: note.trim(),
                labels: signals,
            },
        ));
    }
    Ok(out)
}

/// The labelled sets themselves.
#[cfg(any(test, feature = "demo"))]
pub mod sets {
    use super::*;

    const HELDOUT: &str = include_str!("eval_heldout.tsv");
    const FRESH: &str = include_str!("eval_fresh.tsv");
    const UNSEEN: &str = include_str!("eval_unseen.tsv");

    /// The held-out notes of one split (`"dev"` or `"test"`).
    pub fn heldout(split: &str) -> Result<Vec<Labelled<'static>>, EvalError> {
        Ok(parse_tsv(HELDOUT)?
            .into_iter()
            .filter(|(s, _)| *s == split)
            .map(|(_, n)| n)
            .collect())
    }

    /// The third set (`eval_fresh.tsv`, 146 notes): written before the lexicon's second
    /// pass and never looked at while tuning it, like the test half.
    pub fn fresh() -> Result<Vec<Labelled<'static>>, EvalError> {
        Ok(parse_tsv(FRESH)?.into_iter().map(|(_, n)| n).collect())
    }

    /// The unseen set (`eval_unseen.tsv`, 225 notes): written before the lexicon or any
    /// other set was read, never tuned on; the estimate for the third pass.
    pub fn unseen() -> Result<Vec<Labelled<'static>>, EvalError> {
        Ok(parse_tsv(UNSEEN)?.into_iter().map(|(_, n)| n).collect())
    }

    /// The 86 notes written together with the lexicon.
    pub fn old() -> Vec<Labelled<'static>> {
        SET.iter()
            .map(|(text, labels)| Labelled {
                text,
                labels: labels.to_vec(),
            })
            .collect()
    }

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
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Prints the scores; the notes got wrong only when `notes` (never for the unseen set).
    fn report(name: &str, scores: &[SignalScore], notes: bool) {
        for s in scores {
            eprintln!(
                "{name} {}: precision {:.2} recall {:.2} (tp {} fp {} fn {})",
                s.signal,
                s.precision,
                s.recall,
                s.true_positives,
                s.false_positives,
                s.false_negatives,
            );
            if notes {
                eprintln!(
                    "  missed: {:?}\n  false alarms: {:?}",
                    s.missed, s.false_alarms
                );
            }
        }
    }

    fn hold(name: &str, scores: &[SignalScore], precision: f64, recall: f64) {
        for s in scores {
            assert!(
                s.precision >= precision && s.recall >= recall,
                "{name} {}: p {:.2} r {:.2}; missed {:?}; false alarms {:?}",
                s.signal,
                s.precision,
                s.recall,
                s.missed,
                s.false_alarms
            );
        }
    }

    #[test]
    fn the_sets_read_and_are_the_documented_sizes() {
        assert_eq!(sets::old().len(), 86);
        let dev = sets::heldout("dev").unwrap();
        let test = sets::heldout("test").unwrap();
        assert_eq!(dev.len() + test.len(), 249);
        assert!(dev.len() >= 100 && test.len() >= 100);
        let fresh = sets::fresh().unwrap();
        assert_eq!(fresh.len(), 146);
        let unseen = sets::unseen().unwrap();
        assert_eq!(unseen.len(), 225);
        // Every signal has positives in both halves, the third set and the unseen set.
        for (s, _, _) in SIGNALS {
            for half in [&dev, &test, &fresh, &unseen] {
                assert!(half.iter().filter(|n| n.labels.contains(&s)).count() >= 10);
            }
        }
    }

    #[test]
    fn bad_lines_are_typed_errors() {
        assert!(matches!(parse_tsv("dev\tW"), Err(EvalError::Columns(1))));
        assert!(matches!(
            parse_tsv("# c\ndev\tX\tnote"),
            Err(EvalError::Label(2))
        ));
        let ok =
            parse_tsv("split\tlabels\tnote\ndev\tW,C\tswamped and at odds\ntest\t-\tfine").unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[0].1.labels, vec![W, C]);
        assert!(ok[1].1.labels.is_empty());
    }

    #[test]
    fn signals_hold_precision_and_recall_on_everyday_notes() {
        let old = measure(&sets::old());
        let dev = measure(&sets::heldout("dev").unwrap());
        // Printed, never held to a floor (the test half and third set are tuning material
        // since the third pass; the unseen set is the estimate).
        let test = measure(&sets::heldout("test").unwrap());
        let fresh = measure(&sets::fresh().unwrap());
        // The unseen set: printed without its notes, so that it is not tuned on.
        let unseen = measure(&sets::unseen().unwrap());
        report("old", &old, true);
        report("dev", &dev, true);
        report("test", &test, true);
        report("fresh", &fresh, true);
        report("unseen", &unseen, false);
        hold("old", &old, 0.9, 0.85);
        hold("dev", &dev, 0.9, 0.9);
    }
}
