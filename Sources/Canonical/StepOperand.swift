import Exact
import Networks

/// One field of a step's JSON form: `{"op": …}` followed by these, in order.
public struct StepOperand: Sendable, Equatable {
    /// What the field holds: whole numbers as JSON numbers, exact numbers and unit names
    /// (`layer1.unit2`) as text, a constant as its exact text when rational and as
    /// `{"rational": q, "tanh": [{"coefficient": c, "argument": r}, …]}` otherwise (the form of a
    /// symbolic bias in a network file).
    public enum Value: Sendable, Equatable {
        case integer(Int)
        case integers([Int])
        case text(String)
        case constant(SymbolicConstant)
    }

    public let key: String
    public let value: Value
}
