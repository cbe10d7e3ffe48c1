/// What a service's own page says beyond the facts every page shares: the Markdown body of
/// its content file and its FAQ. Only that page needs it, so a build reads it from the file
/// when it renders the page (the content cache does not hold it).
public struct ServiceText: Sendable, Equatable, Hashable {
    /// The Markdown body below the front matter.
    public var body: String
    public var faq: [FAQItem]

    public init(body: String = "", faq: [FAQItem] = []) {
        self.body = body
        self.faq = faq
    }
}

/// One question and its Markdown answer.
public struct FAQItem: Sendable, Equatable, Hashable {
    public var question: String
    public var answer: String

    public init(question: String, answer: String) {
        self.question = question
        self.answer = answer
    }
}
