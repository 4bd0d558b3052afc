import CorridorData
import Testing

/// "Did you mean ...?": edit distance on place-name keys, by hand.
@Suite struct PlaceNameSuggestionTests {
    @Test func nearestNamesFirst() {
        let names = ["Seoul", "Busan", "Sejong", "Suwon", "Pyongyang", "Seosan"]
        // Seul -> seoul: one insertion; sejong 3 edits; seosan 3 edits; budget max(2, 4/3) = 2.
        #expect(PlaceName.suggestions(for: "Seul", among: names) == ["Seoul"])
        // Diacritics and case fold: "P'YONGYANG" is pyongyang exactly.
        #expect(PlaceName.suggestions(for: "P'YŎNGYANG", among: names) == ["Pyongyang"])
        #expect(PlaceName.suggestions(for: "Atlantis", among: names).isEmpty)
        #expect(PlaceName.didYouMean("Atlantis", among: names) == "")
        #expect(PlaceName.didYouMean("Busn", among: names) == "; did you mean Busan?")
        // Two at the same distance keep the order given (most populous first in the CLI).
        #expect(PlaceName.suggestions(for: "Seoxan", among: ["Seosan", "Seojan"]) == ["Seosan", "Seojan"])
        #expect(PlaceName.didYouMean("Seoxan", among: ["Seosan", "Seojan"]) == "; did you mean Seosan or Seojan?")
    }
}
