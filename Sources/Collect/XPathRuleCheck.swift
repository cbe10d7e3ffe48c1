import CLibXML2
import Foundation
import Model

/// Validates a content file's XPath rules without a page, for `downtrack check`.
public enum XPathRuleCheck {
    /// The expressions among `rules` that do not compile (in the order indicator, incidents,
    /// components). Namespace prefixes are those `LibXMLDocument` registers.
    public static func invalidExpressions(in rules: XPathRules) -> [String] {
        [rules.indicator, rules.incidents, rules.components].compactMap { $0 }.filter { !compiles($0) }
    }

    /// Whether one expression compiles.
    public static func compiles(_ expression: String) -> Bool {
        LibXML.ensureInitialized()
        guard !expression.trimmingCharacters(in: .whitespaces).isEmpty,
            let context = xmlXPathNewContext(nil)
        else { return false }
        defer { xmlXPathFreeContext(context) }
        context.pointee.error = { _, _ in }
        for (prefix, uri) in XPathEvaluator.namespaces { xmlXPathRegisterNs(context, prefix, uri) }
        guard let compiled = xmlXPathCtxtCompile(context, expression) else { return false }
        xmlXPathFreeCompExpr(compiled)
        return true
    }
}
