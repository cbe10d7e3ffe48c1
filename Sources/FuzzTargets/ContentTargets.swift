import Content
import Model

/// Targets for the files an operator writes: content files and `downtrack.yml`. They are not
/// from strangers, but a typo must give a message, never a crash.
enum ContentTargets {
    static let all: [FuzzTarget] = [
        FuzzTarget(
            name: "front-matter", summary: "a whole content file: front matter and Markdown body", run: frontMatter),
        FuzzTarget(name: "configuration", summary: "downtrack.yml", run: configuration),
    ]

    static func frontMatter(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let (parsed, problems) = ServiceParser.parseFile(text, path: "content/services/fuzzed.md", fileSlug: "fuzzed")
        if let parsed { OutputExercise.service(parsed.service, text: parsed.text) }
        for problem in problems {
            FuzzSink.consume(problem.description)
            FuzzSink.consume(problem.line)
        }
    }

    static func configuration(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            OutputExercise.configuration(try ConfigurationLoader.parse(text, path: "downtrack.yml"))
        } catch {
            OutputExercise.error(error)
        }
    }
}
