import Foundation
import RelanceTestSupport

/// Runs `/usr/bin/curl ARGUMENTS…` and waits for it.
func curl(_ arguments: [String]) throws -> Sandbox.Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = arguments
    return try process.runCollectingOutput()
}
