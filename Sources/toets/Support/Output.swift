import ArgumentParser
import Foundation
import ToetsProvenance
import ToetsRunner
import ToetsStore

/// A failure the command line reports as a message and an exit code.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var code: Int32
    var description: String { message }
}

/// Exit codes: 0 success, 1 a stage or a check failed, 2 a mistake in the input (pipeline,
/// options), 3 the workspace is busy, 4 the workspace could not be read or written, 130 Ctrl-C.
enum ExitCodes {
    static let failed: Int32 = 1
    static let badInput: Int32 = 2
    static let busy: Int32 = 3
    static let storage: Int32 = 4
    static let interrupted: Int32 = 130
}

/// Runs a command body, turning Toets's errors into a message on standard error and an exit code;
/// `asEvents` also writes it as an `error` event on standard output (`toets run --json`).
func reportingErrors(asEvents: Bool = false, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch {
        let (message, code) = describe(error)
        writeError("toets: " + message)
        if asEvents { writeOut(RunEvent.failure(message, exitCode: code).line) }
        throw ExitCode(code)
    }
}

private func describe(_ error: any Error) -> (String, Int32) {
    switch error {
    case let error as CommandFailure: (error.message, error.code)
    case is CancellationError: ("stopped (Ctrl-C) before the run started; nothing was changed", ExitCodes.interrupted)
    case let error as PipelineError: (error.description, ExitCodes.badInput)
    case let error as PipelineErrors:
        ("the pipeline has \(error.errors.count) problem\(error.errors.count == 1 ? "" : "s"):\n" + error.description,
         ExitCodes.badInput)
    case let error as ProvenanceError:
        switch error {
        case .log: (error.description, ExitCodes.storage)
        case .export: (error.description, ExitCodes.failed)
        default: (error.description, ExitCodes.badInput)
        }
    case let error as StoreError:
        if case .locked = error { (error.description, ExitCodes.busy) } else {
            (error.description + (advice(for: error).map { "\n" + $0 } ?? ""), ExitCodes.storage)
        }
    default: ("\(error)", ExitCodes.failed)
    }
}

/// What the person should do about a workspace error, where there is something to do.
func advice(for error: StoreError) -> String? {
    switch error {
    case .indexLost, .indexDamaged:
        "Nothing in the store or the provenance log was changed. Rebuild the index from the signed provenance log and "
            + "the stored objects with `toets verify --rebuild-index` (the old index is kept beside the new one)."
    case .readOnly:
        "This command writes to the workspace. On a copy no one may write to, use the commands that only read: "
            + "verify (without --repair), status, explain, outputs, export, audit."
    case .diskFull:
        "Free space there (`toets gc --keep-runs N` deletes the objects of older runs) and run again: what is "
            + "already stored is reused."
    default:
        nil
    }
}

func writeError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// Pretty, key-sorted JSON on standard output.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    writeOut(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// "1.23 s", "2 min 3 s".
func formatSeconds(_ seconds: Double) -> String {
    if seconds < 60 { return String(format: "%.2f s", seconds) }
    return "\(Int(seconds) / 60) min \(Int(seconds) % 60) s"
}

/// "12.3 MiB".
func formatBytes(_ bytes: Int) -> String {
    ByteCount(Int64(bytes)).description
}

/// "1 run", "3 runs".
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

/// Pads `text` to `width` characters.
func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
