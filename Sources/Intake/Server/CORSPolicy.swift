import Foundation
import Hummingbird

/// Cross-origin rules of the API: the site's own origin (and the origin the request was sent
/// to, for a page served by the same host) may call it from a browser; any other origin is refused.
struct CORSPolicy: Sendable {
    /// What the policy says about one request.
    enum Verdict: Sendable, Equatable {
        /// No `Origin` header: not a cross-origin browser call (curl, a form on the same site).
        case noOrigin
        case allowed(String)
        case denied(String)
    }

    let siteOrigin: String

    func verdict(for request: Request) -> Verdict {
        guard let origin = request.headers[.origin] else { return .noOrigin }
        if origin.caseInsensitiveCompare(siteOrigin) == .orderedSame { return .allowed(origin) }
        if let host = request.head.authority, let schemeEnd = origin.range(of: "://"),
            origin[schemeEnd.upperBound...].lowercased() == host.lowercased()
        {
            return .allowed(origin)
        }
        return .denied(origin)
    }

    /// Headers for the answer: the allowed origin echoed, plus the preflight headers when asked.
    func headers(for verdict: Verdict, preflight: Bool = false) -> HTTPFields {
        Self.headers(for: verdict, preflight: preflight)
    }

    /// The headers of `headers(for:preflight:)`, which depend on the verdict alone.
    static func headers(for verdict: Verdict, preflight: Bool = false) -> HTTPFields {
        if case .noOrigin = verdict { return varyOnly }
        var headers = HTTPFields()
        headers[.vary] = "Origin"
        guard case .allowed(let origin) = verdict else { return headers }
        headers[.accessControlAllowOrigin] = origin
        if preflight {
            headers[.accessControlAllowMethods] = "POST, OPTIONS"
            headers[.accessControlAllowHeaders] = "Content-Type, Accept"
            headers[.accessControlMaxAge] = "86400"
        } else {
            headers[.accessControlExposeHeaders] = "Retry-After"
        }
        return headers
    }

    /// The headers of an answer to a request without `Origin` (or a refused one), made once.
    private static let varyOnly: HTTPFields = {
        var headers = HTTPFields()
        headers[.vary] = "Origin"
        return headers
    }()
}
