import Content
import XCTest

final class ParallelMapTests: XCTestCase {
    func testKeepsTheOrderOfItsInput() {
        let items = Array(0..<10_007)
        XCTAssertEqual(ParallelMap.map(items) { "\($0 * 3)" }, items.map { "\($0 * 3)" })
    }

    func testEmptyAndSingleInputs() {
        XCTAssertEqual(ParallelMap.map([Int]()) { $0 + 1 }, [])
        XCTAssertEqual(ParallelMap.map([41]) { $0 + 1 }, [42])
    }
}
