import ArgumentParser
import Foundation
import ToetsIngest
import ToetsModel

/// Peak memory of ingest on archives that are large in different ways, each ingested in a
/// child process of its own (this program again, with `--probe`), which reports its own high-
/// water mark (VmHWM: a spawned child's rusage would count its parent's memory from before
/// exec). The baseline, in the same way: the archive read through `ArchiveReader` alone, every
/// entry decompressed and checked but no record parsed or kept.
struct IngestMemory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest-memory",
        abstract: "Peak memory (RSS) of ingest on many tiny entries, a large .xz and many posts; goal ≤ 512 MiB.")

    @Option(help: "Entries of one post each in the tiny-entries archive.")
    var entries = 1_000_000

    @Option(help: "GiB of twarc2 records in the .xz archive.")
    var xzGib = 4.0

    @Option(help: "Posts in the twarc2 .tar.gz (the `ingest` benchmark's archive).")
    var posts = 1_000_000

    @Option(help: "Where to keep the generated archives between runs.")
    var cache = ".build-bench"

    @Option(help: ArgumentHelp("Ingest this archive and report (used by the benchmark itself).", visibility: .hidden))
    var probe: String?

    @Option(help: ArgumentHelp("Only read this archive and report (used by the benchmark itself).", visibility: .hidden))
    var probeRead: String?

    static let goalMiB = 512

    func run() throws {
        if let probe { return try Self.ingest(probe, scratch: cache) }
        if let probeRead { return try Self.read(probeRead) }
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        let tiny = cache + "/tiny-\(entries).tar.gz"
        if !FileManager.default.fileExists(atPath: tiny) {
            print("generating \(tiny) …")
            try Self.writeTinyEntries(entries, to: tiny)
        }
        let xz = cache + "/twarc2-\(xzGib)GiB.jsonl.xz"
        if !FileManager.default.fileExists(atPath: xz) {
            print("generating \(xz) (xz -T2 -3) …")
            try Self.writeXZ(bytes: Int64(xzGib * Double(1 << 30)), to: xz)
        }
        let many = cache + "/twarc2-\(posts).tar.gz"
        if !FileManager.default.fileExists(atPath: many) {
            print("generating \(many) …")
            try Twarc2Generator(posts: posts).write(to: many, format: .tarGzip)
        }
        print("ingest peak memory (VmHWM of a child process per archive; goal ≤ \(Self.goalMiB) MiB whatever the archive)")
        var worst = 0
        for (label, path) in [
            ("\(entries) tiny entries, a post each (.tar.gz)", tiny),
            ("\(xzGib) GiB of twarc2 records (.jsonl.xz)", xz),
            ("\(posts) twarc2 posts in 10 entries (.tar.gz)", many),
        ] {
            let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) >> 20
            let baseline = try peak([CommandLine.arguments[0], "ingest-memory", "--probe-read", path])
            let ingest = try peak([CommandLine.arguments[0], "ingest-memory", "--probe", path, "--cache", cache])
            worst = max(worst, ingest.kib >> 10)
            print("\(label), \(size) MiB")
            line("  Toets ingest (read, parse, sort, write)", "\(ingest.kib >> 10) MiB peak, \(String(format: "%.1f s", ingest.seconds)): "
                 + ingest.output)
            line("  reading alone (ArchiveReader)", "\(baseline.kib >> 10) MiB peak, \(String(format: "%.1f s", baseline.seconds)): "
                 + baseline.output)
        }
        line("worst peak / goal", "\(worst) MiB / \(Self.goalMiB) MiB: " + (worst <= Self.goalMiB ? "met" : "NOT MET"))
        if worst > Self.goalMiB { throw ExitCode(1) }
    }

    /// The child's part: ingest one archive, make the posts artefact's bytes, print what came out.
    static func ingest(_ path: String, scratch: String) throws {
        var options = IngestOptions()
        options.scratchDirectory = scratch
        let name = URL(fileURLWithPath: path).lastPathComponent
        let result = try IngestEngine(options: options).run([(name, path)])
        // Every byte of the posts artefact, made and counted, not written (a path such as
        // /dev/null must never be given to a writer that replaces the file it writes).
        var written = 0
        try result.forEachChunk { written += $0.count }
        print("\(result.count) posts (\(written >> 20) MiB), \(result.report.entriesRead) entries, "
              + "\(result.report.decompressedBytes >> 20) MiB decompressed")
        print("peak-kib \(highWaterMarkKiB())")
    }

    /// The baseline's part: read every entry of one archive, keeping nothing.
    static func read(_ path: String) throws {
        let reader = try ArchiveReader(path: path, archiveName: URL(fileURLWithPath: path).lastPathComponent,
                                       limits: IngestLimits(), budget: IngestBudget())
        var entries = 0
        var bytes = 0
        while try reader.nextEntry() != nil {
            entries += 1
            try reader.readData { bytes += $0.count }
        }
        print("\(entries) entries, \(bytes >> 20) MiB of entry data")
        print("peak-kib \(highWaterMarkKiB())")
    }

    /// This process's peak resident memory (VmHWM), in KiB.
    static func highWaterMarkKiB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// A child's peak (as it reports it), wall time and its other output.
    func peak(_ arguments: [String]) throws -> (kib: Int, seconds: Double, output: String) {
        let start = ContinuousClock.now
        let text = try runProgram(arguments, in: ".")
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        let lines = text.split(separator: "\n")
        guard let last = lines.last(where: { $0.hasPrefix("peak-kib ") }), let kib = Int(last.dropFirst(9)) else {
            throw BenchError("`\(arguments.joined(separator: " "))` did not report its peak: \(text)")
        }
        return (kib, seconds, lines.filter { !$0.hasPrefix("peak-kib ") }.joined(separator: "; "))
    }

    /// A .tar.gz of `count` entries, each one flattened twarc2 tweet.
    static func writeTinyEntries(_ count: Int, to path: String) throws {
        let writer = try ArchiveWriter(path: path, format: .tarGzip)
        for index in 0..<count {
            let line = #"{"id":"\#(1_800_000_000_000_000_000 + UInt64(index))","author_id":"\#(index % 40_000)","created_at":"2026-03-0\#(1 + index % 9)T12:00:00.000Z","text":"kort \#(index)"}"#
            try writer.add(String(format: "tiny/%07d.jsonl", index), .file(Array(line.utf8) + [0x0A]))
        }
        try writer.finish()
    }

    /// About `bytes` of twarc2 API pages, compressed by xz(1) on two threads.
    static func writeXZ(bytes: Int64, to path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sh", "-c", "xz -T2 -3 -c > '\(path).part' && mv '\(path).part' '\(path)'"]
        let pipe = Pipe()
        process.standardInput = pipe
        try process.run()
        var written: Int64 = 0
        var page = 0
        var random = SeededRandom(seed: 2026)
        let generator = Twarc2Generator(posts: 0)
        while written < bytes {
            var chunk: [UInt8] = []
            for _ in 0..<100 {
                chunk += generator.page(size: 100, first: page * 100, random: &random) + [0x0A]
                page += 1
            }
            try pipe.fileHandleForWriting.write(contentsOf: chunk)
            written += Int64(chunk.count)
        }
        try pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("xz failed") }
    }
}
