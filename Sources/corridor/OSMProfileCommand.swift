import ArgumentParser
import CorridorStudy

struct OSMProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "osm-profile",
        abstract: "Print a built-in OpenStreetMap profile (car, truck, rail) as JSON, to read or to copy and edit.",
        discussion: """
            A profile says which ways `--osm` uses, their speeds, one-way rules and access; docs/osm.md
            documents every field. Save one, change it, and pass the file to --profile.
            Examples:
              corridor osm-profile car > my-car.json
              corridor build --osm area.osm.pbf --profile my-car.json -o area.corridor
            """)

    @Argument(help: "car, truck or rail; none lists them.") var name: String?

    func run() throws {
        guard let name else {
            for n in OSMProfile.builtInNames {
                let p = try OSMProfile.load(n)
                print("\(n.padding(toLength: 6, withPad: " ", startingAt: 0)) \(p.description)")
            }
            return
        }
        guard let text = OSMProfile.builtInText(name) else {
            throw ValidationError("no built-in profile '\(name)' (\(OSMProfile.builtInNames.joined(separator: ", ")))")
        }
        _ = try OSMProfile.load(name)
        print(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
