//! A throwaway vault and a way to run `candor` against it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const PASS: &str = "correct horse battery";

pub struct Vault {
    _root: tempfile::TempDir,
    pub dir: PathBuf,
    /// TMPDIR for every run, so tests can check nothing plaintext lands there.
    pub tmp: PathBuf,
}

impl Vault {
    /// A directory where a journal may be created; nothing is created yet.
    pub fn empty() -> Self {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("vault");
        let tmp = root.path().join("tmp");
        std::fs::create_dir_all(&tmp).unwrap();
        Vault {
            _root: root,
            dir,
            tmp,
        }
    }

    /// A new journal with the passphrase `PASS`.
    pub fn new() -> Self {
        let v = Self::empty();
        v.ok(&["init"]);
        v
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(binary());
        c.args(args)
            .env("CANDOR_VAULT", &self.dir)
            .env("CANDOR_PASSPHRASE", PASS)
            .env("TMPDIR", &self.tmp)
            .env_remove("CANDOR_NEW_PASSPHRASE")
            .env_remove("CANDOR_RECOVERY_CODE")
            .stdin(Stdio::null());
        c
    }

    pub fn run_with(&self, mut c: Command, stdin: Option<&str>) -> Output {
        if let Some(input) = stdin {
            c.stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            let mut child = c.spawn().unwrap();
            child
                .stdin
                .take()
                .unwrap()
                .write_all(input.as_bytes())
                .unwrap();
            child.wait_with_output().unwrap()
        } else {
            c.output().unwrap()
        }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(self.cmd(args), None)
    }

    /// Runs and expects success; returns standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_success(&out, args);
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn ok_stdin(&self, args: &[&str], stdin: &str) -> String {
        let out = self.run_with(self.cmd(args), Some(stdin));
        assert_success(&out, args);
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Logs an entry and returns its id.
    pub fn log(&self, args: &[&str]) -> String {
        let mut all = vec!["log"];
        all.extend_from_slice(args);
        self.ok(&all).trim().to_string()
    }
}

/// The `candor` under test: `CANDOR_BIN` when set (several worktrees sharing one target
/// directory overwrite each other's `target/debug/candor`), else the one cargo built.
pub fn binary() -> PathBuf {
    std::env::var_os("CANDOR_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_candor")))
}

pub fn assert_success(out: &Output, args: &[&str]) {
    assert!(
        out.status.success(),
        "candor {args:?} failed with {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file under `dir` with its bytes, sorted, for before/after comparisons.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    walk(dir, &mut |p| {
        out.push((p.to_path_buf(), std::fs::read(p).unwrap()))
    });
    out.sort();
    out
}

pub fn walk(dir: &Path, f: &mut dyn FnMut(&Path)) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, f);
        } else {
            f(&p);
        }
    }
}
