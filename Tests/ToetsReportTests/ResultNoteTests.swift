import Testing
import ToetsReport
import ToetsScoring

/// The report reads the score stage's notes as codes from its results; its catalogue of their
/// texts repeats those codes (ToetsReport does not import ToetsScoring), so a code renamed on
/// one side would silently fall back to the undeclared form. Each catalogued code must be one the
/// score stage knows.
@Suite struct ResultNoteTests {
    @Test func everyCataloguedNoteIsACodeTheScoreStageWrites() {
        for note in ResultNote.allCases {
            #expect(MetricNote(rawValue: note.rawValue) != nil, "'\(note.rawValue)' is no MetricNote")
        }
    }
}
