//! A hybrid logical clock: wall-clock milliseconds in the high bits, a counter in the low 16.
//! It never goes backwards on one device and always passes any clock it has seen, so the
//! order of two writes follows causality even when the devices' clocks disagree by days.

const COUNTER_BITS: u32 = 16;
/// A remote clock further ahead than this is not followed (a device whose clock is years
/// off would otherwise drag every device's clock with it); its operations still apply.
const MAX_LEAD_MS: i64 = 366 * 24 * 3600 * 1000;

pub(crate) fn wall_ms() -> i64 {
    chrono::Utc::now().timestamp_millis().max(0)
}

/// The next value after `last`.
pub(crate) fn tick(last: i64, wall_ms: i64) -> i64 {
    let physical = wall_ms << COUNTER_BITS;
    if physical > last {
        physical
    } else {
        last.saturating_add(1)
    }
}

/// `last` after seeing `remote`.
pub(crate) fn observe(last: i64, remote: i64, wall_ms: i64) -> i64 {
    let ceiling = (wall_ms.saturating_add(MAX_LEAD_MS)) << COUNTER_BITS;
    last.max(remote.min(ceiling))
}

/// Milliseconds since the epoch of a clock value, for showing "last seen".
pub(crate) fn millis(hlc: i64) -> i64 {
    hlc >> COUNTER_BITS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_forward_even_when_the_wall_clock_goes_back() {
        let a = tick(0, 1_000);
        let b = tick(a, 900);
        assert!(b > a);
        assert_eq!(millis(a), 1_000);
    }

    #[test]
    fn follows_a_clock_ahead_but_not_one_years_ahead() {
        let now = 1_700_000_000_000;
        let ahead = tick(0, now + 3 * 86_400_000);
        let seen = observe(tick(0, now), ahead, now);
        assert!(tick(seen, now) > ahead);
        let wild = (now + 10 * MAX_LEAD_MS) << COUNTER_BITS;
        assert!(observe(0, wild, now) < wild);
    }
}
