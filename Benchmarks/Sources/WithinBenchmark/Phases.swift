import BenchmarkSupport
import Identifiability

/// One run of each phase of `NetworkDistance.measure`, timed separately (wall clock).
func reportPhases(_ a: Network, _ b: Network) {
    let clock = ContinuousClock()
    var t = clock.now
    func lap(_ what: String) { let n = clock.now; print("  \(what): \(n - t)"); t = n }
    let ca = try! Canonicalizer().canonicalize(a); let cb = try! Canonicalizer().canonicalize(b); lap("canonicalize both")
    let al = Alignment(aligning: cb.network, to: ca.network)!; lap("alignment (two 256×256 assignments)")
    let ta = ca.network.parameterVector, tb = al.aligned.parameterVector
    var w = Rational.zero
    for k in ta.indices where ta[k] != tb[k] { w = max(w, (ta[k] - tb[k]).magnitude) }; lap("exact parameter differences")
    let lower = Array(repeating: Rational(-1), count: 784), upper = Array(repeating: Rational(1), count: 784)
    _ = DifferenceBound.maximumDifference(ca.network, al.aligned, lower: lower, upper: upper); lap("certified output bound (balls built at 128 bits)")
    _ = ca.network.evaluateCertified(lower, precision: 128); lap("one certified evaluation")
}
