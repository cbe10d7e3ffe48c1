import Model
import Store
import TestSupport
import XCTest

/// The decision step reads the stored baselines of one batch of services at a time, from a
/// real SQLite file.
final class BatchBaselineReadTests: XCTestCase {
    func testOnlyTheNamedServicesBaselinesAreRead() throws {
        let store = TestDatabase()
        let at = Timestamp(seconds: 1_795_730_400)
        var saved: [String: StoredBaseline] = [:]
        for (index, slug) in ["alpha", "beta", "gamma's"].enumerated() {
            saved[slug] = StoredBaseline(
                computedAt: at, slots: [Double](repeating: Double(index), count: 672), source: "history",
                historyDays: Double(index), overdispersion: 1.5)
        }
        try store.database.saveBaselines(saved)
        let batch = try store.database.baselines(slugs: ["alpha", "gamma's", "missing"])
        XCTAssertEqual(Set(batch.keys), ["alpha", "gamma's"])
        XCTAssertEqual(batch["gamma's"], saved["gamma's"])
        XCTAssertEqual(try store.database.baselines(slugs: []), [:])
        XCTAssertEqual(try store.database.baselines(), saved)
    }
}
