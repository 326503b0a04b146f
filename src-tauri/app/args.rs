//! Launch options: which journal to open.
//!
//! `--vault DIR` (or `CANDOR_VAULT`) picks the journal, as for the `candor` command line;
//! `--demo` opens (or builds) the demo journal, in the data directory's `demo/` unless a
//! vault is given too. Anything else is ignored with a warning, so a launcher or a test
//! driver adding its own flags cannot stop the window from opening.

use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Launch {
    pub vault: PathBuf,
    pub demo: bool,
}

/// The journal directory the command line uses by default, so both open the same one.
pub fn default_vault() -> Option<PathBuf> {
    directories::ProjectDirs::from("app", "candor", "Candor").map(|d| d.data_dir().to_path_buf())
}

/// Reads the arguments after the program name.
pub fn parse(
    args: impl IntoIterator<Item = OsString>,
    env_vault: Option<OsString>,
    default: Option<PathBuf>,
) -> Result<Launch, String> {
    let mut vault: Option<PathBuf> = env_vault.filter(|v| !v.is_empty()).map(PathBuf::from);
    let mut demo = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        if text == "--demo" {
            demo = true;
        } else if text == "--vault" {
            let dir = args.next().ok_or("--vault needs a directory")?;
            vault = Some(PathBuf::from(dir));
        } else if let Some(dir) = text.strip_prefix("--vault=") {
            vault = Some(PathBuf::from(dir));
        } else {
            eprintln!("candor-app: ignoring the argument {text:?}");
        }
    }
    let base = match (vault, demo) {
        (Some(v), _) => v,
        (None, true) => default
            .ok_or("no home directory; pass --vault DIR")?
            .join("demo"),
        (None, false) => default.ok_or("no home directory; pass --vault DIR")?,
    };
    Ok(Launch { vault: base, demo })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str], env: Option<&str>) -> Result<Launch, String> {
        parse(
            args.iter().map(OsString::from),
            env.map(OsString::from),
            Some(PathBuf::from("/data/candor")),
        )
    }

    #[test]
    fn vault_from_flag_env_or_default() {
        assert_eq!(
            run(&[], None).map(|l| l.vault),
            Ok(PathBuf::from("/data/candor"))
        );
        assert_eq!(
            run(&[], Some("/env")).map(|l| l.vault),
            Ok(PathBuf::from("/env"))
        );
        assert_eq!(
            run(&["--vault", "/flag"], Some("/env")).map(|l| l.vault),
            Ok(PathBuf::from("/flag"))
        );
        assert_eq!(
            run(&["--vault=/eq"], None).map(|l| l.vault),
            Ok(PathBuf::from("/eq"))
        );
        assert!(run(&["--vault"], None).is_err());
    }

    #[test]
    fn demo_has_its_own_directory_unless_a_vault_is_given() {
        assert_eq!(
            run(&["--demo"], None),
            Ok(Launch {
                vault: PathBuf::from("/data/candor/demo"),
                demo: true
            })
        );
        assert_eq!(
            run(&["--demo", "--vault", "/x", "--unknown"], None),
            Ok(Launch {
                vault: PathBuf::from("/x"),
                demo: true
            })
        );
    }
}
