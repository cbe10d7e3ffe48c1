import Foundation
import Model

/// The Content-Security-Policy every page is served with: scripts, styles, images and
/// requests from the site itself (and the intake's origin when it lives elsewhere); no
/// inline script or style, no plugins, no `<base>`, no framing.
///
/// The pages are built to work under it: no inline scripts, styles or event handlers; the
/// structured-data blocks (`application/ld+json`) are data, which no policy executes.
public enum ContentSecurityPolicy {
    /// The policy for a site, as an HTTP header value.
    /// - Parameter header: `frame-ancestors` only works in a header; a `<meta>` copy leaves it
    ///   out (browsers warn about it there).
    public static func policy(for configuration: SiteConfiguration, header: Bool = true) -> String {
        var postTargets = "'self'"
        if let origin = intakeOrigin(configuration), origin != configuration.siteOrigin {
            postTargets += " " + origin
        }
        var directives = [
            "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
            "connect-src \(postTargets)", "form-action \(postTargets)", "object-src 'none'", "base-uri 'none'",
        ]
        if header { directives.append("frame-ancestors 'none'") }
        return directives.joined(separator: "; ")
    }

    /// The origin of `intake.url` when it is an absolute http(s) URL.
    static func intakeOrigin(_ configuration: SiteConfiguration) -> String? {
        guard let url = InertText.httpURL(configuration.intake.url),
            let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host
        else { return nil }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }
}
