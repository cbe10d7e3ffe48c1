import Foundation

/// Refuses an output folder that would put the site's own files in the build's reach.
///
/// A build replaces and removes files under its output folder, so `output: .` or
/// `--output /srv` (a folder that holds the site root, the database, `content/` or
/// `templates/`) is refused before anything is written.
enum OutputFolderRule {
    /// Throws `BuildError` naming what the output folder would hold.
    static func check(output: URL, root: URL, database: String) throws {
        let outputPath = canonical(output.path)
        let guarded: [(String, String)] = [
            (canonical(root.path), "the site root"),
            (canonical(database), "the database"),
            (canonical(root.appendingPathComponent("content").path), "the content folder"),
            (canonical(root.appendingPathComponent("templates").path), "the templates folder"),
            (canonical(root.appendingPathComponent("downtrack.yml").path), "downtrack.yml"),
        ]
        for (path, name) in guarded
        where path == outputPath || path.hasPrefix(outputPath == "/" ? "/" : outputPath + "/") {
            throw BuildError(
                step: "check output",
                messages: [
                    "\(output.path):0: the output folder holds \(name) (\(path)); a build removes files there, "
                        + "so choose a folder of its own, e.g. 'output: output' in downtrack.yml"
                ])
        }
    }

    /// The absolute path with `.`/`..` and symbolic links resolved as far as they exist.
    private static func canonical(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var tail: [String] = []
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" {
            tail.insert(url.lastPathComponent, at: 0)
            url.deleteLastPathComponent()
        }
        var resolved = url.resolvingSymlinksInPath()
        for part in tail { resolved.appendPathComponent(part) }
        return resolved.standardizedFileURL.path
    }
}
