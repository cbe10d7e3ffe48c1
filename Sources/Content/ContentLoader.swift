import Foundation
import Model

/// All services of a site, in slug order, with the checks that span files.
public struct SiteContent: Sendable {
    public var services: [Service]
    /// Byte length and modification time of each content file, for incremental builds.
    public var fileStamps: [String: FileStamp]

    public init(services: [Service], fileStamps: [String: FileStamp] = [:]) {
        self.services = services
        self.fileStamps = fileStamps
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

    /// Reads and checks every service file below `root`.
    /// - Throws: `ContentError` with every problem in every file, in path order.
    public static func load(root: URL) throws -> SiteContent {
        try load(root: root, cache: [:]).content
    }

    /// Like `load(root:)`, but files whose size and modification time match `cache` are not
    /// read or parsed again.
    /// - Returns: the content, and the cache entries of this load (by path).
    public static func load(
        root: URL, cache: [String: ContentCacheEntry]
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
        let results = ParallelMap.map(files) {
            file -> (ServiceParser.Parsed?, [ContentProblem], FileStamp?, ContentCacheEntry?) in
            // stat(2) directly: FileManager's attribute dictionary costs ten times more.
            var info = stat()
            let found = stat(file.full, &info) == 0
            let size = found ? Int(info.st_size) : -1
            let modified = found ? Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9 : 0
            if let cached = cache[file.path], cached.size == size, cached.modified == modified,
                let decoded = ServiceCoding.decode(cached.record)
            {
                let parsed = ServiceParser.Parsed(
                    service: decoded.service, slugLine: decoded.slugLine, relatedLines: decoded.relatedLines)
                let stamp = FileStamp(size: size, modified: modified, contentHash: cached.contentHash)
                return (parsed, [], stamp, cached)
            }
            guard let data = FileManager.default.contents(atPath: file.full) else {
                return (nil, [ContentProblem(path: file.path, line: 0, message: "cannot read the file")], nil, nil)
            }
            var hasher = StableHasher()
            hasher.combine(data: data)
            let stamp = FileStamp(
                size: data.count,
                modified: modified,
                contentHash: hasher.hexDigest)
            guard let text = String(data: data, encoding: .utf8) else {
                return (
                    nil, [ContentProblem(path: file.path, line: 0, message: "the file is not valid UTF-8")], stamp, nil
                )
            }
            let (parsed, problems) = ServiceParser.parseWithLines(
                text, path: file.path, fileSlug: String(file.name.dropLast(3)))
            let entry = parsed.flatMap { parsed in
                ServiceCoding.encode(parsed.service, slugLine: parsed.slugLine, relatedLines: parsed.relatedLines)
                    .map {
                        ContentCacheEntry(
                            size: data.count, modified: modified, contentHash: stamp.contentHash, record: $0)
                    }
            }
            return (parsed, problems, stamp, entry)
        }
        var problems = results.flatMap(\.1)
        let parsed = results.compactMap(\.0)
        var stamps: [String: FileStamp] = [:]
        var entries: [String: ContentCacheEntry] = [:]
        for (file, result) in zip(files, results) {
            stamps[file.path] = result.2
            entries[file.path] = result.3
        }
        problems += crossFileProblems(parsed)
        if !problems.isEmpty {
            throw ContentError(problems: problems.sorted { ($0.path, $0.line) < ($1.path, $1.line) })
        }
        let content = SiteContent(services: parsed.map(\.service).sorted { $0.slug < $1.slug }, fileStamps: stamps)
        return (content, entries)
    }

    /// The service with its body and FAQ, read again from its file when it came from the
    /// cache without them.
    /// - Throws: `ContentError` when the file no longer parses.
    public static func loadDetails(root: URL, _ service: Service) throws -> Service {
        guard !service.detailsLoaded else { return service }
        let path = root.appendingPathComponent(service.sourcePath).path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ContentError(problems: [
                ContentProblem(path: service.sourcePath, line: 0, message: "cannot read the file")
            ])
        }
        let fileName = (service.sourcePath as NSString).lastPathComponent
        let (parsed, problems) = ServiceParser.parseWithLines(
            String(decoding: data, as: UTF8.self), path: service.sourcePath, fileSlug: String(fileName.dropLast(3)))
        guard let parsed, problems.isEmpty else { throw ContentError(problems: problems) }
        return parsed.service
    }

    static func crossFileProblems(_ parsed: [ServiceParser.Parsed]) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        var firstBySlug: [String: String] = [:]
        for item in parsed {
            let slug = item.service.slug
            if let other = firstBySlug[slug] {
                problems.append(
                    ContentProblem(
                        path: item.service.sourcePath, line: item.slugLine,
                        message: "duplicate slug '\(slug)': \(other) has it too"))
            } else {
                firstBySlug[slug] = item.service.sourcePath
            }
        }
        for item in parsed {
            for slug in item.service.related where firstBySlug[slug] == nil {
                problems.append(
                    ContentProblem(
                        path: item.service.sourcePath, line: item.relatedLines[slug] ?? 0,
                        message: "related service '\(slug)' does not exist (no content/services/\(slug).md)"))
            }
            if item.service.related.contains(item.service.slug) {
                problems.append(
                    ContentProblem(
                        path: item.service.sourcePath, line: item.relatedLines[item.service.slug] ?? 0,
                        message: "a service cannot be related to itself"))
            }
        }
        return problems
    }
}
