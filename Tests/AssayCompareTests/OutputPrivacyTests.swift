import AssayCompare
import AssayCore
import AssayJSON
import Crypto
import Testing

/// No output file holds an organisation's name, a note, evidence, or an identifier anyone could recompute
/// without the release's key.
@Suite struct OutputPrivacyTests {
    static let names = (1...12).map { "Ville de Test \($0)" }

    static func lines() -> [String] {
        names.enumerated().map { index, name in
            handLine(
                organisation: name,
                region: index < 6 ? "north" : "south",
                people: [0, 25, 50, 75, 100][index % 5],
                tools: 50,
                extra:
                    #", "c": {"value": true, "note": "SECRET-NOTE the mayor said no", "evidence": ["secret-budget.pdf"]}"#
            )
        }
    }

    /// 32 distinct byte values, not printable text: a key of the kind `openssl rand 32` writes.
    static let key = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }

    @Test func noOutputHoldsANameANoteOrAnUnkeyedIdentifier() throws {
        let summary = try summarise(Self.lines(), key: Self.key)
        let outputs = [try JSONOutput.string(summary), summary.csv(), summary.html()]
        var forbidden = Self.names + ["SECRET-NOTE", "the mayor said no", "secret-budget.pdf"]
        for name in Self.names {
            // A plain hash is recomputable by anyone with a list of municipalities.
            let digest = SHA256.hash(data: Array(name.utf8)).map {
                String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
            }.joined()
            forbidden += [digest, String(digest.prefix(16))]
        }
        for output in outputs {
            for word in forbidden {
                #expect(!output.contains(word), "an output contains \"\(word)\"")
            }
        }
    }

    @Test func participantsAreKeyedPseudonymsThatChangeWithTheKey() throws {
        let first = try summarise(Self.lines(), key: Self.key)
        let second = try summarise(Self.lines(), key: (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 53 &+ 200) })
        let pseudonyms = try #require(first.participants)
        #expect(pseudonyms.count == 12)
        #expect(Set(pseudonyms).isDisjoint(with: try #require(second.participants)))
        let expected = try Pseudonymiser(key: Self.key).pseudonym(of: Self.names[0])
        #expect(pseudonyms.contains(expected))
        // HMAC-SHA256, not a plain hash: the pseudonym is the keyed code's first 8 bytes.
        let code = HMAC<SHA256>.authenticationCode(for: Array(Self.names[0].utf8), using: SymmetricKey(data: Self.key))
        #expect(
            expected == "org-"
                + code.prefix(8).map {
                    String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
                }.joined())
        #expect(try summarise(Self.lines()).participants == nil)
    }

    @Test func shortTypedAndPatternedKeysAreRefused() throws {
        // 16 random-looking bytes were enough before; a key is now at least 32.
        #expect(throws: KeyError.self) { try Pseudonymiser(key: Array(Self.key.prefix(16))) }
        // A typed passphrase of 32 characters: printable text.
        #expect(throws: KeyError.self) { try Pseudonymiser(key: Array("programme2026!!!programme2026!!!".utf8)) }
        // 32 bytes with only 4 values.
        #expect(throws: KeyError.self) { try Pseudonymiser(key: (0..<32).map { UInt8($0 % 4) }) }
        _ = try Pseudonymiser(key: Self.key)
    }

    @Test func aHexKeyFileIsReadAsTheBytesItSpells() throws {
        // `openssl rand -hex 32 > key` writes 64 hex digits and a newline.
        let hex = Self.key.map {
            String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
        }
        .joined()
        #expect(Pseudonymiser.key(fromFile: Array((hex + "\n").utf8)) == Self.key)
        // Raw bytes stay as they are.
        #expect(Pseudonymiser.key(fromFile: Self.key) == Self.key)
    }

    @Test func everySuppressionIsExplainedInEveryFormat() throws {
        let summary = try summarise(Self.lines() + organisations(2, prefix: "tiny", region: "tiny"))
        #expect(!summary.suppressions.isEmpty)
        for suppression in summary.suppressions {
            // CSV doubles the quotes inside a quoted field.
            #expect(summary.csv().replacing("\"\"", with: "\"").contains(suppression))
        }
        // The handout words each reason from its code, naming the merged group and scopes as the reader sees them.
        let reasons = try #require(summary.suppressionReasons)
        #expect(reasons.map(\.message) == summary.suppressions)
        let handout = summary.html()
        let strings = HandoutStrings(language: "en")
        for reason in reasons {
            let sentence = try #require(
                strings.sentence(
                    reason, group: { $0 == "other" ? "other (small groups merged)" : $0 },
                    scope: { id in
                        id == "overall" ? "Overall score" : summary.scopes.first { $0.id == id }?.name ?? id
                    }, question: { $0 }))
            #expect(handout.contains(sentence.replacing("\"", with: "&quot;")), "\(sentence)")
        }
    }

    @Test func theHandoutIsSelfContainedSVG() throws {
        let html = try summarise(Self.lines()).html()
        #expect(html.contains("<svg"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || !html.contains("src="))
        #expect(html.contains("Most common gaps"))
    }
}
