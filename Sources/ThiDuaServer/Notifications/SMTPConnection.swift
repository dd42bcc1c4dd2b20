import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One open SMTP connection: write a line, read a reply, upgrade to TLS, close.
struct SMTPConnection: Sendable {
    let channel: any Channel
    let replies: NIOLoopBound<SMTPReplyHandler>
    let timeout: TimeAmount

    /// Connects (with TLS first for smtps://) within `configuration.timeout`.
    static func open(_ configuration: SMTPConfiguration, group: any EventLoopGroup) async throws -> SMTPConnection {
        guard let bootstrap = ClientBootstrap(validatingGroup: group) else {
            throw SMTPError.transient("the event loop group cannot open sockets")
        }
        let tls = configuration.implicitTLS ? try tlsContext(configuration) : nil
        let serverHostname = SMTPClient.sniName(configuration.host)
        let channel: any Channel
        do {
            channel = try await bootstrap
                .connectTimeout(configuration.timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        if let tls { try sync.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverHostname)) }
                        try sync.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                        try sync.addHandler(SMTPReplyHandler())
                    }
                }
                .connect(host: configuration.host, port: configuration.port).get()
        } catch {
            throw SMTPError.transient("cannot connect to \(configuration.host):\(configuration.port): \(error)")
        }
        do {
            let replies = try await channel.eventLoop.submit {
                NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self), eventLoop: channel.eventLoop)
            }.get()
            return SMTPConnection(channel: channel, replies: replies, timeout: configuration.timeout)
        } catch {
            channel.close(promise: nil)
            throw SMTPError.transient("connection lost while setting up: \(error)")
        }
    }

    /// Client TLS, verifying the server's certificate and name unless the configuration says not to.
    static func tlsContext(_ configuration: SMTPConfiguration) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        if !configuration.verifyCertificates { tls.certificateVerification = .none }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw SMTPError.transient("cannot set up TLS: \(error)")
        }
    }

    /// The next reply within the timeout.
    func reply() async throws -> SMTPReply {
        let replies = self.replies, loop = channel.eventLoop, timeout = self.timeout
        return try await loop.flatSubmit { replies.value.nextReply(on: loop, timeout: timeout) }.get()
    }

    func write(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text)).get()
    }

    /// Sends one command line and reads its reply; with `expect`, another code throws
    /// (`SMTPError.reply`: 5xx permanent, else transient). `step` names it in errors instead of
    /// the line, which may hold credentials.
    @discardableResult
    func command(_ line: String, expect: ClosedRange<Int>? = nil, step: String) async throws -> SMTPReply {
        try await write(line + "\r\n")
        let reply = try await reply()
        if let expect, !expect.contains(reply.code) { throw SMTPError.reply(reply.code, reply.text, during: step) }
        return reply
    }

    /// EHLO, or HELO when the server does not know EHLO (then no extensions).
    func hello(_ name: String) async throws -> SMTPReply {
        let reply = try await command("EHLO \(name)", step: "EHLO")
        if reply.code == 250 { return reply }
        guard (500...504).contains(reply.code) else { throw SMTPError.reply(reply.code, reply.text, during: "EHLO") }
        return try await command("HELO \(name)", expect: 250...250, step: "HELO")
    }

    /// After "220" to STARTTLS: TLS goes in front of everything; the handshake starts at once and
    /// writes wait for it. A failed handshake or certificate check fails the next reply.
    func upgradeToTLS(_ context: NIOSSLContext, serverHostname: String?) async throws {
        let channel = self.channel
        try await channel.eventLoop.submit {
            let handler = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        }.get()
    }

    /// QUIT politely and close; errors are ignored.
    func quit() async {
        _ = try? await command("QUIT", step: "QUIT")
        try? await channel.close()
    }

    func abort() {
        channel.close(promise: nil)
    }
}
