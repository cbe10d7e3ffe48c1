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
    public static func measure(url: String, body: [UInt8], iterations: Int) throws -> Figures {
        guard let format = FormatDetector.detect(url: url, body: body, contentType: nil) else {
            throw StatusParseError.unrecognisedFormat
        }
        LibXML.ensureInitialized()
        var bare: Double?
        switch format {
        case .statuspageHTML, .hundHTML:
            bare = time(iterations) { bareParse(body, html: true) }
        case .atom, .rss:
            bare = time(iterations) { bareParse(body, html: false) }
        case .statuspageJSON, .upptimeJSON, .fedoraJSON:
            bare = nil
        }
        var failure: Error?
        let full = time(iterations) {
            do { _ = try StatusDocumentParser.parse(format: format, url: url, body: body, contentType: nil) } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return Figures(format: format, bareMicroseconds: bare, fullMicroseconds: full)
    }

    /// libxml2 alone: read the bytes with the options we use, free the tree.
    static func bareParse(_ bytes: [UInt8], html: Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                let document = html
                    ? htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, nil, LibXML.htmlOptions)
                    : xmlReadMemory(chars.baseAddress, Int32(chars.count), nil, nil, LibXML.xmlOptions)
                if let document { xmlFreeDoc(document) }
            }
        }
    }

    private static func time(_ iterations: Int, _ body: () -> Void) -> Double {
        body()
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<iterations { body() }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1000 / Double(iterations)
    }
}
