import ToetsModel

/// The dataset's own names as a dictionary: every account's display names and handles, which
/// anonymise looks for in every text (case- and diacritics-insensitive, whole words) and
/// replaces with the account's token, and the declared public names (`keep_names`), which
/// stay as written.
package struct NameDictionary: Sendable {
    /// The lists' words with the dictionary's words added.
    var words: WordTable
    /// Display names and handles, by word ids; the value indexes `accounts`.
    var names = PhraseTrie()
    /// Declared public names, by word ids.
    var kept = PhraseTrie()
    /// The raw account ids the names belong to.
    package private(set) var accounts: [String] = []
    /// How many names and handles are in the dictionary, and how many were left out as too
    /// ordinary to look for; for the report.
    package private(set) var entries = 0
    package private(set) var leftOut = 0
    /// The number of declared public names.
    package private(set) var keptCount = 0

    /// One name of an account, as the posts give it.
    package struct Entry: Sendable {
        package var name: String
        package var account: String
        /// How often the account used this name; a name two accounts used goes to the one
        /// that used it most (ties: the smaller account id).
        package var uses: Int

        package init(name: String, account: String, uses: Int) {
            self.name = name
            self.account = account
            self.uses = uses
        }
    }

    /// The display names and handles of `posts`, each with the account that used it most.
    package static func entries(of posts: [Post]) -> [Entry] {
        // One flat count per (name, account): an account posts thousands of times under one name.
        var uses: [NameUse: Int] = [:]
        for post in posts {
            if let name = post.displayName, !name.isEmpty { uses[NameUse(name: name, account: post.authorID), default: 0] += 1 }
            if let name = post.authorHandle, !name.isEmpty { uses[NameUse(name: name, account: post.authorID), default: 0] += 1 }
        }
        return uses.map { Entry(name: $0.key.name, account: $0.key.account, uses: $0.value) }
            .sorted { $0.name != $1.name ? $0.name < $1.name : $0.account < $1.account }
    }

    private struct NameUse: Hashable {
        var name: String
        var account: String
    }

    /// A dictionary of `entries` and the public names in `keep`, over the words of `lists`.
    package init(lists: NameLists, entries: [Entry], keep: [String]) {
        words = lists.words
        for name in keep {
            let folded = WordTokens.foldedWords(name)
            guard !folded.isEmpty else { continue }
            let ids = folded.map { words.insert($0, flags: 0) }
            kept.insert(ids, value: 1)
            words.addFlag(ids[0], NameLists.Flag.opensKept)
            keptCount += 1
        }
        // Each folded name goes to the account that used it most, then the smaller id.
        var winners: [[UInt8]: Entry] = [:]
        for entry in entries {
            let folded = WordTokens.foldedWords(entry.name)
            guard Self.isUsable(folded, lists: lists) else {
                leftOut += 1
                continue
            }
            let key = Array(folded.joined(separator: [0x20]))
            if let other = winners[key], other.uses > entry.uses || other.uses == entry.uses && other.account < entry.account {
                continue
            }
            winners[key] = entry
        }
        var accountIndex: [String: Int32] = [:]
        for (key, entry) in winners.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            let value = accountIndex[entry.account] ?? {
                accounts.append(entry.account)
                return Int32(accounts.count - 1)
            }()
            accountIndex[entry.account] = value
            let ids = key.split(separator: 0x20).map { words.insert(Array($0), flags: 0) }
            names.insert(ids, value: value)
            words.addFlag(ids[0], NameLists.Flag.opensName)
            self.entries += 1
        }
    }

    /// Whether anonymise looks for `name` in texts: usable, and not a declared public name.
    package func looksFor(_ name: String) -> Bool {
        let folded = WordTokens.foldedWords(name)
        guard !folded.isEmpty, names.valueOf(folded.compactMap { words.id(of: $0) }) != nil,
              folded.allSatisfy({ words.id(of: $0) != nil }) else { return false }
        return kept.valueOf(folded.compactMap { words.id(of: $0) }) == nil
    }

    /// Whether a name is specific enough to look for in every text: any name of two or more
    /// words; one word only if it has at least four characters and is not a common word, a
    /// title, an interfix or a place (a handle like `nieuws` or a display name like `Utrecht`
    /// would otherwise replace ordinary words).
    static func isUsable(_ folded: [[UInt8]], lists: NameLists) -> Bool {
        guard let first = folded.first else { return false }
        if folded.count > 1 { return folded.contains { $0.contains { $0 >= 0x61 && $0 <= 0x7A || $0 >= 0x80 } } }
        guard first.count >= 4, first.contains(where: { $0 >= 0x61 && $0 <= 0x7A || $0 >= 0x80 }) else { return false }
        let flags = lists.flags(first)
        return flags & (NameLists.Flag.common | NameLists.Flag.title | NameLists.Flag.interfix | NameLists.Flag.place) == 0
    }
}

extension PhraseTrie {
    /// The value stored for exactly `words`, if any.
    func valueOf(_ words: [Int32]) -> Int32? {
        var node: Int32 = 0
        for word in words {
            guard let next = step(node, word) else { return nil }
            node = next
        }
        return value(node)
    }
}
