/// What a terminal gave the screen.
public enum TerminalInput: Sendable, Hashable {
    /// Bytes typed or pasted.
    case bytes([UInt8])
    /// The window changed size; the screen is drawn again at the new size.
    case resized
    /// The input ended (the terminal closed) or a signal (Ctrl-C, a hang-up) asked the session to stop.
    case ended
}

/// A terminal's size in character cells.
public struct TerminalSize: Sendable, Hashable {
    /// Columns, such as 80.
    public var columns: Int
    /// Rows, such as 24.
    public var rows: Int

    /// Creates a size.
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}
