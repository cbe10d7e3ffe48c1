import Hummingbird
import IntakeRules
import Model
import Notify
import Store

/// "Notify me": `POST /subscriptions` (202 and a confirmation mail), and the links from mail.
///
/// A link from mail only shows a page (`GET /subscriptions/confirm?token=…`,
/// `GET /subscriptions/unsubscribe?token=…`) whose button POSTs the token; only the POST
/// changes anything, so mail scanners that open every link confirm and unsubscribe nobody.
/// `POST /subscriptions/unsubscribe?token=…` with `List-Unsubscribe=One-Click` is RFC 8058's
/// one-click unsubscribe.
struct SubscriptionEndpoints: Sendable {
    let gate: RequestGate
    let services: [String: Service]
    let database: DowntrackDatabase
    let tokens: SubscriptionTokens
    let composer: NoticeComposer
    let signUpLimiter: KeyedRateLimiter
    let mailer: ConfirmationMailer

    func signUp(_ request: Request, _ context: IntakeRequestContext) async -> Response {
        let failure = { (error: any Error) -> IntakeReply in
            context.logger.error("intake: cannot store a sign-up: \(error)")
            return .error(
                .serviceUnavailable, "the sign-up could not be stored; please try again later", retryAfter: 30)
        }
        return await gate.answer(request, context, failure: failure) { pass in
            let fields = try await gate.fields(of: request, &pass)
            let slug = try fields.required("service")
            guard let service = services[slug] else {
                throw IntakeReply.error(
                    .badRequest, "unknown service \(OutsideText.quoted(slug, or: "(not a service name)"))")
            }
            let text = try fields.required("email")
            guard let email = EmailAddress(text) else {
                throw IntakeReply.error(.badRequest, "that is not an email address we can send to (name@example.org)")
            }
            if let wait = signUpLimiter.take(pass.clientKey, now: gate.clock.seconds()) {
                let retry = IntakeReply.seconds(wait)
                throw IntakeReply.error(
                    .tooManyRequests,
                    "too many sign-ups from your network; please try again in \((retry + 59) / 60) minutes",
                    retryAfter: retry)
            }
            let settings = gate.settings
            let composer = composer
            let now = pass.now
            let outcome = try await database.signUp(
                email: email.value, slug: slug, at: now, nonce: randomHex(bytes: 8), limits: settings.addressLimits
            ) { record in
                composer.confirmation(
                    record, serviceName: service.name, at: now, lifetime: settings.confirmationLifetime)
            }
            switch outcome {
            case .confirmationQueued: mailer.poke()
            case .alreadyConfirmed, .confirmationRecentlySent: break
            case .addressLimited(let retryAfter):
                throw IntakeReply.error(
                    .tooManyRequests,
                    "this address got several confirmation mails today; please use one of those, "
                        + "or try again in \((retryAfter + 3599) / 3600) hours", retryAfter: retryAfter)
            case .tooManySubscriptions:
                throw IntakeReply.error(
                    .conflict, "this address already follows the most services allowed; unsubscribe from some first")
            case .siteLimited(let retryAfter):
                throw IntakeReply.error(
                    .serviceUnavailable,
                    "we sent as much confirmation mail as we may this hour; please try again in "
                        + "\((retryAfter + 59) / 60) minutes", retryAfter: retryAfter)
            }
            var reply = IntakeReply(
                status: .accepted,
                message:
                    "Check your inbox: we sent a link to confirm that \(email.value) should hear about \(service.name).",
                json: ["accepted": true, "message": "Check your inbox to confirm."])
            reply.link = (text: "Back to \(service.name)", url: gate.backLink(request, slug: slug))
            return reply
        }
    }

    /// `GET /subscriptions/confirm?token=…`: a page with a "Confirm" button; changes nothing.
    func confirmPage(_ request: Request, _ context: IntakeRequestContext) async -> Response {
        await linkFromMail(request, context, purpose: .confirm, readsBody: false) { claims, _ in
            guard let record = try current(claims) else { throw Self.noLongerExists }
            let name = services[record.slug]?.name ?? record.slug
            if record.status == .confirmed {
                return confirmedReply(record, name: name)
            }
            var reply = IntakeReply(
                status: .ok,
                message:
                    "Press the button to confirm that \(record.email) should get mail when \(name) has problems or is back.",
                json: ["confirmed": false, "action": "POST the token to this address to confirm"])
            reply.heading = "Confirm your sign-up"
            reply.form = (
                action: gate.settings.pathPrefix + "/subscriptions/confirm", token: claims.token, button: "Confirm"
            )
            return reply
        }
    }

    /// `POST /subscriptions/confirm` with the token (in the form or the query): confirms.
    func confirm(_ request: Request, _ context: IntakeRequestContext) async -> Response {
        await linkFromMail(request, context, purpose: .confirm, readsBody: true) { claims, now in
            switch try await database.confirmSubscription(id: claims.claims.id, nonce: claims.claims.nonce, at: now) {
            case .confirmed(let record), .alreadyConfirmed(let record):
                return confirmedReply(record, name: services[record.slug]?.name ?? record.slug)
            case .notFound:
                throw Self.noLongerExists
            }
        }
    }

    /// `GET /subscriptions/unsubscribe?token=…`: a page with an "Unsubscribe" button; changes nothing.
    func unsubscribePage(_ request: Request, _ context: IntakeRequestContext) async -> Response {
        await linkFromMail(request, context, purpose: .unsubscribe, readsBody: false) { claims, _ in
            guard let record = try current(claims) else { return Self.alreadyUnsubscribed }
            let name = services[record.slug]?.name ?? record.slug
            var reply = IntakeReply(
                status: .ok,
                message: "Press the button to stop mail about \(name) to \(record.email); the address is then deleted.",
                json: ["unsubscribed": false, "action": "POST the token to this address to unsubscribe"])
            reply.heading = "Unsubscribe"
            reply.form = (
                action: gate.settings.pathPrefix + "/subscriptions/unsubscribe", token: claims.token,
                button: "Unsubscribe"
            )
            return reply
        }
    }

    /// `POST /subscriptions/unsubscribe` with the token (in the form or the query; RFC 8058
    /// one-click sends `List-Unsubscribe=One-Click` to the link itself): unsubscribes.
    func unsubscribe(_ request: Request, _ context: IntakeRequestContext) async -> Response {
        await linkFromMail(request, context, purpose: .unsubscribe, readsBody: true) { claims, _ in
            if let record = try await database.unsubscribe(id: claims.claims.id, nonce: claims.claims.nonce) {
                let name = services[record.slug]?.name ?? record.slug
                return IntakeReply(
                    status: .ok, message: "Unsubscribed: no more mail about \(name), and your address was deleted.",
                    json: ["unsubscribed": true, "service": record.slug])
            }
            return Self.alreadyUnsubscribed
        }
    }

    private func confirmedReply(_ record: SubscriptionRecord, name: String) -> IntakeReply {
        var reply = IntakeReply(
            status: .ok, message: "Confirmed: we will email \(record.email) when \(name) has problems or is back.",
            json: ["confirmed": true, "service": record.slug])
        reply.link = (text: "Back to \(name)", url: gate.settings.links.servicePage(record.slug))
        return reply
    }

    /// The sign-up a valid token names, if it still exists with that token's nonce.
    private func current(_ claims: VerifiedToken) throws -> SubscriptionRecord? {
        guard let record = try database.subscription(id: claims.claims.id), record.nonce == claims.claims.nonce else {
            return nil
        }
        return record
    }

    private static let noLongerExists = IntakeReply.error(
        .notFound,
        "this sign-up no longer exists (it was unsubscribed, or not confirmed in time); sign up again on the service page"
    )
    private static let alreadyUnsubscribed = IntakeReply(
        status: .ok, message: "Already unsubscribed: nothing is stored for this link.", json: ["unsubscribed": true])

    /// A token that verified, with its text (for the page's form).
    struct VerifiedToken {
        var token: String
        var claims: SubscriptionTokens.Claims
    }

    /// The shared part of the mail links: gate, token (from the form when `readsBody`, else the
    /// query) checked (400 tampered, 410 expired), then `action`.
    private func linkFromMail(
        _ request: Request, _ context: IntakeRequestContext, purpose: SubscriptionTokens.Purpose, readsBody: Bool,
        action: (VerifiedToken, Timestamp) async throws -> IntakeReply
    ) async -> Response {
        let what = purpose == .confirm ? "confirmation" : "unsubscribe"
        let failure = { (error: any Error) -> IntakeReply in
            context.logger.error("intake: cannot update a sign-up: \(error)")
            return .error(.serviceUnavailable, "this could not be saved; please try again later", retryAfter: 30)
        }
        return await gate.answer(request, context, failure: failure) { pass in
            var token = request.uri.queryParameters["token"].map(String.init)
            if readsBody, let posted = try await gate.fields(of: request, &pass).values["token"], !posted.isEmpty {
                token = posted
            }
            guard let token, !token.isEmpty else {
                throw IntakeReply.error(
                    .badRequest, "this \(what) link has no token; copy the whole link from the mail")
            }
            switch tokens.verify(token, purpose: purpose, now: pass.now) {
            case .failure(.invalid):
                throw IntakeReply.error(
                    .badRequest,
                    "this \(what) link is not valid (cut off or changed); copy the whole link from the mail")
            case .failure(.expired(let at)):
                throw IntakeReply.error(
                    .gone, "this \(what) link expired at \(at.iso8601); sign up again on the service page for a new one"
                )
            case .success(let claims):
                return try await action(VerifiedToken(token: token, claims: claims), pass.now)
            }
        }
    }
}
