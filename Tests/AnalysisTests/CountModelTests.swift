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
}
