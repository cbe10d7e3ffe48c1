import Foundation
import Model

/// Where in a service's content file a value is written, for `path:line:` messages.
enum ContentFileLine {
    /// The first line (1-based) of the service's file under `root` that holds `text`; 0 when
    /// none does or the file cannot be read.
    static func first(containing text: String, in service: Service, root: URL) -> Int {
        let file = (try? String(contentsOf: root.appendingPathComponent(service.sourcePath), encoding: .utf8)) ?? ""
        return file.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains(text) }.map { $0 + 1 } ?? 0
    }
}
