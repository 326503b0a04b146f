//! Day One's export zip, read as it is: one JSON file per journal (`Journal.json`,
//! `Work.json`) at its top, and the media the entries show beside them (`photos/`,
//! `videos/`, `audios/`, `pdfs/`, each file named by its MD5). The journals' entries come
//! in; the media files are counted in the report, never extracted.
//!
//! A zip is a list of sizes the file itself claims, so nothing is trusted: the number of
//! files in it and the bytes inflated from each JSON file and from all of them are capped
//! as they are read (a zip bomb stops at the cap with an error), media are never inflated,
//! and an archive that is damaged, encrypted or packed with a method other than deflate is
//! a typed error, never a panic.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use super::apply::Parsed;
use super::report::loss;
use super::TransferError;

/// Caps on what a zip may hold.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Files (and folders) in the archive.
    pub files: usize,
    /// Bytes inflated from one journal's JSON.
    pub json_bytes: u64,
    /// Bytes inflated from all the journals' JSON.
    pub total_bytes: u64,
}

/// A journal of ten years is a few tens of MB of JSON; a photo library can hold many
/// thousands of files.
pub(crate) const LIMITS: Limits = Limits {
    files: 200_000,
    json_bytes: 256 * 1024 * 1024,
    total_bytes: 1024 * 1024 * 1024,
};

const FORMAT: &str = "Day One export zip";

fn bad(path: &Path, why: impl Into<String>) -> TransferError {
    TransferError::BadFile {
        path: path.display().to_string(),
        format: FORMAT,
        why: why.into(),
    }
}

/// Why the zip crate refused, in words that quote nothing from the archive.
fn zip_why(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError as Z;
    match e {
        Z::Io(_) => "it could not be read to the end (damaged or cut short?)".into(),
        Z::InvalidArchive(_) => "it is not a complete zip archive (damaged or cut short?)".into(),
        Z::UnsupportedArchive(_) => {
            "it uses a zip feature Candor does not read (encryption, or a compression \
             other than deflate): unzip it and import Journal.json"
                .into()
        }
        Z::FileNotFound => "a file listed in it is missing".into(),
        _ => "it is not a zip archive Candor can read".into(),
    }
}

/// A journal's JSON: a `.json` file outside the media folders, not macOS's `__MACOSX/`
/// shadow copies or `._` resource forks.
fn is_journal(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let file = lower.rsplit('/').next().unwrap_or("");
    lower.ends_with(".json")
        && !lower.starts_with("__macosx/")
        && !file.starts_with("._")
        && !["photos/", "videos/", "audios/", "pdfs/"]
            .iter()
            .any(|m| lower.starts_with(m) || lower.contains(&format!("/{m}")))
}

/// Reads every journal in the Day One export zip at `path`.
pub(crate) fn parse_file(path: &Path) -> Result<Parsed, TransferError> {
    parse_with(path, LIMITS)
}

pub(crate) fn parse_with(path: &Path, limits: Limits) -> Result<Parsed, TransferError> {
    let meta = std::fs::metadata(path)
        .map_err(super::io_err(format!("cannot read {}", path.display())))?;
    if !meta.is_file() {
        return Err(bad(path, "it is not a regular file"));
    }
    let file = std::fs::File::open(path)
        .map_err(super::io_err(format!("cannot read {}", path.display())))?;
    let mut archive =
        zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| bad(path, zip_why(&e)))?;
    if archive.len() > limits.files {
        return Err(bad(
            path,
            format!(
                "it holds {} files, more than the {} Candor reads from one export",
                archive.len(),
                limits.files
            ),
        ));
    }
    let mut journals = Vec::new();
    // Media and other files, per top folder (`photos`), never inflated.
    let mut media: BTreeMap<String, u64> = BTreeMap::new();
    for i in 0..archive.len() {
        let f = archive
            .by_index_raw(i)
            .map_err(|e| bad(path, zip_why(&e)))?;
        if f.is_dir() {
            continue;
        }
        let name = f
            .name()
            .map_err(|e| bad(path, zip_why(&e)))?
            .replace('\\', "/");
        if is_journal(&name) {
            journals.push((i, name));
        } else if !name.to_ascii_lowercase().starts_with("__macosx/") {
            let folder = match name.split_once('/') {
                Some((top, _)) => top.to_string(),
                None => "other files".to_string(),
            };
            *media.entry(folder).or_insert(0) += 1;
        }
    }
    if journals.is_empty() {
        return Err(TransferError::Recognised {
            path: path.display().to_string(),
            what: "is a zip archive with no Day One journal in it (no .json file)",
            how: "export again from Day One with File → Export → JSON, or unzip it and \
                  import what it holds with the importer for that"
                .into(),
        });
    }
    let mut out = Parsed::default();
    let mut total = 0u64;
    let several = journals.len() > 1;
    for (i, name) in journals {
        let f = archive.by_index(i).map_err(|e| bad(path, zip_why(&e)))?;
        let mut bytes = Vec::new();
        // Never more than the cap, whatever the archive says the size is.
        f.take(limits.json_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| bad(path, "a journal in it could not be inflated (damaged?)"))?;
        if bytes.len() as u64 > limits.json_bytes {
            return Err(bad(
                path,
                format!(
                    "a journal in it inflates to more than {} MiB",
                    limits.json_bytes / (1024 * 1024)
                ),
            ));
        }
        total += bytes.len() as u64;
        if total > limits.total_bytes {
            return Err(bad(
                path,
                format!(
                    "its journals inflate to more than {} MiB together",
                    limits.total_bytes / (1024 * 1024)
                ),
            ));
        }
        let text =
            String::from_utf8(bytes).map_err(|_| bad(path, "a journal in it is not UTF-8 text"))?;
        let inner = path.join(&name);
        let mut parsed = super::dayone::parse(&text, &inner)?;
        // Items say which journal they are in when the zip holds several.
        for n in &mut parsed.notes {
            if several {
                n.item = format!("{name}: {}", n.item);
            }
        }
        for s in parsed.skipped.iter_mut().chain(parsed.notices.iter_mut()) {
            if several {
                s.item = format!("{name}: {}", s.item);
            }
        }
        out.notes.append(&mut parsed.notes);
        out.skipped.append(&mut parsed.skipped);
        out.notices.append(&mut parsed.notices);
    }
    for (folder, n) in media {
        out.tally.add_n(
            &loss(
                format!("{folder} (files in the zip)"),
                "not imported: Candor keeps text; the entries keep their dayone-moment:// links",
            ),
            n,
        );
    }
    Ok(out)
}

#[cfg(test)]
pub(super) mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    /// A zip as Day One writes one: the journals' JSON at the top, media in folders.
    pub(crate) fn day_one_zip(path: &Path, files: &[(&str, &[u8])]) {
        let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
        let opts =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in files {
            if name.ends_with('/') {
                w.add_directory(*name, opts).unwrap();
            } else {
                w.start_file(*name, opts).unwrap();
                w.write_all(bytes).unwrap();
            }
        }
        w.finish().unwrap();
    }

    const WORK: &str = r#"{"metadata": {"version": "1.0"}, "entries": [
        {"uuid": "9F1C2E3D4B5A69788796A5B4C3D2E1F0", "creationDate": "2024-03-10T07:30:00Z",
         "timeZone": "America/Los_Angeles", "text": "Skip-level\n\n![](dayone-moment://76F9B0AC37954B51BF8B9146498B29C2)\n\nAsked about the reorg\\.",
         "photos": [{"identifier": "76F9B0AC37954B51BF8B9146498B29C2", "md5": "5d41402abc4b2a76b9719d911017c592", "type": "jpeg", "orderInEntry": 0}],
         "tags": ["work"], "starred": true}
    ]}"#;

    #[test]
    fn journals_come_in_and_media_are_counted() {
        let d = tempfile::tempdir().unwrap();
        let z = d.path().join("export.zip");
        day_one_zip(
            &z,
            &[
                ("Work.json", WORK.as_bytes()),
                (
                    "Home.json",
                    br#"{"entries": [{"uuid": "AA", "creationDate": "2024-01-01T10:00:00Z", "timeZone": "Europe/Paris", "text": "Run"}]}"#,
                ),
                ("photos/", b""),
                ("photos/5d41402abc4b2a76b9719d911017c592.jpeg", &[0xff, 0xd8, 0xff]),
                ("audios/7d793037a0760186574b0282f2f435e7.m4a", b"x"),
                ("__MACOSX/._Work.json", b"junk"),
            ],
        );
        let p = parse_file(&z).unwrap();
        assert_eq!(p.notes.len(), 2);
        let work = p
            .notes
            .iter()
            .find(|n| n.title.as_deref() == Some("Skip-level"))
            .unwrap();
        assert_eq!(work.date.unwrap().to_string(), "2024-03-09");
        assert!(work.item.starts_with("Work.json: "), "{}", work.item);
        assert!(work.losses.iter().any(|l| l.field == "photos"));
        let rows = p.tally.rows();
        let fields: Vec<(&str, u64)> = rows.iter().map(|r| (r.field.as_str(), r.count)).collect();
        assert_eq!(
            fields,
            [
                ("audios (files in the zip)", 1),
                ("photos (files in the zip)", 1)
            ]
        );
    }

    /// An end record that claims 65,535 files in a central directory of 4 GiB.
    fn claims_many() -> Vec<u8> {
        let mut z = b"PK\x05\x06\0\0\0\0\xff\xff\xff\xff".to_vec();
        z.extend(0xffff_fff0u32.to_le_bytes());
        z.extend(0u32.to_le_bytes());
        z.extend(0u16.to_le_bytes());
        z
    }

    /// A zip64 end record that claims 2^60 files, with the locator that points at it.
    fn claims_zip64() -> Vec<u8> {
        let mut z = b"PK\x06\x06".to_vec();
        z.extend(44u64.to_le_bytes());
        z.extend([45, 0, 45, 0]);
        z.extend(0u32.to_le_bytes());
        z.extend(0u32.to_le_bytes());
        z.extend((1u64 << 60).to_le_bytes());
        z.extend((1u64 << 60).to_le_bytes());
        z.extend((1u64 << 62).to_le_bytes());
        z.extend(0u64.to_le_bytes());
        z.extend(b"PK\x06\x07");
        z.extend(0u32.to_le_bytes());
        z.extend(0u64.to_le_bytes());
        z.extend(1u32.to_le_bytes());
        z.extend(b"PK\x05\x06\0\0\0\0\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\0\0");
        z
    }

    #[test]
    fn hostile_zips_are_refused_without_a_panic() {
        let d = tempfile::tempdir().unwrap();
        let small = Limits {
            files: 5,
            json_bytes: 4096,
            total_bytes: 6000,
        };
        // A bomb: 1 MiB of spaces in a JSON that deflates to a few KiB.
        let mut bomb = b"{\"entries\": [".to_vec();
        bomb.extend(std::iter::repeat_n(b' ', 1 << 20));
        bomb.extend(b"]}");
        let z = d.path().join("bomb.zip");
        day_one_zip(&z, &[("Journal.json", &bomb)]);
        let e = parse_with(&z, small).unwrap_err().to_string();
        assert!(e.contains("inflates to more than"), "{e}");
        // Two journals under the cap each, over it together.
        let half = format!("{{\"entries\": []{}}}", " ".repeat(3500));
        let z = d.path().join("two.zip");
        day_one_zip(
            &z,
            &[("A.json", half.as_bytes()), ("B.json", half.as_bytes())],
        );
        let e = parse_with(&z, small).unwrap_err().to_string();
        assert!(e.contains("together"), "{e}");
        // Too many files.
        let z = d.path().join("many.zip");
        let names: Vec<String> = (0..6).map(|i| format!("photos/{i}.jpeg")).collect();
        let files: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
        day_one_zip(&z, &files);
        let e = parse_with(&z, small).unwrap_err().to_string();
        assert!(e.contains("holds 6 files"), "{e}");
        // Cut short, garbage after the signature, and no journal at all.
        let good = std::fs::read(d.path().join("two.zip")).unwrap();
        for (name, bytes) in [
            ("cut.zip", good[..good.len() / 2].to_vec()),
            (
                "junk.zip",
                b"PK\x03\x04\x14\x00\x00\x00Journal.json".to_vec(),
            ),
            ("empty.zip", b"PK\x05\x06".to_vec()),
            ("claims-many.zip", claims_many()),
            ("claims-zip64.zip", claims_zip64()),
        ] {
            let p = d.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            assert!(
                matches!(parse_file(&p), Err(TransferError::BadFile { .. })),
                "{name}"
            );
        }
        let z = d.path().join("photos-only.zip");
        day_one_zip(&z, &[("photos/a.jpeg", b"x")]);
        assert!(matches!(
            parse_file(&z),
            Err(TransferError::Recognised { .. })
        ));
        // A journal that is not JSON is the JSON importer's error, by position only.
        let z = d.path().join("bad-json.zip");
        day_one_zip(&z, &[("Journal.json", b"{\"entries\": [")]);
        assert!(matches!(parse_file(&z), Err(TransferError::BadFile { .. })));
    }
}
