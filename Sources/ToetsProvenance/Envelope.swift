import Foundation

/// A DSSE envelope (Dead Simple Signing Envelope, v1): a payload, its type and signatures over
/// the pre-authentication encoding of both.
package struct Envelope: Hashable, Sendable {
    /// The payload type of in-toto statements.
    package static let inTotoPayloadType = "application/vnd.in-toto+json"

    /// One signature: the signer's key id and the Ed25519 signature.
    package struct Signature: Hashable, Sendable {
        package var keyID: String
        package var signature: [UInt8]
    }

    package var payloadType: String
    package var payload: [UInt8]
    /// Empty for an unsigned envelope (a run without a signing key).
    package var signatures: [Signature]

    /// The envelope of `payload` signed with `key`, or unsigned without one.
    package init(payload: [UInt8], payloadType: String = Envelope.inTotoPayloadType, signedWith key: SigningKey?) {
        self.payloadType = payloadType
        self.payload = payload
        signatures = key.map { [Signature(keyID: $0.publicKey.keyID, signature: $0.sign(Self.pae(payloadType, payload)))] } ?? []
    }

    init(payloadType: String, payload: [UInt8], signatures: [Signature]) {
        self.payloadType = payloadType
        self.payload = payload
        self.signatures = signatures
    }

    /// DSSE's pre-authentication encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body,
    /// lengths as ASCII decimal byte counts.
    package static func pae(_ payloadType: String, _ payload: [UInt8]) -> [UInt8] {
        var bytes = Array("DSSEv1 \(payloadType.utf8.count) \(payloadType) \(payload.count) ".utf8)
        bytes += payload
        return bytes
    }

    /// The JSON form: `payload` and `sig` in standard base64.
    package var json: CanonicalJSON {
        .object([
            "payloadType": .string(payloadType),
            "payload": .string(Data(payload).base64EncodedString()),
            "signatures": .array(signatures.map {
                .object(["keyid": .string($0.keyID), "sig": .string(Data($0.signature).base64EncodedString())])
            }),
        ])
    }

    /// Reads the JSON form; the problem says which field is wrong.
    package init(json: CanonicalJSON) throws(EnvelopeProblem) {
        guard let type = json["payloadType"]?.stringValue else { throw EnvelopeProblem("has no payloadType") }
        guard let payloadText = json["payload"]?.stringValue, let payload = Data(base64Encoded: payloadText) else {
            throw EnvelopeProblem("its payload is not base64")
        }
        guard let list = json["signatures"]?.arrayValue else { throw EnvelopeProblem("has no signatures list") }
        var signatures: [Signature] = []
        for (position, item) in list.enumerated() {
            guard let sigText = item["sig"]?.stringValue, let sig = Data(base64Encoded: sigText) else {
                throw EnvelopeProblem("signature \(position + 1) is not base64")
            }
            signatures.append(Signature(keyID: item["keyid"]?.stringValue ?? "", signature: Array(sig)))
        }
        self.init(payloadType: type, payload: Array(payload), signatures: signatures)
    }
}

/// Why an envelope's JSON could not be read.
package struct EnvelopeProblem: Error, Sendable, CustomStringConvertible {
    package var description: String
    init(_ description: String) { self.description = description }
}
