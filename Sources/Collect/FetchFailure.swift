import Foundation
import Model

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Why an HTTP request produced no usable response.
public enum FetchFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The whole request took longer than the deadline.
    case timedOut(seconds: Double)
    /// Nothing listens on the port.
    case connectionRefused
    /// The host name does not resolve.
    case hostNotFound(String)
    /// TLS could not be set up (certificate, protocol).
    case tls(String)
    /// More redirects than allowed, or a redirect loop.
    case tooManyRedirects(limit: Int)
    /// A redirect to something other than http(s); the value says what, in our words.
    case unsafeRedirect(String)
    /// A redirect without a usable `Location`.
    case redirectWithoutLocation(status: Int)
    /// The host resolves to an address that is not public, and the site does not allow those.
    case refusedAddress(host: String, address: String, kind: String)
    /// The body passed the size limit.
    case bodyTooLarge(limit: Int)
    /// The URL cannot be fetched (not http or https, malformed).
    case invalidURL(String)
    /// Any other transport error, with the system's words.
    case transport(String)

    /// What went wrong, in words for the person running Downtrack.
    public var description: String {
        switch self {
        case .timedOut(let seconds): "timed out after \(Self.format(seconds)) s"
        case .connectionRefused: "connection refused"
        case .hostNotFound(let host): "could not resolve host \(InertText.escapedForLog(host, limit: 255))"
        case .tls(let detail): "TLS connection failed: \(InertText.escapedForLog(detail))"
        case .tooManyRedirects(let limit): "too many redirects (more than \(limit)); check the URL for a redirect loop"
        case .unsafeRedirect(let target):
            "refused a redirect to \(InertText.escapedForLog(target, limit: 100)): only http and https are followed"
        case .redirectWithoutLocation(let status):
            "\(status > 0 ? HTTPStatusText.describe(status) : "a redirect") without a usable Location header"
        case .refusedAddress(let host, let address, let kind):
            "refused: \(InertText.escapedForLog(host, limit: 255)) resolves to \(kind) (\(address)); "
                + "set collect.allow_private_addresses to allow it"
        case .bodyTooLarge(let limit): "body larger than \(ByteCountText.format(limit))"
        case .invalidURL(let url): "not an http or https URL: \(InertText.escapedForLog(url))"
        case .transport(let detail): InertText.escapedForLog(detail)
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    /// The failure a URLSession error stands for.
    static func from(_ error: any Error, url: URL, timeout: Double) -> FetchFailure {
        guard let urlError = error as? URLError else { return .transport(error.localizedDescription) }
        switch urlError.code {
        case .timedOut: return .timedOut(seconds: timeout)
        case .cannotConnectToHost: return .connectionRefused
        case .cannotFindHost, .dnsLookupFailed: return .hostNotFound(url.host ?? url.absoluteString)
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return .tls(urlError.localizedDescription)
        case .httpTooManyRedirects: return .tooManyRedirects(limit: 0)
        case .redirectToNonExistentLocation: return .redirectWithoutLocation(status: 0)
        case .networkConnectionLost: return .transport("connection lost before the response was complete")
        case .notConnectedToInternet: return .transport("no network connection")
        case .unsupportedURL, .badURL: return .invalidURL(url.absoluteString)
        default: return .transport("\(urlError.localizedDescription) (URLError \(urlError.code.rawValue))")
        }
    }
}

/// Reason phrases for HTTP status codes, for failure messages ("HTTP 503 Service Unavailable").
enum HTTPStatusText {
    static func describe(_ code: Int) -> String {
        let phrases: [Int: String] = [
            400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
            406: "Not Acceptable", 408: "Request Timeout", 410: "Gone", 418: "I'm a teapot",
            429: "Too Many Requests", 451: "Unavailable For Legal Reasons", 500: "Internal Server Error",
            501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
            520: "Unknown Error", 521: "Web Server Is Down", 522: "Connection Timed Out", 523: "Origin Is Unreachable",
            524: "A Timeout Occurred", 525: "SSL Handshake Failed", 526: "Invalid SSL Certificate",
        ]
        return phrases[code].map { "HTTP \(code) \($0)" } ?? "HTTP \(code)"
    }
}
