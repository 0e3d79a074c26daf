import ToetsModel

extension PIISample {
    /// The sample as JSON lines, one text a line, for scanners outside Swift:
    /// `{"id":0,"text":"…","gold":[{"kind":"iban","start":…,"end":…,"char_start":…,"char_end":…}],
    /// "near_misses":[{"what":"date",…}]}`. `start`/`end` are UTF-8 byte offsets, `char_start`/
    /// `char_end` Unicode scalar offsets (Python `str` indices); ends are exclusive.
    package func jsonLines() -> [UInt8] {
        var out = CanonicalJSONWriter(capacity: texts.count * 256)
        func span(_ span: Span) {
            out.key("start"); out.value(Int64(span.bytes.lowerBound))
            out.key("end"); out.value(Int64(span.bytes.upperBound))
            out.key("char_start"); out.value(Int64(span.characters.lowerBound))
            out.key("char_end"); out.value(Int64(span.characters.upperBound))
        }
        for (id, text) in texts.enumerated() {
            out.beginObject()
            out.key("id"); out.value(Int64(id))
            out.key("text"); out.value(text.text)
            out.key("gold")
            out.beginArray()
            for gold in text.gold {
                out.beginObject()
                out.key("kind"); out.value(gold.kind.rawValue)
                span(gold.span)
                out.endObject()
            }
            out.endArray()
            out.key("near_misses")
            out.beginArray()
            for decoy in text.decoys {
                out.beginObject()
                out.key("what"); out.value(decoy.nearMiss.rawValue)
                span(decoy.span)
                out.endObject()
            }
            out.endArray()
            out.endObject()
            out.newline()
        }
        return out.bytes
    }
}
