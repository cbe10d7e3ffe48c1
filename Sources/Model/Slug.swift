/// Turns names into URL path segments.
public enum Slug {
    /// A lowercase, hyphen-separated form of `text`: "Social Media" → "social-media".
    public static func make(from text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else if scalar == "&" || scalar == "+" {
                pendingHyphen = true
            } else {
                pendingHyphen = true
            }
        }
        return result.isEmpty ? "other" : result
    }

    /// Whether `text` is a valid slug: lowercase letters, digits and single hyphens.
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, !text.hasPrefix("-"), !text.hasSuffix("-") else { return false }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        }
    }
}
