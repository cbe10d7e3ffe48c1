import Foundation
import Model
import XCTest

@testable import Collect

/// TEMPORARY (perf work): dumps parser outputs to compare before/after. Removed afterwards.
final class ZZGoldenDumpTests: XCTestCase {
    func testDumpGolden() throws {
        guard let dir = ProcessInfo.processInfo.environment["GOLDEN_DIR"] else { return }
        let root = "/work/shared/fixtures/status-pages"
        let files = try FileManager.default.subpathsOfDirectory(atPath: root).filter {
            $0.hasSuffix(".html") || $0.hasSuffix(".atom") || $0.hasSuffix(".rss") || $0.hasSuffix(".json")
        }.sorted()
        var out = ""
        for file in files {
            let bytes = Array(FileManager.default.contents(atPath: "\(root)/\(file)")!)
            let name = (file as NSString).lastPathComponent
            for url in ["https://status.example.test/\(name)", "file:///\(name)"] {
                for kind in [StatusSourceKind.auto, .statuspage, .atom, .html] {
                    out += "== \(file) \(url) \(kind)\n"
                    do {
                        let status = try StatusDocumentParser.parse(
                            kind: kind, url: url, body: bytes, contentType: nil, xpath: nil)
                        out += "\(status)\n"
                    } catch { out += "error: \(error)\n" }
                }
            }
            if file.hasSuffix(".atom") || file.hasSuffix(".rss") {
                for limit in [500, 5, 0] {
                    out += "== feed \(file) \(limit)\n"
                    do {
                        let feed = try FeedParser.parseFeed(bytes, url: "https://s.test/h", limits: DocumentLimits(maxEntries: limit))
                        out += "\(feed)\n"
                    } catch { out += "error: \(error)\n" }
                }
                let feed = try FeedParser.parseFeed(bytes, url: nil, limits: DocumentLimits(maxEntries: 500))
                out += "\(feed)\n"
            }
            if file.hasSuffix(".html") || file.hasSuffix(".atom") || file.hasSuffix(".rss") {
                let document = file.hasSuffix(".html") ? try LibXMLDocument.html(bytes) : try LibXMLDocument.xml(bytes)
                var texts = ""
                for node in try document.select("//*") {
                    texts += "\(node.name)|\(node.classes)|\(node.hasClass("name"))|\(node.classSuffix(after: "status-") ?? "-")|\(node.text.count)|\(fnv(node.text))\n"
                }
                for node in try document.select("//*[@class]|//@*") { texts += node.text + "\n" }
                try texts.write(toFile: "\(dir)/texts-\(name).txt", atomically: true, encoding: .utf8)
            }
        }
        try out.write(toFile: "\(dir)/golden.txt", atomically: true, encoding: .utf8)
    }

    private func fnv(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return hash
    }
}
