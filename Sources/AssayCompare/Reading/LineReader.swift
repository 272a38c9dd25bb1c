#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a byte range of a file in large chunks and hands out one line at a time, never holding the whole file.
///
/// Memory is one chunk (512 KiB by default, so a chunk is still in the core's cache when its lines are parsed;
/// 4 MiB chunks cost about 7% more CPU time on the reference workload) plus the longest line. Lines end at `\n`;
/// the `\n` is not part of the line. A last line without a newline is still a line.
package struct LineReader {
    /// The file's path.
    package let path: String
    /// How many bytes one read asks for.
    package let chunkSize: Int

    /// The longest line read: a longer one is handed to ``forEachLine(in:maximumLineLength:_:overlong:)``'s
    /// `overlong` instead, and skipped, so memory stays bounded whatever the input.
    package let maximumLineLength: Int

    /// A reader of the file at `path`; `-` reads standard input.
    package init(path: String, chunkSize: Int = 512 << 10, maximumLineLength: Int = 64 << 20) {
        self.path = path
        self.chunkSize = chunkSize
        self.maximumLineLength = maximumLineLength
    }

    /// Whether the input is read as a stream, front to back, rather than by byte ranges: standard input, a pipe,
    /// a terminal or a device (`/dev/stdin`), whose size says nothing about how much it holds.
    package func isStream() throws(LineReaderError) -> Bool {
        if path == "-" { return true }
        var info = stat()
        guard stat(path, &info) == 0 else { throw LineReaderError(path: path, reason: Self.reason(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw LineReaderError(path: path, reason: "this is a folder") }
        return (info.st_mode & S_IFMT) != S_IFREG
    }

    /// The size of the file in bytes.
    package func size() throws(LineReaderError) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw LineReaderError(path: path, reason: Self.reason(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw LineReaderError(path: path, reason: "this is a folder") }
        return Int(info.st_size)
    }

    /// `count` byte ranges covering the file, each starting at the beginning of a line; one range to the end for
    /// a stream.
    package func split(into count: Int) throws(LineReaderError) -> [Range<Int>] {
        if try isStream() { return [0..<Int.max] }
        let total = try size()
        guard count > 1, total > 1 << 20 else { return [0..<total] }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw LineReaderError(path: path, reason: Self.reason(errno)) }
        defer { close(descriptor) }
        var starts = [0]
        var probe = [UInt8](repeating: 0, count: 1 << 16)
        for part in 1..<count {
            var offset = max(total * part / count, starts.last!)
            var found: Int?
            while found == nil && offset < total {
                let read = probe.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
                guard read > 0 else { break }
                if let newline = probe[0..<read].firstIndex(of: 0x0A) { found = offset + newline + 1 }
                offset += read
            }
            if let found, found < total, found > starts.last! { starts.append(found) }
        }
        return zip(starts, starts.dropFirst() + [total]).map { $0..<$1 }
    }

    /// Calls `body` with each line in `range` (which must start at a line's beginning) until it returns `false`.
    ///
    /// A line longer than ``maximumLineLength`` is not held: `overlong` is called in its place (it returns
    /// whether to go on, as `body` does) and the rest of the line is skipped.
    package func forEachLine(
        in range: Range<Int>,
        _ body: (UnsafeBufferPointer<UInt8>) -> Bool,
        overlong: () -> Bool = { false }
    ) throws(LineReaderError) {
        let stream = try isStream()
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else { throw LineReaderError(path: path, reason: Self.reason(errno)) }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: min(chunkSize, maximumLineLength + 1))
        defer { buffer.deallocate() }
        var kept = 0
        var offset = range.lowerBound
        // Inside a line too long to hold, whose rest is being skipped up to its newline.
        var skipping = false
        while true {
            if kept == buffer.count {
                if kept > maximumLineLength {
                    // Too long to be a response: say so, drop what is held and skip to the line's end.
                    guard overlong() else { return }
                    skipping = true
                    kept = 0
                } else {
                    // One line longer than the buffer: grow it rather than split the line.
                    let larger = UnsafeMutableBufferPointer<UInt8>.allocate(
                        capacity: min(buffer.count * 2, maximumLineLength + 1))
                    _ = larger.initialize(fromContentsOf: buffer)
                    buffer.deallocate()
                    buffer = larger
                }
            }
            let wanted = min(buffer.count - kept, range.upperBound - offset)
            var read = 0
            if wanted > 0 {
                read =
                    stream
                    ? readStream(descriptor, buffer.baseAddress! + kept, wanted)
                    : pread(descriptor, buffer.baseAddress! + kept, wanted, off_t(offset))
                if read < 0 && errno == EINTR { continue }
                guard read >= 0 else { throw LineReaderError(path: path, reason: Self.reason(errno)) }
            }
            offset += read
            let filled = kept + read
            if read == 0 {
                if filled > 0 && !skipping { _ = body(UnsafeBufferPointer(rebasing: buffer[0..<filled])) }
                return
            }
            var start = 0
            let base = buffer.baseAddress!
            while start < filled,
                let found = memchr(base + start, 0x0A, filled - start)
            {
                let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if skipping {
                    skipping = false
                } else {
                    guard body(UnsafeBufferPointer(start: base + start, count: end - start)) else { return }
                }
                start = end + 1
            }
            kept = skipping ? 0 : filled - start
            if kept > 0 && start > 0 { memmove(base, base + start, kept) }
        }
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// `read(2)`, under a name the reader's own variables do not hide.
private func readStream(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// A response file that cannot be opened or read.
package struct LineReaderError: Error, Sendable, Hashable {
    /// The file's path.
    package var path: String
    /// What the system said.
    package var reason: String
}
