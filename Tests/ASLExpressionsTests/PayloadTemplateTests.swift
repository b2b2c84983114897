import JSONCore
import Testing

@testable import ASLExpressions

@Suite struct PayloadTemplateTests {
  /// Every recorded conformance case whose definition is a single Pass state with Parameters
  /// (no context object, no volatile values): (Parameters, input, AWS output).
  static let recordedCases: [(String, String, String)] = [
    (
      #"{"item.$": "$.items[10]"}"#,
      #"{"items": [{"item_key": 0}, {"item_key": 1}, {"item_key": 2}, {"item_key": 3}, {"item_key": 4}, {"item_key": 5}, {"item_key": 6}, {"item_key": 7}, {"item_key": 8}, {"item_key": 9}, {"item_key": 10}]}"#,
      #"{"item": {"item_key": 10}}"#
    ),
    (
      #"{"item.$": "$.item.items[1:5].itemValue"}"#,
      #"{}"#,
      #"{"item": []}"#
    ),
    (
      #"{"item.$": "$.item.items[1:5]"}"#,
      #"{}"#,
      #"{"item": []}"#
    ),
    (
      #"{"item.$": "$.item.items[1:]"}"#,
      #"{}"#,
      #"{"item": []}"#
    ),
    (
      #"{"item.$": "$.item.items[*]"}"#,
      #"{}"#,
      #"{"item": []}"#
    ),
    (
      #"{"item.$": "$.items[*].itemValue"}"#,
      #"{}"#,
      #"{"item": []}"#
    ),
    (
      #"{"item.$": "$.items[:1].itemValue"}"#,
      #"{}"#,
      #"{"item": []}"#
    ),
    (
      #"{"item.$": "$.items[1:].itemValue"}"#,
      #"{}"#,
      #"{"item": []}"#
    ),
    (
      #"{"item.$": "$.items[:1]"}"#,
      #"{}"#,
      #"{"item": []}"#
    ),
    (
      #"{"item.$": "$.items[*]"}"#,
      #"{}"#,
      #"{"item": []}"#
    ),
    (
      #"{"item.$": "$[*]"}"#,
      #"{}"#,
      #"{"item": []}"#
    ),
    (
      #"{"FromInput.$": "$.users[?(@.status == 0)]"}"#,
      #"{"users": [{"year": 1997, "status": 0}, {"year": 1998, "status": 1}]}"#,
      #"{"FromInput": [{"year": 1997, "status": 0}]}"#
    ),
    (
      #"{"Comment": "Comment text", "comment": "comment text", "constant": "constant text"}"#,
      #"{}"#,
      #"{"Comment": "Comment text", "comment": "comment text", "constant": "constant text"}"#
    ),
    (
      #"{"FunctionResult.$": "States.Array($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": "", "snd": ""}}"#,
      #"{"FunctionResult": ["", ""]}"#
    ),
    (
      #"{"FunctionResult.$": "States.Array($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": " ", "snd": " "}}"#,
      #"{"FunctionResult": [" ", " "]}"#
    ),
    (
      #"{"FunctionResult.$": "States.Array($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": null, "snd": null}}"#,
      #"{"FunctionResult": [null, null]}"#
    ),
    (
      #"{"FunctionResult.$": "States.Array($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": 1.1, "snd": 1.1}}"#,
      #"{"FunctionResult": [1.1, 1.1]}"#
    ),
    (
      #"{"FunctionResult.$": "States.Array($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": "{\"Arg1\": 1, \"Arg2\": []}", "snd": "{\"Arg1\": 1, \"Arg2\": []}"}}"#,
      #"{"FunctionResult": ["{\"Arg1\": 1, \"Arg2\": []}", "{\"Arg1\": 1, \"Arg2\": []}"]}"#
    ),
    (
      #"{"FunctionResult.$": "States.Array($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": {"Arg1": 1, "Arg2": []}, "snd": {"Arg1": 1, "Arg2": []}}}"#,
      #"{"FunctionResult": [{"Arg1": 1, "Arg2": []}, {"Arg1": 1, "Arg2": []}]}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [], "snd": null}}"#,
      #"{"FunctionResult": false}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [], "snd": 1}}"#,
      #"{"FunctionResult": false}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [[1, 2, 3], 2], "snd": [1, 2, 3]}}"#,
      #"{"FunctionResult": true}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [{"1": 2, "2": []}], "snd": []}}"#,
      #"{"FunctionResult": false}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [{"1": 2, "2": []}], "snd": {"1": 2, "2": []}}}"#,
      #"{"FunctionResult": true}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [true, false], "snd": true}}"#,
      #"{"FunctionResult": true}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [true, false], "snd": false}}"#,
      #"{"FunctionResult": true}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayGetItem($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [1, 2, 3, 4, 5, 6, 7, 8, 9], "snd": 5}}"#,
      #"{"FunctionResult": 6}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayLength($.FunctionInput)"}"#,
      #"{"FunctionInput": [1, 2, 3, 4, 5, 6, 7, 8, 9]}"#,
      #"{"FunctionResult": 9}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [0, 1], "snd": 3}}"#,
      #"{"FunctionResult": [[0, 1]]}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [0, 1], "snd": 4}}"#,
      #"{"FunctionResult": [[0, 1]]}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [0, 1, 2], "snd": 2}}"#,
      #"{"FunctionResult": [[0, 1], [2]]}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [0, 1, 2], "snd": 4}}"#,
      #"{"FunctionResult": [[0, 1, 2]]}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [0, 1, 2], "snd": 5}}"#,
      #"{"FunctionResult": [[0, 1, 2]]}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [0, 1, 2, 3], "snd": 1}}"#,
      #"{"FunctionResult": [[0], [1], [2], [3]]}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [0, 1, 2, 3], "snd": 3}}"#,
      #"{"FunctionResult": [[0, 1, 2], [3]]}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [0, 1, 2, 3], "snd": 4}}"#,
      #"{"FunctionResult": [[0, 1, 2, 3]]}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [], "snd": 3}}"#,
      #"{"FunctionResult": []}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [0], "snd": 2}}"#,
      #"{"FunctionResult": [[0]]}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [0], "snd": 4}}"#,
      #"{"FunctionResult": [[0]]}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": [0], "snd": 5}}"#,
      #"{"FunctionResult": [[0]]}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayRange($.FunctionInput.fst, $.FunctionInput.snd, $.FunctionInput.trd)"}"#,
      #"{"FunctionInput": {"fst": 0, "snd": 9, "trd": 3}}"#,
      #"{"FunctionResult": [0, 3, 6, 9]}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayRange($.FunctionInput.fst, $.FunctionInput.snd, $.FunctionInput.trd)"}"#,
      #"{"FunctionInput": {"fst": 1, "snd": 9, "trd": 9}}"#,
      #"{"FunctionResult": [1]}"#
    ),
    (
      #"{"FunctionResult.$": "States.ArrayLength($.FunctionInput)"}"#,
      #"{"FunctionInput": [null, null, true, true, false, false, 1, 1, 1.1, 0, 0, "HelloWorld", "HelloWorld", [], [], [null], [null], {"a": 1, "b": 2}, {"a": 1, "b": 2}, {"a": 1, "b": 1}]}"#,
      #"{"FunctionResult": 20}"#
    ),
    (
      #"{"FunctionResult.$": "States.Base64Decode($.FunctionInput)"}"#,
      #"{"FunctionInput": "RGF0YSB0byBlbmNvZGU="}"#,
      #"{"FunctionResult": "Data to encode"}"#
    ),
    (
      #"{"FunctionResult.$": "States.Base64Encode($.FunctionInput)"}"#,
      #"{"FunctionInput": ""}"#,
      #"{"FunctionResult": ""}"#
    ),
    (
      #"{"FunctionResult.$": "States.Base64Encode($.FunctionInput)"}"#,
      #"{"FunctionInput": "Data to encode"}"#,
      #"{"FunctionResult": "RGF0YSB0byBlbmNvZGU="}"#
    ),
    (
      #"{"FunctionResult.$": "States.Format('Formatting argument {}.', $.FunctionInput)"}"#,
      #"{"FunctionInput": " "}"#,
      #"{"FunctionResult": "Formatting argument  ."}"#
    ),
    (
      #"{"FunctionResult.$": "States.Format('Formatting argument {}.', $.FunctionInput)"}"#,
      #"{"FunctionInput": "HelloWorld"}"#,
      #"{"FunctionResult": "Formatting argument HelloWorld."}"#
    ),
    (
      #"{"FunctionResult.$": "States.Format('Formatting argument {}.', $.FunctionInput)"}"#,
      #"{"FunctionInput": null}"#,
      #"{"FunctionResult": "Formatting argument null."}"#
    ),
    (
      #"{"FunctionResult.$": "States.Format('Formatting argument {}.', $.FunctionInput)"}"#,
      #"{"FunctionInput": 1}"#,
      #"{"FunctionResult": "Formatting argument 1."}"#
    ),
    (
      #"{"FunctionResult.$": "States.Format('Formatting argument {}.', $.FunctionInput)"}"#,
      #"{"FunctionInput": 1.1}"#,
      #"{"FunctionResult": "Formatting argument 1.1."}"#
    ),
    (
      #"{"FunctionResult.$": "States.Format('Formatting argument {}.', $.FunctionInput)"}"#,
      #"{"FunctionInput": "{\"Arg1\": 1, \"Arg2\": []}"}"#,
      #"{"FunctionResult": "Formatting argument {\"Arg1\": 1, \"Arg2\": []}."}"#
    ),
    (
      #"{"FunctionResult.$": "States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": "", "snd": ""}}"#,
      #"{"FunctionResult": "Formatting arguments fst= and snd=."}"#
    ),
    (
      #"{"FunctionResult.$": "States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": " ", "snd": " "}}"#,
      #"{"FunctionResult": "Formatting arguments fst=  and snd= ."}"#
    ),
    (
      #"{"FunctionResult.$": "States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": null, "snd": null}}"#,
      #"{"FunctionResult": "Formatting arguments fst=null and snd=null."}"#
    ),
    (
      #"{"FunctionResult.$": "States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": 1, "snd": 1}}"#,
      #"{"FunctionResult": "Formatting arguments fst=1 and snd=1."}"#
    ),
    (
      #"{"FunctionResult.$": "States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": 1.1, "snd": 1.1}}"#,
      #"{"FunctionResult": "Formatting arguments fst=1.1 and snd=1.1."}"#
    ),
    (
      #"{"FunctionResult.$": "States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": {"Arg1": 1, "Arg2": []}, "snd": {"Arg1": 1, "Arg2": []}}}"#,
      #"{"FunctionResult": "Formatting arguments fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}."}"#
    ),
    (
      #"{"FunctionResult.$": "States.Hash($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": "input data", "snd": "MD5"}}"#,
      #"{"FunctionResult": "812f45842bc6d66ee14572ce20db8e86"}"#
    ),
    (
      #"{"FunctionResult.$": "States.Hash($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": "input data", "snd": "SHA-1"}}"#,
      #"{"FunctionResult": "aaff4a450a104cd177d28d18d74485e8cae074b7"}"#
    ),
    (
      #"{"FunctionResult.$": "States.Hash($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": "input data", "snd": "SHA-256"}}"#,
      #"{"FunctionResult": "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"}"#
    ),
    (
      #"{"FunctionResult.$": "States.Hash($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": "input data", "snd": "SHA-384"}}"#,
      #"{"FunctionResult": "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562"}"#
    ),
    (
      #"{"FunctionResult.$": "States.Hash($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": "input data", "snd": "SHA-512"}}"#,
      #"{"FunctionResult": "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"}"#
    ),
    (
      #"{"FunctionResult.$": "States.JsonMerge($.FunctionInput.fst, $.FunctionInput.snd, false)"}"#,
      #"{"FunctionInput": {"fst": {"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3}, "snd": {"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}}}"#,
      #"{"FunctionResult": {"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3, "d": 4}}"#
    ),
    (
      #"{"FunctionResult.$": "States.JsonToString($.FunctionInput)"}"#,
      #"{"FunctionInput": null}"#,
      #"{"FunctionResult": "null"}"#
    ),
    (
      #"{"FunctionResult.$": "States.JsonToString($.FunctionInput)"}"#,
      #"{"FunctionInput": 0}"#,
      #"{"FunctionResult": "0"}"#
    ),
    (
      #"{"FunctionResult.$": "States.JsonToString($.FunctionInput)"}"#,
      #"{"FunctionInput": 1}"#,
      #"{"FunctionResult": "1"}"#
    ),
    (
      #"{"FunctionResult.$": "States.JsonToString($.FunctionInput)"}"#,
      #"{"FunctionInput": 1.1}"#,
      #"{"FunctionResult": "1.1"}"#
    ),
    (
      #"{"FunctionResult.$": "States.JsonToString($.FunctionInput)"}"#,
      #"{"FunctionInput": true}"#,
      #"{"FunctionResult": "true"}"#
    ),
    (
      #"{"FunctionResult.$": "States.JsonToString($.FunctionInput)"}"#,
      #"{"FunctionInput": [1, 2, "HelloWorld"]}"#,
      #"{"FunctionResult": "[1,2,\"HelloWorld\"]"}"#
    ),
    (
      #"{"FunctionResult.$": "States.JsonToString($.FunctionInput)"}"#,
      #"{"FunctionInput": {"Arg1": 1, "Arg2": []}}"#,
      #"{"FunctionResult": "{\"Arg1\":1,\"Arg2\":[]}"}"#
    ),
    (
      #"{"FunctionResult.$": "States.StringToJson($.FunctionInput)"}"#,
      #"{"FunctionInput": ""}"#,
      #"{"FunctionResult": null}"#
    ),
    (
      #"{"FunctionResult.$": "States.StringToJson($.FunctionInput)"}"#,
      #"{"FunctionInput": " "}"#,
      #"{"FunctionResult": null}"#
    ),
    (
      #"{"FunctionResult.$": "States.StringToJson($.FunctionInput)"}"#,
      #"{"FunctionInput": "-0"}"#,
      #"{"FunctionResult": 0}"#
    ),
    (
      #"{"FunctionResult.$": "States.StringToJson($.FunctionInput)"}"#,
      #"{"FunctionInput": "1"}"#,
      #"{"FunctionResult": 1}"#
    ),
    (
      #"{"FunctionResult.$": "States.StringToJson($.FunctionInput)"}"#,
      #"{"FunctionInput": "true"}"#,
      #"{"FunctionResult": true}"#
    ),
    (
      #"{"FunctionResult.$": "States.StringToJson($.FunctionInput)"}"#,
      #"{"FunctionInput": "[1, 2, \"HelloWorld\"]"}"#,
      #"{"FunctionResult": [1, 2, "HelloWorld"]}"#
    ),
    (
      #"{"FunctionResult.$": "States.StringToJson($.FunctionInput)"}"#,
      #"{"FunctionInput": "{\"Arg1\": 1, \"Arg2\": []}"}"#,
      #"{"FunctionResult": {"Arg1": 1, "Arg2": []}}"#
    ),
    (
      #"{"FunctionResult.$": "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": -1.5, "snd": 0}}"#,
      #"{"FunctionResult": -1}"#
    ),
    (
      #"{"FunctionResult.$": "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": 0.5, "snd": 0}}"#,
      #"{"FunctionResult": 1}"#
    ),
    (
      #"{"FunctionResult.$": "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": 3.5, "snd": 0}}"#,
      #"{"FunctionResult": 4}"#
    ),
    (
      #"{"FunctionResult.$": "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": -0.5, "snd": 0.5}}"#,
      #"{"FunctionResult": 1}"#
    ),
    (
      #"{"FunctionResult.$": "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": -2.5, "snd": 0}}"#,
      #"{"FunctionResult": -2}"#
    ),
    (
      #"{"FunctionResult.$": "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": -1.49, "snd": -1.5}}"#,
      #"{"FunctionResult": -2}"#
    ),
    (
      #"{"FunctionResult.$": "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": -1.5, "snd": -1.51}}"#,
      #"{"FunctionResult": -3}"#
    ),
    (
      #"{"FunctionResult.$": "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": 1.49, "snd": 0}}"#,
      #"{"FunctionResult": 1}"#
    ),
    (
      #"{"FunctionResult.$": "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": 1.49, "snd": -1.49}}"#,
      #"{"FunctionResult": 0}"#
    ),
    (
      #"{"FunctionResult.$": "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": -1.49, "snd": 0}}"#,
      #"{"FunctionResult": -1}"#
    ),
    (
      #"{"FunctionResult.$": "States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": " ", "snd": ","}}"#,
      #"{"FunctionResult": [" "]}"#
    ),
    (
      #"{"FunctionResult.$": "States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": " , ", "snd": ","}}"#,
      #"{"FunctionResult": [" ", " "]}"#
    ),
    (
      #"{"FunctionResult.$": "States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": ",,,,", "snd": ","}}"#,
      #"{"FunctionResult": []}"#
    ),
    (
      #"{"FunctionResult.$": "States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": "1,2,3,4,5", "snd": ","}}"#,
      #"{"FunctionResult": ["1", "2", "3", "4", "5"]}"#
    ),
    (
      #"{"FunctionResult.$": "States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)"}"#,
      #"{"FunctionInput": {"fst": "split on T and \nnew line", "snd": "T\n"}}"#,
      #"{"FunctionResult": ["split on ", " and ", "new line"]}"#
    ),
    (
      #"{"value.$": "$['Test\\\"\"Name\"']"}"#,
      #"{"Test\\\"\"Name\"": "Value\"\\"}"#,
      #"{"value": "Value\"\\"}"#
    ),
  ]

  @Test(arguments: recordedCases)
  func recordedAWSBehaviour(_ template: String, _ input: String, _ expected: String) throws {
    let result = try PayloadTemplate.evaluate(
      json(template), scope: EvaluationScope(input: json(input)))
    #expect(result == json(expected), "got \(result.compactString)")
  }

  @Test func nestedObjectsArraysContextAndVariables() throws {
    let template = json(
      """
      {"a.$": "$.x", "lit": {"deep.$": "$$.Execution.Name", "keep": [1, {"v.$": "$count"}]},
       "arr": [{"p.$": "$.y[1]"}, "plain $.x"], "fromVar.$": "$cfg.mode",
       "call.$": "States.Format('{}-{}', $.x, $count)", "n": null}
      """)
    let scope = EvaluationScope(
      input: json(#"{"x": "X", "y": [10, 20]}"#),
      context: json(#"{"Execution": {"Name": "exec-1"}}"#),
      variables: ["count": 3, "cfg": json(#"{"mode": "fast"}"#)])
    let result = try PayloadTemplate.evaluate(template, scope: scope)
    #expect(
      result.compactString
        == #"{"a":"X","lit":{"deep":"exec-1","keep":[1,{"v":3}]},"arr":[{"p":20},"plain $.x"],"fromVar":"fast","call":"X-3","n":null}"#
    )
  }

  @Test func missingPathCause() throws {
    let scope = EvaluationScope(input: json(#"{"a":1}"#))
    #expect(
      throws: ASLRuntimeError(
        error: "States.Runtime",
        cause:
          "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"a\":1}'"
      )
    ) {
      try PayloadTemplate.evaluate(json(#"{"value.$": "$.no_such_jsonpath"}"#), scope: scope)
    }
  }

  @Test func indefinitePathsYieldArrays() throws {
    let scope = EvaluationScope(input: json(#"{"items": [{"id": 1}, {"id": 2}, {}]}"#))
    let result = try PayloadTemplate.evaluate(
      json(#"{"ids.$": "$.items[*].id", "none.$": "$.items[?(@.id > 5)]"}"#), scope: scope)
    #expect(result == json(#"{"ids": [1, 2], "none": []}"#))
  }

  @Test func nonStringDollarValueIsRejected() {
    #expect(throws: ASLRuntimeError.self) {
      try PayloadTemplate.evaluate(json(#"{"a.$": 1}"#), scope: EvaluationScope(input: .null))
    }
  }

  @Test func compiledTemplateFoldsConstantsAndReuses() throws {
    let compiled = try CompiledPayloadTemplate(json(#"{"c": {"k": [1, 2]}, "v.$": "$.n"}"#))
    var random = SeededRandom(seed: 1)
    for n in 0..<3 {
      let out = try compiled.evaluate(
        scope: EvaluationScope(input: ["n": .int(n)]), random: &random)
      #expect(out == json(#"{"c": {"k": [1, 2]}, "v": \#(n)}"#))
    }
  }

  @Test func randomIsThreadedThroughTheTemplate() throws {
    let template = json(#"{"a.$": "States.UUID()", "b.$": "States.UUID()"}"#)
    var random = SeededRandom(seed: 42)
    let first = try PayloadTemplate.evaluate(
      template, scope: EvaluationScope(input: .null), random: &random)
    #expect(first["a"] != first["b"])
    var replay = SeededRandom(seed: 42)
    let second = try PayloadTemplate.evaluate(
      template, scope: EvaluationScope(input: .null), random: &replay)
    #expect(first == second)
    #expect(random == replay)
  }
}

@Suite struct PathExpressionTests {
  static let scope = EvaluationScope(
    input: json(#"{"a": {"b": [1, 2, 3]}, "s": "x"}"#),
    context: json(
      #"{"Execution": {"Id": "arn:1", "Input": {"k": true}}, "Map": {"Item": {"Index": 2}}}"#),
    variables: ["v": json(#"{"w": [5, 6]}"#), "plain": "text"])

  @Test(arguments: [
    ("$", #"{"a": {"b": [1, 2, 3]}, "s": "x"}"#),
    ("$.a.b[1]", "2"),
    ("$.a.b[*]", "[1,2,3]"),
    ("$$.Execution.Id", #""arn:1""#),
    ("$$.Execution.Input.k", "true"),
    ("$$.Map.Item.Index", "2"),
    ("$$", #"{"Execution": {"Id": "arn:1", "Input": {"k": true}}, "Map": {"Item": {"Index": 2}}}"#),
    ("$v", #"{"w": [5, 6]}"#),
    ("$v.w[0]", "5"),
    ("$v['w'][-1]", "6"),
    ("$plain", #""text""#),
    ("States.ArrayLength($.a.b)", "3"),
    ("States.MathAdd($v.w[0], $$.Map.Item.Index)", "7"),
  ])
  func resolves(_ expression: String, _ expected: String) throws {
    #expect(
      try PathExpression.resolve(expression, field: "f.$", scope: Self.scope) == json(expected))
  }

  @Test func errors() {
    #expect(throws: ASLRuntimeError.self) {
      try PathExpression.resolve("$$.Nope", field: "f", scope: Self.scope)
    }
    #expect(throws: ASLRuntimeError.self) {
      try PathExpression.resolve("$undefinedVar", field: "f", scope: Self.scope)
    }
    #expect(throws: ASLRuntimeError.self) {
      try PathExpression.resolve("no dollar", field: "f", scope: Self.scope)
    }
  }

  @Test func parsedExpressionExposesKind() throws {
    let p = try PathExpression.parse("$$.Execution.Id")
    #expect(p.path?.source == .context)
    #expect(try PathExpression.parse("$var.x").path?.source == .variable("var"))
    #expect(try PathExpression.parse("States.UUID()").isIntrinsic)
  }
}

@Suite struct ReferencePathTests {
  @Test(arguments: [
    ("$", #"{"a":1}"#, #""r""#, #""r""#),
    ("$.res", #"{"a":1}"#, #""r""#, #"{"a":1,"res":"r"}"#),
    ("$.a", #"{"a":1,"b":2}"#, "[1]", #"{"a":[1],"b":2}"#),
    ("$.x.y.z", #"{"a":1}"#, "true", #"{"a":1,"x":{"y":{"z":true}}}"#),
    ("$.x.y", #"{"x":{"k":0}}"#, "1", #"{"x":{"k":0,"y":1}}"#),
    ("$['a b'].c", "{}", "1", #"{"a b":{"c":1}}"#),
    ("$.arr[1]", #"{"arr":[0,0,0]}"#, "9", #"{"arr":[0,9,0]}"#),
    ("$.arr[-1].k", #"{"arr":[{},{}]}"#, "9", #"{"arr":[{},{"k":9}]}"#),
  ])
  func inserts(_ path: String, _ target: String, _ value: String, _ expected: String) throws {
    let result = try ReferencePath.set(json(value), at: path, in: json(target))
    #expect(result.compactString == json(expected).compactString)
  }

  @Test func keepsKeyOrderWhenReplacing() throws {
    let result = try ReferencePath.set(1, at: "$.a.b", in: json(#"{"a":{"b":0,"c":0},"z":0}"#))
    #expect(result.compactString == #"{"a":{"b":1,"c":0},"z":0}"#)
  }

  @Test(arguments: [
    ("$.a", #""string input""#),
    ("$.a.b", #"{"a":"str"}"#),
    ("$.arr[5]", #"{"arr":[1]}"#),
    ("$.arr[0]", #"{"arr":{}}"#),
    ("$.a[*]", #"{"a":[1]}"#),
    ("$..a", #"{"a":1}"#),
  ])
  func failures(_ path: String, _ target: String) {
    #expect {
      try ReferencePath.set(1, at: path, in: json(target))
    } throws: { error in
      (error as? ASLRuntimeError)?.error == "States.ResultPathMatchFailure"
    }
  }
}
