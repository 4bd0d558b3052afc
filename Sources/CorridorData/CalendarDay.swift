import Foundation

/// Calendar days as the curation and `--as-of` write them: YYYY-MM-DD (UTC).
public enum CalendarDay {
    /// Is `text` a calendar day written YYYY-MM-DD?
    /// - Parameter text: the text to check.
    public static func isValid(_ text: String) -> Bool {
        text.count == 10 && formatter().date(from: text) != nil
    }

    /// Today as YYYY-MM-DD (UTC).
    public static func today() -> String { formatter().string(from: Date()) }

    private static func formatter() -> ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate]
        return f
    }
}
