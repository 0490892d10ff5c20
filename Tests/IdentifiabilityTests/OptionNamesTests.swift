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

/// Messages of the readers, the writer and the reports name settings unspelled; the library's
/// own rendering uses its API names, a front end's its own.
@Suite struct SettingMessageTests {
    static let flags = OptionNames(Dictionary(uniqueKeysWithValues: OptionNames.Setting.allCases.map { ($0, "<\($0.rawValue)>") }))

    @Test func interpolatedSettingsAreSpelledWhenRendered() {
        let message: SettingMessage = "more than \(5) numbers (see \(setting: .maximumFileParameters))"
        #expect(message.description == "more than 5 numbers (see ReadLimits.maximumParameters)")
        #expect(message.description(naming: Self.flags) == "more than 5 numbers (see <maximumFileParameters>)")
        let nested: SettingMessage = "not valid: \(message)"
        #expect(nested.description(naming: Self.flags) == "not valid: more than 5 numbers (see <maximumFileParameters>)")
        // Equal messages are equal however they were written.
        #expect(("a \(1) b" as SettingMessage) == SettingMessage(verbatim: "a 1 b"))
        #expect(("see \(setting: .lossy)" as SettingMessage) != SettingMessage(verbatim: "see WriteOptions.lossy"))
    }

    @Test func aReaderLimitIsNamedByTheCaller() throws {
        let json = #"{"format": "nnid-network", "version": 1, "inputs": 1, "layers": [{"activation": "identity", "weights": [["1"]], "bias": ["0"]}]}"#
        let options = ReadOptions(limits: ReadLimits(maximumParameters: 1))
        #expect {
            try NetworkReader.read(bytes: Array(json.utf8), file: "net.json", options: options)
        } throws: { error in
            guard let e = error as? FormatError else { return false }
            return e.description.contains("ReadLimits.maximumParameters") && e.description(naming: Self.flags).contains("<maximumFileParameters>")
                && !e.description(naming: Self.flags).contains("ReadLimits")
        }
    }

    @Test func aWriterRefusalNamesLossyByTheCaller() {
        let error = TensorFormatError.notRepresentable(parameter: "w", value: "1/3", dtype: "F32")
        #expect(error.description.contains("WriteOptions.lossy"))
        #expect(error.description(naming: Self.flags).contains("pass <lossy> to round"))
    }

    @Test func checkReportsNameTheExplanationByTheCaller() throws {
        let report = try Analysis.check(try ArticleSnippetTests.example("tanh-duplicate-pair"))
        #expect(!report.findings.isEmpty)
        let help = report.lines(naming: Self.flags).filter { $0.role == .help }.map(\.text)
        #expect(help == report.findings.map { "  = help: <explanation> \($0.code.rawValue)" })
        #expect(report.text.contains("= help: FindingCode.explanation of \(report.findings[0].code.rawValue)"))
    }

    @Test func rankErrorsNameTheSettingByTheCaller() {
        let error = RankError.invalidOption(.lineWalks, reason: "20000 is outside 0…10000")
        #expect(error.description == "RankOptions.lineWalks: 20000 is outside 0…10000")
        #expect(error.description(naming: Self.flags) == "<lineWalks>: 20000 is outside 0…10000")
    }
}
