import Hummingbird
import Model
import Store

/// "Notify me": `POST /subscriptions` (202 and a confirmation mail), and the links from mail,
/// `GET /subscriptions/confirm?token=…` and `GET|POST /subscriptions/unsubscribe?token=…`.
struct SubscriptionEndpoints: Sendable {
    let gate: RequestGate
    let services: [String: Service]
    let database: DowntrackDatabase
    let tokens: SubscriptionTokens
    let composer: NoticeComposer
    let signUpLimiter: KeyedRateLimiter
    let mailer: ConfirmationMailer

    func signUp(_ request: Request, _ context: IntakeRequestContext) async -> Response {
        var pass: RequestGate.Pass
        switch gate.admit(request, context) {
        case .refused(let response): return response
        case .pass(let admitted): pass = admitted
        }
        do {
            let fields = try await PostedFields.read(request, limit: gate.settings.maximumBodyBytes)
            pass.wantsJSON = pass.wantsJSON || fields.isJSON
            let slug = try fields.required("service")
            guard let service = services[slug] else { throw IntakeReply.error(.badRequest, "unknown service '\(slug)'") }
            let text = try fields.required("email")
            guard let email = EmailAddress(text) else {
                throw IntakeReply.error(.badRequest, "'\(text.prefix(80))' is not an email address")
            }
            if let wait = signUpLimiter.take(pass.clientKey, now: gate.clock.seconds()) {
                let retry = IntakeReply.seconds(wait)
                throw IntakeReply.error(
                    .tooManyRequests, "too many sign-ups from your network; please try again in \((retry + 59) / 60) minutes",
                    retryAfter: retry)
            }
            let settings = gate.settings
            let composer = composer, now = pass.now
            let outcome = try await database.signUp(
                email: email.value, slug: slug, at: now, nonce: randomHex(bytes: 8), limits: settings.addressLimits
            ) { record in
                composer.confirmation(record, serviceName: service.name, at: now, lifetime: settings.confirmationLifetime)
            }
            switch outcome {
            case .confirmationQueued: mailer.poke()
            case .alreadyConfirmed, .confirmationRecentlySent: break
            case .addressLimited(let retryAfter):
                throw IntakeReply.error(
                    .tooManyRequests, "this address got several confirmation mails today; please use one of those, "
                        + "or try again in \((retryAfter + 3599) / 3600) hours", retryAfter: retryAfter)
            case .tooManySubscriptions:
                throw IntakeReply.error(.conflict, "this address already follows the most services allowed; unsubscribe from some first")
            }
            var reply = IntakeReply(
                status: .accepted,
                message: "Check your inbox: we sent a link to confirm that \(email.value) should hear about \(service.name).",
                json: ["accepted": true, "message": "Check your inbox to confirm."])
            reply.link = (text: "Back to \(service.name)", url: gate.backLink(request, slug: slug))
            return gate.respond(reply, pass)
        } catch let reply as IntakeReply {
            return gate.respond(reply, pass)
        } catch {
            context.logger.error("intake: cannot store a sign-up: \(error)")
            return gate.respond(.error(.serviceUnavailable, "the sign-up could not be stored; please try again later", retryAfter: 30), pass)
        }
    }

    func confirm(_ request: Request, _ context: IntakeRequestContext) async -> Response {
        await linkFromMail(request, context, purpose: .confirm) { claims, now in
            switch try await database.confirmSubscription(id: claims.id, nonce: claims.nonce, at: now) {
            case .confirmed(let record), .alreadyConfirmed(let record):
                let name = services[record.slug]?.name ?? record.slug
                var reply = IntakeReply(
                    status: .ok, message: "Confirmed: we will email \(record.email) when \(name) has problems or is back.",
                    json: ["confirmed": true, "service": record.slug])
                reply.link = (text: "Back to \(name)", url: gate.settings.links.servicePage(record.slug))
                return reply
            case .notFound:
                throw IntakeReply.error(
                    .notFound, "this sign-up no longer exists (it was unsubscribed, or not confirmed in time); sign up again on the service page")
            }
        }
    }

    func unsubscribe(_ request: Request, _ context: IntakeRequestContext) async -> Response {
        await linkFromMail(request, context, purpose: .unsubscribe) { claims, _ in
            if let record = try await database.unsubscribe(id: claims.id, nonce: claims.nonce) {
                let name = services[record.slug]?.name ?? record.slug
                return IntakeReply(
                    status: .ok, message: "Unsubscribed: no more mail about \(name), and your address was deleted.",
                    json: ["unsubscribed": true, "service": record.slug])
            }
            return IntakeReply(
                status: .ok, message: "Already unsubscribed: nothing is stored for this link.", json: ["unsubscribed": true])
        }
    }

    /// The shared part of the two mail links: gate, token check (400 tampered, 410 expired), action.
    private func linkFromMail(
        _ request: Request, _ context: IntakeRequestContext, purpose: SubscriptionTokens.Purpose,
        action: (SubscriptionTokens.Claims, Timestamp) async throws -> IntakeReply
    ) async -> Response {
        let pass: RequestGate.Pass
        switch gate.admit(request, context) {
        case .refused(let response): return response
        case .pass(let admitted): pass = admitted
        }
        let what = purpose == .confirm ? "confirmation" : "unsubscribe"
        do {
            guard let token = request.uri.queryParameters["token"].map(String.init), !token.isEmpty else {
                throw IntakeReply.error(.badRequest, "this \(what) link has no token; copy the whole link from the mail")
            }
            switch tokens.verify(token, purpose: purpose, now: pass.now) {
            case .failure(.invalid):
                throw IntakeReply.error(.badRequest, "this \(what) link is not valid (cut off or changed); copy the whole link from the mail")
            case .failure(.expired(let at)):
                throw IntakeReply.error(.gone, "this \(what) link expired at \(at.iso8601); sign up again on the service page for a new one")
            case .success(let claims):
                return gate.respond(try await action(claims, pass.now), pass)
            }
        } catch let reply as IntakeReply {
            return gate.respond(reply, pass)
        } catch {
            context.logger.error("intake: cannot update a sign-up: \(error)")
            return gate.respond(.error(.serviceUnavailable, "this could not be saved; please try again later", retryAfter: 30), pass)
        }
    }
}
