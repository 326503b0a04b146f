//! Automatic backups: a directory and how many to keep, stored in the journal; a backup is
//! made when the journal changed since the last one and that one is older than a day.
//!
//! Automatic backups run unattended, so they cannot ask for a backup passphrase. They are
//! encrypted to the age recipient stored in the settings (`backup.recipient`: the user keeps
//! the matching identity somewhere safe, e.g. a password manager) or, when none is set, with
//! the passphrase the caller passes (the command line reads `CANDOR_BACKUP_PASSPHRASE`).

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{params, OptionalExtension};
use secrecy::SecretString;

use super::create::{create, BackupReport};
use super::crypt::{parse_recipient, Protection};
use super::error::{BackupError, IoContext};
use crate::keys::DataKey;
use crate::model::ModelError;
use crate::Journal;

/// How many automatic backups are kept when nothing else is set.
pub const DEFAULT_KEEP: u32 = 7;
/// The minimum age of the newest backup before another is made.
pub const INTERVAL_HOURS: i64 = 24;
const PREFIX: &str = "candor-";
const SUFFIX: &str = ".age";
const STAMP: &str = "%Y%m%d-%H%M%S";

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AutoSettings {
    pub dir: Option<PathBuf>,
    pub keep: u32,
    /// An age public key (`age1…`); without one, auto backups need a passphrase.
    pub recipient: Option<String>,
}

/// A change to the settings; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct AutoChange {
    pub dir: Option<PathBuf>,
    pub keep: Option<u32>,
    /// `Some(None)` removes the recipient.
    pub recipient: Option<Option<String>>,
}

#[derive(Debug, Clone, serde::Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum AutoOutcome {
    Made {
        report: BackupReport,
        /// Older automatic backups deleted to keep `keep`.
        removed: Vec<PathBuf>,
    },
    /// Nothing to do; says why.
    NotNeeded { reason: String },
}

fn get(j: &Journal, key: &str) -> Result<Option<String>, BackupError> {
    Ok(j.conn()
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn settings(j: &Journal) -> Result<AutoSettings, BackupError> {
    Ok(AutoSettings {
        dir: get(j, "backup.dir")?.map(PathBuf::from),
        keep: get(j, "backup.keep")?
            .and_then(|k| k.parse().ok())
            .unwrap_or(DEFAULT_KEEP),
        recipient: get(j, "backup.recipient")?,
    })
}

/// Changes the settings in one transaction and returns them.
pub fn configure(j: &mut Journal, change: &AutoChange) -> Result<AutoSettings, BackupError> {
    if change.keep == Some(0) {
        return Err(BackupError::Invalid("keep at least one backup"));
    }
    if let Some(Some(r)) = &change.recipient {
        parse_recipient(r)?;
    }
    let dir = match &change.dir {
        Some(d) => Some(
            std::path::absolute(d)
                .ctx(|| format!("cannot resolve {}", d.display()))?
                .to_string_lossy()
                .into_owned(),
        ),
        None => None,
    };
    j.write(|tx| {
        let set = |k: &str, v: &str| -> Result<(), ModelError> {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![k, v],
            )?;
            Ok(())
        };
        if let Some(d) = &dir {
            set("backup.dir", d)?;
        }
        if let Some(k) = change.keep {
            set("backup.keep", &k.to_string())?;
        }
        match &change.recipient {
            Some(Some(r)) => set("backup.recipient", r.trim())?,
            Some(None) => {
                tx.execute("DELETE FROM settings WHERE key = 'backup.recipient'", [])?;
            }
            None => {}
        }
        Ok(())
    })?;
    settings(j)
}

fn generation(j: &Journal) -> Result<i64, BackupError> {
    Ok(j.conn().query_row(
        "SELECT generation FROM journal_state WHERE id = 1",
        [],
        |r| r.get(0),
    )?)
}

/// The automatic backups in `dir`, oldest first, with their times.
pub fn list(dir: &Path) -> Result<Vec<(DateTime<Utc>, PathBuf)>, BackupError> {
    let mut out = Vec::new();
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => {
            return Err(BackupError::Io {
                what: format!("cannot read {}", dir.display()),
                source: e,
            })
        }
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(t) = parse_name(&name) {
            out.push((t, e.path()));
        }
    }
    out.sort();
    Ok(out)
}

fn parse_name(name: &str) -> Option<DateTime<Utc>> {
    let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    NaiveDateTime::parse_from_str(stamp, STAMP)
        .ok()
        .map(|t| t.and_utc())
}

fn file_name(t: DateTime<Utc>) -> String {
    format!("{PREFIX}{}{SUFFIX}", t.format(STAMP))
}

/// Makes an automatic backup if one is due (see the module docs), then deletes the
/// oldest automatic backups beyond `keep`. `passphrase` is used only when no recipient
/// is set.
pub fn auto(
    j: &mut Journal,
    key: &DataKey,
    passphrase: Option<SecretString>,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<AutoOutcome, BackupError> {
    let s = settings(j)?;
    let dir = s.dir.clone().ok_or(BackupError::NotConfigured)?;
    let gen = generation(j)?;
    let last_gen: Option<i64> = get(j, "backup.last_generation")?.and_then(|g| g.parse().ok());
    let existing = list(&dir)?;
    if let Some((last, _)) = existing.last() {
        if last_gen == Some(gen) {
            return Ok(AutoOutcome::NotNeeded {
                reason: "nothing changed since the last backup".into(),
            });
        }
        if now.signed_duration_since(*last) < chrono::Duration::hours(INTERVAL_HOURS) {
            return Ok(AutoOutcome::NotNeeded {
                reason: format!(
                    "the last backup ({}) is less than a day old",
                    last.format("%Y-%m-%d %H:%M UTC")
                ),
            });
        }
    }
    let protection = match (&s.recipient, passphrase) {
        (Some(r), _) => Protection::Recipients(vec![parse_recipient(r)?]),
        (None, Some(p)) => Protection::Passphrase(p),
        (None, None) => return Err(BackupError::NoAutoSecret),
    };
    std::fs::create_dir_all(&dir).ctx(|| format!("cannot create {}", dir.display()))?;
    let mut at = now;
    let mut out = dir.join(file_name(at));
    while out.exists() {
        at += chrono::Duration::seconds(1);
        out = dir.join(file_name(at));
    }
    let report = create(j, key, &out, &protection, false, progress)?;
    j.write(|tx| {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('backup.last_generation', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [gen.to_string()],
        )?;
        Ok(())
    })?;
    let mut all = list(&dir)?;
    let mut removed = Vec::new();
    while all.len() > s.keep as usize {
        let (_, p) = all.remove(0);
        std::fs::remove_file(&p).ctx(|| format!("cannot delete the old backup {}", p.display()))?;
        removed.push(p);
    }
    Ok(AutoOutcome::Made { report, removed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        let t = DateTime::parse_from_rfc3339("2025-03-04T05:06:07Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(file_name(t), "candor-20250304-050607.age");
        assert_eq!(parse_name(&file_name(t)), Some(t));
        assert_eq!(parse_name("candor-notadate.age"), None);
        assert_eq!(parse_name("notes.age"), None);
    }
}
