import Identifiability

/// What `nnid llc` reports: how the sampler's step and localisation were chosen, then the
/// estimate; its JSON form is the estimate's.
public struct LLCReport: Report, Sendable {
    public let calibration: Calibration.Choice
    public let estimate: LLCEstimate

    public init(calibration: Calibration.Choice, estimate: LLCEstimate) {
        self.calibration = calibration
        self.estimate = estimate
    }

    public var text: String { text(naming: OptionNames()) }

    public var json: JSONValue { estimate.json }

    public func lines(naming names: OptionNames) -> [ReportLine] {
        ReportLine.plain(calibration.text + estimate.text(naming: names))
    }
}
