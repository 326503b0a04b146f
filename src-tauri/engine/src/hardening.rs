//! Process hardening for both faces, called first thing in `main`: no core dumps (a dump
//! holds the data key and decrypted entries), and a panic hook that says where, never what
//! (a panic message can quote journal text).

#[derive(Debug, thiserror::Error)]
pub enum HardeningError {
    #[error("could not turn core dumps off: {0}")]
    CoreDumps(std::io::Error),
}

/// Sets RLIMIT_CORE to 0 (soft and hard, so nothing later raises it) and, on Linux, marks
/// the process not dumpable (PR_SET_DUMPABLE 0), which also keeps other processes of the
/// same user from attaching to it. A no-op off Unix.
pub fn disable_core_dumps() -> Result<(), HardeningError> {
    #[cfg(unix)]
    {
        use rustix::process::{setrlimit, Resource, Rlimit};
        setrlimit(
            Resource::Core,
            Rlimit {
                current: Some(0),
                maximum: Some(0),
            },
        )
        .map_err(|e| HardeningError::CoreDumps(e.into()))?;
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{set_dumpable_behavior, DumpableBehavior};
        set_dumpable_behavior(DumpableBehavior::NotDumpable)
            .map_err(|e| HardeningError::CoreDumps(e.into()))?;
    }
    Ok(())
}

/// The one line a panic prints: the program and the source location, never the payload.
pub fn panic_report(program: &str, info: &std::panic::PanicHookInfo<'_>) -> String {
    let place = info
        .location()
        .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
        .unwrap_or_else(|| "an unknown place".into());
    format!("{program}: internal error at {place} (details withheld: they can hold journal text); please report it")
}

/// Replaces the default panic hook (which prints the payload) with [`panic_report`].
pub fn install_panic_hook(program: &'static str) {
    std::panic::set_hook(Box::new(move |info| {
        eprintln!("{}", panic_report(program, info));
    }));
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::process::Command;

    /// Runs `test` alone in a fresh copy of this test binary, so process-wide changes
    /// (limits, the panic hook) do not leak into other tests.
    fn in_child(test: &str) -> std::process::Output {
        Command::new(std::env::current_exe().unwrap())
            .args(["--exact", test, "--nocapture", "--test-threads", "1"])
            .env("CANDOR_HARDENING_CHILD", "1")
            .output()
            .unwrap()
    }

    fn is_child() -> bool {
        std::env::var_os("CANDOR_HARDENING_CHILD").is_some()
    }

    #[test]
    fn core_dumps_are_off_after_the_call() {
        if !is_child() {
            let out = in_child("hardening::tests::core_dumps_are_off_after_the_call");
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success() && text.contains("1 passed"), "{text}");
            return;
        }
        disable_core_dumps().unwrap();
        let limit = rustix::process::getrlimit(rustix::process::Resource::Core);
        assert_eq!(limit.current, Some(0));
        assert_eq!(limit.maximum, Some(0));
        #[cfg(target_os = "linux")]
        assert_eq!(
            rustix::process::dumpable_behavior().unwrap(),
            rustix::process::DumpableBehavior::NotDumpable
        );
    }

    #[test]
    fn a_panic_prints_its_place_not_its_payload() {
        if !is_child() {
            let out = in_child("hardening::tests::a_panic_prints_its_place_not_its_payload");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{err}");
            assert!(
                err.contains("internal error at") && err.contains("hardening.rs"),
                "{err}"
            );
            assert!(!err.contains("Canarysecret"), "{err}");
            return;
        }
        install_panic_hook("candor");
        let body = String::from("Canarysecret note");
        // Caught here, so the test harness does not report the payload itself.
        let caught = std::panic::catch_unwind(|| panic!("could not save {body}"));
        assert!(caught.is_err());
    }
}
