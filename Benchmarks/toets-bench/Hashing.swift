import ArgumentParser
import Foundation
import ToetsModel
import ToetsStore

/// SHA-256 of a large file: the store's streaming hash against `openssl dgst -sha256`.
struct Hashing: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Hash a large file with the store's streaming SHA-256 and with openssl, and compare.")

    @Option(help: "File size in MiB.")
    var mib = 1024

    @Option(help: "Repetitions; the median is reported (the file is in the page cache after the first read).")
    var repetitions = 3

    func run() throws {
        let path = FileManager.default.temporaryDirectory.path + "/toets-bench-hash-\(getpid()).bin"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeFile(path, bytes: mib << 20)
        // Warm the page cache so both sides read from memory.
        _ = try FileSystem.digest(ofFile: path)

        var toetsDigest = ""
        let toetsSeconds = try medianSeconds(repetitions) {
            toetsDigest = try FileSystem.digest(ofFile: path).digest.hex
        }
        var opensslOutput = ""
        let opensslSeconds = try medianSeconds(repetitions) {
            opensslOutput = try runProgram(["openssl", "dgst", "-sha256", path], in: ".")
        }
        guard opensslOutput.contains(toetsDigest) else {
            throw BenchError("digests differ: Toets \(toetsDigest), openssl \(opensslOutput)")
        }
        let gigabytes = Double(mib << 20) / 1e9
        let ratio = opensslSeconds / toetsSeconds
        print("SHA-256 of a \(mib) MiB file (page cache), median of \(repetitions)")
        line("  Toets store (swift-crypto, 1 MiB reads)", String(format: "%.3f s  %.2f GB/s", toetsSeconds, gigabytes / toetsSeconds))
        line("  openssl dgst -sha256", String(format: "%.3f s  %.2f GB/s", opensslSeconds, gigabytes / opensslSeconds))
        line("  Toets throughput / openssl (goal ≥ 0.90)", String(format: "%.2f %@", ratio, ratio >= 0.9 ? "met" : "NOT MET"))
        if ratio < 0.9 { throw ExitCode(1) }
    }

    private func writeFile(_ path: String, bytes: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw BenchError("cannot create \(path)") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var generator = SeededRandom(seed: 7)
        let chunk = 1 << 20
        var data = Data(count: chunk)
        for _ in 0..<(bytes / chunk) {
            data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
                let words = raw.bindMemory(to: UInt64.self)
                for index in words.indices { words[index] = generator.next() }
            }
            handle.write(data)
        }
    }
}
