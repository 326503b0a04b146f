//! Nothing readable on disk: a unique word written through every command must
//! appear in no file under the vault or the temp directory.

use crate::support::{walk, Vault};

const CANARY: &str = "Xylocanary7731";

fn assert_no_canary(v: &Vault) {
    let needles = [
        CANARY.as_bytes().to_vec(),
        CANARY.to_lowercase().into_bytes(),
    ];
    let mut checked = 0;
    for dir in [&v.dir, &v.tmp] {
        walk(dir, &mut |p| {
            let bytes = std::fs::read(p).unwrap();
            checked += 1;
            for n in &needles {
                assert!(
                    !bytes.windows(n.len()).any(|w| w == n.as_slice()),
                    "plaintext canary found in {}",
                    p.display()
                );
            }
        });
    }
    assert!(checked >= 2, "the vault files were checked");
}

#[test]
fn canary_never_reaches_the_disk() {
    let v = Vault::new();
    v.ok(&[
        "person",
        "add",
        &format!("Person {CANARY}"),
        "--role",
        CANARY,
    ]);
    let id = v.log(&[
        "feedback",
        "--with",
        &format!("Person {CANARY}"),
        "--title",
        CANARY,
        "--tag",
        CANARY,
        "--situation",
        CANARY,
        "--behavior",
        CANARY,
        "--impact",
        CANARY,
        "--body",
        &format!("body {CANARY}"),
    ]);
    v.ok_stdin(&["log", "reflection"], &format!("stdin {CANARY}\n"));
    let file = v.tmp.join("body.md");
    std::fs::write(&file, format!("file {CANARY}")).unwrap();
    v.log(&["note", "--body-file", file.to_str().unwrap()]);
    std::fs::remove_file(&file).unwrap();
    v.ok(&[
        "edit",
        &id,
        "--body",
        &format!("edited {CANARY}"),
        "--title",
        &format!("{CANARY} 2"),
    ]);
    v.ok(&["todo", "add", "--with", &format!("Person {CANARY}"), CANARY]);
    let goal = v.ok(&[
        "goal",
        "add",
        "--with",
        &format!("Person {CANARY}"),
        "--description",
        CANARY,
        &format!("goal {CANARY}"),
    ]);
    v.ok(&["goal", "link", goal.trim(), &id]);
    v.ok(&["star", &id]);
    let packet = v.ok(&[
        "review",
        &format!("Person {CANARY}"),
        "--since",
        "2020-01-01",
    ]);
    assert!(packet.contains(CANARY), "the review reads the journal");
    v.ok(&["delete", &id]);
    v.ok(&["trash", "restore", &id]);
    v.ok(&["demo", "--entries", "50"]);
    // The search index holds every word too: it must stay inside the encrypted database.
    let found = v.ok(&["search", &CANARY.to_lowercase(), "--json"]);
    assert!(
        found.contains("\"total\": 3"),
        "the canary was indexed: {found}"
    );
    v.ok(&["reindex"]);
    assert!(v
        .ok(&["search", &format!("{}*", &CANARY[..6])])
        .contains(CANARY));
    let mut c = v.cmd(&["passwd"]);
    c.env("CANDOR_NEW_PASSPHRASE", "another long passphrase");
    assert!(v.run_with(c, None).status.success());
    // Reading must not spill either (sorts, temp tables).
    let mut c = v.cmd(&["list", "--json"]);
    c.env("CANDOR_PASSPHRASE", "another long passphrase");
    let out = v.run_with(c, None);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(CANARY),
        "the canary was really written"
    );
    assert_no_canary(&v);
}
