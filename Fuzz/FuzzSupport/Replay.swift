import Foundation

/// Runs a fuzz target once per file (files of a folder included): the regression replay of a
/// corpus, or of a crash libFuzzer saved.
public func replay(_ paths: some Sequence<String>, through target: (UnsafePointer<UInt8>, Int) -> CInt) throws {
    var files: [String] = []
    for path in paths {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
        if isFolder.boolValue {
            files += try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { path + "/" + $0 }
        } else {
            files.append(path)
        }
    }
    for file in files {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        _ = bytes.withUnsafeBufferPointer { target($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
    }
    print("replayed \(files.count) input(s)")
}

#if FUZZING
    @_silgen_name("LLVMFuzzerRunDriver")
    private func llvmFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    /// Hands the command line to libFuzzer, which calls `target` with each input it makes up.
    public func runFuzzer(_ target: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> Int32 {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        return llvmFuzzerRunDriver(&argc, &argv, target)
    }
#endif
