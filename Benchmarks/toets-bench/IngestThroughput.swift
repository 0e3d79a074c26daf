import ArgumentParser
import Foundation
import ToetsIngest
import ToetsModel

/// Ingest of twarc2-style posts from a .tar.gz, against `tar -xzOf` of the same archive
/// (decompression alone) in the same run.
struct IngestThroughput: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest twarc2 JSONL from a .tar.gz and compare with pure decompression (tar -xzOf).")

    @Option(help: "Posts in the archive.")
    var posts = 1_000_000

    @Option(help: "Where to keep the generated archive between runs.")
    var cache = ".build-bench"

    func run() throws {
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        let archive = cache + "/twarc2-\(posts).tar.gz"
        let plain = cache + "/twarc2-\(posts).tar"
        for (path, format) in [(archive, ArchiveWriter.Format.tarGzip), (plain, .tar)]
        where !FileManager.default.fileExists(atPath: path) {
            print("generating \(path) …")
            try Twarc2Generator(posts: posts).write(to: path, format: format)
        }
        let archiveBytes = (try FileManager.default.attributesOfItem(atPath: archive)[.size] as? Int) ?? 0

        var written = 0
        var decompressed: Int64 = 0
        let output = cache + "/posts.ndjson"
        let (tarSeconds, ingestSeconds) = try alternatingMedians(3, {
            try wallSeconds { try runProgram(["sh", "-c", "tar -xzOf '\(archive)' > /dev/null"], in: ".") }
        }, {
            try wallSeconds {
                let result = try IngestEngine(options: IngestOptions()).run([("twarc2.tar.gz", archive)])
                try IngestStage.writePosts(result, to: output)
                written = result.count
                decompressed = result.report.decompressedBytes
            }
        })
        // One parsing thread on the uncompressed tar: the per-core rate of parsing and mapping.
        var single = IngestOptions()
        single.workers = 1
        let singleSeconds = try medianSeconds(3) { _ = try IngestEngine(options: single).run([("twarc2.tar", plain)]) }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let ratio = ingestSeconds / tarSeconds
        print("ingest of \(posts) twarc2 posts (\(archiveBytes >> 20) MiB .tar.gz, \(decompressed >> 20) MiB of JSON), median of 3, timed in turn")
        line("  tar -xzOf (decompression only)", String(format: "%.2f s", tarSeconds))
        let rate = Double(written) / ingestSeconds
        line("  Toets ingest (read, parse, sort, write)", String(format: "%.2f s  %.0f posts/s (goal ≥ 400,000) %@",
                                                                   ingestSeconds, rate, rate >= 400_000 ? "met" : "NOT MET"))
        line("  one parsing thread, uncompressed tar", String(format: "%.2f s  %.0f posts/s (goal ≥ 300,000)",
                                                          singleSeconds, Double(posts) / singleSeconds))
        line("  peak memory", "\(usage.ru_maxrss / 1024) MiB")
        line("  Toets / tar (goal ≤ 1.5)", String(format: "%.2f %@", ratio, ratio <= 1.5 ? "met" : "NOT MET"))
        if written != posts { throw BenchError("wrote \(written) posts, expected \(posts)") }
        if ratio > 1.5 || rate < 400_000 { throw ExitCode(1) }
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
