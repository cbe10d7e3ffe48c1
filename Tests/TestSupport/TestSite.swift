import Foundation

/// A tiny site on disk: configuration, a few services, the shipped templates.
public final class TestSite {
    public let directory = TemporaryDirectory(prefix: "downtrack-site")
    public var root: URL { directory.url }
    public var databasePath: String { root.appendingPathComponent("data/downtrack.sqlite").path }
    public var output: URL { root.appendingPathComponent("output") }

    /// Two services in one category, related to each other, plus one in another category.
    public static let services: [String: String] = [
        "chatapp": """
        ---
        name: Chat <App> & "Friends"
        category: Messaging
        website: https://chat.example.com
        aliases: [ChatApp]
        status_sources:
          - {kind: statuspage, url: "https://status.chat.example.com"}
        problems:
          - {id: messages, title: Messages not sending}
          - {id: login, title: Login & sign-in}
        related: [mailbox]
        faq:
          - q: Is Chat App down?
            a: Look at the **live** state above.
        ---
        Chat App is a *messaging* service — ünïcödé too.

        | Part | Symptom |
        |:-----|:-------:|
        | App  | crashes |
        """,
        "mailbox": """
        ---
        name: Mailbox
        category: Messaging
        related: [chatapp]
        ---
        Mail for everyone.
        """,
        "gamehub": """
        ---
        name: GameHub
        category: Gaming
        ---
        Games.
        """,
    ]

    /// The site's `downtrack.yml` unless a test gives its own. Tests serve status sources from
    /// 127.0.0.1, so private addresses are allowed (the shipped default refuses them).
    public static let defaultConfiguration = """
        site: {title: Test Tracker, base_url: "https://status.example.org"}
        collect: {allow_private_addresses: true}
        """

    public init(services: [String: String] = TestSite.services, configuration: String? = nil) {
        directory.write("downtrack.yml", configuration ?? Self.defaultConfiguration)
        for (slug, text) in services { directory.write("content/services/\(slug).md", text) }
        Self.copyTemplates(to: root.appendingPathComponent("templates"))
    }

    public static func copyTemplates(to destination: URL) {
        let source = PackageRoot.url.appendingPathComponent("templates")
        try? FileManager.default.removeItem(at: destination)
        try! FileManager.default.copyItem(at: source, to: destination)
    }

    /// Every file under the output folder, relative path → bytes.
    public func outputFiles() -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: output.path) else { return files }
        while let item = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            let path = output.appendingPathComponent(item).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                files[item] = FileManager.default.contents(atPath: path)
            }
        }
        return files
    }

    /// Modification time of an output file.
    public func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(path).path))?[
            .modificationDate] as? Date
    }
}
