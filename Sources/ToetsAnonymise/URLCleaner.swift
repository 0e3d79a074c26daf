/// Link handling that anonymisation and co-link methods share: tracking parameters stripped
/// (they identify the sharer and break co-link matching), and the account part of profile links
/// found, so that it can be pseudonymised while host and path stay comparable.
package enum URLCleaner {
    /// A link split at the points that matter.
    package struct Parts: Equatable, Sendable {
        package var scheme: String
        package var host: String
        package var path: String
        package var query: [(name: String, value: String)]
        package var fragment: String?

        package static func == (a: Parts, b: Parts) -> Bool {
            a.scheme == b.scheme && a.host == b.host && a.path == b.path && a.fragment == b.fragment
                && a.query.map(\.name) == b.query.map(\.name) && a.query.map(\.value) == b.query.map(\.value)
        }

        package var text: String {
            var result = scheme + "://" + host + path
            if !query.isEmpty { result += "?" + query.map { $0.value.isEmpty ? $0.name : "\($0.name)=\($0.value)" }.joined(separator: "&") }
            if let fragment { result += "#" + fragment }
            return result
        }
    }

    /// Splits an http(s) link; nil for anything else.
    package static func parts(_ url: String) -> Parts? {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        let scheme = lower.hasPrefix("https://") ? "https" : "http"
        var rest = url.dropFirst(scheme.count + 3)
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        var queryText = ""
        if let question = rest.firstIndex(of: "?") {
            queryText = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var host = rest[..<slash].lowercased()
        if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }  // no user info
        let query = queryText.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (name: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
        }
        return Parts(scheme: scheme, host: host, path: String(rest[slash...]), query: query, fragment: fragment)
    }

    /// The link without tracking parameters: `utm_*`, `fbclid`, `gclid`, `igsh`/`igshid`, `si`,
    /// `ref`, and `s`/`t` on X, `_r`/`_t` on TikTok. Other links and text come back unchanged.
    package static func strippingTracking(_ url: String) -> String {
        guard var parts = parts(url) else { return url }
        let host = parts.host.hasPrefix("www.") ? String(parts.host.dropFirst(4)) : parts.host
        let isX = ["x.com", "twitter.com", "mobile.twitter.com"].contains(host)
        let isTikTok = host.hasSuffix("tiktok.com")
        parts.query.removeAll { parameter in
            let name = parameter.name.lowercased()
            return name.hasPrefix("utm_") || ["fbclid", "gclid", "igsh", "igshid", "si", "ref", "mc_eid", "mibextid"].contains(name)
                || (isX && (name == "s" || name == "t")) || (isTikTok && (name == "_r" || name == "_t"))
        }
        return parts.text
    }

    /// Where the account is in a profile link.
    package struct Profile: Equatable, Sendable {
        /// `x`, `telegram`, `instagram`, `facebook`, `tiktok`, `threads`, `youtube`, `bluesky`, `whatsapp`.
        package var platform: String
        /// The account name or id, or the invite code.
        package var account: String
        /// True for a chat invite (Telegram `+…`/`joinchat`, WhatsApp group links).
        package var isInvite: Bool
    }

    /// Reserved first path segments that are pages, not accounts.
    private static let notAccounts: Set<String> = [
        "i", "home", "search", "explore", "hashtag", "intent", "share", "settings", "notifications", "messages",
        "login", "signup", "about", "privacy", "tos", "help", "p", "reel", "reels", "stories", "tv", "watch",
        "results", "channel", "c", "embed", "tag", "discover", "music", "video", "status", "s", "addstickers", "iv",
    ]

    /// The hosts (once a `www.`, `m.` or `mobile.` before them is dropped) whose links `profile`
    /// reads; on any other it answers nil, which lets anonymise skip it by a look at the host.
    package static let profileHosts: Set<String> = [
        "x.com", "twitter.com", "t.me", "telegram.me", "instagram.com", "facebook.com", "fb.com", "tiktok.com",
        "threads.net", "threads.com", "youtube.com", "bsky.app", "chat.whatsapp.com",
    ]

    /// The account (or invite) in a profile link of a known platform; nil for other links.
    package static func profile(_ url: String) -> Profile? {
        guard let parts = parts(url) else { return nil }
        let host = parts.host.hasPrefix("www.") || parts.host.hasPrefix("m.") || parts.host.hasPrefix("mobile.")
            ? String(parts.host.drop { $0 != "." }.dropFirst()) : parts.host
        guard profileHosts.contains(host) else { return nil }
        let segments = parts.path.split(separator: "/").map(String.init)
        guard let first = segments.first else { return nil }
        switch host {
        case "x.com", "twitter.com":
            return notAccounts.contains(first.lowercased()) ? nil : Profile(platform: "x", account: first, isInvite: false)
        case "t.me", "telegram.me":
            if first.hasPrefix("+") { return Profile(platform: "telegram", account: String(first.dropFirst()), isInvite: true) }
            if first == "joinchat", segments.count > 1 { return Profile(platform: "telegram", account: segments[1], isInvite: true) }
            return notAccounts.contains(first.lowercased()) ? nil : Profile(platform: "telegram", account: first, isInvite: false)
        case "instagram.com":
            return notAccounts.contains(first.lowercased()) ? nil : Profile(platform: "instagram", account: first, isInvite: false)
        case "facebook.com", "fb.com":
            if first == "profile.php", let id = parts.query.first(where: { $0.name == "id" })?.value {
                return Profile(platform: "facebook", account: id, isInvite: false)
            }
            return notAccounts.contains(first.lowercased()) || first == "groups" || first == "events" ? nil
                : Profile(platform: "facebook", account: first, isInvite: false)
        case "tiktok.com":
            return first.hasPrefix("@") ? Profile(platform: "tiktok", account: String(first.dropFirst()), isInvite: false) : nil
        case "threads.net", "threads.com":
            return first.hasPrefix("@") ? Profile(platform: "threads", account: String(first.dropFirst()), isInvite: false) : nil
        case "youtube.com":
            return first.hasPrefix("@") ? Profile(platform: "youtube", account: String(first.dropFirst()), isInvite: false) : nil
        case "bsky.app":
            return first == "profile" && segments.count > 1 ? Profile(platform: "bluesky", account: segments[1], isInvite: false) : nil
        case "chat.whatsapp.com":
            return Profile(platform: "whatsapp", account: first, isInvite: true)
        default:
            return nil
        }
    }
}
