/// A small RGB picture drawn from rectangles, written as PNG: the charts of the Word documents.
///
/// PNG because Word and LibreOffice both show it in every version (an SVG needs a PNG fallback in Word anyway).
/// The image data goes into stored (uncompressed) deflate blocks; the document's ZIP container compresses the
/// file, and flat chart colours compress to almost nothing.
public struct PNGImage: Sendable, Hashable {
    /// Width and height in pixels.
    public let width: Int
    public let height: Int
    private var pixels: [UInt8]

    /// A white picture.
    public init(width: Int, height: Int) {
        self.width = max(1, width)
        self.height = max(1, height)
        pixels = [UInt8](repeating: 255, count: self.width * self.height * 3)
    }

    /// Fills the rectangle at (`x`, `y`) of `width` × `height` pixels, clipped to the picture, with `colour`
    /// (`#rrggbb`).
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, colour: String) {
        let (r, g, b) = Self.rgb(colour)
        let left = max(0, x)
        let right = min(self.width, x + width)
        let top = max(0, y)
        let bottom = min(self.height, y + height)
        guard left < right, top < bottom else { return }
        for row in top..<bottom {
            var offset = (row * self.width + left) * 3
            for _ in left..<right {
                pixels[offset] = r
                pixels[offset + 1] = g
                pixels[offset + 2] = b
                offset += 3
            }
        }
    }

    /// The colour at (`x`, `y`), as `#rrggbb`.
    public func colour(x: Int, y: Int) -> String {
        let offset = (y * width + x) * 3
        let hex = pixels[offset..<offset + 3].map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }
        return "#" + hex.joined()
    }

    static func rgb(_ colour: String) -> (UInt8, UInt8, UInt8) {
        let digits = colour.hasPrefix("#") ? String(colour.dropFirst()) : colour
        let value = UInt32(digits, radix: 16) ?? 0
        return (UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
    }

    /// The PNG file.
    public var png: [UInt8] {
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += Self.bigEndian(UInt32(width))
        header += Self.bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8 bits per channel, RGB, deflate, standard filters, no interlace
        file += Self.chunk("IHDR", header)
        // Each row starts with filter type 0 (none).
        var raw: [UInt8] = []
        raw.reserveCapacity((width * 3 + 1) * height)
        for row in 0..<height {
            raw.append(0)
            raw += pixels[(row * width * 3)..<((row + 1) * width * 3)]
        }
        file += Self.chunk("IDAT", Self.zlibStored(raw))
        file += Self.chunk("IEND", [])
        return file
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(CRC32.checksum(typeBytes + data))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 §3.2.4), each at most 65,535 bytes.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var stream: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let end = min(data.count, start + 65_535)
            let length = UInt16(end - start)
            stream.append(end == data.count ? 1 : 0)
            stream += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            stream += data[start..<end]
            start = end
        } while start < data.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return stream + bigEndian(b << 16 | a)
    }
}

/// The CRC-32 of PNG chunks (ISO 3309, the same as ZIP's).
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
