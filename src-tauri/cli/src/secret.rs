//! Where secrets come from: a file, an environment variable, or a no-echo prompt.

use std::io::IsTerminal;
use std::path::Path;

use candor_engine::{ExposeSecret, SecretString};

use crate::CliError;

fn from_file(path: &Path) -> Result<SecretString, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError::Usage(format!(
            "cannot read the passphrase file {}: {e}",
            path.display()
        ))
    })?;
    let first = text.lines().next().unwrap_or("").to_string();
    Ok(SecretString::from(first))
}

fn from_env(var: &str) -> Option<SecretString> {
    std::env::var(var).ok().map(SecretString::from)
}

fn prompt(label: &str) -> Result<SecretString, CliError> {
    if !std::io::stdin().is_terminal() && !tty_available() {
        return Err(CliError::Usage(format!(
            "no terminal to ask for the {label}; set the environment variable or use --passphrase-file"
        )));
    }
    rpassword::prompt_password(format!("{label}: "))
        .map(SecretString::from)
        .map_err(|e| CliError::Usage(format!("could not read the {label}: {e}")))
}

fn tty_available() -> bool {
    std::fs::File::open("/dev/tty").is_ok()
}

/// The passphrase of an existing journal.
pub fn passphrase(file: Option<&Path>) -> Result<SecretString, CliError> {
    if let Some(f) = file {
        return from_file(f);
    }
    if let Some(p) = from_env("CANDOR_PASSPHRASE") {
        return Ok(p);
    }
    prompt("Passphrase")
}

/// A passphrase being chosen: from `env_var` or the file, else asked twice.
pub fn new_passphrase(env_var: &str, file: Option<&Path>) -> Result<SecretString, CliError> {
    if let Some(f) = file {
        return from_file(f);
    }
    if let Some(p) = from_env(env_var) {
        return Ok(p);
    }
    let first = prompt("New passphrase")?;
    let again = prompt("Repeat the passphrase")?;
    if first.expose_secret() != again.expose_secret() {
        return Err(CliError::Usage(
            "the two passphrases differ; nothing was changed".into(),
        ));
    }
    Ok(first)
}

pub fn recovery_code() -> Result<SecretString, CliError> {
    if let Some(c) = from_env("CANDOR_RECOVERY_CODE") {
        return Ok(c);
    }
    prompt("Recovery code")
}
