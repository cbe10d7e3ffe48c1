import CCmarkGFM
import Foundation

/// Renders Markdown to HTML with cmark-gfm and its GFM extensions (table, strikethrough,
/// autolink, tagfilter, tasklist).
public enum Markdown {
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Renders `markdown` to an HTML fragment.
    /// - Parameter rawHTML: whether raw HTML in the Markdown is passed through (the site's
    ///   `content.allow_raw_html`; the tag filter still disarms `<script>`, `<iframe>`,
    ///   `<style>` …). Off, raw HTML is omitted and links other than safe ones (`javascript:`,
    ///   `vbscript:`, `file:`, most `data:`) are dropped, as cmark-gfm's safe mode does.
    public static func html(_ markdown: String, rawHTML: Bool = false) -> String {
        _ = registered
        var options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
        if rawHTML { options |= CMARK_OPT_UNSAFE }
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        var bytes = Array(markdown.utf8)
        if bytes.isEmpty { return "" }
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}
