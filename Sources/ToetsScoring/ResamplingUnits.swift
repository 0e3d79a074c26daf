/// What a bootstrap draws with replacement: single items, or whole clusters of items.
///
/// Accounts of one campaign are not independent: resampling them one by one understates the
/// uncertainty. A cluster bootstrap draws whole campaigns (and each account outside any
/// campaign as a cluster of its own), as many clusters as there are, so a resample keeps
/// every drawn campaign intact.
package struct ResamplingUnits: Sendable, Hashable {
    /// Item indices of each unit, units in order of their first item.
    package var members: [[Int]]
    /// Number of items covered (every item is in exactly one unit).
    package var itemCount: Int
    /// The sampling stratum of each unit, when units are drawn within strata (a stratified
    /// design): a resample then draws as many units from each stratum as it holds.
    package var strata: [Int]? = nil

    /// Each of `count` items is its own unit.
    package static func items(_ count: Int) -> ResamplingUnits {
        ResamplingUnits(members: (0..<count).map { [$0] }, itemCount: count)
    }

    /// Items with the same key form one unit; an item whose key is nil is a unit on its own.
    package static func clusters<Key: Hashable>(_ keys: [Key?]) -> ResamplingUnits {
        var unitOfKey: [Key: Int] = [:]
        var members: [[Int]] = []
        for (item, key) in keys.enumerated() {
            if let key, let unit = unitOfKey[key] {
                members[unit].append(item)
            } else {
                if let key { unitOfKey[key] = members.count }
                members.append([item])
            }
        }
        return ResamplingUnits(members: members, itemCount: keys.count)
    }
}
