import NIOCore
import Vapor

/// The multipart form decoder every `req.content` read uses: it runs our `MultipartReader` over the body first
/// and hands MultipartKit only a body that reader accepted (see `MultipartReader` for why). A body the reader
/// refuses, or one the decoder still cannot read, is a `MalformedMultipart`, answered 400, never a 500.
struct CheckedFormDataDecoder: ContentDecoder {
    private let inner = FormDataDecoder()

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
                              userInfo: [CodingUserInfoKey: Sendable]) throws -> D {
        try MultipartReader.validate(body, boundary: MultipartReader.boundary(of: headers))
        do {
            return try inner.decode(D.self, from: body, headers: headers, userInfo: userInfo)
        } catch let error as DecodingError {
            throw error  // names the missing or mistyped field
        } catch {
            throw MalformedMultipart(reason: .syntax)
        }
    }
}

/// A body sent as plain text or HTML where JSON or a form is read: Vapor's plain-text decoder would answer a
/// "wrong type" 400 naming no field; this is a 415 that says what to send.
struct UnsupportedBody: Error {}

struct RefusingDecoder: ContentDecoder {
    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        throw UnsupportedBody()
    }
}

extension ContentConfiguration {
    /// Vapor's defaults with the checked multipart decoder, and no decoding of plain text or HTML bodies.
    static func thiDua() -> ContentConfiguration {
        var config = ContentConfiguration.default()
        config.use(decoder: CheckedFormDataDecoder(), for: .formData)
        config.use(decoder: RefusingDecoder(), for: .plainText)
        config.use(decoder: RefusingDecoder(), for: .html)
        return config
    }
}
