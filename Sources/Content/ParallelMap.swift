import Dispatch
import Foundation

/// Maps over an array on all cores, keeping the order: for CPU-bound pure work such as parsing
/// content files or rendering pages.
///
/// It lives in Content, the lowest module that uses it; Generator, which imports Content,
/// renders its pages with it too.
public enum ParallelMap {
    /// `items.map(transform)`, computed in a few chunks per core.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let count = items.count
        if count < 2 { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        let chunks = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount * 4))
        let box = UncheckedBox(results)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * count / chunks
            let end = (chunk + 1) * count / chunks
            for index in start..<end { box.value[index] = transform(items[index]) }
        }
        // Every slot was written above: the chunks cover 0..<count.
        return results.compactMap { $0 }
    }
}

/// Lets the chunks write their own, disjoint slots of one buffer.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
