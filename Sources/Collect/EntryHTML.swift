import Foundation

/// A plain reading of the HTML in a feed entry (UTF-8, as every XML document's text is):
/// its text, and the texts of its `<strong>` and `<b>` elements, which Statuspage uses for
/// update labels.
///
/// The text is what a reader sees: tags removed, character references decoded, a space at
/// the edges of block elements (`TreeWalker`'s list), comments, `script` and `style` left
/// out, whitespace collapsed. Markup is read as written, without the repairs an HTML parser
/// makes to broken markup; the one repair is that a label left open ends at the next end tag
/// of a block element, or at the end of the input. A `<` that starts no tag is text, and so
/// is an `&` that starts no known reference.
///
/// With `until`, the reading ends once every label started so far is complete and one of
/// them satisfies it: the labels up to that one are the same, the later ones are left out.
enum EntryHTML {
    static func read(
        _ html: UnsafeBufferPointer<UInt8>, wantsText: Bool, until stop: ((String) -> Bool)? = nil
    ) -> FeedContent.Reading {
        var reader = Reader(html: html, wantsText: wantsText, stop: stop)
        reader.run()
        return reader.reading()
    }

    /// The state of one reading.
    private struct Reader {
        let html: UnsafeBufferPointer<UInt8>
        let wantsText: Bool
        let stop: ((String) -> Bool)?
        var index = 0
        /// The text read so far, uncollapsed (only what is inside a label unless the text is wanted).
        var output: [UInt8] = []
        /// Each label's place in `output`, in the order the labels start.
        var labels: [Range<Int>] = []
        /// The labels still open: their index in `labels` and whether they are `strong` (else `b`).
        var open: [(label: Int, strong: Bool)] = []
        /// How many labels `stop` has been asked about.
        var checked = 0

        init(html: UnsafeBufferPointer<UInt8>, wantsText: Bool, stop: ((String) -> Bool)?) {
            self.html = html
            self.wantsText = wantsText
            self.stop = stop
            if wantsText { output.reserveCapacity(html.count) }
        }

        private var recording: Bool { wantsText || !open.isEmpty }

        mutating func run() {
            let count = html.count
            while index < count {
                guard recording else {
                    // Outside a label, with no text wanted, only markup matters.
                    index = position(of: UInt8(ascii: "<"), from: index)
                    if index < count { markup() }
                    continue
                }
                switch html[index] {
                case UInt8(ascii: "<"): markup()
                case UInt8(ascii: "&"): reference()
                default:
                    let start = index
                    index += 1
                    while index < count, html[index] != UInt8(ascii: "<"), html[index] != UInt8(ascii: "&") {
                        index += 1
                    }
                    if recording { output.append(contentsOf: html[start..<index]) }
                }
            }
            closeLabels(from: 0)
        }

        func reading() -> FeedContent.Reading {
            output.withUnsafeBufferPointer { bytes in
                var texts: [String] = []
                for range in labels {
                    let text = TreeWalker.collapseWhitespace(UnsafeBufferPointer(rebasing: bytes[range]))
                    if !text.isEmpty { texts.append(text) }
                }
                return FeedContent.Reading(labels: texts, text: wantsText ? TreeWalker.collapseWhitespace(bytes) : "")
            }
        }

        // MARK: Markup

        /// At a `<`: a tag, comment or declaration is read past; any other `<` is text.
        private mutating func markup() {
            let count = html.count
            let next = index + 1 < count ? html[index + 1] : 0
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                let isComment =
                    next == UInt8(ascii: "!") && index + 3 < count && html[index + 2] == UInt8(ascii: "-")
                    && html[index + 3] == UInt8(ascii: "-")
                index = isComment ? after("-->", from: index + 4) : after(">", from: index + 2)
                return
            }
            let isEnd = next == UInt8(ascii: "/")
            let nameStart = isEnd ? index + 2 : index + 1
            guard nameStart < count, isLetter(html[nameStart]) else {
                text(UInt8(ascii: "<"))
                index += 1
                return
            }
            var nameEnd = nameStart
            while nameEnd < count, isNameByte(html[nameEnd]) { nameEnd += 1 }
            guard let tagEnd = endOfTag(from: nameEnd) else {
                // No `>` follows: the rest is text.
                text(UInt8(ascii: "<"))
                index += 1
                return
            }
            let kind = Kind(html, nameStart..<nameEnd)
            let selfClosing = !isEnd && html[tagEnd - 2] == UInt8(ascii: "/")
            index = tagEnd
            if kind.isBlock {
                text(0x20)
                if isEnd { closeLabels(from: 0) }
            }
            switch kind {
            case .strong, .b:
                if isEnd {
                    if let last = open.lastIndex(where: { $0.strong == (kind == .strong) }) { closeLabels(from: last) }
                } else if selfClosing {
                    labels.append(output.count..<output.count)
                } else {
                    open.append((labels.count, kind == .strong))
                    labels.append(output.count..<output.count)
                }
            case .script, .style:
                if !isEnd && !selfClosing { skipRawText(named: kind == .script ? "script" : "style") }
            case .block, .other:
                break
            }
        }

        /// Ends the open labels from position `first` of `open` on; the reading ends here
        /// when that reaches `stop`.
        private mutating func closeLabels(from first: Int) {
            guard first < open.count else { return }
            for entry in open[first...] {
                labels[entry.label] = labels[entry.label].lowerBound..<output.count
            }
            open.removeSubrange(first...)
            if reachedStop() { index = html.count }
        }

        /// Whether no label is open and one read so far satisfies `stop`.
        private mutating func reachedStop() -> Bool {
            guard let stop, open.isEmpty else { return false }
            while checked < labels.count {
                let range = labels[checked]
                checked += 1
                let text = output.withUnsafeBufferPointer {
                    TreeWalker.collapseWhitespace(UnsafeBufferPointer(rebasing: $0[range]))
                }
                if !text.isEmpty, stop(text) { return true }
            }
            return false
        }

        /// The index just past the `>` that ends the tag whose name ends at `start` (a `>`
        /// inside a quoted attribute value does not count), or nil when there is none.
        private func endOfTag(from start: Int) -> Int? {
            let count = html.count
            var position = start
            var afterEquals = false
            while position < count {
                let byte = html[position]
                if byte == UInt8(ascii: ">") { return position + 1 }
                if afterEquals, byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    position += 1
                    while position < count, html[position] != byte { position += 1 }
                    guard position < count else { return nil }
                    afterEquals = false
                } else if byte == UInt8(ascii: "=") {
                    afterEquals = true
                } else if !isSpace(byte) {
                    afterEquals = false
                }
                position += 1
            }
            return nil
        }

        /// Skips a `script` or `style` element's content and its end tag.
        private mutating func skipRawText(named name: StaticString) {
            let count = html.count
            let length = name.utf8CodeUnitCount
            var position = index
            while position + 1 + length < count {
                if html[position] == UInt8(ascii: "<"), html[position + 1] == UInt8(ascii: "/") {
                    var matches = true
                    for offset in 0..<length where lower(html[position + 2 + offset]) != name.utf8Start[offset] {
                        matches = false
                        break
                    }
                    if matches {
                        index = after(">", from: position + 2 + length)
                        return
                    }
                }
                position += 1
            }
            index = count
        }

        /// The index of the first `byte` at or after `start`, or the end.
        private func position(of byte: UInt8, from start: Int) -> Int {
            guard let base = html.baseAddress, start < html.count,
                let found = memchr(base + start, Int32(byte), html.count - start)
            else { return html.count }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }

        /// The index just past the first `terminator` at or after `start`, or the end.
        private func after(_ terminator: StaticString, from start: Int) -> Int {
            let count = html.count
            let length = terminator.utf8CodeUnitCount
            var position = start
            while position + length <= count {
                var matches = true
                for offset in 0..<length where html[position + offset] != terminator.utf8Start[offset] {
                    matches = false
                    break
                }
                if matches { return position + length }
                position += 1
            }
            return count
        }

        // MARK: Character references

        /// At an `&`: `&#…;`, `&#x…;` or a named reference from `entities`; else the `&` is text.
        private mutating func reference() {
            let count = html.count
            var position = index + 1
            if position < count, html[position] == UInt8(ascii: "#") {
                position += 1
                let hex =
                    position < count && (html[position] == UInt8(ascii: "x") || html[position] == UInt8(ascii: "X"))
                if hex { position += 1 }
                let digitsStart = position
                var value: UInt32 = 0
                while position < count, let digit = digitValue(html[position], hex: hex) {
                    value = min(value * (hex ? 16 : 10) + digit, 0x11_0000)
                    position += 1
                }
                guard position > digitsStart else {
                    text(UInt8(ascii: "&"))
                    index += 1
                    return
                }
                if position < count, html[position] == UInt8(ascii: ";") { position += 1 }
                // NUL, surrogates and values past Unicode read as U+FFFD, as browsers do.
                text(scalar: (value == 0 ? nil : Unicode.Scalar(value)) ?? "\u{FFFD}")
                index = position
                return
            }
            let nameStart = position
            while position < count, isLetter(html[position]) || isDigit(html[position]) { position += 1 }
            if position < count, html[position] == UInt8(ascii: ";"), position > nameStart,
                let scalar = Self.entity(UnsafeBufferPointer(rebasing: html[nameStart..<position]))
            {
                text(scalar: scalar)
                index = position + 1
                return
            }
            text(UInt8(ascii: "&"))
            index += 1
        }

        /// The named references understood: XML's five and the typography vendors write.
        private static let entities: [(name: StaticString, value: Unicode.Scalar)] = [
            ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'"), ("nbsp", "\u{A0}"),
            ("copy", "\u{A9}"), ("reg", "\u{AE}"), ("trade", "\u{2122}"), ("hellip", "\u{2026}"),
            ("mdash", "\u{2014}"), ("ndash", "\u{2013}"), ("lsquo", "\u{2018}"), ("rsquo", "\u{2019}"),
            ("ldquo", "\u{201C}"), ("rdquo", "\u{201D}"), ("bull", "\u{2022}"), ("middot", "\u{B7}"),
            ("deg", "\u{B0}"), ("times", "\u{D7}"), ("laquo", "\u{AB}"), ("raquo", "\u{BB}"), ("euro", "\u{20AC}"),
        ]

        private static func entity(_ name: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
            entities.first { entry in
                entry.name.utf8CodeUnitCount == name.count
                    && name.indices.allSatisfy { name[$0] == entry.name.utf8Start[$0] }
            }?.value
        }

        // MARK: Output

        private mutating func text(_ byte: UInt8) {
            if recording { output.append(byte) }
        }

        private mutating func text(scalar: Unicode.Scalar) {
            guard recording else { return }
            output.append(contentsOf: UTF8.encode(scalar)!)
        }
    }

    /// The elements the reading treats specially.
    private enum Kind: Equatable {
        case strong, b, script, style, block, other

        init(_ html: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) {
            // The longest name of interest ("blockquote", "figcaption") has 10 letters.
            guard name.count <= 10 else {
                self = .other
                return
            }
            var lowered: (UInt64, UInt64) = (0, 0)  // 16 bytes, NUL-terminated
            self = withUnsafeMutableBytes(of: &lowered) { buffer in
                for (offset, position) in name.enumerated() { buffer[offset] = lower(html[position]) }
                let bytes = buffer.bindMemory(to: UInt8.self).baseAddress!
                if NodeAccess.bytesEqual(bytes, "strong") { return .strong }
                if NodeAccess.bytesEqual(bytes, "b") { return .b }
                if NodeAccess.bytesEqual(bytes, "script") { return .script }
                if NodeAccess.bytesEqual(bytes, "style") { return .style }
                return TreeWalker.isBlockName(bytes) ? .block : .other
            }
        }

        var isBlock: Bool { self == .block }
    }
}

private func lower(_ byte: UInt8) -> UInt8 { (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte }

private func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

/// Letters, digits, `-`, `_`, `:` and `.`: what may follow a tag name's first letter.
private func isNameByte(_ byte: UInt8) -> Bool {
    isLetter(byte) || isDigit(byte) || byte == 0x2D || byte == 0x5F || byte == 0x3A || byte == 0x2E
}

private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

private func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
    if isDigit(byte) { return UInt32(byte - 0x30) }
    guard hex, (byte | 0x20) >= 0x61, (byte | 0x20) <= 0x66 else { return nil }
    return UInt32((byte | 0x20) - 0x61 + 10)
}
