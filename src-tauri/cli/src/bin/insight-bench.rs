//! Themes and nudges timings on the deterministic demo journal, printed as JSON.
//!
//! For each size (default 10,000 and 100,000 entries; `--sizes 10000,50000` or
//! `CANDOR_BENCH_SIZES`): generate the demo journal, time the first analysis (filling the
//! per-entry cache), reopen it (key derivation excluded), then time themes for every person,
//! for the whole journal and for a date window, nudges, a one-on-one agenda, and the
//! analysis of one new entry, and a one-year review packet for one person beside a plain
//! listing of that person's entries of the year. Also precision and recall per coaching signal on the labelled
//! sets (`signals`: the old set, the held-out dev and test halves, the third and unseen sets). Budgets (DESIGN.md): one person <= 100 ms, the whole journal
//! <= 1 s at 100,000 entries, release build.
#![forbid(unsafe_code)]

use std::path::Path;
use std::time::Instant;

use candor_engine::analysis::eval::{self, sets};
use candor_engine::analysis::Corpus;
use candor_engine::demo::{self, DemoOptions};
use candor_engine::keys::{DataKey, SlotFile, SlotKind};
use candor_engine::model::{Kind, NewEntry};
use candor_engine::themes::{self, Scope, ThemeOptions};
use candor_engine::{nudges, prompts, vault, Journal, SecretString};
use chrono::NaiveDate;
use serde_json::{json, Value};

mod common;

use common::Res;

const PASS: &str = "candor insight benchmark passphrase";
const SEED: u64 = 42;
/// Repetitions of each timed call (after the first, reported apart as "cold").
const REPEAT: usize = 5;

fn end() -> Res<NaiveDate> {
    Ok(NaiveDate::from_ymd_opt(2025, 6, 13).ok_or("date")?)
}

fn ms(f: impl FnOnce() -> Res<()>) -> Res<f64> {
    let t = Instant::now();
    f()?;
    Ok(t.elapsed().as_secs_f64() * 1000.0)
}

/// Cold (first) time, then the median and worst of `REPEAT` more.
fn timed(mut f: impl FnMut() -> Res<()>) -> Res<Value> {
    let cold = ms(&mut f)?;
    let mut runs = Vec::with_capacity(REPEAT);
    for _ in 0..REPEAT {
        runs.push(ms(&mut f)?);
    }
    runs.sort_by(f64::total_cmp);
    Ok(json!({
        "cold_ms": round(cold),
        "p50_ms": round(runs[runs.len() / 2]),
        "max_ms": round(runs[runs.len() - 1]),
    }))
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn reopen(dir: &Path) -> Res<Journal> {
    let slots = SlotFile::read(&vault::keys_path(dir))?;
    let key: DataKey = slots.open(SlotKind::Passphrase, PASS.as_bytes())?;
    Ok(vault::open_with_key(dir, &key)?)
}

/// `cp -a`: the vault directory as it is (the journal is closed).
fn copy_dir(from: &Path, to: &Path) -> Res<()> {
    let ok = std::process::Command::new("cp")
        .arg("-a")
        .arg(from)
        .arg(to)
        .status()?
        .success();
    if ok {
        Ok(())
    } else {
        Err(format!("cp -a {} {} failed", from.display(), to.display()).into())
    }
}

fn run_size(n: usize) -> Res<Value> {
    let root =
        std::env::temp_dir().join(format!("candor-insight-bench-{}-{n}", std::process::id()));
    if root.exists() {
        std::fs::remove_dir_all(&root)?;
    }
    std::fs::create_dir_all(&root)?;
    let dir = root.join("vault");
    let today = end()?;
    // CANDOR_BENCH_VAULT=DIR: the generated journal (before its first analysis) is kept
    // in DIR-<n> and copied from there on later runs, to time the first analysis often.
    let kept = std::env::var_os("CANDOR_BENCH_VAULT").map(|d| {
        let mut d = d;
        d.push(format!("-{n}"));
        std::path::PathBuf::from(d)
    });
    let t = Instant::now();
    let mut j = match &kept {
        Some(k) if k.exists() => {
            copy_dir(k, &dir)?;
            reopen(&dir)?
        }
        _ => {
            let (mut j, _) = vault::create(&dir, &SecretString::from(PASS.to_string()))?;
            demo::generate(
                &mut j,
                &DemoOptions {
                    entries: n,
                    seed: SEED,
                    end: today,
                },
                &mut |_, _| {},
            )?;
            if let Some(k) = &kept {
                drop(j);
                copy_dir(&dir, k)?;
                j = reopen(&dir)?;
            }
            j
        }
    };
    let generate_s = t.elapsed().as_secs_f64();
    // The first analysis reads every entry once and fills the cache.
    let build_ms = ms(|| {
        Corpus::load(&mut j)?;
        Ok(())
    })?;
    // CANDOR_BENCH_DUMP=FILE: every entry's analysis, to check that a change to the
    // analyser leaves it as it was (diff two runs' files).
    if let Some(path) = std::env::var_os("CANDOR_BENCH_DUMP") {
        use std::fmt::Write as _;
        let mut out = String::new();
        for e in j.entries(&candor_engine::model::EntryFilter::default())? {
            let fb = e.feedback.as_ref();
            let a = candor_engine::analysis::analyze(&candor_engine::analysis::Source {
                kind: e.kind,
                title: &e.title,
                body: &e.body,
                tags: &e.tags,
                feedback: fb.map(|f| (f.direction, f.received)),
                situation: fb.and_then(|f| f.situation.as_deref()),
                behavior: fb.and_then(|f| f.behavior.as_deref()),
                impact: fb.and_then(|f| f.impact.as_deref()),
            });
            writeln!(out, "{} {a:?}", e.id)?;
        }
        std::fs::write(path, out)?;
    }
    drop(j);
    // CANDOR_BENCH_FIRST_ONLY=1: only the first analysis.
    if std::env::var_os("CANDOR_BENCH_FIRST_ONLY").is_some() {
        std::fs::remove_dir_all(&root)?;
        return Ok(json!({
            "entries": n,
            "generate_s": round(generate_s),
            "first_analysis_ms": round(build_ms),
        }));
    }

    let t = Instant::now();
    let mut j = reopen(&dir)?;
    let open_ms = t.elapsed().as_secs_f64() * 1000.0;
    let opts = ThemeOptions::default();

    let people = j.people(true)?;
    let mut per_person = Vec::new();
    let mut worst_p50: f64 = 0.0;
    for p in &people {
        let scope = Scope::person(&p.name);
        let mut entries = 0;
        let mut t = timed(|| {
            entries = themes::themes(&mut j, &scope, &opts)?.scope_entries;
            Ok(())
        })?;
        worst_p50 = worst_p50.max(t["p50_ms"].as_f64().unwrap_or(0.0));
        t["person"] = json!(p.name);
        t["entries"] = json!(entries);
        per_person.push(t);
    }
    let whole = timed(|| {
        themes::themes(&mut j, &Scope::default(), &opts)?;
        Ok(())
    })?;
    let window = timed(|| {
        let scope = Scope {
            since: today.checked_sub_days(chrono::Days::new(90)),
            ..Scope::default()
        };
        themes::themes(&mut j, &scope, &opts)?;
        Ok(())
    })?;
    let mut fired: std::collections::BTreeMap<String, usize> = Default::default();
    let nudge_t = timed(|| {
        fired.clear();
        for n in nudges::nudges(&mut j, today)? {
            *fired.entry(n.rule).or_insert(0) += 1;
        }
        Ok(())
    })?;
    let prep = timed(|| {
        prompts::prep(&mut j, "Priya Raman", today)?;
        Ok(())
    })?;
    // A one-year review packet for one person, beside listing that person's entries of
    // the year (one SQL query through the model): the floor any packet stands on.
    let year = Some(
        today
            .checked_sub_days(chrono::Days::new(364))
            .ok_or("date")?,
    );
    let review_q = candor_engine::review::ReviewQuery {
        person: Some("Priya Raman".into()),
        since: year,
        until: Some(today),
    };
    let mut packet_entries = 0;
    let review_t = timed(|| {
        packet_entries = candor_engine::review::build(&mut j, &review_q, today)?
            .summary
            .entries;
        Ok(())
    })?;
    let list_t = timed(|| {
        j.entries(&candor_engine::model::EntryFilter {
            person: Some("Priya Raman".into()),
            since: year,
            until: Some(today),
            ..Default::default()
        })?;
        Ok(())
    })?;
    // A save, then the next call analyses just that entry and reads just its row: the
    // cost of each view after the manager writes something (nothing kept from before is
    // reused for themes; the corpus behind nudges and the agenda takes in the one row).
    let mut saves = 0;
    let mut after_save = |j: &mut Journal, f: &mut dyn FnMut(&mut Journal) -> Res<()>| {
        saves += 1;
        j.log(NewEntry {
            kind: Some(Kind::OneOnOne),
            date: Some(today),
            person: Some("Marcus Bell".into()),
            body: format!(
                "The on-call rotation again ({saves}); the pager load is down since the alert cleanup."
            ),
            ..NewEntry::default()
        })?;
        ms(|| f(j))
    };
    let after_save_ms = after_save(&mut j, &mut |j| {
        themes::themes(j, &Scope::person("Marcus Bell"), &opts)?;
        Ok(())
    })?;
    let whole_after_save_ms = after_save(&mut j, &mut |j| {
        themes::themes(j, &Scope::default(), &opts)?;
        Ok(())
    })?;
    let nudges_after_save_ms = after_save(&mut j, &mut |j| {
        nudges::nudges(j, today)?;
        Ok(())
    })?;
    let prep_after_save_ms = after_save(&mut j, &mut |j| {
        prompts::prep(j, "Priya Raman", today)?;
        Ok(())
    })?;
    drop(j);

    // As the command line runs it: a fresh open (key derivation excluded), then one person.
    let mut cli_style = Vec::new();
    for _ in 0..3 {
        cli_style.push(ms(|| {
            let mut j = reopen(&dir)?;
            themes::themes(&mut j, &Scope::person("Priya Raman"), &opts)?;
            Ok(())
        })?);
    }
    cli_style.sort_by(f64::total_cmp);
    std::fs::remove_dir_all(&root)?;

    Ok(json!({
        "entries": n,
        "generate_s": round(generate_s),
        "first_analysis_ms": round(build_ms),
        "open_ms": round(open_ms),
        "themes_person": per_person,
        "themes_person_worst_p50_ms": round(worst_p50),
        "themes_whole_journal": whole,
        "themes_last_90_days": window,
        "nudges": nudge_t,
        "nudges_fired": fired,
        "prep": prep,
        "review_one_person_year": review_t,
        "review_entries": packet_entries,
        "list_person_year_sql": list_t,
        "themes_after_one_save_ms": round(after_save_ms),
        "themes_whole_journal_after_one_save_ms": round(whole_after_save_ms),
        "nudges_after_one_save_ms": round(nudges_after_save_ms),
        "prep_after_one_save_ms": round(prep_after_save_ms),
        "open_and_themes_person_ms": round(cli_style[1]),
    }))
}

/// Precision and recall per signal on the labelled sets (see `analysis::eval`): the old
/// set written with the lexicon, the held-out set's dev and test halves, and the third set
/// (written before the lexicon's second pass), and the unseen set (written before the third
/// pass, never tuned on).
fn signals() -> Value {
    let half = |split: &str| match sets::heldout(split) {
        Ok(set) => json!(eval::measure(&set)),
        Err(e) => json!({ "error": e.to_string() }),
    };
    json!({
        "old": eval::measure(&sets::old()),
        "heldout_dev": half("dev"),
        "heldout_test": half("test"),
        "fresh": match sets::fresh() {
            Ok(set) => json!(eval::measure(&set)),
            Err(e) => json!({ "error": e.to_string() }),
        },
        "unseen": match sets::unseen() {
            Ok(set) => json!(eval::measure(&set)),
            Err(e) => json!({ "error": e.to_string() }),
        },
    })
}

fn main() -> std::process::ExitCode {
    common::report("insight-bench", "10000,100000", run_size, |results| {
        json!({
            "signals": signals(),
            "benchmark": "candor themes and nudges on the demo journal, release build",
            "budgets_ms": {"themes_person": 100, "themes_whole_journal": 1000},
            "repeat": REPEAT,
            "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            "sizes": results,
        })
    })
}
