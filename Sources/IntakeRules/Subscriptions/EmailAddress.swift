import Foundation

/// A mail address as the sign-up form gives it, checked strictly enough to be safe in a mail
/// header (no spaces, line breaks, commas, angle brackets, control or invisible characters)
/// and normalised: trimmed, the domain lowercased.
public struct EmailAddress: Sendable, Equatable, CustomStringConvertible {
    /// The address mail is sent to: the local part as given, the domain lowercased.
    public let value: String

    /// Checks and normalises `text`; nil when it is not an address Downtrack will mail.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // Scalars, not Characters: a combining mark after a comma or `@` makes one Character
        // that no Character comparison catches, yet the raw separator is still in the header.
        let scalars = trimmed.unicodeScalars
        guard trimmed.utf8.count <= 254, let at = scalars.lastIndex(of: "@") else { return nil }
        let local = String(scalars[..<at])
        let domain = String(scalars[scalars.index(after: at)...]).lowercased()
        guard !local.isEmpty, local.count <= 64,
            !local.unicodeScalars.contains(where: {
                Self.forbiddenInLocalPart.contains($0) || Self.isInvisibleOrControl($0)
            }),
            !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { return nil }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2,
            labels.allSatisfy({ label in
                !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.unicodeScalars.allSatisfy {
                        $0 == "-" || $0.properties.isAlphabetic || $0.properties.numericType != nil
                    }
                    && !label.unicodeScalars.contains(where: Self.isInvisibleOrControl)
            })
        else { return nil }
        value = "\(local)@\(domain)"
    }

    /// Separators and quoting characters a local part may not hold (nothing that would make
    /// a header name two recipients or a comment).
    static let forbiddenInLocalPart: Set<Unicode.Scalar> = [
        " ", "\t", "\r", "\n", ",", ";", "<", ">", "(", ")", "\"", "\\", "[", "]", ":", "@",
    ]

    /// What every per-address cap compares: the whole address lowercased, so `Victim@x.org`
    /// and `victim@X.ORG` are one mailbox for limits (mail still goes to `value`).
    public var capKey: String { value.lowercased() }

    public var description: String { value }

    /// Control characters (C0, DEL, C1), format characters (zero-width and direction marks),
    /// and line or paragraph separators: never part of an address we accept.
    static func isInvisibleOrControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: true
        default: scalar.value == 0x7F
        }
    }
}
