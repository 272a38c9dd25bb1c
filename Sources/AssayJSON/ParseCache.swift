import CJansson

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A folder of rubrics as jansson parsed them, so that a command run again on an unchanged rubric file does not
/// parse its 200 KB again: jansson's parse is 28 M of the 70 M instructions of `assay score` on a bundled rubric.
///
/// What is kept is only the parse (the bytes' ``JSONValue``); decoding, validation and every message are worked
/// out from it on each run exactly as after a parse. An entry is used only when it holds the very bytes just read
/// from the file (compared whole, not by a hash), was written by this very executable (``stamp``), passes its
/// checksum and decodes whole; anything else, whatever the reason, is a miss: the file is parsed by jansson, and
/// what that parse finds (an error included) is what the command reports. A cache that cannot be read or written
/// never fails a command. Only files of at least ``minimumSize`` bytes are kept, and at most ``maximumEntries``
/// entries, one per rubric file (the path, with its links resolved, names the entry, so editing a rubric replaces
/// its entry instead of adding one).
///
/// The folder and its entries must belong to the user running the command and be writable by nobody else: an
/// entry written by another user is never read, since it could change what a rubric says.
package struct ParseCache: Sendable {
    /// The folder the entries are in.
    package let folder: String
    /// What the entries written by this program carry, and what an entry must carry to be read: the executable's
    /// identity (size, modification time, inode), so a rebuilt program never reads what an older build wrote.
    package let stamp: [UInt8]

    /// Files smaller than this are parsed each time: a small file parses in microseconds.
    package static let minimumSize = 16 << 10
    /// Files larger than this are parsed each time: the largest bundled rubric is 280 KB, and an entry is at most
    /// about three times its file, so 32 entries of files this size are at most about 400 MB.
    package static let maximumSize = 4 << 20
    /// The tag that marks a folder as a cache (the Cache Directory Tagging convention, which backup tools honour):
    /// entries are written, and old ones removed, only in a folder that holds it, which this program writes only
    /// in a folder it made or found empty. A folder of the user's own (`ASSAY_CACHE_DIR=$HOME`) is never cleaned.
    static let tagName = "CACHEDIR.TAG"
    static let tag = Array(
        ("Signature: 8a477f597d28d172789f06886806bc55\n"
            + "# This folder is a cache of rubrics parsed by assay (see its README); it can be removed.\n").utf8)
    /// The most entries kept; the oldest beyond it are removed when an entry is written.
    package static let maximumEntries = 32

    /// A cache in `folder` whose entries only the running executable writes and reads (``stamp(ofExecutable:)``);
    /// `nil` where the running executable cannot be found (only Linux's `/proc/self/exe` is asked).
    package init?(runningExecutableIn folder: String) {
        #if os(Linux)
            guard let stamp = Self.stamp(ofExecutable: "/proc/self/exe") else { return nil }
            self.init(folder: folder, stamp: stamp)
        #else
            return nil
        #endif
    }

    /// Where `assay` keeps its cache, from the environment `variable` reads: `ASSAY_CACHE_DIR` when it is an
    /// absolute path, none when it is set to anything else (`ASSAY_CACHE_DIR=off`), else `$XDG_CACHE_HOME/assay`,
    /// else `$HOME/.cache/assay`, these two only when `$HOME` is a folder of the user running the command
    /// (`sudo` keeping another user's `HOME` must not leave root's folders in it).
    package static func folder(in variable: (String) -> String?) -> String? {
        if let chosen = variable("ASSAY_CACHE_DIR") { return chosen.hasPrefix("/") ? chosen : nil }
        guard let home = variable("HOME"), home.hasPrefix("/") else { return nil }
        var info = stat()
        guard stat(home, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid() else { return nil }
        if let base = variable("XDG_CACHE_HOME"), base.hasPrefix("/") { return base + "/assay" }
        return home + "/.cache/assay"
    }

    /// What identifies the executable at `path` in its entries: its size, modification time and inode, so a
    /// rebuilt or reinstalled program never reads what another build wrote.
    package static func stamp(ofExecutable path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let modified = modificationTime(info)
        return "\(info.st_size) \(modified.tv_sec).\(modified.tv_nsec) \(info.st_ino)"
    }

    package init(folder: String, stamp: String) {
        self.folder = folder
        self.stamp = Array("assay-parse-cache-1 \(stamp) jansson \(String(cString: jansson_version_str()))".utf8)
    }

    /// The value jansson gave `bytes`, read from the entry for the file at `path`; `nil` when there is no usable
    /// entry.
    package func value(of bytes: [UInt8], at path: String) -> JSONValue? {
        guard (Self.minimumSize...Self.maximumSize).contains(bytes.count), folderIsPrivate(),
            let name = entryName(for: path)
        else { return nil }
        // Not blocking: a named pipe put where the entry goes would otherwise wait for a writer for ever.
        let descriptor = open("\(folder)/\(name)", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(),
            info.st_mode & 0o022 == 0
        else { return nil }
        let size = Int(info.st_size)
        // The header, the source bytes and a tree of at most twice their size: a larger entry is none of ours.
        guard size >= Entry.overhead(stamp: stamp.count), size <= Entry.largest(stamp: stamp.count, source: bytes.count)
        else { return nil }
        var contents = [UInt8](repeating: 0, count: size)
        guard readWhole(descriptor, into: &contents) else { return nil }
        guard let value = Entry.value(in: contents, stamp: stamp, source: bytes) else { return nil }
        // Used now: eviction removes the entries used longest ago.
        _ = futimens(descriptor, nil)
        return value
    }

    /// Keeps `value`, jansson's parse of `bytes` (the file at `path`), for the next run; does nothing when the
    /// file is small or the folder cannot be written.
    package func store(_ value: JSONValue, of bytes: [UInt8], at path: String) {
        var info = stat()
        guard (Self.minimumSize...Self.maximumSize).contains(bytes.count), stat(path, &info) == 0,
            info.st_mode & S_IFMT == S_IFREG, makeFolder(), let name = entryName(for: path)
        else { return }
        let entry = "\(folder)/\(name)"
        let contents = Entry.contents(of: value, stamp: stamp, source: bytes)
        // A rubric's tree is about the size of its file; one of more than twice is not worth keeping (a list of a
        // million zeros).
        guard contents.count <= Entry.largest(stamp: stamp.count, source: bytes.count) else { return }
        let temporary = "\(folder)/.\(name).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        // No fsync: an entry torn by a power cut fails its checksum and is parsed again.
        let written = contents.withUnsafeBytes { AtomicFile.writeAll($0, to: descriptor) } == nil
        close(descriptor)
        guard written, rename(temporary, entry) == 0 else {
            unlink(temporary)
            return
        }
        evictOldEntries()
    }

    /// The name of the entry for the file at `path`: a hash of the path with its links resolved.
    private func entryName(for path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var pointer = resolved
        while pointer.pointee != 0 {
            hash = (hash ^ UInt64(UInt8(bitPattern: pointer.pointee))) &* 0x0000_0100_0000_01B3
            pointer += 1
        }
        let hex = String(hash, radix: 16)
        return "\(String(repeating: "0", count: 16 - hex.count))\(hex).parsed"
    }

    /// Whether the folder is there, is a folder (not a link to one) and only its owner, the user running the
    /// command, can write to it.
    private func folderIsPrivate() -> Bool {
        var info = stat()
        return lstat(folder, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR && info.st_uid == geteuid()
            && info.st_mode & 0o022 == 0
    }

    /// Creates the folder (and its missing parents, readable by their owner only) unless it is there, and tags it
    /// as a cache if it is new or empty; whether it is now there, private and tagged.
    private func makeFolder() -> Bool {
        if !folderIsPrivate() {
            var partial = ""
            for component in folder.split(separator: "/", omittingEmptySubsequences: true) {
                partial += "/" + component
                if mkdir(partial, 0o700) != 0, errno != EEXIST { return false }
            }
            guard folderIsPrivate() else { return false }
        }
        if isTagged() { return true }
        guard let names = names(), names.isEmpty else { return false }
        let descriptor = open("\(folder)/\(Self.tagName)", O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return isTagged() }
        let written = Self.tag.withUnsafeBytes { AtomicFile.writeAll($0, to: descriptor) } == nil
        close(descriptor)
        return written
    }

    /// Whether the folder holds the cache tag this program writes.
    private func isTagged() -> Bool {
        let descriptor = open("\(folder)/\(Self.tagName)", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var contents = [UInt8](repeating: 0, count: Self.tag.count + 1)
        let count = contents.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
        return count == Self.tag.count && contents.prefix(count).elementsEqual(Self.tag)
    }

    /// The names in the folder, `.` and `..` left out; `nil` when it cannot be listed.
    private func names() -> [String]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let item = readdir(directory) {
            let name = withUnsafeBytes(of: item.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// Whether `name` is an entry's (16 hexadecimal digits, `.parsed`) or, with `temporary`, a write's temporary
    /// file (`.`, an entry's name, `.`, a process id, `.tmp`): the only files this program removes.
    static func isEntryName(_ name: Substring, temporary: Bool = false) -> Bool {
        if temporary {
            guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
            let parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 3 && isEntryName(parts[0] + "." + parts[1])
                && !parts[2].isEmpty && parts[2].allSatisfy { ("0"..."9").contains($0) }
        }
        let hex = name.dropLast(".parsed".count)
        return name.hasSuffix(".parsed") && hex.count == 16
            && hex.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }

    /// Removes the entries beyond ``maximumEntries``, used longest ago first, and temporary files an interrupted
    /// write left more than an hour ago.
    private func evictOldEntries() {
        guard isTagged(), let names = names() else { return }
        var entries: [(name: String, used: Int)] = []
        let now = time(nil)
        for name in names {
            var info = stat()
            guard lstat("\(folder)/\(name)", &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            if Self.isEntryName(name[...]) {
                entries.append((name, Self.modificationTime(info).tv_sec))
            } else if Self.isEntryName(name[...], temporary: true), now - Self.modificationTime(info).tv_sec > 3600 {
                unlink("\(folder)/\(name)")
            }
        }
        guard entries.count > Self.maximumEntries else { return }
        for entry in entries.sorted(by: { $0.used < $1.used }).prefix(entries.count - Self.maximumEntries) {
            unlink("\(folder)/\(entry.name)")
        }
    }

    /// When the file `info` describes was last modified, as each system names it.
    private static func modificationTime(_ info: stat) -> timespec {
        #if canImport(Darwin)
            info.st_mtimespec
        #else
            info.st_mtim
        #endif
    }

    private func readWhole(_ descriptor: Int32, into contents: inout [UInt8]) -> Bool {
        let count = contents.count
        return contents.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < count {
                let result = read(descriptor, buffer.baseAddress! + offset, count - offset)
                if result < 0, errno == EINTR { continue }
                guard result > 0 else { return false }
                offset += result
            }
            return true
        }
    }
}

/// The layout of an entry: `magic`, the stamp's length and bytes, the source's length and bytes, the tree's
/// length and bytes (``ParsedTree``), and a checksum of everything before it. Lengths are 8 bytes, little-endian.
enum Entry {
    static let magic: [UInt8] = Array("ASSAYPC\u{1}".utf8)

    static func overhead(stamp: Int) -> Int { magic.count + 8 + stamp + 8 + 8 + 8 }

    /// The largest entry kept for a source of `source` bytes: its header, the source and a tree of at most twice
    /// its size. A rubric's tree is a little smaller than its file (its strings without quotes, its punctuation as
    /// tags and counts); a list of zeros is four and a half times (`0,`, 2 bytes, is a tag and 8 bytes).
    static func largest(stamp: Int, source: Int) -> Int { overhead(stamp: stamp) + 3 * source }

    static func contents(of value: JSONValue, stamp: [UInt8], source: [UInt8]) -> [UInt8] {
        var contents: [UInt8] = []
        contents.reserveCapacity(overhead(stamp: stamp.count) + 2 * source.count)
        contents += magic
        appendLittleEndian(UInt64(stamp.count), to: &contents)
        contents += stamp
        appendLittleEndian(UInt64(source.count), to: &contents)
        contents += source
        // The tree's length goes before the tree, once the tree is written after it.
        let treeStart = contents.count
        appendLittleEndian(UInt64(0), to: &contents)
        ParsedTree.append(value, to: &contents)
        withUnsafeBytes(of: UInt64(contents.count - treeStart - 8).littleEndian) {
            contents.replaceSubrange(treeStart..<(treeStart + 8), with: $0)
        }
        appendLittleEndian(contents.withUnsafeBytes { checksum($0) }, to: &contents)
        return contents
    }

    /// The tree an entry holds for `source`; `nil` unless the entry is whole and is for exactly `source`.
    static func value(in contents: [UInt8], stamp: [UInt8], source: [UInt8]) -> JSONValue? {
        contents.withUnsafeBytes { buffer -> JSONValue? in
            var reader = ByteReader(buffer)
            guard buffer.count >= 8, reader.take(magic.count).map({ $0.elementsEqual(magic) }) == true,
                let stampCount = reader.length(), let stored = reader.take(stampCount), stored.elementsEqual(stamp),
                let sourceCount = reader.length(), sourceCount == source.count,
                let storedSource = reader.take(sourceCount),
                source.withUnsafeBytes({ memcmp($0.baseAddress!, storedSource.baseAddress!, sourceCount) == 0 }),
                let treeCount = reader.length(), let tree = reader.take(treeCount),
                reader.offset == buffer.count - 8
            else { return nil }
            let sum = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: reader.offset, as: UInt64.self))
            guard sum == checksum(UnsafeRawBufferPointer(rebasing: buffer[..<reader.offset]))
            else { return nil }
            return ParsedTree.value(in: tree)
        }
    }

    /// A 64-bit checksum, eight bytes at a time: it catches an entry damaged on disk, not a forgery (only the
    /// entry's owner can write it).
    static func checksum(_ buffer: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(buffer.count)
        var offset = 0
        func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
        }
        while offset + 8 <= buffer.count {
            mix(UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<buffer.count { tail = tail << 8 | UInt64(buffer[index]) }
        mix(tail)
        return hash
    }
}

/// A ``JSONValue`` as bytes, in document order: a tag byte per value, then an integer's or real's 8 bytes, or a
/// string's length (4 bytes) and UTF-8, or a list's count and elements, or an object's count and, per member, its
/// key as a string and its value. Integers are little-endian.
enum ParsedTree {
    private enum Tag: UInt8 {
        case null, `false`, `true`, integer, real, string, array, object
    }

    static func append(_ value: JSONValue, to bytes: inout [UInt8]) {
        switch value {
        case .null: bytes.append(Tag.null.rawValue)
        case .bool(let flag): bytes.append(flag ? Tag.true.rawValue : Tag.false.rawValue)
        case .integer(let number):
            bytes.append(Tag.integer.rawValue)
            appendLittleEndian(UInt64(bitPattern: number), to: &bytes)
        case .real(let number):
            bytes.append(Tag.real.rawValue)
            appendLittleEndian(number.bitPattern, to: &bytes)
        case .string(let text):
            bytes.append(Tag.string.rawValue)
            appendString(text, to: &bytes)
        case .array(let elements):
            bytes.append(Tag.array.rawValue)
            appendLittleEndian(UInt32(truncatingIfNeeded: elements.count), to: &bytes)
            for element in elements { append(element, to: &bytes) }
        case .object(let object):
            bytes.append(Tag.object.rawValue)
            appendLittleEndian(UInt32(truncatingIfNeeded: object.members.count), to: &bytes)
            for member in object.members {
                appendString(member.key, to: &bytes)
                append(member.value, to: &bytes)
            }
        }
    }

    /// The value `bytes` hold whole; `nil` for anything else (cut short, a tag or count of no meaning, bytes
    /// left over, nesting deeper than jansson's conversion allows, a string that is not UTF-8, an object with a
    /// key twice).
    static func value(in bytes: UnsafeRawBufferPointer) -> JSONValue? {
        var reader = ByteReader(bytes)
        guard let value = value(&reader, depth: 0), reader.offset == bytes.count else { return nil }
        return value
    }

    private static func value(_ reader: inout ByteReader, depth: Int) -> JSONValue? {
        guard let byte = reader.byte(), let tag = Tag(rawValue: byte) else { return nil }
        switch tag {
        case .null: return .null
        case .false: return .bool(false)
        case .true: return .bool(true)
        case .integer: return reader.word().map { .integer(Int64(bitPattern: $0)) }
        case .real: return reader.word().map { .real(Double(bitPattern: $0)) }
        case .string: return string(&reader).map { .string($0) }
        case .array:
            // Each element is at least its tag byte: a count past the bytes left is damage, not a long list.
            guard depth < Jansson.maximumDepth, let count = reader.count(), count <= reader.remaining else {
                return nil
            }
            var elements: [JSONValue] = []
            elements.reserveCapacity(count)
            for _ in 0..<count {
                guard let element = value(&reader, depth: depth + 1) else { return nil }
                elements.append(element)
            }
            return .array(elements)
        case .object:
            guard depth < Jansson.maximumDepth, let count = reader.count(), count <= reader.remaining / 5 else {
                return nil
            }
            var members: [(key: String, value: JSONValue)] = []
            members.reserveCapacity(count)
            for _ in 0..<count {
                guard let key = string(&reader), let member = value(&reader, depth: depth + 1) else { return nil }
                members.append((key, member))
            }
            // A small object's keys are taken as they are, as jansson's conversion takes them; a large one is
            // indexed by key, which must not meet a key twice (as `JSONObject(distinctMembers:)` would stop on).
            if count <= JSONObject.indexedCount { return .object(JSONObject(distinctMembers: members)) }
            let object = JSONObject(members)
            return object.members.count == count ? .object(object) : nil
        }
    }

    private static func string(_ reader: inout ByteReader) -> String? {
        guard let count = reader.count(), let bytes = reader.take(count) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func appendString(_ text: String, to bytes: inout [UInt8]) {
        appendLittleEndian(UInt32(truncatingIfNeeded: text.utf8.count), to: &bytes)
        bytes += text.utf8
    }
}

/// Appends `value`'s bytes, least significant first: the one byte order of an entry's lengths, counts and numbers.
func appendLittleEndian<Value: FixedWidthInteger>(_ value: Value, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
}

/// Reads a byte buffer front to back, every read checked against its end.
struct ByteReader {
    let buffer: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

    var remaining: Int { buffer.count - offset }

    mutating func byte() -> UInt8? {
        guard offset < buffer.count else { return nil }
        defer { offset += 1 }
        return buffer[offset]
    }

    mutating func take(_ count: Int) -> UnsafeRawBufferPointer? {
        guard count >= 0, count <= remaining else { return nil }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + count)])
    }

    mutating func word() -> UInt64? {
        guard let bytes = take(8) else { return nil }
        return UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
    }

    mutating func count() -> Int? {
        guard let bytes = take(4) else { return nil }
        return Int(UInt32(littleEndian: bytes.loadUnaligned(as: UInt32.self)))
    }

    /// An 8-byte length, no more than the bytes left.
    mutating func length() -> Int? {
        guard let word = word(), word <= UInt64(remaining) else { return nil }
        return Int(word)
    }
}
