import Foundation

/// A small, seeded, deterministic random number generator (SplitMix64, Steele et al. 2014)
/// with the samplers the simulations need. The same seed gives the same numbers on every
/// platform. The one generator of the project: `evaluate`'s services and `demo`'s history.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for stream `stream` of `seed`: streams start at unrelated points of the
    /// sequence, so they do not overlap in practice.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ 0x5851_F42D_4C95_7F2D)
        var other = SplitMix64(seed: stream &* 0xD1B5_4A32_D192_ED03)
        state = mixer.next() ^ other.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [a, b).
    public mutating func uniform(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * uniform()
    }

    /// Log-uniform in [a, b): every factor of 10 equally likely.
    public mutating func logUniform(_ a: Double, _ b: Double) -> Double {
        exp(uniform(log(a), log(b)))
    }

    /// Uniform integer in [0, n).
    public mutating func integer(below n: Int) -> Int {
        Int(uniform() * Double(n))
    }

    /// Standard normal (Box–Muller; one of the pair is dropped for simplicity).
    public mutating func normal() -> Double {
        let u1 = max(uniform(), 1e-300)
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A positive multiplier with mean 1 and log standard deviation `sigma`.
    public mutating func logNormalFactor(sigma: Double) -> Double {
        sigma > 0 ? exp(sigma * normal() - sigma * sigma / 2) : 1
    }

    /// A Poisson variate with mean `lambda` by inversion (multiplying uniforms until their
    /// product drops below e^-lambda): exact, in time proportional to `lambda`.
    public mutating func poissonByInversion(_ lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        let limit = exp(-lambda)
        var k = 0
        var p = uniform()
        while p > limit {
            k += 1
            p *= uniform()
        }
        return k
    }

    /// A Poisson variate with mean `lambda`: inversion for small means, Hörmann's PTRS
    /// (transformed rejection with squeeze) for larger ones.
    public mutating func poisson(_ lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        if lambda < 12 { return poissonByInversion(lambda) }
        let slam = lambda.squareRoot()
        let loglam = log(lambda)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invalpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniform() - 0.5
            let v = uniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + lambda + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            let lhs = log(v) + log(invalpha) - log(a / (us * us) + b)
            let rhs = -lambda + k * loglam - CountModel.logGamma(k + 1)
            if lhs <= rhs { return Int(k) }
        }
    }
}
