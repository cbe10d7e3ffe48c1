import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What one GET produced: a response (any status) with its body, or a failure.
struct HTTPResponse: Sendable {
    var status: Int
    /// Header names lowercased.
    var headers: [String: String]
    var body: [UInt8]
    /// The URL that answered (after the redirects `StatusFetcher` followed).
    var finalURL: String
}

/// One GET on its own URLSession, with a streaming body limit and a hard deadline. Redirects
/// are not followed here: a 3xx comes back as the response, and `StatusFetcher` decides where
/// to go (resolving `Location` itself and checking the next address). The delegate callbacks
/// arrive on URLSession's queue; the state is guarded by a lock and the continuation is
/// resumed exactly once.
final class HTTPTransfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private let maxBodyBytes: Int
    private let timeout: Double
    private let url: URL
    private var response: HTTPURLResponse?
    private var body: [UInt8] = []
    private var failure: FetchFailure?
    private var continuation: CheckedContinuation<Result<HTTPResponse, FetchFailure>, Never>?
    private var task: URLSessionTask?
    private var finished = false

    init(url: URL, maxBodyBytes: Int, timeout: Double) {
        self.url = url
        self.maxBodyBytes = maxBodyBytes
        self.timeout = timeout
    }

    /// Runs the request to completion. Never throws: every problem is a `FetchFailure`.
    /// - Parameter timeout: the deadline for this request, in seconds (what is left of the
    ///   configured one when earlier redirects used some).
    static func run(_ request: URLRequest, configuration: FetchConfiguration, timeout: Double) async -> Result<
        HTTPResponse, FetchFailure
    > {
        guard let url = request.url else { return .failure(.invalidURL("")) }
        let transfer = HTTPTransfer(url: url, maxBodyBytes: configuration.maxBodyBytes, timeout: timeout)
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        // libcurl's timers take whole seconds (a fraction would round to "no time at all");
        // the exact deadline is this transfer's own timer.
        let wholeSeconds = max(1, timeout.rounded(.up))
        sessionConfiguration.timeoutIntervalForRequest = wholeSeconds
        sessionConfiguration.timeoutIntervalForResource = wholeSeconds
        sessionConfiguration.requestCachePolicy = .reloadIgnoringLocalCacheData
        sessionConfiguration.urlCache = nil
        sessionConfiguration.httpCookieStorage = nil
        let session = URLSession(configuration: sessionConfiguration, delegate: transfer, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.start(session.dataTask(with: request), continuation: continuation)
            }
        } onCancel: {
            transfer.abort(.transport("cancelled"))
        }
    }

    private func start(
        _ task: URLSessionDataTask, continuation: CheckedContinuation<Result<HTTPResponse, FetchFailure>, Never>
    ) {
        let earlyFailure: FetchFailure? = lock.withLock {
            // Cancelled before it started: answer at once, never start the task.
            if finished { return failure ?? .transport("cancelled") }
            self.task = task
            self.continuation = continuation
            return nil
        }
        if let earlyFailure {
            continuation.resume(returning: .failure(earlyFailure))
            return
        }
        // The deadline for the whole request, whatever libcurl's own timers do.
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout + 0.25) { [weak self] in
            guard let self else { return }
            self.abort(.timedOut(seconds: self.timeout))
        }
        task.resume()
    }

    /// Stops the request with a reason (deadline, limit, caller cancelled).
    private func abort(_ reason: FetchFailure) {
        let task: URLSessionTask? = lock.withLock {
            guard !finished else { return nil }
            if failure == nil { failure = reason }
            return self.task
        }
        task?.cancel()
        // Resume now: a cancelled libcurl transfer may report completion late.
        finish(with: nil)
    }

    private func finish(with error: (any Error)?) {
        let (continuation, result):
            (CheckedContinuation<Result<HTTPResponse, FetchFailure>, Never>?, Result<HTTPResponse, FetchFailure>) =
                lock.withLock {
                    if finished { return (nil, .failure(.transport("finished"))) }
                    finished = true
                    let result: Result<HTTPResponse, FetchFailure>
                    if let failure {
                        result = .failure(failure)
                    } else if let error {
                        result = .failure(FetchFailure.from(error, url: url, timeout: timeout))
                    } else if let response {
                        var headers: [String: String] = [:]
                        for (key, value) in response.allHeaderFields {
                            if let key = key as? String, let value = value as? String {
                                headers[key.lowercased()] = value
                            }
                        }
                        result = .success(
                            HTTPResponse(
                                status: response.statusCode, headers: headers, body: body,
                                finalURL: response.url?.absoluteString ?? url.absoluteString))
                    } else {
                        result = .failure(.transport("the server sent no usable response"))
                    }
                    let continuation = self.continuation
                    self.continuation = nil
                    body = []
                    return (continuation, result)
                }
        continuation?.resume(returning: result)
    }

    // MARK: URLSessionDataDelegate

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        // Never followed here: the 3xx itself becomes the response.
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let declared = response.expectedContentLength
        lock.withLock { self.response = response as? HTTPURLResponse }
        if declared > Int64(maxBodyBytes) {
            completionHandler(.cancel)
            abort(.bodyTooLarge(limit: maxBodyBytes))
        } else {
            completionHandler(.allow)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let tooLarge = lock.withLock { () -> Bool in
            guard !finished else { return false }
            body.append(contentsOf: data)
            return body.count > maxBodyBytes
        }
        if tooLarge { abort(.bodyTooLarge(limit: maxBodyBytes)) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        finish(with: error)
    }
}
