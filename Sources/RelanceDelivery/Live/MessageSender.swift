/// Sends messages one at a time over one connection, kept open between messages.
/// Each connection worker owns one sender; a sender is never shared between threads.
protocol MessageSender: AnyObject {
    /// Sends one message and classifies the outcome.
    func send(_ message: OutgoingMessage) -> DeliveryOutcome
}
