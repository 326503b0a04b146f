//! What a file given to an importer really is, told from its first bytes: the wrong
//! importer, a zip archive or an encrypted journal is named with what to do instead of
//! failing on every entry.

use std::io::Read;
use std::path::Path;

use super::{Source, TransferError};

/// How much of a file is looked at.
const HEAD_BYTES: u64 = 64 * 1024;

/// What a file looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Looks {
    CandorJson,
    JrnlJson,
    JrnlPlain,
    DayOneJson,
    Zip,
    /// jrnl's encryption: 3 (a `JRNLv3` header), 2 (a Fernet token) or 1 (raw AES blocks).
    JrnlEncrypted(u8),
    Markdown,
    Unknown,
}

/// Whether `key` occurs as a JSON object key (a quote not escaped before it, a colon
/// after it): a body that merely mentions the word is escaped and does not count.
fn has_key(text: &str, key: &str) -> bool {
    let pat = format!("\"{key}\"");
    let mut from = 0;
    while let Some(i) = text[from..].find(&pat) {
        let at = from + i;
        let escaped = at > 0 && text.as_bytes()[at - 1] == b'\\';
        let rest = text[at + pat.len()..].trim_start();
        if !escaped && rest.starts_with(':') {
            return true;
        }
        from = at + pat.len();
    }
    false
}

/// A `[YYYY-…] ` line: the start of a jrnl entry.
fn jrnl_line(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() > 6 && b[0] == b'[' && b[1..5].iter().all(u8::is_ascii_digit) && line.contains("] ")
}

pub(crate) fn looks(head: &[u8]) -> Looks {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Looks::Zip;
    }
    if head.starts_with(b"JRNLv3") {
        return Looks::JrnlEncrypted(3);
    }
    // The head may end inside a character.
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => {
            // Binary: jrnl 1 wrote AES-CBC blocks (an IV and whole 16-byte blocks).
            return if head.len() >= 32 && head.len().is_multiple_of(16) {
                Looks::JrnlEncrypted(1)
            } else {
                Looks::Unknown
            };
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    if trimmed.starts_with("gAAAAA")
        && trimmed
            .trim_end()
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'='))
    {
        return Looks::JrnlEncrypted(2);
    }
    if trimmed.starts_with('{') {
        if has_key(text, "format") && text.contains("candor-journal") {
            return Looks::CandorJson;
        }
        if has_key(text, "entries") {
            if has_key(text, "creationDate") || has_key(text, "uuid") {
                return Looks::DayOneJson;
            }
            if has_key(text, "date") || has_key(text, "title") {
                return Looks::JrnlJson;
            }
        }
        return Looks::Unknown;
    }
    if text.lines().take(200).any(jrnl_line) {
        return Looks::JrnlPlain;
    }
    if trimmed.starts_with("---") || trimmed.starts_with("# ") {
        return Looks::Markdown;
    }
    Looks::Unknown
}

/// The first bytes of a regular file; `None` for anything else (the importer reports it).
fn head(path: &Path) -> Option<Vec<u8>> {
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let mut out = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(HEAD_BYTES)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

fn recognised(path: &Path, what: &'static str, how: impl Into<String>) -> TransferError {
    TransferError::Recognised {
        path: path.display().to_string(),
        what,
        how: how.into(),
    }
}

/// What `looks` means for an import as `source`: `None` when the file fits (or nothing
/// better can be said than the importer's own error).
fn verdict(path: &Path, source: Source, looks: Looks) -> Option<TransferError> {
    let fits = match source {
        Source::Json => looks == Looks::CandorJson,
        Source::Jrnl => matches!(looks, Looks::JrnlJson | Looks::JrnlPlain),
        // Day One's export zip is read as it is.
        Source::DayOne => matches!(looks, Looks::DayOneJson | Looks::Zip),
        Source::Markdown => false,
    };
    // Any binary file looks like jrnl 1's blocks: only worth saying to the jrnl importer.
    if fits || (looks == Looks::JrnlEncrypted(1) && source != Source::Jrnl) {
        return None;
    }
    Some(match looks {
        Looks::CandorJson => recognised(
            path,
            "looks like a Candor JSON export",
            "use `candor import json`",
        ),
        Looks::JrnlJson => recognised(
            path,
            "looks like jrnl's JSON export",
            "use `candor import jrnl`",
        ),
        Looks::JrnlPlain => recognised(
            path,
            "looks like a jrnl journal",
            "use `candor import jrnl`",
        ),
        Looks::DayOneJson => recognised(
            path,
            "looks like a Day One JSON export",
            "use `candor import dayone`",
        ),
        Looks::Zip => recognised(
            path,
            "is a zip archive",
            "a Day One export zip is read as it is by `candor import dayone`; a zipped folder \
             of notes is unzipped and imported as a folder",
        ),
        Looks::JrnlEncrypted(v) => recognised(
            path,
            match v {
                3 => "is an encrypted jrnl journal (jrnl 4 encryption)",
                2 => "is an encrypted jrnl journal (jrnl 2 encryption)",
                _ => "looks like an encrypted jrnl 1 journal (binary AES data)",
            },
            "Candor cannot read it without jrnl: run `jrnl --export json > journal.json` \
             (or `jrnl --decrypt`) and import that file with `candor import jrnl`",
        ),
        Looks::Markdown => recognised(
            path,
            "looks like a Markdown note",
            "import the folder it is in with `candor import markdown`",
        ),
        Looks::Unknown => return None,
    })
}

/// Whether the file at `path` starts like a zip archive.
pub(crate) fn is_zip(path: &Path) -> bool {
    head(path).is_some_and(|h| looks(&h) == Looks::Zip)
}

/// Checks that `path` is the kind of input `source` reads, before it is parsed.
pub(crate) fn check(path: &Path, source: Source) -> Result<(), TransferError> {
    if source == Source::Markdown {
        return match head(path) {
            // A folder is what the Markdown importer reads; a single note is not.
            Some(h) => Err(match looks(&h) {
                Looks::Markdown => recognised(
                    path,
                    "is a file",
                    "`candor import markdown` reads a folder of notes: give it the folder",
                ),
                l => verdict(path, source, l).unwrap_or_else(|| {
                    recognised(
                        path,
                        "is a file",
                        "`candor import markdown` reads a folder of notes: give it the folder",
                    )
                }),
            }),
            None => Ok(()),
        };
    }
    if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return Err(recognised(
            path,
            "is a folder",
            "a folder of Markdown notes (Obsidian, Joplin) is imported with \
             `candor import markdown`",
        ));
    }
    match head(path) {
        Some(h) => verdict(path, source, looks(&h)).map_or(Ok(()), Err),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_formats_apart() {
        assert_eq!(
            looks(br#"{"metadata": {"version": "1.0"}, "entries": [{"creationDate": "x"}]}"#),
            Looks::DayOneJson
        );
        assert_eq!(
            looks(br#"{"tags": {}, "entries": [{"date": "2020-01-01", "title": "t"}]}"#),
            Looks::JrnlJson
        );
        // A jrnl body that quotes a Day One key is escaped, so it stays jrnl.
        assert_eq!(
            looks(br#"{"entries": [{"date": "2020-01-01", "body": "\"creationDate\": x"}]}"#),
            Looks::JrnlJson
        );
        assert_eq!(
            looks(br#"{"format": "candor-journal", "schema_version": 1}"#),
            Looks::CandorJson
        );
        assert_eq!(looks(b"[2020-01-01 09:00] Hi\nbody\n"), Looks::JrnlPlain);
        assert_eq!(looks(b"PK\x03\x04rest"), Looks::Zip);
        assert_eq!(looks(b"JRNLv3\x00\x10{}"), Looks::JrnlEncrypted(3));
        assert_eq!(looks(b"gAAAAABfXyz-_abc==\n"), Looks::JrnlEncrypted(2));
        assert_eq!(looks(&[0xffu8; 48]), Looks::JrnlEncrypted(1));
        assert_eq!(looks(b"---\ntitle: x\n---\n"), Looks::Markdown);
        assert_eq!(looks(b"just words"), Looks::Unknown);
    }

    #[test]
    fn the_wrong_importer_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("Journal.json");
        std::fs::write(&p, r#"{"entries": [{"uuid": "A", "creationDate": "x"}]}"#).unwrap();
        let e = check(&p, Source::Jrnl).unwrap_err().to_string();
        assert!(
            e.contains("Day One") && e.contains("candor import dayone"),
            "{e}"
        );
        assert!(check(&p, Source::DayOne).is_ok());
        let e = check(&p, Source::Markdown).unwrap_err().to_string();
        assert!(e.contains("import dayone"), "{e}");
        let e = check(dir.path(), Source::Jrnl).unwrap_err().to_string();
        assert!(e.contains("import markdown"), "{e}");
        assert!(check(dir.path(), Source::Markdown).is_ok());
        let note = dir.path().join("note.md");
        std::fs::write(&note, "---\ntitle: x\n---\nbody\n").unwrap();
        let e = check(&note, Source::Jrnl).unwrap_err().to_string();
        assert!(
            e.contains("Markdown note") && e.contains("import markdown"),
            "{e}"
        );
        let e = check(&note, Source::Markdown).unwrap_err().to_string();
        assert!(e.contains("give it the folder"), "{e}");
    }
}
