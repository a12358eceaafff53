/// Sends messages one at a time over one connection, kept open between messages.
/// Each connection worker owns one sender; a sender is never shared between threads.
protocol MessageSender: AnyObject {
    /// Sends one message and classifies the outcome. `upcoming` is the message the sender will be
    /// asked to send next, when already known: a sender may start its exchange early (SMTP
    /// pipelining), never further than what lets a server accept it. `beforeFinishing` runs once
    /// the message has been transmitted, before it is ended (and so before the server can accept it).
    func send(_ message: OutgoingMessage, announcing upcoming: OutgoingMessage?, beforeFinishing: @escaping () -> Void)
        -> DeliveryOutcome
}
