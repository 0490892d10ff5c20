import ArgumentParser
import Identifiability

/// `nnid equiv A B`: do two networks compute the same function?
struct EquivCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "equiv",
        abstract: "Decide whether two networks compute the same function.",
        discussion: """
            Equivalent when the canonical forms are equal; not equivalent with a witness input \
            (exact for piecewise-linear networks) or by Sussmann's theorem (one tanh hidden layer); \
            otherwise undecided. Exit status: 0 equivalent, 1 not equivalent or undecided, 2 bad input.

            With --within EPS: the distance up to symmetry instead. B's canonical form is aligned \
            to A's; reported are the largest parameter difference (exact, and in bits of \
            precision), a certified bound on max |f_A − f_B| over the input box, and the largest \
            difference at sampled inputs. Exit status 0 when the bound is at most EPS.

            Example: nnid equiv a.json b.json
            Example: nnid equiv a.json b.json --within 1e-3 --box -1,1
            """)

    @Argument(help: ArgumentHelp("The first network file.", valueName: "a"))
    var first: String
    @Argument(help: ArgumentHelp("The second network file.", valueName: "b"))
    var second: String
    @Option(help: ArgumentHelp("Decide whether the networks differ by at most EPS on the input box, up to symmetry.", valueName: "eps"))
    var within: String?
    @Option(help: ArgumentHelp("The input box for --within: every input in [LO, HI] (default: A's input domain if a box, else [-1, 1]).", valueName: "lo,hi"))
    var box: String?
    /// How both files are read (activations, checkpoint key, input limits).
    @OptionGroup(title: "Reading (applies to both files)") var reading: ReadingOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        var equivalent = false
        try reportingFailures {
            let a = try reading.load(path: first, symbolicBiases: true)
            let b = try reading.load(path: second, symbolicBiases: true)
            if let within {
                equivalent = try measure(a, b, epsilon: within)
                return
            }
            let result: EquivalenceResult
            do {
                result = try Equivalence.decide(a, b)
            } catch {
                throw CommandFailure.input("\(first) and \(second): \(described(error))")
            }
            let report = EquivalenceReport(result: result)
            output.print(report)
            if case .equivalent = result.verdict { equivalent = true }
        }
        if !equivalent { throw ExitCode(1) }
    }
}

extension EquivCommand {
    /// `--within`: measures, prints, and says whether the certified bound is at most ε.
    func measure(_ a: Network, _ b: Network, epsilon text: String) throws -> Bool {
        let epsilon = try parseNumbers(text, option: "--within")
        guard epsilon.count == 1, epsilon[0].signum >= 0 else {
            throw CommandFailure.input("--within: expected one nonnegative number, got \"\(text)\"")
        }
        let (lower, upper) = try inputBox(a)
        let distance: NetworkDistance
        do {
            distance = try NetworkDistance.measure(a, b, epsilon: epsilon[0], lower: lower, upper: upper)
        } catch {
            throw CommandFailure.input(described(error))
        }
        let report = DistanceReport(distance: distance)
        output.print(report)
        return distance.verdict == .within
    }

    /// The box of `--box`, else A's box domain, else [−1, 1]ⁿ.
    func inputBox(_ a: Network) throws -> ([Rational], [Rational]) {
        if let box {
            do {
                guard case .box(let l, let u) = try InputDomain(metadataText: "box:" + box, inputCount: a.inputCount) else {
                    throw CommandFailure.input("--box: expected LO,HI")
                }
                return (l, u)
            } catch let error as TensorFormatError {
                throw CommandFailure.input("--box: \(described(error))")
            }
        }
        if case .box(let l, let u)? = a.inputDomain, l.count == a.inputCount, u.count == a.inputCount { return (l, u) }
        return (Array(repeating: -1, count: a.inputCount), Array(repeating: 1, count: a.inputCount))
    }
}
