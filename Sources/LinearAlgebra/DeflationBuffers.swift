/// X, B₁, S_B and C, shared by ``SchurDeflation/absorb(rows:)``'s tiles (disjoint columns of S_B and C).
struct DeflationBuffers: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let b1: UnsafePointer<Double>
    let s: UnsafeMutablePointer<Double>
    let c: UnsafeMutablePointer<Double>
}
