import Testing

@testable import FinOpsKit

struct ChargeMatcherTests {
  @Test(arguments: [
    ("Amazon EC2", "Amazon EC2", true),
    ("Amazon EC2", "amazon ec2", false),
    ("Amazon *", "Amazon Bedrock", true),
    ("Amazon *", "AWS Lambda", false),
    ("*", "", true),
    ("ml.?5.*", "ml.g5.xlarge", true),
    ("ml.?5.*", "mlxg5.xlarge", false),  // dots are literal in globs
    ("/^Amazon Bedrock/", "Amazon Bedrock Runtime", true),
    ("/^Amazon Bedrock/", "The Amazon Bedrock", false),
    ("/gpu|p4d/", "p4d.24xlarge", true),
    ("", "", true),
  ])
  func patternsMatchExactlyByGlobOrByRegex(pattern: String, value: String, expected: Bool) throws {
    #expect(try ValuePattern(pattern).matches(value) == expected)
  }

  @Test func aMissingValueNeverMatches() throws {
    #expect(!(try ValuePattern("*").matches(nil)))
  }

  @Test func everyConditionMustHoldAndAnyPatternOfOneSuffices() throws {
    let matcher = ChargeMatcher(conditions: [
      .init(key: .column(.serviceName), patterns: [try ValuePattern("/^Amazon Bedrock/")]),
      .init(key: .tag("team"), patterns: [try ValuePattern("support"), try ValuePattern("cx")]),
    ])
    let bedrock = ChargeAttributes.from(columns: [
      .serviceName: "Amazon Bedrock", .tags: #"{"team": "cx", "env": "prod"}"#,
    ])
    #expect(matcher.matches(bedrock))
    let other = ChargeAttributes.from(columns: [
      .serviceName: "Amazon Bedrock", .tags: #"{"team": "search"}"#,
    ])
    #expect(matcher.firstMismatch(other) == "tags.team 'search' does not match 'support' or 'cx'")
    let untagged = ChargeAttributes.from(columns: [.serviceName: "AWS Lambda"])
    #expect(
      matcher.firstMismatch(untagged)
        == "service_name 'AWS Lambda' does not match '/^Amazon Bedrock/'"
    )
  }

  @Test func templatesTakeValuesFromTheCharge() {
    let attributes = ChargeAttributes.from(columns: [
      .subAccountName: "ai-lab", .tags: #"{"pilot": "support-copilot", "cost": 12}"#,
    ])
    #expect(attributes.fill("{tags.pilot}") == "support-copilot")
    #expect(attributes.fill("team-{sub_account_name}") == "team-ai-lab")
    #expect(attributes.fill("{tags.cost}") == "12")
    #expect(attributes.fill("{tags.missing}") == nil)
    #expect(attributes.fill("plain") == "plain")
  }
}
