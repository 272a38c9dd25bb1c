import AssayCore
import Foundation
import Testing

@testable import AssayJSON

/// The cache of parsed rubrics `assay` keeps: what it gives back must be exactly jansson's parse of exactly these
/// bytes, and anything else about an entry (damaged, another file's, another program's, another user's) must be
/// a miss, never a crash and never a stale rubric.
@Suite("Parse cache")
struct ParseCacheTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let rubrics = [
        "digital-capacity", "data-governance", "digital-service-framework", "engagement-readiness",
        "stakeholder-engagement",
    ].map { root.appendingPathComponent("Rubrics/\($0).json").path }

    static func bytes(_ path: String) throws -> [UInt8] { try JSONDocument.readBytes(path) }

    /// The entries in `folder`, without its cache tag.
    static func entries(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".parsed") }
    }

    /// A fresh folder for one test's cache, removed afterwards by the caller.
    static func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parse-cache-\(UUID().uuidString)")
        return url.path
    }

    /// Every bundled rubric, and every JSON file of the hostile corpus and the fixtures that jansson accepts,
    /// comes back from its bytes as the value jansson's parse gave, member order included.
    @Test func everyParsedFileComesBackAsJanssonParsedIt() throws {
        var files = Self.rubrics
        for corpus in ["Tests/HostileCorpus/cases", "Tests/AssayJSONTests/Fixtures"] {
            let base = Self.root.appendingPathComponent(corpus)
            let walker = FileManager.default.enumerator(atPath: base.path)!
            while let name = walker.nextObject() as? String {
                if name.hasSuffix(".json") { files.append(base.appendingPathComponent(name).path) }
            }
        }
        var compared = 0
        for file in files {
            guard let value = try? Jansson.parse(Self.bytes(file), file: file) else { continue }
            var tree: [UInt8] = []
            ParsedTree.append(value, to: &tree)
            let back = tree.withUnsafeBytes { ParsedTree.value(in: $0) }
            #expect(back == value, "\(file)")
            compared += 1
        }
        // The five rubrics and the 110 files of the corpus that jansson parses: a walk that found nothing would
        // pass for nothing.
        #expect(compared == 115)
    }

    /// Large objects (more than 12 members) are indexed by key: a value read back finds its members by key.
    @Test func aLargeObjectReadBackFindsItsMembersByKey() throws {
        let members = (0..<40).map { (key: "key\($0)", value: JSONValue.integer(Int64($0))) }
        var tree: [UInt8] = []
        ParsedTree.append(.object(JSONObject(members)), to: &tree)
        guard case .object(let object)? = tree.withUnsafeBytes({ ParsedTree.value(in: $0) }) else {
            Issue.record("no object")
            return
        }
        #expect(object["key37"] == .integer(37))
        #expect(object["key40"] == nil)
        // The same key twice in a large object is damage (jansson never gives it): no value, not a stop.
        var twice: [UInt8] = []
        ParsedTree.append(.object(JSONObject(members)), to: &twice)
        let renamed = Array("key1".utf8)
        let at = twice.firstRange(of: Array("key2".utf8))!
        twice.replaceSubrange(at, with: renamed)
        #expect(twice.withUnsafeBytes { ParsedTree.value(in: $0) } == nil)
    }

    /// Every way an entry can be damaged on disk (cut short at any length, any byte changed) is a miss.
    @Test func aDamagedEntryIsAMiss() throws {
        let source = try Self.bytes(Self.rubrics[0])
        let value = try Jansson.parse(source, file: "rubric")
        let stamp = Array("a stamp".utf8)
        let entry = Entry.contents(of: value, stamp: stamp, source: source)
        #expect(Entry.value(in: entry, stamp: stamp, source: source) == value)
        // Cut short: every length near the ends and every 997th in between.
        let lengths =
            Array(0..<100) + Array(stride(from: 100, to: entry.count, by: 997))
            + Array((entry.count - 100)..<entry.count)
        for length in lengths {
            #expect(Entry.value(in: Array(entry[..<length]), stamp: stamp, source: source) == nil, "cut at \(length)")
        }
        #expect(Entry.value(in: entry + [0], stamp: stamp, source: source) == nil)
        // Any one byte changed, in 3,000 places spread over the whole entry (the checksum or a comparison sees it).
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            var damaged = entry
            let at = Int.random(in: 0..<entry.count, using: &generator)
            damaged[at] ^= UInt8.random(in: 1...255, using: &generator)
            #expect(Entry.value(in: damaged, stamp: stamp, source: source) == nil, "byte \(at)")
        }
        // Another program's entry, or one for other bytes, is never read.
        #expect(Entry.value(in: entry, stamp: Array("another stamp".utf8), source: source) == nil)
        var edited = source
        edited[edited.count / 2] ^= 0x20
        #expect(Entry.value(in: entry, stamp: stamp, source: edited) == nil)
    }

    /// The tree reader itself, given damaged trees that pass no checksum at all, returns a value or `nil` and
    /// never stops the program: no count or length is trusted past the bytes there are.
    @Test func aDamagedTreeNeverStopsTheReader() throws {
        let value = try Jansson.parse(Self.bytes(Self.rubrics[1]), file: "rubric")
        var tree: [UInt8] = []
        ParsedTree.append(value, to: &tree)
        var generator = SystemRandomNumberGenerator()
        var misses = 0
        for round in 0..<2_000 {
            var damaged = tree
            for _ in 0...(round % 4) {
                let at = Int.random(in: 0..<damaged.count, using: &generator)
                damaged[at] = UInt8.random(in: 0...255, using: &generator)
            }
            if round % 7 == 0 { damaged.removeLast(Int.random(in: 0..<damaged.count, using: &generator)) }
            if damaged.withUnsafeBytes({ ParsedTree.value(in: $0) }) == nil { misses += 1 }
        }
        // Most damage is seen by the reader alone (a tag, count or length out of place).
        #expect(misses > 500)
        // Deeper than jansson's conversion allows, or counts far past the bytes: nil, at once.
        // A list of one element is its tag (6) and a count of 1; 64 lists inside each other are as deep as
        // jansson's conversion goes, 65 deeper.
        func nested(_ depth: Int) -> [UInt8] { Array(repeating: [6, 1, 0, 0, 0], count: depth).flatMap { $0 } + [0] }
        #expect(nested(64).withUnsafeBytes { ParsedTree.value(in: $0) } != nil)
        #expect(nested(65).withUnsafeBytes { ParsedTree.value(in: $0) } == nil)
        let huge: [UInt8] = [6, 0xFF, 0xFF, 0xFF, 0xFF, 0]
        #expect(huge.withUnsafeBytes { ParsedTree.value(in: $0) } == nil)
    }

    /// What the cache reads is what it was given for exactly those bytes: a forged entry written with the right
    /// stamp is read (so a hit is a real read, not a fresh parse), a file edited since is a miss.
    @Test func anEntryIsReadForTheBytesItWasWrittenFor() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "-rubric.json"
        defer { try? FileManager.default.removeItem(atPath: file) }
        var source = try Self.bytes(Self.rubrics[0])
        try Data(source).write(to: URL(fileURLWithPath: file))
        let cache = ParseCache(folder: folder, stamp: "test")
        #expect(cache.value(of: source, at: file) == nil)
        let forged = JSONValue.object(JSONObject([("id", .string("forged"))]))
        cache.store(forged, of: source, at: file)
        #expect(cache.value(of: source, at: file) == forged)
        // Another build of the program never reads it.
        #expect(ParseCache(folder: folder, stamp: "another build").value(of: source, at: file) == nil)
        // The file edited: a miss, so the edit is what the command sees.
        source[100] ^= 0x01
        #expect(cache.value(of: source, at: file) == nil)
        // The folder and the entry are the user's alone.
        var info = stat()
        #expect(stat(folder, &info) == 0 && info.st_mode & 0o777 == 0o700)
        let entries = Self.entries(folder)
        #expect(entries.count == 1)
        #expect(
            try String(contentsOfFile: folder + "/CACHEDIR.TAG", encoding: .utf8).hasPrefix(
                "Signature: 8a477f597d28d172789f06886806bc55"))
        #expect(stat(folder + "/" + entries[0], &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    /// An entry or folder others could write is never read: it could change what a rubric says.
    @Test func anEntryOthersCouldWriteIsNeverRead() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = Self.rubrics[2]
        let source = try Self.bytes(file)
        let value = try Jansson.parse(source, file: file)
        let cache = ParseCache(folder: folder, stamp: "test")
        cache.store(value, of: source, at: file)
        let entry = folder + "/" + Self.entries(folder)[0]
        #expect(cache.value(of: source, at: file) == value)
        chmod(entry, 0o666)
        #expect(cache.value(of: source, at: file) == nil)
        chmod(entry, 0o600)
        chmod(folder, 0o777)
        #expect(cache.value(of: source, at: file) == nil)
        chmod(folder, 0o700)
        #expect(cache.value(of: source, at: file) == value)
        if geteuid() == 0 {
            // Root can give the entry away: another user's entry is not read.
            chown(entry, 4242, 4242)
            #expect(cache.value(of: source, at: file) == nil)
        }
        // A link in place of the entry is not followed.
        let target = folder + "-target"
        defer { try? FileManager.default.removeItem(atPath: target) }
        try FileManager.default.moveItem(atPath: entry, toPath: target)
        try FileManager.default.createSymbolicLink(atPath: entry, withDestinationPath: target)
        #expect(cache.value(of: source, at: file) == nil)
    }

    /// A small file is parsed each time and leaves nothing; a folder that cannot be made is no error.
    @Test func smallFilesAndUnwritableFoldersLeaveNothing() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let small = Self.root.appendingPathComponent("Rubrics/examples/digital-capacity.example.json").path
        let source = try Self.bytes(small)
        #expect(source.count < ParseCache.minimumSize)
        let cache = ParseCache(folder: folder, stamp: "test")
        cache.store(try Jansson.parse(source, file: small), of: source, at: small)
        #expect(!FileManager.default.fileExists(atPath: folder))
        // A folder under a regular file cannot be made: storing does nothing, reading misses.
        let blocked = ParseCache(folder: Self.rubrics[0] + "/cache", stamp: "test")
        let rubric = try Self.bytes(Self.rubrics[0])
        blocked.store(try Jansson.parse(rubric, file: "rubric"), of: rubric, at: Self.rubrics[0])
        #expect(blocked.value(of: rubric, at: Self.rubrics[0]) == nil)
    }

    /// A folder the user already had, with files of their own, is never written to or cleaned, even when its
    /// files are named like entries; an empty one is taken as the cache and tagged.
    @Test func aFolderOfTheUsersOwnIsNeverCleaned() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        chmod(folder, 0o700)
        let own = (0..<40).map { "report\($0).parsed" } + ["0123456789abcdef.parsed", ".0123456789abcdef.parsed.1.tmp"]
        for name in own {
            try Data("mine".utf8).write(to: URL(fileURLWithPath: "\(folder)/\(name)"))
            var old = [timespec(tv_sec: 1_000, tv_nsec: 0), timespec(tv_sec: 1_000, tv_nsec: 0)]
            _ = utimensat(AT_FDCWD, "\(folder)/\(name)", &old, 0)
        }
        let file = Self.rubrics[4]
        let source = try Self.bytes(file)
        let cache = ParseCache(folder: folder, stamp: "test")
        cache.store(try Jansson.parse(source, file: file), of: source, at: file)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder)) == Set(own))
        #expect(cache.value(of: source, at: file) == nil)
        // Emptied, it is the cache's.
        for name in own { try FileManager.default.removeItem(atPath: "\(folder)/\(name)") }
        cache.store(try Jansson.parse(source, file: file), of: source, at: file)
        #expect(Self.entries(folder).count == 1)
        #expect(cache.value(of: source, at: file) != nil)
    }

    /// A named pipe where the entry goes is a miss at once (no waiting for a writer); a parse whose tree is far
    /// larger than its file (a list of zeros) is not kept.
    @Test func aPipeOrAnOutsizedTreeIsNoEntry() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "-zeros.json"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let zeros = Array(("[" + Array(repeating: "0", count: 20_000).joined(separator: ",") + "]").utf8)
        try Data(zeros).write(to: URL(fileURLWithPath: file))
        let cache = ParseCache(folder: folder, stamp: "test")
        cache.store(try Jansson.parse(zeros, file: file), of: zeros, at: file)
        #expect(Self.entries(folder).isEmpty)
        // The folder made (and tagged) by that store: a pipe at the name an entry for the rubric would have.
        let rubric = Self.rubrics[0]
        let source = try Self.bytes(rubric)
        cache.store(try Jansson.parse(source, file: rubric), of: source, at: rubric)
        let entry = folder + "/" + Self.entries(folder)[0]
        try FileManager.default.removeItem(atPath: entry)
        #expect(mkfifo(entry, 0o600) == 0)
        #expect(cache.value(of: source, at: rubric) == nil)
    }

    /// At most 32 entries are kept; the ones used longest ago go first.
    @Test func theOldestEntriesAreRemovedPastTheLimit() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = folder + "-files"
        try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: files) }
        let source = try Self.bytes(Self.rubrics[3])
        let value = try Jansson.parse(source, file: "rubric")
        let cache = ParseCache(folder: folder, stamp: "test")
        var names: [String] = []
        for number in 0..<(ParseCache.maximumEntries + 3) {
            let file = "\(files)/\(number).json"
            try Data(source).write(to: URL(fileURLWithPath: file))
            let before = Set(Self.entries(folder))
            cache.store(value, of: source, at: file)
            let after = Set(Self.entries(folder))
            names.append(after.subtracting(before).first ?? "")
            // Each entry a second older than the next, so which is oldest does not rest on the clock's grain.
            var times = [
                timespec(tv_sec: 1_000_000 + number, tv_nsec: 0), timespec(tv_sec: 1_000_000 + number, tv_nsec: 0),
            ]
            _ = utimensat(AT_FDCWD, "\(folder)/\(names.last!)", &times, 0)
        }
        let kept = Set(Self.entries(folder))
        // 35 written, each write removing the oldest beyond 32: the first three are gone, the last 32 are there.
        #expect(kept.count == ParseCache.maximumEntries)
        #expect(kept == Set(names.suffix(ParseCache.maximumEntries)))
        // A hit counts as a use: the entry used now is the newest.
        _ = cache.value(of: source, at: "\(files)/3.json")
        var info = stat()
        #expect(stat("\(folder)/\(names[3])", &info) == 0 && info.st_mtim.tv_sec > 2_000_000)
    }
}
