import Foundation

/// Place-name matching: "Ch’ŏngjin", "Chongjin" and "CHONGJIN" share the key "chongjin".
public enum PlaceName {
    /// Lower-case ASCII letters only, diacritics folded, punctuation and spaces dropped.
    public static func key(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        return String(folded.unicodeScalars.filter { ("a"..."z").contains($0) }.map(Character.init))
    }
}
