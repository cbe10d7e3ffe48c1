import Foundation
import Model

/// What a set of files looks like without reading any of them: each entry's path, type, size,
/// inode, modification and change times, in name order, so that adding, removing, renaming or
/// editing a file changes the stamp.
///
/// The change time (ctime) is set by the kernel on every write, rename and time change, so an
/// edit that restores a file's size and modification time still changes the stamp. A file
/// system's timestamps are coarse (a clock tick, or a whole second on some), so a second edit
/// right after a stamp could leave the times as they were: `newest` lets the caller distrust a
/// stamp whose files changed too recently.
struct FileTreeStamp {
    /// The stamped entries, as bytes (hashed once at the end).
    private(set) var bytes: [UInt8] = []
    /// The newest modification or change time seen, in nanoseconds since 1970.
    private(set) var newest: Int64 = .min
    /// How many entries were stamped.
    private(set) var entries = 0

    /// Folders deeper than this below a stamped tree are not followed (a symbolic link loop
    /// ends here instead of running forever).
    static let maximumDepth = 8

    /// Stamps one path: a file, a folder (itself, not its entries) or nothing at all.
    mutating func add(path: String) {
        var info = stat()
        append(path)
        if stat(path, &info) == 0 { append(info) } else { append(Int64(-1)) }
    }

    /// Stamps a folder and, recursively, everything in it (following symbolic links, as the
    /// build does when it reads).
    mutating func addTree(path: String) {
        add(path: path)
        walk(path, depth: 0)
    }

    /// A digest of everything stamped.
    var digest: String {
        var hasher = StableHasher()
        bytes.withUnsafeBytes { hasher.combine($0) }
        return hasher.hexDigest
    }

    private mutating func walk(_ folder: String, depth: Int) {
        guard depth < Self.maximumDepth, let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        var found: [(name: String, info: stat?)] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            found.append((name, fstatat(descriptor, name, &info, 0) == 0 ? info : nil))
        }
        found.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        for item in found {
            append(item.name)
            guard let info = item.info else {
                append(Int64(-1))
                continue
            }
            append(info)
            if (info.st_mode & S_IFMT) == S_IFDIR { walk(folder + "/" + item.name, depth: depth + 1) }
        }
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        bytes.append(0)
    }

    private mutating func append(_ info: stat) {
        entries += 1
        let modified = Int64(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(info.st_mtim.tv_nsec)
        let changed = Int64(info.st_ctim.tv_sec) &* 1_000_000_000 &+ Int64(info.st_ctim.tv_nsec)
        newest = max(newest, modified, changed)
        for value in [
            Int64(info.st_mode), Int64(info.st_size), Int64(bitPattern: UInt64(info.st_ino)),
            Int64(bitPattern: UInt64(info.st_dev)), modified, changed,
        ] {
            append(value)
        }
    }

    private mutating func append(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
