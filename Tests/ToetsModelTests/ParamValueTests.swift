import Testing
@testable import ToetsModel

@Suite struct ParamValueTests {
    @Test func canonicalJSONSortsKeysByBytesAndHasNoWhitespace() {
        let value = ParamValue.map(["b": .int(2), "a": .list([.bool(true), .null]), "B": .string("x")])
        #expect(value.canonicalJSON == #"{"B":"x","a":[true,null],"b":2}"#)
    }

    @Test func integersAndIntegralDoublesRenderDifferently() {
        #expect(ParamValue.int(60).canonicalJSON == "60")
        #expect(ParamValue.double(60).canonicalJSON == "60.0")
        #expect(ParamValue.double(0.1).canonicalJSON == "0.1")
    }

    @Test func stringsAreEscapedAsJSON() {
        #expect(ParamValue.string("a\"b\\c\nd\u{1}é").canonicalJSON == #""a\"b\\c\nd\u0001é""#)
    }

    @Test func leavesDescendMapsAndKeepEmptyMapsApart() {
        let nested = ParamValue.map(["a": .map(["b": .int(1)]), "c": .map([:])])
        #expect(nested.leaves() == [
            ParameterLeaf(path: ["a", "b"], value: "1"),
            ParameterLeaf(path: ["c"], value: "{}"),
        ])
        let flat = ParamValue.map(["c": .string("{}")])
        #expect(flat.leaves() != [ParameterLeaf(path: ["c"], value: "{}")])
    }
}
