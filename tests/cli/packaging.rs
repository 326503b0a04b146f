//! What `cargo install candor-cli` installs: `candor` only. The benchmarks need the
//! `bench` feature, and the demo generator is an engine feature the CLI turns on.

use serde_json::Value;

fn metadata() -> Value {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .args(["--manifest-path", manifest])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn package<'a>(m: &'a Value, name: &str) -> &'a Value {
    m["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap()
}

#[test]
fn cargo_install_of_the_cli_builds_only_candor() {
    let m = metadata();
    let cli = package(&m, "candor-cli");
    let installed: Vec<&str> = cli["targets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"].as_array().unwrap().iter().any(|k| k == "bin"))
        .filter(|t| {
            let needs = t["required-features"].as_array();
            needs.is_none_or(|f| {
                f.iter()
                    .all(|f| cli["features"]["default"].as_array().unwrap().contains(f))
            })
        })
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(installed, ["candor"]);
    let engine = package(&m, "candor-engine");
    assert!(
        engine["features"]["demo"].is_array(),
        "the demo is a feature"
    );
    assert!(
        !engine["features"]["default"]
            .as_array()
            .is_some_and(|d| d.iter().any(|f| f == "demo")),
        "and not a default one"
    );
}
