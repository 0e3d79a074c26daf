import Foundation
import ToetsProcess

/// Runs an external program to completion: bytes in on standard input, bytes out. A narrow
/// protocol so that rendering can be tested with a fake and without the program installed.
package protocol CommandRunning: Sendable {
    /// The absolute path of `program` if it can be run, else nil.
    func locate(_ program: String) -> String?
    /// Runs `executable` with `arguments`, feeding `input` on standard input; `environment` is
    /// added to the process's own.
    func run(_ executable: String, arguments: [String], environment: [String: String],
             input: [UInt8]) throws(ReportError) -> CommandOutput
}

/// What a finished program wrote and how it ended.
package struct CommandOutput: Sendable, Equatable {
    package var status: Int32
    package var standardOutput: [UInt8]
    package var standardError: [UInt8]

    package init(status: Int32, standardOutput: [UInt8], standardError: [UInt8]) {
        self.status = status
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// Runs programs as toets's children: they end when toets ends (also by `kill -9`), and they get
/// a small environment of their own, never toets's (where a pseudonymisation key may be). Input
/// and outputs go through files in a private temporary folder rather than pipes, so a large PDF
/// can never fill a pipe and deadlock.
package struct ProcessCommandRunner: CommandRunning {
    /// The search path; the process's own PATH by default.
    package var path: String
    /// The variables passed on from toets's environment; the rest are left behind.
    package static let passedVariables = ["HOME", "LANG", "LC_ALL", "TZ", "XDG_CACHE_HOME", "FONTCONFIG_PATH"]

    package init(path: String? = nil) {
        self.path = path ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    }

    package func locate(_ program: String) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/" + program
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    package func run(_ executable: String, arguments: [String], environment: [String: String],
                     input: [UInt8]) throws(ReportError) -> CommandOutput {
        let files = FileManager.default
        let folder = files.temporaryDirectory.appendingPathComponent("toets-report-\(UUID().uuidString)")
        do {
            try files.createDirectory(at: folder, withIntermediateDirectories: false,
                                      attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotWrite(path: folder.path, detail: "\(error)")
        }
        defer { try? files.removeItem(at: folder) }
        let inputPath = folder.path + "/stdin", outputPath = folder.path + "/stdout", errorPath = folder.path + "/stderr"
        guard files.createFile(atPath: inputPath, contents: Data(input)) else {
            throw .cannotWrite(path: folder.path, detail: "cannot create the file for \(executable)'s input")
        }
        var own = ["PATH": path]
        let inherited = ProcessInfo.processInfo.environment
        for name in Self.passedVariables {
            if let value = inherited[name] { own[name] = value }
        }
        var request = SpawnRequest(arguments: [executable] + arguments, environment: own.merging(environment) { _, added in added },
                                   workingDirectory: folder.path, standardOutputPath: outputPath, standardErrorPath: errorPath)
        request.standardInputPath = inputPath
        let ending: ChildProcess.Ending
        do {
            ending = try Subprocess.spawn(request).waitBlocking()
        } catch {
            throw .programFailed(program: executable, status: -1, detail: "cannot start: \(error)")
        }
        let output = (try? Data(contentsOf: URL(fileURLWithPath: outputPath))).map { [UInt8]($0) } ?? []
        let errors = (try? Data(contentsOf: URL(fileURLWithPath: errorPath))).map { [UInt8]($0) } ?? []
        let status: Int32 = switch ending {
        case .exited(let code): code
        case .signalled(let signal): 128 + signal
        }
        return CommandOutput(status: status, standardOutput: output, standardError: errors)
    }
}
