/// Days, weeks and calendar dates of UTC epoch seconds, in integer arithmetic: the same answer
/// on every machine, before 1970 too, without Foundation's calendars or formatters.
package enum UTCTime {
    package static let day: Int64 = 86_400
    package static let week: Int64 = 604_800

    /// The bin of `seconds` among bins `width` seconds wide that start at the epoch:
    /// ⌊seconds / width⌋, rounding down for times before 1970 as well.
    package static func bin(_ seconds: Int64, width: Int64) -> Int64 {
        seconds >= 0 ? seconds / width : (seconds - width + 1) / width
    }

    /// The proleptic Gregorian date of day number `days` (days since 1970-01-01), by Howard
    /// Hinnant's days-to-civil algorithm.
    package static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `YYYY-MM-DD` of the day holding `seconds`.
    package static func isoDay(_ seconds: Int64) -> String {
        let date = civil(days: bin(seconds, width: day))
        return padded(date.year, 4) + "-" + padded(date.month, 2) + "-" + padded(date.day, 2)
    }

    /// `YYYY-MM-DDTHH:MM:SS` of `seconds`.
    package static func isoSeconds(_ seconds: Int64) -> String {
        let remainder = seconds - bin(seconds, width: day) * day
        return isoDay(seconds) + "T" + padded(remainder / 3600, 2) + ":" + padded(remainder % 3600 / 60, 2) + ":"
            + padded(remainder % 60, 2)
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
