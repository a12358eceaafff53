import RelanceStore

extension Tick {
    /// Says at every tick, while any exists, how many active cases reach no advisor and no
    /// agency (the unrouted queue): nobody would see them otherwise.
    func warnAboutUnroutedCases() throws {
        var count = 0
        try transaction { count = try $0.unroutedCaseCount() }
        guard count > 0 else { return }
        let destination =
            relance.configuration.alertsEmail == nil
            ? "no alerts.email is configured: nobody receives them"
            : "their digest goes to alerts.email"
        relance.logger.warning(
            "cases reach no advisor and no agency (unrouted queue: cases list --unrouted); \(destination)",
            metadata: ["cases": "\(count)"])
    }
}
