import CLibXML2
import Foundation

/// Iterative (never recursive) walks over a libxml2 subtree, so a document nested 100,000
/// levels deep cannot exhaust the stack.
enum TreeWalker {
    /// What to do after visiting a node.
    enum Step {
        case descend, skipChildren, stop
    }

    /// Visits `start` and its descendants in document order with their depth below `start`;
    /// `leave` is called when a node's subtree is done. Only element (and
    /// document) nodes are descended into; entity references are never followed, so entity
    /// content is not expanded.
    @inline(__always)
    static func walk(
        _ start: xmlNodePtr, leave: (xmlNodePtr) -> Void = { _ in }, _ visit: (xmlNodePtr, Int) -> Step
    ) {
        var current: xmlNodePtr? = start
        var depth = 0
        while let node = current {
            let step = visit(node, depth)
            if step == .stop { return }
            if step == .descend, isContainer(node), let child = node.pointee.children {
                current = child
                depth += 1
                continue
            }
            leave(node)
            current = nil
            var climber: xmlNodePtr = node
            while climber != start {
                if let next = climber.pointee.next {
                    current = next
                    break
                }
                guard let parent = climber.pointee.parent else { break }
                climber = parent
                depth -= 1
                leave(parent)
            }
        }
    }

    @inline(__always)
    static func isContainer(_ node: xmlNodePtr) -> Bool {
        let type = node.pointee.type
        return type == XML_ELEMENT_NODE || type == XML_DOCUMENT_NODE || type == XML_HTML_DOCUMENT_NODE
    }

    /// The text inside `start` (text and CDATA nodes only; `script`/`style` content skipped),
    /// with runs of whitespace collapsed to one space and the ends trimmed.
    static func text(of start: xmlNodePtr) -> String {
        withRawText(of: start) { collapseWhitespace($0) }
    }

    /// Calls `body` with the UTF-8 bytes of `text(of: start)`, without making a String.
    static func withText<Result>(of start: xmlNodePtr, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withRawText(of: start) { raw in
            guard !raw.isEmpty else { return body(raw) }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: raw.count) { output in
                if let count = collapse(raw, into: output.baseAddress!) {
                    return body(UnsafeBufferPointer(rebasing: output[..<count]))
                }
                // Invalid UTF-8: repaired first, as `collapseWhitespace` does.
                var repaired = collapseWhitespace(raw)
                return repaired.withUTF8(body)
            }
        }
    }

    /// Calls `body` with the uncollapsed text of `start` (`appendRawText`), read in place
    /// when `start` is an element holding one text node (the common case).
    private static func withRawText<Result>(
        of start: xmlNodePtr, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        if start.pointee.type == XML_ELEMENT_NODE, let only = start.pointee.children, only.pointee.next == nil,
            only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE
        {
            guard let content = only.pointee.content else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            return body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
        }
        var raw: [UInt8] = []
        appendRawText(of: start, to: &raw)
        return raw.withUnsafeBufferPointer(body)
    }

    /// The uncollapsed text `text(of:)` works from: text and CDATA content, with a space at
    /// both edges of each block element below `start` (and after `start` itself if it is one).
    static func appendRawText(of start: xmlNodePtr, to raw: inout [UInt8]) {
        if start.pointee.type == XML_ATTRIBUTE_NODE {
            // An attribute's value is its text children (entity references are not followed).
            var child = start.pointee.children
            while let node = child {
                if node.pointee.type == XML_TEXT_NODE, let content = node.pointee.content {
                    raw.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
                }
                child = node.pointee.next
            }
            return
        }
        let space = UInt8(ascii: " ")
        func visit(_ node: xmlNodePtr, _: Int) -> Step {
            let type = node.pointee.type
            if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE {
                if let content = node.pointee.content {
                    raw.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
                }
                return .skipChildren
            }
            guard type == XML_ELEMENT_NODE, node != start, let name = node.pointee.name else { return .descend }
            if isBlockName(name) { raw.append(space) }
            return isScriptOrStyle(name) ? .skipChildren : .descend
        }
        walk(start, leave: { if isBlock($0) { raw.append(space) } }, visit)
    }

    @inline(__always)
    private static func isScriptOrStyle(_ name: UnsafePointer<xmlChar>) -> Bool {
        switch name[0] {
        case UInt8(ascii: "s"):
            return (name[1] == UInt8(ascii: "c") && strcmp(name, "script") == 0)
                || (name[1] == UInt8(ascii: "t") && strcmp(name, "style") == 0)
        default: return false
        }
    }

    @inline(__always)
    static func isBlock(_ node: xmlNodePtr) -> Bool {
        guard node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name else { return false }
        return isBlockName(name)
    }

    /// Whether a (NUL-terminated) element name is one whose edges separate words (as a
    /// browser's `innerText` does): address, article, aside, blockquote, br, dd, div, dl, dt,
    /// footer, h1–h6, header, hr, li, main, nav, ol, p, pre, section, table, tbody, td, tfoot,
    /// th, thead, tr, ul, option, summary, details, figcaption. Compared byte for byte.
    static func isBlockName(_ name: UnsafePointer<xmlChar>) -> Bool {
        func equals(_ literal: StaticString, from offset: Int) -> Bool {
            let count = literal.utf8CodeUnitCount
            let bytes = literal.utf8Start
            var index = offset
            while index < count {
                if name[index] != bytes[index] { return false }
                index += 1
            }
            return name[count] == 0
        }
        let c0 = name[0]
        guard c0 != 0 else { return false }
        let c1 = name[1]
        switch c0 {
        case UInt8(ascii: "a"):
            return equals("address", from: 1) || equals("article", from: 1) || equals("aside", from: 1)
        case UInt8(ascii: "b"):
            return equals("br", from: 1) || equals("blockquote", from: 1)
        case UInt8(ascii: "d"):
            if c1 == 0 { return false }
            if name[2] == 0 { return c1 == UInt8(ascii: "d") || c1 == UInt8(ascii: "l") || c1 == UInt8(ascii: "t") }
            return equals("div", from: 1) || equals("details", from: 1)
        case UInt8(ascii: "f"):
            return equals("footer", from: 1) || equals("figcaption", from: 1)
        case UInt8(ascii: "h"):
            if c1 >= UInt8(ascii: "1") && c1 <= UInt8(ascii: "6") { return name[2] == 0 }
            return equals("hr", from: 1) || equals("header", from: 1)
        case UInt8(ascii: "l"):
            return c1 == UInt8(ascii: "i") && name[2] == 0
        case UInt8(ascii: "m"):
            return equals("main", from: 1)
        case UInt8(ascii: "n"):
            return equals("nav", from: 1)
        case UInt8(ascii: "o"):
            return equals("ol", from: 1) || equals("option", from: 1)
        case UInt8(ascii: "p"):
            return c1 == 0 || equals("pre", from: 1)
        case UInt8(ascii: "s"):
            return equals("section", from: 1) || equals("summary", from: 1)
        case UInt8(ascii: "t"):
            if c1 == 0 { return false }
            if name[2] == 0 {
                return c1 == UInt8(ascii: "d") || c1 == UInt8(ascii: "h") || c1 == UInt8(ascii: "r")
            }
            return equals("table", from: 1) || equals("tbody", from: 1) || equals("tfoot", from: 1)
                || equals("thead", from: 1)
        case UInt8(ascii: "u"):
            return c1 == UInt8(ascii: "l") && name[2] == 0
        default:
            return false
        }
    }

    /// Collapses runs of whitespace (including no-break spaces) to one space and trims.
    static func collapseWhitespace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { collapseWhitespace($0) }
    }

    /// The same for raw UTF-8 bytes (invalid sequences are repaired first, as
    /// `String(decoding:as:)` does).
    static func collapseWhitespace(_ raw: [UInt8]) -> String {
        raw.withUnsafeBufferPointer { collapseWhitespace($0) }
    }

    static func collapseWhitespace(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        guard !raw.isEmpty else { return "" }
        var valid = true
        let result = String(unsafeUninitializedCapacity: raw.count) { output in
            guard let count = collapse(raw, into: output.baseAddress!) else {
                valid = false
                return 0
            }
            return count
        }
        if valid { return result }
        // Invalid UTF-8: repair first, then collapse the repaired text.
        var repaired = String(decoding: raw, as: UTF8.self)
        return repaired.withUTF8 { collapseWhitespace($0) }
    }

    /// Writes `input` with whitespace runs collapsed to one space and the ends trimmed to
    /// `output` (room for `input.count` bytes), returning the length written; nil (with
    /// `output` in an unspecified state) when `input` is not well-formed UTF-8. Whitespace is
    /// Unicode's White_Space property (what `Unicode.Scalar.Properties.isWhitespace` reads;
    /// U+00A0, which the String version also named, is part of it).
    static func collapse(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>) -> Int? {
        let count = input.count
        guard count > 0, let base = input.baseAddress else { return 0 }
        var read = 0
        var written = 0
        var pendingSpace = false
        while read < count {
            let byte = base[read]
            if byte > 0x20 && byte < 0x80 {
                if pendingSpace {
                    if written > 0 {
                        output[written] = 0x20
                        written += 1
                    }
                    pendingSpace = false
                }
                // The common case: visible ASCII, single spaces between (kept as they are).
                let runStart = read
                read += 1
                while read < count {
                    let next = base[read]
                    if next > 0x20 && next < 0x80 {
                        read += 1
                    } else if next == 0x20, read + 1 < count, base[read + 1] > 0x20, base[read + 1] < 0x80 {
                        read += 2
                    } else {
                        break
                    }
                }
                (output + written).update(from: base + runStart, count: read - runStart)
                written += read - runStart
                continue
            }
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = true
                read += 1
                continue
            }
            var length = 1
            if byte >= 0x80 {
                guard let sequence = UTF8Bytes.sequenceLength(base, at: read, count: count) else { return nil }
                length = sequence
                if isMultibyteWhitespace(base, at: read, length: length) {
                    pendingSpace = true
                    read += length
                    continue
                }
            }
            if pendingSpace {
                if written > 0 {
                    output[written] = 0x20
                    written += 1
                }
                pendingSpace = false
            }
            for offset in 0..<length { output[written + offset] = base[read + offset] }
            written += length
            read += length
        }
        return written
    }

    /// U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    @inline(__always)
    static func isMultibyteWhitespace(_ input: UnsafePointer<UInt8>, at index: Int, length: Int) -> Bool {
        let lead = input[index]
        if length == 2 {
            return lead == 0xC2 && (input[index + 1] == 0x85 || input[index + 1] == 0xA0)
        }
        guard length == 3 else { return false }
        let second = input[index + 1]
        let third = input[index + 2]
        switch lead {
        case 0xE1: return second == 0x9A && third == 0x80
        case 0xE2:
            if second == 0x80 { return third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF }
            return second == 0x81 && third == 0x9F
        case 0xE3: return second == 0x80 && third == 0x80
        default: return false
        }
    }
}

/// UTF-8 well-formedness (Unicode's table 3-7).
enum UTF8Bytes {
    /// The length of the well-formed sequence starting with the non-ASCII byte at `index`,
    /// or nil when it is not well-formed.
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafePointer<UInt8>, at index: Int, count: Int) -> Int? {
        let lead = bytes[index]
        func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            index + offset < count && bytes[index + offset] >= low && bytes[index + offset] <= high
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : nil
        case 0xE0:
            return continuation(1, 0xA0) && continuation(2) ? 3 : nil
        case 0xE1...0xEC, 0xEE, 0xEF:
            return continuation(1) && continuation(2) ? 3 : nil
        case 0xED:
            return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : nil
        case 0xF0:
            return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF4:
            return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : nil
        default:
            return nil
        }
    }

    /// `bytes` without the whitespace (Unicode's White_Space) at either end.
    static func trimmingWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let base = bytes.baseAddress else { return bytes }
        var start = 0
        var end = bytes.count
        while start < end, let length = whitespaceLength(base, at: start, count: end) { start += length }
        while end > start {
            // The last character starts at the last byte that is not a continuation byte.
            var last = end - 1
            while last > start, bytes[last] & 0xC0 == 0x80 { last -= 1 }
            guard let length = whitespaceLength(base, at: last, count: end), last + length == end else { break }
            end = last
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// The length of the whitespace character at `index`, or nil when there is none.
    private static func whitespaceLength(_ base: UnsafePointer<UInt8>, at index: Int, count: Int) -> Int? {
        let byte = base[index]
        if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { return 1 }
        guard byte >= 0x80, let length = sequenceLength(base, at: index, count: count) else { return nil }
        return TreeWalker.isMultibyteWhitespace(base, at: index, length: length) ? length : nil
    }
}
