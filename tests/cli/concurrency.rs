//! Two processes writing one journal at once: each write lands whole, or the
//! second process is told clearly that the journal is busy. Nothing is corrupted.

use std::thread;

use crate::support::{stderr, Vault};

#[test]
fn two_writers_do_not_corrupt_the_journal() {
    let v = Vault::new();
    let mut landed = 0;
    thread::scope(|s| {
        // A long writer (thousands of entries in big transactions)...
        let bulk = s.spawn(|| v.run(&["demo", "--entries", "3000", "--until", "2026-06-30"]));
        // ...and small writers at the same time.
        let notes: Vec<_> = (0..2)
            .map(|w| {
                let v = &v;
                s.spawn(move || {
                    (0..5)
                        .map(|i| {
                            let title = format!("writer {w} note {i}");
                            v.run(&["log", "note", "--title", &title, "--body", "x"])
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let bulk = bulk.join().unwrap();
        assert!(bulk.status.success(), "{}", stderr(&bulk));
        for out in notes.into_iter().flat_map(|h| h.join().unwrap()) {
            if out.status.success() {
                landed += 1;
            } else {
                assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
                assert!(stderr(&out).contains("busy"));
            }
        }
    });
    let list = v.json(&["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 3000 + landed);
    assert!(
        landed > 0,
        "small writes got through while the bulk write ran"
    );
}
