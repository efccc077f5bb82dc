import Testing

@testable import FinOpsKit

/// `when` blocks as written in `finops.yaml`, compiled and run against charges: exact, glob,
/// regex, lists, tags and missing values.
struct ConfigurationMatcherTests {
  /// A charge and whether the rule `when` block of the table matches it.
  struct MatchCase: Sendable, CustomTestStringConvertible {
    var when: String
    var columns: [ChargeColumn: String]
    var matches: Bool
    var testDescription: String { "\(when) against \(columns)" }
  }

  static let matchCases: [MatchCase] = [
    MatchCase(
      when: "{service_name: Amazon EC2}",
      columns: [.serviceName: "Amazon EC2"],
      matches: true
    ),
    MatchCase(
      when: "{service_name: Amazon EC2}",
      columns: [.serviceName: "Amazon EC2 "],
      matches: false
    ),
    MatchCase(
      when: "{service_name: \"Amazon *\"}",
      columns: [.serviceName: "Amazon S3"],
      matches: true
    ),
    MatchCase(
      when: "{service_name: \"Amazon *\"}",
      columns: [.serviceName: "AWS Lambda"],
      matches: false
    ),
    MatchCase(when: "{region_id: us-east-?}", columns: [.regionId: "us-east-2"], matches: true),
    MatchCase(when: "{region_id: us-east-?}", columns: [.regionId: "us-east-12"], matches: false),
    MatchCase(
      when: "{service_name: \"/bedrock/\"}",
      columns: [.serviceName: "Amazon Bedrock"],
      matches: false
    ),
    MatchCase(
      when: "{service_name: \"/(?i)bedrock/\"}",
      columns: [.serviceName: "Amazon Bedrock"],
      matches: true
    ),
    MatchCase(when: "{sub_account_id: [111, 222]}", columns: [.subAccountId: "222"], matches: true),
    MatchCase(
      when: "{sub_account_id: [111, 222]}",
      columns: [.subAccountId: "333"],
      matches: false
    ),
    MatchCase(
      when: "{sub_account_id: [111, \"9*\"]}",
      columns: [.subAccountId: "987"],
      matches: true
    ),
    MatchCase(when: "{sub_account_id: \"*\"}", columns: [:], matches: false),
    MatchCase(
      when: "{tags: {team: support}}",
      columns: [.tags: #"{"team": "support"}"#],
      matches: true
    ),
    MatchCase(
      when: "{tags: {team: support}}",
      columns: [.tags: #"{"env": "prod"}"#],
      matches: false
    ),
    MatchCase(when: "{tags: {pilot: \"*\"}}", columns: [:], matches: false),
    MatchCase(
      when: "{service_name: \"/^Amazon Bedrock/\", tags: {team: [support, cx]}}",
      columns: [.serviceName: "Amazon Bedrock Runtime", .tags: #"{"team": "cx"}"#],
      matches: true
    ),
    MatchCase(
      when: "{service_name: \"/^Amazon Bedrock/\", tags: {team: [support, cx]}}",
      columns: [.serviceName: "Amazon SageMaker", .tags: #"{"team": "cx"}"#],
      matches: false
    ),
    // An empty block is a catch-all.
    MatchCase(when: "{}", columns: [:], matches: true),
  ]

  @Test(arguments: matchCases)
  func parsedWhenBlocksSelectCharges(_ match: MatchCase) throws {
    let (configuration, _) = try ConfigurationLoader.parse(
      yaml: "teams: [{id: a}]\nrules:\n  - name: r\n    when: \(match.when)\n    team: a\n",
      path: "finops.yaml"
    )
    let attributes = ChargeAttributes.from(columns: match.columns)
    #expect(configuration.rules[0].when.matches(attributes) == match.matches)
  }
}
