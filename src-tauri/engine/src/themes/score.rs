//! Dunning's log-likelihood ratio (G²) over entry counts: how surprising it is that a term
//! appears in this many of the scope's entries, given how often it appears elsewhere.

fn xlogy(x: f64, expected: f64) -> f64 {
    if x > 0.0 && expected > 0.0 {
        x * (x / expected).ln()
    } else {
        0.0
    }
}

/// G² for a term in `a` of the `n` entries in scope and `b` of the `m` entries outside it.
pub fn g2(a: u32, n: u32, b: u32, m: u32) -> f64 {
    g2_groups(&[a, b], &[n, m])
}

/// G² over any number of groups: `with[g]` of the `sizes[g]` entries of group `g` contain
/// the term. Zero when the term is spread in proportion to the groups' sizes.
pub fn g2_groups(with: &[u32], sizes: &[u32]) -> f64 {
    let total: f64 = sizes.iter().map(|&s| f64::from(s)).sum();
    let hits: f64 = with.iter().map(|&w| f64::from(w)).sum();
    if total <= 0.0 || hits <= 0.0 || hits >= total {
        return 0.0;
    }
    let p = hits / total;
    let mut sum = 0.0;
    for (&w, &s) in with.iter().zip(sizes) {
        let (w, s) = (f64::from(w.min(s)), f64::from(s));
        sum += xlogy(w, s * p) + xlogy(s - w, s * (1.0 - p));
    }
    2.0 * sum
}

/// True when the term is proportionally more common in scope than outside it.
pub fn over_represented(a: u32, n: u32, b: u32, m: u32) -> bool {
    // a/n > b/m without division.
    u64::from(a) * u64::from(m) > u64::from(b) * u64::from(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // Worked by hand: 2 * sum(O * ln(O / E)) over the four cells.
        assert!((g2(10, 20, 10, 80) - 12.071_371_684).abs() < 1e-6);
        // Same proportion in and out: nothing to see.
        assert_eq!(g2(3, 50, 30, 500), 0.0);
        assert_eq!(g2(5, 10, 5, 10), 0.0);
        // Everywhere or nowhere: no evidence either way.
        assert_eq!(g2(0, 10, 0, 10), 0.0);
        assert_eq!(g2(10, 10, 10, 10), 0.0);
    }

    #[test]
    fn grows_with_evidence_and_is_symmetric() {
        assert!(g2(20, 40, 20, 160) > g2(10, 20, 10, 80));
        assert!((g2(10, 20, 10, 80) - g2(10, 80, 10, 20)).abs() < 1e-9);
        assert!(over_represented(10, 20, 10, 80));
        assert!(!over_represented(1, 20, 10, 80));
        // Three groups, all the hits in one.
        assert!(g2_groups(&[9, 0, 0], &[10, 10, 10]) > 20.0);
        assert_eq!(g2_groups(&[2, 2, 2], &[10, 10, 10]), 0.0);
    }
}
