import Foundation
import Synchronization
import ToetsModel

/// Replaces every identifier in normalized posts with its keyed pseudonym (DESIGN.md
/// "Anonymisation"): account, post and content ids, handles (mapped to their account's
/// pseudonym where the data links them), personal data in text as typed tokens, and links
/// without tracking parameters and with the account part of profile links pseudonymised.
/// Timestamps, kinds, hashtags, language and link hosts and paths stay as they are.
package struct PostAnonymiser: Sendable {
    package let pseudonyms: Pseudonymizer
    /// Finds names, addresses and dates of birth besides what `PIIScanner` finds; without it
    /// (tests, links' query values) only `PIIScanner` runs.
    let scanner: TextScanner?
    /// `platform ‖ 0 ‖ lower-case handle` → the account id that posted under it most often.
    private let accountOfHandle: [String: String]
    /// What was replaced, by entity type; for the anonymisation report.
    package internal(set) var counts = AnonymisationCounts()
    /// Pseudonyms made so far, by HMAC message: an account or a reposted post recurs thousands
    /// of times.
    var memo = BoundedMemo<Memo, String>(capacity: 1 << 18)
    /// Texts, links and handles anonymised so far, with the counts each added: a reposted text,
    /// a shared link or a mentioned handle recurs thousands of times (PostAnonymiser+Results.swift).
    /// Smaller than the pseudonyms' memo: its entries are whole texts. Its room is made at once:
    /// on a large input it fills up (most texts differ), and growing would rehash them again and again.
    var results = BoundedMemo<Remembered, Remembered.Result>(capacity: 1 << 16, reserved: 1 << 16)

    struct Memo: Hashable, Sendable {
        var domain: Pseudonymizer.Domain
        var platform: String
        var value: String
    }

    /// Links handles to accounts from the posts' own `author_handle` fields.
    package init(pseudonyms: Pseudonymizer, posts: [Post], scanner: TextScanner? = nil) {
        self.pseudonyms = pseudonyms
        self.scanner = scanner
        // Counted per (platform, handle as written, account) first, which recur thousands of
        // times, then per normalised handle: the key is made once per distinct use, not per post.
        var written: [HandleUse: Int] = [:]
        for post in posts {
            guard let handle = post.authorHandle, !handle.isEmpty else { continue }
            written[HandleUse(platform: post.platform, handle: handle, account: post.authorID), default: 0] += 1
        }
        var uses: [String: [String: Int]] = [:]
        for (use, count) in written { uses[Self.handleKey(use.handle, use.platform), default: [:]][use.account, default: 0] += count }
        // A handle that moved between accounts goes with the account that used it most (ties: the
        // smaller id), so the choice does not depend on the order of the posts.
        accountOfHandle = uses.mapValues { accounts in
            accounts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
        }
    }

    private struct HandleUse: Hashable {
        var platform: String
        var handle: String
        var account: String
    }

    private static func handleKey(_ handle: String, _ platform: String) -> String {
        platform + "\u{0}" + Pseudonymizer.normalise(handle, .handle)
    }

    /// The platform an id belongs to: its namespace (`x:1397` → `x`), else `fallback`.
    package static func platform(of id: String, fallback: String) -> String {
        // ASCII (nearly every id), where bytes are characters: the same answer without String indices.
        if let answer = id.utf8.withContiguousStorageIfAvailable({ asciiPlatform(of: $0) }), let answer {
            return answer ?? fallback
        }
        guard let colon = id.firstIndex(of: ":"), colon > id.startIndex, id.distance(from: id.startIndex, to: colon) <= 24,
              id[..<colon].allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }),
              !id[colon...].hasPrefix("://")
        else { return fallback }
        return String(id[..<colon])
    }

    /// `platform(of:fallback:)` for an id of ASCII bytes: `.some(nil)` for the fallback, nil when
    /// the id is not ASCII.
    private static func asciiPlatform(of id: UnsafeBufferPointer<UInt8>) -> String?? {
        var colon: Int?
        for (index, byte) in id.enumerated() {
            guard byte < 0x80 else { return nil }
            if colon == nil, byte == UInt8(ascii: ":") { colon = index }
        }
        guard let colon, colon > 0, colon <= 24,
              id[..<colon].allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") || $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")
                                         || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }),
              !(colon + 2 < id.count && id[colon + 1] == UInt8(ascii: "/") && id[colon + 2] == UInt8(ascii: "/"))
        else { return .some(nil) }
        return .some(String(decoding: UnsafeBufferPointer(rebasing: id[..<colon]), as: UTF8.self))
    }

    /// The pseudonym of `value`, from the memo where it was made before.
    private mutating func pseudonym(_ domain: Pseudonymizer.Domain, platform: String, _ value: String) -> String {
        let entry = Memo(domain: domain, platform: platform, value: value)
        if let known = memo[entry] { return known }
        let made = pseudonyms.pseudonym(domain, platform: platform, value)
        memo.remember(made, for: entry)
        return made
    }

    package mutating func account(_ id: String, platform: String) -> String {
        pseudonym(.account, platform: Self.platform(of: id, fallback: platform), id)
    }

    /// A handle's pseudonym: its account's where the data links them, its own otherwise.
    package mutating func handle(_ handle: String, platform: String) -> String {
        remembering(.handle, handle, platform: platform) { $0.resolvedHandle(handle, platform: platform) }
    }

    private mutating func resolvedHandle(_ handle: String, platform: String) -> String {
        if let id = accountOfHandle[Self.handleKey(handle, platform)] {
            counts.add("handles linked to their account")
            return account(id, platform: platform)
        }
        counts.add("handles without a known account")
        return pseudonym(.handle, platform: platform, handle)
    }

    private mutating func post(_ id: String, platform: String) -> String {
        pseudonym(.post, platform: Self.platform(of: id, fallback: platform), id)
    }

    /// Every post anonymised (`anonymise(_:metadata:)`), in the order given, with the counts of
    /// all of them: on every core, in blocks of posts taken in turn by workers that each start
    /// from a copy of this anonymiser. A post's result depends only on the key, the post and
    /// what the initialiser read, and counts add up in any order, so neither the posts nor the
    /// counts depend on the number of workers or on which worker took a block.
    package func anonymiseAll(_ posts: [Post], metadata: [String: GeneralisedMetadata],
                              workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                              blockSize: Int = 4_096, progress: StageProgress? = nil) -> (posts: [Post], counts: AnonymisationCounts) {
        var taken = posts
        return anonymiseAll(taking: &taken, metadata: metadata, workers: workers, blockSize: blockSize, progress: progress)
    }

    /// `anonymiseAll(_:metadata:)` that takes each raw post out of `posts` as it anonymises it
    /// and frees it there, on the worker's core: the raw posts' memory goes back while the
    /// anonymised ones are made, rather than both being held whole. `posts` is left holding
    /// empty posts (`Post.taken`), as many as it had.
    package func anonymiseAll(taking posts: inout [Post], metadata: [String: GeneralisedMetadata],
                              workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                              blockSize: Int = 4_096, progress: StageProgress? = nil) -> (posts: [Post], counts: AnonymisationCounts) {
        let blockSize = max(1, blockSize)
        let count = posts.count
        let blocks = (count + blockSize - 1) / blockSize
        let next = Atomic(0)
        let counted = Mutex(counts)
        let start = self
        // Each post goes straight to its place in the result (blocks never overlap), not
        // through a block's array copied once more.
        let result = posts.withUnsafeMutableBufferPointer { raw in
            [Post](unsafeUninitializedCapacity: count) { buffer, initialized in
                let output = Post.SharedPosts(buffer: buffer)
                let input = Post.SharedPosts(buffer: raw)
                DispatchQueue.concurrentPerform(iterations: max(1, min(workers, blocks))) { _ in
                    var worker = start
                    worker.counts = AnonymisationCounts()
                    while true {
                        let block = next.add(1, ordering: .relaxed).oldValue
                        guard block < blocks else { break }
                        let range = block * blockSize..<min(count, (block + 1) * blockSize)
                        for index in range {
                            let post = input.take(index)
                            // Most inputs (CNT's) carry no account metadata: no look-up by author then.
                            (output.buffer.baseAddress! + index).initialize(to: worker.anonymise(
                                post, metadata: metadata.isEmpty ? nil : metadata[post.authorID]))
                        }
                        progress?.advance(by: Int64(range.count))
                    }
                    let counts = worker.counts
                    counted.withLock { $0.add(counts) }
                }
                initialized = count
            }
        }
        return (result, counted.withLock { $0 })
    }

    /// The post with every identifier replaced; `metadata` holds the account's generalised
    /// creation date and follower bin (nil drops them).
    package mutating func anonymise(_ post: Post, metadata: GeneralisedMetadata?) -> Post {
        // Built whole rather than copied and overwritten field by field: nearly every field is
        // replaced, and a copy would retain each old value only to release it again.
        let platform = post.platform
        // A post's own id comes once (ingest drops duplicates): made without the memo, which it would only fill.
        let postID = pseudonyms.pseudonym(.post, platform: Self.platform(of: post.postID, fallback: platform), post.postID)
        let authorID = account(post.authorID, platform: platform)
        counts.add("account ids", post.refAuthorID == nil ? 1 : 2)
        counts.add("post ids", 1 + (post.refPostID == nil ? 0 : 1) + (post.threadID == nil ? 0 : 1))
        // The post links its handle to its author: both get the author's pseudonym.
        if post.authorHandle != nil { counts.add("author handles") }
        let refPostID = post.refPostID.map { self.post($0, platform: platform) }
        let refAuthorID = post.refAuthorID.map { self.account($0, platform: platform) }
        let threadID = post.threadID.map { self.post($0, platform: platform) }
        var contentID: String?
        if let content = post.contentID {
            counts.add("content ids")
            contentID = URLCleaner.parts(content) != nil
                ? self.link(content, platform: platform) : self.pseudonym(.content, platform: platform, content)
        }
        let scrubbed = post.text.map { self.text($0, platform: platform) }
        let links = post.urls.map { self.link($0, platform: platform) }
        let handles = post.mentions.map { self.handle($0, platform: platform) }
        counts.add("mentions", post.mentions.count)
        // The display name never leaves anonymise: it served as a dictionary of names only.
        if post.displayName != nil { counts.add("display names dropped") }
        return Post(platform: platform, sourceFormat: post.sourceFormat, postID: postID, authorID: authorID,
                    authorHandle: post.authorHandle == nil ? nil : authorID, displayName: nil, createdAt: post.createdAt,
                    precision: post.precision, text: scrubbed, kind: post.kind, refPostID: refPostID, refAuthorID: refAuthorID,
                    threadID: threadID, urls: links, hashtags: post.hashtags, mentions: handles, contentID: contentID,
                    language: post.language, accountCreatedAt: metadata?.createdAt, followers: metadata?.followers)
    }

    /// The text with each piece of personal data replaced by a typed token (`<EMAIL:p1…>`),
    /// postcodes cut to their four digits, profile links pseudonymised and tracking parameters
    /// removed from other links.
    package mutating func text(_ text: String, platform: String) -> String {
        remembering(.text, text, platform: platform) { $0.scannedText(text, platform: platform) }
    }

    private mutating func scannedText(_ text: String, platform: String) -> String {
        let matches: [PIIMatch]
        let links: [Range<Int>]
        if let scanner {
            let result = scanner.scan(text)
            (matches, links) = (result.matches, result.links)
            counts.add("text: public names kept as written", result.kept)
        } else {
            (matches, links) = PIIScanner.scanWithLinks(text)
        }
        guard !matches.isEmpty || !links.isEmpty else { return text }
        var spans: [(range: Range<Int>, replacement: String)] = matches.map { ($0.range, replacement(for: $0, platform: platform)) }
        let bytes = Array(text.utf8)
        for range in links {
            let original = String(decoding: bytes[range], as: UTF8.self)
            let cleaned = link(original, platform: platform)
            if cleaned != original { spans.append((range, cleaned)) }
        }
        spans.sort { $0.range.lowerBound < $1.range.lowerBound }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 32 * spans.count)
        var position = 0
        for span in spans {
            result += bytes[position..<span.range.lowerBound]
            result += Array(span.replacement.utf8)
            position = span.range.upperBound
        }
        result += bytes[position...]
        return String(decoding: result, as: UTF8.self)
    }

    private mutating func replacement(for match: PIIMatch, platform: String) -> String {
        counts.add("text: " + (match.account == nil ? match.kind.rawValue : "display names and handles"))
        func token(_ name: String, _ domain: Pseudonymizer.Domain) -> String {
            "<\(name):\(pseudonym(domain, platform: "", match.value))>"
        }
        switch match.kind {
        case .email: return token("EMAIL", .email)
        case .phone: return token("PHONE", .phone)
        case .iban: return token("IBAN", .iban)
        case .bsn: return token("BSN", .bsn)
        case .licencePlate: return token("PLATE", .plate)
        case .postcode: return "<POSTCODE:\(match.value.prefix(4))>"
        case .handle: return "<HANDLE:\(handle(String(match.value.dropFirst()), platform: platform))>"
        case .profileURL, .invite: return link(match.value, platform: platform)
        case .person:
            // A display name or handle of the dataset is its account; another name is itself.
            if let id = match.account { return "<PERSON:\(account(id, platform: platform))>" }
            return token("PERSON", .person)
        case .address: return token("ADDRESS", .address)
        case .birthDate: return token("BIRTHDATE", .birthDate)
        }
    }

    /// A link without tracking parameters, with the account or invite code of a profile link
    /// pseudonymised and personal data in its query and fragment replaced by tokens. Host and
    /// path stay, so co-link methods still compare links.
    package mutating func link(_ original: String, platform: String) -> String {
        remembering(.link, original, platform: platform) { $0.cleanedLink(original, platform: platform) }
    }

    private mutating func cleanedLink(_ original: String, platform: String) -> String {
        if Self.staysAsWritten(original) { return original }
        // Links in text may lack the scheme (`t.me/…`, `www.…`); it is added to read them.
        let lower = original.prefix(8).lowercased()
        let hasScheme = lower.hasPrefix("http://") || lower.hasPrefix("https://")
        let source = hasScheme ? original : "https://" + original
        guard let before = URLCleaner.parts(source) else { return original }
        let cleaned = URLCleaner.strippingTracking(source)
        guard var parts = URLCleaner.parts(cleaned) else { return original }
        if parts.query.count < before.query.count { counts.add("links: tracking parameters removed") }
        if let profile = URLCleaner.profile(cleaned) {
            let pseudonym = profile.isInvite
                ? pseudonym(.invite, platform: profile.platform, profile.account)
                : handle(profile.account, platform: profile.platform)
            counts.add(profile.isInvite ? "links: invite codes" : "links: profile accounts")
            if let index = parts.query.firstIndex(where: { $0.name == "id" && $0.value == profile.account }) {
                parts.query[index].value = pseudonym
            } else {
                var segments = parts.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
                if let index = segments.firstIndex(where: { $0 == profile.account || $0.dropFirst() == profile.account }) {
                    let prefix = segments[index] == profile.account ? "" : String(segments[index].prefix(1))
                    segments[index] = prefix + pseudonym
                }
                parts.path = segments.joined(separator: "/")
            }
        }
        for index in parts.query.indices {
            let value = parts.query[index].value
            let decoded = value.removingPercentEncoding ?? value
            guard !PIIScanner.scan(decoded).isEmpty else { continue }
            counts.add("links: query values with personal data")
            parts.query[index].value = text(decoded, platform: platform)
                .addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))) ?? ""
        }
        if let fragment = parts.fragment, !PIIScanner.scan(fragment).isEmpty {
            parts.fragment = text(fragment, platform: platform)
        }
        let result = parts.text
        return hasScheme ? result : String(result.dropFirst("https://".count))
    }
}

extension PostAnonymiser {
    /// Whether `cleanedLink` gives `link` back as it is, and counts nothing, known from one
    /// look at its bytes: an http(s) link of ASCII, its scheme and host in lower case, without
    /// user info, query or fragment (nothing to strip, nothing in them to replace), that is not
    /// a profile or invite link. Most links are such.
    static func staysAsWritten(_ link: String) -> Bool {
        let bytes = link.utf8
        let scheme: Int
        if bytes.starts(with: "https://".utf8) { scheme = 8 } else if bytes.starts(with: "http://".utf8) { scheme = 7 } else { return false }
        var inHost = true
        var hostEnd = bytes.count
        for (offset, byte) in bytes.enumerated() {
            guard byte < 0x80, byte != UInt8(ascii: "?"), byte != UInt8(ascii: "#"), byte != UInt8(ascii: "@") else { return false }
            if offset >= scheme && inHost {
                if byte == UInt8(ascii: "/") {
                    inHost = false
                    hostEnd = offset
                } else if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
                    return false
                }
            }
        }
        // Only a link on a profile host can be a profile link: any other skips `URLCleaner.profile`.
        let host = Array(bytes.dropFirst(scheme).prefix(hostEnd - scheme))
        return !mayBeProfileHost(host) || URLCleaner.profile(link) == nil
    }

    /// Whether `host` (lower case, as `URLCleaner.parts` gives it) is one on which
    /// `URLCleaner.profile` finds accounts, once a `www.`, `m.` or `mobile.` before it goes as
    /// `profile` drops it. True for any host `profile` could answer for, so false means it answers nil.
    static func mayBeProfileHost(_ host: [UInt8]) -> Bool {
        var host = host[...]
        if host.starts(with: "www.".utf8) || host.starts(with: "m.".utf8) || host.starts(with: "mobile.".utf8) {
            host = host[(host.firstIndex(of: UInt8(ascii: "."))! + 1)...]
        }
        return profileHosts.contains(Array(host))
    }

    /// The hosts `URLCleaner.profile` reads accounts on.
    static let profileHosts: Set<[UInt8]> = Set(URLCleaner.profileHosts.map { Array($0.utf8) })
}

/// How many identifiers of each type were replaced, for the anonymisation report.
package struct AnonymisationCounts: Sendable, Equatable {
    package private(set) var byType: [String: Int] = [:]

    package mutating func add(_ type: String, _ count: Int = 1) {
        guard count > 0 else { return }
        byType[type, default: 0] += count
    }

    /// Adds `other`'s counts to these.
    package mutating func add(_ other: AnonymisationCounts) {
        byType.merge(other.byType, uniquingKeysWith: +)
    }
}
