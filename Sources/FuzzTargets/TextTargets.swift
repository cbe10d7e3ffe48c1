import Collect
import Foundation
import Model

/// Targets for the date and time readers every source format goes through.
enum TextTargets {
    static let all: [FuzzTarget] = [
        FuzzTarget(
            name: "dates", summary: "date text in feeds and pages: RFC 822/1123/850, asctime, ISO 8601, Go",
            maxLength: 256, run: dates),
        FuzzTarget(
            name: "timestamps", summary: "Timestamp's ISO 8601 reader, on text and on bytes", maxLength: 256,
            run: timestamps),
    ]

    /// `DateText.parse`, and every view of what it returns.
    static func dates(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let time = DateText.parse(text) { OutputExercise.timestamp(time) }
    }

    /// `Timestamp(iso8601:)` and `Timestamp.parseISO8601`, which must agree on text that
    /// needs no trimming.
    static func timestamps(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let fromText = Timestamp(iso8601: text)
        let fromBytes = bytes.withUnsafeBufferPointer { Timestamp.parseISO8601($0) }
        if let fromText { OutputExercise.timestamp(fromText) }
        if let fromBytes { OutputExercise.timestamp(fromBytes) }
        if Array(text.utf8) == bytes, text.trimmingCharacters(in: .whitespaces) == text {
            FuzzInvariant.require(
                fromText == fromBytes,
                "\(text.debugDescription) reads as \(String(describing: fromText)) from text "
                    + "but \(String(describing: fromBytes)) from bytes")
        }
    }
}
