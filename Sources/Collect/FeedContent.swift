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
        /// The content as plain text ("" when it was not asked for).
        var text: String
    }

    /// The labels and text of an Atom `content`/`summary` or RSS `description` element.
    ///
    /// - Parameters:
    ///   - wantsText: false when only the labels are needed (`text` is then "").
    ///   - scratch: working memory reused across the entries of one document.
    static func read(
        _ content: LibXMLNode, limits: DocumentLimits, wantsText: Bool = true, scratch: ScanScratch = ScanScratch()
    ) -> Reading {
        if hasElementChild(content.pointer) {
            // Inline XHTML: the markup is already part of the tree.
            let labels = content.descendants { isLabelElement($0.pointer) }.map(\.text)
            return Reading(labels: labels, text: wantsText ? content.text : "")
        }
        // The escaped HTML arrives as text. The original reading is `readEscaped(content.text)`
        // (whitespace collapsed first, which is harmless); the scanner reads the text node's
        // bytes directly, applying that collapsing itself.
        if let only = content.pointer.pointee.children, only.pointee.next == nil,
            only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE
        {
            guard let text = only.pointee.content else { return Reading(labels: [], text: "") }
            let raw = UnsafeBufferPointer(start: text, count: Int(xmlStrlen(text)))
            // No "<" byte: no markup (`contains("<")` is false), the text is the collapsed text.
            if raw.isEmpty || memchr(raw.baseAddress!, Int32(UInt8(ascii: "<")), raw.count) == nil {
                return Reading(labels: [], text: wantsText ? TreeWalker.collapseWhitespace(raw) : "")
            }
            if let reading = EscapedHTMLScanner.read(raw: raw, limits: limits, wantsText: wantsText, scratch: scratch) {
                return reading
            }
        }
        return readEscaped(content.text, limits: limits, wantsText: wantsText, scratch: scratch)
    }

    /// The labels and text of escaped HTML whose whitespace is already collapsed (what
    /// `TreeWalker.text` returns). Statuspage's simple markup is read by
    /// `EscapedHTMLScanner`; anything it is not sure to read as libxml2 would goes through
    /// libxml2's HTML parser.
    static func readEscaped(
        _ source: String, limits: DocumentLimits, wantsText: Bool = true, scratch: ScanScratch = ScanScratch()
    ) -> Reading {
        var bytes = source
        let scanned: Reading?? = bytes.withUTF8 { bytes in
            switch lessThanSign(in: bytes) {
            case .absent: return .some(nil)
            case .present:
                return EscapedHTMLScanner.read(raw: bytes, limits: limits, wantsText: wantsText, scratch: scratch)
                    .map { .some($0) }
            case .undecided: return nil
            }
        }
        switch scanned {
        case .some(.some(let reading)): return reading
        case .some(.none): return Reading(labels: [], text: wantsText ? TreeWalker.collapseWhitespace(source) : "")
        case .none:
            let reading = readWithLibXML(source, limits: limits)
            return wantsText ? reading : Reading(labels: reading.labels, text: "")
        }
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

/// Working memory for `EscapedHTMLScanner`, kept for the entries of one document so that
/// each entry does not allocate its own.
final class ScanScratch {
    fileprivate var output: UnsafeMutablePointer<UInt8>?
    fileprivate var capacity = 0
    /// Open elements.
    fileprivate let stack = UnsafeMutablePointer<EscapedHTMLScanner.Tag>.allocate(capacity: stackCapacity)
    /// Open labels: (index in `labels`, output position where each started).
    fileprivate let openLabels = UnsafeMutablePointer<(index: Int, start: Int)>.allocate(capacity: stackCapacity)
    fileprivate var labels: [Range<Int>] = []

    /// Deeper markup is left to libxml2 (Statuspage's is four levels deep).
    fileprivate static let stackCapacity = 64

    init() {}

    deinit {
        output?.deallocate()
        stack.deallocate()
        openLabels.deallocate()
    }

    fileprivate func output(capacity needed: Int) -> UnsafeMutablePointer<UInt8> {
        if let output, capacity >= needed { return output }
        output?.deallocate()
        let size = max(needed, 1024)
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        output = fresh
        capacity = size
        return fresh
    }
}

/// Reads the escaped HTML of a feed entry without a second libxml2 parse, producing exactly
/// what `FeedContent.readWithLibXML` (libxml2 2.9's HTML parser plus `TreeWalker.text`)
/// produces for the whitespace-collapsed text. It knows a deliberately small subset:
/// well-nested lowercase or uppercase tags from a fixed list, in places where libxml2 would
/// not close or insert anything itself; quoted or plain attributes; `&#…;` and a few named
/// entities; a stray `<` before a space, digit or `=`; non-ASCII text read as ISO-8859-1,
/// as libxml2 reads this undeclared fragment. It reads the uncollapsed text, treating
/// whitespace as collapsing would (and declining where collapsing could change the markup).
/// On anything else it returns nil and the caller uses libxml2.
enum EscapedHTMLScanner {
    /// The elements the scanner knows.
    enum Tag: UInt8, CaseIterable {
        case p, div, ul, ol, li, h1, h2, h3, h4, h5, h6, blockquote, br, hr
        case a, b, strong, small, variable, em, i, span, code, u, s, sub, sup

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
            switch (at(0), at(1)) {
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

    /// The tags as Statuspage writes them (lowercase; no attributes but `data-var`),
    /// recognised without the general reading; what the general reading would make of the
    /// same bytes.
    @inline(__always)
    private static func commonTag(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (Tag, Bool, Bool, Int)? {
        let n = s.count
        @inline(__always) func spells(_ literal: StaticString, at start: Int) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard start + count <= n else { return false }
            let bytes = literal.utf8Start
            for offset in 0..<count where s[start + offset] != bytes[offset] { return false }
            return true
        }
        switch s[i + 1] {
        case UInt8(ascii: "p"):
            return spells("p>", at: i + 1) ? (.p, false, false, i + 3) : nil
        case UInt8(ascii: "b"):
            if spells("br>", at: i + 1) { return (.br, false, false, i + 4) }
            if spells("br />", at: i + 1) { return (.br, false, true, i + 6) }
            return nil
        case UInt8(ascii: "s"):
            if spells("strong>", at: i + 1) { return (.strong, false, false, i + 8) }
            if spells("small>", at: i + 1) { return (.small, false, false, i + 7) }
            return nil
        case UInt8(ascii: "v"):
            if spells("var data-var='date'>", at: i + 1) || spells("var data-var='time'>", at: i + 1) {
                return (.variable, false, false, i + 21)
            }
            return spells("var>", at: i + 1) ? (.variable, false, false, i + 5) : nil
        case UInt8(ascii: "/"):
            guard i + 2 < n else { return nil }
            switch s[i + 2] {
            case UInt8(ascii: "p"): return spells("/p>", at: i + 1) ? (.p, true, false, i + 4) : nil
            case UInt8(ascii: "s"):
                if spells("/strong>", at: i + 1) { return (.strong, true, false, i + 9) }
                if spells("/small>", at: i + 1) { return (.small, true, false, i + 8) }
                return nil
            case UInt8(ascii: "v"): return spells("/var>", at: i + 1) ? (.variable, true, false, i + 6) : nil
            default: return nil
            }
        default:
            return nil
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

    /// Blanks inside markup (libxml2's `IS_BLANK_CH`).
    @inline(__always) private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// ASCII whitespace as `TreeWalker.collapseWhitespace` sees it.
    @inline(__always) private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// Whether only (ASCII) whitespace follows `index`: collapsing would drop it, so what
    /// precedes would end the text.
    private static func onlySpace(_ s: UnsafeBufferPointer<UInt8>, from index: Int) -> Bool {
        var index = index
        while index < s.count {
            if !isSpace(s[index]) { return false }
            index += 1
        }
        return true
    }

    /// The text being produced, collapsed as it is written (what `TreeWalker.text` would
    /// make of the tree libxml2 builds): whitespace only marks a pending space, written
    /// before the next visible character unless nothing has been written yet. When only
    /// labels are wanted, nothing is written outside them.
    private struct Output {
        let base: UnsafeMutablePointer<UInt8>
        /// Room at `base`, kept free of the last 4 bytes (one character).
        let limit: Int
        let wantsText: Bool
        var writing: Bool
        var count = 0
        var pendingSpace = false
        /// Set when more was to be written than fits (the reading is then abandoned).
        var overflowed = false

        init(base: UnsafeMutablePointer<UInt8>, capacity: Int, wantsText: Bool) {
            self.base = base
            self.limit = capacity - 5
            self.wantsText = wantsText
            self.writing = wantsText
        }

        /// Whether `bytes` more (and a space) fit.
        @inline(__always) mutating func fits(_ bytes: Int) -> Bool {
            if count + bytes <= limit { return true }
            overflowed = true
            return false
        }

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
            guard writing, fits(1) else { return }
            flushSpace()
            base[count] = byte
            count += 1
        }

        /// Visible ASCII with single spaces inside (written as they are).
        @inline(__always) mutating func append(run: UnsafeBufferPointer<UInt8>) {
            guard writing else {
                pendingSpace = false
                return
            }
            guard fits(run.count) else { return }
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
            guard writing else {
                pendingSpace = false
                return
            }
            guard fits(4) else { return }
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
            // A slice can only start with the space written before its first character.
            if start < range.upperBound, base[start] == 0x20 { start += 1 }
            return String(
                decoding: UnsafeBufferPointer(start: base + start, count: max(0, range.upperBound - start)),
                as: UTF8.self)
        }
    }

    /// The reading of `raw` (the text as stored, before whitespace collapsing), or nil when
    /// libxml2 must decide.
    static func read(raw: UnsafeBufferPointer<UInt8>, limits: DocumentLimits, wantsText: Bool, scratch: ScanScratch)
        -> FeedContent.Reading?
    {
        // Collapsing drops leading whitespace; non-ASCII there may be whitespace too.
        var first = 0
        while first < raw.count && isSpace(raw[first]) { first += 1 }
        let s = UnsafeBufferPointer(rebasing: raw[first...])
        let n = s.count
        // What LibXMLDocument.html would refuse or treat specially (the collapsed text is no
        // longer than this, so these checks only decline more often).
        guard n >= 2, n <= limits.maxBytes, s[0] == UInt8(ascii: "<"), isLetter(s[1]) else { return nil }
        // A `<meta` (which could make libxml2 switch encodings) is either a tag the scanner
        // does not know or inside an attribute value, where it declines any "<".
        guard wantsText else {
            // Labels only: they are short, and a fixed buffer on the stack holds them.
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { buffer in
                scan(
                    s, limits: limits, into: Output(base: buffer.baseAddress!, capacity: 1024, wantsText: false),
                    scratch: scratch)
            }
        }
        // Each input byte yields at most two output bytes (ISO-8859-1 to UTF-8); references
        // and tags yield no more than they take.
        let capacity = 2 * n + 8
        let output = Output(base: scratch.output(capacity: capacity), capacity: capacity, wantsText: true)
        return scan(s, limits: limits, into: output, scratch: scratch)
    }

    private static func scan(
        _ s: UnsafeBufferPointer<UInt8>, limits: DocumentLimits, into start: Output, scratch: ScanScratch
    ) -> FeedContent.Reading? {
        let n = s.count
        let depthLimit = min(limits.maxDepth, LibXMLDocument.deepestSupportedNesting)
        var output = start
        let stack = scratch.stack
        var depth = 0  // stack[0..<depth] are open
        let openLabels = scratch.openLabels
        var openLabelCount = 0
        var labels = scratch.labels
        labels.removeAll(keepingCapacity: true)
        scratch.labels = []
        defer { scratch.labels = labels }
        // Deeper than this is refused anyway (see the depth check at the end).
        let depthCap = min(depthLimit, ScanScratch.stackCapacity)
        var deepest = 0
        var sawNonASCII = false

        var i = 0
        while i < n {
            let c = s[i]
            if c == UInt8(ascii: "<") {
                guard i + 1 < n else { return nil }
                let d = s[i + 1]
                let markup: (tag: Tag, isEnd: Bool, selfClosing: Bool, next: Int)
                if let quick = commonTag(s, at: i) {
                    markup = quick
                } else if d == UInt8(ascii: "/") {
                    // End tag.
                    var j = i + 2
                    guard j < n, isLetter(s[j]) else { return nil }
                    let nameStart = j
                    while j < n && isNameByte(s[j]) { j += 1 }
                    guard let tag = tag(s, nameStart..<j) else { return nil }
                    while j < n && isBlank(s[j]) { j += 1 }
                    guard j < n, s[j] == UInt8(ascii: ">") else { return nil }
                    markup = (tag, true, false, j + 1)
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
                            while j < n && s[j] != quote {
                                let byte = s[j]
                                guard byte != UInt8(ascii: "<") else { return nil }
                                if byte >= 0x80 { sawNonASCII = true }
                                j += 1
                            }
                            guard j < n else { return nil }
                            j += 1
                        } else {
                            // Unquoted: only visible ASCII, where collapsing cannot move its end.
                            let valueStart = j
                            while j < n && !isBlank(s[j]) && s[j] != UInt8(ascii: ">") {
                                guard s[j] > 0x20 && s[j] < 0x80, s[j] != UInt8(ascii: "<") else { return nil }
                                j += 1
                            }
                            guard j > valueStart else { return nil }
                        }
                    }
                    markup = (tag, false, selfClosing, j)
                } else if isSpace(d) {
                    // "<" and a space: text, unless collapsing would leave the "<" last.
                    guard !onlySpace(s, from: i + 1) else { return nil }
                    output.append(c)
                    i += 1
                    continue
                } else if isDigit(d) || d == UInt8(ascii: "=") {
                    // A "<" that starts no markup is text (the document already has a body).
                    output.append(c)
                    i += 1
                    continue
                } else {
                    return nil
                }
                let tag = markup.tag
                if markup.isEnd {
                    // Must close the innermost open element.
                    guard depth > 0, stack[depth - 1] == tag else { return nil }
                    depth -= 1
                    if tag.isLabel {
                        openLabelCount -= 1
                        let label = openLabels[openLabelCount]
                        labels[label.index] = label.start..<output.count
                        output.writing = output.wantsText || openLabelCount > 0
                    }
                    if tag.isBlock { output.space() }
                } else {
                    // Only where libxml2 would neither close an open element nor imply one.
                    let top: Tag? = depth > 0 ? stack[depth - 1] : nil
                    if tag.isFlow {
                        guard top == nil || top!.holdsFlow else { return nil }
                    } else if tag == .li {
                        guard top == .ul || top == .ol else { return nil }
                    } else if tag == .a {
                        for index in 0..<depth where stack[index] == .a { return nil }
                    }
                    if tag.isBlock { output.space() }
                    if tag.isVoid || markup.selfClosing {
                        if tag.isLabel { labels.append(output.count..<output.count) }
                        if tag.isBlock { output.space() }
                        deepest = max(deepest, depth + 1)
                    } else {
                        guard depth < depthCap else { return nil }
                        if tag.isLabel {
                            openLabels[openLabelCount] = (labels.count, output.count)
                            openLabelCount += 1
                            labels.append(output.count..<output.count)
                            output.writing = true
                        }
                        stack[depth] = tag
                        depth += 1
                        deepest = max(deepest, depth)
                    }
                }
                i = markup.next
            } else if c == UInt8(ascii: "&") {
                guard let next = reference(s, at: i, into: &output) else { return nil }
                i = next
            } else {
                // Character data up to the next markup.
                while i < n {
                    let byte = s[i]
                    if byte > 0x20 && byte < 0x80 {
                        if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") { break }
                        // A run of visible ASCII with single spaces between, kept as it is.
                        let runStart = i
                        i = plainRunEnd(s, from: i + 1)
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
                    } else if isSpace(byte) {
                        output.space()
                        i += 1
                    } else if byte < 0x20 {
                        return nil
                    } else {
                        sawNonASCII = true
                        // A UTF-8 character: whitespace collapses; anything else reaches libxml2,
                        // which (given no encoding for the fragment) reads its bytes as
                        // ISO-8859-1, each becoming U+0080…U+00FF: UTF-8 text comes out as
                        // mojibake, exactly as before.
                        guard let length = UTF8Bytes.sequenceLength(s.baseAddress!, at: i, count: n) else {
                            return nil
                        }
                        if TreeWalker.isMultibyteWhitespace(s.baseAddress!, at: i, length: length) {
                            output.space()
                        } else {
                            for offset in 0..<length { output.append(scalar: UInt32(s[i + offset])) }
                        }
                        i += length
                    }
                }
            }
        }
        // Unclosed elements, or a depth LibXMLDocument.html would refuse (html and body sit
        // above the fragment, text one level below its deepest element).
        guard depth == 0, deepest + 2 < depthLimit, !output.overflowed else { return nil }
        guard !sawNonASCII || !mentionsHTTPEquivalent(s) else { return nil }
        var texts: [String] = []
        texts.reserveCapacity(labels.count)
        for label in labels {
            let text = output.string(label)
            if !text.isEmpty { texts.append(text) }
        }
        return FeedContent.Reading(labels: texts, text: output.wantsText ? output.string(0..<output.count) : "")
    }

    /// At its first non-ASCII byte libxml2 looks for `http-equiv … content … charset=` in the
    /// rest of the input to pick an encoding; the scanner leaves such text to libxml2.
    private static func mentionsHTTPEquivalent(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = s.count
        return positions(of: UInt8(ascii: "-"), in: s, before: count).contains { index in
            guard index >= 4, index + 5 < count else { return false }
            let before = (lower(s[index - 4]), lower(s[index - 3]), lower(s[index - 2]), lower(s[index - 1]))
            guard before == (0x68, 0x74, 0x74, 0x70) else { return false }  // "http"
            return lower(s[index + 1]) == UInt8(ascii: "e") && lower(s[index + 2]) == UInt8(ascii: "q")
                && lower(s[index + 3]) == UInt8(ascii: "u") && lower(s[index + 4]) == UInt8(ascii: "i")
                && lower(s[index + 5]) == UInt8(ascii: "v")
        }
    }

    /// Skips 16 bytes at a time while they are plain text: visible ASCII other than `<` and
    /// `&`, or a space followed by such a byte. Returns where the byte-wise loop goes on.
    @inline(__always)
    private static func plainRunEnd(_ s: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = s.baseAddress else { return start }
        let n = s.count
        var i = start
        let space = SIMD16<UInt8>(repeating: 0x20)
        let lessThan = SIMD16<UInt8>(repeating: UInt8(ascii: "<"))
        let ampersand = SIMD16<UInt8>(repeating: UInt8(ascii: "&"))
        let high = SIMD16<UInt8>(repeating: 0x80)
        while i + 17 <= n {
            let raw = UnsafeRawPointer(base + i)
            let here = raw.loadUnaligned(as: SIMD16<UInt8>.self)
            let next = raw.loadUnaligned(fromByteOffset: 1, as: SIMD16<UInt8>.self)
            // Visible ASCII other than < and & (a space is checked with what follows it).
            let hereOdd = (here .< space) .| (here .>= high) .| (here .== lessThan) .| (here .== ampersand)
            let nextOdd = (next .<= space) .| (next .>= high) .| (next .== lessThan) .| (next .== ampersand)
            // (`any` on a mask reduces lane by lane; two 64-bit words test all lanes at once.)
            let odd = unsafeBitCast(hereOdd .| ((here .== space) .& nextOdd), to: SIMD2<UInt64>.self)
            if odd[0] | odd[1] != 0 { break }
            i += 16
        }
        return i
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
            // "&name" without ";" stays as it is (unless collapsing would leave it last).
            guard s[j] < 0x80, !(isSpace(s[j]) && onlySpace(s, from: j)) else { return nil }
            for index in start..<j { output.append(s[index]) }
            return j
        }
        // "&" before anything that cannot start a name is text (unless collapsing would
        // leave it last).
        guard d < 0x80, !(isSpace(d) && onlySpace(s, from: start + 1)) else { return nil }
        output.append(UInt8(ascii: "&"))
        return start + 1
    }
}
