import Foundation
import Model
import Store

/// The OpenAPI 3.1 description of the static API: the site's `templates/api/openapi.json`,
/// published byte for byte as `api/v1/openapi.json`. Its component schemas are the JSON Schemas
/// of `docs/schema` (`scripts/openapi_document.py` keeps them in step, `make test` checks it).
/// A site whose templates have no such file publishes none.
enum OpenAPIFile {
    /// Where the document lives, relative to the site's root.
    static let source = "templates/api/openapi.json"
    /// Where it is published, relative to the output folder.
    static let path = "api/v1/openapi.json"
    /// The manifest item of the published file, so that it goes when its source goes.
    static let manifestItem = "_openapi"

    /// The document's bytes, or nil when the site has none.
    /// - Throws: `BuildError` when the file cannot be read or is not a JSON object.
    static func load(root: URL) throws -> Data? {
        let file = root.appendingPathComponent(source).path
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw BuildError(step: "openapi", messages: ["\(source):0: cannot read the file"])
        }
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            throw BuildError(
                step: "openapi", messages: ["\(source):1: not a JSON object: fix the file or take the shipped one"])
        }
        return data
    }

    /// Stages the document (the writer leaves an unchanged file as it is) and notes it in `newManifest`.
    static func stage(root: URL, into writer: OutputWriter, newManifest: inout [String: ManifestEntry]) throws {
        guard let data = try load(root: root) else { return }
        try writer.stage(path, data)
        var hasher = StableHasher()
        hasher.combine(data)
        newManifest[manifestItem] = ManifestEntry(inputHash: hasher.hexDigest, files: [path])
    }
}
