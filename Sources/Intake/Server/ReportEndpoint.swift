import Hummingbird
import IntakeRules
import Model
import Store

/// `POST /api/v1/reports`: one "Report a problem" press.
///
/// 202 `{"accepted":true}` once the report is stored; 400 for an unknown service or problem or
/// a bad body; 413 for a body over the limit; 429 with `Retry-After` when the client reported
/// the service within the window or went over a rate limit; 403 for a foreign origin; 503 with
/// `Retry-After` while the server restarts or too many reports already wait for the database.
struct ReportEndpoint: Sendable {
    let gate: RequestGate
    let validator: ReportValidator
    let services: [String: Service]
    let window: ReportWindow
    let writer: ReportWriter

    /// The answer to an error the endpoint does not expect.
    static func unexpected(_ error: any Error) -> IntakeReply { .error(.internalServerError, "unexpected error") }

    func handle(_ request: Request, _ context: IntakeRequestContext) async -> Response {
        await gate.answer(request, context, failure: Self.unexpected) { pass in
            let fields = try await gate.fields(of: request, &pass)
            let slug = try fields.required("service")
            let problem = try fields.required("problem")
            if let reason = validator.problem(service: slug, problem: problem) {
                throw IntakeReply.error(.badRequest, reason)
            }
            let service = services[slug]
            func back() -> (text: String, url: String) {
                (text: "Back to \(service?.name ?? slug)", url: gate.backLink(request, slug: slug))
            }
            if let wait = window.admit(clientKey: pass.clientKey, slug: slug, at: pass.now) {
                let minutes = (wait + 59) / 60
                var reply = IntakeReply.error(
                    .tooManyRequests,
                    "you already reported \(service?.name ?? slug) in the last \(gate.settings.reportWindowSeconds / 60) minutes; "
                        + "you can report it again in \(minutes) minute\(minutes == 1 ? "" : "s")",
                    retryAfter: wait)
                reply.link = back()
                throw reply
            }
            let report = ReportRecord(
                slug: slug, problem: problem, at: pass.now, count: 1, clientKey: pass.clientKey, source: "web",
                country: pass.country)
            do {
                try await writer.submit(report)
            } catch {
                window.release(clientKey: pass.clientKey, slug: slug, at: pass.now)
                if case ReportWriter.WriteError.closed = error {
                    throw IntakeReply.error(
                        .serviceUnavailable, "the server is restarting; please try again in a moment", retryAfter: 5)
                }
                if case ReportWriter.WriteError.overloaded = error {
                    throw IntakeReply.error(
                        .serviceUnavailable, "the server is very busy; please try again in a moment", retryAfter: 5)
                }
                context.logger.error("intake: cannot store a report: \(error)")
                throw IntakeReply.error(
                    .serviceUnavailable, "the report could not be stored; please try again in a moment", retryAfter: 30)
            }
            var reply = IntakeReply.acceptedReport
            // The JSON answer carries neither the message nor the link.
            if pass.wantsJSON { return reply }
            let problemTitle = service?.problem(withID: problem)?.title ?? problem
            reply.message = "Your report of \u{201C}\(problemTitle)\u{201D} with \(service?.name ?? slug) was counted."
            reply.link = back()
            return reply
        }
    }
}
