//! Small number helpers that keep the wasm small: Rust's float parsing and formatting, and the
//! panic messages of `f64::clamp`, would each pull kilobytes of machinery into the build.

use crate::prelude::*;

/// `v` limited to `lo..=hi` (NaN becomes `lo`). Unlike `f64::clamp`, it never panics.
pub fn within(v: f64, lo: f64, hi: f64) -> f64 {
    if v.is_nan() {
        lo
    } else {
        v.max(lo).min(hi)
    }
}

// Rounding, which `core` does not have (the shipped engine is built without std), made from
// the float-to-integer conversion, which wasm has as one instruction. The tests hold each to
// std's.

/// `x` without its fractional part, as `f64::trunc`.
pub fn trunc(x: f64) -> f64 {
    // From 2^52 on every f64 is whole (and NaN and the infinities stay as they are).
    if x.abs() < 4_503_599_627_370_496.0 {
        ((x as i64) as f64).copysign(x)
    } else {
        x
    }
}

/// `x` rounded down, as `f64::floor`.
pub fn floor(x: f64) -> f64 {
    let t = trunc(x);
    if t > x {
        t - 1.0
    } else {
        t
    }
}

/// `x` rounded up, as `f64::ceil`.
pub fn ceil(x: f64) -> f64 {
    let t = trunc(x);
    if t < x {
        t + 1.0
    } else {
        t
    }
}

/// `x` to the nearest whole number, halves away from zero, as `f64::round` (wasm's own
/// `nearest` rounds halves to even).
pub fn round(x: f64) -> f64 {
    let t = trunc(x);
    // Exact: `x` and `t` are within 1 of each other.
    if (x - t).abs() >= 0.5 {
        t + x.signum()
    } else {
        t
    }
}

/// What `x` has after its point, as `f64::fract`.
pub fn fract(x: f64) -> f64 {
    x - trunc(x)
}

/// A plain decimal: digits with at most one point, at most 12 characters. No signs, exponents,
/// `inf` or `NaN`: options are written by people, and those are never what they meant. The
/// point may be a comma, as French, Spanish and many other languages write it ("2,5"): a
/// clinician who types `minutes="2,5"` means two and a half.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() || t.len() > 12 || t == "." || t == "," {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut decimals: Option<u32> = None;
    for c in t.chars() {
        match (c, decimals) {
            ('.' | ',', None) => decimals = Some(0),
            ('0'..='9', _) => {
                mantissa = mantissa * 10 + u64::from(c as u32 - '0' as u32);
                if let Some(d) = decimals.as_mut() {
                    *d += 1;
                }
            }
            _ => return None,
        }
    }
    // At most 11 decimals: every power of ten here is exact.
    let scale = (0..decimals.unwrap_or(0)).fold(1.0, |s, _| s * 10.0);
    Some(mantissa as f64 / scale)
}

/// Appends a whole number in decimal.
pub fn push_uint(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        if let Some(d) = digits.get_mut(i) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    for d in digits.iter().skip(i) {
        out.push(char::from(*d));
    }
}

/// A whole number as a string.
pub fn uint(n: u64) -> String {
    let mut s = String::new();
    push_uint(&mut s, n);
    s
}

/// Appends seconds (or any small quantity) with at most one decimal: `4`, `5.5`.
pub fn push_secs(out: &mut String, secs: f64) {
    let tenths = round(within(secs, 0.0, 1e12) * 10.0) as u64;
    push_uint(out, tenths / 10);
    if !tenths.is_multiple_of(10) {
        out.push('.');
        push_uint(out, tenths % 10);
    }
}

/// Sorts `v` so that no element is `less` than the one before it: a heap sort, O(n log n),
/// not stable. It costs a few hundred bytes of wasm per use where each of the standard
/// library's sorts costs several kilobytes. Use it with a total order (tie-break on an id), and
/// the result is the same as a stable sort's.
pub fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    // Stored documents are kept sorted, so most calls find their input in order: one pass then.
    if v.windows(2).all(|w| !matches!(w, [a, b] if less(b, a))) {
        return;
    }
    let n = v.len();
    let mut sift = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end
            && v.get(child)
                .zip(v.get(child + 1))
                .is_some_and(|(a, b)| less(a, b))
        {
            child += 1;
        }
        if !v
            .get(root)
            .zip(v.get(child))
            .is_some_and(|(a, b)| less(a, b))
        {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    for start in (0..n / 2).rev() {
        sift(v, start, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_parse_exactly_and_refuse_the_rest() {
        assert_eq!(parse_decimal("5.5"), Some(5.5));
        assert_eq!(parse_decimal(" 3 "), Some(3.0));
        assert_eq!(parse_decimal("0.5"), Some(0.5));
        assert_eq!(parse_decimal(".5"), Some(0.5));
        assert_eq!(parse_decimal("3."), Some(3.0));
        assert_eq!(parse_decimal("2,5"), Some(2.5));
        for bad in [
            "",
            ".",
            ",",
            "1.2.3",
            "1,2.3",
            "1,2,3",
            "-1",
            "+1",
            "1e3",
            "inf",
            "NaN",
            "1 5",
            "9999999999999",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_print_without_float_formatting() {
        assert_eq!(uint(0), "0");
        assert_eq!(uint(1234567890), "1234567890");
        assert_eq!(uint(u64::MAX), u64::MAX.to_string());
        let mut s = String::new();
        push_secs(&mut s, 5.4545);
        s.push(' ');
        push_secs(&mut s, 120.0);
        assert_eq!(s, "5.5 120");
        assert_eq!(within(f64::NAN, 1.0, 2.0), 1.0);
        assert_eq!(within(7.0, 1.0, 2.0), 2.0);
    }

    #[test]
    fn rounding_is_std_s() {
        let mut seed = 11u64;
        let mut xs = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            -1.5,
            2.5,
            -2.5,
            0.49999999999999994,
            -0.49999999999999994,
            4503599627370495.5,
            -4503599627370495.5,
            1e300,
            -1e-300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN_POSITIVE,
        ];
        for _ in 0..10_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            xs.push(((seed >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 2e4);
        }
        for x in xs {
            assert_eq!(round(x).to_bits(), x.round().to_bits(), "round({x})");
            assert_eq!(fract(x).to_bits(), x.fract().to_bits(), "fract({x})");
            assert_eq!(floor(x).to_bits(), x.floor().to_bits(), "floor({x})");
            assert_eq!(ceil(x).to_bits(), x.ceil().to_bits(), "ceil({x})");
            assert_eq!(trunc(x).to_bits(), x.trunc().to_bits(), "trunc({x})");
        }
        assert!(round(f64::NAN).is_nan());
        assert_eq!(parse_decimal("0.0000000001"), Some(1e-10));
    }

    #[test]
    fn the_small_sort_sorts() {
        let mut seed = 7u32;
        for n in [0usize, 1, 2, 3, 10, 100, 1000] {
            let mut v: Vec<(u32, usize)> = (0..n)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    (seed % 17, i)
                })
                .collect();
            let mut want = v.clone();
            want.sort();
            sort_by(&mut v, |a, b| a < b);
            assert_eq!(v, want);
        }
        let mut words = vec!["pear", "apple", "fig"];
        sort_by(&mut words, |a, b| a > b);
        assert_eq!(words, ["pear", "fig", "apple"]);
    }
}
