import RelanceConfig
import RelanceCore
import RelanceStore

/// What to do with a pending reminder right now (SPEC section 3, in order of precedence).
enum ReminderDecision: Equatable {
    /// No longer eligible (declared, not active, no longer missed…).
    case skip(reason: String)
    /// Its relevance ended.
    case expire(reason: String)
    /// Outside the send window: wait until then.
    case wait(until: Instant)
    /// No usable channel is left: the jobseeker is unreachable for the period.
    case fail(reason: String)
    /// Attempt on this channel (index in the channel list).
    case attempt(channel: Channel, index: Int)

    /// Decides for one reminder; `degraded` channels are tried last (SPEC 13, see ``channels(of:step:degraded:)``).
    static func decide(
        _ reminder: PendingReminder, step: Step?, configuration: Configuration, now: Instant,
        degraded: Set<Channel> = [], isUsable: (Channel) -> Bool
    ) -> ReminderDecision {
        guard let step else { return .expire(reason: "step \(reminder.stepID) is no longer configured") }
        guard reminder.status == .active else { return .skip(reason: "jobseeker is \(reminder.status.rawValue)") }
        switch step.onlyIf {
        case .notDeclared where reminder.isDeclared:
            return .skip(reason: "declared")
        case .journalMissing:
            let required = configuration.journal.isRequired(
                explicit: reminder.journalRequired, department: reminder.department, period: reminder.period)
            if !reminder.isDeclared || !required || reminder.actsCount >= configuration.journal.minActs {
                return .skip(reason: "journal no longer missing")
            }
        case .missed where reminder.outcome != "missed":
            return .skip(reason: "declared since closing")
        default: break
        }
        guard now < reminder.expiresAt else { return .expire(reason: "expired") }
        guard let territory = Territory(department: reminder.department) else {
            return .fail(reason: "unknown department \(reminder.department)")
        }
        let zone = territory.zone
        let local = zone.local(now)
        let window = configuration.sendWindow
        if !window.contains(local.time) {
            let day = local.time < window.from ? local.date : local.date.adding(days: 1)
            return .wait(until: zone.instant(of: day, at: window.from))
        }
        let channels = Self.channels(of: reminder, step: step, degraded: degraded).list
        var index = reminder.channelIndex
        while index < channels.count {
            let channel = channels[index]
            if isUsable(channel) && hasAddress(reminder, for: channel) {
                return .attempt(channel: channel, index: index)
            }
            index += 1
        }
        return .fail(reason: "no usable channel left")
    }

    /// The channel list of a reminder: the one it started with, or, for a reminder not tried yet,
    /// its jobseeker's or its step's with degraded channels moved last (unless it is a probe);
    /// `reordered` when the list moved and is to be kept with the reminder from its first attempt.
    static func channels(of reminder: PendingReminder, step: Step, degraded: Set<Channel>) -> (
        list: [Channel], reordered: Bool
    ) {
        if let kept = reminder.channelOrder { return (kept, false) }
        let list = reminder.preferredChannels ?? step.channels
        guard reminder.attempts == 0, reminder.channelIndex == 0,
            let moved = Channel.order(list, degraded: degraded, probe: Channel.isProbe(key: reminder.key.description))
        else { return (list, false) }
        return (moved, true)
    }

    /// Whether the jobseeker can be reached on a channel at all.
    static func hasAddress(_ reminder: PendingReminder, for channel: Channel) -> Bool {
        switch channel {
        case .email: reminder.email != nil
        case .sms: reminder.phone?.isMobile ?? false
        case .webhook: true
        }
    }

    /// The address a message on `channel` goes to.
    static func recipient(_ reminder: PendingReminder, for channel: Channel) -> String? {
        switch channel {
        case .email: reminder.email
        case .sms: reminder.phone?.e164
        case .webhook: nil
        }
    }
}
