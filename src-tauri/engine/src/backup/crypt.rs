//! The age layer: encrypting a backup to a passphrase or to X25519 recipients, optionally
//! ASCII-armoured, and decrypting it again with each failure mapped to a typed error.

use std::cell::Cell;
use std::io::{self, Read, Write};
use std::path::Path;
use std::rc::Rc;
use std::str::FromStr;

use age::armor::{ArmoredReader, ArmoredWriter, Format};
use age::x25519;
use age::{DecryptError, Decryptor, Encryptor};
use secrecy::{ExposeSecret, SecretString};

use super::error::{BackupError, IoContext};

/// How a new backup is protected.
pub enum Protection {
    /// A backup passphrase, stretched with scrypt (age's own passphrase mode).
    Passphrase(SecretString),
    /// One or more age X25519 public keys (`age1…`).
    Recipients(Vec<x25519::Recipient>),
}

/// What opens a backup.
pub enum Unlock {
    Passphrase(SecretString),
    Identities(Vec<x25519::Identity>),
}

/// Parses an age X25519 public key (`age1…`).
pub fn parse_recipient(s: &str) -> Result<x25519::Recipient, BackupError> {
    x25519::Recipient::from_str(s.trim()).map_err(|_| BackupError::BadRecipient(s.to_string()))
}

/// Reads an age identity file: `AGE-SECRET-KEY-1…` lines, `#` comments and blank lines.
pub fn read_identity_file(path: &Path) -> Result<Vec<x25519::Identity>, BackupError> {
    let text = zeroize::Zeroizing::new(
        std::fs::read_to_string(path)
            .ctx(|| format!("cannot read the identity file {}", path.display()))?,
    );
    parse_identities(&text).ok_or_else(|| BackupError::BadIdentityFile(path.display().to_string()))
}

/// The identities in the text of an identity file; `None` when a line is not one.
pub fn parse_identities(text: &str) -> Option<Vec<x25519::Identity>> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        out.push(x25519::Identity::from_str(line).ok()?);
    }
    (!out.is_empty()).then_some(out)
}

fn age_secret(s: &SecretString) -> age::secrecy::SecretString {
    age::secrecy::SecretString::from(s.expose_secret().to_owned())
}

/// scrypt cost for passphrase backups: log2(N) = 18 (256 MiB, about 1–2 s here), the
/// reference `age` tool's own setting. rage's calibration picks 19 on a 2-core machine,
/// whose 512 MiB pass takes 3–4 s, twice per backup (writing, then the read-back check).
pub const SCRYPT_WORK_FACTOR: u8 = 18;

/// The encryptor for `p`, plus `extra` (a one-time key the writer verifies with).
pub(crate) fn encryptor(
    p: &Protection,
    extra: Option<&x25519::Recipient>,
) -> Result<Encryptor, BackupError> {
    match p {
        Protection::Passphrase(pass) => {
            // The rule `init` applies: a backup carries the journal's data key.
            if crate::vault::check_new_passphrase(pass).is_err() {
                return Err(BackupError::WeakPassphrase);
            }
            let mut r = age::scrypt::Recipient::new(age_secret(pass));
            r.set_work_factor(SCRYPT_WORK_FACTOR);
            Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
                .map_err(|_| BackupError::NoRecipients)
        }
        Protection::Recipients(list) => {
            if list.is_empty() {
                return Err(BackupError::NoRecipients);
            }
            let all = list.iter().chain(extra).map(|r| r as &dyn age::Recipient);
            Encryptor::with_recipients(all).map_err(|_| BackupError::NoRecipients)
        }
    }
}

/// Wraps `out` so that everything written to the result is encrypted (and armoured).
pub(crate) fn encrypting_writer<W: Write>(
    enc: Encryptor,
    out: W,
    armor: bool,
) -> io::Result<age::stream::StreamWriter<ArmoredWriter<W>>> {
    let format = if armor {
        Format::AsciiArmor
    } else {
        Format::Binary
    };
    enc.wrap_output(ArmoredWriter::wrap_output(out, format)?)
}

/// Finishes the age stream and the armour, returning the inner writer.
pub(crate) fn finish<W: Write>(w: age::stream::StreamWriter<ArmoredWriter<W>>) -> io::Result<W> {
    w.finish()?.finish()
}

/// A reader that remembers whether it reached the end of its input, so that a failure to
/// authenticate the last block can be told apart from damage in the middle.
struct EofTracker<R> {
    inner: R,
    eof: Rc<Cell<bool>>,
}

impl<R: Read> Read for EofTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.eof.set(true);
        }
        Ok(n)
    }
}

/// The decrypted contents of a backup file, read as a stream. Read errors come back as
/// `io::Error`s; [`Plaintext::error`] turns them into the right [`BackupError`].
pub(crate) struct Plaintext {
    reader: Box<dyn Read>,
    eof: Rc<Cell<bool>>,
}

impl Read for Plaintext {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.reader.read(buf)
    }
}

impl Plaintext {
    /// The typed error for a failed read of the decrypted stream.
    pub(crate) fn error(&self, e: io::Error) -> BackupError {
        stream_error(e, self.eof.get())
    }

    /// The same mapping, detached from the reader (for use while it is borrowed).
    pub(crate) fn error_mapper(&self) -> impl Fn(io::Error) -> BackupError {
        let eof = self.eof.clone();
        move |e| stream_error(e, eof.get())
    }
}

fn stream_error(e: io::Error, at_end: bool) -> BackupError {
    match e.kind() {
        io::ErrorKind::UnexpectedEof => BackupError::Truncated,
        io::ErrorKind::InvalidData if at_end => BackupError::Truncated,
        io::ErrorKind::InvalidData => {
            BackupError::Damaged("part of it fails its authentication check")
        }
        _ => BackupError::Io {
            what: "cannot read the backup".into(),
            source: e,
        },
    }
}

const AGE_MAGIC: &[u8] = b"age-encryption.org/";
const ARMOR_MAGIC: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// Whether the file starts like an age file (binary or armoured), and if armoured.
fn sniff(path: &Path) -> Result<bool, BackupError> {
    let mut f =
        std::fs::File::open(path).ctx(|| format!("cannot open the backup {}", path.display()))?;
    let mut head = vec![0u8; 64];
    let mut n = 0;
    while n < head.len() {
        let got = f
            .read(&mut head[n..])
            .ctx(|| format!("cannot read the backup {}", path.display()))?;
        if got == 0 {
            break;
        }
        n += got;
    }
    head.truncate(n);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    if head.starts_with(AGE_MAGIC) {
        Ok(false)
    } else if head.starts_with(ARMOR_MAGIC) {
        Ok(true)
    } else {
        Err(BackupError::NotAgeFile)
    }
}

/// An age decryptor over a backup file, and whether its reader reached the file's end.
type FileDecryptor = (
    Decryptor<ArmoredReader<io::BufReader<EofTracker<std::fs::File>>>>,
    Rc<Cell<bool>>,
);

fn open_decryptor(path: &Path) -> Result<FileDecryptor, BackupError> {
    sniff(path)?;
    let file =
        std::fs::File::open(path).ctx(|| format!("cannot open the backup {}", path.display()))?;
    let eof = Rc::new(Cell::new(false));
    let reader = ArmoredReader::new(EofTracker {
        inner: file,
        eof: eof.clone(),
    });
    let d = Decryptor::new(reader).map_err(|e| header_error(e, eof.get()))?;
    Ok((d, eof))
}

fn header_error(e: DecryptError, at_end: bool) -> BackupError {
    match e {
        DecryptError::Io(io) => stream_error(io, at_end),
        DecryptError::InvalidHeader if at_end => BackupError::Truncated,
        DecryptError::InvalidHeader => BackupError::Damaged("its age header cannot be read"),
        DecryptError::InvalidMac => {
            BackupError::Damaged("its age header fails its authentication check")
        }
        DecryptError::UnknownFormat => {
            BackupError::Damaged("it uses an age format version this program does not know")
        }
        DecryptError::ExcessiveWork { required, .. } => BackupError::ExcessiveWork(required),
        DecryptError::NoMatchingKeys
        | DecryptError::DecryptionFailed
        | DecryptError::KeyDecryptionFailed => BackupError::WrongIdentity,
    }
}

/// Whether the backup at `path` is protected by a passphrase (else by recipients).
pub fn is_passphrase_protected(path: &Path) -> Result<bool, BackupError> {
    Ok(open_decryptor(path)?.0.is_scrypt())
}

/// Decrypts the backup at `path` as a stream.
pub(crate) fn decrypt(path: &Path, unlock: &Unlock) -> Result<Plaintext, BackupError> {
    let (d, eof) = open_decryptor(path)?;
    let scrypt = d.is_scrypt();
    let reader: Box<dyn Read> = match (unlock, scrypt) {
        (Unlock::Passphrase(pass), true) => {
            let id = age::scrypt::Identity::new(age_secret(pass));
            Box::new(
                d.decrypt(std::iter::once(&id as &dyn age::Identity))
                    .map_err(|e| match header_error(e, eof.get()) {
                        BackupError::WrongIdentity => BackupError::WrongPassphrase,
                        other => other,
                    })?,
            )
        }
        (Unlock::Identities(ids), false) => Box::new(
            d.decrypt(ids.iter().map(|i| i as &dyn age::Identity))
                .map_err(|e| header_error(e, eof.get()))?,
        ),
        (Unlock::Passphrase(_), false) => return Err(BackupError::NeedsIdentity),
        (Unlock::Identities(_), true) => return Err(BackupError::NeedsPassphrase),
    };
    Ok(Plaintext { reader, eof })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_and_identities_parse() {
        let id = x25519::Identity::generate();
        let public = id.to_public().to_string();
        assert!(parse_recipient(&format!("  {public}\n")).is_ok());
        assert!(matches!(
            parse_recipient("age1nope"),
            Err(BackupError::BadRecipient(_))
        ));
        let text = format!(
            "# created: today\n# public key: {public}\n{}\n",
            id.to_string().expose_secret()
        );
        assert_eq!(parse_identities(&text).map(|v| v.len()), Some(1));
        assert!(parse_identities("# only a comment\n").is_none());
        assert!(parse_identities("AGE-SECRET-KEY-1BROKEN\n").is_none());
    }
}
