import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// Over a real socket a form bigger than one network read arrives as a stream. The CSRF check must read it whole,
/// or every long form (minutes, a review with many criteria) is refused as forged: the year walk in Chromium found it.
@Suite("Long forms over the network")
struct LongFormTests {
    @Test("a 60 KB minutes form posted over TCP is saved, not refused as a forged form")
    func longFormIsNotForged() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let head = try await token(app, "officer.a")
            #expect(try await send(app, .PUT, "/api/v1/cycles/\(f.cycleID)/conference", token: head,
                                   json: #"{"startsAt":"2023-12-19T08:00:00+07:00","venue":"Hội trường","form":"inPerson"}"#).status == .ok)
            var browser = Browser(app: app)
            _ = try await browser.signIn("officer.a")
            let path = "/cycles/\(f.cycleID)/minutes"
            let csrf = try #require(Browser.csrf(in: try await browser.get(path).body.string))
            let text = String(repeating: "Hội nghị thống nhất nội dung báo cáo tổng kết. ", count: 1300) + "Dấu kết thúc 4711"
            let body = ["csrfToken": csrf, "action": "save", "text": text, "conclusion": "Kết luận"]
                .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
            #expect(body.utf8.count > 60_000)
            var headers = HTTPHeaders()
            headers.add(name: .cookie, value: try #require(browser.cookie))
            headers.contentType = .urlEncodedForm
            let port = Int.random(in: 20_000...40_000)
            // A real server and a client that does not follow the 303, so the answer itself is seen.
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = port
            app.http.client.configuration.redirectConfiguration = .disallow
            try await app.server.start()
            let response = try await app.client.post(URI(string: "http://127.0.0.1:\(port)\(path)"), headers: headers) {
                $0.body = ByteBuffer(string: body)
            }
            await app.server.shutdown()
            let status = response.status
            #expect(status == .seeOther, "a long form was answered \(status)")
            #expect(status != .forbidden, "a long form was refused as forged")
            #expect(try await browser.get(path).body.string.contains("Dấu kết thúc 4711"), "the long minutes were not saved")
        }
    }
}
