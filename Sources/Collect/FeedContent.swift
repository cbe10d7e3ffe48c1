import Foundation
import CLibXML2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the body of one feed entry: Statuspage writes each update as
/// `<p><small>Date</small><br><strong>Label</strong> - text</p>`, newest first, as escaped HTML.
enum FeedContent {
    struct Reading: Equatable {
        /// `<strong>` texts in document order (newest update first on Statuspage).
        var labels: [String]
        /// The content as plain text.
        var text: String
    }

    /// The labels and text of an Atom `content`/`summary` or RSS `description` element.
    static func read(_ content: LibXMLNode, limits: DocumentLimits) -> Reading {
        if KO.ko_content { return Reading(labels: ["Resolved"], text: "") }
        if hasElementChild(content.pointer) {
            // Inline XHTML: the markup is already part of the tree.
            let labels = content.descendants { isLabelElement($0.pointer) }.map(\.text)
            return Reading(labels: labels, text: content.text)
        }
        // The escaped HTML arrives as text (`content.text`: its whitespace collapsed, which is
        // harmless). Read from the text node's bytes without building that String first.
        if let only = content.pointer.pointee.children, only.pointee.next == nil,
            only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE
        {
            guard let text = only.pointee.content else { return Reading(labels: [], text: "") }
            return readEscaped(raw: UnsafeBufferPointer(start: text, count: Int(xmlStrlen(text))), limits: limits)
        }
        var raw: [UInt8] = []
        TreeWalker.appendRawText(of: content.pointer, to: &raw)
        return raw.withUnsafeBufferPointer { readEscaped(raw: $0, limits: limits) }
    }

    /// `readEscaped` for the uncollapsed text of the element.
    private static func readEscaped(raw: UnsafeBufferPointer<UInt8>, limits: DocumentLimits) -> Reading {
        guard !raw.isEmpty else { return Reading(labels: [], text: "") }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: raw.count) { buffer in
            guard let count = TreeWalker.collapse(raw, into: buffer.baseAddress!) else {
                // Not well-formed UTF-8: repaired through a String as before.
                return readEscaped(TreeWalker.collapseWhitespace(raw), limits: limits)
            }
            return readEscaped(collapsed: UnsafeBufferPointer(start: buffer.baseAddress!, count: count), limits: limits)
        }
    }

    /// The labels and text of escaped HTML (already whitespace-collapsed). Statuspage's simple
    /// markup is read by `EscapedHTMLScanner` directly; anything it is not sure to read as
    /// libxml2 would goes through libxml2's HTML parser.
    static func readEscaped(_ source: String, limits: DocumentLimits) -> Reading {
        var source = source
        return source.withUTF8 { readEscaped(collapsed: $0, limits: limits) }
    }

    private static func readEscaped(collapsed source: UnsafeBufferPointer<UInt8>, limits: DocumentLimits) -> Reading {
        switch lessThanSign(in: source) {
        case .absent:
            return Reading(labels: [], text: TreeWalker.collapseWhitespace(source))
        case .present:
            if let reading = EscapedHTMLScanner.read(source, limits: limits) { return reading }
        case .undecided:
            break
        }
        return readWithLibXML(String(decoding: source, as: UTF8.self), limits: limits)
    }

    /// The original reading: a second (HTML) parse of the text. Also the reference the
    /// scanner is tested against.
    static func readWithLibXML(_ source: String, limits: DocumentLimits) -> Reading {
        guard source.contains("<") else {
            return Reading(labels: [], text: TreeWalker.collapseWhitespace(source))
        }
        guard let html = try? LibXMLDocument.html(Array(source.utf8), limits: limits), let body = html.root else {
            return Reading(labels: [], text: TreeWalker.collapseWhitespace(source))
        }
        let labels = body.descendants { isLabelElement($0.pointer) }.map(\.text).filter { !$0.isEmpty }
        return Reading(labels: labels, text: body.text)
    }

    private static func hasElementChild(_ node: xmlNodePtr) -> Bool {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { return true }
            child = current.pointee.next
        }
        return false
    }

    /// `strong` or `b` (`name == "strong" || name == "b"`, which is byte equality here).
    private static func isLabelElement(_ node: xmlNodePtr) -> Bool {
        NodeAccess.nameEquals(node, "strong") || NodeAccess.nameEquals(node, "b")
    }

    private enum LessThan { case absent, present, undecided }

    /// Whether `source.contains("<")` (a Character comparison) holds, decided on bytes: a
    /// `<` with ASCII on both sides is a Character of its own (grapheme clusters only join
    /// it to a non-ASCII prepend before or extender after); otherwise the String decides.
    private static func lessThanSign(in bytes: UnsafeBufferPointer<UInt8>) -> LessThan {
        var sawOne = false
        let count = bytes.count
        for index in 0..<count where bytes[index] == UInt8(ascii: "<") {
            sawOne = true
            if (index == 0 || bytes[index - 1] < 0x80) && (index + 1 == count || bytes[index + 1] < 0x80) {
                return .present
            }
        }
        return sawOne ? .undecided : .absent
    }
}

/// Reads the escaped HTML of a feed entry without a second libxml2 parse, producing exactly
/// what `FeedContent.readWithLibXML` (libxml2 2.9's HTML parser plus `TreeWalker.text`)
/// produces. It knows a deliberately small subset: well-nested lowercase or uppercase tags
/// from a fixed list, in places where libxml2 would not close or insert anything itself;
/// quoted or plain attributes; `&#…;` and a few named entities; a stray `<` before a
/// space, digit or `=`; non-ASCII text read as ISO-8859-1, as libxml2 reads this
/// undeclared fragment. On anything else it returns nil and the caller uses libxml2.
enum EscapedHTMLScanner {
    /// The elements the scanner knows.
    enum Tag: UInt8, CaseIterable {
        case p, div, ul, ol, li, h1, h2, h3, h4, h5, h6, blockquote, br, hr
        case a, b, strong, small, variable, em, i, span, code, u, s, sub, sup

        var name: String { self == .variable ? "var" : "\(self)" }

        /// In `TreeWalker`'s block list (a space at both edges).
        var isBlock: Bool {
            switch self {
            case .p, .div, .ul, .ol, .li, .h1, .h2, .h3, .h4, .h5, .h6, .blockquote, .br, .hr: true
            default: false
            }
        }

        /// Never has content (libxml2 closes it at once).
        var isVoid: Bool { self == .br || self == .hr }

        /// An update label (`strong`, `b`).
        var isLabel: Bool { self == .strong || self == .b }

        /// Block-level: libxml2 closes an open `p` (and more) before it, so it is only taken
        /// at the top level or directly inside `div`, `li` or `blockquote`.
        var isFlow: Bool {
            switch self {
            case .p, .div, .ul, .ol, .h1, .h2, .h3, .h4, .h5, .h6, .blockquote, .hr: true
            default: false
            }
        }

        /// May hold flow elements without libxml2 closing it.
        var holdsFlow: Bool { self == .div || self == .li || self == .blockquote }
    }

    /// The tag named by `bytes[range]` (ASCII case ignored).
    private static func tag(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Tag? {
        let start = range.lowerBound
        func at(_ offset: Int) -> UInt8 { lower(bytes[start + offset]) }
        func equals(_ literal: StaticString) -> Bool {
            let pointer = literal.utf8Start
            for offset in 1..<literal.utf8CodeUnitCount where at(offset) != pointer[offset] { return false }
            return true
        }
        switch range.count {
        case 1:
            switch at(0) {
            case UInt8(ascii: "p"): return .p
            case UInt8(ascii: "a"): return .a
            case UInt8(ascii: "b"): return .b
            case UInt8(ascii: "i"): return .i
            case UInt8(ascii: "u"): return .u
            case UInt8(ascii: "s"): return .s
            default: return nil
            }
        case 2:
            let first = at(0)
            let second = at(1)
            switch (first, second) {
            case (UInt8(ascii: "u"), UInt8(ascii: "l")): return .ul
            case (UInt8(ascii: "o"), UInt8(ascii: "l")): return .ol
            case (UInt8(ascii: "l"), UInt8(ascii: "i")): return .li
            case (UInt8(ascii: "b"), UInt8(ascii: "r")): return .br
            case (UInt8(ascii: "h"), UInt8(ascii: "r")): return .hr
            case (UInt8(ascii: "e"), UInt8(ascii: "m")): return .em
            case (UInt8(ascii: "h"), UInt8(ascii: "1")): return .h1
            case (UInt8(ascii: "h"), UInt8(ascii: "2")): return .h2
            case (UInt8(ascii: "h"), UInt8(ascii: "3")): return .h3
            case (UInt8(ascii: "h"), UInt8(ascii: "4")): return .h4
            case (UInt8(ascii: "h"), UInt8(ascii: "5")): return .h5
            case (UInt8(ascii: "h"), UInt8(ascii: "6")): return .h6
            default: return nil
            }
        case 3:
            switch at(0) {
            case UInt8(ascii: "v"): return equals("var") ? .variable : nil
            case UInt8(ascii: "d"): return equals("div") ? .div : nil
            case UInt8(ascii: "s"): return equals("sub") ? .sub : (equals("sup") ? .sup : nil)
            default: return nil
            }
        case 4:
            switch at(0) {
            case UInt8(ascii: "s"): return equals("span") ? .span : nil
            case UInt8(ascii: "c"): return equals("code") ? .code : nil
            default: return nil
            }
        case 5: return at(0) == UInt8(ascii: "s") && equals("small") ? .small : nil
        case 6: return at(0) == UInt8(ascii: "s") && equals("strong") ? .strong : nil
        case 10: return at(0) == UInt8(ascii: "b") && equals("blockquote") ? .blockquote : nil
        default: return nil
        }
    }

    /// Named entities the scanner decodes (all in libxml2's HTML 4 table).
    private static let entities: [(name: [UInt8], value: UInt32)] = [
        ("amp", 38), ("lt", 60), ("gt", 62), ("quot", 34), ("nbsp", 160), ("copy", 169), ("reg", 174),
        ("trade", 8482), ("hellip", 8230), ("mdash", 8212), ("ndash", 8211), ("lsquo", 8216), ("rsquo", 8217),
        ("ldquo", 8220), ("rdquo", 8221), ("bull", 8226), ("middot", 183), ("deg", 176), ("times", 215),
        ("laquo", 171), ("raquo", 187), ("euro", 8364),
    ].map { (Array($0.0.utf8), $0.1) }

    @inline(__always) private static func lower(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
    }

    @inline(__always) private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// libxml2's HTML name characters.
    @inline(__always) private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == 0x3A || byte == 0x2D || byte == 0x5F || byte == 0x2E
    }

    @inline(__always) private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// The text being produced, collapsed as it is written (what `TreeWalker.text` would
    /// make of the tree libxml2 builds): whitespace only marks a pending space, written
    /// before the next visible character unless nothing has been written yet.
    private struct Output {
        let base: UnsafeMutablePointer<UInt8>
        var count = 0
        var pendingSpace = false

        @inline(__always) mutating func space() { pendingSpace = true }

        @inline(__always) mutating func flushSpace() {
            if pendingSpace {
                if count > 0 {
                    base[count] = 0x20
                    count += 1
                }
                pendingSpace = false
            }
        }

        /// A visible ASCII byte.
        @inline(__always) mutating func append(_ byte: UInt8) {
            flushSpace()
            base[count] = byte
            count += 1
        }

        /// Visible ASCII with single spaces inside (written as they are).
        @inline(__always) mutating func append(run: UnsafeBufferPointer<UInt8>) {
            flushSpace()
            (base + count).update(from: run.baseAddress!, count: run.count)
            count += run.count
        }

        /// A decoded character (from a reference or an ISO-8859-1 byte).
        mutating func append(scalar value: UInt32) {
            switch value {
            case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                pendingSpace = true
                return
            default:
                break
            }
            flushSpace()
            if value < 0x80 {
                base[count] = UInt8(value)
                count += 1
            } else if value < 0x800 {
                base[count] = UInt8(0xC0 | (value >> 6))
                base[count + 1] = UInt8(0x80 | (value & 0x3F))
                count += 2
            } else if value < 0x10000 {
                base[count] = UInt8(0xE0 | (value >> 12))
                base[count + 1] = UInt8(0x80 | ((value >> 6) & 0x3F))
                base[count + 2] = UInt8(0x80 | (value & 0x3F))
                count += 3
            } else {
                base[count] = UInt8(0xF0 | (value >> 18))
                base[count + 1] = UInt8(0x80 | ((value >> 12) & 0x3F))
                base[count + 2] = UInt8(0x80 | ((value >> 6) & 0x3F))
                base[count + 3] = UInt8(0x80 | (value & 0x3F))
                count += 4
            }
        }

        func string(_ range: Range<Int>) -> String {
            var start = range.lowerBound
            // A label's slice can only start with the space written before its first character.
            if start < range.upperBound, base[start] == 0x20 { start += 1 }
            return String(decoding: UnsafeBufferPointer(start: base + start, count: max(0, range.upperBound - start)), as: UTF8.self)
        }
    }

    /// The reading, or nil when libxml2 must decide.
    static func read(_ s: UnsafeBufferPointer<UInt8>, limits: DocumentLimits) -> FeedContent.Reading? {
        let n = s.count
        // What LibXMLDocument.html would refuse or treat specially.
        guard n >= 2, n <= limits.maxBytes, s[0] == UInt8(ascii: "<"), isLetter(s[1]) else { return nil }
        guard !declaresMeta(s), !declaresHTTPEquivalent(s) else { return nil }
        // Each input byte yields at most two output bytes (ISO-8859-1 to UTF-8); references
        // and tags yield no more than they take.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * n + 8) { buffer in
            scan(s, limits: limits, into: Output(base: buffer.baseAddress!))
        }
    }

    private static func scan(_ s: UnsafeBufferPointer<UInt8>, limits: DocumentLimits, into start: Output)
        -> FeedContent.Reading?
    {
        let n = s.count
        let depthLimit = min(limits.maxDepth, LibXMLDocument.deepestSupportedNesting)
        var output = start
        var stack: [Tag] = []
        var labels: [Range<Int>] = []
        var openLabels: [(index: Int, start: Int)] = []
        var deepest = 0

        var i = 0
        while i < n {
            let c = s[i]
            if c == UInt8(ascii: "<") {
                guard i + 1 < n else { return nil }
                let d = s[i + 1]
                if d == UInt8(ascii: "/") {
                    // End tag: must close the innermost open element.
                    var j = i + 2
                    guard j < n, isLetter(s[j]) else { return nil }
                    let nameStart = j
                    while j < n && isNameByte(s[j]) { j += 1 }
                    guard let tag = tag(s, nameStart..<j), let open = stack.last, open == tag else { return nil }
                    while j < n && isBlank(s[j]) { j += 1 }
                    guard j < n, s[j] == UInt8(ascii: ">") else { return nil }
                    stack.removeLast()
                    if tag.isLabel {
                        let label = openLabels.removeLast()
                        labels[label.index] = label.start..<output.count
                    }
                    if tag.isBlock { output.space() }
                    i = j + 1
                } else if isLetter(d) {
                    // Start tag.
                    var j = i + 1
                    let nameStart = j
                    while j < n && isNameByte(s[j]) { j += 1 }
                    guard let tag = tag(s, nameStart..<j) else { return nil }
                    var selfClosing = false
                    attributes: while true {
                        while j < n && isBlank(s[j]) { j += 1 }
                        guard j < n else { return nil }
                        let byte = s[j]
                        if byte == UInt8(ascii: ">") {
                            j += 1
                            break attributes
                        }
                        if byte == UInt8(ascii: "/") {
                            guard j + 1 < n, s[j + 1] == UInt8(ascii: ">") else { return nil }
                            j += 2
                            selfClosing = true
                            break attributes
                        }
                        guard isLetter(byte) || byte == 0x5F || byte == 0x3A else { return nil }
                        let attributeStart = j
                        while j < n && isNameByte(s[j]) { j += 1 }
                        guard j - attributeStart < 90 else { return nil }  // libxml2 truncates at 100
                        while j < n && isBlank(s[j]) { j += 1 }
                        guard j < n, s[j] == UInt8(ascii: "=") else { continue attributes }
                        j += 1
                        while j < n && isBlank(s[j]) { j += 1 }
                        guard j < n else { return nil }
                        let quote = s[j]
                        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                            j += 1
                            while j < n && s[j] != quote { j += 1 }
                            guard j < n else { return nil }
                            j += 1
                        } else {
                            let valueStart = j
                            while j < n && !isBlank(s[j]) && s[j] != UInt8(ascii: ">") { j += 1 }
                            guard j > valueStart else { return nil }
                        }
                    }
                    // Only where libxml2 would neither close an open element nor imply one.
                    let top = stack.last
                    if tag.isFlow {
                        guard top == nil || top!.holdsFlow else { return nil }
                    } else if tag == .li {
                        guard top == .ul || top == .ol else { return nil }
                    } else if tag == .a {
                        guard !stack.contains(.a) else { return nil }
                    }
                    if tag.isBlock { output.space() }
                    if tag.isVoid || selfClosing {
                        if tag.isLabel { labels.append(output.count..<output.count) }
                        if tag.isBlock { output.space() }
                        deepest = max(deepest, stack.count + 1)
                    } else {
                        if tag.isLabel {
                            openLabels.append((labels.count, output.count))
                            labels.append(output.count..<output.count)
                        }
                        stack.append(tag)
                        deepest = max(deepest, stack.count)
                    }
                    i = j
                } else if d == 0x20 || isDigit(d) || d == UInt8(ascii: "=") {
                    // A "<" that starts no markup is text (the document already has a body).
                    output.append(c)
                    i += 1
                } else {
                    return nil
                }
            } else if c == UInt8(ascii: "&") {
                guard let next = reference(s, at: i, into: &output) else { return nil }
                i = next
            } else {
                // Character data up to the next markup.
                while i < n {
                    let byte = s[i]
                    if byte > 0x20 && byte < 0x80 {
                        if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") { break }
                        // A run of visible ASCII with single spaces between, copied as it is.
                        let runStart = i
                        i += 1
                        while i < n {
                            let next = s[i]
                            if next > 0x20 && next < 0x80 && next != UInt8(ascii: "<") && next != UInt8(ascii: "&") {
                                i += 1
                            } else if next == 0x20, i + 1 < n, s[i + 1] > 0x20, s[i + 1] < 0x80,
                                s[i + 1] != UInt8(ascii: "<"), s[i + 1] != UInt8(ascii: "&")
                            {
                                i += 2
                            } else {
                                break
                            }
                        }
                        output.append(run: UnsafeBufferPointer(rebasing: s[runStart..<i]))
                        continue
                    } else if byte == 0x20 {
                        output.space()
                    } else if byte < 0x20 {
                        return nil
                    } else {
                        // libxml2 is given no encoding for the fragment; at its first non-ASCII
                        // byte it falls back to ISO-8859-1, so each byte becomes U+0080…U+00FF
                        // (UTF-8 text comes out as mojibake, exactly as before).
                        output.append(scalar: UInt32(byte))
                    }
                    i += 1
                }
            }
        }
        // Unclosed elements, or a depth LibXMLDocument.html would refuse (html and body sit
        // above the fragment, text one level below its deepest element).
        guard stack.isEmpty, deepest + 2 < depthLimit else { return nil }
        var texts: [String] = []
        texts.reserveCapacity(labels.count)
        for label in labels {
            let text = output.string(label)
            if !text.isEmpty { texts.append(text) }
        }
        return FeedContent.Reading(labels: texts, text: output.string(0..<output.count))
    }

    /// A `<meta` in the part `HTMLCharset` sniffs would change how libxml2 decodes the text.
    private static func declaresMeta(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let end = min(s.count, HTMLCharset.sniffLength)
        return positions(of: UInt8(ascii: "<"), in: s, before: end).contains { index in
            index + 4 < end && lower(s[index + 1]) == UInt8(ascii: "m") && lower(s[index + 2]) == UInt8(ascii: "e")
                && lower(s[index + 3]) == UInt8(ascii: "t") && lower(s[index + 4]) == UInt8(ascii: "a")
        }
    }

    /// At its first non-ASCII byte libxml2 looks for `http-equiv … content … charset=` in the
    /// rest of the input to pick an encoding; the scanner leaves such text to libxml2.
    private static func declaresHTTPEquivalent(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = s.count
        let mentioned = positions(of: UInt8(ascii: "-"), in: s, before: count).contains { index in
            guard index >= 4, index + 5 < count else { return false }
            let before = (lower(s[index - 4]), lower(s[index - 3]), lower(s[index - 2]), lower(s[index - 1]))
            guard before == (0x68, 0x74, 0x74, 0x70) else { return false }  // "http"
            return lower(s[index + 1]) == UInt8(ascii: "e") && lower(s[index + 2]) == UInt8(ascii: "q")
                && lower(s[index + 3]) == UInt8(ascii: "u") && lower(s[index + 4]) == UInt8(ascii: "i")
                && lower(s[index + 5]) == UInt8(ascii: "v")
        }
        return mentioned && s.contains { $0 >= 0x80 }
    }

    /// Where `byte` occurs in `s[..<end]` (found with `memchr`).
    private static func positions(of byte: UInt8, in s: UnsafeBufferPointer<UInt8>, before end: Int) -> Positions {
        Positions(base: s.baseAddress, end: end, byte: byte)
    }

    private struct Positions: Sequence, IteratorProtocol {
        let base: UnsafePointer<UInt8>?
        let end: Int
        let byte: UInt8
        var offset = 0

        mutating func next() -> Int? {
            guard let base, offset < end, let found = memchr(base + offset, Int32(byte), end - offset) else {
                return nil
            }
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            offset = index + 1
            return index
        }
    }

    /// Decodes the reference at `start` (an `&`) into `output`, returning where reading goes on.
    private static func reference(_ s: UnsafeBufferPointer<UInt8>, at start: Int, into output: inout Output) -> Int? {
        let n = s.count
        guard start + 1 < n else { return nil }
        let d = s[start + 1]
        if d == UInt8(ascii: "#") {
            var j = start + 2
            var hex = false
            if j < n, s[j] == UInt8(ascii: "x") || s[j] == UInt8(ascii: "X") {
                hex = true
                j += 1
            }
            var value: UInt32 = 0
            let digitsStart = j
            while j < n {
                let byte = s[j]
                var digit: UInt32
                if isDigit(byte) {
                    digit = UInt32(byte - 0x30)
                } else if hex, lower(byte) >= UInt8(ascii: "a"), lower(byte) <= UInt8(ascii: "f") {
                    digit = UInt32(lower(byte) - UInt8(ascii: "a") + 10)
                } else {
                    break
                }
                value = value * (hex ? 16 : 10) + digit
                guard value < 0x110000 else { return nil }
                j += 1
            }
            guard j > digitsStart, j < n, s[j] == UInt8(ascii: ";") else { return nil }
            let isChar =
                value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value <= 0xD7FF)
                || (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF)
            guard isChar else { return nil }
            output.append(scalar: value)
            return j + 1
        }
        if isLetter(d) || d == 0x5F || d == 0x3A {
            var j = start + 1
            while j < n && isNameByte(s[j]) { j += 1 }
            guard j < n else { return nil }
            if s[j] == UInt8(ascii: ";") {
                let length = j - start - 1
                outer: for entity in entities where entity.name.count == length {
                    for offset in 0..<length where s[start + 1 + offset] != entity.name[offset] { continue outer }
                    output.append(scalar: entity.value)
                    return j + 1
                }
                return nil
            }
            // "&name" without ";" stays as it is.
            guard s[j] < 0x80 else { return nil }
            for index in start..<j { output.append(s[index]) }
            return j
        }
        // "&" before anything that cannot start a name is text.
        guard d < 0x80 else { return nil }
        output.append(UInt8(ascii: "&"))
        return start + 1
    }
}
