import ArgumentParser
import FinOpsKit
import Foundation

/// Writes diagnostics to stderr and maps errors to exit codes (65 for bad data, 70 internal).
enum Diagnostics {
  static func write(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
  }

  /// Prints an error and returns the exit code to throw.
  static func fail(_ error: any Error) -> ExitCode {
    switch error {
    case let error as ImportError:
      write(error.description)
      if case .store = error { return ExitCode(70) }
      return ExitCode(65)
    case let error as StoreError:
      write(error.description)
      return ExitCode(70)
    case let error as MappingError:
      write(error.description)
      return ExitCode(65)
    case let error as ConfigurationError:
      write(error.description)
      return ExitCode(65)
    case let error as AllocationError:
      write(error.description)
      if case .store = error { return ExitCode(70) }
      return ExitCode(65)
    case let error as ReportError:
      write(error.description)
      switch error {
      case .allocation(.store), .cannotWrite: return ExitCode(70)
      case .invalidDate, .asOfBeforeMonth, .unknownReporter: return ExitCode(64)
      default: return ExitCode(65)
      }
    default:
      write("error: \(error)")
      return ExitCode(70)
    }
  }

  /// Whether stderr is a terminal (for progress lines).
  static var stderrIsTerminal: Bool { isatty(2) == 1 }
}
