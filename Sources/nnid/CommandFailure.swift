import ArgumentParser
import Identifiability

/// A failure to report on standard error with exit status 2 (bad input or a tool failure).
enum CommandFailure: Error {
    case input(String)
}
