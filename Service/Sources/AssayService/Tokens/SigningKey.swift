import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The secret that signs invitation links and CSRF tokens, kept in a file only its owner can read.
///
/// The file holds 32 random bytes as 64 hexadecimal digits. It is created on first use with permissions 0600,
/// atomically (`O_CREAT | O_EXCL`), so two commands started at once never write two different keys; a file that
/// others can read or write is refused, since anyone who reads it can forge invitations.
public struct SigningKey: Sendable {
    /// The key itself.
    public let key: SymmetricKey

    /// A key from its bytes, for tests and embedders that keep the key elsewhere.
    public init(bytes: [UInt8]) {
        self.key = SymmetricKey(data: bytes)
    }

    /// The key in the file at `path`, created there first if there is no such file.
    ///
    /// - Throws: ``ServiceError`` when the file cannot be read or created, is not 64 hexadecimal digits, or
    ///   can be read by anyone but its owner.
    public static func loadOrCreate(at path: String) throws(ServiceError) -> SigningKey {
        if let existing = try load(at: path) { return existing }
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
        let text = bytes.hexadecimal + "\n"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if descriptor < 0 {
            // Another process created it between our look and our create: use theirs.
            if errno == EEXIST, let existing = try load(at: path) { return existing }
            throw ServiceError("\(path): cannot create the signing key file: \(String(cString: strerror(errno)))")
        }
        let written = text.utf8CString.withUnsafeBufferPointer { buffer in
            write(descriptor, buffer.baseAddress, buffer.count - 1)
        }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == text.utf8.count, synced == 0 else {
            unlink(path)
            throw ServiceError("\(path): cannot write the signing key file")
        }
        return SigningKey(bytes: bytes)
    }

    private static func load(at path: String) throws(ServiceError) -> SigningKey? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let mode = attributes?[.posixPermissions] as? Int else {
            throw ServiceError("\(path): cannot read the signing key file's permissions")
        }
        guard mode & 0o077 == 0 else {
            throw ServiceError(
                "\(path): the signing key file can be read or written by others (mode \(String(mode, radix: 8))); run chmod 600 on it, or delete it to make a new key (every invitation link given so far stops working)"
            )
        }
        guard let data = FileManager.default.contents(atPath: path),
            let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
            let bytes = [UInt8](hexadecimal: text), bytes.count == 32
        else {
            throw ServiceError("\(path): expected a signing key of 64 hexadecimal digits")
        }
        return SigningKey(bytes: bytes)
    }
}

extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal digits.
    var hexadecimal: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension [UInt8] {
    /// The bytes written as hexadecimal digits in `text`; `nil` when it is not an even number of hex digits.
    init?(hexadecimal text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        func nibble(_ character: UInt8) -> UInt8? {
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var position = 0
        while position < utf8.count {
            guard let high = nibble(utf8[position]), let low = nibble(utf8[position + 1]) else { return nil }
            bytes.append(high << 4 | low)
            position += 2
        }
        self = bytes
    }
}
