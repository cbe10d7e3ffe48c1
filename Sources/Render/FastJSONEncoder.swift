/// Encodes `Encodable` view models to JSON with sorted keys, snake_case key names and
/// unescaped slashes — what `JSONEncoder` does with those options, at a fraction of its cost
/// (the service JSON is written for every service on every build).
public enum FastJSONEncoder {
    /// UTF-8 JSON text of `value`, with a final newline.
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let root = JSONNode()
        try value.encode(to: NodeEncoder(node: root, codingPath: []))
        var out: [UInt8] = []
        out.reserveCapacity(8192)
        root.write(to: &out)
        out.append(0x0A)
        return out
    }
}

/// One value being built: an object, an array, or scalar JSON text.
final class JSONNode {
    enum Kind { case unset, object, array, scalar }
    var kind = Kind.unset
    var keys: [String] = []
    var children: [JSONNode] = []
    var text: [UInt8] = []

    static func scalar(_ text: [UInt8]) -> JSONNode {
        let node = JSONNode()
        node.kind = .scalar
        node.text = text
        return node
    }

    func write(to out: inout [UInt8]) {
        switch kind {
        case .unset: out += Array("null".utf8)
        case .scalar: out += text
        case .array:
            out.append(UInt8(ascii: "["))
            for (index, child) in children.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                child.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object:
            out.append(UInt8(ascii: "{"))
            let order = keys.indices.sorted { keys[$0].utf8.lexicographicallyPrecedes(keys[$1].utf8) }
            for (position, index) in order.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendString(keys[index], to: &out)
                out.append(UInt8(ascii: ":"))
                children[index].write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}

/// JSON text of scalars.
enum JSONText {
    static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 15)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func string(_ value: String) -> [UInt8] {
        var out: [UInt8] = []
        appendString(value, to: &out)
        return out
    }

    static func double(_ value: Double) -> [UInt8] {
        guard value.isFinite else { return Array("null".utf8) }
        if value == value.rounded(), abs(value) < 1e15 { return Array(String(Int64(value)).utf8) }
        return Array(String(value).utf8)
    }

    /// `lastHour` → `last_hour`, as `JSONEncoder.KeyEncodingStrategy.convertToSnakeCase` does for
    /// simple ASCII keys (our view models' keys are all ASCII camelCase).
    static func snakeCase(_ key: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(key.utf8.count + 4)
        var previousLower = false
        for byte in key.utf8 {
            if byte >= 65 && byte <= 90 {
                if previousLower { bytes.append(95) }
                bytes.append(byte + 32)
                previousLower = false
            } else {
                bytes.append(byte)
                previousLower = (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

struct NodeEncoder: Encoder {
    let node: JSONNode
    var codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.kind = .object
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        node.kind = .array
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleNodeContainer(node: node, codingPath: codingPath)
    }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONNode
    var codingPath: [CodingKey]

    private func add(_ child: JSONNode, _ key: Key) {
        node.keys.append(JSONText.snakeCase(key.stringValue))
        node.children.append(child)
    }

    mutating func encodeNil(forKey key: Key) throws { add(.scalar(Array("null".utf8)), key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        add(.scalar(Array((value ? "true" : "false").utf8)), key)
    }
    mutating func encode(_ value: String, forKey key: Key) throws { add(.scalar(JSONText.string(value)), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { add(.scalar(JSONText.double(value)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { add(.scalar(Array(String(value).utf8)), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let child = JSONNode()
        try value.encode(to: NodeEncoder(node: child, codingPath: codingPath + [key]))
        add(child, key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = JSONNode()
        add(child, key)
        return NodeEncoder(node: child, codingPath: codingPath + [key]).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let child = JSONNode()
        add(child, key)
        return NodeEncoder(node: child, codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { NodeEncoder(node: node, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> Encoder {
        let child = JSONNode()
        add(child, key)
        return NodeEncoder(node: child, codingPath: codingPath + [key])
    }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: JSONNode
    var codingPath: [CodingKey]
    var count: Int { node.children.count }

    mutating func encodeNil() throws { node.children.append(.scalar(Array("null".utf8))) }
    mutating func encode(_ value: Bool) throws { node.children.append(.scalar(Array((value ? "true" : "false").utf8))) }
    mutating func encode(_ value: String) throws { node.children.append(.scalar(JSONText.string(value))) }
    mutating func encode(_ value: Double) throws { node.children.append(.scalar(JSONText.double(value))) }
    mutating func encode(_ value: Int) throws { node.children.append(.scalar(Array(String(value).utf8))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let child = JSONNode()
        try value.encode(to: NodeEncoder(node: child, codingPath: codingPath))
        node.children.append(child)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        let child = JSONNode()
        node.children.append(child)
        return NodeEncoder(node: child, codingPath: codingPath).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let child = JSONNode()
        node.children.append(child)
        return NodeEncoder(node: child, codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder {
        let child = JSONNode()
        node.children.append(child)
        return NodeEncoder(node: child, codingPath: codingPath)
    }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: JSONNode
    var codingPath: [CodingKey]

    private func set(_ text: [UInt8]) {
        node.kind = .scalar
        node.text = text
    }

    mutating func encodeNil() throws { set(Array("null".utf8)) }
    mutating func encode(_ value: Bool) throws { set(Array((value ? "true" : "false").utf8)) }
    mutating func encode(_ value: String) throws { set(JSONText.string(value)) }
    mutating func encode(_ value: Double) throws { set(JSONText.double(value)) }
    mutating func encode(_ value: Int) throws { set(Array(String(value).utf8)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
    }
}
