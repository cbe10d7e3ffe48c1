import Foundation
import Model

/// All services of a site, in slug order, with the checks that span files.
public struct SiteContent: Sendable {
    public var services: [Service]
    /// Byte length and modification time of each content file, for incremental builds.
    public var fileStamps: [String: FileStamp]
    /// The page text of each service parsed by this load, by slug. Services that came from the
    /// content cache are not here: `ContentLoader.text(of:in:root:)` reads their files.
    public var texts: [String: ServiceText]

    public init(services: [Service], fileStamps: [String: FileStamp] = [:], texts: [String: ServiceText] = [:]) {
        self.services = services
        self.fileStamps = fileStamps
        self.texts = texts
    }

    /// The service with `slug`.
    public func service(_ slug: String) -> Service? {
        guard let index = services.firstIndex(where: { $0.slug == slug }) else { return nil }
        return services[index]
    }
}

/// A cheap fingerprint of a file: its size and modification time.
public struct FileStamp: Sendable, Equatable, Codable {
    public var size: Int
    public var modified: Double
    /// A stable hash of the file's bytes.
    public var contentHash: String
}

/// Loads `content/services/*.md`.
public enum ContentLoader {
    /// The folder of service files, relative to the root.
    public static let servicesFolder = "content/services"
    /// How long ago (seconds) a file must have changed for the build to trust its cache entry.
    public static let settleSeconds = 2.0

    /// Reads and checks every service file below `root`.
    /// - Throws: `ContentError` with every problem in every file, in path order.
    public static func load(root: URL) throws -> SiteContent {
        try load(root: root, cache: [:]).content
    }

    /// Like `load(root:)`, but files whose size and modification and change times match
    /// `cache` are not read or parsed again.
    /// - Parameter settleSeconds: a file changed less than this long ago gets an entry that
    ///   never matches (a second edit within the file system's timestamp granularity could
    ///   leave its times as they are), so the next load reads it again.
    /// - Returns: the content, and the cache entries of this load (by path).
    public static func load(
        root: URL, cache: [String: ContentCacheEntry], settleSeconds: Double = 0
    ) throws -> (content: SiteContent, cache: [String: ContentCacheEntry]) {
        let folder = root.appendingPathComponent(servicesFolder)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
        } catch {
            throw ContentError(problems: [
                ContentProblem(
                    path: servicesFolder, line: 0,
                    message: "cannot read the services folder: \(error.localizedDescription)")
            ])
        }
        let folderPath = folder.path
        let files = names.map { (name: $0, path: "\(servicesFolder)/\($0)", full: folderPath + "/" + $0) }
        let results = ParallelMap.map(files) { file in
            loadFile(
                path: file.path, full: file.full, slug: String(file.name.dropLast(3)), cached: cache[file.path],
                settledBefore: Date().timeIntervalSince1970 - settleSeconds)
        }
        let loaded = results.compactMap(\.service)
        var problems = results.flatMap(\.problems)
        var stamps: [String: FileStamp] = [:]
        var entries: [String: ContentCacheEntry] = [:]
        var texts: [String: ServiceText] = [:]
        for (file, result) in zip(files, results) {
            stamps[file.path] = result.stamp
            entries[file.path] = result.entry
            if let service = result.service, let text = result.text { texts[service.service.slug] = text }
        }
        problems += crossFileProblems(loaded)
        if !problems.isEmpty {
            throw ContentError(problems: problems.sorted { ($0.path, $0.line) < ($1.path, $1.line) })
        }
        let content = SiteContent(
            services: loaded.map(\.service).sorted { $0.slug < $1.slug }, fileStamps: stamps, texts: texts)
        return (content, entries)
    }

    /// One file's part of a load.
    private struct FileResult {
        var service: ServiceCacheRecord?
        /// Nil when the service came from the cache.
        var text: ServiceText?
        var problems: [ContentProblem] = []
        var stamp: FileStamp?
        var entry: ContentCacheEntry?
    }

    /// The file at `full` from its cache entry when its size and times match, else
    /// read and parsed.
    private static func loadFile(
        path: String, full: String, slug: String, cached: ContentCacheEntry?, settledBefore: Double
    ) -> FileResult {
        // stat(2) directly: FileManager's attribute dictionary costs ten times more. The change
        // time (ctime) counts too: an edit that restores the size and modification time still
        // moves it.
        var info = stat()
        let found = stat(full, &info) == 0
        let size = found ? Int(info.st_size) : -1
        let modified =
            found
            ? max(
                Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9,
                Double(info.st_ctim.tv_sec) + Double(info.st_ctim.tv_nsec) / 1e9) : 0
        if let cached, cached.size == size, cached.modified == modified,
            let record = ServiceCacheRecord.decode(cached.record)
        {
            let stamp = FileStamp(size: size, modified: modified, contentHash: cached.contentHash)
            return FileResult(service: record, stamp: stamp, entry: cached)
        }
        guard let data = FileManager.default.contents(atPath: full) else {
            return FileResult(problems: [ContentProblem(path: path, line: 0, message: "cannot read the file")])
        }
        var hasher = StableHasher()
        hasher.combine(data: data)
        let stamp = FileStamp(size: data.count, modified: modified, contentHash: hasher.hexDigest)
        guard let text = String(data: data, encoding: .utf8) else {
            return FileResult(
                problems: [ContentProblem(path: path, line: 0, message: "the file is not valid UTF-8")], stamp: stamp)
        }
        let (parsed, problems) = ServiceParser.parseFile(text, path: path, fileSlug: slug)
        guard let parsed else { return FileResult(problems: problems, stamp: stamp) }
        let record = ServiceCacheRecord(parsed)
        let entry = ContentCacheEntry(
            size: data.count, modified: modified < settledBefore ? modified : -1, contentHash: stamp.contentHash,
            record: record.encoded())
        return FileResult(service: record, text: parsed.text, problems: problems, stamp: stamp, entry: entry)
    }

    /// The page text of `service`: from `content` when this load parsed its file, else read
    /// from the file again.
    /// - Throws: `ContentError` when the file can no longer be read or no longer parses.
    public static func text(of service: Service, in content: SiteContent, root: URL) throws -> ServiceText {
        if let text = content.texts[service.slug] { return text }
        let path = root.appendingPathComponent(service.sourcePath).path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ContentError(problems: [
                ContentProblem(path: service.sourcePath, line: 0, message: "cannot read the file")
            ])
        }
        let fileName = (service.sourcePath as NSString).lastPathComponent
        let (parsed, problems) = ServiceParser.parseFile(
            String(decoding: data, as: UTF8.self), path: service.sourcePath, fileSlug: String(fileName.dropLast(3)))
        guard let parsed, problems.isEmpty else { throw ContentError(problems: problems) }
        return parsed.text
    }

    /// Duplicate slugs, and related slugs that name no service or the service itself.
    static func crossFileProblems(_ records: [ServiceCacheRecord]) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        var firstBySlug: [String: String] = [:]
        for item in records {
            if let other = firstBySlug[item.slug] {
                problems.append(
                    ContentProblem(
                        path: item.sourcePath, line: item.slugLine,
                        message: "duplicate slug '\(item.slug)': \(other) has it too"))
            } else {
                firstBySlug[item.slug] = item.sourcePath
            }
        }
        for item in records {
            for related in item.related where firstBySlug[related.slug] == nil {
                problems.append(
                    ContentProblem(
                        path: item.sourcePath, line: related.line,
                        message:
                            "related service '\(related.slug)' does not exist (no content/services/\(related.slug).md)")
                )
            }
            if let own = item.related.first(where: { $0.slug == item.slug }) {
                problems.append(
                    ContentProblem(
                        path: item.sourcePath, line: own.line, message: "a service cannot be related to itself"))
            }
        }
        return problems
    }
}
