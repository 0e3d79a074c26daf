import Testing
@testable import ToetsModel

@Suite struct KeyComponentsTests {
    static let posts = Digest.sha256(of: Array("posts v1".utf8))
    static let posts2 = Digest.sha256(of: Array("posts v2".utf8))
    static let script = Digest.sha256(of: Array("print(1)".utf8))

    static let base = KeyComponents(
        kind: "command", kindVersion: 1,
        parameters: ParamValue.map(["window": .int(60), "mode": .string("exact")]).leaves(),
        inputs: ["ingest.posts": posts], files: [:], code: ["methods/x.py": script],
        command: "python3 {root}/methods/x.py {in.posts}",
        environment: ["LANG": KeyComponents.environmentDigest("C.UTF-8")], keyIDs: ["k1"])

    /// Pins the key encoding: if this digest changes, every cached result everywhere is
    /// invalidated, so the change must be deliberate (bump `KeyComponents.schemaVersion`).
    /// The value was reproduced by an independent Python implementation of the encoding
    /// described in `CanonicalPreimage`.
    @Test func keyOfFixedComponentsIsPinned() {
        #expect(Self.base.key.hex == "168af5b46a3c4b6244c80ed06ab273277442adbcb3d2812cd2d2404016763a6d")
    }

    @Test func everyComponentChangesTheKey() {
        var variants: [KeyComponents] = []
        var changed = Self.base
        changed.kind = "method/co-action"; variants.append(changed)
        changed = Self.base; changed.kindVersion = 2; variants.append(changed)
        changed = Self.base; changed.parameters = ParamValue.map(["window": .int(30), "mode": .string("exact")]).leaves()
        variants.append(changed)
        changed = Self.base; changed.inputs["ingest.posts"] = Self.posts2; variants.append(changed)
        changed = Self.base; changed.files["data/a.csv"] = Self.posts; variants.append(changed)
        changed = Self.base; changed.code["methods/y.py"] = Self.script; variants.append(changed)
        changed = Self.base; changed.command = "python3 other.py"; variants.append(changed)
        changed = Self.base; changed.command = nil; variants.append(changed)
        changed = Self.base; changed.environment["LANG"] = KeyComponents.environmentDigest(nil); variants.append(changed)
        changed = Self.base; changed.keyIDs = ["k2"]; variants.append(changed)
        let keys = Set(variants.map(\.key) + [Self.base.key])
        #expect(keys.count == variants.count + 1)
    }

    @Test func parameterTypeIsPartOfTheKey() {
        var asDouble = Self.base
        asDouble.parameters = ParamValue.map(["window": .double(60), "mode": .string("exact")]).leaves()
        #expect(asDouble.key != Self.base.key)
    }

    @Test func changesAreWordedForPeople() {
        var now = Self.base
        now.parameters = ParamValue.map(["window": .int(30), "mode": .string("exact"), "seed": .int(7)]).leaves()
        now.inputs["ingest.posts"] = Self.posts2
        now.code["methods/x.py"] = Self.posts
        now.command = "python3 {root}/methods/x.py --fast {in.posts}"
        now.environment["LANG"] = KeyComponents.environmentDigest(nil)
        now.kindVersion = 2
        let words = now.changes(since: Self.base).map(\.description)
        #expect(words == [
            "stage kind command version 1 → 2",
            "parameter seed added: 7",
            "parameter window: 60 → 30",
            "input ingest.posts changed (\(Self.posts.short) → \(Self.posts2.short))",
            "code methods/x.py changed (\(Self.script.short) → \(Self.posts.short))",
            "command changed: `python3 {root}/methods/x.py {in.posts}` → `python3 {root}/methods/x.py --fast {in.posts}`",
            "environment variable LANG is no longer set",
        ])
    }

    @Test func removedInputsAndParametersAreNamed() {
        var now = Self.base
        now.inputs = [:]
        now.parameters = ParamValue.map(["mode": .string("exact")]).leaves()
        let words = now.changes(since: Self.base).map(\.description)
        #expect(words == ["parameter window removed (was 60)", "input ingest.posts removed (was \(Self.posts.short))"])
    }

    @Test func identicalComponentsHaveNoChanges() {
        #expect(Self.base.changes(since: Self.base).isEmpty)
    }
}
