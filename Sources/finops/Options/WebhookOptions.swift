import ArgumentParser
import FinOpsKit

/// How hard `finops alerts` tries to reach a webhook.
struct WebhookOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Attempts per delivery.", valueName: "n"))
  var webhookAttempts = 4

  @Option(help: ArgumentHelp("Seconds before the first retry; doubles each time.", valueName: "s"))
  var webhookRetryDelay = 1.0

  @Option(help: ArgumentHelp("Seconds one attempt may take.", valueName: "s"))
  var webhookTimeout = 10.0

  /// The retry policy.
  var policy: WebhookClient.RetryPolicy {
    WebhookClient.RetryPolicy(
      attempts: webhookAttempts,
      initialDelay: webhookRetryDelay,
      maximumDelay: 30,
      timeout: webhookTimeout
    )
  }
}
