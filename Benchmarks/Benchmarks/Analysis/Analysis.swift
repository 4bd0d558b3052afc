import Benchmark
import BenchmarkSupport
import CorridorAnalysis
import CorridorData
import CorridorNetwork
import Foundation

/// The analysis routines on the korea region (6,971 nodes, 10,548 edges), on every core:
/// the hierarchy, PHAST trees, all-origins accessibility, exact betweenness, one scenario
/// evaluation against a computed baseline, a full criticality run, a many-to-many table,
/// per-node accessibility and the data-quality review.
let geoData = Tracking.geoData

let threads = ProcessInfo.processInfo.activeProcessorCount
let korea: TransportNetwork = try! NetworkBuilder.build(region: RegionCatalog(directory: geoData).region("korea")).0
let land: Set<Mode> = [.sea]
let gyeongui: Scenario = try! Scenario(preset: RegionCatalog(directory: geoData).region("korea").manifest.scenarios.first { $0.id == "reconnect-gyeongui" }!)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = Tracking.configuration

    Benchmark("ContractionHierarchy_korea") { benchmark in
        let w = korea.arcSeconds()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(ContractionHierarchy(graph: korea.graph, weights: w).upHead.count) }
    }

    Benchmark("PHASTTrees_korea_all_places") { benchmark in
        let ch = ContractionHierarchy(graph: korea.graph, weights: korea.arcSeconds())
        let sources = korea.places.map { Int($0.node) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(PHAST.trees(ch, sources: sources, threads: threads) { _, d in d[0] }.count)
        }
    }

    Benchmark("Accessibility_korea_all_places") { benchmark in
        let w = korea.arcSeconds()
        for _ in benchmark.scaledIterations {
            blackHole(Accessibility.places(korea, weights: w, threads: threads).gravityExponential.count)
        }
    }

    Benchmark("Betweenness_korea_exact") { benchmark in
        let w = korea.arcSeconds()
        for _ in benchmark.scaledIterations {
            blackHole(Betweenness.exact(korea.graph, weights: w, threads: threads).count)
        }
    }

    // One scenario against a baseline computed in set-up (what `corridor scenario` pays per
    // option), and the full recomputation of both for comparison.
    Benchmark("ScenarioEvaluation_korea_gyeongui") { benchmark in
        let evaluator = ScenarioEvaluator(base: korea, excluding: land, threads: threads)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try evaluator.evaluate(gyeongui).gravityChangePercent) }
    }

    Benchmark("ScenarioEvaluation_korea_gyeongui_full") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ScenarioEvaluation.evaluate(base: korea, option: try korea.applying(gyeongui), scenario: gyeongui,
                                                  excluding: land, threads: threads).gravityChangePercent)
        }
    }

    Benchmark("Criticality_korea") { benchmark in
        for _ in benchmark.scaledIterations {
            let r = Criticality.linksAndCrossings(korea, excluding: land, places: 40, threads: threads)
            blackHole(r.links.links.count + r.crossings.count)
            blackHole(Criticality.bridges(korea, excluding: land).count)
        }
    }

    Benchmark("DistanceTable_korea_places_all_by_all") { benchmark in
        let ch = ContractionHierarchy(graph: korea.graph, weights: korea.arcSeconds())
        let nodes = korea.places.map { Int($0.node) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try DistanceTable.compute(ch, sources: nodes, targets: nodes, threads: threads).count)
        }
    }

    Benchmark("NetworkQA_korea") { benchmark in
        let report = try NetworkBuilder.build(region: RegionCatalog(directory: geoData).region("korea")).1
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(NetworkQA.review(korea, report: report).findings.count) }
    }

    Benchmark("NodeAccessibility_korea") { benchmark in
        let w = korea.arcSeconds()
        for _ in benchmark.scaledIterations {
            blackHole(Accessibility.nodes(korea, weights: w, threads: threads).gravityExponential.count)
        }
    }
}
