//! `candor goal …`, `candor star` and `candor review`: goals per person, highlights, and
//! the review packet built from a period of the journal.

use std::path::PathBuf;

use candor_engine::goals::{GoalFilter, GoalKind, GoalStatus, NewGoal};
use candor_engine::model::ModelError;
use candor_engine::review::{self, ReviewError, ReviewQuery};
use candor_engine::Journal;
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

use crate::cli::parse_date;
use crate::{render, CliError};

#[derive(Debug, Subcommand)]
pub enum GoalCmd {
    /// Add a goal for a person (--with NAME), or your own (--me)
    Add {
        #[arg(long = "with", value_name = "NAME", required_unless_present = "me")]
        person: Option<String>,
        /// Your own goal, as a manager
        #[arg(long, conflicts_with = "person")]
        me: bool,
        /// career, skill or project
        #[arg(long, default_value = "skill")]
        kind: String,
        /// The target date
        #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
        due: Option<NaiveDate>,
        /// A description (Markdown)
        #[arg(long, default_value = "")]
        description: String,
        title: String,
    },
    /// List goals, active first
    List {
        #[arg(long, value_name = "NAME")]
        person: Option<String>,
        /// Only your own goals
        #[arg(long, conflicts_with = "person")]
        me: bool,
        /// active, achieved or dropped
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// One goal with its check-ins
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Mark a goal achieved
    Done { id: String },
    /// Drop a goal
    Drop { id: String },
    /// Make an achieved or dropped goal active again
    Reopen { id: String },
    /// Link an entry to a goal (the entry checks in on it)
    Link { goal: String, entry: String },
    /// Take a link away
    Unlink { goal: String, entry: String },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The person; leave it out with --me for your own record
    #[arg(required_unless_present = "me")]
    pub name: Option<String>,
    /// Your own packet: feedback received, reflections, skills practised, your goals
    #[arg(long, conflicts_with = "name")]
    pub me: bool,
    /// First day [default: six months before --until]
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub since: Option<NaiveDate>,
    /// Last day [default: today]
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub until: Option<NaiveDate>,
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: Format,
    /// Write to this new file (readable by you only; never overwritten) instead of
    /// standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

impl From<ReviewError> for CliError {
    fn from(e: ReviewError) -> Self {
        match e {
            ReviewError::UnknownPerson => ModelError::UnknownPerson.into(),
            ReviewError::Model(m) => m.into(),
            ReviewError::EmptyPeriod => CliError::Usage(format!("{e}: --since is after --until")),
            e => CliError::Usage(e.to_string()),
        }
    }
}

fn status_arg(s: Option<&str>) -> Result<Option<GoalStatus>, CliError> {
    s.map(|s| s.parse::<GoalStatus>().map_err(CliError::from))
        .transpose()
}

pub fn goal(j: &mut Journal, cmd: GoalCmd) -> Result<(), CliError> {
    match cmd {
        GoalCmd::Add {
            person,
            me: _,
            kind,
            due,
            description,
            title,
        } => {
            let g = j.add_goal(&NewGoal {
                person,
                title,
                kind: kind.parse::<GoalKind>()?,
                due,
                description,
            })?;
            println!("{}", g.id);
        }
        GoalCmd::List {
            person,
            me,
            status,
            json,
        } => {
            let list = j.goals(&GoalFilter {
                person,
                mine: me,
                status: status_arg(status.as_deref())?,
            })?;
            if json {
                render::json(&list)?;
            } else if list.is_empty() {
                println!("No goals.");
            } else {
                for g in &list {
                    let who = g.person.as_deref().unwrap_or("you");
                    let due = g.due.map(|d| format!(", due {d}")).unwrap_or_default();
                    let last = g
                        .last_checkin
                        .map(|d| format!(", last check-in {d}"))
                        .unwrap_or_else(|| ", no check-in yet".into());
                    println!(
                        "{}  [{}] {} ({}, {who}{due}{last})",
                        render::short(&g.id),
                        g.status,
                        g.title,
                        g.kind
                    );
                }
            }
        }
        GoalCmd::Show { id, json } => {
            let g = j.goal(&id)?;
            let checkins = j.checkins(&g.id)?;
            if json {
                render::json(&serde_json::json!({ "goal": g, "checkins": checkins }))?;
            } else {
                println!(
                    "{} [{}] {} ({})",
                    render::short(&g.id),
                    g.status,
                    g.title,
                    g.kind
                );
                if !g.description.is_empty() {
                    println!("\n{}\n", g.description);
                }
                for c in &checkins {
                    println!("  {}  {}  {}", c.date, render::short(&c.entry_id), c.title);
                }
            }
        }
        GoalCmd::Done { id } => status(j, &id, GoalStatus::Achieved)?,
        GoalCmd::Drop { id } => status(j, &id, GoalStatus::Dropped)?,
        GoalCmd::Reopen { id } => status(j, &id, GoalStatus::Active)?,
        GoalCmd::Link { goal, entry } => {
            let g = j.link_goal(&goal, &entry)?;
            println!("{} now has {} check-ins.", render::short(&g.id), g.checkins);
        }
        GoalCmd::Unlink { goal, entry } => {
            let g = j.unlink_goal(&goal, &entry)?;
            println!("{} now has {} check-ins.", render::short(&g.id), g.checkins);
        }
    }
    Ok(())
}

fn status(j: &mut Journal, id: &str, s: GoalStatus) -> Result<(), CliError> {
    let g = j.set_goal_status(id, s)?;
    println!("{} is {}.", render::short(&g.id), g.status);
    Ok(())
}

/// Checks, before an entry is written, that it may check in on each of `goals`: they
/// exist and belong to `person` (or to the manager).
pub fn check_goals(j: &Journal, goals: &[String], person: Option<&str>) -> Result<(), CliError> {
    let person_id = match person {
        Some(name) => j.person(name).ok().map(|p| p.id),
        None => None,
    };
    for id in goals {
        let g = j.goal(id)?;
        if g.person_id.is_some() && g.person_id != person_id {
            return Err(CliError::Usage(format!(
                "goal {} belongs to someone other than this entry's person",
                render::short(&g.id)
            )));
        }
    }
    Ok(())
}

pub fn review(j: &mut Journal, a: ReviewArgs) -> Result<(), CliError> {
    let q = ReviewQuery {
        person: if a.me { None } else { a.name.clone() },
        since: a.since,
        until: a.until,
    };
    let packet = review::build(j, &q, candor_engine::today::local_today())?;
    let text = match a.format {
        Format::Markdown => review::to_markdown(&packet),
        Format::Html => review::to_html(&packet),
        Format::Json => serde_json::to_string_pretty(&packet)
            .map_err(|e| CliError::Usage(format!("could not encode JSON: {e}")))?,
    };
    match a.out {
        None => print!("{text}"),
        Some(path) => {
            candor_engine::owner_only::write_new(&path, text.as_bytes()).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    CliError::Usage(format!("{} exists; give a new file name", path.display()))
                } else {
                    CliError::Usage(format!("cannot write {}: {e}", path.display()))
                }
            })?;
            eprintln!(
                "Wrote {} (plaintext, readable by you only; delete it when the review is done).",
                path.display()
            );
        }
    }
    Ok(())
}
