import RelanceCore
import RelanceStore

extension Metrics {
    /// Receipts by channel and status, and the alarm's verdict per channel (SPEC 13).
    static func addReceipts(_ relance: Relance, to out: inout PrometheusText) throws {
        let (receipts, degraded) = try relance.store.read {
            (try $0.receiptCounts(), Set(try $0.degradedChannels().map(\.channel)))
        }
        out.add(
            "relance_receipts_total", "counter", help: "Delivery receipts recorded, by channel and status.",
            samples: receipts.map { ([("channel", $0.channel), ("status", $0.status)], Double($0.count)) })
        out.add(
            "relance_channel_degraded", "gauge",
            help: "1 while the channel's messages are accepted but not arriving (the silent-provider alarm).",
            samples: [Channel.email, .sms].map { ([("channel", $0.rawValue)], degraded.contains($0) ? 1 : 0) })
    }
}
