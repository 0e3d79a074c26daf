import Foundation
import ToetsModel

/// `uses: anonymise` — raw normalized posts (or ground-truth labels) in; pseudonymised posts
/// (or labels) and an anonymisation report out. Nothing after this stage sees a raw
/// identifier: the runner refuses methods and evaluation stages that read ingest output any
/// other way.
package struct AnonymiseStage: BuiltinStage {
    package init() {}

    package let kind = "anonymise"
    /// 2: PIIScanner 2. 3: the report describes the data (platforms, days, ingest totals).
    /// 4: labels keep a `coordination` column (a kind of legitimate coordination), which was dropped.
    /// 5: labels keep an `inclusion_probability` column (the sampling design), which was dropped.
    /// 6: people's names (display names and handles of the dataset, and the name lists), street
    /// addresses, dates of birth and grouped BSNs in text; `keep_names`.
    /// 7: a posts artefact past 2 GiB is stored whole; version 6 wrote it with Foundation's
    /// `Data.write(to:)`, whose file past 2 GiB has the right size and wrong bytes, so a cached
    /// version-6 result of a large input must not be reused. Smaller outputs are unchanged.
    /// 8: a second posts output, `posts.columns` (PostColumns), the posts in a binary form for
    /// built-in methods; `posts` is unchanged, `report` names the version.
    package let version = 8
    package let role = StageRole.data
    package let personalData = PersonalDataEffect.removes
    package let parameters = [
        ParameterSpec("records", .string, default: .string("posts"),
                      summary: "what is pseudonymised: posts (the `posts` artefact of an ingest stage) or labels "
                          + "(a ground-truth CSV " + LabelsAnonymiser.columns.joined(separator: ",") + ")"),
        ParameterSpec("key_file", .string, default: .string(""), entersKey: false,
                      summary: "absolute path (or ~/…) of the pseudonymisation key, mode 0600, at least 32 bytes; "
                          + "default $\(PseudonymKey.fileVariable), else the hex key in $\(PseudonymKey.hexVariable). "
                          + "Its key id, not its path, enters the cache key"),
        ParameterSpec("k", .integer, default: .int(5), summary: "the k of the k-anonymity check on account metadata"),
        ParameterSpec("small_classes", .string, default: .string(KAnonymity.Policy.generalise.rawValue),
                      summary: "accounts in classes smaller than k: generalise (coarsen, then suppress their metadata) or fail"),
        ParameterSpec("max_suppressed", .number, default: .double(0.05),
                      summary: "generalise: the largest share of accounts whose metadata may be suppressed at a level"),
        ParameterSpec("name_lists", .string, default: .string(""), entersKey: false,
                      summary: "absolute path (or ~/…) of the folder `make name-lists` fills with " + NameLists.source
                          + "; default $\(NameLists.folderVariable). The digest of the lists, not the path, enters the cache key"),
        ParameterSpec("keep_names", .list, default: .list([]),
                      summary: "names of public figures (candidates, office holders, parties) left as written in text, "
                          + "whole words, case- and diacritics-insensitive; the leak audit does not count them"),
    ]

    enum Records: String { case posts, labels }

    struct Options {
        var records: Records
        var keyFile: String?
        var kAnonymity: KAnonymity
        var nameLists: String?
        var keepNames: [String]
    }

    func options(_ parameters: [String: ParamValue]) throws(StageParameterError) -> Options {
        guard let records = parameters["records"]?.stringValue.flatMap(Records.init) else {
            throw StageParameterError(parameter: "records", problem: "must be posts or labels")
        }
        let keyFile = parameters["key_file"]?.stringValue ?? ""
        guard case .int(let k)? = parameters["k"], k >= 1 else {
            throw StageParameterError(parameter: "k", problem: "must be a whole number of at least 1 (5 is usual)")
        }
        guard let policy = parameters["small_classes"]?.stringValue.flatMap(KAnonymity.Policy.init) else {
            throw StageParameterError(parameter: "small_classes", problem: "must be generalise or fail")
        }
        guard let share = parameters["max_suppressed"]?.numberValue, (0...1).contains(share) else {
            throw StageParameterError(parameter: "max_suppressed", problem: "must be a share between 0 and 1")
        }
        let lists = parameters["name_lists"]?.stringValue ?? ""
        var keep: [String] = []
        if case .list(let items)? = parameters["keep_names"] {
            for item in items {
                guard let name = item.stringValue, !WordTokens.foldedWords(name).isEmpty else {
                    throw StageParameterError(parameter: "keep_names", problem: "must be a list of names, each with at least one word")
                }
                keep.append(name)
            }
        }
        return Options(records: records, keyFile: keyFile.isEmpty ? nil : keyFile,
                       kAnonymity: KAnonymity(k: k, policy: policy, maxSuppressed: share),
                       nameLists: lists.isEmpty ? nil : lists, keepNames: keep)
    }

    /// The scanner that finds personal data in the texts of `posts` under the stage's
    /// `parameters`: the name lists, the posts' display names and handles, the public names
    /// kept. The leak audit uses the same, to sample what anonymise looks for.
    package func textScanner(for posts: [Post], parameters: [String: ParamValue],
                             environment: [String: String]) throws -> TextScanner {
        let options = try options(parameters)
        return Self.textScanner(lists: try NameLists.load(folder: NameLists.folder(options.nameLists, environment: environment)),
                                posts: posts, keep: options.keepNames)
    }

    /// The scanner over `lists` with the display names and handles of `posts` and the public names `keep`.
    static func textScanner(lists: NameLists, posts: [Post], keep: [String]) -> TextScanner {
        TextScanner(lists: lists, dictionary: NameDictionary(lists: lists, entries: NameDictionary.entries(of: posts), keep: keep))
    }

    /// The name under which the name lists enter the key.
    static let nameListsKeyName = "name lists (Deduce 3.0.6)"

    package func externalData(parameters: [String: ParamValue], environment: [String: String],
                              fileDigest: (String) throws -> Digest) throws -> [String: Digest] {
        let options = try options(parameters)
        guard options.records == .posts else { return [:] }
        return [Self.nameListsKeyName: try NameLists.digest(folder: NameLists.folder(options.nameLists, environment: environment),
                                                            fileDigest: fileDigest)]
    }

    package func outputs(parameters: [String: ParamValue]) throws(StageParameterError) -> [String] {
        let records = try options(parameters).records
        return [records.rawValue] + (records == .posts ? [PostColumns.artefactName] : []) + ["report"]
    }

    package func keyIDs(parameters: [String: ParamValue], environment: [String: String]) throws -> [String] {
        [try PseudonymKey.resolve(file: try options(parameters).keyFile, environment: environment).id]
    }

    package func secretFiles(parameters: [String: ParamValue], environment: [String: String]) -> [SecretFile] {
        guard let options = try? options(parameters),
              let path = PseudonymKey.filePath(file: options.keyFile, environment: environment) else { return [] }
        return [SecretFile(path: path, parameter: options.keyFile == nil ? nil : "key_file")]
    }

    package func run(_ context: any StageContext) async throws {
        let options = try options(context.parameters)
        let key = try PseudonymKey.resolve(file: options.keyFile, environment: context.environment)
        let pseudonyms = Pseudonymizer(key: key)
        switch options.records {
        case .posts:
            let candidates = context.inputs.filter { $0.key.hasSuffix(".posts") }
            guard candidates.count == 1, let (name, input) = candidates.first else {
                throw AnonymiseError.inputs("needs exactly one artefact named posts (from an ingest stage); it has "
                    + (context.inputs.keys.sorted().joined(separator: ", ").nilIfEmpty ?? "none"))
            }
            // The name lists load on another core while the posts are read.
            let folder = try NameLists.folder(options.nameLists, environment: context.environment)
            let loading = Task.detached { try NameLists.load(folder: folder) }
            var posts = try Self.readPosts(input.path, name: name)
            let lists = try await loading.value
            let ingestReport = context.inputs.first { $0.key.hasSuffix(".report") }
                .flatMap { FileManager.default.contents(atPath: $0.value.path) }.map { Array($0) }
            // What the data is, in counts, for reports that may not read the raw ingest stage;
            // counted while the dictionary of the posts' names is made.
            let keep = options.keepNames
            let (facts, scanner) = try concurrently({ [posts] in Self.dataFacts(posts, ingestReport: ingestReport) },
                                                    { [posts] in Self.textScanner(lists: lists, posts: posts, keep: keep) })
            // Each raw post is freed as it is anonymised, and each anonymised post as its line is written.
            var (anonymised, report) = try Self.anonymise(taking: &posts, pseudonyms: pseudonyms, kAnonymity: options.kAnonymity,
                                                          scanner: scanner, progress: context.progress)
            posts = []
            if case .map(var entries) = report {
                entries["data"] = facts
                report = .map(entries)
            }
            // Stored from memory: hashed as it is, not written to a scratch file and read back to hash it.
            // The binary form built-in methods read (PostColumns) is made before writing the lines
            // frees the posts, and bound to the lines' digest once they are stored.
            var columns = PostColumns.write(anonymised)
            let lines = Self.canonicalLines(taking: &anonymised)
            anonymised = []
            PostColumns.bind(&columns, to: try await context.storeOutput("posts", bytes: lines))
            try await context.storeOutput(PostColumns.artefactName, bytes: columns)
            try await context.storeOutput("report", bytes: Array(report.canonicalJSON.utf8) + [0x0A])
        case .labels:
            guard context.inputs.count == 1, let (name, input) = context.inputs.first else {
                throw AnonymiseError.inputs("with records: labels needs exactly one artefact, a labels CSV; it has "
                    + (context.inputs.keys.sorted().joined(separator: ", ").nilIfEmpty ?? "none"))
            }
            guard let data = FileManager.default.contents(atPath: input.path) else {
                throw AnonymiseError.inputs("cannot read \(name)")
            }
            let result = try LabelsAnonymiser.anonymise(String(decoding: data, as: UTF8.self), file: name, pseudonyms: pseudonyms)
            try await context.storeOutput("labels", bytes: result.csv)
            let report = ParamValue.map([
                "schema_version": .int(1), "stage": .string("\(kind) \(version)"), "records": .string("labels"),
                "key_id": .string(key.id), "pseudonym_format": .string(Self.pseudonymFormat),
                "rows": .int(result.rows), "accounts": .int(result.accounts),
                "replaced": .map(["account ids": .int(result.rows)]),
                "dropped": .list(result.droppedColumns.map { .string("column \($0)") }),
            ])
            try await context.storeOutput("report", bytes: Array(report.canonicalJSON.utf8) + [0x0A])
        }
    }

    /// Counts that describe the data without naming anyone or anything a person chose (no
    /// archive or entry names): posts per platform, the first and last day, and the ingest
    /// report's totals where the ingest stage's `report` is an input.
    static func dataFacts(_ posts: [Post], ingestReport: [UInt8]?) -> ParamValue {
        var platforms: [String: ParamValue] = [:]
        var perPlatform: [String: Int] = [:]
        for post in posts { perPlatform[post.platform, default: 0] += 1 }
        for (platform, count) in perPlatform { platforms[platform] = .int(count) }
        var facts: [String: ParamValue] = [
            "platforms": .map(platforms),
            "first_day": posts.map(\.createdAt).min().map { .string(UTCTime.isoDay($0)) } ?? .null,
            "last_day": posts.map(\.createdAt).max().map { .string(UTCTime.isoDay($0)) } ?? .null,
        ]
        if let bytes = ingestReport, let root = try? JSONDocument(bytes).root, root["posts_written"] != nil {
            // The report lists a bounded number of entries; its totals cover all of them.
            var formats: [String: Int] = [:]
            if let perFormat = root["posts_per_format"]?.members {
                for (format, count) in perFormat { formats[format] = Int(count.int64 ?? 0) }
            } else {
                for entry in root["entries"]?.elements ?? [] {
                    formats[entry["format"]?.string ?? "", default: 0] += Int(entry["posts"]?.int64 ?? 0)
                }
            }
            var reasons: [String: ParamValue] = [:]
            for (reason, count) in root["quarantine_reasons"]?.members ?? [] { reasons[reason] = .int(Int(count.int64 ?? 0)) }
            func count(_ key: StaticString) -> ParamValue { .int(Int(root[key]?.int64 ?? 0)) }
            var ingest: [String: ParamValue] = [:]
            ingest["schema_version"] = .int(1)
            ingest["archive_count"] = .int(root["archives"]?.members.count ?? 0)
            ingest["entry_count"] = .int(Int(root["entries_read"]?.int64 ?? Int64(root["entries"]?.elements.count ?? 0)))
            ingest["posts_per_format"] = .map(formats.mapValues { .int($0) })
            ingest["records"] = count("records")
            ingest["posts_written"] = count("posts_written")
            ingest["duplicates_dropped"] = count("duplicates_dropped")
            ingest["quarantined"] = count("quarantined")
            ingest["quarantine_reasons"] = .map(reasons)
            facts["ingest"] = .map(ingest)
        }
        return .map(facts)
    }

    static let pseudonymFormat = "p1.<key id>.<base32 of the first 80 bits of HMAC-SHA256(key, domain ‖ 0 ‖ platform ‖ 0 ‖ "
        + "normalised value)>; domains: " + Pseudonymizer.Domain.allCases.map(\.rawValue).joined(separator: ", ")

    /// Reads a posts artefact of raw posts, naming the line and field of a bad record.
    package static func readPosts(_ path: String, name: String) throws -> [Post] {
        guard let bytes = readBytes(path) else { throw AnonymiseError.inputs("cannot read \(name)") }
        let posts = try Post.decodeLines(bytes, artefact: name)
        // By bytes: "p", "1" and "." take part in no canonical composition, so this is hasPrefix's answer.
        if let index = posts.firstIndex(where: { $0.authorID.utf8.starts(with: "p1.".utf8) }) {
            throw AnonymiseError.badPost(artefact: name, line: index + 1, problem:
                "author_id is already a pseudonym; anonymise reads the raw posts of an ingest stage")
        }
        return posts
    }

    /// The bytes of the file at `path`, read straight into an array (not through a Data copied
    /// once more); nil if it cannot be read whole.
    static func readBytes(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        let size = Int(status.st_size)
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            while initialized < size {
                let count = read(descriptor, buffer.baseAddress! + initialized, size - initialized)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                initialized += count
            }
            complete = initialized == size
        }
        return complete ? bytes : nil
    }

    /// The pseudonymised posts in canonical order, and the anonymisation report; `progress` is
    /// told the posts anonymised of the posts in.
    package static func anonymise(_ posts: [Post], pseudonyms: Pseudonymizer, kAnonymity: KAnonymity,
                                  scanner: TextScanner?, progress: StageProgress? = nil) throws -> ([Post], ParamValue) {
        var taken = posts
        return try anonymise(taking: &taken, pseudonyms: pseudonyms, kAnonymity: kAnonymity, scanner: scanner, progress: progress)
    }

    /// `anonymise(_:pseudonyms:kAnonymity:scanner:progress:)` that frees each raw post as it
    /// anonymises it (`PostAnonymiser.anonymiseAll(taking:)`); `posts` is left holding empty posts.
    static func anonymise(taking posts: inout [Post], pseudonyms: Pseudonymizer, kAnonymity: KAnonymity,
                          scanner: TextScanner?, progress: StageProgress? = nil) throws -> ([Post], ParamValue) {
        let postCount = posts.count
        // One set of quasi-identifiers per account: its creation time, and its follower count
        // in its latest post, so that follower changes over time do not single it out.
        // Counted while the anonymiser reads the posts' handles: two passes over the posts, one on each core.
        let ((accounts, release), anonymiser) = try concurrently({ [posts] in
            var accounts: [String: KAnonymity.Account] = [:]
            for post in posts {
                // Changed in place: one look-up per post.
                Self.update(&accounts[post.authorID, default: KAnonymity.Account(platform: post.platform, createdAt: nil,
                                                                                 followers: nil)], with: post)
            }
            return (accounts, try kAnonymity.release(accounts))
        }, { [posts] in PostAnonymiser(pseudonyms: pseudonyms, posts: posts, scanner: scanner) })
        progress?.begin("anonymising posts", unit: "posts", total: Int64(postCount))
        var (result, counts) = anonymiser.anonymiseAll(taking: &posts, metadata: release.metadata, progress: progress)
        PostAnonymiser.sortCanonically(&result)

        var textCounts: [String: ParamValue] = [:]
        var otherCounts: [String: ParamValue] = [:]
        for (type, count) in counts.byType {
            if type.hasPrefix("text: ") { textCounts[String(type.dropFirst(6))] = .int(count) } else { otherCounts[type] = .int(count) }
        }
        let suppressedSample = release.suppressed.prefix(100).map { ParamValue.string(pseudonyms.pseudonym(.account,
            platform: PostAnonymiser.platform(of: $0, fallback: accounts[$0]!.platform), $0)) }
        let report = ParamValue.map([
            "schema_version": .int(1),
            "stage": .string("anonymise \(AnonymiseStage().version)"),
            "records": .string("posts"),
            "key_id": .string(pseudonyms.key.id),
            "pseudonym_format": .string(pseudonymFormat),
            "posts": .int(postCount),
            "accounts": .int(accounts.count),
            "replaced": .map(otherCounts),
            "text_personal_data": .map([
                "recognizer": .string("PIIScanner \(PIIScanner.version): e-mail, phone (Dutch and E.164), IBAN (ISO 13616 "
                    + "mod-97), BSN (11-test; also in groups such as 1234.56.782), postcode (cut to its 4 digits), licence "
                    + "plate (RDW side codes), @handle, profile links (X, Telegram, Instagram, Facebook, TikTok, YouTube, "
                    + "Threads, Bluesky), chat invites; TextScanner \(TextScanner.version): the dataset's display names and "
                    + "handles as a dictionary (whole words, case and diacritics ignored), people's names (name lists with "
                    + "cues, titles, initials and interfixes), street + house number, dates of birth after a cue"),
                "tokens": .string("<EMAIL:…>, <PHONE:…>, <IBAN:…>, <BSN:…>, <PLATE:…>, <HANDLE:…>, <POSTCODE:1234>, "
                    + "<PERSON:…> (a display name or handle: its account's pseudonym; another name: the name's), "
                    + "<ADDRESS:…> (a postcode after it stays <POSTCODE:1234>), <BIRTHDATE:…>; "
                    + "profile links keep host and path with the account pseudonymised"),
                "replaced": .map(textCounts),
                "names": scanner.map { scanner in .map([
                    "lists": .string(NameLists.source),
                    "lists_digest": .string(scanner.lists.digest.hex),
                    "dictionary_names": .int(scanner.dictionary.entries),
                    "dictionary_left_out": .string("\(scanner.dictionary.leftOut) display names or handles of one ordinary "
                        + "word or fewer than four characters (not looked for)"),
                    "keep_names": .int(scanner.dictionary.keptCount),
                ]) } ?? .null,
            ]),
            "kept": .list(["created_at (to the second)", "kind", "hashtags", "language", "platform",
                           "link hosts and paths (tracking parameters removed)"].map(ParamValue.string)),
            "dropped": .list(["display names (read as a dictionary of names, then dropped)",
                              "bios, avatars, locations and exact geo: not carried by normalized posts (ingest leaves them out)"]
                .map(ParamValue.string)),
            "generalised": .map([
                "account_created_at": .string("start (UTC) of the day, month or year of creation, per the k-anonymity level"),
                "followers": .string("lower bound of a log2, log4 or log16 bin (0, 1, 2, 4, …), from the account's latest post"),
            ]),
            "k_anonymity": .map([
                "k": .int(kAnonymity.k),
                "policy": .string(kAnonymity.policy.rawValue),
                "max_suppressed": .double(kAnonymity.maxSuppressed),
                "quasi_identifiers": .list(["platform", "account_created_at", "followers"].map(ParamValue.string)),
                "levels_tried": .list(release.tried.map { level in
                    .map(["level": .string(level.level.summary), "classes": .int(level.classes),
                          "accounts_in_classes_smaller_than_k": .int(level.accountsInSmallClasses)])
                }),
                "level": .string(release.level.summary),
                "accounts_without_metadata": .int(release.withoutMetadata),
                "accounts_suppressed": .int(release.suppressed.count),
                "accounts_suppressed_first_100": .list(suppressedSample),
                "result": .string(release.suppressed.isEmpty
                    ? "every class holds at least \(kAnonymity.k) accounts"
                    : "every released class holds at least \(kAnonymity.k) accounts; the metadata of "
                        + "\(release.suppressed.count) accounts in smaller classes was suppressed"),
            ]),
        ])
        return (result, report)
    }

    /// The account's earliest creation time and its latest follower count, with `post` seen.
    private static func update(_ account: inout KAnonymity.Account, with post: Post) {
        account.createdAt = post.accountCreatedAt.map { min($0, account.createdAt ?? $0) } ?? account.createdAt
        account.followers = post.followers ?? account.followers  // posts come sorted by time
    }
}

/// Why the anonymise stage stopped.
package enum AnonymiseError: Error, CustomStringConvertible {
    case inputs(String)
    case badPost(artefact: String, line: Int, problem: String)

    package var description: String {
        switch self {
        case .inputs(let problem): "anonymise: \(problem)"
        case .badPost(let artefact, let line, let problem): "anonymise: \(artefact) line \(line): \(problem)"
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
