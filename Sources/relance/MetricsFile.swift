import Foundation
import RelanceCore

/// Writes a metrics file for node_exporter's textfile collector: to a temporary name in the
/// same folder, then renamed, so the collector never reads half a file.
enum MetricsFile {
    static func write(_ text: String, to path: String) throws {
        let temporary = path + ".tmp"
        guard
            FileManager.default.createFile(
                atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o644]),
            rename(temporary, path) == 0
        else {
            unlink(temporary)
            throw RelanceError(.io, "\(path): cannot write the metrics file: \(String(cString: strerror(errno)))")
        }
    }
}
