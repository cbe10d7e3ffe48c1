import Foundation
import Model

/// Static assets from `templates/assets/`, published under content-hashed names
/// (`assets/site.3f2a9c1b.css`) so they can be cached forever.
struct Assets {
    /// Original name → URL path on the site.
    var urls: [String: String] = [:]
    /// Output path → bytes.
    var files: [String: Data] = [:]
    var fingerprint = ""

    static func load(root: URL, basePath: String) throws -> Assets {
        let folder = root.appendingPathComponent("templates/assets")
        var assets = Assets()
        var hasher = StableHasher()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return assets }
        for name in names.sorted() where !name.hasPrefix(".") {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                throw BuildError(step: "assets", messages: ["templates/assets/\(name):0: cannot read the file"])
            }
            var fileHasher = StableHasher()
            fileHasher.combine(data)
            let digest = String(fileHasher.hexDigest.prefix(10))
            let ext = (name as NSString).pathExtension
            let stem = (name as NSString).deletingPathExtension
            let hashed = ext.isEmpty ? "\(stem).\(digest)" : "\(stem).\(digest).\(ext)"
            assets.files["assets/\(hashed)"] = data
            assets.urls[name] = basePath + "/assets/" + hashed
            hasher.combine(name + digest)
        }
        assets.fingerprint = hasher.hexDigest
        return assets
    }
}
