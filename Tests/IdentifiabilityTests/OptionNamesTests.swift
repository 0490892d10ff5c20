import Identifiability
import Testing

/// The library names the settings its messages recommend by its own options; a front end's
/// names replace them everywhere (the command line passes its flags).
@Suite struct OptionNamesTests {
    @Test("explanations name RankOptions fields by default and a front end's names when given")
    func explanations() {
        let flags = OptionNames(Dictionary(uniqueKeysWithValues: OptionNames.Setting.allCases.map { ($0, "<\($0.rawValue)>") }))
        for code in FindingCode.allCases {
            #expect(!code.explanation.contains("--"), "\(code.rawValue) names a command-line flag")
            let named = code.explanation(naming: flags)
            #expect(!named.contains("RankOptions."), "\(code.rawValue) keeps a library name")
        }
        let undetermined = FindingCode.undeterminedDirections.explanation(naming: flags)
        for setting in [OptionNames.Setting.maximumPoints, .maximumSeconds, .exact, .lineWalks, .domain] {
            #expect(undetermined.contains("<\(setting.rawValue)>"), "NNID009 does not recommend \(setting)")
        }
        #expect(OptionNames()[.exact] == "RankOptions.exact = .always")
    }

    @Test("the refusal of too many parameters names the limit by the caller's name")
    func rankError() {
        let error = RankError.tooManyParameters(count: 10, limit: 5)
        #expect(error.description.contains("RankOptions.maximumParameters"))
        #expect(error.description(naming: OptionNames([.maximumParameters: "<limit>"])).contains("raise the limit with <limit>"))
    }
}
