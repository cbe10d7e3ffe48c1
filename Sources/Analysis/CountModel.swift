import Foundation

/// The probability model for report counts: negative binomial with mean μ and variance
/// μ(1 + φμ), which is Poisson when φ = 0.
///
/// Tail probabilities are computed in log space through the regularized incomplete gamma and
/// beta functions, so tiny probabilities (1e-40 for a spike of hundreds of reports) stay exact
/// instead of rounding to zero. No global state: safe to call from any thread.
public enum CountModel {
    /// The natural logarithm of P(X ≥ `observed`) when X has mean `mean` and overdispersion
    /// `overdispersion` (φ). 0 (probability 1) when `observed` ≤ 0 and when the mean is
    /// infinite or not a number; −∞ when the mean is 0 and something was observed. Never NaN
    /// and never positive, whatever the arguments.
    public static func logUpperTail(observed: Int, mean: Double, overdispersion: Double) -> Double {
        guard observed > 0 else { return 0 }
        // A mean that is not a number, or infinite, makes no count improbable: no evidence.
        guard !mean.isNaN, mean < .infinity else { return 0 }
        guard mean > 0 else { return -.infinity }
        let k = Double(observed)
        // φ below 1e-9 is Poisson for any count that fits in memory (and 1/φ would lose all
        // precision in the beta function).
        let phi = overdispersion.isFinite ? overdispersion : 0
        if phi < 1e-9 {
            // Poisson: P(X ≥ k) = P(k, μ), the regularized lower incomplete gamma function.
            return clampedLog(logRegularizedLowerGamma(a: k, x: mean))
        }
        // Negative binomial with size r = 1/φ and success probability p = r / (r + μ):
        // P(X ≥ k) = I_{1-p}(k, r), the regularized incomplete beta function.
        let r = 1 / phi
        let x = mean / (mean + r)
        return clampedLog(logRegularizedIncompleteBeta(a: k, b: r, x: x))
    }

    /// The natural logarithm of P(X ≤ `observed`) under the same model: how improbable so
    /// few reports are. 0 (probability 1) when the mean is 0 or not a number; −∞ when
    /// `observed` is negative.
    public static func logLowerTail(observed: Int, mean: Double, overdispersion: Double) -> Double {
        guard observed >= 0 else { return -.infinity }
        guard !mean.isNaN, mean > 0 else { return 0 }
        let (next, overflow) = observed.addingReportingOverflow(1)
        guard !overflow else { return 0 }
        // P(X ≤ k) = 1 − P(X ≥ k + 1).
        let upper = logUpperTail(observed: next, mean: mean, overdispersion: overdispersion)
        return upper >= 0 ? -.infinity : log1p(-exp(upper))
    }

    /// A log-probability kept within [−∞, 0]: rounding never makes it positive, and a
    /// computation that lost its way (NaN) counts as no evidence (0) rather than as proof.
    private static func clampedLog(_ value: Double) -> Double {
        value.isNaN ? 0 : min(value, 0)
    }

    /// P(X ≥ `observed`), see `logUpperTail`.
    public static func upperTail(observed: Int, mean: Double, overdispersion: Double) -> Double {
        exp(logUpperTail(observed: observed, mean: mean, overdispersion: overdispersion))
    }

    /// The standard deviation of a count with this mean under the model.
    public static func standardDeviation(mean: Double, overdispersion: Double) -> Double {
        (max(mean, 0) * (1 + max(overdispersion, 0) * max(mean, 0))).squareRoot()
    }

    // MARK: Special functions

    /// ln Γ(x) for x > 0 (Lanczos approximation, g = 7, relative error below 1e-14).
    static func logGamma(_ x: Double) -> Double {
        if x < 0.5 {
            // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
            return log(Double.pi / abs(sin(Double.pi * x))) - logGamma(1 - x)
        }
        let z = x - 1
        var sum = lanczos[0]
        for i in 1..<lanczos.count {
            sum += lanczos[i] / (z + Double(i))
        }
        let t = z + 7.5
        return 0.5 * log(2 * Double.pi) + (z + 0.5) * log(t) - t + log(sum)
    }

    private static let lanczos: [Double] = [
        0.999_999_999_999_809_93, 676.520_368_121_885_1, -1259.139_216_722_402_8,
        771.323_428_777_653_13, -176.615_029_162_140_59, 12.507_343_278_686_905,
        -0.138_571_095_265_720_12, 9.984_369_578_019_571_6e-6, 1.505_632_735_149_311_6e-7,
    ]

    private static let epsilon = 1e-15
    private static let tiny = 1e-300
    private static let maxIterations = 10_000

    /// ln P(a, x), the regularized lower incomplete gamma function.
    static func logRegularizedLowerGamma(a: Double, x: Double) -> Double {
        guard x > 0 else { return -.infinity }
        let logPrefix = -x + a * log(x) - logGamma(a)
        if x < a + 1 {
            // Series: P = e^{-x} x^a / Γ(a) · Σ x^n / (a (a+1) … (a+n)).
            var ap = a
            var term = 1 / a
            var sum = term
            for _ in 0..<maxIterations {
                ap += 1
                term *= x / ap
                sum += term
                if abs(term) < abs(sum) * epsilon { break }
            }
            return logPrefix + log(sum)
        }
        // Continued fraction for Q = 1 − P (modified Lentz).
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...maxIterations {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        let q = exp(logPrefix) * h
        return log1p(-min(q, 1))
    }

    /// ln I_x(a, b), the regularized incomplete beta function.
    static func logRegularizedIncompleteBeta(a: Double, b: Double, x: Double) -> Double {
        guard x > 0 else { return -.infinity }
        guard x < 1 else { return 0 }
        let logPrefix = logGamma(a + b) - logGamma(a) - logGamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return logPrefix + log(betaContinuedFraction(a: a, b: b, x: x)) - log(a)
        }
        let complement = exp(logPrefix) * betaContinuedFraction(a: b, b: a, x: 1 - x) / b
        return log1p(-min(complement, 1))
    }

    /// The continued fraction of the incomplete beta function (modified Lentz).
    private static func betaContinuedFraction(a: Double, b: Double, x: Double) -> Double {
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...maxIterations {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return h
    }
}
