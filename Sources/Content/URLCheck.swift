import Foundation

/// Checks URLs the way content needs them: absolute, http or https, with a host.
enum URLCheck {
    static func isHTTPURL(_ text: String) -> Bool {
        guard !text.contains(where: { $0 == " " || $0 == "\n" || $0 == "\t" }),
            let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty,
            host.contains(".") || host == "localhost" || host.first?.isNumber == true
        else { return false }
        return true
    }
}
