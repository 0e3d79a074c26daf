import ArgumentParser
import ToetsProvenance
import ToetsStore

extension Toets {
    /// `toets keygen --out FILE`: a new Ed25519 key for signing provenance.
    struct Keygen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new Ed25519 key for signing provenance (mode 600; never overwrites).",
            discussion: """
                Writes the private key to FILE (readable by you only) and its public key to FILE.pub, and prints \
                the public key and its key id. Keep FILE outside every repository and workspace; give FILE.pub to \
                auditors (`toets verify --trusted-key FILE.pub`). Runs sign with --signing-key FILE or \
                $TOETS_SIGNING_KEY_FILE.
                """)

        @Option(name: .long, help: ArgumentHelp("Where to write the private key.", valueName: "file"))
        var out: String

        func run() async throws {
            try await reportingErrors {
                let path = FileSystem.absolute(out)
                let publicPath = path + ".pub"
                guard !FileSystem.exists(publicPath) else {
                    throw CommandFailure(message: "\(publicPath) exists already; keygen never overwrites a key. "
                                         + "Choose another --out", code: ExitCodes.badInput)
                }
                let key = SigningKey.generate()
                try key.write(to: path)
                try FileSystem.writeAtomically(Array(key.publicKey.fileText.utf8), to: publicPath)
                writeOut("wrote the signing key \(path) (mode 600): keep it outside every repository and workspace")
                writeOut("public key (base64): \(key.publicKey.base64)")
                writeOut("public key (hex):    \(key.publicKey.hex)")
                writeOut("key id:              \(key.publicKey.keyID)")
                writeOut("public key file:     \(publicPath) (for auditors: toets verify --trusted-key \(publicPath))")
            }
        }
    }
}
