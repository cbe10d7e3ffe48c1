/// A dictionary that never holds more than `capacity` entries: adding a new key to a full map
/// first forgets the entry that was added longest ago. Memory stays bounded however many
/// distinct keys (clients) arrive.
///
/// Not thread-safe by itself; the limiters keep it behind a lock.
package struct BoundedMap<Value> {
    private var entries: [String: (value: Value, serial: UInt64)] = [:]
    /// Keys in the order they were added, with the serial they were added under (an entry removed
    /// or re-added since leaves a stale record here, skipped when it comes up).
    private var order: [(key: String, serial: UInt64)] = []
    private var orderStart = 0
    private var nextSerial: UInt64 = 0
    package let capacity: Int

    /// - Parameter capacity: the most entries held (at least 1).
    package init(capacity: Int) { self.capacity = max(1, capacity) }

    package var count: Int { entries.count }

    package subscript(key: String) -> Value? {
        get { entries[key]?.value }
        set {
            guard let newValue else {
                entries[key] = nil
                return
            }
            if let existing = entries[key] {
                entries[key] = (newValue, existing.serial)
                return
            }
            while entries.count >= capacity, evictOldest() {}
            nextSerial &+= 1
            entries[key] = (newValue, nextSerial)
            order.append((key, nextSerial))
            compactIfStale()
        }
    }

    /// Forgets every entry for which `shouldRemove` is true.
    package mutating func removeAll(where shouldRemove: (Value) -> Bool) {
        entries = entries.filter { !shouldRemove($0.value.value) }
        compactIfStale()
    }

    /// Forgets the oldest live entry. - Returns: false when there was none.
    private mutating func evictOldest() -> Bool {
        while orderStart < order.count {
            let (key, serial) = order[orderStart]
            orderStart += 1
            if entries[key]?.serial == serial {
                entries[key] = nil
                return true
            }
        }
        return false
    }

    /// Drops consumed and stale order records once they outnumber the live entries, so the
    /// order list stays within a small multiple of `capacity`.
    private mutating func compactIfStale() {
        guard order.count - orderStart > 2 * max(entries.count, 1024) || orderStart > max(order.count / 2, 1024) else {
            return
        }
        order = order[orderStart...].filter { entries[$0.key]?.serial == $0.serial }
        orderStart = 0
    }
}
