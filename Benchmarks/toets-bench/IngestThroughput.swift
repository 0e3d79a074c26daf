import ArgumentParser
import Foundation
import ToetsIngest
import ToetsModel

/// Ingest of twarc2 API pages and of a CNT CSV, each from a .tar.gz, against `tar -xzOf` of the
/// same archive (decompression alone), timed in turn (tar, Toets, tar, Toets, …) in one run.
/// Toets's side is what the ingest stage does in process: read the archive, parse, drop copies,
/// sort, write the posts artefact. Wall and CPU seconds (user + system, all threads) are both
/// printed: on a machine shared with other work the CPU seconds are the steadier figure.
struct IngestThroughput: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest twarc2 JSONL and a CNT CSV from a .tar.gz; compare with pure decompression (tar -xzOf).")

    @Option(help: "Posts in each archive.")
    var posts = 1_000_000

    @Option(help: "Formats to time (comma-separated): twarc2, cnt-csv.")
    var formats = "twarc2,cnt-csv"

    @Option(help: "Repetitions of each side, alternating; medians are reported.")
    var repetitions = 3

    @Option(help: "Where to keep the generated archives between runs.")
    var cache = ".build-bench"

    func run() throws {
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        var missed = false
        for format in formats.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            switch format {
            case "twarc2": missed = try bench(format: format, archive: twarc2Archive()) || missed
            case "cnt-csv": missed = try bench(format: format, archive: cntArchive()) || missed
            default: throw BenchError("unknown format \(format): twarc2 or cnt-csv")
            }
        }
        if missed { throw ExitCode(1) }
    }

    /// Ten JSONL files of API pages (and the same as a plain tar, for the one-thread line).
    private func twarc2Archive() throws -> (path: String, plain: String, description: String) {
        let archive = cache + "/twarc2-\(posts).tar.gz"
        let plain = cache + "/twarc2-\(posts).tar"
        for (path, format) in [(archive, ArchiveWriter.Format.tarGzip), (plain, .tar)]
        where !FileManager.default.fileExists(atPath: path) {
            say("generating \(path) …")
            try Twarc2Generator(posts: posts).write(to: path, format: format)
        }
        return (archive, plain, "twarc2 posts (10 JSONL files of API pages)")
    }

    /// `toets-bench cnt`'s synthetic CSV (seed 20260311, 30 days) as the one entry of a .tar.gz.
    private func cntArchive() throws -> (path: String, plain: String, description: String) {
        let archive = cache + "/cnt-\(posts).tar.gz"
        let plain = cache + "/cnt-\(posts).tar"
        if !FileManager.default.fileExists(atPath: archive) || !FileManager.default.fileExists(atPath: plain) {
            let csv = cache + "/cnt-\(posts).csv"
            say("generating \(archive) …")
            try CNTSyntheticInput(messages: posts, seed: 20_260_311, days: 30).write(to: csv)
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: csv)))
            for (path, format) in [(archive, ArchiveWriter.Format.tarGzip), (plain, .tar)] {
                let writer = try ArchiveWriter(path: path, format: format)
                try writer.add("messages.csv", .file(bytes))
                try writer.finish()
            }
            try FileManager.default.removeItem(atPath: csv)
        }
        return (archive, plain, "CNT CSV rows (one entry)")
    }

    private func options(format: String, workers: Int = 2) -> IngestOptions {
        var options = IngestOptions()
        options.workers = workers
        if format == "cnt-csv" {
            options.formats = ["archive": .cnt]
            options.platforms = ["archive": "x"]
        }
        return options
    }

    /// Returns whether a goal was missed.
    private func bench(format: String, archive: (path: String, plain: String, description: String)) throws -> Bool {
        let archiveBytes = (try FileManager.default.attributesOfItem(atPath: archive.path)[.size] as? Int) ?? 0
        var written = 0
        var decompressed: Int64 = 0
        let output = cache + "/posts.ndjson"
        var tar: [(wall: Double, cpu: Double)] = []
        var toets: [(wall: Double, cpu: Double)] = []
        let load = loadAverages()
        for _ in 0..<repetitions {
            let before = CNTCommandLine.childCPUSeconds()
            let wall = try wallSeconds { _ = try runProgram(["sh", "-c", "tar -xzOf '\(archive.path)' > /dev/null"], in: ".") }
            tar.append((wall, CNTCommandLine.childCPUSeconds() - before))
            toets.append(try medianWallAndCPUSeconds(1) {
                let result = try IngestEngine(options: options(format: format)).run([("archive", archive.path)])
                try IngestStage.writePosts(result, to: output)
                written = result.count
                decompressed = result.report.decompressedBytes
            })
        }
        // One parsing thread on the uncompressed tar: the per-core rate of parsing and mapping.
        let single = try medianWallAndCPUSeconds(repetitions) {
            _ = try IngestEngine(options: options(format: format, workers: 1)).run([("archive", archive.plain)])
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let (tarWall, tarCPU) = (median(tar.map(\.wall)), median(tar.map(\.cpu)))
        let (toetsWall, toetsCPU) = (median(toets.map(\.wall)), median(toets.map(\.cpu)))
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let ratio = toetsWall / tarWall
        let rate = Double(written) / toetsWall
        say("\ningest of \(posts) \(archive.description): \(archiveBytes >> 20) MiB .tar.gz, \(decompressed >> 20) MiB "
            + "decompressed; median of \(repetitions), tar and Toets in turn; load before \(load), after \(loadAverages())")
        line("  tar -xzOf (decompression only)", String(format: "%.2f s, %.2f CPU s", tarWall, tarCPU))
        // 400,000 posts/s on the machine's cores needs at least 400,000 / cores per CPU second,
        // whatever else the machine runs: the figure a loaded machine's wall time hides.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let perCPU = Double(written) / toetsCPU
        line("  Toets ingest (read, parse, sort, write)", String(format: "%.2f s, %.2f CPU s: %.0f posts/s (goal ≥ 400,000) %@, "
                                                                   + "%.0f posts per CPU second (≥ %.0f on %d cores) %@",
                                                                   toetsWall, toetsCPU, rate, rate >= 400_000 ? "met" : "NOT MET",
                                                                   perCPU, 400_000 / Double(cores), cores,
                                                                   perCPU >= 400_000 / Double(cores) ? "met" : "NOT MET"))
        line("  one parsing thread, uncompressed tar", String(format: "%.2f s, %.2f CPU s: %.0f posts per CPU second",
                                                          single.wall, single.cpu, Double(posts) / single.cpu))
        line("  peak memory (of this process so far)", "\(usage.ru_maxrss / 1024) MiB")
        line("  Toets / tar (goal ≤ 1.5)", String(format: "%.2f %@ (CPU seconds: %.2f)", ratio, ratio <= 1.5 ? "met" : "NOT MET",
                                                  toetsCPU / tarCPU))
        if written != posts { throw BenchError("wrote \(written) posts, expected \(posts)") }
        return ratio > 1.5 || rate < 400_000
    }
}

/// Deterministic twarc2 API pages (100 tweets each, with includes) in a .tar.gz of 10 files.
struct Twarc2Generator {
    var posts: Int

    func write(to path: String, format: ArchiveWriter.Format) throws {
        let writer = try ArchiveWriter(path: path, format: format)
        var random = SeededRandom(seed: 18_03_2026)
        let files = 10
        let perFile = posts / files
        var next = 0
        for file in 0..<files {
            var text: [UInt8] = []
            let count = file == files - 1 ? posts - perFile * (files - 1) : perFile
            var done = 0
            while done < count {
                let size = min(100, count - done)
                text += page(size: size, first: next, random: &random)
                text.append(0x0A)
                next += size
                done += size
            }
            try writer.add("collection/part-\(file).jsonl", .file(text))
        }
        try writer.finish()
    }

    func page(size: Int, first: Int, random: inout SeededRandom) -> [UInt8] {
        let words = ["gemeente", "raad", "stemmen", "verkiezingen", "wijk", "burgemeester", "debat", "fiets", "woningbouw",
                     "parkeren", "groen", "veiligheid", "jeugd", "zorg", "belasting", "cultuur"]
        var tweets: [String] = []
        var users: [String] = []
        for index in first..<(first + size) {
            let author = random.next() % 50_000
            let created = 1_771_000_000 + UInt64(index) * 3 + random.next() % 3
            let date = Date(timeIntervalSince1970: TimeInterval(created)).formatted(.iso8601)
                .replacingOccurrences(of: "Z", with: ".000Z")
            let tag = words[Int(random.next() % UInt64(words.count))]
            let body = (0..<12).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
            let isRetweet = random.next() % 4 == 0
            let reference = isRetweet ? #","referenced_tweets":[{"type":"retweeted","id":"\#(1_700_000_000_000_000_000 + UInt64(index / 2))"}]"# : ""
            tweets.append(#"{"id":"\#(1_700_000_000_000_000_000 + UInt64(index))","author_id":"\#(author)","created_at":"\#(date)","text":"\#(body) #\#(tag) https://t.co/\#(index)","conversation_id":"\#(1_700_000_000_000_000_000 + UInt64(index))","lang":"nl","entities":{"hashtags":[{"start":90,"end":100,"tag":"\#(tag)"}],"urls":[{"start":101,"end":124,"url":"https://t.co/\#(index)","expanded_url":"https://nieuws.example/\#(tag)/\#(index % 997)","display_url":"nieuws.example"}]},"public_metrics":{"retweet_count":\#(random.next() % 50),"reply_count":0,"like_count":\#(random.next() % 200),"quote_count":0},"edit_history_tweet_ids":["\#(1_700_000_000_000_000_000 + UInt64(index))"]\#(reference)}"#)
            users.append(#"{"id":"\#(author)","username":"user\#(author)","name":"Gebruiker \#(author)","created_at":"2020-01-01T00:00:00.000Z","public_metrics":{"followers_count":\#(random.next() % 5000),"following_count":100,"tweet_count":1000,"listed_count":0}}"#)
        }
        let page = #"{"data":[\#(tweets.joined(separator: ","))],"includes":{"users":[\#(users.joined(separator: ","))]},"meta":{"result_count":\#(size)},"__twarc":{"url":"https://api.twitter.com/2/tweets/search/all","version":"2.14.0","retrieved_at":"2026-03-19T00:00:00+00:00"}}"#
        return Array(page.utf8)
    }
}
