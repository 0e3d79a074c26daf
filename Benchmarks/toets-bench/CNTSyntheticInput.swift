import Foundation
import ToetsModel

/// A seeded CSV in CNT 1.5.2's input format (`message_id, user_id, username, repost_id,
/// reply_id, message, timestamp, urls`) with the structure of a month of collected posts.
///
/// - Accounts: `messages / 25`; activity is heavy-tailed (a few accounts post thousands).
/// - Reposts (45 %), replies (12 %) and URL shares pick their post or URL by a power law, and
///   come within hours of that object's birth: popular posts draw bursts of organic co-action.
/// - Original posts: fresh texts from a vocabulary drawn by a power law; copypasta (the same
///   text up to case, blanks and mentions) and near-duplicates (one word changed, added or
///   dropped) of templates; hashtags, mentions, commas, quotes, a few line breaks and accents.
/// - Mention-only replies and rows without URLs: the input on which Toets and CNT differ on
///   purpose (see `CoAction`).
/// - Coordinated bursts (5 % of rows): a group of 5–25 accounts reposts, posts the same or
///   nearly the same text, shares a URL or replies to a post within 0–90 s.
/// Rows are written in time order, as a collection export would be; times are whole seconds.
struct CNTSyntheticInput {
    var messages: Int
    var seed: UInt64
    var days: Int

    static let header = "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n"
    static let start: Int64 = 1_772_323_200

    private struct Row {
        var time: Int64
        var account: Int
        var repost: Int = -1
        var reply: Int = -1
        var text: String
        var urls: [Int] = []
    }

    /// Writes the CSV to `path`.
    func write(to path: String) throws {
        var random = SeededRandom(seed: seed)
        let accounts = max(messages / 25, 50)
        let span = Int64(days) * 86_400
        let vocabulary = Self.vocabulary(&random)
        // Shared objects: each has a birth time; actions on it follow within hours.
        let repostTargets = max(messages / 10, 10), replyTargets = max(messages / 30, 10)
        let urlCount = max(messages / 8, 10), templateCount = max(messages / 200, 5)
        func births(_ count: Int) -> [Int64] { (0..<count).map { _ in Self.diurnal(&random, span: span) } }
        let repostBirth = births(repostTargets), replyBirth = births(replyTargets)
        let urlBirth = births(urlCount), templateBirth = births(templateCount)
        let templates = (0..<templateCount).map { _ in Self.sentence(&random, vocabulary, words: random.int(8...22)) }
        let groups = Self.groups(&random, accounts: accounts)

        func powerLaw(_ count: Int, _ exponent: Double = 3) -> Int {
            min(count - 1, Int(Double(count) * pow(random.unit(), exponent)))
        }
        func after(_ birth: Int64, meanHours: Double) -> Int64 {
            min(span - 1, birth + Int64(-meanHours * 3_600 * log(1 - random.unit())))
        }
        func account() -> Int { powerLaw(accounts) }
        func urlsOfPost() -> [Int] {
            let draw = random.unit()
            if draw < 0.52 { return [] }
            let first = powerLaw(urlCount)
            if draw < 0.92 { return [first] }
            let second = powerLaw(urlCount)
            return second == first ? [first] : [first, second]
        }

        var rows: [Row] = []
        rows.reserveCapacity(messages + 32)
        while rows.count < messages {
            // A burst adds about 12 rows: one draw in 220 gives bursts 5 % of the rows.
            if random.chance(1.0 / 220) {
                let group = groups[random.int(0...(groups.count - 1))]
                let t0 = Self.diurnal(&random, span: span)
                let action = random.int(0...4)
                let repost = powerLaw(repostTargets), reply = powerLaw(replyTargets), url = powerLaw(urlCount)
                let text = Self.sentence(&random, vocabulary, words: random.int(10...20))
                for member in group where random.chance(0.8) {
                    let time = min(span - 1, t0 + Int64(random.int(0...90)))
                    switch action {
                    case 0: rows.append(Row(time: time, account: member, repost: repost, text: "RT: " + text))
                    case 1: rows.append(Row(time: time, account: member, text: Self.variant(&random, text, vocabulary)))
                    case 2: rows.append(Row(time: time, account: member, text: Self.near(&random, text, vocabulary)))
                    case 3: rows.append(Row(time: time, account: member, text: Self.sentence(&random, vocabulary, words: 8),
                                            urls: [url]))
                    default: rows.append(Row(time: time, account: member, reply: reply,
                                             text: "@acc\(reply % 977) " + Self.sentence(&random, vocabulary, words: 6)))
                    }
                }
                continue
            }
            let kind = random.unit()
            if kind < 0.45 {
                let target = powerLaw(repostTargets)
                // A retweet's text and URLs: CNT ignores both for a row with a repost_id.
                rows.append(Row(time: after(repostBirth[target], meanHours: 3), account: account(), repost: target,
                                text: "RT @acc\(target % 977): " + templates[target % templateCount],
                                urls: random.chance(0.3) ? [target % urlCount] : []))
            } else if kind < 0.57 {
                let target = powerLaw(replyTargets)
                let text = random.chance(0.06)
                    ? (random.chance(0.5) ? "@acc\(target % 977)" : "@acc\(target % 977) @acc\(target % 89)")
                    : "@acc\(target % 977) " + Self.sentence(&random, vocabulary, words: random.int(2...18))
                rows.append(Row(time: after(replyBirth[target], meanHours: 1), account: account(), reply: target,
                                text: text, urls: random.chance(0.05) ? [powerLaw(urlCount)] : []))
            } else {
                let draw = random.unit()
                var urls = urlsOfPost()
                var time = urls.first.map { after(urlBirth[$0], meanHours: 4) } ?? Self.diurnal(&random, span: span)
                let text: String
                if draw < 0.12 {
                    let template = powerLaw(templateCount, 2)
                    time = after(templateBirth[template], meanHours: 6)
                    text = Self.variant(&random, templates[template], vocabulary)
                    if random.chance(0.5) { urls = [] }
                } else if draw < 0.20 {
                    let template = powerLaw(templateCount, 2)
                    time = after(templateBirth[template], meanHours: 6)
                    text = Self.near(&random, templates[template], vocabulary)
                } else {
                    text = Self.decorated(&random, Self.sentence(&random, vocabulary, words: random.int(3...25)), vocabulary)
                }
                rows.append(Row(time: time, account: account(), text: text, urls: urls))
            }
        }
        rows.removeLast(rows.count - messages)
        let order = rows.indices.sorted { (rows[$0].time, $0) < (rows[$1].time, $1) }

        var out: [UInt8] = Array(Self.header.utf8)
        out.reserveCapacity(messages * 160)
        for (number, index) in order.enumerated() {
            let row = rows[index]
            let user = Self.accountID(row.account)
            Self.field("\(1_900_000_000_000_000_000 + number * 7)", to: &out, comma: false)
            Self.field(user, to: &out)
            Self.field("acc\(row.account % 977)_\(user.suffix(4))", to: &out)
            Self.field(row.repost >= 0 ? "\(1_800_000_000_000_000_000 + row.repost * 13)" : "", to: &out)
            Self.field(row.reply >= 0 ? "\(1_850_000_000_000_000_000 + row.reply * 11)" : "", to: &out)
            Self.field(row.text, to: &out)
            Self.field("\(Self.start + row.time)", to: &out)
            Self.field(row.urls.map(Self.url).joined(separator: " "), to: &out)
            out.append(0x0A)
        }
        try Data(out).write(to: URL(fileURLWithPath: path))
    }

    static func accountID(_ account: Int) -> String { "\(1_000_000_000_000 + account * 9_973)" }

    static func url(_ number: Int) -> String {
        let sites = ["https://nos.example/nieuws/", "https://www.news.example/a/", "https://youtu.example/watch?v=",
                     "https://blog.example/p/", "https://t.example/x?a=1,b="]
        return sites[number % sites.count] + "\(number)"
    }

    private static let quoted: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r")]

    /// A field of RFC 4180 CSV, quoted when it holds a comma, quote or line break.
    private static func field(_ text: String, to out: inout [UInt8], comma: Bool = true) {
        if comma { out.append(UInt8(ascii: ",")) }
        guard text.utf8.contains(where: quoted.contains) else { return out.append(contentsOf: text.utf8) }
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A time in the span, denser in the evening than at night.
    private static func diurnal(_ random: inout SeededRandom, span: Int64) -> Int64 {
        while true {
            let time = Int64(random.unit() * Double(span))
            let hour = Double(time % 86_400) / 3_600
            if random.unit() < 0.55 + 0.45 * sin((hour - 9) / 24 * 2 * .pi) { return time }
        }
    }

    /// Groups of 5–25 coordinating accounts, about one account in 40 in one.
    private static func groups(_ random: inout SeededRandom, accounts: Int) -> [[Int]] {
        let count = max(1, accounts / 600)
        return (0..<count).map { _ in (0..<random.int(5...25)).map { _ in random.int(0...(accounts - 1)) } }
    }

    private static func vocabulary(_ random: inout SeededRandom) -> [String] {
        let common = ("de het een en van in is dat op te niet met voor zijn the a to of and is it for on you this "
                      + "stem verkiezing partij minister debat nieuws echt nep vote election fraud people country "
                      + "café één naïve zürich coöperatie überhaupt señor").split(separator: " ").map(String.init)
        let syllables = ["ka", "lo", "mi", "ter", "van", "os", "ri", "da", "en", "po", "su", "bel", "ma", "tro",
                         "ne", "gi", "wa", "ul", "ze", "fo", "ra", "pin", "de", "sk"]
        var words = common
        while words.count < 6_000 {
            words.append((0..<random.int(2...4)).map { _ in syllables[random.int(0...(syllables.count - 1))] }.joined())
        }
        return words
    }

    private static func sentence(_ random: inout SeededRandom, _ vocabulary: [String], words: Int) -> String {
        (0..<words).map { _ in vocabulary[Int(Double(vocabulary.count) * pow(random.unit(), 2.5))] }
            .joined(separator: " ")
    }

    /// A fresh text with what posts carry besides words, now and then.
    private static func decorated(_ random: inout SeededRandom, _ text: String, _ vocabulary: [String]) -> String {
        var text = text
        let draw = random.unit()
        if draw < 0.15 { text += " #" + vocabulary[random.int(0...199)] }
        else if draw < 0.25 { text = "@acc\(random.int(0...976)) " + text }
        else if draw < 0.30 { text += ", \"echt\" waar?" }
        else if draw < 0.33 { text += " 👍🏽" }
        else if draw < 0.34 { text += "\nmeer: " + vocabulary[random.int(0...99)] }
        return text
    }

    /// The same text for CNT's co-tweet: case, blanks and mentions changed.
    private static func variant(_ random: inout SeededRandom, _ text: String, _ vocabulary: [String]) -> String {
        switch random.int(0...5) {
        case 0: return text.uppercased()
        case 1: return " " + text.replacingOccurrences(of: " ", with: "  ") + " "
        case 2: return "@acc\(random.int(0...976)) " + text
        case 3: return text + " @acc\(random.int(0...976))"
        default: return text
        }
    }

    /// A nearly equal text: one word replaced, added or dropped.
    private static func near(_ random: inout SeededRandom, _ text: String, _ vocabulary: [String]) -> String {
        var words = text.split(separator: " ").map(String.init)
        let position = random.int(0...(words.count - 1))
        let word = vocabulary[random.int(0...(vocabulary.count - 1))]
        switch random.int(0...2) {
        case 0: words[position] = word
        case 1: words.insert(word, at: position)
        default: if words.count > 3 { words.remove(at: position) }
        }
        return words.joined(separator: " ")
    }
}
