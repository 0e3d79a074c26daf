import Testing
@testable import ToetsAnonymise

@Suite struct ChecksumTests {
    @Test(arguments: ["123456782", "111222333", "12345672"])
    func validBSNsPass(_ bsn: String) {
        #expect(Checksums.isValidBSN(bsn))
    }

    @Test(arguments: ["123456781", "000000000", "12345678", "1234567820", "12345678a", "987654321"])
    func lookAlikeBSNsFail(_ bsn: String) {
        #expect(!Checksums.isValidBSN(bsn))
    }

    @Test(arguments: ["NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "DE89370400440532013000", "BE68539007547034",
                      "GB29NWBK60161331926819"])
    func validIBANsPass(_ iban: String) {
        #expect(Checksums.isValidIBAN(iban))
    }

    @Test(arguments: ["NL92ABNA0417164300", "NL91ABNA041716430", "NL91ABN10417164300", "XX91ABNA0417164300",
                      "DE89370400440532013001", "NL91-ABNA-0417-1643-00"])
    func lookAlikeIBANsFail(_ iban: String) {
        #expect(!Checksums.isValidIBAN(iban))
    }

    @Test func postcodesFollowPostNLsRules() {
        #expect(Checksums.isPostcode("3511 AB"))
        #expect(Checksums.isPostcode("3511AB"))
        #expect(!Checksums.isPostcode("0511 AB"))
        #expect(!Checksums.isPostcode("3511 SS"))
        #expect(!Checksums.isPostcode("3511 SA"))
        #expect(!Checksums.isPostcode("3511 ab"))
        #expect(!Checksums.isPostcode("351 AB"))
    }

    @Test func licencePlatesFollowTheRDWSideCodes() {
        #expect(Checksums.isLicencePlate("AB-12-34"))      // side code 1: vowels still allowed
        #expect(Checksums.isLicencePlate("GX-123-B"))      // side code 9
        #expect(Checksums.isLicencePlate("12-BDF-3"))      // side code 7
        #expect(!Checksums.isLicencePlate("GA-123-B"))     // a vowel after side code 3
        #expect(!Checksums.isLicencePlate("12-QDF-3"))     // Q is never issued there
        #expect(!Checksums.isLicencePlate("SS-12-34"))     // a blocked letter group
        #expect(!Checksums.isLicencePlate("GX-12345"))     // no side code
    }

    @Test func onlyASCIIDigitsAndLettersCount() {
        // Arabic-Indic digits have numeric values and "ı" upper-cases to "I", but no identifier has them.
        #expect(!Checksums.isValidBSN("١٢٣٤٥٦٧٨٢"))
        #expect(!Checksums.isPostcode("٣٥١١ AB"))
        #expect(!Checksums.isValidIBAN("NL91 ＡBNA 0417 1643 00"))  // a full-width A
        #expect(!Checksums.isLicencePlate("ıX-12-34"))  // side code 1, where "IX-12-34" passes
    }
}
