import Foundation
import ToetsIngest
import ToetsModel

/// Writes the world in the formats researchers have: twarc2 JSONL in a .tar.gz, a Telegram
/// Desktop export in a .zip, Zeeschuimer NDJSON (gzip), a 4CAT CSV of one municipality.
struct DemoWriters {
    let accounts: [Account]
    let posts: [SimPost]
    let chats: [Chat]

    init(simulation: Simulation) {
        accounts = simulation.accounts
        posts = simulation.posts
        chats = simulation.chats
    }

    static func iso(_ seconds: Int64, fraction: Bool = true) -> String {
        UTCTime.isoSeconds(seconds) + (fraction ? ".000Z" : "")
    }

    // MARK: X as twarc2 JSONL

    /// The root of a reply chain, for `conversation_id`.
    private func conversation(_ index: Int) -> Int {
        var current = index
        while posts[current].kind == .reply, let parent = posts[current].ref { current = parent }
        return current
    }

    private func shortLink(_ url: String) -> String {
        var hash: UInt64 = 1469598103934665603
        for byte in url.utf8 { hash = (hash ^ UInt64(byte)) &* 1099511628211 }
        return "https://t.co/" + String(hash % 78_364_164_096, radix: 36)
    }

    /// A tweet as the X API v2 returns it.
    private func tweet(_ index: Int, into out: inout CanonicalJSONWriter) {
        let post = posts[index]
        let author = accounts[post.author]
        var text = post.text
        if post.kind == .repost, let ref = post.ref {
            let original = posts[ref].text
            text = "RT @\(accounts[posts[ref].author].handle): " + (original.count > 116 ? String(original.prefix(116)) + "…" : original)
        }
        for url in post.urls { text = text.replacingOccurrences(of: url, with: shortLink(url)) }
        out.beginObject()
        out.key("author_id"); out.value(author.id)
        out.key("conversation_id"); out.value(posts[conversation(index)].id)
        out.key("created_at"); out.value(Self.iso(post.time))
        out.key("edit_history_tweet_ids"); out.value([post.id])
        out.key("entities")
        out.beginObject()
        out.key("hashtags")
        out.beginArray()
        for tag in post.hashtags {
            let start = text.range(of: "#" + tag).map { text.distance(from: text.startIndex, to: $0.lowerBound) } ?? 0
            out.beginObject()
            out.key("end"); out.value(Int64(start + tag.count + 1))
            out.key("start"); out.value(Int64(start))
            out.key("tag"); out.value(tag)
            out.endObject()
        }
        out.endArray()
        out.key("mentions")
        out.beginArray()
        for handle in post.mentions {
            out.beginObject()
            out.key("username"); out.value(handle)
            out.endObject()
        }
        out.endArray()
        out.key("urls")
        out.beginArray()
        for url in post.urls {
            out.beginObject()
            out.key("display_url"); out.value(String(url.drop { $0 != "/" }.dropFirst(2).prefix(30)))
            out.key("expanded_url"); out.value(url)
            out.key("url"); out.value(shortLink(url))
            out.endObject()
        }
        out.endArray()
        out.endObject()
        out.key("id"); out.value(post.id)
        if post.kind == .reply, let ref = post.ref {
            out.key("in_reply_to_user_id"); out.value(accounts[posts[ref].author].id)
        }
        out.key("lang"); out.value("nl")
        out.key("public_metrics")
        out.beginObject()
        out.key("like_count"); out.value(Int64(post.id.utf8.reduce(0) { $0 &+ Int($1) } % 40))
        out.key("quote_count"); out.value(Int64(0))
        out.key("reply_count"); out.value(Int64(0))
        out.key("retweet_count"); out.value(Int64(0))
        out.endObject()
        if let ref = post.ref {
            out.key("referenced_tweets")
            out.beginArray()
            out.beginObject()
            out.key("id"); out.value(posts[ref].id)
            out.key("type"); out.value(post.kind == .repost ? "retweeted" : post.kind == .quote ? "quoted" : "replied_to")
            out.endObject()
            out.endArray()
        }
        out.key("text"); out.value(text)
        out.endObject()
    }

    private func user(_ index: Int, into out: inout CanonicalJSONWriter) {
        let account = accounts[index]
        out.beginObject()
        out.key("created_at"); out.value(Self.iso(account.created))
        out.key("description"); out.value(account.role == .organic && account.followers % 7 == 0
                                           ? "Bewoner van \(account.municipality). Mail: \(account.email)" : "")
        out.key("id"); out.value(account.id)
        out.key("location"); out.value(account.municipality + ", Nederland")
        out.key("name"); out.value(account.name)
        out.key("public_metrics")
        out.beginObject()
        out.key("followers_count"); out.value(Int64(account.followers))
        out.key("following_count"); out.value(Int64(account.following))
        out.key("listed_count"); out.value(Int64(account.followers / 500))
        out.key("tweet_count"); out.value(Int64(100 + account.followers % 5000))
        out.endObject()
        out.key("username"); out.value(account.handle)
        out.key("verified"); out.value(false)
        out.endObject()
    }

    /// X posts as twarc2 JSONL, one file per day, pages of up to 100 tweets with includes.
    func writeX(to path: String) throws {
        let writer = try ArchiveWriter(path: path, format: .tarGzip)
        let x = posts.indices.filter { posts[$0].platform == .x }
        var byDay: [Int64: [Int]] = [:]
        for index in x { byDay[posts[index].time / 86_400, default: []].append(index) }
        for day in byDay.keys.sorted() {
            var out = CanonicalJSONWriter(capacity: 1 << 20)
            let indices = byDay[day]!
            for start in stride(from: 0, to: indices.count, by: 100) {
                let page = Array(indices[start..<min(start + 100, indices.count)])
                let referenced = Array(Set(page.compactMap { posts[$0].ref })).sorted()
                let users = Array(Set(page.map { posts[$0].author } + referenced.map { posts[$0].author })).sorted()
                out.beginObject()
                out.key("__twarc")
                out.beginObject()
                out.key("retrieved_at"); out.value("2026-03-19T06:00:00+00:00")
                out.key("url"); out.value("https://api.twitter.com/2/tweets/search/all?query=gr2026&start_time=\(Self.iso(day * 86_400, fraction: false))Z")
                out.key("version"); out.value("2.14.0")
                out.endObject()
                out.key("data")
                out.beginArray()
                for index in page { tweet(index, into: &out) }
                out.endArray()
                out.key("includes")
                out.beginObject()
                out.key("tweets")
                out.beginArray()
                for index in referenced where posts[index].platform == .x { tweet(index, into: &out) }
                out.endArray()
                out.key("users")
                out.beginArray()
                for index in users where accounts[index].platform == .x { user(index, into: &out) }
                out.endArray()
                out.endObject()
                out.key("meta")
                out.beginObject()
                out.key("newest_id"); out.value(posts[page.last!].id)
                out.key("oldest_id"); out.value(posts[page.first!].id)
                out.key("result_count"); out.value(Int64(page.count))
                out.endObject()
                out.endObject()
                out.newline()
            }
            try writer.add("x/search-\(Self.iso(day * 86_400, fraction: false).prefix(10)).jsonl", .file(out.bytes))
        }
        try writer.finish()
    }

    // MARK: Telegram Desktop export

    /// One `ChatExport_…/result.json` per chat, in a zip.
    func writeTelegram(to path: String) throws {
        let writer = try ArchiveWriter(path: path, format: .zip)
        for (chatIndex, chat) in chats.enumerated() {
            let messages = posts.indices.filter { posts[$0].platform == .telegram && posts[$0].chat == chatIndex }
            var number: [Int: Int] = [:]
            var out = CanonicalJSONWriter(capacity: 1 << 20)
            out.beginObject()
            out.key("id"); out.value(chat.id)
            out.key("messages")
            out.beginArray()
            for (position, index) in messages.enumerated() {
                let post = posts[index]
                let author = accounts[post.author]
                number[index] = position + 1
                out.beginObject()
                // The export writes the exporting computer's local time (UTC+1 here) and the unix time.
                out.key("date"); out.value(Self.iso(post.time + 3600, fraction: false))
                out.key("date_unixtime"); out.value(String(post.time))
                if post.kind == .forward, let ref = post.ref {
                    out.key("forwarded_from"); out.value(chats.first { $0.owner == posts[ref].author }?.name ?? accounts[posts[ref].author].name)
                }
                out.key("from"); out.value(chat.isChannel ? chat.name : author.name)
                out.key("from_id"); out.value(author.id)
                out.key("id"); out.value(Int64(position + 1))
                var entities: [(type: String, text: String)] = []
                var rest = post.text[...]
                for token in post.urls.map({ ("link", $0) }) + post.hashtags.map({ ("hashtag", "#" + $0) }) {
                    guard let range = rest.range(of: token.1) else { continue }
                    if range.lowerBound > rest.startIndex { entities.append(("plain", String(rest[..<range.lowerBound]))) }
                    entities.append((token.0, token.1))
                    rest = rest[range.upperBound...]
                }
                if !rest.isEmpty { entities.append(("plain", String(rest))) }
                out.key("text")
                if entities.count == 1 {
                    out.value(post.text)
                } else {
                    out.beginArray()
                    for entity in entities {
                        if entity.type == "plain" { out.value(entity.text) } else {
                            out.beginObject()
                            out.key("text"); out.value(entity.text)
                            out.key("type"); out.value(entity.type)
                            out.endObject()
                        }
                    }
                    out.endArray()
                }
                out.key("text_entities")
                out.beginArray()
                for entity in entities {
                    out.beginObject()
                    out.key("text"); out.value(entity.text)
                    out.key("type"); out.value(entity.type)
                    out.endObject()
                }
                out.endArray()
                out.key("type"); out.value("message")
                out.endObject()
            }
            out.endArray()
            out.key("name"); out.value(chat.name)
            out.key("type"); out.value(chat.isChannel ? "public_channel" : "public_supergroup")
            out.endObject()
            out.newline()
            let folder = chatIndex == 0 ? "ChatExport_2026-03-19" : "ChatExport_2026-03-19 (\(chatIndex + 1))"
            try writer.add("\(folder)/result.json", .file(out.bytes))
        }
        try writer.finish()
    }

    // MARK: TikTok as Zeeschuimer NDJSON

    func writeTikTok(to path: String) throws {
        var out = CanonicalJSONWriter(capacity: 1 << 20)
        for (number, index) in posts.indices.filter({ posts[$0].platform == .tiktok }).enumerated() {
            let post = posts[index]
            let author = accounts[post.author]
            out.beginObject()
            out.key("data")
            out.beginObject()
            out.key("author")
            out.beginObject()
            out.key("id"); out.value(author.id)
            out.key("nickname"); out.value(author.name)
            out.key("uniqueId"); out.value(author.handle)
            out.endObject()
            out.key("authorStats")
            out.beginObject()
            out.key("followerCount"); out.value(Int64(author.followers))
            out.key("followingCount"); out.value(Int64(author.following))
            out.endObject()
            out.key("challenges")
            out.beginArray()
            for tag in post.hashtags { out.beginObject(); out.key("title"); out.value(tag); out.endObject() }
            out.endArray()
            out.key("createTime"); out.value(post.time)
            out.key("desc"); out.value(post.text)
            out.key("duetInfo"); out.beginObject(); out.key("duetFromId"); out.value("0"); out.endObject()
            out.key("id"); out.value(post.id)
            out.key("stats")
            out.beginObject()
            out.key("playCount"); out.value(Int64(author.followers * 3 + 17))
            out.endObject()
            out.key("textExtra")
            out.beginArray()
            for tag in post.hashtags { out.beginObject(); out.key("hashtagName"); out.value(tag); out.endObject() }
            out.endArray()
            out.endObject()
            out.key("id"); out.value(Int64(number + 1))
            out.key("item_id"); out.value(post.id)
            out.key("last_updated"); out.value(Int64(1_773_900_000_000))
            out.key("nav_index"); out.value("1:1:\(number)")
            out.key("source_platform"); out.value("tiktok.com")
            out.key("source_platform_url"); out.value("https://www.tiktok.com/")
            out.key("source_url"); out.value("https://www.tiktok.com/api/search/general/full/?keyword=gemeenteraadsverkiezingen")
            out.key("timestamp_collected"); out.value(Int64(1_773_900_000_000))
            out.key("user_agent"); out.value("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
            out.endObject()
            out.newline()
        }
        let writer = try ArchiveWriter(path: path, format: .gzipFile)
        try writer.add("tiktok.ndjson", .file(out.bytes))
        try writer.finish()
    }

    // MARK: 4CAT CSV of one municipality

    func write4CAT(municipality: String, to path: String) throws {
        let columns = ["id", "thread_id", "timestamp", "unix_timestamp", "link", "body", "author", "author_fullname",
                       "author_id", "source", "language_guess", "possibly_sensitive", "retweets", "quotes", "likes",
                       "replies", "is_retweet", "retweeted_user", "is_quote_tweet", "quote_tweet_id", "quote_author",
                       "quote_body", "is_reply", "replied_author", "is_edited", "views", "hashtags", "urls", "images",
                       "videos", "mentions", "long_lat", "place_name"]
        var text = columns.joined(separator: ",") + "\r\n"
        for index in posts.indices where posts[index].platform == .x && posts[index].municipality == municipality {
            let post = posts[index]
            let author = accounts[post.author]
            let replied = post.kind == .reply ? post.ref.map { accounts[posts[$0].author].handle } ?? "" : ""
            let row: [String] = [
                post.id, posts[conversation(index)].id, Self.iso(post.time, fraction: false).replacingOccurrences(of: "T", with: " "),
                String(post.time), "https://x.com/\(author.handle)/status/\(post.id)", post.text, author.handle, author.name,
                author.id, "Twitter for Android", "nl", "no", "0", "0", "0", "0", post.kind == .repost ? "yes" : "no",
                post.kind == .repost ? post.ref.map { accounts[posts[$0].author].handle } ?? "" : "", "no", "", "", "",
                post.kind == .reply ? "yes" : "no", replied, "no", "", post.hashtags.joined(separator: ","),
                post.urls.joined(separator: ","), "", "", post.mentions.joined(separator: ","), "", "",
            ]
            text += row.map(Self.csvField).joined(separator: ",") + "\r\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
