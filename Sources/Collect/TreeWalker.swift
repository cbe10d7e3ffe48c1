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

    private static func isContainer(_ node: xmlNodePtr) -> Bool {
        let type = node.pointee.type
        return type == XML_ELEMENT_NODE || type == XML_DOCUMENT_NODE || type == XML_HTML_DOCUMENT_NODE
    }

    /// The text inside `start` (text and CDATA nodes only; `script`/`style` content skipped),
    /// with runs of whitespace collapsed to one space and the ends trimmed.
    static func text(of start: xmlNodePtr) -> String {
        var raw: [UInt8] = []
        if start.pointee.type == XML_ATTRIBUTE_NODE {
            // An attribute's value is its text children (entity references are not followed).
            var child = start.pointee.children
            while let node = child {
                if node.pointee.type == XML_TEXT_NODE, let content = node.pointee.content {
                    raw.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
                }
                child = node.pointee.next
            }
            return collapseWhitespace(String(decoding: raw, as: UTF8.self))
        }
        let space = UInt8(ascii: " ")
        func leave(_ node: xmlNodePtr) {
            if isBlock(node) { raw.append(space) }
        }
        func visit(_ node: xmlNodePtr, _ depth: Int) -> Step {
            let type = node.pointee.type
            if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE, let content = node.pointee.content {
                raw.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
                return .skipChildren
            }
            guard type == XML_ELEMENT_NODE, node != start, let name = node.pointee.name else { return .descend }
            if isBlock(node) { raw.append(space) }
            if strcmp(name, "script") == 0 || strcmp(name, "style") == 0 { return .skipChildren }
            return .descend
        }
        walk(start, leave: leave, visit)
        return collapseWhitespace(String(decoding: raw, as: UTF8.self))
    }

    /// Elements whose edges separate words (as a browser's `innerText` does).
    private static let blockNames: Set<String> = [
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul", "option", "summary", "details", "figcaption",
    ]

    private static func isBlock(_ node: xmlNodePtr) -> Bool {
        guard node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name else { return false }
        let length = strlen(name)
        guard length <= 10 else { return false }
        return blockNames.contains(String(cString: name))
    }

    /// Collapses runs of whitespace (including no-break spaces) to one space and trims.
    static func collapseWhitespace(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{00A0}" {
                pendingSpace = true
            } else {
                if pendingSpace && !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
