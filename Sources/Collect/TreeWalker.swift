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
    /// `leave` (if given) is called when a node's subtree is done. Only element (and
    /// document) nodes are descended into; entity references are never followed, so entity
    /// content is not expanded.
    @inline(__always)
    static func walk(
        _ start: xmlNodePtr, leave: ((xmlNodePtr) -> Void)? = nil, _ visit: (xmlNodePtr, Int) -> Step
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
            leave?(node)
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
                leave?(parent)
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
        var raw: [UInt8] = []
        appendRawText(of: start, to: &raw)
        return collapseWhitespace(raw)
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
        // The same walk as `walk(_:leave:_:)`, written out: this is the hottest loop of the
        // parsers.
        var current: xmlNodePtr? = start
        while let node = current {
            let type = node.pointee.type
            var descend = false
            if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE {
                if let content = node.pointee.content {
                    raw.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
                }
            } else if type == XML_ELEMENT_NODE {
                if node == start {
                    descend = true
                } else if let name = node.pointee.name {
                    if isBlockName(name) { raw.append(space) }
                    descend = !isScriptOrStyle(name)
                } else {
                    descend = true
                }
            } else if type == XML_DOCUMENT_NODE || type == XML_HTML_DOCUMENT_NODE {
                descend = true
            }
            if descend, let child = node.pointee.children {
                current = child
                continue
            }
            // Leaving `node` (its subtree is done).
            if type == XML_ELEMENT_NODE, isBlock(node) { raw.append(space) }
            current = nil
            var climber: xmlNodePtr = node
            while climber != start {
                if let next = climber.pointee.next {
                    current = next
                    break
                }
                guard let parent = climber.pointee.parent else { break }
                climber = parent
                if isBlock(parent) { raw.append(space) }
            }
        }
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

    /// Elements whose edges separate words (as a browser's `innerText` does).
    static let blockNames: Set<String> = [
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul", "option", "summary", "details", "figcaption",
    ]

    @inline(__always)
    static func isBlock(_ node: xmlNodePtr) -> Bool {
        guard node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name else { return false }
        return isBlockName(name)
    }

    /// Whether a (NUL-terminated) element name is one of `blockNames`, compared byte for byte.
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
        return text.withUTF8 { collapse(validUTF8: $0) }
    }

    /// The same for raw UTF-8 bytes (invalid sequences are repaired first, as
    /// `String(decoding:as:)` does).
    static func collapseWhitespace(_ raw: [UInt8]) -> String {
        raw.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            while index < count && buffer[index] < 0x80 { index += 1 }
            if index == count { return collapse(validUTF8: buffer) }
            return collapseWhitespace(String(decoding: buffer, as: UTF8.self))
        }
    }

    /// Collapses well-formed UTF-8. Whitespace is Unicode's White_Space property (what
    /// `Unicode.Scalar.Properties.isWhitespace` reads) plus U+00A0, which is in it anyway.
    static func collapse(validUTF8 input: UnsafeBufferPointer<UInt8>) -> String {
        let count = input.count
        if count == 0 { return "" }
        return String(unsafeUninitializedCapacity: count) { output in
            var written = 0
            var pendingSpace = false
            var index = 0
            while index < count {
                let byte = input[index]
                var length = 1
                if byte < 0x80 {
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        pendingSpace = true
                        index += 1
                        continue
                    }
                } else {
                    length = byte >= 0xF0 ? 4 : (byte >= 0xE0 ? 3 : 2)
                    if index + length > count { length = count - index }
                    if isMultibyteWhitespace(input, at: index, length: length) {
                        pendingSpace = true
                        index += length
                        continue
                    }
                }
                if pendingSpace && written > 0 {
                    output[written] = 0x20
                    written += 1
                }
                pendingSpace = false
                for offset in 0..<length { output[written + offset] = input[index + offset] }
                written += length
                index += length
            }
            return written
        }
    }

    /// U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    @inline(__always)
    private static func isMultibyteWhitespace(_ input: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> Bool {
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
