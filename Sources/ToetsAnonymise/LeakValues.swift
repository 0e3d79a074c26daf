import ToetsModel

/// The raw values a leak audit looks for: canaries planted in the data on purpose, and a
/// seeded sample of the raw identifiers and text personal data of the ingested posts.
package enum LeakValues {
    /// One value per non-empty line of a canary list; `#` starts a comment line.
    package static func canaries(_ text: String, file: String) -> [(label: String, value: String)] {
        var values: [(label: String, value: String)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let value = line.trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty, !value.hasPrefix("#") else { continue }
            values.append(("canary on line \(number + 1) of \(file)", value))
        }
        return values
    }

    /// The identifiers of up to `count` posts drawn with `seed`: account and post ids (whole and
    /// without their namespace), handles (as `@handle` and as a JSON string, since a bare word
    /// could be an ordinary word of a post), referenced ids, and the personal data in the text.
    /// With `names` (the scanner anonymise used), also the author's display name where anonymise
    /// looks for it, and the names, addresses and dates of birth it finds in the text; declared
    /// public names (`keep_names`) are left out, since they are kept on purpose. Names are
    /// sampled only with two words or more: one word ("Willemijn", "StopDeWindmolens") may also
    /// be a hashtag, which stays as written.
    package static func sample(of posts: [Post], count: Int, seed: UInt64,
                               names: TextScanner? = nil) -> [(label: String, value: String)] {
        var random = SeededRandom(seed: seed)
        var chosen = Array(posts.indices)
        // A partial Fisher–Yates shuffle: the first `count` indices are a uniform sample.
        for index in 0..<min(count, chosen.count) {
            chosen.swapAt(index, index + Int(random.unit() * Double(chosen.count - index)))
        }
        var values: [(label: String, value: String)] = []
        for (number, index) in chosen.prefix(count).enumerated() {
            let post = posts[index]
            let name = "sampled post \(number + 1)"
            func id(_ field: String, _ value: String?) {
                guard let value else { return }
                values.append(("\(field) of \(name)", value))
                if let colon = value.firstIndex(of: ":"), value.index(after: colon) < value.endIndex {
                    values.append(("\(field) (without namespace) of \(name)", String(value[value.index(after: colon)...])))
                }
            }
            id("author_id", post.authorID)
            id("post_id", post.postID)
            id("ref_post_id", post.refPostID)
            id("ref_author_id", post.refAuthorID)
            for handle in [post.authorHandle].compactMap({ $0 }) + post.mentions {
                values.append(("handle of \(name)", "@" + handle))
                values.append(("handle of \(name)", "\"" + handle + "\""))
            }
            guard let names else {
                for match in PIIScanner.scan(post.text ?? "") where match.kind != .handle {
                    values.append(("\(match.kind.rawValue) in the text of \(name)", match.value))
                }
                continue
            }
            if let display = post.displayName, names.dictionary.looksFor(display), WordTokens.foldedWords(display).count > 1 {
                values.append(("display name of \(name)", display))
            }
            let text = Array((post.text ?? "").utf8)
            for match in names.scan(post.text ?? "").matches where match.kind != .handle
                && (match.kind != .person || text[match.range].contains(0x20)) {
                // As written in the text: the normalised value of a name is not what a leak looks like.
                let written = String(decoding: text[match.range], as: UTF8.self)
                values.append(("\(match.account == nil ? match.kind.rawValue : "display name or handle") in the text of \(name)",
                               written))
            }
        }
        return values
    }
}
