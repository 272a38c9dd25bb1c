/// An instant read from ISO 8601 text, such as `submitted_at`: comparable as instants, whatever the offset.
///
/// Accepted: a date (`2026-03-01`, taken as midnight UTC), or a date and time with `T`
/// (`2026-03-01T10:00`, `2026-03-01T10:00:00.250+05:00`, `…Z`); a time without an offset is taken as UTC. Four-digit
/// years, two-digit months, days, hours, minutes and seconds, checked against the calendar (no 31 April, 29 February
/// only in leap years), up to nine decimals of a second. Anything else (`2026-9-15`, `yesterday`, `2026-02-30`) is
/// not a timestamp. Comparing text instead made `2026-03-01T10:00:00+05:00` later than `…09:00:00Z`, which is
/// four hours earlier.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64
    /// Nanoseconds within the second, 0 to 999,999,999.
    public var nanoseconds: Int32

    /// Reads ISO 8601 text; `nil` when it is not one of the accepted forms or not a real date.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        var position = 0
        func digits(_ count: Int) -> Int? {
            guard position + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[position..<position + count] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            position += count
            return value
        }
        func take(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }
        guard let year = digits(4), take(UInt8(ascii: "-")), let month = digits(2), take(UInt8(ascii: "-")),
            let day = digits(2), (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day)
        else { return nil }
        var secondOfDay = 0
        var nanoseconds = 0
        var offset = 0
        if position < bytes.count {
            guard take(UInt8(ascii: "T")) || take(UInt8(ascii: "t")), let hour = digits(2), take(UInt8(ascii: ":")),
                let minute = digits(2), hour < 24, minute < 60
            else { return nil }
            var second = 0
            if take(UInt8(ascii: ":")) {
                guard let value = digits(2), value < 60 else { return nil }
                second = value
                if take(UInt8(ascii: ".")) || take(UInt8(ascii: ",")) {
                    let start = position
                    while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                        position += 1
                    }
                    let count = position - start
                    guard (1...9).contains(count) else { return nil }
                    position = start
                    guard let fraction = digits(count) else { return nil }
                    var scale = 1
                    for _ in count..<9 { scale *= 10 }
                    nanoseconds = fraction * scale
                }
            }
            secondOfDay = hour * 3600 + minute * 60 + second
            if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) {
                offset = 0
            } else if position < bytes.count {
                let sign: Int
                if take(UInt8(ascii: "+")) {
                    sign = 1
                } else if take(UInt8(ascii: "-")) {
                    sign = -1
                } else {
                    return nil
                }
                guard let hours = digits(2), hours < 24 else { return nil }
                _ = take(UInt8(ascii: ":"))
                guard let minutes = digits(2), minutes < 60 else { return nil }
                offset = sign * (hours * 3600 + minutes * 60)
            }
        }
        guard position == bytes.count else { return nil }
        let days = Self.daysSinceEpoch(year: year, month: month, day: day)
        self.seconds = Int64(days) * 86_400 + Int64(secondOfDay) - Int64(offset)
        self.nanoseconds = Int32(nanoseconds)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    public var description: String { "\(seconds).\(nanoseconds)" }

    private static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    private static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the date, in the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil`).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
