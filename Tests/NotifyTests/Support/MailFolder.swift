import Foundation

/// The messages a fixture server stored in a folder (`NNNN.eml` / `NNNN.json`), oldest first.
struct MailFolder {
    let url: URL

    /// A parsed message: headers by lowercased name (folded lines joined), and the body.
    struct Message {
        var headers: [String: String]
        var body: String
        var raw: String
    }

    func files(_ suffix: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { url.appendingPathComponent($0) }
    }

    var messages: [Message] {
        files(".eml").compactMap { try? String(contentsOf: $0, encoding: .utf8) }.map(Self.parse)
    }

    /// JSON records (webhook calls).
    var records: [[String: Any]] {
        files(".json").compactMap { try? Data(contentsOf: $0) }.compactMap {
            (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any]
        }
    }

    /// Waits until at least `count` messages are there.
    func waitForMessages(_ count: Int, seconds: Double = 20) -> [Message] {
        let deadline = Date().addingTimeInterval(seconds)
        while files(".eml").count < count, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return messages
    }

    static func parse(_ raw: String) -> Message {
        let text = raw.replacingOccurrences(of: "\r\n", with: "\n")
        let split = text.components(separatedBy: "\n\n")
        var headers: [String: String] = [:]
        var lastName: String?
        for line in split[0].split(separator: "\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), let name = lastName {
                headers[name, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased()
                headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                lastName = name
            }
        }
        return Message(headers: headers, body: split.dropFirst().joined(separator: "\n\n"), raw: raw)
    }
}
