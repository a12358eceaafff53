import RelanceCore
import RelanceDelivery
import RelanceStore

extension Tick {
    /// Tracked messages still unconfirmed `receipt_timeout` after acceptance count as undelivered
    /// (temporary) and fall back (SPEC 13), in short transactions.
    mutating func settleOverdueDeliveries() throws {
        var settled = 0
        while !stop.isRequested {
            var batch = 0
            try transaction { session in
                let overdue = try session.overdueDeliveries(now: now, limit: 500)
                batch = overdue.count
                for message in overdue {
                    guard let reminder = try session.reminder(message.key) else {
                        try session.settleDelivery(message, verdict: .undelivered, reason: "receipt_timeout", now: now)
                        continue
                    }
                    try relance.settle(
                        reminder, on: message.channel, verdict: .undelivered, status: nil, reason: "receipt_timeout",
                        in: session, now: now)
                }
            }
            settled += batch
            if batch < 500 { break }
        }
        if settled > 0 {
            relance.logger.info(
                said("no receipt in time: undelivered", dryRun: "no receipt in time: would be undelivered"),
                metadata: ["messages": "\(settled)"])
        }
    }

    /// The silent-provider alarm (SPEC 13): a channel with receipts expected is degraded when,
    /// over its last `delivery.alarm.window` known verdicts, the share undelivered exceeds
    /// `undelivered_ratio` — one error line and one email to `alerts.email` when it happens — and
    /// recovers when the share over the messages sent since falls below half of it, over at
    /// least `min(window, 20)` verdicts. The degraded channels make the tick exit 69.
    mutating func watchChannels() throws {
        let alarm = relance.configuration.delivery.alarm
        var alerts: [OutgoingMessage] = []
        var degraded: [Channel] = []
        try transaction { session in
            let current = try session.degradedChannels()
            for channel in [Channel.email, .sms] where relance.receiptTimeout(for: channel) != nil {
                if let state = current.first(where: { $0.channel == channel }) {
                    let since = try session.latestVerdicts(channel, window: alarm.window, from: state.firstDelivery)
                    if since.known >= min(alarm.window, 20) && since.ratio < alarm.undeliveredRatio / 2 {
                        try session.recover(channel)
                        relance.logger.notice(
                            said("delivery channel recovered", dryRun: "delivery channel would recover"),
                            metadata: ["channel": "\(channel)", "undelivered": "\(Self.percent(since.ratio))"])
                    } else {
                        degraded.append(channel)
                    }
                    continue
                }
                let latest = try session.latestVerdicts(channel, window: alarm.window)
                guard latest.known >= alarm.window, latest.ratio > alarm.undeliveredRatio else { continue }
                try session.degrade(channel, now: now)
                degraded.append(channel)
                relance.logger.error(
                    said(
                        "delivery channel degraded: its messages are not arriving; it is tried last",
                        dryRun: "delivery channel would be degraded"),
                    metadata: [
                        "channel": "\(channel)", "undelivered": "\(latest.undelivered)", "window": "\(latest.known)",
                    ])
                if let address = relance.configuration.alertsEmail {
                    alerts.append(alert(channel, latest, to: address))
                }
            }
        }
        summary.channelsDegraded = degraded
        guard !alerts.isEmpty, relance.transport.canSend(on: .email) else { return }
        try relance.transport.deliver(alerts) { settled in
            for result in settled where !result.outcome.isAccepted {
                relance.logger.warning(
                    "the alert to alerts.email was not delivered", metadata: ["reply": "\(result.outcome.reply)"])
            }
        }
    }

    /// The email telling operations that `channel` is degraded, in French.
    private func alert(_ channel: Channel, _ verdicts: VerdictCount, to address: String) -> OutgoingMessage {
        let name = channel == .sms ? "SMS" : "e-mail"
        let local = Zone.paris.format(now)
        let text = """
            Bonjour,

            Le canal \(name) de relance est dégradé depuis le \(local) : sur les \(verdicts.known) derniers \
            messages dont on connaît le sort, \(verdicts.undelivered) ne sont pas arrivés \
            (\(Self.percent(verdicts.ratio))).

            Le fournisseur accepte les messages mais ne les délivre pas. Tant que le canal est dégradé, \
            relance l'essaie en dernier (sauf un rappel sur 20, qui le sonde) : les personnes concernées \
            reçoivent leur rappel par un autre canal quand elles en ont un.

            Vérifiez le fournisseur. Le canal redevient normal de lui-même dès que les messages arrivent.

            relance
            """
        return relance.messageFactory.alert(
            name: "degraded-\(channel.rawValue)-\(now.seconds)", address: address,
            subject: "relance : canal \(name) dégradé", text: text, date: now)
    }

    /// `45,6 %`.
    static func percent(_ ratio: Double) -> String {
        let tenths = Int((ratio * 1000).rounded())
        return "\(tenths / 10),\(tenths % 10) %"
    }
}
