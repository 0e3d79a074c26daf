import Foundation
import Testing
import ToetsTestSupport

/// Mistakes on the command line exit with 2, as the README says, and a misspelled command gets
/// a suggestion.
@Suite struct UsageTests {
    @Test func usageMistakesExitWith2NotSysexits64() throws {
        let directory = TemporaryDirectory()
        for arguments in [["run"], ["run", "p.yaml", "--jobs", "0"], ["run", "p.yaml", "--no-such-option"], ["verify", "--run", "x"],
                          ["nonsense"], ["gc", "--keep-runs", "-1"]] {
            let result = try Toets.run(arguments, in: directory.path)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("Error:") || result.stderr.contains("toets:"), "\(arguments)")
        }
        #expect(try Toets.run(["--help"], in: directory.path).status == 0)
        #expect(try Toets.run(["--version"], in: directory.path).status == 0)
    }

    @Test func aMisspelledCommandGetsASuggestion() throws {
        let directory = TemporaryDirectory()
        for (typed, meant) in [("rnu", "run"), ("verfy", "verify"), ("staus", "status"), ("exlpain", "explain")] {
            let result = try Toets.run([typed, "p.yaml"], in: directory.path)
            #expect(result.status == 2)
            #expect(result.stderr.contains("'\(typed)' is not a toets command. Did you mean 'toets \(meant)'?"), "\(result.stderr)")
        }
        #expect(!(try Toets.run(["zzzzzz"], in: directory.path).stderr.contains("Did you mean")))
    }
}
