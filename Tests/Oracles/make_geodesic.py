"""Geodesic distances and azimuths between real city pairs on WGS 84, by GeographicLib
(Karney's own Python implementation, independent of the C code inside PROJ that Corridor
calls). Writes Tests/CorridorGeoTests/Fixtures/geodesic_pairs.json."""
import json
import sys
from pathlib import Path

from geographiclib.geodesic import Geodesic

# (name, lon, lat), coordinates from GeoNames / Natural Earth populated places.
CITIES = {
    "Seoul": (126.9780, 37.5665),
    "Pyongyang": (125.7625, 39.0392),
    "Busan": (129.0756, 35.1796),
    "Kaesong": (126.5544, 37.9708),
    "Dandong": (124.3545, 40.1245),
    "Sinuiju": (124.3981, 40.1006),
    "Vladivostok": (131.8869, 43.1155),
    "Niigata": (139.0364, 37.9161),
    "Beijing": (116.3975, 39.9087),
    "Ulaanbaatar": (106.9057, 47.8864),
    "Laredo": (-99.5075, 27.5064),
    "Nuevo Laredo": (-99.5169, 27.4763),
    "Monterrey": (-100.3161, 25.6866),
    "Detroit": (-83.0458, 42.3314),
    "Toronto": (-79.3832, 43.6532),
    "San Diego": (-117.1611, 32.7157),
    "Tijuana": (-117.0382, 32.5149),
    "New York": (-74.0060, 40.7128),
    "Los Angeles": (-118.2437, 34.0522),
}
PAIRS = [
    ("Seoul", "Pyongyang"), ("Seoul", "Busan"), ("Seoul", "Kaesong"), ("Dandong", "Sinuiju"),
    ("Vladivostok", "Niigata"), ("Beijing", "Ulaanbaatar"), ("Laredo", "Nuevo Laredo"),
    ("Laredo", "Monterrey"), ("Detroit", "Toronto"), ("San Diego", "Tijuana"),
    ("New York", "Los Angeles"), ("Busan", "Los Angeles"),
]


def main(root: Path) -> None:
    g = Geodesic.WGS84
    rows = []
    for a, b in PAIRS:
        (lon1, lat1), (lon2, lat2) = CITIES[a], CITIES[b]
        r = g.Inverse(lat1, lon1, lat2, lon2)
        rows.append({
            "from": a, "to": b, "lon1": lon1, "lat1": lat1, "lon2": lon2, "lat2": lat2,
            "distanceMeters": r["s12"], "azimuth1Degrees": r["azi1"], "azimuth2Degrees": r["azi2"],
        })
    # A near-antipodal pair, where naive methods fail to converge.
    r = g.Inverse(0.0, 0.0, 0.5, 179.7)
    rows.append({"from": "antipode-a", "to": "antipode-b", "lon1": 0.0, "lat1": 0.0, "lon2": 179.7, "lat2": 0.5,
                 "distanceMeters": r["s12"], "azimuth1Degrees": r["azi1"], "azimuth2Degrees": r["azi2"]})
    # A polyline length: Seoul - Kaesong - Pyongyang - Sinuiju - Dandong (West Sea belt).
    belt = ["Seoul", "Kaesong", "Pyongyang", "Sinuiju", "Dandong"]
    total = 0.0
    for a, b in zip(belt, belt[1:]):
        (lon1, lat1), (lon2, lat2) = CITIES[a], CITIES[b]
        total += g.Inverse(lat1, lon1, lat2, lon2)["s12"]
    out = {
        "generator": "Tests/Oracles/make_geodesic.py (geographiclib %s)" % __import__("geographiclib").__version__,
        "pairs": rows,
        "polyline": {"cities": belt, "coordinates": [CITIES[c] for c in belt], "lengthMeters": total},
    }
    path = root / "Tests/CorridorGeoTests/Fixtures/geodesic_pairs.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
