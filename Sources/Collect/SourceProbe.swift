import Model

/// What `check --online` learns about one source: the check with its declared kind, and the
/// format the answer is on its own terms.
public struct SourceProbe: Sendable, Equatable {
    /// The check as a collect run would make it (without validators, so never a 304).
    public var result: SourceCheckResult
    /// The format `FormatDetector` recognises in a successful answer's body; nil when it
    /// recognises none or nothing usable came back.
    public var detectedFormat: StatusFormat?

    /// A probe with the given parts.
    public init(result: SourceCheckResult, detectedFormat: StatusFormat?) {
        self.result = result
        self.detectedFormat = detectedFormat
    }

    /// What is wrong with the source as declared, written for the editor of the content file,
    /// or nil when its kind reads what its URL serves.
    ///
    /// A kind is wrong when its reader fails on a document another reader recognises, or
    /// when it reads the document although it is another vendor's format (a Statuspage-like
    /// JSON from Instatus, say). `auto` is never wrong about a format it recognises; `html`
    /// with XPath rules reads any page.
    public func problem(for source: StatusSource) -> String? {
        if case .failed(let reason) = result.outcome {
            guard let format = detectedFormat, source.kind != .auto else { return "cannot be read: \(reason)" }
            return
                "kind '\(source.kind.rawValue)' cannot read what the URL serves (\(reason)); it serves \(format.title): use kind '\(format.sourceKind.rawValue)'"
        }
        guard let format = detectedFormat, source.kind != .auto, !format.isRead(by: source) else { return nil }
        return
            "kind '\(source.kind.rawValue)' does not match what the URL serves: \(format.title); use kind '\(format.sourceKind.rawValue)'"
    }
}

extension StatusFetcher {
    /// Fetches `source` once, reads it with its declared kind and recognises its format, for
    /// `check --online`. Never throws: a failed fetch is in `result`.
    public func probe(slug: String, source: StatusSource, now: Timestamp) async -> SourceProbe {
        let request = SourceCheckRequest(slug: slug, source: source)
        let (url, response) = await fetchDocument(request)
        let result = interpret(response, request: request, requestedURL: url, now: now)
        guard case .success(let answer) = response, (200..<300).contains(answer.status) else {
            return SourceProbe(result: result, detectedFormat: nil)
        }
        let body = DocumentBytes.utf8IfUTF16(answer.body)
        let format = FormatDetector.detect(
            url: answer.finalURL, body: body, contentType: answer.headers["content-type"])
        return SourceProbe(result: result, detectedFormat: format)
    }
}
