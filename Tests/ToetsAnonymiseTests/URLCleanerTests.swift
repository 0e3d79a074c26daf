import Testing
@testable import ToetsAnonymise

@Suite struct URLCleanerTests {
    @Test func trackingParametersAreStrippedAndOthersKept() {
        #expect(URLCleaner.strippingTracking("https://nieuws.example/a?utm_source=x&utm_medium=y&id=5")
                == "https://nieuws.example/a?id=5")
        #expect(URLCleaner.strippingTracking("https://x.com/user/status/1?s=20&t=abc") == "https://x.com/user/status/1")
        #expect(URLCleaner.strippingTracking("https://www.instagram.com/p/C4abc/?igsh=MXE=") == "https://www.instagram.com/p/C4abc/")
        #expect(URLCleaner.strippingTracking("https://www.tiktok.com/@a/video/1?_r=1&_t=8k&lang=nl")
                == "https://www.tiktok.com/@a/video/1?lang=nl")
        #expect(URLCleaner.strippingTracking("https://site.example/?fbclid=IwAR&gclid=1&ref=tw") == "https://site.example/")
        // s and t mean something elsewhere: only X's are tracking.
        #expect(URLCleaner.strippingTracking("https://zoek.example/?s=verkiezingen") == "https://zoek.example/?s=verkiezingen")
        #expect(URLCleaner.strippingTracking("geen link") == "geen link")
    }

    @Test func theAccountOfProfileLinksIsFound() {
        #expect(URLCleaner.profile("https://x.com/Kiezer_NL") == .init(platform: "x", account: "Kiezer_NL", isInvite: false))
        #expect(URLCleaner.profile("https://twitter.com/kiezer/status/123")?.account == "kiezer")
        #expect(URLCleaner.profile("https://t.me/stadsnieuws") == .init(platform: "telegram", account: "stadsnieuws", isInvite: false))
        #expect(URLCleaner.profile("https://t.me/+AbCdEf123") == .init(platform: "telegram", account: "AbCdEf123", isInvite: true))
        #expect(URLCleaner.profile("https://t.me/joinchat/XyZ")?.isInvite == true)
        #expect(URLCleaner.profile("https://www.instagram.com/buurt/")?.account == "buurt")
        #expect(URLCleaner.profile("https://www.facebook.com/profile.php?id=100012345") == .init(platform: "facebook", account: "100012345", isInvite: false))
        #expect(URLCleaner.profile("https://www.tiktok.com/@stadsvlogger")?.account == "stadsvlogger")
        #expect(URLCleaner.profile("https://www.threads.net/@lotte")?.platform == "threads")
        #expect(URLCleaner.profile("https://www.youtube.com/@gemeente")?.platform == "youtube")
        #expect(URLCleaner.profile("https://bsky.app/profile/anna.bsky.social")?.account == "anna.bsky.social")
        #expect(URLCleaner.profile("https://chat.whatsapp.com/Gx12AbC") == .init(platform: "whatsapp", account: "Gx12AbC", isInvite: true))
    }

    @Test func pagesThatAreNotAccountsAreLeftAlone() {
        #expect(URLCleaner.profile("https://x.com/search?q=gr2026") == nil)
        #expect(URLCleaner.profile("https://x.com/i/status/1") == nil)
        #expect(URLCleaner.profile("https://www.instagram.com/p/C4abc/") == nil)
        #expect(URLCleaner.profile("https://www.tiktok.com/tag/fyp") == nil)
        #expect(URLCleaner.profile("https://www.youtube.com/watch?v=abc") == nil)
        #expect(URLCleaner.profile("https://nieuws.example/kiezer") == nil)
        #expect(URLCleaner.profile("https://x.com/") == nil)
    }
}
