use proptest::prelude::*;

use super::Rng;
use super::*;

#[test]
fn percentiles_by_hand() {
    // Type-7 quantiles of 1..=5 and of an even series, checked against R's quantile().
    let xs = [5.0, 1.0, 4.0, 2.0, 3.0];
    assert_eq!(median(&xs), 3.0);
    assert_eq!(percentile(&xs, 0.0), 1.0);
    assert_eq!(percentile(&xs, 1.0), 5.0);
    assert_eq!(percentile(&xs, 0.25), 2.0);
    assert!((percentile(&xs, 0.9) - 4.6).abs() < 1e-12);
    let even = [10.0, 20.0, 30.0, 40.0];
    assert_eq!(median(&even), 25.0);
    assert!((percentile(&even, 0.99) - 39.7).abs() < 1e-9);
    assert!(median(&[]).is_nan());
    assert_eq!(median(&[7.0]), 7.0);
}

#[test]
fn mad_and_outliers_by_hand() {
    // median 3, deviations [2,1,0,1,97] → MAD 1; z(100) = 0.6745·97 = 65.4 > 3.5.
    let xs = [1.0, 2.0, 3.0, 4.0, 100.0];
    assert_eq!(mad(&xs), 1.0);
    assert_eq!(outliers(&xs), vec![false, false, false, false, true]);
    // 3.5 / 0.6745 = 5.19 MADs: 8 is 5 MADs out (kept), 9 is 6 (outlier).
    let ys = [2.0, 3.0, 3.0, 4.0, 8.0];
    assert_eq!(mad(&ys), 1.0);
    assert_eq!(outliers(&ys), vec![false; 5]);
    let zs = [2.0, 3.0, 3.0, 4.0, 9.0];
    assert_eq!(outliers(&zs), vec![false, false, false, false, true]);
    // More than half equal: MAD 0, nothing is called an outlier.
    assert_eq!(outliers(&[1.0, 1.0, 1.0, 50.0]), vec![false; 4]);
}

#[test]
fn summary_by_hand() {
    let s = Summary::of(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]).unwrap();
    assert_eq!(s.n, 8);
    assert_eq!(s.median, 4.5);
    assert_eq!(s.mean, 5.0);
    assert!((s.stddev - (32.0f64 / 7.0).sqrt()).abs() < 1e-12);
    assert_eq!((s.min, s.max), (2.0, 9.0));
    assert!(s.ci_low <= s.median && s.median <= s.ci_high);
    assert!(Summary::of(&[]).is_none());
    assert!(Summary::of(&[1.0, f64::NAN]).is_none());
    let one = Summary::of(&[3.0]).unwrap();
    assert_eq!((one.ci_low, one.ci_high, one.stddev), (3.0, 3.0, 0.0));
}

#[test]
fn constant_samples_have_a_zero_width_interval() {
    let s = Summary::of(&[10.0; 30]).unwrap();
    assert_eq!((s.ci_low, s.median, s.ci_high), (10.0, 10.0, 10.0));
    assert_eq!(s.relative_ci_half_width(), 0.0);
}

#[test]
fn bootstrap_is_reproducible_and_narrows_with_more_samples() {
    let mut rng = Rng::new(1);
    let draw = |rng: &mut Rng, n: usize| -> Vec<f64> {
        (0..n)
            .map(|_| 100.0 + (rng.next_u64() % 1000) as f64 / 100.0)
            .collect()
    };
    let small = draw(&mut rng, 10);
    let large = draw(&mut rng, 400);
    assert_eq!(
        bootstrap_median_ci(&small, 0.95),
        bootstrap_median_ci(&small, 0.95)
    );
    let width = |xs: &[f64]| {
        let (lo, hi) = bootstrap_median_ci(xs, 0.95);
        hi - lo
    };
    assert!(width(&large) < width(&small));
}

#[test]
fn order_statistic_ci_by_hand() {
    // n = 100: ranks 50 ± 9.8 → 40th and 61st of 1..=100.
    let xs: Vec<f64> = (1..=100).map(f64::from).collect();
    assert_eq!(median_ci_order(&xs), Some((40.0, 61.0, 50.5)));
    assert_eq!(median_ci_order(&[1.0]), None);
    // Tiny samples span everything.
    assert_eq!(median_ci_order(&[3.0, 1.0, 2.0]), Some((1.0, 3.0, 2.0)));
}

#[test]
fn ratio_by_hand() {
    let a = [20.0, 20.0, 20.0];
    let b = [10.0, 10.0, 10.0];
    let r = ratio_of_medians(&a, &b).unwrap();
    assert_eq!((r.ratio, r.ci_low, r.ci_high), (2.0, 2.0, 2.0));
    assert!(ratio_of_medians(&a, &[0.0]).is_none());
    assert!(ratio_of_medians(&[], &b).is_none());
}

fn samples() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(0.001f64..1e6, 1..120)
}

proptest! {
    // Each case bootstraps (2000 resamples) in a debug build; 48 cases keep this quick.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn median_lies_between_min_and_max(xs in samples()) {
        let s = Summary::of(&xs).unwrap();
        prop_assert!(s.min <= s.median && s.median <= s.max);
        prop_assert!(s.min <= s.mean && s.mean <= s.max * (1.0 + 1e-12));
    }

    #[test]
    fn ci_brackets_the_median_within_the_range(xs in samples()) {
        let s = Summary::of(&xs).unwrap();
        prop_assert!(s.min <= s.ci_low && s.ci_low <= s.ci_high && s.ci_high <= s.max);
        // A median of resamples is never further out than the samples' middle half allows.
        prop_assert!(s.ci_low <= s.median * (1.0 + 1e-12) || xs.len() < 3);
    }

    #[test]
    fn percentiles_are_monotone(xs in samples(), p in 0.0f64..1.0, q in 0.0f64..1.0) {
        let (lo, hi) = if p <= q { (p, q) } else { (q, p) };
        prop_assert!(percentile(&xs, lo) <= percentile(&xs, hi));
    }

    #[test]
    fn scaling_scales_everything(xs in samples(), k in 0.01f64..100.0) {
        let scaled: Vec<f64> = xs.iter().map(|x| x * k).collect();
        let (a, b) = (Summary::of(&xs).unwrap(), Summary::of(&scaled).unwrap());
        let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1e-300);
        prop_assert!(close(a.median * k, b.median));
        prop_assert!(close(a.ci_low * k, b.ci_low));
        prop_assert!(close(a.ci_high * k, b.ci_high));
        prop_assert_eq!(a.outliers, b.outliers);
    }

    #[test]
    fn ratio_of_a_series_with_itself_is_one(xs in samples()) {
        let r = ratio_of_medians(&xs, &xs).unwrap();
        prop_assert!((r.ratio - 1.0).abs() < 1e-12);
        prop_assert!(r.ci_low <= 1.0 + 1e-12 && r.ci_high >= 1.0 - 1e-12);
    }

    #[test]
    fn below_stays_in_range(seed in any::<u64>(), n in 1usize..10_000) {
        let mut rng = Rng::new(seed);
        for _ in 0..100 {
            prop_assert!(rng.below(n) < n);
        }
    }
}

#[test]
fn mann_whitney_published_example() {
    // R's wilcox.test help page (Hollander & Wolfe 1973, p. 69): W = 35, exact
    // one-sided p = 0.1272, so two-sided 0.2544 (scipy.stats.mannwhitneyu agrees).
    let x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    let y = [1.15, 0.88, 0.90, 0.74, 1.21];
    let t = mann_whitney(&x, &y).unwrap();
    assert_eq!(t.u, 35.0);
    assert!(t.exact);
    assert!((t.p_value - 0.254_412_254_4).abs() < 1e-9, "{t:?}");
}

#[test]
fn mann_whitney_against_scipy() {
    // Exact, no ties, 30 vs 30: scipy exact p = 0.29279105.
    let a: Vec<f64> = (1..=30).map(f64::from).collect();
    let b: Vec<f64> = (3..33).map(|i| f64::from(i) + 0.5).collect();
    let t = mann_whitney(&a, &b).unwrap();
    assert_eq!(t.u, 378.0);
    assert!(t.exact);
    assert!((t.p_value - 0.292_791_052_2).abs() < 1e-8, "{t:?}");
    // Ties: the normal approximation with tie and continuity corrections
    // (scipy method='asymptotic', use_continuity=True: U = 30, p = 0.0093716642).
    let a = [1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 4.0, 5.0, 5.0, 6.0, 7.0, 8.0];
    let b = [
        3.0, 4.0, 4.0, 5.0, 6.0, 6.0, 7.0, 8.0, 8.0, 9.0, 9.0, 10.0, 11.0,
    ];
    let t = mann_whitney(&a, &b).unwrap();
    assert_eq!(t.u, 30.0);
    assert!(!t.exact);
    assert!((t.p_value - 0.009_371_664_2).abs() < 1e-6, "{t:?}");
    // Large with ties: 60 vs 70 (scipy: U = 1898, p = 0.34666234).
    let a: Vec<f64> = (0..60).map(|i| f64::from((i * 37) % 101)).collect();
    let b: Vec<f64> = (0..70).map(|i| f64::from((i * 53) % 97 + 8)).collect();
    let t = mann_whitney(&a, &b).unwrap();
    assert_eq!(t.u, 1898.0);
    assert!((t.p_value - 0.346_662_338).abs() < 1e-6, "{t:?}");
}

#[test]
fn mann_whitney_degenerate_inputs() {
    assert!(mann_whitney(&[], &[1.0]).is_none());
    assert!(mann_whitney(&[f64::NAN], &[1.0]).is_none());
    let same = mann_whitney(&[5.0; 20], &[5.0; 20]).unwrap();
    assert_eq!(same.p_value, 1.0);
}

fn series() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(1.0f64..1000.0, 8..60)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn identical_samples_show_no_change(xs in series()) {
        let t = mann_whitney(&xs, &xs).unwrap();
        prop_assert!(t.p_value > 0.99, "{t:?}");
        let r = ratio_of_medians(&xs, &xs).unwrap();
        prop_assert!((r.ratio - 1.0).abs() < 1e-12);
        prop_assert!(r.ci_low <= 1.0 && r.ci_high >= 1.0);
    }

    #[test]
    fn a_shifted_copy_is_detected_with_its_sign(xs in prop::collection::vec(100.0f64..110.0, 20..60)) {
        // Every sample 20% larger: all pairs ordered, U at its extreme.
        let shifted: Vec<f64> = xs.iter().map(|x| x * 1.2).collect();
        let up = mann_whitney(&shifted, &xs).unwrap();
        prop_assert!(up.p_value < 0.001, "{up:?}");
        prop_assert!(up.u > (xs.len() * xs.len()) as f64 / 2.0);
        let down = mann_whitney(&xs, &shifted).unwrap();
        prop_assert!(down.u < (xs.len() * xs.len()) as f64 / 2.0);
        let r = ratio_of_medians(&shifted, &xs).unwrap();
        prop_assert!(r.ci_low > 1.0 && (r.ratio - 1.2).abs() < 1e-9);
    }

    #[test]
    fn u_test_is_scale_invariant(a in series(), b in series(), scale in 0.001f64..1000.0) {
        let t = mann_whitney(&a, &b).unwrap();
        let sa: Vec<f64> = a.iter().map(|x| x * scale).collect();
        let sb: Vec<f64> = b.iter().map(|x| x * scale).collect();
        let s = mann_whitney(&sa, &sb).unwrap();
        prop_assert_eq!(t.u, s.u);
        prop_assert!((t.p_value - s.p_value).abs() < 1e-12);
        // The ratio of medians is scale-free too.
        let (r, rs) = (ratio_of_medians(&a, &b).unwrap(), ratio_of_medians(&sa, &sb).unwrap());
        prop_assert!((r.ratio - rs.ratio).abs() < 1e-9 * r.ratio);
    }

    #[test]
    fn u_statistics_of_both_sides_sum_to_pairs(a in series(), b in series()) {
        let (ab, ba) = (mann_whitney(&a, &b).unwrap(), mann_whitney(&b, &a).unwrap());
        prop_assert!((ab.u + ba.u - (a.len() * b.len()) as f64).abs() < 1e-9);
        prop_assert!((ab.p_value - ba.p_value).abs() < 1e-9);
    }
}
