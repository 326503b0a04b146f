//! Key slots: the random data key wrapped by secrets the user holds.
//!
//! The slot file is small JSON beside the database. Each slot wraps the same
//! 256-bit data key with XChaCha20-Poly1305 under a key derived by Argon2id
//! from a passphrase or the recovery code. Changing a secret rewraps the data
//! key and never touches the database.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::rngs::OsRng;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretBox, SecretString};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// Version of the slot file layout this build reads and writes.
pub const SLOT_FORMAT: u32 = 1;
const CIPHER: &str = "xchacha20poly1305";
/// Argon2id cost: 64 MiB and 3 passes, the floor the design sets.
pub const ARGON2_MEMORY_KIB: u32 = 64 * 1024;
pub const ARGON2_PASSES: u32 = 3;
const ARGON2_LANES: u32 = 1;
/// Ceilings for parameters read from a key file: far above what Candor writes, low enough
/// that a crafted slot cannot make unlock allocate terabytes or run for days.
pub const ARGON2_MAX_MEMORY_KIB: u32 = 4 * 1024 * 1024;
pub const ARGON2_MAX_PASSES: u32 = 64;
pub const ARGON2_MAX_LANES: u32 = 64;
const SALT_BYTES: std::ops::RangeInclusive<usize> = 8..=64;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("the secret does not open this journal")]
    WrongSecret,
    #[error("the key file is damaged ({0})")]
    Damaged(&'static str),
    /// Parameters outside the floor and ceiling; the message says "damaged or hostile".
    #[error("{0}")]
    Hostile(&'static str),
    #[error("the key file uses format {0}, newer than this version of Candor understands")]
    TooNew(u32),
    #[error("could not read or write the key file: {0}")]
    Io(#[from] std::io::Error),
}

/// The database key. Zeroed when dropped.
pub struct DataKey(SecretBox<[u8; 32]>);

impl DataKey {
    pub fn generate() -> Self {
        let mut bytes = Box::new([0u8; 32]);
        OsRng.fill_bytes(bytes.as_mut());
        DataKey(SecretBox::new(bytes))
    }

    pub(crate) fn from_slice(bytes: &[u8]) -> Option<Self> {
        let arr: [u8; 32] = bytes.try_into().ok()?;
        Some(DataKey(SecretBox::new(Box::new(arr))))
    }

    pub fn expose(&self) -> &[u8; 32] {
        self.0.expose_secret()
    }

    /// A second copy, for work on a connection of its own (wiped when dropped, too).
    pub fn duplicate(&self) -> DataKey {
        DataKey(SecretBox::new(Box::new(*self.0.expose_secret())))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotKind {
    Passphrase,
    Recovery,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct KdfParams {
    algorithm: String,
    memory_kib: u32,
    passes: u32,
    lanes: u32,
    salt: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Slot {
    kind: SlotKind,
    kdf: KdfParams,
    nonce: String,
    wrapped: String,
}

/// The whole slot file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SlotFile {
    format: u32,
    cipher: String,
    slots: Vec<Slot>,
}

impl SlotFile {
    pub fn new() -> Self {
        SlotFile {
            format: SLOT_FORMAT,
            cipher: CIPHER.to_string(),
            slots: Vec::new(),
        }
    }

    /// Wraps `key` under `secret` in the slot of `kind`, replacing any slot of that kind.
    pub fn set(&mut self, kind: SlotKind, secret: &[u8], key: &DataKey) -> Result<(), KeyError> {
        let mut salt = [0u8; 16];
        OsRng.fill_bytes(&mut salt);
        let kdf = KdfParams {
            algorithm: "argon2id".into(),
            memory_kib: ARGON2_MEMORY_KIB,
            passes: ARGON2_PASSES,
            lanes: ARGON2_LANES,
            salt: hex::encode(salt),
        };
        let kek = derive(&kdf, secret)?;
        let mut nonce = [0u8; 24];
        OsRng.fill_bytes(&mut nonce);
        let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
        let wrapped = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: key.expose(),
                    aad: aad(kind).as_bytes(),
                },
            )
            .map_err(|_| KeyError::Damaged("encryption failed"))?;
        self.slots.retain(|s| s.kind != kind);
        self.slots.push(Slot {
            kind,
            kdf,
            nonce: hex::encode(nonce),
            wrapped: hex::encode(wrapped),
        });
        Ok(())
    }

    /// Unwraps the data key with the slot of `kind`.
    pub fn open(&self, kind: SlotKind, secret: &[u8]) -> Result<DataKey, KeyError> {
        let slot = self
            .slots
            .iter()
            .find(|s| s.kind == kind)
            .ok_or(KeyError::Damaged("a key slot is missing"))?;
        let kek = derive(&slot.kdf, secret)?;
        let nonce = hex::decode(&slot.nonce).map_err(|_| KeyError::Damaged("bad nonce"))?;
        if nonce.len() != 24 {
            return Err(KeyError::Damaged("bad nonce"));
        }
        let wrapped = hex::decode(&slot.wrapped).map_err(|_| KeyError::Damaged("bad key"))?;
        let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
        let plain = Zeroizing::new(
            cipher
                .decrypt(
                    XNonce::from_slice(&nonce),
                    Payload {
                        msg: &wrapped,
                        aad: aad(kind).as_bytes(),
                    },
                )
                .map_err(|_| KeyError::WrongSecret)?,
        );
        DataKey::from_slice(&plain).ok_or(KeyError::Damaged("bad key length"))
    }

    pub fn read(path: &Path) -> Result<Self, KeyError> {
        let text = fs::read(path)?;
        let file: SlotFile =
            serde_json::from_slice(&text).map_err(|_| KeyError::Damaged("not valid JSON"))?;
        if file.format > SLOT_FORMAT {
            return Err(KeyError::TooNew(file.format));
        }
        if file.cipher != CIPHER {
            return Err(KeyError::Damaged("unknown cipher"));
        }
        file.check()?;
        Ok(file)
    }

    /// Checks every slot's key derivation parameters against the floor and the ceiling,
    /// before any of them is used.
    pub fn check(&self) -> Result<(), KeyError> {
        self.slots.iter().try_for_each(|s| check_kdf(&s.kdf))
    }

    /// Writes the file atomically: a temp file beside it, fsync, rename, fsync the directory.
    pub fn write(&self, path: &Path) -> Result<(), KeyError> {
        let json = serde_json::to_vec_pretty(self).map_err(|_| KeyError::Damaged("encode"))?;
        let tmp = path.with_extension("json.tmp");
        {
            let mut f = crate::owner_only::create_or_truncate(&tmp)?;
            f.write_all(&json)?;
            f.sync_all()?;
        }
        fs::rename(&tmp, path)?;
        if let Some(dir) = path.parent() {
            // Directory fsync makes the rename durable; not every platform allows opening a dir.
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

impl Default for SlotFile {
    fn default() -> Self {
        Self::new()
    }
}

fn aad(kind: SlotKind) -> &'static str {
    match kind {
        SlotKind::Passphrase => "candor-slot-v1:passphrase",
        SlotKind::Recovery => "candor-slot-v1:recovery",
    }
}

fn derive(kdf: &KdfParams, secret: &[u8]) -> Result<Zeroizing<[u8; 32]>, KeyError> {
    check_kdf(kdf)?;
    let salt = hex::decode(&kdf.salt).map_err(|_| KeyError::Damaged("bad salt"))?;
    let params = Params::new(kdf.memory_kib, kdf.passes, kdf.lanes, Some(32))
        .map_err(|_| KeyError::Damaged("bad key derivation parameters"))?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut out = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(secret, &salt, out.as_mut())
        .map_err(|_| KeyError::Damaged("bad key derivation parameters"))?;
    Ok(out)
}

/// Refuses parameters below the floor (a tampered file must not weaken the slot) and above
/// the ceiling (a crafted one must not exhaust memory or hang unlock).
fn check_kdf(kdf: &KdfParams) -> Result<(), KeyError> {
    if kdf.algorithm != "argon2id" {
        return Err(KeyError::Damaged("unknown key derivation"));
    }
    if kdf.memory_kib < ARGON2_MEMORY_KIB || kdf.passes < ARGON2_PASSES || kdf.lanes == 0 {
        return Err(KeyError::Hostile(
            "the key file is damaged or hostile: key derivation below the minimum",
        ));
    }
    if kdf.memory_kib > ARGON2_MAX_MEMORY_KIB
        || kdf.passes > ARGON2_MAX_PASSES
        || kdf.lanes > ARGON2_MAX_LANES
    {
        return Err(KeyError::Hostile(
            "the key file is damaged or hostile: key derivation above the maximum",
        ));
    }
    if !SALT_BYTES.contains(&(kdf.salt.len() / 2)) {
        return Err(KeyError::Hostile(
            "the key file is damaged or hostile: a salt of unusable length",
        ));
    }
    Ok(())
}

/// A recovery code: 160 random bits in Crockford base32, grouped for reading aloud.
pub struct RecoveryCode(SecretString);

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl RecoveryCode {
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; 20]);
        OsRng.fill_bytes(bytes.as_mut());
        let mut out = String::with_capacity(40);
        let mut acc: u64 = 0;
        let mut bits = 0;
        let mut n = 0;
        for b in bytes.iter() {
            acc = (acc << 8) | u64::from(*b);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                if n > 0 && n % 4 == 0 {
                    out.push('-');
                }
                out.push(CROCKFORD[((acc >> bits) & 31) as usize] as char);
                n += 1;
            }
        }
        RecoveryCode(SecretString::from(out))
    }

    /// Accepts what a person types: any case, with or without dashes and spaces,
    /// and the letters Crockford base32 reads as digits.
    pub fn parse(input: &str) -> Self {
        let mut out = String::new();
        for c in input.chars() {
            let c = c.to_ascii_uppercase();
            let c = match c {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if c.is_ascii_alphanumeric() {
                if !out.is_empty() && out.chars().filter(|c| *c != '-').count() % 4 == 0 {
                    out.push('-');
                }
                out.push(c);
            }
        }
        RecoveryCode(SecretString::from(out))
    }

    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_and_unwrap_round_trip() {
        let key = DataKey::generate();
        let mut file = SlotFile::new();
        file.set(SlotKind::Passphrase, b"correct horse", &key)
            .unwrap();
        let back = file.open(SlotKind::Passphrase, b"correct horse").unwrap();
        assert_eq!(back.expose(), key.expose());
        assert!(matches!(
            file.open(SlotKind::Passphrase, b"wrong horse"),
            Err(KeyError::WrongSecret)
        ));
        assert!(matches!(
            file.open(SlotKind::Recovery, b"correct horse"),
            Err(KeyError::Damaged(_))
        ));
    }

    #[test]
    fn weakened_parameters_are_refused() {
        let key = DataKey::generate();
        let mut file = SlotFile::new();
        file.set(SlotKind::Passphrase, b"pw", &key).unwrap();
        file.slots[0].kdf.memory_kib = 8;
        assert!(matches!(
            file.open(SlotKind::Passphrase, b"pw"),
            Err(KeyError::Hostile(_))
        ));
    }

    #[test]
    fn excessive_parameters_are_refused_before_any_work() {
        let key = DataKey::generate();
        let mut file = SlotFile::new();
        file.set(SlotKind::Passphrase, b"pw", &key).unwrap();
        let cases: [fn(&mut KdfParams); 5] = [
            |k| k.memory_kib = u32::MAX,
            |k| k.memory_kib = ARGON2_MAX_MEMORY_KIB + 1,
            |k| k.passes = u32::MAX,
            |k| k.lanes = 1000,
            |k| k.salt = "ab".repeat(10_000),
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys.json");
        for tweak in cases {
            let mut bad = file.clone();
            tweak(&mut bad.slots[0].kdf);
            // Would allocate terabytes or run for hours if it reached Argon2.
            assert!(matches!(
                bad.open(SlotKind::Passphrase, b"pw"),
                Err(KeyError::Hostile(_))
            ));
            bad.write(&path).unwrap();
            assert!(matches!(SlotFile::read(&path), Err(KeyError::Hostile(_))));
        }
    }

    #[test]
    fn recovery_code_normalises_typing() {
        let code = RecoveryCode::generate();
        assert_eq!(code.expose().len(), 32 + 7);
        let typed = code.expose().to_lowercase().replace('-', " ");
        assert_eq!(RecoveryCode::parse(&typed).expose(), code.expose());
        assert_eq!(RecoveryCode::parse("0o1i-L").expose(), "0011-1");
    }
}
