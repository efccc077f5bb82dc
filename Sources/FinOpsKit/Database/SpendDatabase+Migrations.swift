import GRDB

extension SpendDatabase {
  /// The schema history.
  ///
  /// Migrations are never edited or renamed once released; a change is a
  /// new migration appended at the end.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1-imports") { db in
      try db.execute(sql: importTablesSQL)
    }
    migrator.registerMigration("v1-charge") { db in
      try db.execute(sql: chargeTableSQL)
    }
    migrator.registerMigration("v2-ai-category") { db in
      try db.execute(sql: aiCategorySQL)
      // Charges imported before the migration get the built-in classification.
      try AIClassifier.reclassify(db, with: AIClassifier.standard())
    }
    migrator.registerMigration("v2-alerts") { db in
      try db.execute(sql: alertDeliverySQL)
    }
    migrator.registerMigration("v2-ai-usage") { db in
      try db.execute(sql: aiUsageSQL)
    }
    migrator.registerMigration("v2-reports-month-profile-index") { db in
      // Reports group a month's charges by profile (and day): this covering index makes that an
      // index scan in profile order, with no sort and no table rows. A 1,000,000-charge month
      // reported in 7.3 s without it and 1.0 s with it; ingest time did not measurably change.
      try db.execute(
        sql: """
          CREATE INDEX charge_month_profile
          ON charge(month, profileId, chargePeriodStart, effectiveCostNanos, billedCostNanos)
          """
      )
    }
    return migrator
  }

  private static let importTablesSQL = """
    CREATE TABLE importBatch (
      id INTEGER PRIMARY KEY,
      startedAt TEXT NOT NULL,
      finishedAt TEXT NOT NULL,
      toolVersion TEXT NOT NULL,
      arguments TEXT NOT NULL,
      contentHash TEXT NOT NULL,
      rowCount INTEGER NOT NULL,
      rejectedCount INTEGER NOT NULL
    );
    CREATE TABLE importFile (
      id INTEGER PRIMARY KEY,
      batchId INTEGER NOT NULL REFERENCES importBatch(id) ON DELETE CASCADE,
      path TEXT NOT NULL,
      sizeBytes INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      format TEXT NOT NULL,
      formatVersion TEXT,
      rowCount INTEGER NOT NULL,
      rejectedCount INTEGER NOT NULL
    );
    CREATE INDEX importFile_batchId ON importFile(batchId);
    CREATE INDEX importFile_sha256 ON importFile(sha256);
    CREATE TABLE importScope (
      id INTEGER PRIMARY KEY,
      batchId INTEGER NOT NULL REFERENCES importBatch(id) ON DELETE CASCADE,
      format TEXT NOT NULL,
      billingAccountId TEXT NOT NULL,
      billingPeriodStart INTEGER NOT NULL,
      billingPeriodEnd INTEGER NOT NULL,
      billingCurrency TEXT NOT NULL,
      rowCount INTEGER NOT NULL,
      billedCostNanos INTEGER NOT NULL,
      effectiveCostNanos INTEGER NOT NULL,
      supersededByBatchId INTEGER REFERENCES importBatch(id)
    );
    CREATE INDEX importScope_batchId ON importScope(batchId);
    CREATE INDEX importScope_key ON importScope(format, billingAccountId, billingPeriodStart);
    CREATE TABLE importFileScope (
      fileId INTEGER NOT NULL REFERENCES importFile(id) ON DELETE CASCADE,
      scopeId INTEGER NOT NULL REFERENCES importScope(id) ON DELETE CASCADE,
      PRIMARY KEY (fileId, scopeId)
    ) WITHOUT ROWID;
    CREATE INDEX importFileScope_scopeId ON importFileScope(scopeId);
    CREATE TABLE rejectedRow (
      id INTEGER PRIMARY KEY,
      batchId INTEGER NOT NULL REFERENCES importBatch(id) ON DELETE CASCADE,
      fileId INTEGER NOT NULL REFERENCES importFile(id) ON DELETE CASCADE,
      line INTEGER NOT NULL,
      reason TEXT NOT NULL,
      content TEXT NOT NULL
    );
    CREATE INDEX rejectedRow_batchId ON rejectedRow(batchId);
    CREATE INDEX rejectedRow_fileId ON rejectedRow(fileId);
    """

  /// The charge tables.
  ///
  /// Descriptive attributes that repeat across many charges (account,
  /// service, SKU, region, tags, ...) are stored once per distinct combination in
  /// `chargeProfile`; each `charge` row holds what varies per charge (period, costs, quantities,
  /// resource) and a `profileId`. The `focusCharge` view joins them back into one FOCUS-shaped
  /// row. `scopeId` ties each charge to the import scope that owns it, so that a re-delivered
  /// month replaces exactly the rows it restates; `month` (YYYYMM of ChargePeriodStart, UTC) is
  /// the grouping key of every report.
  private static let chargeTableSQL = """
    CREATE TABLE chargeProfile (
      id INTEGER PRIMARY KEY,
      scopeId INTEGER NOT NULL,
      billingAccountId TEXT NOT NULL,
      billingAccountName TEXT,
      billingAccountType TEXT,
      subAccountId TEXT,
      subAccountName TEXT,
      subAccountType TEXT,
      billingCurrency TEXT NOT NULL,
      billingPeriodStart INTEGER NOT NULL,
      billingPeriodEnd INTEGER NOT NULL,
      chargeCategory TEXT,
      chargeClass TEXT,
      chargeDescription TEXT,
      chargeFrequency TEXT,
      listUnitPrice TEXT,
      contractedUnitPrice TEXT,
      pricingCategory TEXT,
      pricingUnit TEXT,
      pricingCurrency TEXT,
      consumedUnit TEXT,
      providerName TEXT,
      publisherName TEXT,
      invoiceIssuerName TEXT,
      invoiceId TEXT,
      serviceName TEXT,
      serviceCategory TEXT,
      serviceSubcategory TEXT,
      regionId TEXT,
      regionName TEXT,
      availabilityZone TEXT,
      resourceType TEXT,
      skuId TEXT,
      skuPriceId TEXT,
      skuMeter TEXT,
      skuPriceDetails TEXT,
      commitmentDiscountId TEXT,
      commitmentDiscountName TEXT,
      commitmentDiscountCategory TEXT,
      commitmentDiscountType TEXT,
      commitmentDiscountStatus TEXT,
      commitmentDiscountUnit TEXT,
      capacityReservationId TEXT,
      capacityReservationStatus TEXT,
      tags TEXT
    );
    CREATE TABLE charge (
      id INTEGER PRIMARY KEY,
      scopeId INTEGER NOT NULL,
      fileId INTEGER NOT NULL,
      sourceLine INTEGER NOT NULL,
      month INTEGER NOT NULL,
      profileId INTEGER NOT NULL,
      chargePeriodStart INTEGER NOT NULL,
      chargePeriodEnd INTEGER NOT NULL,
      billedCostNanos INTEGER NOT NULL,
      effectiveCostNanos INTEGER NOT NULL,
      listCostNanos INTEGER,
      contractedCostNanos INTEGER,
      pricingQuantity REAL,
      consumedQuantity REAL,
      resourceId TEXT,
      resourceName TEXT,
      commitmentDiscountQuantity REAL,
      extras TEXT
    );
    CREATE INDEX chargeProfile_scopeId ON chargeProfile(scopeId);
    CREATE INDEX charge_scopeId ON charge(scopeId);
    CREATE INDEX charge_month ON charge(month);
    CREATE VIEW focusCharge AS
    SELECT c.id, c.scopeId, c.fileId, c.sourceLine, c.month, c.profileId,
      p.billingAccountId, p.billingAccountName, p.billingAccountType, p.subAccountId,
      p.subAccountName, p.subAccountType, p.billingCurrency, p.billingPeriodStart,
      p.billingPeriodEnd, c.chargePeriodStart, c.chargePeriodEnd, p.chargeCategory, p.chargeClass,
      p.chargeDescription, p.chargeFrequency, c.billedCostNanos, c.effectiveCostNanos,
      c.listCostNanos, c.contractedCostNanos, p.listUnitPrice, p.contractedUnitPrice,
      p.pricingCategory, c.pricingQuantity, p.pricingUnit, p.pricingCurrency, c.consumedQuantity,
      p.consumedUnit, p.providerName, p.publisherName, p.invoiceIssuerName, p.invoiceId,
      p.serviceName, p.serviceCategory, p.serviceSubcategory, p.regionId, p.regionName,
      p.availabilityZone, c.resourceId, c.resourceName, p.resourceType, p.skuId, p.skuPriceId,
      p.skuMeter, p.skuPriceDetails, p.commitmentDiscountId, p.commitmentDiscountName,
      p.commitmentDiscountCategory, p.commitmentDiscountType, p.commitmentDiscountStatus,
      c.commitmentDiscountQuantity, p.commitmentDiscountUnit, p.capacityReservationId,
      p.capacityReservationStatus, p.tags, c.extras
    FROM charge c JOIN chargeProfile p ON p.id = c.profileId;
    """

  /// The AI columns of a profile.
  ///
  /// `x_AICategory` and, for GPU and accelerator instances, the accelerators per instance and
  /// their model are derived at ingest from the profile's descriptive attributes by the rules
  /// of `importers/ai/`. The view gains them as its last columns.
  private static let aiCategorySQL = """
    ALTER TABLE chargeProfile ADD COLUMN aiCategory TEXT;
    ALTER TABLE chargeProfile ADD COLUMN acceleratorCount REAL;
    ALTER TABLE chargeProfile ADD COLUMN acceleratorModel TEXT;
    CREATE INDEX chargeProfile_aiCategory ON chargeProfile(aiCategory);
    DROP VIEW focusCharge;
    CREATE VIEW focusCharge AS
    SELECT c.id, c.scopeId, c.fileId, c.sourceLine, c.month, c.profileId,
      p.billingAccountId, p.billingAccountName, p.billingAccountType, p.subAccountId,
      p.subAccountName, p.subAccountType, p.billingCurrency, p.billingPeriodStart,
      p.billingPeriodEnd, c.chargePeriodStart, c.chargePeriodEnd, p.chargeCategory, p.chargeClass,
      p.chargeDescription, p.chargeFrequency, c.billedCostNanos, c.effectiveCostNanos,
      c.listCostNanos, c.contractedCostNanos, p.listUnitPrice, p.contractedUnitPrice,
      p.pricingCategory, c.pricingQuantity, p.pricingUnit, p.pricingCurrency, c.consumedQuantity,
      p.consumedUnit, p.providerName, p.publisherName, p.invoiceIssuerName, p.invoiceId,
      p.serviceName, p.serviceCategory, p.serviceSubcategory, p.regionId, p.regionName,
      p.availabilityZone, c.resourceId, c.resourceName, p.resourceType, p.skuId, p.skuPriceId,
      p.skuMeter, p.skuPriceDetails, p.commitmentDiscountId, p.commitmentDiscountName,
      p.commitmentDiscountCategory, p.commitmentDiscountType, p.commitmentDiscountStatus,
      c.commitmentDiscountQuantity, p.commitmentDiscountUnit, p.capacityReservationId,
      p.capacityReservationStatus, p.tags, c.extras, p.aiCategory, p.acceleratorCount,
      p.acceleratorModel
    FROM charge c JOIN chargeProfile p ON p.id = c.profileId;
    """

  /// Usage records of AI provider APIs (tokens, requests, seconds, never money), and day-level
  /// scopes.
  ///
  /// `aiUsage` holds one row per quantity of a usage result (one per token type), tied to an
  /// import scope like a charge, so that a re-fetched day replaces its records. No report of
  /// spend reads this table. `coverageStart`/`coverageEnd` are set on day-level scopes (the
  /// API formats): the part of that UTC day the delivery covered; `usageCount` is the number of
  /// usage records a scope holds, checked by `finops doctor` like `rowCount`.
  private static let aiUsageSQL = """
    ALTER TABLE importScope ADD COLUMN coverageStart INTEGER;
    ALTER TABLE importScope ADD COLUMN coverageEnd INTEGER;
    ALTER TABLE importScope ADD COLUMN usageCount INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE aiUsage (
      id INTEGER PRIMARY KEY,
      scopeId INTEGER NOT NULL,
      fileId INTEGER NOT NULL,
      sourceLine INTEGER NOT NULL,
      month INTEGER NOT NULL,
      providerName TEXT NOT NULL,
      endpoint TEXT NOT NULL,
      periodStart INTEGER NOT NULL,
      periodEnd INTEGER NOT NULL,
      billingAccountId TEXT NOT NULL,
      subAccountId TEXT,
      model TEXT,
      apiKeyId TEXT,
      userId TEXT,
      serviceTier TEXT,
      quantityKind TEXT NOT NULL,
      partOf TEXT,
      unit TEXT NOT NULL,
      quantity REAL NOT NULL,
      dimensions TEXT
    );
    CREATE INDEX aiUsage_scopeId ON aiUsage(scopeId);
    CREATE INDEX aiUsage_month ON aiUsage(month);
    """
}
