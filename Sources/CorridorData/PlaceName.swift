import Foundation

/// Place-name matching: "Ch’ŏngjin", "Chongjin" and "CHONGJIN" share the key "chongjin".
public enum PlaceName {
    /// Lower-case ASCII letters only, diacritics folded, punctuation and spaces dropped.
    public static func key(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        return String(folded.unicodeScalars.filter { ("a"..."z").contains($0) }.map(Character.init))
    }
}

extension PlaceName {
    /// The names nearest to `query` by edit distance on their keys, for "did you mean ...?":
    /// at most `limit`, each within a third of the query's length (at least 2 edits), closest
    /// first (ties in the order given).
    /// - Parameters:
    ///   - query: what the user typed.
    ///   - candidates: the names there are (duplicates are listed once).
    ///   - limit: how many to return.
    public static func suggestions(for query: String, among candidates: [String], limit: Int = 3) -> [String] {
        let q = Array(key(query).isEmpty ? query.lowercased() : key(query))
        let budget = max(2, q.count / 3)
        var scored: [(distance: Int, index: Int, name: String)] = []
        var seen = Set<String>()
        for (i, c) in candidates.enumerated() where seen.insert(c).inserted {
            let k = Array(key(c).isEmpty ? c.lowercased() : key(c))
            let d = editDistance(q, k)
            if d <= budget { scored.append((d, i, c)) }
        }
        return scored.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(limit).map(\.name)
    }

    /// " (did you mean A, B or C?)", or "" when nothing is near.
    public static func didYouMean(_ query: String, among candidates: [String]) -> String {
        let s = suggestions(for: query, among: candidates)
        guard !s.isEmpty else { return "" }
        let list = s.count == 1 ? s[0] : s.dropLast().joined(separator: ", ") + " or " + s.last!
        return "; did you mean \(list)?"
    }

    /// Levenshtein distance.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count), current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
