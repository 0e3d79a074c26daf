import Foundation
import ToetsModel

/// The published word lists the name and address recognizers read at run time: Deduce 3.0.6's
/// lookup lists (PyPI `deduce`, LGPL-3.0, UMC Utrecht: first names, surnames, interfixes,
/// titles, common words, places, streets). They are never part of the repository: `make
/// name-lists` downloads the pinned wheel into `.build-lists/` and unpacks its lists; a run
/// names the folder with the anonymise parameter `name_lists` or `$TOETS_NAME_LISTS`. The
/// digest of every file read enters the anonymise key, so other lists rerun the stage.
package struct NameLists: Sendable {
    /// The variable naming the folder.
    package static let folderVariable = "TOETS_NAME_LISTS"
    /// The source the folder must hold, for messages and the report.
    package static let source = "Deduce 3.0.6 lookup lists (PyPI deduce, LGPL-3.0, UMC Utrecht)"

    /// What a word of the lists is; a word can be several.
    package enum Flag {
        static let firstName: UInt32 = 1 << 0
        static let surname: UInt32 = 1 << 1
        static let interfix: UInt32 = 1 << 2
        static let title: UInt32 = 1 << 3
        /// A common Dutch word or stop word.
        static let common: UInt32 = 1 << 4
        static let place: UInt32 = 1 << 5
        /// A word of a street name.
        static let street: UInt32 = 1 << 6
        /// The first word of a cue for a name ("t.n.v.", "mijn naam is", `NameRecognizer.cues`).
        static let opensCue: UInt32 = 1 << 7
        /// The first word of a title or interfix of several words ("de heer", "van der").
        static let opensPhrase: UInt32 = 1 << 8
        /// The first word of a street of several words.
        static let opensStreet: UInt32 = 1 << 9
        /// A cue for a date of birth ("geboren", "geb").
        static let birthCue: UInt32 = 1 << 10
        /// The first word of a display name or handle of the dataset (`NameDictionary`).
        static let opensName: UInt32 = 1 << 11
        /// The first word of a declared public name (`NameDictionary`).
        static let opensKept: UInt32 = 1 << 12
    }

    /// The files read, relative to the folder, in the order their digests enter the key; each
    /// with the flag its words get, and whether it removes words from the list before it.
    static let files: [(path: String, flag: UInt32, removes: Bool)] = [
        ("deduce/names/lst_first_name/items.txt", Flag.firstName, false),
        ("deduce/names/lst_first_name/exceptions.txt", Flag.firstName, true),
        ("deduce/names/lst_surname/items.txt", Flag.surname, false),
        ("deduce/names/lst_surname/exceptions.txt", Flag.surname, true),
        ("deduce/names/lst_interfix_surname/items.txt", Flag.surname, false),
        ("deduce/names/lst_interfix/items.txt", Flag.interfix, false),
        ("deduce/names/lst_prefix/items.txt", Flag.title, false),
        ("deduce/whitelist/lst_common_word/items.txt", Flag.common, false),
        ("deduce/whitelist/lst_stop_word/items.txt", Flag.common, false),
        ("deduce/locations/lst_placename/lst_municipality/items.txt", Flag.place, false),
        ("deduce/locations/lst_placename/lst_residence/items.txt", Flag.place, false),
        ("deduce/locations/lst_placename/lst_province/items.txt", Flag.place, false),
        ("deduce/locations/lst_placename/lst_region/items.txt", Flag.place, false),
        ("deduce/locations/lst_street/items.txt", Flag.street, false),
    ]

    /// Every word of the lists, folded (`WordTokens.fold`), with its flags.
    let words: WordTable
    /// Streets of several words (`Oude Gracht`, `Prins Hendrikkade`), by word ids.
    let streets: PhraseTrie
    /// Interfixes and titles of several words (`van der`, `de heer`), by word ids.
    let phrases: PhraseTrie
    /// The recognizer's cues (`NameRecognizer.cues`), by word ids.
    let cues: PhraseTrie
    /// The digest of the files read (their paths and contents), for the anonymise key.
    package let digest: Digest

    /// Why the lists could not be read.
    package enum LoadError: Error, CustomStringConvertible, Equatable {
        case none
        case notAbsolute(path: String)
        case missingFile(folder: String, file: String)

        package var description: String {
            switch self {
            case .none:
                "anonymise needs the name lists (\(NameLists.source)) to find people's names and addresses in text: "
                    + "run `make name-lists` in the Toets repository (it downloads the pinned wheel into .build-lists/name-lists; "
                    + "`scripts/fetch-name-lists.sh FOLDER` puts them elsewhere) and give that folder as name_lists in the "
                    + "stage's with:, or set $\(NameLists.folderVariable) to it"
            case .notAbsolute(let path):
                "name lists folder '\(path)' must be an absolute path or start with ~/"
            case .missingFile(let folder, let file):
                "name lists folder \(folder) has no \(file): it must hold \(NameLists.source) as `make name-lists` unpacks "
                    + "them (deduce/names, deduce/locations, deduce/whitelist); run `make name-lists` again"
            }
        }
    }

    /// The folder a stage reads: `folder` (absolute, or `~/…`), else `$TOETS_NAME_LISTS`.
    package static func folder(_ folder: String?, environment: [String: String]) throws(LoadError) -> String {
        guard var path = folder ?? environment[folderVariable].flatMap({ $0.isEmpty ? nil : $0 }) else { throw .none }
        if path.hasPrefix("~/"), let home = environment["HOME"] { path = home + path.dropFirst() }
        guard path.hasPrefix("/") else { throw .notAbsolute(path: path) }
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// The digest of the lists in `folder`, without building the tables (for the cache key).
    package static func digest(folder: String) throws(LoadError) -> Digest {
        try digest(folder: folder) { path in
            guard let data = FileManager.default.contents(atPath: path) else { throw LoadError.none }
            return Digest.sha256(of: [UInt8](data))
        }
    }

    /// The same digest, with `fileDigest` giving each file's SHA-256 by its path (the runner's,
    /// which remembers the digests of files that did not change).
    package static func digest(folder: String, fileDigest: (String) throws -> Digest) throws(LoadError) -> Digest {
        var preimage = CanonicalPreimage(domain: "toets/name-lists", version: 1)
        for file in files {
            preimage.append(file.path)
            do { preimage.append(try fileDigest(folder + "/" + file.path)) } catch {
                throw .missingFile(folder: folder, file: file.path)
            }
        }
        return preimage.digest()
    }

    private static func contents(_ folder: String, _ file: String) throws(LoadError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: folder + "/" + file) else {
            throw .missingFile(folder: folder, file: file)
        }
        return [UInt8](data)
    }

    /// Reads the lists in `folder`.
    package static func load(folder: String) throws(LoadError) -> NameLists {
        var contents: [[UInt8]] = []
        for file in files { contents.append(try Self.contents(folder, file.path)) }
        return NameLists(files: zip(files, contents).map { ($0.0.flag, $0.0.removes, $0.1) }, digestOf: files.map(\.path))
    }

    /// Builds the tables from list texts (one entry a line): `(flag, removes, bytes)`.
    init(files lists: [(flag: UInt32, removes: Bool, bytes: [UInt8])], digestOf paths: [String]) {
        var words = WordTable(capacity: 200_000)
        var streets = PhraseTrie()
        var phrases = PhraseTrie()
        var removed: [UInt32: Set<[UInt8]>] = [:]
        var preimage = CanonicalPreimage(domain: "toets/name-lists", version: 1)
        for (index, list) in lists.enumerated() {
            if index < paths.count {
                preimage.append(paths[index])
                preimage.append(Digest.sha256(of: list.bytes))
            }
            for line in list.bytes.split(separator: 0x0A) {
                let entry = Self.trimmed(line)
                guard !entry.isEmpty, !entry.hasPrefix("#") else { continue }
                let folded = WordTokens.foldedWords(entry)
                guard !folded.isEmpty else { continue }
                if list.removes {
                    if folded.count == 1 { removed[list.flag, default: []].insert(folded[0]) }
                    continue
                }
                // A removed entry (a first name that is mostly a word) gets no flag from its list.
                if folded.count == 1, removed[list.flag]?.contains(folded[0]) == true { continue }
                switch list.flag {
                case Flag.street:
                    let ids = folded.map { words.insert($0, flags: folded.count == 1 ? Flag.street : 0) }
                    if ids.count > 1 {
                        streets.insert(ids, value: 1)
                        words.addFlag(ids[0], Flag.opensStreet)
                    }
                case Flag.interfix, Flag.title:
                    // "de heer" is a title, "de" alone is not: phrases flag no single word.
                    let ids = folded.map { words.insert($0, flags: folded.count == 1 ? list.flag : 0) }
                    if ids.count > 1 {
                        phrases.insert(ids, value: Int32(list.flag))
                        words.addFlag(ids[0], Flag.opensPhrase)
                    }
                case Flag.surname:
                    // "El Amrani", "'t Hart": the last word is the surname; "el" is no surname.
                    for (index, word) in folded.enumerated() { words.insert(word, flags: index == folded.count - 1 ? list.flag : 0) }
                default:
                    // A place of several words ("Sint Maarten", "Bergen op Zoom") makes no single word a place.
                    for word in folded { words.insert(word, flags: folded.count == 1 ? list.flag : 0) }
                }
            }
        }
        // The exceptions apply to what came before them too.
        for (flag, set) in removed {
            for word in set { if let id = words.id(of: word) { words.clearFlag(id, flag) } }
        }
        // The recognizer's own cues: flags on words, so that a word is looked up once.
        var cues = PhraseTrie()
        for cue in NameRecognizer.cues {
            let ids = cue.map { words.insert(Array($0.utf8), flags: 0) }
            cues.insert(ids, value: 1)
            words.addFlag(ids[0], Flag.opensCue)
        }
        for cue in TextScanner.birthCues { words.insert(cue, flags: Flag.birthCue) }
        self.cues = cues
        self.words = words
        self.streets = streets
        self.phrases = phrases
        digest = preimage.digest()
    }

    /// A line of a list without white space at its ends. Most lines have none: they skip
    /// Foundation's trimming, which stays for the rest (it knows every Unicode space).
    static func trimmed(_ line: ArraySlice<UInt8>) -> String {
        func plain(_ byte: UInt8?) -> Bool { byte.map { $0 > 0x20 && $0 < 0x7F } ?? false }
        let text = String(decoding: line, as: UTF8.self)
        return plain(line.first) && plain(line.last) ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Lists given in code, for tests: each entry a line.
    init(firstNames: [String] = [], surnames: [String] = [], interfixes: [String] = [], titles: [String] = [],
         common: [String] = [], places: [String] = [], streets: [String] = []) {
        func text(_ list: [String]) -> [UInt8] { Array(list.joined(separator: "\n").utf8) }
        self.init(files: [(Flag.firstName, false, text(firstNames)), (Flag.surname, false, text(surnames)),
                          (Flag.interfix, false, text(interfixes)), (Flag.title, false, text(titles)),
                          (Flag.common, false, text(common)), (Flag.place, false, text(places)),
                          (Flag.street, false, text(streets))],
                  digestOf: ["first", "surname", "interfix", "title", "common", "place", "street"])
    }

    /// The flags of a folded word; 0 for a word the lists do not have.
    func flags(_ word: [UInt8]) -> UInt32 {
        words.id(of: word).map { words.flags[Int($0)] } ?? 0
    }
}

extension WordTable {
    mutating func clearFlag(_ id: Int32, _ flag: UInt32) {
        setFlags(id, flags[Int(id)] & ~flag)
    }

    mutating func addFlag(_ id: Int32, _ flag: UInt32) {
        setFlags(id, flags[Int(id)] | flag)
    }
}
