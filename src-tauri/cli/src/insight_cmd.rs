//! `candor themes`, `candor nudges`, `candor prep` and `candor reflect`.

use std::collections::HashMap;

use candor_engine::analysis::AnalysisError;
use candor_engine::model::ModelError;
use candor_engine::nudges::{self, Nudge, NudgeError};
use candor_engine::prompts::{self, PromptError};
use candor_engine::themes::{self, Scope, ThemeOptions, ThemesError, ThemesReport};
use candor_engine::Journal;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

use crate::cli::parse_date;
use crate::{render, CliError};

#[derive(Debug, Args)]
pub struct ThemesArgs {
    /// Themes of one person (against everyone else)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Only entries of this kind
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub since: Option<NaiveDate>,
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub until: Option<NaiveDate>,
    /// How many themes at most
    #[arg(long, default_value_t = 15)]
    pub limit: usize,
    /// A theme must come up in at least this many entries [default: 3, and 2 for a scope
    /// of 15 entries or fewer, marked early]
    #[arg(long, value_name = "N")]
    pub min_entries: Option<u32>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct NudgesArgs {
    #[command(subcommand)]
    pub cmd: Option<NudgesCmd>,
    #[arg(long)]
    pub json: bool,
    /// Also the dismissed and snoozed nudges, marked as such
    #[arg(long)]
    pub all: bool,
    /// Evaluate as of this date [default: today]
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
}

#[derive(Debug, Subcommand)]
pub enum NudgesCmd {
    /// Hide a nudge for good, or for some days with --snooze
    Dismiss {
        /// The nudge's id (or a unique start of it)
        id: String,
        #[arg(long, value_name = "DAYS")]
        snooze: Option<u32>,
        #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
        today: Option<NaiveDate>,
    },
    /// Show a dismissed or snoozed nudge again (ids from `candor nudges --all`)
    Restore {
        id: String,
        #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
        today: Option<NaiveDate>,
    },
    /// Show every dismissed and snoozed nudge again
    Undismiss,
    /// The rules' thresholds
    Settings {
        #[arg(long)]
        json: bool,
    },
    /// Change a threshold (see `candor nudges settings`); --reset puts back the default
    Set {
        key: String,
        #[arg(required_unless_present = "reset")]
        value: Option<u32>,
        #[arg(long, conflicts_with = "value")]
        reset: bool,
    },
}

#[derive(Debug, Args)]
pub struct PrepArgs {
    /// Who the next one-on-one is with
    pub name: String,
    #[arg(long)]
    pub json: bool,
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct ReflectArgs {
    #[arg(long)]
    pub json: bool,
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
    /// Record the day you started managing (for the first-90-days track)
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub started: Option<NaiveDate>,
}

fn analysis_err(e: AnalysisError) -> CliError {
    match e {
        AnalysisError::Model(m) => m.into(),
        AnalysisError::UnknownPerson => ModelError::UnknownPerson.into(),
        e => CliError::Usage(e.to_string()),
    }
}

impl From<ThemesError> for CliError {
    fn from(e: ThemesError) -> Self {
        match e {
            ThemesError::Analysis(a) => analysis_err(a),
            ThemesError::UnknownPerson => ModelError::UnknownPerson.into(),
            ThemesError::EmptyWindow => CliError::Usage(format!("{e}; --since is after --until")),
        }
    }
}

impl From<NudgeError> for CliError {
    fn from(e: NudgeError) -> Self {
        match e {
            NudgeError::Analysis(a) => analysis_err(a),
            NudgeError::UnknownNudge => {
                CliError::Usage(format!("{e}; `candor nudges --all` lists them"))
            }
            NudgeError::UnknownSetting => {
                CliError::Usage(format!("{e}; `candor nudges settings` lists them"))
            }
            e => CliError::Usage(e.to_string()),
        }
    }
}

impl From<PromptError> for CliError {
    fn from(e: PromptError) -> Self {
        match e {
            PromptError::Analysis(a) => analysis_err(a),
            PromptError::Themes(t) => t.into(),
            PromptError::Nudges(n) => n.into(),
            PromptError::UnknownPerson => ModelError::UnknownPerson.into(),
        }
    }
}

fn today(d: Option<NaiveDate>) -> NaiveDate {
    d.unwrap_or_else(|| chrono::Local::now().date_naive())
}

pub fn themes(j: &mut Journal, a: ThemesArgs) -> Result<(), CliError> {
    let scope = Scope {
        person: a.person.clone(),
        kind: a.kind.as_deref().map(str::parse).transpose()?,
        since: a.since,
        until: a.until,
    };
    let opts = ThemeOptions {
        limit: a.limit,
        min_entries: a.min_entries.unwrap_or(3).max(1),
        // A minimum asked for is the minimum.
        early: a.min_entries.is_none(),
    };
    let report = themes::themes(j, &scope, &opts)?;
    if a.json {
        return render::json(&serde_json::json!({
            "themes": report.themes,
            "skills": report.skills,
            "scope_entries": report.scope_entries,
            "other_entries": report.other_entries,
        }));
    }
    print_themes(&scope, &report);
    Ok(())
}

fn print_themes(scope: &Scope, r: &ThemesReport) {
    let what = match &scope.person {
        Some(p) => format!("Themes with {p}"),
        None if scope.is_everything() => "Themes across the journal".to_string(),
        None => "Themes".to_string(),
    };
    if scope.is_everything() {
        println!(
            "{what} ({} entries; what comes back with whom)",
            r.scope_entries
        );
    } else {
        println!(
            "{what} ({} entries, against the other {})",
            r.scope_entries, r.other_entries
        );
    }
    if r.themes.is_empty() {
        println!("  Nothing stands out yet; themes need at least a few entries.");
    }
    let width = r
        .themes
        .iter()
        .map(|t| t.label.chars().count())
        .max()
        .unwrap_or(0)
        .min(32);
    for t in &r.themes {
        let last = t.monthly.last().map(|m| m.month.as_str()).unwrap_or("-");
        let people = if t.people.is_empty() {
            String::new()
        } else {
            format!("  with {}", t.people.join(", "))
        };
        let early = if t.early { "  (early)" } else { "" };
        println!(
            "  {:<width$}  {:>4} entries  last {}  {}{}{early}",
            t.label,
            t.entries,
            last,
            spark(&t.monthly),
            people
        );
    }
    println!();
    println!("Skills these notes practise:");
    let (touched, untouched): (Vec<_>, Vec<_>) = r
        .skills
        .iter()
        .filter(|s| s.kind == "skill")
        .partition(|s| s.entries > 0);
    for s in touched {
        println!("  {:<40} {:>5} entries", s.label, s.entries);
    }
    if !untouched.is_empty() {
        let names: Vec<&str> = untouched.iter().map(|s| s.label.as_str()).collect();
        println!("  Never touched: {}", names.join("; "));
    }
    let worries: Vec<String> = r
        .skills
        .iter()
        .filter(|s| s.kind == "worry" && s.entries > 0)
        .map(|s| format!("{} ({})", s.label, s.entries))
        .collect();
    if !worries.is_empty() {
        println!("Worries that came up: {}", worries.join(", "));
    }
}

/// The last twelve months with entries as a small bar chart.
fn spark(monthly: &[candor_engine::themes::MonthCount]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let tail = &monthly[monthly.len().saturating_sub(12)..];
    let max = tail.iter().map(|m| m.count).max().unwrap_or(0).max(1);
    tail.iter()
        .map(|m| BARS[((m.count * 7) / max) as usize])
        .collect()
}

pub fn nudges(j: &mut Journal, a: NudgesArgs) -> Result<(), CliError> {
    match a.cmd {
        None if a.all => {
            let list = nudges::all_nudges(j, today(a.today))?;
            if a.json {
                return render::json(&list);
            }
            print_all_nudges(j, &list)
        }
        None => {
            let list = nudges::nudges(j, today(a.today))?;
            if a.json {
                return render::json(&list);
            }
            print_nudges(j, &list)
        }
        Some(NudgesCmd::Restore { id, today: t }) => {
            let n = nudges::restore(j, &id, today(t.or(a.today)))?;
            println!(
                "{} will show again.",
                if n == 1 {
                    "That nudge".to_string()
                } else {
                    format!("Those {n} nudges")
                }
            );
            Ok(())
        }
        Some(NudgesCmd::Dismiss {
            id,
            snooze,
            today: t,
        }) => {
            let d = nudges::dismiss(j, &id, snooze, today(t.or(a.today)))?;
            match d.until {
                Some(u) => println!("Snoozed {} until {u}.", d.id),
                None => println!(
                    "Dismissed {} (candor nudges restore {} brings it back).",
                    d.id, d.id
                ),
            }
            Ok(())
        }
        Some(NudgesCmd::Undismiss) => {
            let n = nudges::undismiss_all(j)?;
            println!("{n} dismissed or snoozed nudge(s) will show again.");
            Ok(())
        }
        Some(NudgesCmd::Settings { json }) => {
            let s = nudges::settings(j)?.describe();
            if json || a.json {
                return render::json(&s);
            }
            for i in s {
                let changed = if i.value == i.default {
                    ""
                } else {
                    " (changed)"
                };
                println!("{:<24} {:>5}{changed}  {}", i.key, i.value, i.description);
            }
            Ok(())
        }
        Some(NudgesCmd::Set { key, value, reset }) => {
            let value = if reset { None } else { value };
            nudges::set(j, &key, value)?;
            println!("Saved.");
            Ok(())
        }
    }
}

fn print_nudges(j: &Journal, list: &[Nudge]) -> Result<(), CliError> {
    if list.is_empty() {
        println!("No nudges today. Nice work.");
        return Ok(());
    }
    let titles = titles(j, list.iter().flat_map(|n| n.evidence.iter()))?;
    for (i, n) in list.iter().enumerate() {
        if i > 0 {
            println!();
        }
        // The short list first; the rest under a heading of their own.
        let first_later = n.group == nudges::NudgeGroup::Later
            && list[..i]
                .iter()
                .all(|m| m.group == nudges::NudgeGroup::Today);
        if first_later {
            println!("Later (less pressing, or more of the same skill):");
            println!();
        }
        print_nudge(n, "", &titles);
    }
    println!();
    println!("Dismiss one with `candor nudges dismiss ID` (--snooze DAYS to see it again later).");
    Ok(())
}

fn print_all_nudges(j: &Journal, list: &[nudges::ListedNudge]) -> Result<(), CliError> {
    if list.is_empty() {
        println!("No nudges today, dismissed or not.");
        return Ok(());
    }
    let titles = titles(j, list.iter().flat_map(|l| l.nudge.evidence.iter()))?;
    for (i, l) in list.iter().enumerate() {
        if i > 0 {
            println!();
        }
        let mark = match (l.status, l.until) {
            (nudges::Status::Shown, _) => String::new(),
            (nudges::Status::Snoozed, Some(u)) => format!("  (snoozed until {u})"),
            (nudges::Status::Snoozed, None) => "  (snoozed)".into(),
            (nudges::Status::Dismissed, _) => "  (dismissed)".into(),
        };
        print_nudge(&l.nudge, &mark, &titles);
    }
    if list.iter().any(|l| l.status != nudges::Status::Shown) {
        println!();
        println!("Bring one back with `candor nudges restore ID`.");
    }
    Ok(())
}

/// One nudge: id and skill, message, suggestion, the members of a group by id, evidence.
fn print_nudge(n: &Nudge, mark: &str, titles: &HashMap<&str, String>) {
    println!("{}  [{}]{mark}", n.id, n.skill.label());
    println!("  {}", n.message);
    println!("  Try: {}", n.suggestion);
    // A group: each member on its own line, by its id (which dismiss also takes).
    for m in &n.members {
        println!("  - {}  {}", m.id, m.message);
    }
    for id in n.evidence.iter().take(5) {
        if let Some(t) = titles.get(id.as_str()) {
            println!("    {t}");
        }
    }
    if n.evidence.len() > 5 {
        println!("    … and {} more", n.evidence.len() - 5);
    }
}

/// "SHORTID  DATE  TITLE" for each entry id, read once.
fn titles<'a>(
    j: &Journal,
    ids: impl Iterator<Item = &'a String>,
) -> Result<HashMap<&'a str, String>, CliError> {
    let mut out = HashMap::new();
    for id in ids {
        if out.contains_key(id.as_str()) {
            continue;
        }
        if let Ok(e) = j.entry(id) {
            out.insert(
                id.as_str(),
                format!("{}  {}  {}", render::short(&e.id), e.date, e.title),
            );
        }
    }
    Ok(out)
}

pub fn prep(j: &mut Journal, a: PrepArgs) -> Result<(), CliError> {
    let p = prompts::prep(j, &a.name, today(a.today))?;
    if a.json {
        return render::json(&p);
    }
    println!("Next one-on-one with {}", p.person);
    match &p.last_meeting {
        Some(m) => println!("Last met {} ({} days ago): {}", m.date, m.days_ago, m.title),
        None => println!("No meeting on record yet."),
    }
    if !p.open_actions.is_empty() {
        println!();
        println!("Carried over:");
        for a in &p.open_actions {
            let due = a
                .due
                .map(|d| format!(" (due {d}{})", if a.overdue { ", overdue" } else { "" }))
                .unwrap_or_default();
            let who = if a.mine { "you" } else { "them" };
            println!("  [ ] {} — {who}{due}", a.text);
        }
    }
    if !p.themes.is_empty() {
        println!();
        println!("Lately on their mind: {}", p.themes.join(", "));
    }
    if !p.nudges.is_empty() {
        println!();
        println!("Nudges:");
        for n in &p.nudges {
            println!("  {}", n.message);
        }
    }
    if !p.feedback_to_deliver.is_empty() {
        println!();
        println!("Feedback to deliver:");
        for f in &p.feedback_to_deliver {
            println!("  {} — {}", f.date, f.title);
        }
        for g in &p.sbi {
            println!("    {g}");
        }
    } else if !p.sbi.is_empty() {
        println!();
        println!("Feedback:");
        for g in &p.sbi {
            println!("  {g}");
        }
    }
    if !p.goals.is_empty() {
        println!();
        println!("Goals:");
        for g in &p.goals {
            match g.last_checkin {
                Some(d) => println!("  {} (last check-in {d})", g.title),
                None => println!("  {} (no check-in yet)", g.title),
            }
        }
    }
    println!();
    println!("Questions:");
    for q in &p.questions {
        println!("  - {}  ({})", q.text, q.skill.label());
    }
    Ok(())
}

pub fn reflect(j: &mut Journal, a: ReflectArgs) -> Result<(), CliError> {
    if let Some(d) = a.started {
        prompts::set_management_start(j, d)?;
        println!("Saved {d} as the day you started managing.");
    }
    let r = prompts::reflect(j, today(a.today))?;
    if a.json {
        return render::json(&r);
    }
    println!("Weekly reflection — week of {}", r.week_of);
    for q in &r.weekly {
        println!("  - {q}");
    }
    if let Some(t) = &r.first_90_days {
        println!();
        println!("First 90 days, week {}: {}", t.week, t.theme);
        for q in &t.questions {
            println!("  - {q}");
        }
    }
    if let Some(path) = &r.path {
        println!();
        println!("This month: is this the right path for me?");
        for q in &path.questions {
            println!("  - {q}");
        }
        if !path.trend.is_empty() {
            let line: Vec<String> = path
                .trend
                .iter()
                .map(|m| format!("{} {:.1}", m.month, m.mood))
                .collect();
            println!("  Mood of your earlier answers: {}", line.join(" · "));
        }
    }
    println!();
    println!("{}", r.how_to_answer);
    println!(
        "From here: `candor log reflection`, adding `--tag {} --mood N` for the monthly questions.",
        prompts::PATH_TAG
    );
    Ok(())
}
