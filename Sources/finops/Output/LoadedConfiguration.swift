import FinOpsKit

/// Loads `finops.yaml`, printing its warnings on stderr.
enum LoadedConfiguration {
  static func load(_ path: String) throws -> FinOpsConfiguration {
    let (configuration, warnings) = try ConfigurationLoader.load(path: path)
    for warning in warnings { Diagnostics.write(warning.description) }
    return configuration
  }
}
