// TEMPORARY stand-in for the Jacobians of branch `exactrank`; deleted when that branch is merged.
import Exact
import LinearAlgebra
import Networks

func numericJacobian(of network: Network, at points: [[Double]]) -> Matrix<Double> {
    NumericNetwork(network).standInJacobian(at: points, biases: network.layers.map { $0.bias != nil })
}

extension NumericNetwork {
    func standInJacobian(at points: [[Double]], biases: [Bool]) -> Matrix<Double> {
        let layout = standInLayout(layers.enumerated().map { k, l in (l.units, l.connections.map { ($0.source, $0.weights.columns) }, biases[k]) })
        let outputs = layers.last!.units
        var J = Matrix<Double>(rows: points.count * outputs, columns: layout.count, repeating: 0)
        for (p, x) in points.enumerated() {
            guard let (pre, post) = try? forward(x) else { continue }
            for o in 0..<outputs {
                var delta: [[Double]] = [[0.0]] + layers.map { Array(repeating: 0.0, count: $0.units) }
                let L = layers.count
                delta[L][o] = layers[L - 1].activation.derivative(pre[L][o])
                for l in stride(from: L, through: 1, by: -1) {
                    let layer = layers[l - 1]
                    if l < L { for i in 0..<layer.units { delta[l][i] *= layer.activation.derivative(pre[l][i]) } }
                    for (c, conn) in layer.connections.enumerated() {
                        for i in 0..<layer.units where delta[l][i] != 0 {
                            for j in 0..<conn.weights.columns {
                                if let col = layout.weight[l - 1][i][c][j] { J[p * outputs + o, col] = delta[l][i] * post[conn.source][j] }
                                if conn.source > 0 { delta[conn.source][j] += conn.weights[i, j] * delta[l][i] }
                            }
                        }
                    }
                    for i in 0..<layer.units { if let col = layout.bias[l - 1][i] { J[p * outputs + o, col] = delta[l][i] } }
                }
            }
        }
        return J
    }
}

extension Network {
    public func exactJacobian(at points: [[Rational]]) throws -> Matrix<Rational> {
        let layout = standInLayout(layers.map { l in (l.units, l.connections.map { ($0.source, $0.weights.columns) }, l.bias != nil) })
        let outputs = layers.last!.units
        var J = Matrix<Rational>(rows: points.count * outputs, columns: layout.count, repeating: .zero)
        for (p, x) in points.enumerated() {
            let e = try evaluateExactly(x)
            let L = layers.count
            var post: [[Rational]] = [x]
            for l in 1...L { post.append(e.preActivations[l].map { layers[l - 1].activation.exactValue($0)! }) }
            for o in 0..<outputs {
                var delta: [[Rational]] = [[.zero]] + layers.map { Array(repeating: Rational.zero, count: $0.units) }
                for l in stride(from: L, through: 1, by: -1) {
                    let layer = layers[l - 1]
                    if l == L { delta[L][o] = .one }
                    for i in 0..<layer.units where !delta[l][i].isZero {
                        guard let d = layer.activation.exactDerivative(e.preActivations[l][i]) else {
                            throw NetworkError.invalid(place: "point \(p)", reason: "layer\(l).unit\(i) at kink")
                        }
                        delta[l][i] *= d
                    }
                    for (c, conn) in layer.connections.enumerated() {
                        for i in 0..<layer.units where !delta[l][i].isZero {
                            for j in 0..<conn.weights.columns {
                                if let col = layout.weight[l - 1][i][c][j] { J[p * outputs + o, col] = delta[l][i] * post[conn.source][j] }
                                if conn.source > 0 { delta[conn.source][j].addProduct(conn.weights[i, j], delta[l][i]) }
                            }
                        }
                    }
                    for i in 0..<layer.units { if let col = layout.bias[l - 1][i] { J[p * outputs + o, col] = delta[l][i] } }
                }
            }
        }
        return J
    }
}

private func standInLayout(_ layers: [(Int, [(Int, Int)], Bool)]) -> (weight: [[[[Int?]]]], bias: [[Int?]], count: Int) {
    var k = 0
    var weight: [[[[Int?]]]] = []
    var bias: [[Int?]] = []
    for (units, conns, hasBias) in layers {
        var lw: [[[Int?]]] = []
        var lb: [Int?] = []
        for _ in 0..<units {
            var uw: [[Int?]] = []
            for (_, cols) in conns { uw.append((0..<cols).map { _ in defer { k += 1 }; return k }) }
            lw.append(uw)
            if hasBias { lb.append(k); k += 1 } else { lb.append(nil) }
        }
        weight.append(lw)
        bias.append(lb)
    }
    return (weight, bias, k)
}

// TEMPORARY stand-in for `exactRank()` of branch `exactrank`.
public struct RankCertificate: Sendable, Equatable {
    public let rank: Int
    public let nullVectors: [[Rational]]
    public func verify(against matrix: Matrix<Rational>) -> Bool {
        nullVectors.allSatisfy { v in (0..<matrix.rows).allSatisfy { i in
            var s = Rational.zero
            for j in 0..<matrix.columns { s.addProduct(matrix[i, j], v[j]) }
            return s.isZero } }
    }
}
public struct ExactRank: Sendable { public let rank: Int; public let certificate: RankCertificate }
extension Matrix where Scalar == Rational {
    public func exactRank() -> ExactRank {
        let r = ExactRowReduction(rowArrays)
        let pivots = Set(r.pivots)
        let vectors = (0..<columns).filter { !pivots.contains($0) }.map { f -> [Rational] in
            var v = [Rational](repeating: .zero, count: columns)
            v[f] = .one
            for (k, c) in r.pivots.enumerated() { v[c] = -r.rows[k][f] }
            return v
        }
        return ExactRank(rank: r.rank, certificate: RankCertificate(rank: r.rank, nullVectors: vectors))
    }
}
