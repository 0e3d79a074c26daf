import Foundation
import Testing
import ToetsModel

@Suite struct UTCTimeTests {
    @Test func binsRoundDownBeforeTheEpochToo() {
        #expect(UTCTime.bin(0, width: UTCTime.day) == 0)
        #expect(UTCTime.bin(86_399, width: UTCTime.day) == 0)
        #expect(UTCTime.bin(86_400, width: UTCTime.day) == 1)
        #expect(UTCTime.bin(-1, width: UTCTime.day) == -1)
        #expect(UTCTime.bin(-86_400, width: UTCTime.day) == -1)
        #expect(UTCTime.bin(-86_401, width: UTCTime.day) == -2)
    }

    @Test func datesAgreeWithFoundationAcrossLeapYearsAndCenturies() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        // From 1900 to 2100 in steps that land on every month, leap days and century years.
        var seconds: Int64 = -2_208_988_800
        while seconds < 4_102_444_800 {
            let expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            #expect(UTCTime.isoSeconds(seconds) == expected)
            #expect(UTCTime.isoDay(seconds) == String(expected.prefix(10)))
            seconds += 86_400 * 17 + 3_607
        }
        #expect(UTCTime.isoDay(951_782_400) == "2000-02-29")
        #expect(UTCTime.isoSeconds(-1) == "1969-12-31T23:59:59")
    }
}
