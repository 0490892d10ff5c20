import Exact
import LinearAlgebra
import Networks

/// The depth-first search of ``DeepPiecewiseLinearEquivalence``.
struct RegionSearch {
    /// A region with a point strictly inside it and every unit processed so far as an affine form.
    struct Branch {
        var region: Polyhedron
        var inside: [Rational]
        /// forms[k][ℓ][i]: unit i of layer ℓ of network k (layer 0 = inputs).
        var forms: [[[AffineForm]]]
        var network: Int
        var layer: Int
        var unit: Int
        /// Pre-activations of the layer being processed.
        var pre: [AffineForm]
    }

    let networks: [Network]
    let budget: Int
    var linearPrograms = 0
    var regions = 0

    init(networks: [Network], budget: Int) {
        self.networks = networks
        self.budget = budget
    }

    var n: Int { networks[0].inputCount }

    mutating func run() -> DeepPiecewiseLinearEquivalence.Outcome {
        let inputs = (0..<n).map { AffineForm.coordinate($0, dimension: n) }
        var root = Branch(region: Polyhedron(dimension: n), inside: Array(repeating: .zero, count: n),
                          forms: networks.map { _ in [inputs] }, network: 0, layer: 1, unit: 0, pre: [])
        root.forms[0].append([])
        root.pre = preActivations(root, network: 0, layer: 1)
        var stack = [root]
        while let branch = stack.popLast() {
            if branch.network == networks.count {
                regions += 1
                if let witness = disagreement(branch) { return .notEquivalent(witness: witness, regions: regions) }
                continue
            }
            let children = split(branch)
            guard let children else {
                return .budgetExhausted(regions: regions, pending: stack.count + 1, linearPrograms: linearPrograms)
            }
            stack.append(contentsOf: children.map { advance($0) })
        }
        return .equivalent(regions: regions)
    }

    /// z = Σ w·y + b for every unit of `layer` of network k, from the forms of earlier layers.
    func preActivations(_ branch: Branch, network k: Int, layer l: Int) -> [AffineForm] {
        let layer = networks[k].layers[l - 1]
        return (0..<layer.units).map { i in
            var z = AffineForm.constant(layer.bias?[i] ?? .zero, dimension: n)
            for c in layer.connections {
                let y = branch.forms[k][c.source]
                for j in 0..<c.weights.columns where c.hasEdge(i, j) { z.add(c.weights[i, j], times: y[j]) }
            }
            return z
        }
    }

    /// The current unit's parts: one branch per side of its kink with nonempty interior, the
    /// unit's output form fixed accordingly. `nil` when the budget ends.
    mutating func split(_ branch: Branch) -> [Branch]? {
        let activation = networks[branch.network].layers[branch.layer - 1].activation
        let (a, b) = activation.linearPieces!
        let z = branch.pre[branch.unit]
        func with(_ slope: Rational, _ region: Polyhedron, _ inside: [Rational]) -> Branch {
            var child = branch
            child.region = region
            child.inside = inside
            child.forms[branch.network][branch.layer].append(z.scaled(by: slope))
            return child
        }
        if a == b || z.isConstant {
            return [with(z.constant.signum < 0 ? a : b, branch.region, branch.inside)]
        }
        var children: [Branch] = []
        let here = z.value(at: branch.inside)
        // Positive side z ≥ 0, i.e. −z ≤ 0; negative side z ≤ 0.
        for (slope, side) in [(b, 1), (a, -1)] {
            let normal = z.coefficients.map { side > 0 ? -$0 : $0 }
            let region = branch.region.adding(normal, atMost: side > 0 ? z.constant : -z.constant)
            if here.signum == side {
                children.append(with(slope, region, branch.inside))
                continue
            }
            guard linearPrograms < budget else { return nil }
            linearPrograms += 1
            if let (point, _) = region.interiorPoint() { children.append(with(slope, region, point)) }
        }
        return children
    }

    /// Moves a branch to the next unit (and layer, and network); computes pre-activations of a
    /// new layer.
    func advance(_ branch: Branch) -> Branch {
        var next = branch
        next.unit += 1
        if next.unit < networks[next.network].layers[next.layer - 1].units { return next }
        next.unit = 0
        next.layer += 1
        if next.layer > networks[next.network].layers.count {
            next.network += 1
            next.layer = 1
            if next.network == networks.count { return next }
        }
        next.forms[next.network].append([])
        next.pre = preActivations(next, network: next.network, layer: next.layer)
        return next
    }

    /// On a final region the outputs are affine; if they differ, an exact input inside the
    /// region where they differ: the known interior point, or a step from it along the
    /// difference's gradient small enough to stay inside (every slack stays ≥ half its value).
    func disagreement(_ branch: Branch) -> [Rational]? {
        let outA = branch.forms[0].last!, outB = branch.forms[1].last!
        guard let k = outA.indices.first(where: { outA[$0] != outB[$0] }) else { return nil }
        let d = outA[k] - outB[k]
        let x0 = branch.inside
        if !d.value(at: x0).isZero { return x0 }
        // d(x0) = 0 and d is not constant: step along g = ∇d, where d grows by δ·|g|² > 0.
        let g = d.coefficients
        var delta = Rational.one
        for c in branch.region.constraints {
            let rate = zip(c.normal, g).reduce(Rational.zero) { $0 + $1.0 * $1.1 }
            guard rate.signum > 0 else { continue }
            let slack = c.bound - zip(c.normal, x0).reduce(Rational.zero) { $0 + $1.0 * $1.1 }
            delta = min(delta, slack / (2 * rate))
        }
        return zip(x0, g).map { $0 + delta * $1 }
    }
}
