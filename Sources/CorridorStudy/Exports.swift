// One import for a Swift user: `import CorridorStudy` brings every library layer below the
// report (the study, the network, its analyses, flows, appraisal, governance, data, geo).
@_exported import CorridorAnalysis
@_exported import CorridorAppraisal
@_exported import CorridorData
@_exported import CorridorFlows
@_exported import CorridorGeo
@_exported import CorridorGovernance
@_exported import CorridorNetwork
