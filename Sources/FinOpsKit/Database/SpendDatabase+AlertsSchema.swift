extension SpendDatabase {
  /// The alert delivery ledger (migration `v2-alerts`).
  ///
  /// One row per alert fingerprint (kind, subject, month): the severity and escalation last
  /// delivered to a webhook (NULL until one delivery succeeds), and the last failed attempt.
  static let alertDeliverySQL = """
    CREATE TABLE alertDelivery (
      fingerprint TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      subject TEXT NOT NULL,
      month INTEGER NOT NULL,
      deliveredSeverity TEXT,
      deliveredEscalation INTEGER,
      deliveredAt TEXT,
      deliveredMessage TEXT,
      failedAttempts INTEGER NOT NULL DEFAULT 0,
      lastFailureAt TEXT,
      lastFailure TEXT
    ) WITHOUT ROWID;
    CREATE INDEX alertDelivery_month ON alertDelivery(month);
    """
}
