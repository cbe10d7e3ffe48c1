import CLibXML2
import Foundation
import Model

/// Measures what our extraction costs on top of libxml2's own parse of the same bytes.
public enum ParseBenchmark {
    /// One document's figures, in microseconds per parse.
    public struct Figures: Sendable {
        public var format: StatusFormat
        public var bareMicroseconds: Double?
        public var fullMicroseconds: Double

        /// Extraction cost over the bare parse, in percent (nil for JSON documents).
        public var overheadPercent: Double? {
            bareMicroseconds.map { ($0 > 0 ? (fullMicroseconds - $0) / $0 * 100 : 0) }
        }
    }

    /// Parses `body` `iterations` times bare and through `StatusDocumentParser`.
    ///
    /// The bare parse makes exactly the libxml2 call `LibXMLDocument` makes (a fresh parser
    /// context, the same prepared bytes, encoding argument, options and base URL) and frees
    /// the tree; our preparation (NUL removal, charset sniffing) is done once, outside the
    /// timing, so it counts as extraction.
    ///
    /// Bare and full parses alternate in short blocks, and each figure is the median of its
    /// runs, so load from other processes hits both alike. Within a block every timed run
    /// follows a run of its own kind (the block's first run is not counted): part of what
    /// freeing a tree costs is paid later, by whichever run next allocates (glibc sorts and
    /// merges the freed chunks then), and this way each kind pays its own. For the same
    /// reason the allocator's trim and mmap thresholds are pinned for the process (glibc):
    /// otherwise it can hand heap pages back after one run and fault them in again in the
    /// next, depending on the heap's history (one feed measured +28% or +70% from one run
    /// of the command to the next).
    ///
    /// A page that parses but holds no status (`StatusParseError.noStatusData`, such as an
    /// inactive Statuspage page) is measured like any other: reaching that verdict is the
    /// parse's work.
    public static func measure(url: String, body: [UInt8], iterations: Int) throws -> Figures {
        guard let format = FormatDetector.detect(url: url, body: body, contentType: nil) else {
            throw StatusParseError.unrecognisedFormat
        }
        LibXML.ensureInitialized()
        _ = pinnedAllocator
        let bare: BareParse?
        switch format {
        case .statuspageHTML, .hundHTML: bare = BareParse(html: body, url: url)
        case .atom, .rss: bare = BareParse(xml: body, url: url)
        case .statuspageJSON, .upptimeJSON, .fedoraJSON, .googleCloudJSON, .slackJSON, .incidentIOJSON,
            .instatusJSON, .cachetJSON, .cstateJSON,
            .statusIOJSON, .betterStackJSON, .awsHealthJSON:
            bare = nil
        }
        var failure: Error?
        let full = {
            do { _ = try StatusDocumentParser.parse(format: format, url: url, body: body, contentType: nil) } catch {
                if case StatusParseError.noStatusData = error { return }
                failure = error
            }
        }
        full()
        if let failure { throw failure }
        let block = 5
        var bareTimes: [Double] = []
        var fullTimes: [Double] = []
        while fullTimes.count < max(1, iterations) {
            let runs = min(block, max(1, iterations) - fullTimes.count)
            if let bare {
                bare.run()
                for _ in 0..<runs { bareTimes.append(time(bare.run)) }
            }
            full()
            for _ in 0..<runs { fullTimes.append(time(full)) }
        }
        if let failure { throw failure }
        return Figures(
            format: format, bareMicroseconds: bare == nil ? nil : median(bareTimes), fullMicroseconds: median(fullTimes)
        )
    }

    /// libxml2 alone, called as `LibXMLDocument.html` / `.xml` call it.
    struct BareParse {
        let bytes: [UInt8]
        let url: String
        let html: Bool
        let encoding: String?
        let options: Int32

        init(html body: [UInt8], url: String) {
            let prepared = DocumentBytes.prepare(body)
            let encoding =
                prepared.isTranscodedUTF8 ? "UTF-8" : HTMLCharset.detect(contentType: nil, document: prepared.bytes)
            self.bytes = prepared.bytes
            self.url = url
            self.html = true
            self.encoding = encoding
            self.options = encoding != nil ? LibXML.htmlKnownEncodingOptions : LibXML.htmlOptions
        }

        init(xml body: [UInt8], url: String) {
            let prepared = DocumentBytes.prepare(body)
            self.bytes = prepared.bytes
            self.url = url
            self.html = false
            self.encoding = prepared.isTranscodedUTF8 ? "UTF-8" : nil
            self.options = LibXML.xmlOptions
        }

        func run() {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    let count = Int32(chars.count)
                    if html {
                        guard let context = htmlNewParserCtxt() else { return }
                        defer { htmlFreeParserCtxt(context) }
                        if let document = htmlCtxtReadMemory(context, chars.baseAddress, count, url, encoding, options)
                        {
                            xmlFreeDoc(document)
                        }
                    } else {
                        guard let context = xmlNewParserCtxt() else { return }
                        defer { xmlFreeParserCtxt(context) }
                        if let document = xmlCtxtReadMemory(context, chars.baseAddress, count, url, encoding, options) {
                            xmlFreeDoc(document)
                        }
                    }
                }
            }
        }
    }

    private static func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1000
    }

    /// Fixed thresholds (64 MiB trim, 32 MiB mmap) instead of glibc's adaptive ones.
    private static let pinnedAllocator: Bool = {
        #if canImport(Glibc)
            // mallopt(3) is not in Swift's Glibc module; M_TRIM_THRESHOLD is -1, M_MMAP_THRESHOLD -3.
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
                let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
                _ = mallopt(-1, 64 << 20)
                _ = mallopt(-3, 32 << 20)
            }
        #endif
        return true
    }()

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
