/// The signature of each built-in, as jsonata-js registers it (src/jsonata.js, `defineFunction`
/// calls, v2.x). The evaluator checks a call against it before the function runs and passes the
/// validated arguments: the context value in place of a missing `-` argument, a lone value
/// wrapped in an array for `a`. A built-in without an entry receives its arguments as written.
///
/// To add a built-in: implement it in `JSONataFunctions.call`, add its name to
/// `JSONataFunctions.names`, and give its jsonata-js signature here (see `JSONataSignature`).
/// Step Functions' own functions ($partition, $range, $hash, $random, $uuid, $parse) check their
/// arguments themselves, with AWS's messages.
extension JSONataFunctions {
  static let signatureTexts: [String: String] = [
    "sum": "<a<n>:n>", "count": "<a:n>", "max": "<a<n>:n>", "min": "<a<n>:n>",
    "average": "<a<n>:n>", "string": "<x-b?:s>", "substring": "<s-nn?:s>",
    "substringBefore": "<s-s:s>", "substringAfter": "<s-s:s>", "lowercase": "<s-:s>",
    "uppercase": "<s-:s>", "length": "<s-:n>", "trim": "<s-:s>", "pad": "<s-ns?:s>",
    "match": "<s-f<s:o>n?:a<o>>", "contains": "<s-(sf):b>", "replace": "<s-(sf)(sf)n?:s>",
    "split": "<s-(sf)n?:a<s>>", "join": "<a<s>s?:s>", "formatNumber": "<n-so?:s>",
    "formatBase": "<n-n?:s>", "formatInteger": "<n-s:s>", "parseInteger": "<s-s:n>",
    "number": "<(nsb)-:n>", "floor": "<n-:n>", "ceil": "<n-:n>", "round": "<n-n?:n>",
    "abs": "<n-:n>", "sqrt": "<n-:n>", "power": "<n-n:n>", "boolean": "<x-:b>",
    "not": "<x-:b>", "map": "<af>", "zip": "<a+>", "filter": "<af>", "single": "<af?>",
    "reduce": "<afj?:j>", "sift": "<o-f?:o>", "keys": "<x-:a<s>>", "lookup": "<x-s:x>",
    "append": "<xx:a>", "exists": "<x:b>", "spread": "<x-:a<o>>", "merge": "<a<o>:o>",
    "reverse": "<a:a>", "each": "<o-f:a>", "error": "<s?:x>", "assert": "<bs?:x>",
    "type": "<x:s>", "sort": "<af?:a>", "shuffle": "<a:a>", "distinct": "<x:x>",
    "base64encode": "<s-:s>", "base64decode": "<s-:s>", "encodeUrlComponent": "<s-:s>",
    "encodeUrl": "<s-:s>", "decodeUrlComponent": "<s-:s>", "decodeUrl": "<s-:s>",
    "eval": "<sx?:x>", "toMillis": "<s-s?:n>", "fromMillis": "<n-s?s?:s>", "clone": "<(oa)-:o>",
    "now": "<s?s?:s>", "millis": "<:n>",
  ]

  /// `signatureTexts`, parsed once.
  static let signatures: [String: JSONataSignature] = signatureTexts.compactMapValues {
    try? JSONataSignature($0)
  }
}
