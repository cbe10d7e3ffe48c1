import Foundation
import Hummingbird

/// One answer of the API, rendered as JSON for scripts (`{"error": …}` or the success object)
/// or as a small HTML page for plain form posts and links opened from mail.
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

    static func error(_ status: HTTPResponse.Status, _ message: String, retryAfter: Int64? = nil) -> IntakeReply {
        IntakeReply(status: status, message: message, retryAfter: retryAfter)
    }

    /// Retry-After from a wait in seconds (whole seconds, at least 1).
    static func seconds(_ wait: Double) -> Int64 { max(1, Int64(wait.rounded(.up))) }

    /// The HTTP response, JSON or HTML, with `extraHeaders` (CORS) added.
    func response(json asJSON: Bool, siteTitle: String, extraHeaders: HTTPFields = [:]) -> Response {
        var headers = extraHeaders
        headers[.cacheControl] = "no-store"
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        let body: String
        if asJSON {
            headers[.contentType] = "application/json"
            let object: [String: Any] = status.code >= 400 ? ["error": message] : json
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
            body = String(decoding: data, as: UTF8.self)
        } else {
            headers[.contentType] = "text/html; charset=utf-8"
            body = page(siteTitle: siteTitle)
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    private func page(siteTitle: String) -> String {
        let heading = status.code >= 400 ? "Sorry" : "Thank you"
        var html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>\(escape(heading)) · \(escape(siteTitle))</title>
            <style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}</style>
            </head><body><main><h1>\(escape(heading))</h1><p>\(escape(message.prefix(1).uppercased() + message.dropFirst()))</p>
            """
        if let link { html += "<p><a href=\"\(escape(link.url))\">\(escape(link.text))</a></p>" }
        return html + "</main></body></html>\n"
    }

    private func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

extension IntakeReply: Error {}
