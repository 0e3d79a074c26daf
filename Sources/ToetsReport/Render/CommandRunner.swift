import Foundation

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

/// Runs programs with Foundation's `Process`. Input and outputs go through files in a private
/// temporary folder rather than pipes, so a large PDF can never fill a pipe and deadlock.
package struct ProcessCommandRunner: CommandRunning {
    /// The search path; the process's own PATH by default.
    package var path: String

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
        let inputURL = folder.appendingPathComponent("stdin"), outputURL = folder.appendingPathComponent("stdout"),
            errorURL = folder.appendingPathComponent("stderr")
        guard files.createFile(atPath: inputURL.path, contents: Data(input)),
              files.createFile(atPath: outputURL.path, contents: nil),
              files.createFile(atPath: errorURL.path, contents: nil) else {
            throw .cannotWrite(path: folder.path, detail: "cannot create the files for \(executable)'s input and output")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        process.currentDirectoryURL = folder
        do {
            process.standardInput = try FileHandle(forReadingFrom: inputURL)
            process.standardOutput = try FileHandle(forWritingTo: outputURL)
            process.standardError = try FileHandle(forWritingTo: errorURL)
            try process.run()
        } catch {
            throw .programFailed(program: executable, status: -1, detail: "cannot start: \(error)")
        }
        process.waitUntilExit()
        let output = (try? Data(contentsOf: outputURL)).map { [UInt8]($0) } ?? []
        let errors = (try? Data(contentsOf: errorURL)).map { [UInt8]($0) } ?? []
        return CommandOutput(status: process.terminationStatus, standardOutput: output, standardError: errors)
    }
}
