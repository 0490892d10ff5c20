import ArgumentParser
import Identifiability

extension ParsableCommand {
    /// Runs `body`, turning input failures into a message on stderr and exit status 2.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch CommandFailure.input(let message) {
            Terminal.error(message)
            throw ExitCode(2)
        } catch let error as FormatError {
            Terminal.error(described(error))
            throw ExitCode(2)
        } catch let error as NetworkError {
            Terminal.error(described(error))
            throw ExitCode(2)
        } catch let error as ExactError {
            Terminal.error(described(error))
            throw ExitCode(2)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            // Any other failure is still bad input or a failed tool (exit status 2), never the
            // argument parser's generic exit status 1, which means "findings".
            Terminal.error(described(error))
            throw ExitCode(2)
        }
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}

/// Comma-separated exact numbers, with errors naming the option and position.
func parseNumbers(_ text: String, option: String) throws -> [Rational] {
    var out: [Rational] = []
    for (k, item) in text.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
        do {
            out.append(try Rational(parsing: String(item).trimmingSpaces))
        } catch {
            throw CommandFailure.input("\(option), value \(k + 1): \(described(error))")
        }
    }
    return out
}

/// What went wrong, in the command line's terms: the settings a library message recommends are
/// named by their flags (``OptionNames/commandLine``).
func described(_ error: any Error) -> String {
    (error as? any NamesSettings)?.description(naming: .commandLine) ?? "\(error)"
}
