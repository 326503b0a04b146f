//! `candor sync`: two journals on one machine sharing a folder, directly, through a git
//! repository, and through two real Syncthing instances; kills at any moment.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{stderr, walk, Vault};

/// A second device: its own vault beside the first, joined to `folder`.
fn join(folder: &Path) -> Vault {
    let v = Vault::empty();
    v.ok(&["sync", "join", folder.to_str().unwrap()]);
    v
}

fn titles(v: &Vault) -> Vec<String> {
    let mut t: Vec<String> = v
        .json(&["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap().to_string())
        .collect();
    t.sort();
    t
}

fn log(v: &Vault, title: &str, body: &str) -> String {
    v.log(&[
        "one-on-one",
        "--with",
        "Priya Raman",
        "--title",
        title,
        "--body",
        body,
    ])
}

#[test]
fn two_devices_share_a_folder_and_resolve_a_conflict() {
    let a = Vault::new();
    let folder = tempfile::tempdir().unwrap();
    let id = log(&a, "Career talk", "wants to lead the migration");
    let out = a.ok(&["sync", "setup", folder.path().to_str().unwrap()]);
    assert!(out.contains("candor sync join"), "{out}");
    // Setting up twice is refused, with what to do.
    let again = a.run(&["sync", "setup", folder.path().to_str().unwrap()]);
    assert!(!again.status.success() && stderr(&again).contains("already syncs"));

    let b = join(folder.path());
    assert_eq!(titles(&b), vec!["Career talk"]);
    log(&b, "From the desktop", "written on the second machine");
    // Opening the journal takes in what the other device wrote.
    assert_eq!(titles(&a), vec!["Career talk", "From the desktop"]);

    let st = a.json(&["sync", "status", "--json"]);
    assert_eq!(st["devices"].as_array().unwrap().len(), 2);
    assert_eq!(st["conflicts"], 0);

    // The same entry edited on both before either synced.
    let edit = |v: &Vault, text: &str| v.ok(&["edit", &id, "--body", text]);
    edit(&a, "edited on the laptop");
    // B's edit is made without A's: write it while B cannot see the folder.
    let aside = folder.path().with_extension("away");
    std::fs::rename(folder.path(), &aside).unwrap();
    edit(&b, "edited on the desktop");
    std::fs::rename(&aside, folder.path()).unwrap();
    b.ok(&["sync", "now"]);
    a.ok(&["sync", "now"]);
    for v in [&a, &b] {
        let c = v.json(&["sync", "conflicts", "--json"]);
        assert_eq!(c.as_array().unwrap().len(), 1, "{c}");
        let shown = v.ok(&["sync", "conflicts"]);
        assert!(
            shown.contains("mine") && shown.contains("theirs"),
            "{shown}"
        );
    }
    let c = a.json(&["sync", "conflicts", "--json"]);
    let cid = c[0]["id"].as_str().unwrap();
    a.ok(&["sync", "resolve", cid, "--keep", "mine"]);
    b.ok(&["sync", "now"]);
    for v in [&a, &b] {
        assert_eq!(
            v.json(&["sync", "conflicts", "--json"])
                .as_array()
                .unwrap()
                .len(),
            0
        );
        assert_eq!(
            v.json(&["show", &id, "--json"])["body"],
            "edited on the laptop"
        );
    }
    // Bad input: an unknown conflict, an unknown --keep.
    let bad = a.run(&["sync", "resolve", "ZZZZ", "--keep", "mine"]);
    assert!(!bad.status.success() && stderr(&bad).contains("no sync conflict"));
    let bad = a.run(&["sync", "resolve", cid, "--keep", "everything"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn join_refuses_clearly_and_creates_nothing() {
    let a = Vault::new();
    let folder = tempfile::tempdir().unwrap();
    a.ok(&["sync", "setup", folder.path().to_str().unwrap()]);
    let b = Vault::empty();
    let out = b.run_with(
        {
            let mut c = b.cmd(&["sync", "join", folder.path().to_str().unwrap()]);
            c.env("CANDOR_PASSPHRASE", "not the journal passphrase");
            c
        },
        None,
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("passphrase"));
    assert!(!b.dir.join("journal.db").exists());
    // Joining into a place that has a journal.
    let out = a.run(&["sync", "join", folder.path().to_str().unwrap()]);
    assert!(!out.status.success() && stderr(&out).contains("already a journal"));
    // A folder with no journal in it.
    let empty = tempfile::tempdir().unwrap();
    let c = Vault::empty();
    let out = c.run(&["sync", "join", empty.path().to_str().unwrap()]);
    assert!(!out.status.success() && stderr(&out).contains("no Candor journal"));
    // A journal that does not sync.
    let out = Vault::new().run(&["sync", "status"]);
    assert!(!out.status.success() && stderr(&out).contains("candor sync setup"));
}

#[test]
fn nothing_readable_reaches_the_sync_folder() {
    const CANARY: &str = "Syncanary5521";
    let a = Vault::new();
    let folder = tempfile::tempdir().unwrap();
    a.ok(&[
        "person",
        "add",
        &format!("Person {CANARY}"),
        "--role",
        CANARY,
    ]);
    a.log(&[
        "one-on-one",
        "--with",
        &format!("Person {CANARY}"),
        "--title",
        CANARY,
        "--body",
        CANARY,
        "--tag",
        CANARY,
    ]);
    a.ok(&["sync", "setup", folder.path().to_str().unwrap()]);
    let b = join(folder.path());
    b.log(&[
        "one-on-one",
        "--with",
        &format!("Person {CANARY}"),
        "--title",
        "b",
        "--body",
        &format!("more {CANARY}"),
    ]);
    a.ok(&["sync", "now"]);
    let mut checked = 0;
    for dir in [folder.path(), &a.dir, &b.dir] {
        walk(dir, &mut |p| {
            let bytes = std::fs::read(p).unwrap();
            checked += 1;
            for n in [CANARY.to_string(), CANARY.to_lowercase()] {
                assert!(
                    !bytes.windows(n.len()).any(|w| w == n.as_bytes()),
                    "plaintext canary in {}",
                    p.display()
                );
            }
            assert!(!p.to_string_lossy().to_lowercase().contains("syncanary"));
        });
    }
    assert!(checked > 4);
}

/// kill -9 while a save writes its segment and while another device applies: after a
/// restart nothing is applied twice and nothing is lost.
#[test]
fn kills_during_segment_writes_and_applies_lose_nothing_and_apply_nothing_twice() {
    let a = Vault::new();
    let folder = tempfile::tempdir().unwrap();
    a.ok(&["sync", "setup", folder.path().to_str().unwrap()]);
    let b = join(folder.path());
    let mut delays = [0u64, 3, 7, 12, 20, 35, 60, 90].iter().cycle();
    for i in 0..16 {
        let mut c = a.cmd(&[
            "log",
            "--with",
            "Priya Raman",
            "--title",
            &format!("Note {i}"),
            "--body",
            "text",
        ]);
        c.stdout(Stdio::null()).stderr(Stdio::null());
        let mut child = c.spawn().unwrap();
        std::thread::sleep(Duration::from_millis(*delays.next().unwrap() * 4));
        let _ = child.kill();
        let _ = child.wait();
        // B applies at the same time, and is killed too.
        let mut c = b.cmd(&["sync", "now"]);
        c.stdout(Stdio::null()).stderr(Stdio::null());
        let mut child = c.spawn().unwrap();
        std::thread::sleep(Duration::from_millis(*delays.next().unwrap() * 3));
        let _ = child.kill();
        let _ = child.wait();
    }
    a.ok(&["sync", "now"]);
    b.ok(&["sync", "now"]);
    let ta = titles(&a);
    let tb = titles(&b);
    assert_eq!(ta, tb, "both devices hold the same entries, each once");
    let mut dedup = ta.clone();
    dedup.dedup();
    assert_eq!(dedup, ta, "no entry twice");
    assert_eq!(a.json(&["sync", "status", "--json"])["outgoing"], 0);
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Through a git repository: two clones, commit / pull / push between them by script.
/// Each device writes only new files in its own directory, so no merge ever conflicts.
#[test]
fn through_a_git_repository_appends_never_conflict() {
    let root = tempfile::tempdir().unwrap();
    let bare = root.path().join("journal.git");
    std::fs::create_dir_all(&bare).unwrap();
    git(&bare, &["init", "-q", "--bare", "-b", "main"]);
    let clone = |name: &str| -> PathBuf {
        let d = root.path().join(name);
        git(root.path(), &["clone", "-q", bare.to_str().unwrap(), name]);
        git(&d, &["checkout", "-q", "-B", "main"]);
        d
    };
    let push = |d: &Path| {
        git(d, &["add", "-A"]);
        git(d, &["commit", "-q", "--allow-empty", "-m", "candor"]);
        git(
            d,
            &["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
        );
        git(d, &["push", "-q", "origin", "main"]);
    };
    let pull = |d: &Path| {
        git(
            d,
            &["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
        )
    };
    let one = clone("one");
    let a = Vault::new();
    log(&a, "Laptop 1", "first");
    a.ok(&["sync", "setup", one.to_str().unwrap()]);
    git(&one, &["add", "-A"]);
    git(&one, &["commit", "-q", "-m", "setup"]);
    git(&one, &["push", "-q", "origin", "main"]);
    let two = clone("two");
    let b = join(&two);
    for i in 0..3 {
        log(&a, &format!("Laptop {}", i + 2), "more");
        log(&b, &format!("Desktop {i}"), "more");
        push(&one);
        push(&two);
        pull(&one);
    }
    a.ok(&["sync", "now"]);
    b.ok(&["sync", "now"]);
    assert_eq!(titles(&a), titles(&b));
    assert_eq!(titles(&a).len(), 7);
}

// ---- Syncthing ----

struct Syncthing {
    home: PathBuf,
    gui: u16,
    key: String,
    id: String,
    child: std::process::Child,
}

impl Drop for Syncthing {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Syncthing {
    fn start(home: &Path) -> Syncthing {
        let out = Command::new("syncthing")
            .args([
                "generate",
                "--no-default-folder",
                &format!("--home={}", home.display()),
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let config_path = home.join("config.xml");
        let listen = free_port();
        let gui = free_port();
        // Loopback only: no discovery, relays, NAT traversal or usage reports.
        let config = std::fs::read_to_string(&config_path)
            .unwrap()
            .replace(
                "<listenAddress>default</listenAddress>",
                &format!("<listenAddress>tcp://127.0.0.1:{listen}</listenAddress>"),
            )
            .replace(
                "<globalAnnounceEnabled>true",
                "<globalAnnounceEnabled>false",
            )
            .replace("<localAnnounceEnabled>true", "<localAnnounceEnabled>false")
            .replace("<relaysEnabled>true", "<relaysEnabled>false")
            .replace("<natEnabled>true", "<natEnabled>false")
            .replace("<urAccepted>0", "<urAccepted>-1")
            .replace(
                "<crashReportingEnabled>true",
                "<crashReportingEnabled>false",
            )
            .replace("<autoUpgradeIntervalH>12", "<autoUpgradeIntervalH>0");
        std::fs::write(&config_path, &config).unwrap();
        let key = config
            .split("<apikey>")
            .nth(1)
            .and_then(|s| s.split("</apikey>").next())
            .unwrap()
            .to_string();
        let id = String::from_utf8(
            Command::new("syncthing")
                .args([&format!("--home={}", home.display()), "--device-id"])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap()
        .trim()
        .to_string();
        let child = Command::new("syncthing")
            .args([
                "serve",
                &format!("--home={}", home.display()),
                "--no-browser",
                "--no-restart",
                "--no-default-folder",
                &format!("--gui-address=127.0.0.1:{gui}"),
            ])
            .env("STNOUPGRADE", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let st = Syncthing {
            home: home.to_path_buf(),
            gui,
            key,
            id,
            child,
        };
        wait(Duration::from_secs(60), "syncthing to answer", || {
            st.rest("GET", "/rest/system/ping", None).contains("pong")
        });
        st
    }

    fn rest(&self, method: &str, path: &str, body: Option<&str>) -> String {
        let mut c = Command::new("curl");
        c.args([
            "-s",
            "-X",
            method,
            "-H",
            &format!("X-API-Key: {}", self.key),
        ])
        .arg(format!("http://127.0.0.1:{}{path}", self.gui));
        if let Some(b) = body {
            c.args(["-H", "Content-Type: application/json", "-d", b]);
        }
        String::from_utf8_lossy(&c.output().unwrap().stdout).into_owned()
    }

    fn listen_port(&self) -> String {
        let cfg = std::fs::read_to_string(self.home.join("config.xml")).unwrap();
        cfg.split("<listenAddress>")
            .nth(1)
            .and_then(|s| s.split("</listenAddress>").next())
            .unwrap()
            .to_string()
    }

    /// Shares `folder` (as folder id "candor") with `other`, rescanning every 2 seconds.
    fn share(&self, folder: &Path, other: &Syncthing) {
        let device = serde_json::json!({
            "deviceID": other.id,
            "name": "other",
            "addresses": [other.listen_port()],
            "autoAcceptFolders": false,
        });
        self.rest("POST", "/rest/config/devices", Some(&device.to_string()));
        let f = serde_json::json!({
            "id": "candor",
            "label": "candor",
            "path": folder,
            "type": "sendreceive",
            "rescanIntervalS": 2,
            "fsWatcherEnabled": true,
            "fsWatcherDelayS": 1,
            "devices": [{"deviceID": self.id}, {"deviceID": other.id}],
        });
        self.rest("POST", "/rest/config/folders", Some(&f.to_string()));
    }
}

fn wait(limit: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// Two real Syncthing instances on 127.0.0.1 move the folder between two vaults.
#[test]
fn two_syncthing_instances_carry_entries_both_ways_and_a_conflict_shows_on_both() {
    if Command::new("syncthing").arg("--version").output().is_err() {
        eprintln!(
            "SKIPPED: syncthing is not installed (Debian package `syncthing`; `make test` installs it)"
        );
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let (fa, fb) = (root.path().join("sync-a"), root.path().join("sync-b"));
    std::fs::create_dir_all(&fa).unwrap();
    std::fs::create_dir_all(&fb).unwrap();
    let a = Vault::new();
    let id = log(&a, "Career talk", "wants to lead the migration");
    a.ok(&["sync", "setup", fa.to_str().unwrap()]);
    let s1 = Syncthing::start(&root.path().join("st1"));
    let s2 = Syncthing::start(&root.path().join("st2"));
    s1.share(&fa, &s2);
    s2.share(&fb, &s1);
    let arrived = |dir: &Path, pattern: &str| {
        let mut found = false;
        walk(dir, &mut |p| found |= p.to_string_lossy().contains(pattern));
        found
    };
    wait(
        Duration::from_secs(120),
        "the journal to reach the second folder",
        || arrived(&fb, "journal.json") && arrived(&fb, "000000000001.seg"),
    );
    let b = join(&fb);
    assert_eq!(titles(&b), vec!["Career talk"]);

    log(&b, "From the desktop", "written on the second machine");
    wait(Duration::from_secs(120), "B's entry on A", || {
        titles(&a).contains(&"From the desktop".to_string())
    });

    // A concurrent edit: both edit the entry before either's change has travelled.
    s1.rest("POST", "/rest/system/pause", None);
    s2.rest("POST", "/rest/system/pause", None);
    a.ok(&["edit", &id, "--body", "edited on the laptop"]);
    b.ok(&["edit", &id, "--body", "edited on the desktop"]);
    s1.rest("POST", "/rest/system/resume", None);
    s2.rest("POST", "/rest/system/resume", None);
    wait(
        Duration::from_secs(120),
        "the conflict on both devices",
        || {
            [&a, &b].iter().all(|v| {
                v.ok(&["sync", "now"]);
                v.json(&["sync", "conflicts", "--json"])
                    .as_array()
                    .unwrap()
                    .len()
                    == 1
            })
        },
    );
    let body = |v: &Vault| {
        v.json(&["show", &id, "--json"])["body"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(body(&a), body(&b));
}
