public import Hummingbird
public import Logging
public import RelanceConfig
import RelanceCore
public import RelanceEngine

/// The advisors' desk (SPEC 14): French pages under `/desk/`, mounted on the HTTP interface's
/// router. Sessions, CSRF and the proxy's identity are checked by ``DeskGate``; who may see and
/// change which case by ``CasePolicy`` (through ``DeskCases``); every read and change lands in
/// the audit trail.
public enum Desk {
    /// Adds the desk's routes to `router`.
    ///
    /// - Throws: ``RelanceError`` (`configuration`) when the proxy secret cannot be read, or
    ///   (`runtime`) when the templates are missing.
    public static func mount<Context: DeskRequestContext>(
        on router: Router<Context>, relance: Relance, settings: DeskSettings, proxies: TrustedProxies,
        logger: Logger
    ) throws {
        let pages = try DeskPages()
        let gate = DeskGate(
            access: DeskAccess(relance: relance, settings: settings), settings: settings,
            proxies: proxies, proxySecret: try settings.proxySecret?.read(for: "desk.proxy_secret"),
            pages: pages)
        let cases = DeskCases(relance: relance)
        router.get("/desk/static/desk.css") { _, _ in pages.css }
        SignInController<Context>(gate: gate, throttle: SignInThrottle(), logger: logger).register(on: router)
        ListController<Context>(gate: gate, cases: cases).register(on: router)
        CaseController<Context>(gate: gate, cases: cases).register(on: router)
    }
}
