/// Escaping for text placed into HTML and XML.
public enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'` so the text is safe in element content and quoted attributes.
    public static func escape(_ text: String) -> String {
        var needs = false
        for byte in text.utf8 where byte == 38 || byte == 60 || byte == 62 || byte == 34 || byte == 39 {
            needs = true
            break
        }
        guard needs else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// Removes tags from an HTML fragment and collapses white space: for meta descriptions.
    public static func plainText(_ html: String, limit: Int = 160) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true; continue }
            if character == ">" { inTag = false; text.append(" "); continue }
            if !inTag { text.append(character) }
        }
        let words = text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'")
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        var result = ""
        for word in words {
            if result.count + word.count + 1 > limit {
                return result + "…"
            }
            result += result.isEmpty ? String(word) : " " + word
        }
        return result
    }
}

import Foundation
