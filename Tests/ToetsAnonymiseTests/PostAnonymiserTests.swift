import Foundation
import Testing
import ToetsModel
@testable import ToetsAnonymise

@Suite struct PostAnonymiserTests {
    static let key = try! PseudonymKey(bytes: Array(repeating: 3, count: 32), source: "test")
    let pseudonyms = Pseudonymizer(key: Self.key)

    func anonymiser(_ posts: [Post] = []) -> PostAnonymiser {
        PostAnonymiser(pseudonyms: pseudonyms, posts: posts)
    }

    /// Posts whose accounts, handles, reposts and personal data recur, as in real archives.
    static func recurringPosts(_ count: Int) -> [Post] {
        (0..<count).map { index -> Post in
            let author = index % 13
            let repost = index % 3 == 0
            let platform = index % 4 == 0 ? "telegram" : "x"
            let text = "Bel 06-1234567\(index % 10) of mail @kiezer\(index % 7) via jan\(index % 5)@example.nl"
            let reference: String? = repost ? "x:\(index % 11)" : nil
            let kind: Post.Kind = repost ? .repost : .post
            return Post(platform: platform, sourceFormat: "t", postID: "x:\(index)", authorID: "x:\(author)",
                        authorHandle: "kiezer\(author)", createdAt: Int64(1_000 + index / 3), text: text, kind: kind,
                        refPostID: reference, refAuthorID: reference, urls: ["https://t.me/kiezer\(index % 9)?utm_source=x"],
                        mentions: ["kiezer\(index % 17)"])
        }
    }

    @Test func anonymisingOnAnyNumberOfWorkersGivesTheSamePostsAndCounts() {
        let posts = Self.recurringPosts(500)
        var sequential = anonymiser(posts)
        let expected = posts.map { sequential.anonymise($0, metadata: nil) }
        for (workers, blockSize) in [(1, 4_096), (2, 1), (3, 7), (8, 64)] {
            let (result, counts) = anonymiser(posts).anonymiseAll(posts, metadata: [:], workers: workers, blockSize: blockSize)
            #expect(result == expected, "\(workers) workers, blocks of \(blockSize)")
            #expect(counts == sequential.counts, "\(workers) workers, blocks of \(blockSize)")
        }
        // Memoised pseudonyms are the pseudonyms: the same as made afresh.
        #expect(expected[0].authorID == pseudonyms.pseudonym(.account, platform: "x", "x:0"))
        #expect(expected[14].authorID == expected[1].authorID)
    }

    @Test func rememberedTextsLinksAndHandlesGiveWhatMakingThemAfreshGives() {
        // Texts, links and mentions recur here (with links and handles inside texts, and
        // profile links whose handle is an account's), so one anonymiser answers most of them
        // from its memo; an anonymiser made for each post answers none from it.
        let posts = Self.recurringPosts(300) + Self.recurringPosts(300).map { post in
            var post = post
            post.text = (post.text ?? "") + " zie t.me/kiezer\(post.authorID.count) en https://e.nl/a?utm_source=x&email=jan@example.nl"
            return post
        }
        var reused = anonymiser(posts)
        let remembered = posts.map { reused.anonymise($0, metadata: nil) }
        var fresh: [Post] = []
        var counts = AnonymisationCounts()
        for post in posts {
            var once = anonymiser(posts)
            fresh.append(once.anonymise(post, metadata: nil))
            counts.add(once.counts)
        }
        #expect(remembered == fresh)
        #expect(reused.counts == counts)
        #expect(reused.results.count < posts.count, "the memo was used")
        #expect(counts.byType["links: tracking parameters removed", default: 0] >= 600)

        // Memos far too small for these posts are emptied again and again, and change nothing.
        var cramped = anonymiser(posts)
        cramped.memo = BoundedMemo(capacity: 3)
        cramped.results = BoundedMemo(capacity: 5)
        var largest = (memo: 0, results: 0)
        let answered = posts.map { post in
            defer { largest = (max(largest.memo, cramped.memo.count), max(largest.results, cramped.results.count)) }
            return cramped.anonymise(post, metadata: nil)
        }
        #expect(answered == fresh)
        #expect(cramped.counts == counts)
        #expect(largest.memo == 3 && largest.results == 5, "\(largest)")
    }

    @Test func textPersonalDataBecomesTypedTokensThatStayEqual() {
        var a = anonymiser()
        let text = a.text("Mail Jan@Example.nl, IBAN NL91 ABNA 0417 1643 00, BSN 111222333, 1234 AB, kenteken GX-123-B, "
                          + "bel +31 6 1234 5678", platform: "x")
        let email = pseudonyms.pseudonym(.email, platform: "", "jan@example.nl")
        #expect(text.contains("Mail <EMAIL:\(email)>,"))
        #expect(text.contains("<IBAN:\(pseudonyms.pseudonym(.iban, platform: "", "NL91ABNA0417164300"))>"))
        #expect(text.contains("BSN <BSN:p1."))
        #expect(text.contains("<POSTCODE:1234>,"))
        #expect(text.contains("kenteken <PLATE:p1."))
        // The same number written another way gets the same token.
        #expect(text.hasSuffix("<PHONE:\(pseudonyms.pseudonym(.phone, platform: "", "06-12345678"))>"))
        #expect(a.counts.byType["text: email"] == 1 && a.counts.byType["text: postcode"] == 1)
        #expect(!text.contains("111222333") && !text.contains("Example"))
    }

    @Test func textWithoutPersonalDataIsUnchanged() {
        var a = anonymiser()
        let text = "Stem op 18 maart! #gr26 Om 20:00 uur in Zwolle, 3 x 120 = 360."
        #expect(a.text(text, platform: "x") == text)
        #expect(a.counts.byType.isEmpty)
    }

    @Test func profileLinksAndHandlesUseTheAccountPseudonymWhereTheDataLinksThem() {
        let author = Post(platform: "x", sourceFormat: "t", postID: "x:1", authorID: "x:42", authorHandle: "Kiezer_NL",
                          createdAt: 0)
        var a = anonymiser([author])
        let account = a.account("x:42", platform: "x")
        #expect(a.link("https://twitter.com/kiezer_nl/status/99?s=20&t=abc", platform: "x")
                == "https://twitter.com/\(account)/status/99")
        #expect(a.text("@KIEZER_NL zegt", platform: "x") == "<HANDLE:\(account)> zegt")
        #expect(a.handle("kiezer_nl", platform: "telegram") != account)  // another platform: another account
        // Unlinked handles get a handle pseudonym, the same every time.
        let unknown = a.handle("onbekend", platform: "x")
        #expect(unknown == pseudonyms.pseudonym(.handle, platform: "x", "Onbekend") && unknown != account)
    }

    @Test func linksKeepHostAndPathWithoutTrackingOrPersonalData() {
        var a = anonymiser()
        #expect(a.link("https://nos.nl/artikel/123-verkiezing?utm_source=twitter&fbclid=x&id=5#boven", platform: "x")
                == "https://nos.nl/artikel/123-verkiezing?id=5#boven")
        let tokenised = a.link("https://gemeente.nl/contact?mail=jan%40example.nl", platform: "x")
        #expect(tokenised.hasPrefix("https://gemeente.nl/contact?mail=%3CEMAIL:p1."))
        #expect(!tokenised.lowercased().contains("jan"))
        let invite = a.link("https://t.me/+AbCdEf123", platform: "telegram")
        #expect(invite == "https://t.me/+" + pseudonyms.pseudonym(.invite, platform: "telegram", "AbCdEf123"))
        #expect(a.link("https://www.tiktok.com/@zanger?_r=1", platform: "tiktok")
                == "https://www.tiktok.com/@" + pseudonyms.pseudonym(.handle, platform: "tiktok", "zanger"))
        #expect(a.link("https://www.facebook.com/profile.php?id=1000123", platform: "facebook")
                == "https://www.facebook.com/profile.php?id=" + pseudonyms.pseudonym(.handle, platform: "facebook", "1000123"))
        // Links in text without a scheme keep that form.
        #expect(a.text("kijk t.me/kanaal_nl nu", platform: "telegram")
                == "kijk t.me/\(pseudonyms.pseudonym(.handle, platform: "telegram", "kanaal_nl")) nu")
        #expect(a.text("zie https://nos.nl/a?utm_medium=x.", platform: "x") == "zie https://nos.nl/a.")
    }

    /// Links that skip the link cleaner must be those it gives back unchanged; the others go through it.
    @Test func onlyLinksTheCleanerLeavesAsWrittenSkipIt() {
        for link in ["https://nos.nl/artikel/123-a_b.html", "http://e.nl", "https://e.nl/", "https://e.nl/Pad/MET%20Hoofd",
                     "https:///leeg", "https://www.example.com/x/y;z"] {
            #expect(PostAnonymiser.staysAsWritten(link), "\(link)")
            #expect(URLCleaner.strippingTracking(link) == link && URLCleaner.profile(link) == nil
                && URLCleaner.parts(link)?.text == link, "\(link)")
            var a = anonymiser()
            #expect(a.link(link, platform: "x") == link && a.counts.byType.isEmpty, "\(link)")
        }
        for link in ["https://NOS.nl/a", "HTTPS://nos.nl/a", "https://nos.nl/a?utm_source=x", "https://nos.nl/a?id=1",
                     "https://nos.nl/a#jan@x.nl", "https://jan@nos.nl/a", "https://x.com/kiezer_nl", "https://t.me/+abc",
                     "https://www.tiktok.com/@jan", "https://nos.nl/één", "www.nos.nl/a", "nos.nl", "ftp://nos.nl/a"] {
            #expect(!PostAnonymiser.staysAsWritten(link), "\(link)")
        }
    }

    /// The host check that skips `URLCleaner.profile` must never skip a profile link: on links of
    /// every profile host (with and without `www.`, `m.`, `mobile.`, other subdomains, ports and
    /// look-alike hosts) the answer is the one `profile` itself gives.
    @Test func theProfileHostCheckSkipsOnlyLinksThatAreNoProfile() {
        let before = ["", "www.", "m.", "mobile.", "a.", "x", "www.m.", "mobile", "www"]
        let after = ["", ":443", ".nl"]
        var hosts: [String] = ["e.nl", "www.", "m.", "", "www.nos.nl"]
        for host in URLCleaner.profileHosts.sorted() {
            for prefix in before { hosts.append(prefix + host) }
            for suffix in after { hosts.append(host + suffix) }
        }
        let paths = ["", "/", "/kiezer_nl", "/@jan", "/+abc", "/joinchat/abc", "/profile/jan.bsky.social", "/profile.php",
                     "/i/web", "/status/1", "//jan", "/groups/a"]
        var profiles = 0
        for scheme in ["https://", "http://"] {
            for host in hosts {
                for path in paths {
                    let link = scheme + host + path
                    let strict = Self.staysAsWrittenAskingProfile(link)
                    #expect(PostAnonymiser.staysAsWritten(link) == strict, "\(link)")
                    if URLCleaner.profile(link) != nil { profiles += 1 }
                }
            }
        }
        // The links tried include many profile links, on every host the cleaner knows.
        #expect(profiles > 100)
        for host in URLCleaner.profileHosts {
            var path = "@jan"
            if host == "chat.whatsapp.com" { path = "abc" }
            if host == "bsky.app" { path = "profile/jan" }
            #expect(URLCleaner.profile("https://" + host + "/" + path) != nil, "\(host)")
        }
    }

    /// `staysAsWritten` as it was before the host check: `URLCleaner.profile` asked for every link.
    static func staysAsWrittenAskingProfile(_ link: String) -> Bool {
        let bytes = Array(link.utf8)
        var scheme = 0
        if link.hasPrefix("https://") { scheme = 8 } else if link.hasPrefix("http://") { scheme = 7 }
        guard scheme > 0 else { return false }
        let hostEnd = bytes[scheme...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.count
        let refused: Set<UInt8> = [UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "@")]
        for byte in bytes where byte >= 0x80 || refused.contains(byte) { return false }
        for byte in bytes[scheme..<hostEnd] where byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { return false }
        return URLCleaner.profile(link) == nil
    }

    @Test func idsOfOnePlatformDoNotCollideWithAnother() {
        var a = anonymiser()
        #expect(a.account("x:1", platform: "x") != a.account("telegram:1", platform: "telegram"))
        #expect(PostAnonymiser.platform(of: "telegram:channel17", fallback: "?") == "telegram")
        #expect(PostAnonymiser.platform(of: "https://nos.nl", fallback: "x") == "x")
        #expect(PostAnonymiser.platform(of: "1234", fallback: "tiktok") == "tiktok")
        // ASCII ids are read as bytes, others as characters: both give the same answers.
        let cases = ["x-y_2:abc": "x-y_2", "tg:a:b": "tg", ":abc": "?", "X:1": "?", "x//:1": "?", "x:/a": "x", "x://a": "?",
                     String(repeating: "a", count: 24) + ":1": String(repeating: "a", count: 24),
                     String(repeating: "a", count: 25) + ":1": "?", "é:1": "?", "x:é": "x", "x\r\n:1": "?", "": "?"]
        for (id, platform) in cases {
            #expect(PostAnonymiser.platform(of: id, fallback: "?") == platform, "\(id)")
        }
    }

    @Test func aHandleGoesToTheAccountThatUsedItMostInAnyCaseThenToTheSmallerID() {
        func post(_ id: Int, _ author: String, _ handle: String, platform: String = "x") -> Post {
            Post(platform: platform, sourceFormat: "t", postID: "x:\(id)", authorID: author, authorHandle: handle, createdAt: Int64(id))
        }
        // x:1 writes its handle in two ways (four uses together), x:2 three times; x:4 and x:5 tie.
        let posts = [post(1, "x:1", "Kiezer"), post(2, "x:2", "kiezer"), post(3, "x:1", "KIEZER"), post(4, "x:2", "kiezer"),
                     post(5, "x:1", "Kiezer"), post(6, "x:2", "kiezer"), post(7, "x:1", "@kiezer"),
                     post(8, "x:5", "gelijk"), post(9, "x:4", "Gelijk"), post(10, "x:5", "gelijk"), post(11, "x:4", "gelijk"),
                     post(12, "tg:9", "kiezer", platform: "telegram"), post(13, "x:6", "")]
        for order in [posts, Array(posts.reversed())] {
            var linked = anonymiser(order)
            #expect(linked.handle("kiezer", platform: "x") == pseudonyms.pseudonym(.account, platform: "x", "x:1"))
            #expect(linked.handle("GELIJK", platform: "x") == pseudonyms.pseudonym(.account, platform: "x", "x:4"))
            #expect(linked.handle("kiezer", platform: "telegram") == pseudonyms.pseudonym(.account, platform: "tg", "tg:9"))
            // An empty handle links nothing; an unknown handle is its own pseudonym.
            #expect(linked.handle("onbekend", platform: "x") == pseudonyms.pseudonym(.handle, platform: "x", "onbekend"))
        }
    }

    @Test func theDictionaryOfNamesCountsEachNameOfEachAccountInOrder() {
        func post(_ author: String, _ handle: String?, _ name: String?) -> Post {
            Post(platform: "x", sourceFormat: "t", postID: "x:\(author)\(handle ?? "")", authorID: author, authorHandle: handle,
                 displayName: name, createdAt: 1)
        }
        let posts = [post("x:2", "jansen", "Jansen"), post("x:1", "jansen", "jansen"), post("x:2", "jansen", nil),
                     post("x:1", nil, "Piet Jansen"), post("x:3", "", "")]
        let entries = NameDictionary.entries(of: posts).map { "\($0.name) \($0.account) \($0.uses)" }
        // A display name equal to the handle counts twice; empty names count never.
        #expect(entries == ["Jansen x:2 1", "Piet Jansen x:1 1", "jansen x:1 2", "jansen x:2 2"])
    }
}

@Suite struct KAnonymityTests {
    typealias Account = KAnonymity.Account

    @Test func binsAndDatesGeneralise() {
        #expect([0, 1, 2, 3, 4, 7, 8, 1000].map { KAnonymity.bin($0, base: 2) } == [0, 1, 2, 2, 4, 4, 8, 512])
        #expect(KAnonymity.bin(1000, base: 16) == 256)
        let time: Int64 = 1_709_301_845  // 2024-03-01T14:04:05Z
        #expect(KAnonymity.start(of: time, .day) == 1_709_251_200)
        #expect(KAnonymity.start(of: time + 20 * 86_400, .month) == 1_709_251_200)
        #expect(KAnonymity.start(of: time, .year) == 1_704_067_200)
    }

    func accounts(_ spread: Int, alike: Int) -> [String: Account] {
        var accounts: [String: Account] = [:]
        // `alike` accounts created on one day with ~100 followers; `spread` others, one per month.
        for index in 0..<alike {
            accounts["x:a\(index)"] = Account(platform: "x", createdAt: 1_704_067_200 + Int64(index), followers: 100 + Int64(index))
        }
        for index in 0..<spread {
            accounts["x:s\(index)"] = Account(platform: "x", createdAt: 1_704_067_200 + Int64(index) * 32 * 86_400, followers: 5)
        }
        accounts["x:none"] = Account(platform: "x", createdAt: nil, followers: nil)
        return accounts
    }

    @Test func smallClassesAreGeneralisedThenSuppressed() throws {
        let release = try KAnonymity(k: 5, policy: .generalise, maxSuppressed: 0.05).release(accounts(6, alike: 100))
        // At day level the six spread accounts are alone (6 of 106 > 5 %); at month level too;
        // in the year they form one class of six.
        #expect(release.tried.map(\.accountsInSmallClasses) == [6, 6, 0])
        #expect(release.level == .year && release.suppressed.isEmpty && release.withoutMetadata == 1)
        #expect(release.metadata["x:s3"] == GeneralisedMetadata(createdAt: 1_704_067_200, followers: 1))
        #expect(release.metadata["x:none"] == nil)

        let few = try KAnonymity(k: 5, policy: .generalise, maxSuppressed: 0.05).release(accounts(3, alike: 100))
        #expect(few.level == .day && few.suppressed == ["x:s0", "x:s1", "x:s2"])
        #expect(few.metadata["x:s0"] == nil && few.metadata["x:a0"] == GeneralisedMetadata(createdAt: 1_704_067_200, followers: 64))
    }

    @Test func theFailPolicyNamesTheSmallClasses() {
        #expect(throws: KAnonymity.SmallClasses.self) {
            try KAnonymity(k: 5, policy: .fail, maxSuppressed: 0).release(accounts(2, alike: 10))
        }
        do {
            _ = try KAnonymity(k: 5, policy: .fail, maxSuppressed: 0).release(accounts(2, alike: 10))
        } catch {
            #expect(error.accounts == 2 && error.classes == 2)
            #expect(error.description.contains("small_classes: generalise"))
        }
    }
}

@Suite struct LabelsAnonymiserTests {
    let pseudonyms = Pseudonymizer(key: try! PseudonymKey(bytes: Array(repeating: 4, count: 32), source: "test"))

    @Test func accountIDsArePseudonymisedAndOtherColumnsDropped() throws {
        let result = try LabelsAnonymiser.anonymise(
            "annotator,account_id,label,campaign,confidence,name\nA1,x:7,campaign,\"C1, Zwolle\",0.9,Jan\n\nA2,x:7,none,,1,Jan\n",
            file: "labels.csv", pseudonyms: pseudonyms)
        let account = pseudonyms.pseudonym(.account, platform: "x", "x:7")
        #expect(String(decoding: result.csv, as: UTF8.self) == "account_id,label,campaign,annotator,confidence\n"
            + "\(account),campaign,\"C1, Zwolle\",A1,0.9\n\(account),none,,A2,1\n")
        #expect(result.rows == 2 && result.accounts == 1 && result.droppedColumns == ["name"])
    }

    @Test func aCoordinationKindPassesAndFreeTextInItIsRefused() throws {
        let result = try LabelsAnonymiser.anonymise(
            "account_id,label,campaign,annotator,confidence,coordination,notes\n"
                + "x:7,none,,A1,0.9, fans ,\"Jan, buurman van Piet\"\nx:8,none,,A1,0.8,,\nx:9,campaign,C1,A2,1,,\n",
            file: "labels.csv", pseudonyms: pseudonyms)
        let (seven, eight, nine) = (pseudonyms.pseudonym(.account, platform: "x", "x:7"),
                                    pseudonyms.pseudonym(.account, platform: "x", "x:8"),
                                    pseudonyms.pseudonym(.account, platform: "x", "x:9"))
        #expect(String(decoding: result.csv, as: UTF8.self) == "account_id,label,campaign,annotator,confidence,coordination\n"
            + "\(seven),none,,A1,0.9,fans\n\(eight),none,,A1,0.8,\n\(nine),campaign,C1,A2,1,\n")
        #expect(result.droppedColumns == ["notes"])

        for field in ["Jan de Vries", "\"fans, van FC Zwolle\"", "Fans", "06-12345678", "pietjansen"] {
            do {
                _ = try LabelsAnonymiser.anonymise("account_id,label,coordination\nx:7,none,fans\nx:8,none,\(field)\n",
                                                   file: "labels.csv", pseudonyms: pseudonyms)
                Issue.record("\(field) passed")
            } catch {
                #expect(error.description == "labels.csv line 3: field coordination is not a kind of legitimate "
                    + "coordination: write one of news_syndication, volunteers, fans, events, official_campaign, other "
                    + "(other for any other kind), or leave it empty")
            }
        }
    }

    @Test func theSamplingDesignPassesAsANumberOnly() throws {
        let result = try LabelsAnonymiser.anonymise(
            "account_id,label,inclusion_probability\nx:7,none,1\nx:8,none, 0.30 \n", file: "labels.csv", pseudonyms: pseudonyms)
        let (seven, eight) = (pseudonyms.pseudonym(.account, platform: "x", "x:7"), pseudonyms.pseudonym(.account, platform: "x", "x:8"))
        #expect(String(decoding: result.csv, as: UTF8.self)
            == "account_id,label,inclusion_probability\n\(seven),none,1\n\(eight),none,0.3\n")
        for field in ["Jan de Vries", "0", "1.5", "-0.2", "0.3 of buurt 12"] {
            do {
                _ = try LabelsAnonymiser.anonymise("account_id,label,inclusion_probability\nx:7,none,\(field)\n",
                                                   file: "labels.csv", pseudonyms: pseudonyms)
                Issue.record("\(field) passed")
            } catch {
                #expect(error.description.hasPrefix("labels.csv line 2: field inclusion_probability is not a probability"))
                #expect(!error.description.contains("Jan"))
            }
        }
    }

    @Test func badLabelsNameFileAndLine() {
        #expect(throws: LabelsAnonymiser.Problem.self) {
            try LabelsAnonymiser.anonymise("id,label\n1,none\n", file: "l.csv", pseudonyms: pseudonyms)
        }
        do {
            _ = try LabelsAnonymiser.anonymise("account_id,label\n\"x:1\nx\",none\nx:2\n", file: "l.csv", pseudonyms: pseudonyms)
            Issue.record("accepted")
        } catch {
            #expect(error.description == "l.csv line 4: 1 fields, but the header has 2")
        }
    }
}
