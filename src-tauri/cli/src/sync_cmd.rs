//! `candor sync …`: one journal on several devices through a folder another tool syncs.

use std::path::{Path, PathBuf};

use candor_engine::sync::{self, Keep, SyncError, SyncStatus};
use candor_engine::Journal;
use clap::Subcommand;

use crate::{render, secret, CliError};

#[derive(Debug, Subcommand)]
pub enum SyncCmd {
    /// Start syncing this journal into FOLDER (one that Syncthing, Dropbox, iCloud Drive or
    /// git already syncs); only encrypted files go there
    Setup { folder: PathBuf },
    /// A new device: create the journal in --vault from FOLDER, with its passphrase
    Join { folder: PathBuf },
    /// Devices, when each was last heard from, what is waiting, conflicts
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Write this device's changes out and take in the others' now
    Now {
        #[arg(long)]
        json: bool,
    },
    /// Entries two devices changed at once, with both versions
    Conflicts {
        #[arg(long)]
        json: bool,
    },
    /// Resolve a conflict on every device: keep this device's version, the other's, or both
    Resolve {
        id: String,
        #[arg(long, value_name = "mine|theirs|both")]
        keep: Keep,
    },
    /// Stop waiting for a device that is gone for good (compaction no longer needs it)
    ForgetDevice { id: String },
    /// Write a snapshot and remove this device's old segments every device has applied
    Compact,
    /// Stop syncing on this device (the folder is left as it is)
    Leave,
}

impl From<SyncError> for CliError {
    fn from(e: SyncError) -> Self {
        CliError::Engine(e.into())
    }
}

pub fn run(
    dir: &Path,
    passphrase_file: Option<&Path>,
    open: &dyn Fn() -> Result<Journal, CliError>,
    cmd: SyncCmd,
) -> Result<(), CliError> {
    match cmd {
        SyncCmd::Setup { folder } => {
            if !candor_engine::vault::exists(dir) {
                return open().map(|_| ());
            }
            // The journal's passphrase wraps the folder's key too, so it is asked once here.
            let pass = secret::passphrase(passphrase_file)?;
            let mut j = candor_engine::vault::open(dir, &pass)?;
            let st = j.sync_setup(&folder, &pass)?;
            println!(
                "Syncing into {} as device {}.",
                st.folder,
                render::short(&st.device_id)
            );
            println!(
                "On another machine: candor sync join {} --vault DIR",
                st.folder
            );
            Ok(())
        }
        SyncCmd::Join { folder } => {
            let pass = secret::passphrase(passphrase_file)?;
            let bar = crate::backup_cmd::bar(0, "segments");
            let (j, code) = sync::join(&folder, dir, &pass, &mut |done, total| {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
            })?;
            bar.finish_and_clear();
            let counts = j.counts()?;
            println!(
                "Joined: {} entries and {} people are here.",
                counts.entries, counts.people
            );
            crate::commands::print_recovery_code(code.expose());
            Ok(())
        }
        SyncCmd::Status { json } => {
            let st = open()?.sync_status()?;
            if json {
                render::json(&st)
            } else {
                print_status(&st);
                Ok(())
            }
        }
        SyncCmd::Now { json } => {
            let mut j = open()?;
            let r = j.sync_now()?;
            if json {
                return render::json(&r);
            }
            println!(
                "Sent {} changes; applied {} from {} segments.",
                r.sent, r.applied, r.segments
            );
            if r.conflicts > 0 {
                println!(
                    "{} new conflicts: candor sync conflicts shows them.",
                    r.conflicts
                );
            }
            for w in &r.waiting {
                println!("Waiting: {w}");
            }
            Ok(())
        }
        SyncCmd::Conflicts { json } => {
            let list = open()?.sync_conflicts()?;
            if json {
                return render::json(&list);
            }
            if list.is_empty() {
                println!("No conflicts.");
            }
            for c in &list {
                println!(
                    "{}  entry {}",
                    render::short(&c.id),
                    render::short(&c.entry_id)
                );
                for (label, v) in [("mine", &c.mine), ("theirs", &c.theirs)] {
                    match v {
                        Some(v) => println!(
                            "  {label:6} {}  {}{}",
                            v.date,
                            v.title,
                            if v.in_trash { " (in the trash)" } else { "" }
                        ),
                        None => println!("  {label:6} deleted"),
                    }
                }
            }
            if !list.is_empty() {
                println!("Resolve with: candor sync resolve ID --keep mine|theirs|both");
            }
            Ok(())
        }
        SyncCmd::Resolve { id, keep } => {
            open()?.sync_resolve(&id, keep)?;
            println!("Resolved; the other devices follow on their next sync.");
            Ok(())
        }
        SyncCmd::ForgetDevice { id } => {
            open()?.sync_forget_device(&id)?;
            println!("Forgotten: compaction no longer waits for {id}.");
            Ok(())
        }
        SyncCmd::Compact => {
            let r = open()?.sync_compact()?;
            println!(
                "Snapshot {} of {} records; removed {} old segments, kept {} that a device has yet to apply.",
                r.snapshot, r.records, r.removed, r.kept
            );
            Ok(())
        }
        SyncCmd::Leave => {
            open()?.sync_leave()?;
            println!("This device no longer syncs. The folder is as it was.");
            Ok(())
        }
    }
}

fn print_status(st: &SyncStatus) {
    println!("Folder:  {}", st.folder);
    println!("Journal: {}", st.journal_id);
    for d in &st.devices {
        let seen = match (&d.last_seen, d.this_device) {
            (_, true) => "this device".to_string(),
            (Some(t), _) => format!("last write {t}"),
            (None, _) => "not heard from yet".to_string(),
        };
        println!(
            "  {}  {} segments, {} applied  {}{}",
            render::short(&d.id),
            d.segments,
            d.applied,
            seen,
            if d.forgotten { " (forgotten)" } else { "" }
        );
    }
    println!(
        "Outgoing {}, waiting {}, conflicts {}",
        st.outgoing, st.waiting, st.conflicts
    );
    if let Some(t) = &st.last_sync {
        println!("Last sync: {t}");
    }
    if let Some(e) = &st.last_error {
        println!("Last problem: {e}");
    }
    if st.needs_passphrase {
        println!("The folder's key changed on another device: run any command with the passphrase to carry on.");
    }
}
