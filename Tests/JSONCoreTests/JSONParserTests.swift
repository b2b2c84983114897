import Testing
@testable import JSONCore

@Suite struct JSONParserTests {
  @Test func keepsKeyOrderAndNumberText() throws {
    let v = try JSONParser.parse(#"{"b": 1.0, "a": 12345678901234567890, "c": [true, null, "x"]}"#)
    #expect(v.compactString == #"{"b":1.0,"a":12345678901234567890,"c":[true,null,"x"]}"#)
    #expect(Array(v.objectValue!.keys) == ["b", "a", "c"])
  }

  @Test func semanticEquality() throws {
    #expect(try JSONParser.parse(#"{"a":1,"b":2}"#) == JSONParser.parse(#"{"b":2.0,"a":1}"#))
    #expect(try JSONParser.parse("[1,2]") != JSONParser.parse("[2,1]"))
    #expect(JSONValue.bool(true) != JSONValue.int(1))
  }

  @Test func escapes() throws {
    let v = try JSONParser.parse(#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#)
    #expect(v == .string("a\"b\\c/d\né😀"))
    #expect(v.compactString == #""a\"b\\c/d\né😀""#)
    #expect(JSONValue.string("\u{01}").compactString == #""\u0001""#)
  }

  @Test(arguments: [
    ("{\"a\": 1", "1:8: expected ',' or '}' after object member, found end of input"),
    ("{\"a\": 1,}", "1:9: trailing comma before '}' is not allowed in JSON"),
    ("[1,]", "1:4: trailing comma before ']' is not allowed in JSON"),
    ("{\"a\":1,\n \"a\":2}", "2:2: duplicate key \"a\" in object"),
    ("", "1:1: empty input, expected a JSON value"),
    ("01", "1:2: leading zeros are not allowed in JSON numbers"),
    ("[1] x", "1:5: expected end of input after the JSON value, found 'x'"),
    ("\"abc", "1:1: unterminated string, expected '\"'"),
  ])
  func errors(input: String, expected: String) {
    #expect(throws: JSONParseError.self) { try JSONParser.parse(input) }
    do { _ = try JSONParser.parse(input) } catch { #expect(error.description == expected) }
  }

  @Test func escapesMixedWithRawUnicode() throws {
    #expect(try JSONParser.parse(#""café \n\u00e9 😀 \ud83d\ude00 \u0041""#) == .string("café \né 😀 😀 A"))
    #expect(try JSONParser.parse(#"["a\tb", "\u20ac", "x\"y"]"#) == ["a\tb", "€", "x\"y"])
    // Invalid UTF-8 after an escape is still caught.
    let bytes: [UInt8] = Array("\"a\\n".utf8) + [0xC3, 0x28, 0x22]
    #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
  }

  @Test func invalidUTF8() {
    let bytes: [UInt8] = Array("{\"a\": \"x".utf8) + [0xFF, 0x22, 0x7D]
    #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    do {
      _ = try JSONParser.parse(deep)
      Issue.record("expected an error")
    } catch {
      #expect(error.message.contains("nesting is deeper than"))
    }
  }

  @Test func positions() throws {
    let doc = try JSONParser.parseDocument("{\n  \"States\": {\n    \"A\": {\"Next\": \"B\"}\n  }\n}")
    #expect(doc.valuePositions["/States/A/Next"]?.description == "3:19")
    #expect(doc.keyPositions["/States/A"]?.description == "3:5")
    #expect(doc.position(of: "/States/A/Missing")?.description == "3:10")
  }

  @Test func prettyPrinting() throws {
    let v = try JSONParser.parse(#"{"a":[1,{}],"b":{}}"#)
    #expect(v.prettyString == "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": {}\n}")
  }

  @Test func numbers() {
    #expect(JSONNumber(3.0).text == "3")
    #expect(JSONNumber(1.5).text == "1.5")
    #expect(JSONNumber(text: "1.0") == JSONNumber(1))
  }
}
