//! `candor backup …`: create, verify, restore and automatic backups.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use candor_engine::backup::{
    self, AutoChange, AutoOutcome, BackupCounts, BackupError, Protection, Unlock,
};
use candor_engine::{vault, ExposeSecret, SecretString};
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};

use crate::{secret, CliError};

/// The environment variable that holds the backup passphrase.
pub const BACKUP_PASSPHRASE_VAR: &str = "CANDOR_BACKUP_PASSPHRASE";

#[derive(Debug, Subcommand)]
pub enum BackupCmd {
    /// Write an encrypted, verified backup (an age file) of the journal
    #[command(
        after_help = "Without --recipient the backup is protected by a backup passphrase, from \
        CANDOR_BACKUP_PASSPHRASE or asked twice. With --recipient it is encrypted to those age \
        public keys; decrypt it with the matching identity (candor backup verify --identity FILE, \
        or the stock `age -d -i FILE`)."
    )]
    Create {
        file: PathBuf,
        /// Encrypt to this age public key (age1…) instead of a passphrase; repeat for more
        #[arg(long = "recipient", value_name = "AGE_PUBLIC_KEY")]
        recipients: Vec<String>,
        /// ASCII-armoured output (PEM-like text)
        #[arg(long)]
        armor: bool,
    },
    /// Decrypt a backup to the end and check it, without restoring it
    Verify {
        file: PathBuf,
        /// An age identity file, for backups made with --recipient
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Restore a backup into --vault; a journal already there is kept as a safety copy
    Restore {
        file: PathBuf,
        /// An age identity file, for backups made with --recipient
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
    },
    /// Make a backup if the journal changed and the last one is over a day old
    #[command(
        after_help = "Set up with `candor backup config --dir DIR`. Automatic backups are \
        encrypted to the configured --recipient, or else with CANDOR_BACKUP_PASSPHRASE."
    )]
    Auto {
        #[arg(long)]
        json: bool,
    },
    /// Show or change the automatic backup settings
    Config {
        /// Where automatic backups go
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// How many automatic backups to keep
        #[arg(long, value_name = "N")]
        keep: Option<u32>,
        /// Encrypt automatic backups to this age public key
        #[arg(long, value_name = "AGE_PUBLIC_KEY", conflicts_with = "no_recipient")]
        recipient: Option<String>,
        /// Forget the recipient (auto backups then need CANDOR_BACKUP_PASSPHRASE)
        #[arg(long)]
        no_recipient: bool,
        #[arg(long)]
        json: bool,
    },
}

impl From<BackupError> for CliError {
    fn from(e: BackupError) -> Self {
        CliError::Engine(e.into())
    }
}

/// A progress bar on a terminal, nothing otherwise.
pub fn bar(total: u64, unit: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let b = ProgressBar::new(total);
    let template = if unit == "bytes" {
        "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}".to_string()
    } else {
        format!("{{bar:40}} {{pos}}/{{len}} {unit} {{eta}}")
    };
    b.set_style(
        ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    b
}

fn prompt(label: &str) -> Result<SecretString, CliError> {
    if !std::io::stdin().is_terminal() && std::fs::File::open("/dev/tty").is_err() {
        return Err(CliError::Usage(format!(
            "no terminal to ask for the {label}; set {BACKUP_PASSPHRASE_VAR}"
        )));
    }
    rpassword::prompt_password(format!("{label}: "))
        .map(SecretString::from)
        .map_err(|e| CliError::Usage(format!("could not read the {label}: {e}")))
}

fn backup_passphrase(twice: bool) -> Result<SecretString, CliError> {
    if let Ok(p) = std::env::var(BACKUP_PASSPHRASE_VAR) {
        return Ok(SecretString::from(p));
    }
    let first = prompt("Backup passphrase")?;
    if twice {
        let again = prompt("Repeat the backup passphrase")?;
        if first.expose_secret() != again.expose_secret() {
            return Err(CliError::Usage(
                "the two backup passphrases differ; no backup was made".into(),
            ));
        }
    }
    Ok(first)
}

fn unlock_for(file: &Path, identity: Option<&Path>) -> Result<Unlock, CliError> {
    if let Some(id) = identity {
        return Ok(Unlock::Identities(backup::read_identity_file(id)?));
    }
    if backup::is_passphrase_protected(file)? {
        Ok(Unlock::Passphrase(backup_passphrase(false)?))
    } else {
        Err(BackupError::NeedsIdentity.into())
    }
}

fn counts_line(c: &BackupCounts) -> String {
    format!(
        "{} entr{}, {} {}, {} action item{} ({} in the trash, {} earlier version{})",
        c.entries,
        if c.entries == 1 { "y" } else { "ies" },
        c.people,
        if c.people == 1 { "person" } else { "people" },
        c.action_items,
        if c.action_items == 1 { "" } else { "s" },
        c.trashed,
        c.revisions,
        if c.revisions == 1 { "" } else { "s" },
    )
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).ceil())
    }
}

fn no_journal(dir: &Path) -> CliError {
    CliError::Usage(format!(
        "no journal in {}; create one with `candor init` (or point --vault / CANDOR_VAULT at yours)",
        dir.display()
    ))
}

/// Unlocks the journal, keeping its data key (a backup carries it).
fn open_with_key(
    dir: &Path,
    passphrase_file: Option<&Path>,
) -> Result<(candor_engine::Journal, candor_engine::keys::DataKey), CliError> {
    if !vault::exists(dir) {
        return Err(no_journal(dir));
    }
    crate::commands::warn_if_exposed(dir);
    let pass = secret::passphrase(passphrase_file)?;
    let key = vault::unlock(dir, &pass)?;
    let journal = vault::open_with_key(dir, &key)?;
    Ok((journal, key))
}

pub fn run(dir: &Path, passphrase_file: Option<&Path>, cmd: BackupCmd) -> Result<(), CliError> {
    match cmd {
        BackupCmd::Create {
            file,
            recipients,
            armor,
        } => {
            if file.exists() {
                return Err(BackupError::Exists(file.display().to_string()).into());
            }
            let protection = if recipients.is_empty() {
                None
            } else {
                Some(Protection::Recipients(
                    recipients
                        .iter()
                        .map(|r| backup::parse_recipient(r))
                        .collect::<Result<_, _>>()?,
                ))
            };
            let (journal, key) = open_with_key(dir, passphrase_file)?;
            let protection = match protection {
                Some(p) => p,
                None => Protection::Passphrase(backup_passphrase(true)?),
            };
            let b = bar(0, "bytes");
            let r = backup::create(
                &journal,
                &key,
                &file,
                &protection,
                armor,
                &mut |done, total| {
                    b.set_length(total);
                    b.set_position(done);
                },
            )?;
            b.finish_and_clear();
            println!(
                "Backed up {} to {} ({}); verified by reading it back.",
                counts_line(&r.counts),
                r.path.display(),
                size(r.bytes)
            );
            Ok(())
        }
        BackupCmd::Verify {
            file,
            identity,
            json,
        } => {
            let unlock = unlock_for(&file, identity.as_deref())?;
            let b = bar(0, "bytes");
            let info = backup::verify(&file, &unlock, &mut |done, total| {
                b.set_length(total);
                b.set_position(done);
            })?;
            b.finish_and_clear();
            if json {
                return crate::render::json(&info);
            }
            println!(
                "OK: {} is a complete Candor backup from {} (Candor {}, format {}, schema {}).",
                file.display(),
                info.created_at,
                info.app_version,
                info.format_version,
                info.schema_version
            );
            println!("It holds {}.", counts_line(&info.counts));
            Ok(())
        }
        BackupCmd::Restore { file, identity } => {
            let unlock = unlock_for(&file, identity.as_deref())?;
            let b = bar(0, "bytes");
            let r = backup::restore(&file, &unlock, dir, &mut |done, total| {
                b.set_length(total);
                b.set_position(done);
            })?;
            b.finish_and_clear();
            println!(
                "Restored {} from {} into {}.",
                counts_line(&r.info.counts),
                r.info.created_at,
                r.vault.display()
            );
            if let Some(s) = &r.safety_copy {
                println!(
                    "The journal that was there is kept, unchanged, at {}",
                    s.display()
                );
            }
            println!("Unlock it with the passphrase it had when it was backed up.");
            Ok(())
        }
        BackupCmd::Auto { json } => {
            let (mut journal, key) = open_with_key(dir, passphrase_file)?;
            let pass = std::env::var(BACKUP_PASSPHRASE_VAR)
                .ok()
                .map(SecretString::from);
            let b = bar(0, "bytes");
            let outcome =
                backup::auto(&mut journal, &key, pass, chrono::Utc::now(), &mut |d, t| {
                    b.set_length(t);
                    b.set_position(d);
                })?;
            b.finish_and_clear();
            if json {
                return crate::render::json(&outcome);
            }
            match outcome {
                AutoOutcome::Made { report, removed } => {
                    println!(
                        "Backed up {} to {} ({}); verified.",
                        counts_line(&report.counts),
                        report.path.display(),
                        size(report.bytes)
                    );
                    if !removed.is_empty() {
                        println!("Removed {} older automatic backup(s).", removed.len());
                    }
                }
                AutoOutcome::NotNeeded { reason } => println!("No backup needed: {reason}."),
            }
            Ok(())
        }
        BackupCmd::Config {
            dir: backup_dir,
            keep,
            recipient,
            no_recipient,
            json,
        } => {
            let (mut journal, _) = open_with_key(dir, passphrase_file)?;
            let change = AutoChange {
                dir: backup_dir,
                keep,
                recipient: if no_recipient {
                    Some(None)
                } else {
                    recipient.map(Some)
                },
            };
            let s = if change.dir.is_none() && change.keep.is_none() && change.recipient.is_none() {
                backup::settings(&journal)?
            } else {
                backup::configure(&mut journal, &change)?
            };
            if json {
                return crate::render::json(&s);
            }
            match &s.dir {
                Some(d) => println!("Automatic backups go to {}", d.display()),
                None => println!("Automatic backups are off (set a directory with --dir)."),
            }
            println!("Keeping the newest {}.", s.keep);
            match &s.recipient {
                Some(r) => println!("Encrypted to {r}"),
                None => println!("Encrypted with {BACKUP_PASSPHRASE_VAR} (no recipient set)."),
            }
            Ok(())
        }
    }
}
