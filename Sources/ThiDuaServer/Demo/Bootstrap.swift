import Fluent
import Foundation
import Vapor

/// What runs before serving: migrations, then the demo scenario or the first administrator.
public enum Bootstrap {
    public static func prepare(_ app: Application) async throws {
        try await app.autoMigrate()
        TemporaryFiles.sweep(app, now: app.clock.now())
        if app.settings.demoMode {
            try await DemoSeeder.seedIfNeeded(app)
            DemoSeeder.printAccounts()
        } else {
            try await createFirstAdministratorIfNeeded(app)
        }
    }

    /// A production database starts with one administrator whose random password is shown once, on the console only.
    static func createFirstAdministratorIfNeeded(_ app: Application) async throws {
        guard try await User.query(on: app.db).count() == 0 else { return }
        let password = app.random.token(bytes: 12)
        let hash = try Bcrypt.hash(password, cost: app.settings.bcryptCost)
        let now = app.clock.now()
        try await app.db.transaction { db in
            let admin = User(username: "admin", passwordHash: hash, displayName: "Quản trị hệ thống", role: .admin, unitID: nil)
            try await admin.create(on: db)
            try await AuditLog.append(
                AuditRecord(actor: "system", action: "create", entity: "user", entityID: try admin.requireID().uuidString,
                            before: UserDTO?.none, after: try UserDTO(admin)),
                at: now, on: db)
        }
        // Printed, not logged: the password must not end up in log storage.
        print("""

        Đã tạo tài khoản quản trị đầu tiên (chỉ hiển thị một lần):
          tên đăng nhập: admin
          mật khẩu:      \(password)

        """)
        // Flushed now: with stdout redirected to a log file it would otherwise wait in the buffer.
        fflush(nil)
    }
}
