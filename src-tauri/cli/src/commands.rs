//! One function per subcommand: read the arguments, call the engine, print.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

#[cfg(feature = "demo")]
use candor_engine::demo::{self, DemoOptions};
use candor_engine::model::{
    ActionFilter, ActionPatch, EntryFilter, EntryPatch, FeedbackInput, Kind, NewAction, NewEntry,
    NewPerson, PersonPatch,
};
use candor_engine::{vault, ExposeSecret, Journal};
use clap::CommandFactory;

use crate::cli::{Cli, Command, EntryFields, PersonCmd, TodoCmd, TrashCmd};
use crate::{render, secret, CliError};

/// The passphrase `candor demo` uses when none is given; printed so the user can unlock.
#[cfg(feature = "demo")]
pub const DEMO_PASSPHRASE: &str = "candor-demo-passphrase";

struct Ctx {
    vault: PathBuf,
    passphrase_file: Option<PathBuf>,
}

impl Ctx {
    fn open(&self) -> Result<Journal, CliError> {
        if !vault::exists(&self.vault) {
            return Err(no_journal(&self.vault));
        }
        warn_if_exposed(&self.vault);
        let pass = secret::passphrase(self.passphrase_file.as_deref())?;
        Ok(vault::open(&self.vault, &pass)?)
    }
}

/// Tightens the vault directory and its files to their owner, warning when others could read it.
/// A directory that cannot be changed (not ours, read-only media) still opens.
pub fn warn_if_exposed(dir: &Path) {
    if let Ok(true) = vault::tighten_permissions(dir) {
        eprintln!(
            "candor: warning: {} was readable by other users; it is now private to you (0700)",
            dir.display()
        );
    }
}

fn no_journal(dir: &Path) -> CliError {
    CliError::Usage(format!(
        "no journal in {}; create one with `candor init` (or point --vault / CANDOR_VAULT at yours)",
        dir.display()
    ))
}

fn default_vault() -> Result<PathBuf, CliError> {
    directories::ProjectDirs::from("app", "candor", "Candor")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| CliError::Usage("no home directory; pass --vault DIR".into()))
}

pub fn run(args: Cli) -> Result<(), CliError> {
    let ctx = Ctx {
        vault: match args.vault {
            Some(v) => v,
            None => default_vault()?,
        },
        passphrase_file: args.passphrase_file,
    };
    match args.command {
        Command::Init => init(&ctx),
        Command::Person(cmd) => person(&ctx, cmd),
        Command::Log(a) => log(&ctx, &a.kind, a.fields),
        Command::List(a) => {
            let j = ctx.open()?;
            let filter = EntryFilter {
                person: a.person,
                kind: a.kind.as_deref().map(parse_kind).transpose()?,
                since: a.since,
                until: a.until,
                limit: a.limit,
            };
            let list = j.entries(&filter)?;
            if a.json {
                render::json(&list)
            } else {
                render::entries(&list, "No entries match.");
                Ok(())
            }
        }
        Command::Show { id, json } => {
            let j = ctx.open()?;
            let e = j.entry(&id)?;
            let revisions = j.revisions(&e.id)?;
            if json {
                let mut v = serde_json::to_value(&e)
                    .map_err(|e| CliError::Usage(format!("could not encode JSON: {e}")))?;
                v["revisions"] = serde_json::to_value(&revisions).unwrap_or_default();
                if let Some(z) = j.entry_zone(&e.id)? {
                    v["utc_offset_minutes"] = z.utc_offset_minutes.into();
                    v["time_zone"] = z.zone.into();
                }
                let links = j.entry_links(&e.id)?;
                v["links_to"] = serde_json::to_value(&links.to).unwrap_or_default();
                v["linked_from"] = serde_json::to_value(&links.from).unwrap_or_default();
                render::json(&v)
            } else {
                render::entry_full(&e, revisions.len());
                if let Some(z) = j.entry_zone(&e.id)? {
                    match &z.zone {
                        Some(name) => println!("Written in {name} ({})", z.offset_label()),
                        None => println!("Written at {}", z.offset_label()),
                    }
                }
                render::entry_links(&j.entry_links(&e.id)?);
                Ok(())
            }
        }
        Command::Edit {
            id,
            fields,
            kind,
            delivered,
            given,
        } => edit(&ctx, &id, fields, kind, delivered, given),
        Command::Drafts { json } => {
            let list = ctx.open()?.drafts()?;
            if json {
                render::json(&list)
            } else {
                render::drafts(&list);
                Ok(())
            }
        }
        Command::History { id, json } => {
            let list = ctx.open()?.history(&id)?;
            if json {
                render::json(&list)
            } else {
                render::history(&list);
                Ok(())
            }
        }
        Command::Revert { id, version } => {
            let e = ctx.open()?.revert(&id, version)?;
            println!(
                "{} is back to version {version}; the text it replaced is the previous version.",
                render::short(&e.id)
            );
            Ok(())
        }
        Command::Delete { id } => {
            let mut j = ctx.open()?;
            let id = j.delete(&id)?;
            println!(
                "Moved {} to the trash (candor trash restore {} brings it back).",
                render::short(&id),
                render::short(&id)
            );
            Ok(())
        }
        Command::Trash(cmd) => trash(&ctx, cmd),
        Command::Todo(cmd) => todo(&ctx, cmd),
        Command::Passwd => {
            if !vault::exists(&ctx.vault) {
                return Err(no_journal(&ctx.vault));
            }
            let old = secret::passphrase(ctx.passphrase_file.as_deref())?;
            let new = secret::new_passphrase("CANDOR_NEW_PASSPHRASE", None)?;
            vault::change_passphrase(&ctx.vault, &old, &new)?;
            println!("Passphrase changed. The recovery code still works.");
            Ok(())
        }
        Command::RecoveryCode => {
            if !vault::exists(&ctx.vault) {
                return Err(no_journal(&ctx.vault));
            }
            let pass = secret::passphrase(ctx.passphrase_file.as_deref())?;
            let code = vault::new_recovery_code(&ctx.vault, &pass)?;
            println!("The old recovery code no longer opens this journal.");
            print_recovery_code(code.expose());
            Ok(())
        }
        Command::Rekey => {
            if !vault::exists(&ctx.vault) {
                return Err(no_journal(&ctx.vault));
            }
            let pass = secret::passphrase(ctx.passphrase_file.as_deref())?;
            let code = candor_engine::rekey::rekey(&ctx.vault, &pass)?;
            println!("The journal has a new data key. Backups made before now do not open it,");
            println!("and the old recovery code no longer works; make a new backup.");
            print_recovery_code(code.expose());
            Ok(())
        }
        Command::Recover => {
            if !vault::exists(&ctx.vault) {
                return Err(no_journal(&ctx.vault));
            }
            let code = secret::recovery_code()?;
            let new = secret::new_passphrase("CANDOR_NEW_PASSPHRASE", None)?;
            vault::recover(&ctx.vault, code.expose_secret(), &new)?;
            println!("New passphrase set. The recovery code still works; keep it safe.");
            Ok(())
        }
        #[cfg(feature = "demo")]
        Command::Demo {
            entries,
            seed,
            until,
        } => demo_cmd(&ctx, entries, seed, until),
        Command::Search { query, limit, json } => {
            crate::search_cmd::search(&ctx.open()?, &query, limit, json)
        }
        Command::Reindex => crate::search_cmd::reindex(ctx.open()?),
        Command::Backup(cmd) => {
            crate::backup_cmd::run(&ctx.vault, ctx.passphrase_file.as_deref(), cmd)
        }
        Command::Sync(cmd) => crate::sync_cmd::run(
            &ctx.vault,
            ctx.passphrase_file.as_deref(),
            &|| ctx.open(),
            cmd,
        ),
        Command::Export(cmd) => crate::transfer_cmd::export(ctx.open()?, cmd),
        Command::Import(cmd) => crate::transfer_cmd::import(ctx.open()?, cmd),
        Command::Goal(cmd) => crate::review_cmd::goal(&mut ctx.open()?, cmd),
        Command::Star { id, off } => {
            let id = ctx.open()?.star(&id, !off)?;
            println!(
                "{} {}.",
                render::short(&id),
                if off {
                    "is no longer starred"
                } else {
                    "is starred"
                }
            );
            Ok(())
        }
        Command::Review(a) => crate::review_cmd::review(&mut ctx.open()?, a),
        Command::Themes(a) => crate::insight_cmd::themes(&mut ctx.open()?, a),
        Command::Nudges(a) => crate::insight_cmd::nudges(&mut ctx.open()?, a),
        Command::Prep(a) => crate::insight_cmd::prep(&mut ctx.open()?, a),
        Command::Reflect(a) => crate::insight_cmd::reflect(&mut ctx.open()?, a),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "candor", &mut std::io::stdout());
            Ok(())
        }
    }
}

fn init(ctx: &Ctx) -> Result<(), CliError> {
    // A journal an interrupted `init` left is cleared by `create`, not refused.
    if vault::exists(&ctx.vault) && !vault::is_unfinished(&ctx.vault) {
        return Err(vault::VaultError::AlreadyExists.into());
    }
    let pass = secret::new_passphrase("CANDOR_PASSPHRASE", ctx.passphrase_file.as_deref())?;
    let (_journal, code) = vault::create(&ctx.vault, &pass)?;
    println!("Created a journal in {}", ctx.vault.display());
    print_recovery_code(code.expose());
    Ok(())
}

pub(crate) fn print_recovery_code(code: &str) {
    println!();
    println!("Your recovery code (shown this once):");
    println!();
    println!("    {code}");
    println!();
    println!("Write it down and keep it somewhere safe, away from this computer.");
    println!("It is the ONLY way back into this journal if you forget the passphrase:");
    println!("nobody, including Candor's authors, can recover your notes without it.");
}

fn person(ctx: &Ctx, cmd: PersonCmd) -> Result<(), CliError> {
    let mut j = ctx.open()?;
    match cmd {
        PersonCmd::Add {
            name,
            role,
            relationship,
            cadence,
        } => {
            let p = j.add_person(&NewPerson {
                name,
                role,
                relationship: relationship.parse()?,
                cadence_days: cadence,
            })?;
            println!("Added {} ({}).", p.name, p.relationship);
            Ok(())
        }
        PersonCmd::List { json, all, today } => {
            let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
            let list = candor_engine::today::people(&j, all, today)?;
            if json {
                render::json(&list)
            } else {
                render::people(&list);
                Ok(())
            }
        }
        PersonCmd::Edit {
            name,
            new_name,
            role,
            relationship,
            cadence,
        } => {
            let patch = PersonPatch {
                name: new_name,
                role: role.map(|r| Some(r).filter(|r| !r.trim().is_empty())),
                relationship: relationship.as_deref().map(str::parse).transpose()?,
                cadence_days: cadence.map(|c| c.0),
            };
            if patch == PersonPatch::default() {
                return Err(CliError::Usage(
                    "nothing to change; give --name, --role, --relationship or --cadence".into(),
                ));
            }
            let p = j.update_person(&name, &patch)?;
            let cadence = p
                .cadence_days
                .map(|d| format!("one-on-one every {d} days"))
                .unwrap_or_else(|| "no cadence".into());
            println!("Saved {} ({}, {cadence}).", p.name, p.relationship);
            Ok(())
        }
        PersonCmd::Archive { name } => {
            let p = j.set_archived(&name, true)?;
            println!("Archived {}.", p.name);
            Ok(())
        }
        PersonCmd::Unarchive { name } => {
            let p = j.set_archived(&name, false)?;
            println!("{} is active again.", p.name);
            Ok(())
        }
    }
}

fn parse_kind(s: &str) -> Result<Kind, CliError> {
    Ok(s.parse::<Kind>()?)
}

fn feedback_input(f: &EntryFields) -> Result<FeedbackInput, CliError> {
    Ok(FeedbackInput {
        received: f.received.then_some(true),
        direction: f.direction.as_deref().map(str::parse).transpose()?,
        situation: f.situation.clone(),
        behavior: f.behavior.clone(),
        impact: f.impact.clone(),
        planned: f.planned.then_some(true),
    })
}

fn read_body_file(path: &Path) -> Result<String, CliError> {
    if path == Path::new("-") {
        return read_stdin();
    }
    std::fs::read_to_string(path)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", path.display())))
}

fn read_stdin() -> Result<String, CliError> {
    if std::io::stdin().is_terminal() {
        eprintln!("Write the entry in Markdown; finish with Ctrl-D on a new line.");
    }
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .map_err(|e| CliError::Usage(format!("cannot read standard input: {e}")))?;
    Ok(s)
}

fn log(ctx: &Ctx, kind: &str, f: EntryFields) -> Result<(), CliError> {
    let kind = parse_kind(kind)?;
    let feedback = feedback_input(&f)?;
    // Open (and check the passphrase) before waiting for a body on standard input.
    let mut j = ctx.open()?;
    let body = match (&f.body, &f.body_file) {
        (Some(b), _) => b.clone(),
        (None, Some(p)) => read_body_file(p)?,
        (None, None) => read_stdin()?,
    };
    crate::review_cmd::check_goals(&j, &f.goals, f.person.as_deref())?;
    let e = j.log(NewEntry {
        kind: Some(kind),
        date: f.date,
        person: f.person,
        title: f.title,
        body,
        tags: f.tags,
        mood: f.mood,
        feedback,
    })?;
    for g in &f.goals {
        j.link_goal(g, &e.id)?;
    }
    println!("{}", e.id);
    Ok(())
}

fn edit(
    ctx: &Ctx,
    id: &str,
    f: EntryFields,
    kind: Option<String>,
    delivered: bool,
    given: bool,
) -> Result<(), CliError> {
    let mut feedback = feedback_input(&f)?;
    if delivered {
        feedback.planned = Some(false);
    }
    if given {
        feedback.received = Some(false);
    }
    let kind = kind.as_deref().map(parse_kind).transpose()?;
    let mut j = ctx.open()?;
    let body = match (&f.body, &f.body_file) {
        (Some(b), _) => Some(b.clone()),
        (None, Some(p)) => Some(read_body_file(p)?),
        (None, None) => None,
    };
    let goals = f.goals.clone();
    if !goals.is_empty() {
        let person = match &f.person {
            Some(p) => Some(p.clone()),
            None => j.entry(id)?.person,
        };
        crate::review_cmd::check_goals(&j, &goals, person.as_deref())?;
    }
    let e = j.edit(
        id,
        EntryPatch {
            kind,
            date: f.date,
            person: f.person,
            title: f.title,
            body,
            tags: (!f.tags.is_empty()).then_some(f.tags),
            mood: f.mood,
            feedback,
        },
    )?;
    for g in &goals {
        j.link_goal(g, &e.id)?;
    }
    println!(
        "Saved {}; the previous version is in its history.",
        render::short(&e.id)
    );
    Ok(())
}

fn trash(ctx: &Ctx, cmd: TrashCmd) -> Result<(), CliError> {
    let mut j = ctx.open()?;
    match cmd {
        TrashCmd::List { json } => {
            let list = j.trash()?;
            if json {
                render::json(&list)
            } else {
                render::entries(&list, "The trash is empty.");
                Ok(())
            }
        }
        TrashCmd::Restore { id } => {
            let e = j.restore(&id)?;
            println!("Restored {}.", render::short(&e.id));
            Ok(())
        }
        TrashCmd::Empty => {
            let n = j.empty_trash()?;
            println!(
                "Deleted {n} entr{} for good.",
                if n == 1 { "y" } else { "ies" }
            );
            Ok(())
        }
    }
}

fn todo(ctx: &Ctx, cmd: TodoCmd) -> Result<(), CliError> {
    let mut j = ctx.open()?;
    match cmd {
        TodoCmd::Add {
            person,
            due,
            owner,
            entry,
            text,
        } => {
            let a = j.add_action(&NewAction {
                person,
                text: text.join(" "),
                owner: owner.parse()?,
                due,
                entry_id: entry,
            })?;
            println!("{}", a.id);
            Ok(())
        }
        TodoCmd::List { open, person, json } => {
            let list = j.actions(&ActionFilter {
                open_only: open,
                person,
            })?;
            if json {
                render::json(&list)
            } else {
                render::actions(&list);
                Ok(())
            }
        }
        TodoCmd::Done { id } => {
            let a = j.complete_action(&id)?;
            println!("Done: {}", render::short(&a.id));
            Ok(())
        }
        TodoCmd::Undo { id } => {
            let a = j.reopen_action(&id)?;
            println!("Open again: {}", render::short(&a.id));
            Ok(())
        }
        TodoCmd::Edit {
            id,
            text,
            due,
            owner,
        } => {
            let patch = ActionPatch {
                text,
                owner: owner.as_deref().map(str::parse).transpose()?,
                due: due.map(|d| d.0),
            };
            if patch == ActionPatch::default() {
                return Err(CliError::Usage(
                    "nothing to change; give --text, --due or --owner".into(),
                ));
            }
            let a = j.update_action(&id, &patch)?;
            println!("Saved {}.", render::short(&a.id));
            Ok(())
        }
        TodoCmd::Delete { id } => {
            let a = j.delete_action(&id)?;
            println!("Deleted {}.", render::short(&a.id));
            Ok(())
        }
    }
}

#[cfg(feature = "demo")]
fn demo_cmd(
    ctx: &Ctx,
    entries: usize,
    seed: u64,
    until: Option<chrono::NaiveDate>,
) -> Result<(), CliError> {
    use candor_engine::SecretString;
    use indicatif::{ProgressBar, ProgressStyle};

    let given = ctx.passphrase_file.is_some() || std::env::var_os("CANDOR_PASSPHRASE").is_some();
    let pass = if given {
        secret::passphrase(ctx.passphrase_file.as_deref())?
    } else {
        SecretString::from(DEMO_PASSPHRASE.to_string())
    };
    let mut j = if vault::exists(&ctx.vault) && !vault::is_unfinished(&ctx.vault) {
        warn_if_exposed(&ctx.vault);
        vault::open(&ctx.vault, &pass)?
    } else {
        let (j, code) = vault::create(&ctx.vault, &pass)?;
        println!("Created a demo journal in {}", ctx.vault.display());
        print_recovery_code(code.expose());
        j
    };
    let mut opts = DemoOptions {
        entries,
        seed,
        ..DemoOptions::default()
    };
    if let Some(d) = until {
        opts.end = d;
    }
    let bar = ProgressBar::new(entries as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} entries {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let summary = demo::generate(&mut j, &opts, &mut |done, _| bar.set_position(done as u64))?;
    bar.finish_and_clear();
    println!(
        "Wrote {} entries about {} people ({} to {}), with {} action items.",
        summary.entries,
        summary.people,
        summary.first_date,
        summary.last_date,
        summary.action_items
    );
    if !given {
        println!("Passphrase: {DEMO_PASSPHRASE}");
    }
    Ok(())
}
