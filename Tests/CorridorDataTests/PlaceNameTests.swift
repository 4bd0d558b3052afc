import CorridorData
import Testing

@Suite struct PlaceNameTests {
    @Test(arguments: [("Ch’ŏngjin", "chongjin"), ("Kaesŏng", "kaesong"), ("Namp’o", "nampo"), ("Ulan-Ude", "ulanude"),
                      ("Zabaykal’sk", "zabaykalsk"), ("San Luis Potosí", "sanluispotosi"), ("Querétaro", "queretaro")])
    func keysFoldDiacriticsAndPunctuation(_ name: String, _ key: String) {
        #expect(PlaceName.key(name) == key)
    }
}
