/// The values of the Markdown summary template, formatted and escaped.
enum MarkdownSummaryValues {
  private typealias Value = TemplateValue

  static func make(_ summary: MonthSummary) -> [String: TemplateValue] {
    let money = ReportNumber.groupedMoney
    let percent = ReportNumber.percent
    let asOf = summary.asOfDay.map { "\(summary.month)-" + (($0 < 10) ? "0\($0)" : "\($0)") }
    let innovation = summary.innovation
    let gapText: String
    if innovation.gap > 0 {
      gapText = "\(money(innovation.gap)) below target"
    } else {
      gapText = "target met (\(money(-innovation.gap)) above)"
    }
    var values: [String: TemplateValue] = [
      "month": .text(summary.month.description),
      "asOf": asOf.map { .text($0) } ?? .flag(false),
      "remainingDays": .text(String(summary.month.days - (summary.asOfDay ?? summary.month.days))),
      "currency": .text(MarkdownText.escape(summary.currency)),
      "costBasisText": .text(
        summary.costBasis == .effective
          ? "Effective (amortized) cost" : "Billed (invoiced) cost"
      ),
      "total": .text(money(summary.reportedTotal)),
      "forecast": .text(money(summary.forecastTotal)),
      "previousTotal": .text(money(summary.previousTotal)),
      "change": .text(ReportNumber.signedMoney(summary.change)),
      "changePercent": .text(
        ReportNumber.share(summary.change, of: summary.previousTotal).map(signedPercent) ?? "n/a"
      ),
      "coverage": .text(percent(summary.coverage)),
      "unallocated": .text(money(summary.reportedUnallocated)),
      "innovationShare": .text(percent(innovation.share)),
      "innovationSpend": .text(money(innovation.spend)),
      "innovationTarget": .text(percent(innovation.target)),
      "innovationTargetSpend": .text(money(innovation.targetSpend)),
      "innovationGapText": .text(gapText),
      "aiShare": .text(percent(summary.ai.share)),
      "aiSpend": .text(money(summary.ai.spend)),
      "aiNote": summary.ai.note.map { .text(MarkdownText.escape($0)) } ?? .flag(false),
      "teams": .list(summary.teams.map(team)),
      "hasPilots": .flag(!summary.pilots.isEmpty),
      "pilots": .list(summary.pilots.map(pilot)),
      "aiBreakdowns": .list(aiBreakdowns(summary.ai)),
      "sharedSplits": .list(summary.sharedSplits.map(sharedSplit)),
      "unallocatedItems": rows(summary.unallocatedItems.prefix(10).map(unallocatedItem)),
      "movers": rows(summary.topMovers.map(mover)),
      "moversText": .text(
        summary.asOfDay == nil
          ? "Largest increases from last month, by service and by sub-account."
          : "Largest increases from the same days of last month, by service and by sub-account."
      ),
      "dataCoverage": rows(summary.dataCoverage.map(coverage)),
    ]
    MermaidValues.add(summary, to: &values)
    return values
  }

  /// A section value that shows its rows only when there are some.
  private static func rows(_ rows: [TemplateValue]) -> TemplateValue {
    rows.isEmpty ? .flag(false) : .object(["rows": .list(rows)])
  }

  static func signedPercent(_ share: Int128) -> String {
    (share > 0 ? "+" : "") + ReportNumber.percent(share)
  }

  private static func budget(_ amount: Int128?) -> TemplateValue {
    .text(amount.map(ReportNumber.groupedMoney) ?? "—")
  }

  private static func team(_ team: MonthSummary.TeamLine) -> TemplateValue {
    .object([
      "name": .text(MarkdownText.escape(team.name)),
      "budget": budget(team.budget),
      "spend": .text(ReportNumber.groupedMoney(team.reportedSpend)),
      "forecast": .text(ReportNumber.groupedMoney(team.reportedForecast)),
      "used": .text(
        team.budget.flatMap { ReportNumber.share(team.forecast, of: $0) }.map(ReportNumber.percent)
          ?? "—"
      ),
      "status": .text(team.status.rawValue),
      "previous": .text(ReportNumber.groupedMoney(team.previousSpend)),
      "change": .text(ReportNumber.signedMoney(team.change)),
      "pilotSpend": .text(ReportNumber.groupedMoney(team.pilotSpend)),
    ])
  }

  private static func pilot(_ pilot: MonthSummary.PilotLine) -> TemplateValue {
    .object([
      "name": .text(MarkdownText.escape(pilot.name)),
      "team": .text(MarkdownText.escape(pilot.team)),
      "spend": .text(ReportNumber.groupedMoney(pilot.reportedSpend)),
      "monthlyBudget": budget(pilot.monthlyBudget),
      "status": .text(pilot.status.rawValue),
      "lifetime": .text(ReportNumber.groupedMoney(pilot.lifetimeSpend)),
      "totalBudget": budget(pilot.totalBudget),
      "lifetimeStatus": .text(pilot.lifetimeStatus.rawValue),
      "monthsActive": .text(String(pilot.monthsActive)),
      "costPerMillionTokens": .text(
        pilot.costPerMillionTokens.map(ReportNumber.groupedMoney) ?? "—"
      ),
    ])
  }

  private static func aiBreakdowns(_ ai: MonthSummary.AISpend) -> [TemplateValue] {
    let tables: [(String, [MonthSummary.Amount])] = [
      ("Category", ai.byCategory), ("Provider", ai.byProvider),
      ("Model (largest 10)", Array(ai.byModel.prefix(10))),
    ]
    return tables.filter { !$0.1.isEmpty }.map { title, amounts in
      .object([
        "title": .text(title),
        "rows": .list(
          amounts.map { amount in
            .object([
              "name": .text(MarkdownText.escape(amount.name)),
              "amount": .text(ReportNumber.groupedMoney(amount.amount)),
              "share": .text(
                ReportNumber.share(amount.amount, of: ai.spend).map(ReportNumber.percent) ?? "—"
              ),
            ])
          }
        ),
      ])
    }
  }

  private static func sharedSplit(_ split: MonthAllocation.SharedSplit) -> TemplateValue {
    let shares = split.shares.map {
      "\(MarkdownText.escape($0.team)) \(ReportNumber.groupedMoney($0.amount))"
    }
    return .object([
      "name": .text(MarkdownText.escape(split.name)),
      "amount": .text(ReportNumber.groupedMoney(split.amount)),
      "method": .text(split.method),
      "shares": .text(shares.joined(separator: ", ")),
    ])
  }

  private static func unallocatedItem(_ item: MonthSummary.UnallocatedItem) -> TemplateValue {
    .object([
      "provider": .text(MarkdownText.escape(item.provider)),
      "subAccount": .text(item.subAccount.isEmpty ? "—" : MarkdownText.escape(item.subAccount)),
      "service": .text(MarkdownText.escape(item.service)),
      "amount": .text(ReportNumber.groupedMoney(item.amount)),
      "charges": .text(String(item.charges)),
    ])
  }

  private static func mover(_ mover: MonthSummary.Mover) -> TemplateValue {
    .object([
      "kind": .text(mover.kind),
      "name": .text(MarkdownText.escape(mover.name)),
      "previous": .text(ReportNumber.groupedMoney(mover.previous)),
      "current": .text(ReportNumber.groupedMoney(mover.current)),
      "change": .text(ReportNumber.signedMoney(mover.change)),
    ])
  }

  private static func coverage(_ line: MonthSummary.DataCoverage) -> TemplateValue {
    .object([
      "provider": .text(MarkdownText.escape(line.provider)),
      "account": .text(line.account.isEmpty ? "—" : MarkdownText.escape(line.account)),
      "days": .text(DayRanges.text(line.days)),
      "missing": .text(line.missingDays.isEmpty ? "none" : DayRanges.text(line.missingDays)),
      "charges": .text(String(line.charges)),
    ])
  }
}
