//! Statistics for benchmark samples: order statistics, MAD-based outliers, bootstrap
//! confidence intervals of the median and of a ratio of medians.
//!
//! Conventions (docs/methodology.md says the same for readers):
//! - percentiles interpolate linearly between closest ranks (R's type 7, numpy's default);
//! - an outlier has a modified z-score `0.6745·|x − median| / MAD` above 3.5 (Iglewicz and
//!   Hoaglin); outliers are counted and reported, never dropped from medians or CIs;
//! - confidence intervals are percentile bootstraps with a fixed seed, so the same samples
//!   always give the same interval.

mod change;
mod mann_whitney;
mod rng;

use serde::{Deserialize, Serialize};

pub use change::{Band, BandRule, ChangePoint, IQR_FENCE};
pub use mann_whitney::{mann_whitney, normal_upper_tail, MannWhitney};
pub use rng::Rng;

/// Resamples per bootstrap; the CI bounds move by well under 1% of their width beyond this.
pub const BOOTSTRAP_RESAMPLES: usize = 2000;

/// Modified z-score above which a sample is an outlier.
pub const OUTLIER_Z: f64 = 3.5;

/// The seed of every bootstrap (reproducible intervals).
const SEED: u64 = 0x6479_6e6f_5f62_6f6f;

/// Summary of one series of samples.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Number of samples.
    pub n: usize,
    pub median: f64,
    /// 95% bootstrap confidence interval of the median.
    pub ci_low: f64,
    pub ci_high: f64,
    pub mean: f64,
    /// Sample standard deviation (n − 1); 0 for a single sample.
    pub stddev: f64,
    pub min: f64,
    pub max: f64,
    /// Median absolute deviation from the median (unscaled).
    pub mad: f64,
    /// Samples whose modified z-score exceeds [`OUTLIER_Z`].
    pub outliers: usize,
}

impl Summary {
    /// Summarizes `samples`; `None` when there are none or any is not finite.
    pub fn of(samples: &[f64]) -> Option<Summary> {
        if samples.is_empty() || samples.iter().any(|x| !x.is_finite()) {
            return None;
        }
        let mut sorted = samples.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = percentile_sorted(&sorted, 0.5);
        let mean = sorted.iter().sum::<f64>() / n as f64;
        let stddev = if n > 1 {
            (sorted.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
        } else {
            0.0
        };
        let mad = mad_around(&sorted, median);
        let (ci_low, ci_high) = bootstrap_median_ci(samples, 0.95);
        Some(Summary {
            n,
            median,
            ci_low,
            ci_high,
            mean,
            stddev,
            min: sorted[0],
            max: sorted[n - 1],
            mad,
            outliers: outliers(samples).iter().filter(|&&o| o).count(),
        })
    }

    /// Half the CI's width relative to the median (0.02 = ±2%); infinite for a zero median.
    pub fn relative_ci_half_width(&self) -> f64 {
        if self.median == 0.0 {
            return f64::INFINITY;
        }
        (self.ci_high - self.ci_low) / 2.0 / self.median.abs()
    }
}

/// The median of `xs` (NaN for none).
pub fn median(xs: &[f64]) -> f64 {
    percentile(xs, 0.5)
}

/// The `p`-quantile of `xs` (`p` in 0..=1), linear between closest ranks; NaN for none.
pub fn percentile(xs: &[f64], p: f64) -> f64 {
    let mut sorted = xs.to_vec();
    sorted.sort_by(f64::total_cmp);
    percentile_sorted(&sorted, p)
}

/// [`percentile`] on samples already sorted ascending.
pub fn percentile_sorted(sorted: &[f64], p: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let rank = p.clamp(0.0, 1.0) * (n - 1) as f64;
            let lo = rank.floor() as usize;
            let hi = rank.ceil() as usize;
            let frac = rank - lo as f64;
            sorted[lo] + (sorted[hi] - sorted[lo]) * frac
        }
    }
}

/// Median absolute deviation of `xs` from their median (unscaled).
pub fn mad(xs: &[f64]) -> f64 {
    let m = median(xs);
    mad_around(xs, m)
}

fn mad_around(xs: &[f64], center: f64) -> f64 {
    let deviations: Vec<f64> = xs.iter().map(|x| (x - center).abs()).collect();
    median(&deviations)
}

/// Which samples are outliers by modified z-score (none when MAD is 0, where the score
/// is undefined: more than half the samples are equal).
pub fn outliers(xs: &[f64]) -> Vec<bool> {
    let m = median(xs);
    let d = mad_around(xs, m);
    xs.iter()
        .map(|x| d > 0.0 && 0.6745 * (x - m).abs() / d > OUTLIER_Z)
        .collect()
}

/// 95% CI of the median from order statistics (distribution-free; normal approximation
/// to the binomial ranks): cheap enough for a stopping rule checked after every sample.
/// Returns `(low, high, median)`; `None` for fewer than 2 samples.
pub fn median_ci_order(xs: &[f64]) -> Option<(f64, f64, f64)> {
    let n = xs.len();
    if n < 2 {
        return None;
    }
    let mut sorted = xs.to_vec();
    sorted.sort_by(f64::total_cmp);
    let half_width = 1.959_964 * (n as f64).sqrt() / 2.0;
    let lo = ((n as f64 / 2.0 - half_width).floor() as isize).clamp(1, n as isize) as usize;
    let hi = ((1.0 + n as f64 / 2.0 + half_width).ceil() as isize).clamp(1, n as isize) as usize;
    Some((
        sorted[lo - 1],
        sorted[hi - 1],
        percentile_sorted(&sorted, 0.5),
    ))
}

/// Percentile-bootstrap CI of the median at `level` (0.95 for 95%).
pub fn bootstrap_median_ci(xs: &[f64], level: f64) -> (f64, f64) {
    if xs.len() < 2 {
        let m = median(xs);
        return (m, m);
    }
    let mut rng = Rng::new(SEED);
    let mut medians = Vec::with_capacity(BOOTSTRAP_RESAMPLES);
    let mut scratch = vec![0.0; xs.len()];
    for _ in 0..BOOTSTRAP_RESAMPLES {
        medians.push(resampled_median(xs, &mut scratch, &mut rng));
    }
    medians.sort_by(f64::total_cmp);
    let tail = (1.0 - level) / 2.0;
    (
        percentile_sorted(&medians, tail),
        percentile_sorted(&medians, 1.0 - tail),
    )
}

fn resampled_median(xs: &[f64], scratch: &mut [f64], rng: &mut Rng) -> f64 {
    for slot in scratch.iter_mut() {
        *slot = xs[rng.below(xs.len())];
    }
    let n = scratch.len();
    let (_, &mut upper, _) = scratch.select_nth_unstable_by(n / 2, f64::total_cmp);
    if n % 2 == 1 {
        upper
    } else {
        // The lower middle is the largest of the left part.
        let lower = scratch[..n / 2]
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        (lower + upper) / 2.0
    }
}

/// A ratio of medians with its bootstrap CI.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Ratio {
    pub ratio: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

/// `median(a) / median(b)` with a 95% percentile-bootstrap CI from resampling both series
/// independently (this is how the uncertainty of both medians propagates into the ratio).
pub fn ratio_of_medians(a: &[f64], b: &[f64]) -> Option<Ratio> {
    let (ma, mb) = (median(a), median(b));
    if a.is_empty() || b.is_empty() || mb == 0.0 || !ma.is_finite() || !mb.is_finite() {
        return None;
    }
    let mut rng = Rng::new(SEED ^ 0x5a5a);
    let (mut sa, mut sb) = (vec![0.0; a.len()], vec![0.0; b.len()]);
    let mut ratios = Vec::with_capacity(BOOTSTRAP_RESAMPLES);
    for _ in 0..BOOTSTRAP_RESAMPLES {
        let ra = resampled_median(a, &mut sa, &mut rng);
        let rb = resampled_median(b, &mut sb, &mut rng);
        if rb != 0.0 {
            ratios.push(ra / rb);
        }
    }
    ratios.sort_by(f64::total_cmp);
    Some(Ratio {
        ratio: ma / mb,
        ci_low: percentile_sorted(&ratios, 0.025),
        ci_high: percentile_sorted(&ratios, 0.975),
    })
}

#[cfg(test)]
mod tests;
