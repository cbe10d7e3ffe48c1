import CFileSync
import Foundation

/// The one writer of the output folder.
///
/// Files are staged in a folder beside the output (where a sync of the output never sees
/// them), only when their bytes differ from what is there; `commit` flushes them to disk,
/// renames each into place (atomic per file), flushes the renames, and removes files that a
/// previous build wrote and this one did not. Files nobody built (an operator's
/// `.well-known/`, a CDN's verification file) are never touched. Until `commit`, the output
/// folder is untouched.
final class OutputWriter: @unchecked Sendable {
    let output: URL
    let staging: URL
    /// The output folder as a path, for cheap per-file paths.
    let outputPath: String
    private let lock = NSLock()
    private var staged: [(from: String, to: String)] = []
    private var keep = Set<String>()
    private var counter = 0
    private(set) var unchanged = 0

    init(output: URL) {
        self.output = output.standardizedFileURL
        outputPath = self.output.path
        let parent = self.output.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(self.output.lastPathComponent).staging")
    }

    /// Clears what a killed build may have left in the staging folder.
    func prepare() throws {
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Marks a file as belonging to the site without rewriting it.
    func keepExisting(_ path: String) {
        lock.withLock {
            keep.insert(path)
            unchanged += 1
        }
    }

    /// Whether a file exists in the output.
    func exists(_ path: String) -> Bool {
        access(outputPath + "/" + path, F_OK) == 0
    }

    /// Stages `data` for `path` when it differs from the file in the output.
    func stage(_ path: String, _ data: Data) throws {
        let target = outputPath + "/" + path
        if let existing = FileManager.default.contents(atPath: target), existing == data {
            lock.withLock {
                keep.insert(path)
                unchanged += 1
            }
            return
        }
        let number: Int = lock.withLock {
            counter += 1
            keep.insert(path)
            return counter
        }
        let temporary = staging.appendingPathComponent("\(number).tmp").path
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw BuildError(
                step: "write", messages: ["\(temporary):0: cannot write a temporary file (disk full or no permission?)"]
            )
        }
        lock.withLock { staged.append((temporary, target)) }
    }

    /// Moves staged files into place and removes files a previous build wrote that this one
    /// did not.
    /// - Parameter previouslyWritten: every output path the previous build's manifest lists.
    /// - Returns: (written, removed).
    func commit(previouslyWritten: Set<String>) throws -> (written: Int, removed: Int) {
        let manager = FileManager.default
        try manager.createDirectory(at: output, withIntermediateDirectories: true)
        if !staged.isEmpty { try flush(staging.path) }
        var madeFolders = Set<String>()
        for item in staged {
            let folder = (item.to as NSString).deletingLastPathComponent
            if madeFolders.insert(folder).inserted {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            if rename(item.from, item.to) != 0 {
                throw BuildError(
                    step: "write", messages: ["\(item.to):0: cannot move the new file into place (errno \(errno))"])
            }
        }
        let removed = removeStale(previouslyWritten.subtracting(keep))
        if !staged.isEmpty || removed > 0 { try flush(outputPath) }
        try? manager.removeItem(at: staging)
        return (staged.count, removed)
    }

    /// Drops the staged files; the output stays as it was.
    func abort() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// Makes what was written under `path` durable before anything depends on it (the
    /// renames on the staged bytes, the saved manifest on the renames).
    private func flush(_ path: String) throws {
        if downtrack_sync_file_system(path) != 0 {
            throw BuildError(
                step: "write", messages: ["\(path):0: cannot flush the written files to disk (errno \(errno))"])
        }
    }

    /// Removes the given output files (paths relative to the output folder), then the
    /// folders they leave empty, up to the output folder itself.
    private func removeStale(_ paths: Set<String>) -> Int {
        var removed = 0
        var folders = Set<String>()
        for path in paths {
            guard !path.isEmpty, !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else { continue }
            let full = outputPath + "/" + path
            if unlink(full) == 0 {
                removed += 1
                var folder = (path as NSString).deletingLastPathComponent
                while !folder.isEmpty {
                    folders.insert(folder)
                    folder = (folder as NSString).deletingLastPathComponent
                }
            }
        }
        // Deepest first; rmdir only succeeds on an empty folder, so nobody's files are lost.
        for folder in folders.sorted(by: { $0.count > $1.count }) {
            _ = rmdir(outputPath + "/" + folder)
        }
        return removed
    }
}
