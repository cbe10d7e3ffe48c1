import Foundation
import Hummingbird
import Model

/// One answer of the API, rendered as JSON for scripts (`{"error": …}` or the success object)
/// or as a small HTML page for plain form posts and links opened from mail.
///
/// Pages carry no inline script, style or handler, and go out with a strict
/// Content-Security-Policy; their one style sheet is served by the intake itself.
struct IntakeReply: Sendable {
    var status: HTTPResponse.Status
    /// What a person reads (the error, or the thanks).
    var message: String
    /// The JSON of a success (errors are always `{"error": message}`).
    var json: [String: any Sendable] = [:]
    /// Seconds for `Retry-After`.
    var retryAfter: Int64?
    /// A link for the HTML page ("Back to WeChat").
    var link: (text: String, url: String)?
    /// The page's heading, when not the usual "Thank you" / "Sorry".
    var heading: String?
    /// A button that POSTs `token` to `action` (the pages behind links in mail).
    var form: (action: String, token: String, button: String)?
    /// Whether this is `acceptedReport` (whose JSON answer is made once, `acceptedReportResponse`).
    private(set) var isAcceptedReport = false

    /// The answer to an accepted report; the endpoint adds the message and link of its page.
    static let acceptedReport: IntakeReply = {
        var reply = IntakeReply(status: .accepted, message: "", json: ["accepted": true])
        reply.isAcceptedReport = true
        return reply
    }()

    static func error(_ status: HTTPResponse.Status, _ message: String, retryAfter: Int64? = nil) -> IntakeReply {
        IntakeReply(status: status, message: message, retryAfter: retryAfter)
    }

    /// Retry-After from a wait in seconds (whole seconds, at least 1).
    static func seconds(_ wait: Double) -> Int64 {
        guard wait.isFinite, wait < 86_400 else { return 86_400 }
        return max(1, Int64(wait.rounded(.up)))
    }

    /// The policy of every answer: nothing but this origin's own files, no framing, no plugins.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

    /// The headers every answer carries: no caching, the strict policy, and no Referer (links in
    /// mail carry tokens in their query, which must not leak to the next page).
    static func securityHeaders() -> HTTPFields { securityFields }

    /// `securityHeaders()`, made once.
    private static let securityFields: HTTPFields = {
        var headers = HTTPFields()
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        if let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy") { headers[referrerPolicy] = "no-referrer" }
        headers[.xContentTypeOptions] = "nosniff"
        return headers
    }()

    /// The JSON answer to an accepted report from a caller that sent no `Origin`: the same
    /// headers and bytes `response(json:…)` gives `IntakeReply.acceptedReport`, made once, since
    /// it is by far the most frequent answer.
    static let acceptedReportResponse: Response = {
        var headers = CORSPolicy.headers(for: .noOrigin)
        for field in securityFields { headers[field.name] = field.value }
        headers[.contentType] = "application/json"
        return Response(status: .accepted, headers: headers, body: .init(byteBuffer: acceptedReportBody))
    }()

    /// The body of an accepted report in JSON.
    private static let acceptedReportBody = ByteBuffer(string: #"{"accepted":true}"#)

    /// The HTTP response, JSON or HTML, with `extraHeaders` (CORS) added; `stylesheet` is the
    /// URL of the pages' style sheet.
    func response(json asJSON: Bool, siteTitle: String, stylesheet: String, extraHeaders: HTTPFields = [:]) -> Response
    {
        var headers = extraHeaders
        for field in Self.securityHeaders() { headers[field.name] = field.value }
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        let body: String
        if asJSON {
            headers[.contentType] = "application/json"
            let object: [String: Any] = status.code >= 400 ? ["error": message] : json
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
            body = String(decoding: data, as: UTF8.self)
        } else {
            headers[.contentType] = "text/html; charset=utf-8"
            body = page(siteTitle: siteTitle, stylesheet: stylesheet)
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    private func page(siteTitle: String, stylesheet: String) -> String {
        let title = heading ?? (status.code >= 400 ? "Sorry" : "Thank you")
        var html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>\(HTMLEscaping.escape(title)) · \(HTMLEscaping.escape(siteTitle))</title>
            <link rel="stylesheet" href="\(HTMLEscaping.escape(stylesheet))">
            </head><body><main><h1>\(HTMLEscaping.escape(title))</h1><p>\(HTMLEscaping.escape(message.prefix(1).uppercased() + message.dropFirst()))</p>
            """
        if let form {
            html +=
                "<form method=\"post\" action=\"\(HTMLEscaping.escape(form.action))\">"
                + "<input type=\"hidden\" name=\"token\" value=\"\(HTMLEscaping.escape(form.token))\">"
                + "<button type=\"submit\">\(HTMLEscaping.escape(form.button))</button></form>"
        }
        if let link {
            html += "<p><a href=\"\(HTMLEscaping.escape(link.url))\">\(HTMLEscaping.escape(link.text))</a></p>"
        }
        return html + "</main></body></html>\n"
    }

    /// The pages' style sheet (served at `<prefix>/intake.css`).
    static let styleSheet = """
        body{font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}
        button{font:inherit;padding:.5rem 1.25rem;border-radius:.4rem;border:1px solid #555;background:#1f5fbf;color:#fff;cursor:pointer}

        """
}

extension IntakeReply: Error {}
