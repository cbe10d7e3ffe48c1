import Content
import Foundation
import Model
import Render
import Store

/// Builds the static site: load → query → render → write, each a named step whose errors
/// say which step and file failed. Nothing under the output folder changes unless every
/// page rendered.
public struct SiteGenerator {
    public let configuration: SiteConfiguration
    public let database: DowntrackDatabase

    public init(configuration: SiteConfiguration, database: DowntrackDatabase) {
        self.configuration = configuration
        self.database = database
    }

    /// Builds the site.
    /// - Parameter progress: called with a line now and then on long builds.
    /// - Throws: `BuildError` with `path:line: message` lines; the output is then as it was.
    public func build(_ options: BuildOptions, progress: (@Sendable (String) -> Void)? = nil) throws -> BuildSummary {
        let rootKey = options.root.standardizedFileURL.path
        try step("check output") {
            try OutputFolderRule.check(output: options.output, root: options.root, database: database.path)
        }
        let outputKey = options.output.standardizedFileURL.path
        // The database's version first, so that any change after it makes the next build differ.
        let (databaseVersion, lastBuild) = try step("query") { try database.buildInputs(output: outputKey) }
        let lastCollect = try step("query") { try database.lastCollectTime() }
        let clock = Timestamp(seconds: Int64(Date().timeIntervalSince1970))
        let builtAt = options.now ?? clock
        let asOf = options.now ?? lastCollect ?? clock.floored(to: 60)
        let fingerprint = BuildFingerprint.inputs(
            options: options, configuration: configuration, asOf: asOf,
            freshness: CrowdFreshness(
                lastCollect: lastCollect, staleAfterMinutes: configuration.detection.staleAfterMinutes
            ).key(at: builtAt),
            databaseVersion: databaseVersion, settleNanoseconds: options.settleNanoseconds)
        if !options.full, let lastBuild, lastBuild.inputs == fingerprint.digest,
            lastBuild.outputs == BuildFingerprint.outputs(options.output)
        {
            var summary = BuildSummary()
            summary.unchanged = lastBuild.files
            summary.servicesSkipped = lastBuild.services
            summary.asOf = asOf
            summary.nothingChanged = true
            return summary
        }
        // From here the output changes: the old fingerprint no longer describes it.
        if lastBuild != nil { try step("query") { try database.setBuildFingerprint(output: outputKey, nil) } }
        let content = try step("load content") { () -> SiteContent in
            let cache = try database.contentCache(root: rootKey)
            let (content, entries) = try ContentLoader.load(
                root: options.root, cache: cache, settleSeconds: ContentLoader.settleSeconds)
            let changed = entries.filter { cache[$0.key] != $0.value }
            let removed = cache.keys.filter { entries[$0] == nil }
            try database.updateContentCache(root: rootKey, changed: changed, removed: removed)
            return content
        }
        let templates = try step("load templates") {
            try TemplateLibrary(folder: options.root.appendingPathComponent("templates"))
        }
        var basePath = URLComponents(string: configuration.site.baseURL)?.path ?? ""
        while basePath.hasSuffix("/") { basePath.removeLast() }
        let assets = try step("assets") { try Assets.load(root: options.root, basePath: basePath) }
        let data = try step("query") {
            try SiteData.load(
                from: database, asOf: asOf, builtAt: builtAt,
                staleAfterMinutes: configuration.detection.staleAfterMinutes)
        }
        let manifest = try step("query") { try database.buildManifest(output: outputKey) }

        let shell = SiteShell(
            configuration: configuration, assetURLs: assets.urls, services: content.services,
            templates: templates.fingerprint + assets.fingerprint)
        let servicesBySlug = Dictionary(uniqueKeysWithValues: content.services.map { ($0.slug, $0) })
        let histories = try step("query") { try ServiceHistories.load(from: database, asOf: asOf) }
        let builder = ServicePageBuilder(
            shell: shell, templates: templates, data: data, servicesBySlug: servicesBySlug, histories: histories)
        let writer = OutputWriter(output: options.output)
        var summary = BuildSummary()
        summary.asOf = asOf
        do {
            try writer.prepare()
            let services = content.services
            let stamps = content.fileStamps
            let results = ParallelMap.map(Array(services.indices)) {
                index -> Result<(String, ManifestEntry, Bool), Error> in
                let service = services[index]
                let hash = builder.inputHash(for: service, contentHash: stamps[service.sourcePath]?.contentHash ?? "")
                if !options.full, let previous = manifest[service.slug], previous.inputHash == hash,
                    previous.files.allSatisfy(writer.exists)
                {
                    previous.files.forEach(writer.keepExisting)
                    return .success((service.slug, previous, false))
                }
                do {
                    let text = try ContentLoader.text(of: service, in: content, root: options.root)
                    let files = try builder.render(service, text: text)
                    for (path, bytes) in files { try writer.stage(path, bytes) }
                    return .success((service.slug, ManifestEntry(inputHash: hash, files: files.keys.sorted()), true))
                } catch {
                    return .failure(BuildError.wrap(step: "render \(service.sourcePath)", error))
                }
            }
            var newManifest: [String: ManifestEntry] = [:]
            for result in results {
                let (slug, entry, rendered) = try result.get()
                newManifest[slug] = entry
                if rendered { summary.servicesRendered += 1 } else { summary.servicesSkipped += 1 }
            }
            progress?("rendered \(summary.servicesRendered) services, \(summary.servicesSkipped) unchanged")
            _ = try step("render history") {
                try HistoryFilesBuilder(shell: shell, database: database, asOf: asOf, services: content.services)
                    .stage(into: writer, manifest: manifest, full: options.full, newManifest: &newManifest)
            }
            try step("openapi") { try OpenAPIFile.stage(root: options.root, into: writer, newManifest: &newManifest) }
            let siteBuilder = SitePagesBuilder(
                shell: shell, templates: templates, data: data, services: content.services,
                lags: histories.siteSummary(slugs: content.services.map(\.slug)))
            let siteHash = siteBuilder.inputHash()
            let previousSite = manifest[SitePagesBuilder.manifestItem]
            if !options.full, let previousSite, previousSite.inputHash == siteHash,
                previousSite.files.allSatisfy(writer.exists)
            {
                previousSite.files.forEach(writer.keepExisting)
                newManifest[SitePagesBuilder.manifestItem] = previousSite
            } else {
                let sitePages = try step("render site pages") { try siteBuilder.render() }
                let all = sitePages.merging(assets.files, uniquingKeysWith: { first, _ in first })
                for (path, bytes) in all { try writer.stage(path, bytes) }
                newManifest[SitePagesBuilder.manifestItem] = ManifestEntry(
                    inputHash: siteHash, files: all.keys.sorted())
            }
            let (summaryPath, summaryBytes) = try step("render site pages") { try siteBuilder.summaryFile() }
            try writer.stage(summaryPath, summaryBytes)
            let changed = newManifest.filter { manifest[$0.key] != $0.value }
            let gone = manifest.keys.filter { newManifest[$0] == nil }
            // Only files a previous build wrote can be stale; anything else in the folder is
            // the operator's. An item whose entry did not change kept every file it had, so
            // only changed and gone items' old files are looked at (not the whole site's).
            var previouslyWritten = Set(gone.flatMap { manifest[$0]?.files ?? [] })
            for item in changed.keys { previouslyWritten.formUnion(manifest[item]?.files ?? []) }
            previouslyWritten.insert(summaryPath)
            let (written, removed) = try step("write") { try writer.commit(previouslyWritten: previouslyWritten) }
            summary.written = written
            summary.removed = removed
            summary.unchanged = writer.unchanged
            try step("save manifest") {
                try database.updateBuildManifest(output: outputKey, changed: changed, removed: gone)
                if !fingerprint.unsettled {
                    try database.setBuildFingerprint(
                        output: outputKey,
                        BuildFingerprintRecord(
                            inputs: fingerprint.digest, outputs: BuildFingerprint.outputs(options.output),
                            files: written + writer.unchanged,
                            services: summary.servicesRendered + summary.servicesSkipped))
                }
            }
        } catch {
            writer.abort()
            throw BuildError.wrap(step: "build", error)
        }
        return summary
    }

    private func step<T>(_ name: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw BuildError.wrap(step: name, error) }
    }
}
