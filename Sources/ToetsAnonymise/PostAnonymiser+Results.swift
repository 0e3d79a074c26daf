extension PostAnonymiser {
    /// A text, link or handle on a platform, as the results memo knows it.
    struct Remembered: Hashable, Sendable {
        enum Kind: UInt8, Hashable, Sendable { case text, link, handle }

        var kind: Kind
        var platform: String
        var value: String

        /// What it became, and the counts anonymising it added.
        struct Result: Sendable {
            var text: String
            var counts: AnonymisationCounts
        }
    }

    /// `make`'s result for `value`, made once: what a text, link or handle becomes depends only on
    /// it, its platform, the key and what the initialiser read, so a remembered result and the
    /// counts it added are what making it again would give, and the output and the counts do not
    /// depend on what was remembered.
    mutating func remembering(_ kind: Remembered.Kind, _ value: String, platform: String,
                              _ make: (inout PostAnonymiser) -> String) -> String {
        let key = Remembered(kind: kind, platform: platform, value: value)
        if let known = results[key] {
            counts.add(known.counts)
            return known.text
        }
        // Counted apart, so that the memo holds what this value alone added.
        let before = counts
        counts = AnonymisationCounts()
        let made = make(&self)
        let added = counts
        counts = before
        counts.add(added)
        results.remember(Remembered.Result(text: made, counts: added), for: key)
        return made
    }
}
