/// The environment an external command runs in when it names one (`image:`): an OCI image,
/// either an archive a `source` stage brought into the store or a reference pinned by digest.
/// What the image is enters the step's key; which runtime starts it does not.
package struct ContainerImageSpec: Sendable, Hashable {
    /// Where the image comes from.
    package enum Source: Sendable, Hashable {
        /// An OCI (or docker) image archive: the artefact `artefact` of stage `stage`.
        case archive(stage: String, artefact: String)
        /// A reference pinned by digest, such as `docker.io/library/python@sha256:…`.
        case reference(String)
    }

    package var source: Source
    /// The runtime that starts it (`runtime:`); only `podman` is supported.
    package var runtime: String

    package init(source: Source, runtime: String = ContainerRuntimes.podman) {
        self.source = source
        self.runtime = runtime
    }

    /// The input name (`stage.artefact`) of an archive; nil for a reference.
    package var archiveInput: String? {
        if case .archive(let stage, let artefact) = source { "\(stage).\(artefact)" } else { nil }
    }

    /// What enters the key, the provenance and the method card: `oci-archive sha256:HEX` for an
    /// archive of that digest, the pinned reference itself for a reference.
    package func keyText(archiveDigest: Digest?) -> String? {
        switch source {
        case .archive: archiveDigest.map { "oci-archive sha256:" + $0.hex }
        case .reference(let reference): reference
        }
    }

    /// Whether `text` is a reference pinned by a SHA-256 digest (`NAME@sha256:` and 64 hex digits).
    package static func isPinnedReference(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let name = parts.first, !name.isEmpty, parts[1].hasPrefix("sha256:") else { return false }
        let hex = parts[1].dropFirst("sha256:".count)
        let nameBytes = name.utf8
        return hex.utf8.count == 64 && hex.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
            && nameBytes.first.map { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7a) } == true
            && nameBytes.allSatisfy {
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x41 && $0 <= 0x5a)
                    || [UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ":")].contains($0)
            }
    }
}

/// The container runtimes Toets knows of.
package enum ContainerRuntimes {
    package static let podman = "podman"
    /// The runtimes Toets starts images with (and tests).
    package static let supported = [podman]
    /// Runtimes people may name that Toets does not start, with why.
    package static let unsupported = [
        "apptainer": "Apptainer is not in Debian 12, so Toets cannot test it here; the README shows how to run the same "
            + "image archive with it by hand",
        "singularity": "Singularity is not in Debian 12, so Toets cannot test it here; the README shows how to run the same "
            + "image archive with Apptainer by hand",
        "docker": "Docker runs containers through a root daemon that a method could reach; Toets uses podman, which needs none",
    ]
}
