import Foundation
public import RelanceEngine

/// How many requests this process answered, by method, route template (never the raw path: no
/// ids in labels) and status, for `relance_http_requests_total`.
public final class HTTPRequestCounts: @unchecked Sendable {
    // @unchecked: `counts` is only touched with `lock` held.
    private struct Key: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    /// The route label of a request that matched no route.
    static let unmatchedRoute = "unmatched"

    private let lock = NSLock()
    private var counts: [Key: Int] = [:]

    public init() {}

    func count(method: String, route: String?, status: Int) {
        let key = Key(method: method, route: route ?? Self.unmatchedRoute, status: status)
        lock.withLock { counts[key, default: 0] += 1 }
    }

    /// Adds the `relance_http_requests_total` family to the metrics text.
    public func add(to text: inout PrometheusText) {
        let samples = lock.withLock { counts }.sorted {
            ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status)
        }
        text.add(
            "relance_http_requests_total", "counter",
            help: "HTTP requests answered by this process, by method, route template and status.",
            samples: samples.map {
                (
                    [("method", $0.key.method), ("route", $0.key.route), ("status", String($0.key.status))],
                    Double($0.value)
                )
            })
    }
}
