import RelanceStore

/// Warns about a jobseeker whose agency or advisor is not imported (SPEC 7 accepts the row): a
/// case opened for them goes to their advisor, else to their agency's queue, and when neither
/// exists it reaches no one but operations (the unrouted queue, `alerts.email`). A row with
/// neither column filled in is not warned about (files with only the required columns are
/// common); its cases are in the unrouted queue all the same.
struct RoutingCheck {
    let path: String
    let known: KnownRecipients

    func check(_ record: JobseekerRecord, line: Int, into warnings: inout ImportWarnings) {
        let advisorKnown = record.advisor.map(known.advisors.contains) ?? false
        let agencyKnown = record.agency.map(known.agencies.contains) ?? false
        let unrouted = "a case for this jobseeker would reach no advisor and no agency (unrouted queue, alerts.email)"
        func warn(_ column: String, _ message: String) { warnings.add("\(path):\(line): \(column): \(message)") }
        if let agency = record.agency, !agencyKnown {
            let outcome = advisorKnown ? "cases still go to advisor '\(record.advisor!)'" : unrouted
            warn("agency", "unknown agency '\(agency)', imported anyway: \(outcome) until the agency is imported")
        }
        if let advisor = record.advisor, !advisorKnown {
            let outcome = agencyKnown ? "cases go to the queue of agency '\(record.agency!)'" : unrouted
            warn("advisor", "unknown advisor '\(advisor)', imported anyway: \(outcome)")
        }
    }
}
