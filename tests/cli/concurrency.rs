//! Two processes writing one journal at once: both succeed, nothing is lost.

use std::thread;

use crate::support::Vault;

#[test]
fn two_writers_do_not_corrupt_the_journal() {
    let v = Vault::new();
    thread::scope(|s| {
        for w in 0..2 {
            let v = &v;
            s.spawn(move || {
                for i in 0..6 {
                    v.log(&["note", "--title", &format!("writer {w} note {i}"), "--body", "x"]);
                }
            });
        }
    });
    let list = v.json(&["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 12);
}
