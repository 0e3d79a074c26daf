import ToetsModel

/// Converts the timestamp notations of the formats researchers have into UTC epoch seconds.
enum Timestamps {
    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `2026-03-01T12:00:00.000Z`, `2026-03-01T12:00:00+01:00`, `2026-03-01 12:00:00` (UTC),
    /// `2026-03-01 12:00` (minute precision) or `2026-03-01`. Text without a zone is read as UTC.
    static func iso8601(_ text: String) -> (seconds: Int64, precision: Post.Precision)? {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var value = 0
            for index in from..<from + count {
                let digit = Int(b[index]) - 48
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = days(year: year, month: month, day: day) * 86_400
        guard b.count > 10 else { return (Int64(seconds), .seconds) }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "),
              let hour = number(11, 2), b.count >= 16, b[13] == UInt8(ascii: ":"), let minute = number(14, 2),
              hour < 24, minute < 60 else { return nil }
        seconds += hour * 3600 + minute * 60
        var position = 16
        var precision = Post.Precision.minutes
        if position < b.count, b[position] == UInt8(ascii: ":") {
            guard let second = number(position + 1, 2), second <= 60 else { return nil }
            seconds += second
            position += 3
            precision = .seconds
            if position < b.count, b[position] == UInt8(ascii: ".") {
                position += 1
                while position < b.count, b[position] >= 48, b[position] <= 57 { position += 1 }
            }
        }
        if position < b.count {
            switch b[position] {
            case UInt8(ascii: "Z"): position += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign = b[position] == UInt8(ascii: "+") ? 1 : -1
                guard let zoneHour = number(position + 1, 2) else { return nil }
                var zoneMinute = 0
                if position + 3 < b.count {
                    let colon = b[position + 3] == UInt8(ascii: ":") ? 1 : 0
                    guard let minutes = number(position + 3 + colon, 2) else { return nil }
                    zoneMinute = minutes
                    position += 5 + colon
                } else {
                    position += 3
                }
                seconds -= sign * (zoneHour * 3600 + zoneMinute * 60)
            default: return nil
            }
        }
        guard position == b.count else { return nil }
        return (Int64(seconds), precision)
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// X's v1.1 and GraphQL notation: `Wed Oct 10 20:19:24 +0000 2018`.
    static func twitter(_ text: String) -> Int64? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, let month = months.firstIndex(of: String(parts[1])), let day = Int(parts[2]),
              let year = Int(parts[5]) else { return nil }
        let time = parts[3].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3, parts[4].count == 5, let zone = Int(parts[4].dropFirst()) else { return nil }
        let offset = (zone / 100 * 3600 + zone % 100 * 60) * (parts[4].first == "-" ? -1 : 1)
        let seconds = days(year: year, month: month + 1, day: day) * 86_400 + time[0] * 3600 + time[1] * 60 + time[2]
        return Int64(seconds - offset)
    }

    /// Epoch seconds from a number or numeric text; milliseconds (13 digits) are scaled down.
    static func epoch(_ value: JSONValue?) -> Int64? {
        // A number beyond Int64 (or not finite) reads as no time, not a trap.
        guard let value, let number = value.int64 ?? value.double.flatMap({ Int64(exactly: $0.rounded(.towardZero)) }) else {
            return nil
        }
        return number > 100_000_000_000 ? number / 1000 : number
    }
}
