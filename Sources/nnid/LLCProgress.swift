import ArgumentParser
import Identifiability
import LearningCoefficient

/// A progress bar for a known number of SGLD steps, redrawn in place on stderr.
final class LLCProgress: Sendable {
    private let start = ContinuousClock.now

    @Sendable func update(_ done: Int, _ total: Int) {
        let width = 20
        let filled = total > 0 ? min(width, width * done / total) : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        Terminal.writeError("\r\u{1B}[K\(bar) SGLD step \(done)/\(total)")
    }

    func finish() { Terminal.writeError("\r\u{1B}[K") }
}
