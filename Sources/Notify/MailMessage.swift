import Foundation
import Model

/// A plain-text mail message in RFC 5322 form, ready for `sendmail -t`.
public struct MailMessage: Sendable, Equatable {
    public var from: String
    public var to: String
    public var subject: String
    public var date: Timestamp
    public var messageID: String
    /// Further headers, in order (List-Unsubscribe…).
    public var headers: [(name: String, value: String)]
    public var body: String

    public init(
        from: String, to: String, subject: String, date: Timestamp, messageID: String,
        headers: [(name: String, value: String)] = [], body: String
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.headers = headers
        self.body = body
    }

    public static func == (lhs: MailMessage, rhs: MailMessage) -> Bool { lhs.rendered() == rhs.rendered() }

    /// The message text: headers (values cleaned of line breaks, non-ASCII subjects encoded per
    /// RFC 2047), a blank line, the body with LF line ends (sendmail's local convention).
    public func rendered() -> String {
        var lines = [
            "From: \(Self.clean(from))",
            "To: \(Self.clean(to))",
            "Subject: \(Self.encodedWord(Self.clean(subject)))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: \(Self.clean(messageID))",
        ]
        lines += headers.map { "\($0.name): \(Self.clean($0.value))" }
        lines += [
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "Auto-Submitted: auto-generated",
        ]
        return lines.joined(separator: "\n") + "\n\n" + body.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// A Message-ID derived from the delivery's idempotency key, so every attempt at one
    /// delivery carries the same id (receivers drop duplicates by it).
    public static func messageID(key: String, from: String) -> String {
        "<\(SHA256.hex(Array(key.utf8)).prefix(32))@\(domain(of: from))>"
    }

    /// The domain of the address in `from` ("Downtrack <noreply@example.org>" → example.org).
    static func domain(of from: String) -> String {
        var address = from
        if let open = from.lastIndex(of: "<"), let close = from.lastIndex(of: ">"), open < close {
            address = String(from[from.index(after: open)..<close])
        }
        guard let at = address.lastIndex(of: "@") else { return "downtrack.invalid" }
        let domain = address[address.index(after: at)...].trimmingCharacters(in: .whitespaces)
        return domain.isEmpty ? "downtrack.invalid" : domain
    }

    /// `Thu, 26 Nov 2026 22:00:00 +0000`.
    public static func rfc5322Date(_ time: Timestamp) -> String {
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let (y, m, d, hh, mm, ss) = time.civil
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[time.weekday]), \(d) \(months[m - 1]) \(y) \(two(hh)):\(two(mm)):\(two(ss)) +0000"
    }

    /// A header value with line breaks and other control characters replaced by spaces.
    static func clean(_ value: String) -> String {
        String(value.unicodeScalars.map { $0.value < 32 || $0.value == 127 ? " " : Character($0) })
    }

    /// `value` as an RFC 2047 encoded word when it is not plain ASCII.
    static func encodedWord(_ value: String) -> String {
        guard !value.allSatisfy(\.isASCII) else { return value }
        // Each encoded word stays under 75 characters: at most 45 bytes of text, whole characters.
        var words: [String] = []
        var chunk = ""
        for character in value {
            if chunk.utf8.count + character.utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\n ")
    }
}
