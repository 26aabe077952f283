//! The Mann-Whitney U test (Wilcoxon rank-sum): does one series of samples tend to be
//! larger than the other?
//!
//! Why this test: benchmark samples are skewed and heavy-tailed (a GC pause, a preempted
//! run), so a t-test's normality assumption fails exactly where regressions hide. U uses
//! only ranks, so it is robust to outliers and invariant to the unit (ms or s) and to any
//! monotone rescaling. It is what Node's benchmark/compare.R offers beside the t-test.
//!
//! p-values follow R's `wilcox.test`: the exact null distribution when both series have
//! fewer than 50 samples and no ties, otherwise the normal approximation with the tie
//! correction of the variance and a continuity correction of 0.5.

use serde::{Deserialize, Serialize};

/// Below this many samples per series (and without ties) the p-value is exact, as in R.
const EXACT_BELOW: usize = 50;

/// Result of a two-sided Mann-Whitney U test of `a` against `b`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MannWhitney {
    /// U of the first series: the number of (a, b) pairs with a > b, ties counting ½.
    pub u: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// Whether the p-value came from the exact distribution.
    pub exact: bool,
}

/// Two-sided Mann-Whitney U test; `None` when either series is empty or not finite.
pub fn mann_whitney(a: &[f64], b: &[f64]) -> Option<MannWhitney> {
    let (n1, n2) = (a.len(), b.len());
    if n1 == 0 || n2 == 0 || a.iter().chain(b).any(|x| !x.is_finite()) {
        return None;
    }
    let mut all: Vec<(f64, bool)> = a
        .iter()
        .map(|&x| (x, true))
        .chain(b.iter().map(|&x| (x, false)))
        .collect();
    all.sort_by(|x, y| x.0.total_cmp(&y.0));
    // Mid-ranks for ties; remember tie-group sizes for the variance correction.
    let mut rank_sum_a = 0.0;
    let mut tie_term = 0.0;
    let mut i = 0;
    while i < all.len() {
        let mut j = i;
        while j + 1 < all.len() && all[j + 1].0 == all[i].0 {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        let t = (j - i + 1) as f64;
        tie_term += t * t * t - t;
        rank_sum_a += rank * all[i..=j].iter().filter(|e| e.1).count() as f64;
        i = j + 1;
    }
    let (f1, f2) = (n1 as f64, n2 as f64);
    let u = rank_sum_a - f1 * (f1 + 1.0) / 2.0;
    let ties = tie_term > 0.0;
    if n1 < EXACT_BELOW && n2 < EXACT_BELOW && !ties {
        // U is then an integer.
        let u_int = u.round() as usize;
        let dist = u_distribution(n1, n2);
        let total: f64 = dist.iter().sum();
        let le: f64 = dist[..=u_int].iter().sum::<f64>() / total;
        let ge: f64 = dist[u_int..].iter().sum::<f64>() / total;
        return Some(MannWhitney {
            u,
            p_value: (2.0 * le.min(ge)).min(1.0),
            exact: true,
        });
    }
    let n = f1 + f2;
    let mean = f1 * f2 / 2.0;
    let variance = f1 * f2 / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)));
    if variance <= 0.0 {
        // Every sample equal: no evidence of any difference.
        return Some(MannWhitney {
            u,
            p_value: 1.0,
            exact: false,
        });
    }
    let diff = u - mean;
    let z = (diff.abs() - 0.5).max(0.0) / variance.sqrt();
    Some(MannWhitney {
        u,
        p_value: (2.0 * normal_upper_tail(z)).min(1.0),
        exact: false,
    })
}

/// Counts of each U value (0..=n1·n2) over all arrangements of n1 + n2 distinct values:
/// the coefficients of the Gaussian binomial [n1+n2 choose n1]_q, built as
/// ∏ᵢ (1 − q^(n2+i)) / (1 − qⁱ) for i in 1..=n1. Counts are f64 (they overflow u64 past
/// ~60 samples; only their ratios matter).
fn u_distribution(n1: usize, n2: usize) -> Vec<f64> {
    let max = n1 * n2;
    let mut poly = vec![0.0; max + 1];
    poly[0] = 1.0;
    for i in 1..=n1 {
        // Multiply by (1 − q^(n2+i)).
        let shift = n2 + i;
        for k in (shift..=max).rev() {
            poly[k] -= poly[k - shift];
        }
        // Divide by (1 − q^i): b[k] = a[k] + b[k − i].
        for k in i..=max {
            poly[k] += poly[k - i];
        }
    }
    poly
}

/// P(Z > z) for a standard normal Z, through erfc.
pub fn normal_upper_tail(z: f64) -> f64 {
    0.5 * erfc(z / std::f64::consts::SQRT_2)
}

/// Complementary error function, Numerical Recipes' Chebyshev fit (`erfcc`), fractional
/// error below 1.2e-7 everywhere — far finer than any p-value threshold.
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn distribution_counts_match_binomials() {
        // Sum of counts is C(n1+n2, n1); the distribution is symmetric.
        let d = u_distribution(3, 4);
        assert_eq!(d.iter().sum::<f64>(), 35.0);
        assert_eq!(d, d.iter().rev().copied().collect::<Vec<_>>());
        assert_eq!(d[0], 1.0);
        assert_eq!(u_distribution(1, 1), vec![1.0, 1.0]);
    }

    #[test]
    fn normal_tail_values() {
        assert!(close(normal_upper_tail(0.0), 0.5, 1e-7));
        assert!(close(normal_upper_tail(1.959_964), 0.025, 1e-6));
        assert!(close(normal_upper_tail(-1.0), 0.841_344_75, 1e-6));
    }
}
