public import RelanceCore

extension MonthReport {
    /// One object. `period`, `state`, `jobseekers`, `declared`, `late`, `missed`,
    /// `journal_missing`, `reminders` and `cases_open` are exactly the fields of `status --format json`;
    /// the breakdowns follow.
    public var json: JSON {
        .object(
            [
                ("period", .string(period.description)), ("state", .string(status.state)),
                ("generated_at", .string(Zone.paris.format(generatedAt))),
                ("opening_day", .string(window.openingDay.description)),
                ("deadline_day", .string(window.deadlineDay.description)),
                ("jobseekers", .int(status.jobseekers)), ("declared", .int(status.declared)),
                ("late", .int(status.late)),
                ("missed", .int(status.missed)), ("not_declared", .int(notDeclared)),
                ("unreachable", .int(unreachable)),
                ("journal_missing", .int(status.journalMissing)),
                ("reminders", .object(ReminderState.names.map { ($0, .int(status.reminders[$0] ?? 0)) })),
                ("cases_open", .int(status.casesOpen)), ("cases_overdue", .int(casesOverdue)),
                ("cases_unrouted", .int(status.casesUnrouted)),
                ("journal", journalTable.keyedJSON), ("declarations_by_day", dayTable.json),
                ("reminder_sends", sendTable.json), ("reminders_by_step", reminderTable.json),
                ("failed_reminders", failedReminderTable.json), ("failures", failureTable.json),
                ("cases", caseTable.json),
                ("case_reasons", reasonTable.keyedJSON),
                ("overdue", overdueTable.json),
            ] + deliveryJSON)
    }
}

extension ReportTable {
    /// An array with one object per row, keyed by column name (a missing label is `null`).
    public var json: JSON {
        .array(
            rows.map { row in
                .object(
                    zip(labelColumns, row.labels).map { ($0, JSON.optional($1)) }
                        + zip(countColumns, row.counts).map { ($0, .int($1)) })
            })
    }

    /// For a one-label, one-count table: an object from label to count.
    var keyedJSON: JSON {
        .object(rows.map { ($0.labels.first.flatMap { $0 } ?? "", .int($0.counts.first ?? 0)) })
    }
}
