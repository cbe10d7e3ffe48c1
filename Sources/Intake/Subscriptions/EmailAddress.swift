import Foundation

/// A mail address as the sign-up form gives it, checked strictly enough to be safe in a mail
/// header (no spaces, line breaks, commas or angle brackets) and normalised: trimmed, the
/// domain lowercased.
public struct EmailAddress: Sendable, Equatable, CustomStringConvertible {
    public let value: String

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count <= 254, let at = trimmed.lastIndex(of: "@") else { return nil }
        let local = trimmed[..<at]
        let domain = trimmed[trimmed.index(after: at)...].lowercased()
        let forbidden: Set<Character> = [" ", "\t", "\r", "\n", ",", ";", "<", ">", "(", ")", "\"", "\\", "[", "]", ":", "@"]
        guard !local.isEmpty, local.count <= 64, !local.contains(where: { forbidden.contains($0) || $0.asciiValue.map { $0 < 32 || $0 == 127 } == true }),
            !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { return nil }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }) else { return nil }
        value = "\(local)@\(domain)"
    }

    public var description: String { value }
}
