import Foundation
import ToetsModel

/// An account's metadata as released: creation date and follower count, generalised.
package struct GeneralisedMetadata: Hashable, Sendable {
    /// The start (UTC epoch seconds) of the day, month or year the account was created.
    package var createdAt: Int64?
    /// The lower bound of the follower bin: 0, or a power of 2 (4, 16 at coarser levels).
    package var followers: Int64?
}

/// Generalises account metadata until every class of accounts that share their
/// quasi-identifiers (platform, creation date, follower bin) holds at least k accounts
/// (Sweeney 2002), raising one level for all accounts at a time (full-domain generalisation)
/// and suppressing the metadata of the accounts still in small classes.
package struct KAnonymity: Sendable {
    /// How far metadata is generalised.
    package enum Level: Int, Sendable, CaseIterable, Codable {
        /// Creation day, followers in powers of 2.
        case day = 0
        /// Creation month, followers in powers of 4.
        case month = 1
        /// Creation year, followers in powers of 16.
        case year = 2

        package var summary: String {
            switch self {
            case .day: "creation day, followers in log2 bins"
            case .month: "creation month, followers in log4 bins"
            case .year: "creation year, followers in log16 bins"
            }
        }
    }

    /// What to do about accounts in classes smaller than k.
    package enum Policy: String, Sendable, CaseIterable {
        /// Raise the level until at most `maxSuppressed` of the accounts are in small classes,
        /// then drop their metadata.
        case generalise
        /// Fail the stage if any class at day level is smaller than k.
        case fail
    }

    /// One account's quasi-identifiers before generalisation.
    package struct Account: Hashable, Sendable {
        package var platform: String
        package var createdAt: Int64?
        package var followers: Int64?

        package init(platform: String, createdAt: Int64?, followers: Int64?) {
            self.platform = platform
            self.createdAt = createdAt
            self.followers = followers
        }
    }

    /// What one level gave.
    package struct LevelResult: Sendable, Equatable, Codable {
        package var level: Level
        package var classes: Int
        package var accountsInSmallClasses: Int
    }

    /// The release: per account its metadata, and how it was chosen.
    package struct Release: Sendable {
        package var level: Level
        package var tried: [LevelResult]
        /// Accounts (keys of the input) whose metadata was suppressed, sorted.
        package var suppressed: [String]
        /// Accounts that had no metadata to begin with.
        package var withoutMetadata: Int
        package var metadata: [String: GeneralisedMetadata]
    }

    /// Accounts in classes smaller than k under the `fail` policy.
    package struct SmallClasses: Error, CustomStringConvertible {
        package var k: Int
        package var accounts: Int
        package var classes: Int

        package var description: String {
            "k-anonymity: \(accounts) accounts are in \(classes) classes smaller than k = \(k) (same platform, creation day "
                + "and follower bin). Set small_classes: generalise to coarsen and suppress, or lower k if the DPIA allows."
        }
    }

    package var k: Int
    package var policy: Policy
    /// The largest share of accounts whose metadata may be suppressed at a level.
    package var maxSuppressed: Double

    package init(k: Int, policy: Policy, maxSuppressed: Double) {
        self.k = k
        self.policy = policy
        self.maxSuppressed = maxSuppressed
    }

    package func release(_ accounts: [String: Account]) throws(SmallClasses) -> Release {
        let described = accounts.filter { $0.value.createdAt != nil || $0.value.followers != nil }
        var tried: [LevelResult] = []
        var chosen: (level: Level, values: [String: GeneralisedMetadata], small: [String])?
        for level in Level.allCases {
            var values: [String: GeneralisedMetadata] = [:]
            var sizes: [ClassKey: Int] = [:]
            for (id, account) in described {
                let value = Self.generalise(account, level)
                values[id] = value
                sizes[ClassKey(platform: account.platform, value: value), default: 0] += 1
            }
            let small = described.keys.filter { sizes[ClassKey(platform: described[$0]!.platform, value: values[$0]!)]! < k }
            tried.append(LevelResult(level: level, classes: sizes.count, accountsInSmallClasses: small.count))
            if policy == .fail {
                guard small.isEmpty else {
                    throw SmallClasses(k: k, accounts: small.count, classes: sizes.values.filter { $0 < k }.count)
                }
                chosen = (level, values, [])
                break
            }
            if Double(small.count) <= maxSuppressed * Double(described.count) || level == .year {
                chosen = (level, values, small.sorted())
                break
            }
        }
        var (level, values, small) = chosen!
        for id in small { values[id] = nil }
        return Release(level: level, tried: tried, suppressed: small, withoutMetadata: accounts.count - described.count,
                       metadata: values)
    }

    private struct ClassKey: Hashable {
        var platform: String
        var value: GeneralisedMetadata
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// One account's metadata at `level`.
    package static func generalise(_ account: Account, _ level: Level) -> GeneralisedMetadata {
        GeneralisedMetadata(createdAt: account.createdAt.map { start(of: $0, level) },
                            followers: account.followers.map { bin($0, base: [2, 4, 16][level.rawValue]) })
    }

    /// The start of the day, month or year holding `time`.
    static func start(of time: Int64, _ level: Level) -> Int64 {
        let day = UTCTime.bin(time, width: UTCTime.day) * UTCTime.day
        guard level != .day else { return day }
        let date = Date(timeIntervalSince1970: TimeInterval(day))
        var components = utc.dateComponents([.year, .month], from: date)
        if level == .year { components.month = 1 }
        components.day = 1
        return Int64(utc.date(from: components)!.timeIntervalSince1970)
    }

    /// The lower bound of the bin of `count` among 0, 1, base, base², …
    static func bin(_ count: Int64, base: Int64) -> Int64 {
        guard count > 0 else { return 0 }
        var bound: Int64 = 1
        while bound <= count / base { bound *= base }
        return bound
    }
}
