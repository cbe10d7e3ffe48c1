import IntakeRules
import Model

/// Targets for what the intake reads from visitors: report files, request bodies, sign-up
/// addresses, signed links and forwarded client addresses.
enum IntakeTargets {
    static let all: [FuzzTarget] = [
        FuzzTarget(
            name: "report-lines", summary: "report files: NDJSON reports and access-log beacon lines", run: reportLines),
        FuzzTarget(name: "intake-bodies", summary: "POST bodies: JSON objects and HTML forms", run: intakeBodies),
        FuzzTarget(
            name: "subscription-tokens", summary: "signed confirm and unsubscribe links", maxLength: 4096,
            run: subscriptionTokens),
        FuzzTarget(name: "email-addresses", summary: "sign-up mail addresses", maxLength: 4096, run: emailAddresses),
        FuzzTarget(
            name: "client-addresses", summary: "connection and X-Forwarded-For addresses, trusted-proxy ranges",
            maxLength: 4096, run: clientAddresses),
    ]

    /// The services reports are checked against.
    static let validator = ReportValidator(services: [
        Service(slug: "wechat", name: "WeChat", category: "Messaging"),
        Service(
            slug: "discord", name: "Discord", category: "Messaging", problems: [Problem(id: "voice", title: "Voice")]),
    ])

    /// Every line as `import-reports` reads a file (the whole input), then the input as one line.
    static func reportLines(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            exercise(ReportLineParser.parse(line: line))
        }
        exercise(ReportLineParser.parse(bytes: bytes))
    }

    private static func exercise(_ result: Result<ReportLine, ReportLineParser.LineError>?) {
        switch result {
        case .success(let line):
            FuzzSink.consume(line.service)
            FuzzSink.consume(line.problem)
            FuzzSink.consume(line.count)
            FuzzSink.consume(line.clientAddress ?? "")
            OutputExercise.timestamp(line.at)
            FuzzSink.consume(validator.problem(service: line.service, problem: line.problem) ?? "")
            FuzzSink.consume(OutsideText.quoted(line.service, or: "this service"))
            FuzzInvariant.require(
                (1...100_000).contains(line.count), "a report line was taken with count \(line.count)")
        case .failure(let error):
            FuzzSink.consume(error.description)
        case nil:
            break
        }
    }

    /// The body under each content type a client may send.
    static func intakeBodies(_ bytes: [UInt8]) {
        for contentType in [nil, "application/json", "application/x-www-form-urlencoded; charset=utf-8", "text/plain"] {
            do {
                let fields = try PostedFields.decode(body: bytes, contentType: contentType)
                FuzzSink.consume(fields.isJSON)
                for (name, value) in fields.values {
                    FuzzSink.consume(name)
                    FuzzSink.consume(value)
                    FuzzSink.consume(OutsideText.identifier(name) ?? "")
                    FuzzSink.consume(OutsideText.quoted(value, or: "this value"))
                }
            } catch {
                FuzzSink.consume(error.description)
            }
        }
    }

    static let tokens = SubscriptionTokens(secret: "fuzzing-secret")
    static let now = Timestamp(seconds: 1_800_000_000)

    /// The input as a token for both purposes; and, read as `<id>.<nonce>.<expires>`, the
    /// token made from those fields, which must verify for its purpose only.
    static func subscriptionTokens(_ bytes: [UInt8]) {
        for purpose in [SubscriptionTokens.Purpose.confirm, .unsubscribe] {
            switch tokens.verify(bytes: bytes, purpose: purpose, now: now) {
            case .success(let claims):
                FuzzSink.consume(claims.id)
                FuzzSink.consume(claims.nonce)
                if let expires = claims.expires { OutputExercise.timestamp(expires) }
            case .failure(let failure):
                FuzzSink.consume(String(describing: failure))
            }
        }
        let fields = String(decoding: bytes, as: UTF8.self).split(separator: ".", omittingEmptySubsequences: false)
        guard fields.count == 3, let id = Int64(fields[0]), let seconds = Int64(fields[2]), !fields[1].isEmpty,
            fields[1].utf8.allSatisfy({
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A)
            })
        else { return }
        let nonce = String(fields[1])
        let expires = seconds == 0 ? nil : Timestamp(seconds: seconds)
        let token = tokens.make(.confirm, id: id, nonce: nonce, expires: expires)
        let verified = tokens.verify(token, purpose: .confirm, now: now)
        switch verified {
        case .success(let claims):
            FuzzInvariant.require(
                (expires.map { now <= $0 } ?? true) && claims.purpose == .confirm && claims.id == id
                    && claims.nonce == nonce && claims.expires == expires,
                "token \(token) verifies as \(claims)")
        case .failure(let failure):
            FuzzInvariant.require(
                expires.map { now > $0 && failure == .expired($0) } ?? false, "token \(token) is refused: \(failure)")
        }
        let other = tokens.verify(token, purpose: .unsubscribe, now: now)
        FuzzInvariant.require(other == .failure(.invalid), "confirm token \(token) passes as an unsubscribe token")
    }

    /// An accepted address is safe in a mail header and stable under its own normalisation.
    static func emailAddresses(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let address = EmailAddress(text) else { return }
        let value = address.value
        FuzzSink.consume(address.description)
        FuzzSink.consume(address.capKey)
        // What EmailAddress promises, checked on scalars: a Character check misses a separator
        // that a combining mark is attached to.
        let separators: Set<Unicode.Scalar> = [" ", "\t", ",", ";", "<", ">", "(", ")", "\"", "\\", "[", "]", ":"]
        FuzzInvariant.require(
            !value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || separators.contains($0) }
                && value.unicodeScalars.filter({ $0 == "@" }).count == 1 && !value.contains(where: \.isNewline),
            "accepted address \(value.debugDescription) is not safe in a mail header")
        let again = EmailAddress(value)
        FuzzInvariant.require(
            again?.value == value,
            "\(value.debugDescription) normalises to \(String(describing: again?.value.debugDescription))")
    }

    static let resolver: ClientAddressResolver? = try? ClientAddressResolver(
        trustedProxies: ["127.0.0.1", "::1", "10.0.0.0/8", "2001:db8::/32"])

    /// The first line as the connection's address, the others as `X-Forwarded-For` values;
    /// every line also as an address and as a range. A parsed address survives its own spelling.
    static func clientAddresses(_ bytes: [UInt8]) {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            if let address = IPAddress(line) {
                let spelling = address.description
                FuzzSink.consume(spelling)
                FuzzSink.consume(address.isIPv4)
                FuzzInvariant.require(
                    IPAddress(spelling) == address,
                    "\(line.debugDescription) spells as \(spelling), which reads differently")
            }
            if let range = AddressRange(String(line)), let loopback = IPAddress("127.0.0.1") {
                FuzzSink.consume(range.contains(loopback))
            }
        }
        guard let resolver, let first = lines.first else { return }
        FuzzSink.consume(
            resolver.clientAddress(connection: String(first), forwardedFor: lines.dropFirst().map(String.init)))
    }
}
