import Networks
import Symmetries

extension SymmetryTangent {
    /// Every tangent the known rules produce for `network`, given how a batch sees its kinked
    /// units (`coverage`; empty for networks without kinks). See ``SymmetryTangent/Kind`` for the rules.
    public static func all(for network: Network, coverage: [KinkCoverage] = []) -> [SymmetryTangent] {
        all(graph: ParameterGraph(network), batch: BatchBehaviour(coverage))
    }

    static func all(graph: ParameterGraph, coverage: [KinkCoverage]) -> [SymmetryTangent] {
        all(graph: graph, batch: BatchBehaviour(coverage))
    }
}

extension BatchBehaviour {
    /// The dead and linearly acting units of a batch's kink coverage.
    init(_ coverage: [KinkCoverage]) {
        self.init()
        for c in coverage {
            switch c.behaviour {
            case .dead: deadUnits.insert(c.unit)
            case .linear(let s): linearUnits[c.unit] = s
            case .crossed: break
            }
        }
    }
}
