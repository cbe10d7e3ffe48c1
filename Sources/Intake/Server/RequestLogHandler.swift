import Logging

/// A log handler for the intake's per-request loggers: it keeps metadata as given and hands it
/// to the underlying handler only when something is logged.
///
/// The HTTP server gives every request a logger with its own request id. Setting that id on a
/// stream handler formats all of the logger's metadata at once, for every request, although
/// the intake logs only warnings and errors; here that work happens only for a line written.
/// What is written is the same: the underlying handler gets the metadata with the line.
struct RequestLogHandler: LogHandler {
    private var base: any LogHandler
    var metadata: Logger.Metadata = [:]

    /// A logger like `logger` (its label, level and handler) whose metadata is kept here.
    static func logger(like logger: Logger) -> Logger {
        let base = logger.handler
        return Logger(label: logger.label) { _ in RequestLogHandler(base: base) }
    }

    private init(base: any LogHandler) { self.base = base }

    var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { base.metadataProvider }
        set { base.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        if !metadata.isEmpty {
            event.metadata = metadata.merging(event.metadata ?? [:]) { _, explicit in explicit }
        }
        base.log(event: event)
    }
}
