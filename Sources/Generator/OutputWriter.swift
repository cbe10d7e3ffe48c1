import Foundation

/// The one writer of the output folder.
///
/// Files are staged in a folder beside the output (where a sync of the output never sees
/// them), only when their bytes differ from what is there; `commit` then renames each into
/// place (atomic per file) and removes files that no longer belong. Until `commit`, the
/// output folder is untouched.
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

    /// Files at the output root that a build never removes.
    static let preserved: Set<String> = ["README.md"]

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
            throw BuildError(step: "write", messages: ["\(temporary):0: cannot write a temporary file (disk full or no permission?)"])
        }
        lock.withLock { staged.append((temporary, target)) }
    }

    /// Moves staged files into place and removes files that no longer belong.
    /// - Returns: (written, removed).
    func commit(sweep: Bool) throws -> (written: Int, removed: Int) {
        let manager = FileManager.default
        try manager.createDirectory(at: output, withIntermediateDirectories: true)
        var madeFolders = Set<String>()
        for item in staged {
            let folder = (item.to as NSString).deletingLastPathComponent
            if madeFolders.insert(folder).inserted {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            if rename(item.from, item.to) != 0 {
                throw BuildError(step: "write", messages: ["\(item.to):0: cannot move the new file into place (errno \(errno))"])
            }
        }
        let removed = sweep ? try removeStale() : 0
        try? manager.removeItem(at: staging)
        return (staged.count, removed)
    }

    /// Drops the staged files; the output stays as it was.
    func abort() {
        try? FileManager.default.removeItem(at: staging)
    }

    private func removeStale() throws -> Int {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: output.path) else { return 0 }
        var removed = 0
        var folders: [String] = []
        while let item = enumerator.nextObject() as? String {
            let full = output.appendingPathComponent(item).path
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: full, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                folders.append(full)
                continue
            }
            if keep.contains(item) || Self.preserved.contains(item) { continue }
            try manager.removeItem(atPath: full)
            removed += 1
        }
        // Remove folders left empty, deepest first.
        for folder in folders.sorted(by: { $0.count > $1.count }) {
            if let contents = try? manager.contentsOfDirectory(atPath: folder), contents.isEmpty {
                try? manager.removeItem(atPath: folder)
            }
        }
        return removed
    }
}
