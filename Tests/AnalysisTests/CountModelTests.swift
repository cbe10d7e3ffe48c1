import Foundation
import XCTest

@testable import Analysis

final class CountModelTests: XCTestCase {
    func testPoissonTailMatchesClosedForm() {
        // P(X ≥ 3 | μ = 1) = 1 − e⁻¹(1 + 1 + 1/2).
        let expected = 1 - exp(-1.0) * 2.5
        XCTAssertEqual(CountModel.upperTail(observed: 3, mean: 1, overdispersion: 0), expected, accuracy: 1e-12)
        // Large mean, continued-fraction branch: P(X ≥ 100 | μ = 120) is most of the mass.
        var sum = 0.0
        var term = exp(-120.0)
        for k in 0..<100 {
            sum += term
            term *= 120 / Double(k + 1)
        }
        XCTAssertEqual(CountModel.upperTail(observed: 100, mean: 120, overdispersion: 0), 1 - sum, accuracy: 1e-10)
    }

    func testNegativeBinomialTailMatchesSummedProbabilities() {
        let mean = 8.0
        let phi = 0.2
        let r = 1 / phi
        let p = r / (r + mean)
        // P(X = k) = Γ(k + r) / (k! Γ(r)) p^r (1 − p)^k, summed below 20.
        var below = 0.0
        for k in 0..<20 {
            let kk = Double(k)
            below += exp(
                CountModel.logGamma(kk + r) - CountModel.logGamma(kk + 1) - CountModel.logGamma(r) + r * log(p)
                    + kk * log(1 - p))
        }
        XCTAssertEqual(CountModel.upperTail(observed: 20, mean: mean, overdispersion: phi), 1 - below, accuracy: 1e-10)
    }

    func testOverdispersionMakesLargeCountsLessSurprising() {
        let poisson = CountModel.logUpperTail(observed: 40, mean: 20, overdispersion: 0)
        let overdispersed = CountModel.logUpperTail(observed: 40, mean: 20, overdispersion: 0.05)
        XCTAssertLessThan(poisson, overdispersed)
    }

    func testExtremeTailsStayFiniteInLogSpace() {
        let log = CountModel.logUpperTail(observed: 312, mean: 11, overdispersion: 0.03)
        XCTAssertTrue(log.isFinite)
        XCTAssertLessThan(log, -100)
        XCTAssertEqual(CountModel.logUpperTail(observed: 0, mean: 5, overdispersion: 0.03), 0)
        XCTAssertEqual(CountModel.logUpperTail(observed: 3, mean: 0, overdispersion: 0.03), -.infinity)
    }

    func testLogGammaMatchesFactorials() {
        XCTAssertEqual(CountModel.logGamma(1), 0, accuracy: 1e-13)
        XCTAssertEqual(CountModel.logGamma(6), log(120), accuracy: 1e-12)
        XCTAssertEqual(CountModel.logGamma(0.5), log(Double.pi.squareRoot()), accuracy: 1e-12)
        XCTAssertEqual(CountModel.logGamma(171), 706.5730622457874, accuracy: 1e-9)
    }

    // MARK: The evidence rule's tails

    /// P(X ≥ k | μ) by summing the Poisson probabilities below k.
    private func poissonUpperTail(_ k: Int, _ mu: Double) -> Double {
        var below = 0.0
        var term = exp(-mu)
        for i in 0..<k {
            below += term
            term *= mu / Double(i + 1)
        }
        return 1 - below
    }

    func testPoissonTailsOfSmallCountsMatchKnownValues() {
        // 8 reports where 0.5 are expected: Σ_{k≥8} e^-0.5 0.5^k / k! = 6.219690864e-8 (series
        // branch; reference summed in 50-digit decimals).
        let eight = CountModel.upperTail(observed: 8, mean: 0.5, overdispersion: 0)
        XCTAssertEqual(eight, 6.219_690_864e-8, accuracy: 1e-16)
        // Far in the tail, where 1 − Σ would cancel to 0: ln P(X ≥ 40 | μ = 0.5) = −138.53426047.
        let logForty = CountModel.logUpperTail(observed: 40, mean: 0.5, overdispersion: 0)
        XCTAssertEqual(logForty, -138.534_260_47, accuracy: 1e-6)
        // P(X ≥ 5 | μ = 2) = 0.052653; the overdispersed model with tiny φ agrees with Poisson.
        XCTAssertEqual(CountModel.upperTail(observed: 5, mean: 2, overdispersion: 0), 0.052_653, accuracy: 1e-6)
        XCTAssertEqual(
            CountModel.upperTail(observed: 5, mean: 2, overdispersion: 1e-6), poissonUpperTail(5, 2), accuracy: 1e-6)
    }

    func testLowerTailMatchesKnownValues() {
        // P(X ≤ 2 | μ = 3) = e^-3 (1 + 3 + 4.5) = 0.423190.
        XCTAssertEqual(exp(CountModel.logLowerTail(observed: 2, mean: 3, overdispersion: 0)), 0.423_190, accuracy: 1e-6)
        // P(X ≤ 0 | μ = 5) = e^-5.
        XCTAssertEqual(CountModel.logLowerTail(observed: 0, mean: 5, overdispersion: 0), -5, accuracy: 1e-9)
        XCTAssertEqual(CountModel.logLowerTail(observed: 3, mean: 0, overdispersion: 0), 0)
        XCTAssertEqual(CountModel.logLowerTail(observed: -1, mean: 5, overdispersion: 0), -.infinity)
    }

    func testHostileArgumentsGiveNoNaNAndNoFalseEvidence() {
        let means: [Double] = [0, 1e-300, 0.05, 3, 1e12, 1e300, .infinity, -.infinity, .nan, -1]
        let phis: [Double] = [0, 1e-300, 0.02, 0.5, 1e6, .infinity, .nan, -1]
        let counts = [Int.min, -1, 0, 1, 8, 1_000_000, Int.max]
        for mean in means {
            for phi in phis {
                for count in counts {
                    let upper = CountModel.logUpperTail(observed: count, mean: mean, overdispersion: phi)
                    let lower = CountModel.logLowerTail(observed: count, mean: mean, overdispersion: phi)
                    let label = "observed \(count), mean \(mean), φ \(phi)"
                    XCTAssertFalse(upper.isNaN, label)
                    XCTAssertFalse(lower.isNaN, label)
                    XCTAssertLessThanOrEqual(upper, 0, label)
                    XCTAssertLessThanOrEqual(lower, 0, label)
                }
            }
        }
        // A mean that is not a number, or infinite, is no evidence that a count is improbable.
        XCTAssertEqual(CountModel.logUpperTail(observed: 50, mean: .nan, overdispersion: 0.02), 0)
        XCTAssertEqual(CountModel.logUpperTail(observed: 50, mean: .infinity, overdispersion: 0.02), 0)
        // A count the size of Int.max under an ordinary mean is as improbable as can be.
        XCTAssertLessThan(CountModel.logUpperTail(observed: Int.max, mean: 3, overdispersion: 0.02), -1000)
    }
}
