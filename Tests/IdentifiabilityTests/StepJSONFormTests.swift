import Foundation
import Identifiability
import Testing

/// A canonicalisation step has one JSON form: the steps of `nnid canon --format json` are the
/// steps' `Codable` encoding, and that encoding decodes to the same steps.
@Suite struct StepJSONFormTests {
    /// Every kind of step, with a rational and an irrational fold.
    static let steps: [CanonicalizationStep] = [
        .permute(layer: 1, order: [1, 0, 2]),
        .scale(unit: UnitID(layer: 1, unit: 2), factor: Rational(1, 4)),
        .flip(unit: UnitID(layer: 2, unit: 0)),
        .remove(unit: UnitID(layer: 1, unit: 3)),
        .fold(unit: UnitID(layer: 1, unit: 1), value: SymbolicConstant(Rational(-3, 7))),
        .fold(unit: UnitID(layer: 1, unit: 1), value: SymbolicConstant(rational: Rational(1, 2), tanhTerms: [(Rational(1, 2), Rational(1, 4))])),
        .merge(unit: UnitID(layer: 1, unit: 2), into: UnitID(layer: 1, unit: 0)),
        .clear(unit: UnitID(layer: 3, unit: 0)),
        .linearNormalForm(layer: 2, rank: 1),
    ]

    @Test("the report's step JSON is the Codable form, and it decodes to the same steps")
    func oneForm() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for step in Self.steps {
            let coded = try JSONValue.parse(String(decoding: try encoder.encode(step), as: UTF8.self))
            let reported = CanonicalReport.stepJSON(step)
            #expect(Self.sorted(coded) == Self.sorted(reported), "\(step)")
            #expect(try JSONDecoder().decode(CanonicalizationStep.self, from: encoder.encode(step)) == step)
        }
    }

    @Test("a unit that is not of the form layerL.unitU is a decoding error, not a trap")
    func badUnit() {
        for text in [#"{"op":"flip","unit":"layer1"}"#, #"{"op":"flip","unit":"layer-1.unit0"}"#, #"{"op":"jump","unit":"layer1.unit0"}"#] {
            #expect(throws: DecodingError.self, "\(text)") { try JSONDecoder().decode(CanonicalizationStep.self, from: Data(text.utf8)) }
        }
    }

    /// The value with every object's members sorted by key (the forms' key order may differ).
    static func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): return .object(members.map { JSONMember(key: $0.key, value: sorted($0.value)) }.sorted { $0.key < $1.key })
        case .array(let items): return .array(items.map(sorted))
        default: return value
        }
    }
}
