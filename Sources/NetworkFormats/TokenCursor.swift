import Exact
import Networks

/// Reading the numbers of a `.nnet` body in order, naming the line of each error.
struct TokenCursor {
    let tokens: [NNet.Token]
    let file: String
    let limits: RationalParsingLimits
    var index = 0

    init(tokens: [NNet.Token], file: String, limits: RationalParsingLimits) {
        self.tokens = tokens
        self.file = file
        self.limits = limits
    }

    func fail(_ message: SettingMessage) -> FormatError {
        FormatError(file: file, place: "line \(index < tokens.count ? tokens[index].line : (tokens.last?.line ?? 0))", message: message)
    }

    mutating func number(_ what: String) throws(FormatError) -> Rational {
        guard index < tokens.count else { throw fail("the file ends inside \(what)") }
        let token = tokens[index]
        do {
            let value = try Rational(parsing: String(token.text), limits: limits)
            index += 1
            return value
        } catch {
            throw FormatError(file: file, place: "line \(token.line)", message: "\(what): \(error.description)")
        }
    }

    mutating func numbers(_ count: Int, _ what: String) throws(FormatError) -> [Rational] {
        guard count <= tokens.count - index else { throw fail("the file ends inside \(what) (\(count) numbers needed, \(tokens.count - index) left)") }
        var out: [Rational] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try number(what)) }
        return out
    }

    /// A non-negative integer of the header.
    mutating func count(_ what: String) throws(FormatError) -> Int {
        guard index < tokens.count, let n = Int(tokens[index].text), n >= 0 else { throw fail("\(what) must hold non-negative integers") }
        index += 1
        return n
    }

    func end() throws(FormatError) {
        guard index == tokens.count else { throw fail("\(tokens.count - index) numbers follow the last layer") }
    }
}
