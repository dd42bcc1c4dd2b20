import Fluent
import Vapor

/// Every route. API routes authenticate with bearer tokens only; web routes with the database session
/// and a CSRF token, so a browser's cookie can never drive the API.
func routes(_ app: Application) throws {
    app.get("healthz", use: OperationsController.health)
    app.get("metrics", use: OperationsController.metrics)

    let api = app.grouped("api", "v1")
    api.get("openapi.yaml", use: OperationsController.openAPI)
    api.post("auth", "token", use: AccountsAPI.token)

    let secured = api.grouped(BearerAuthenticator(), RequireUser())
    secured.get("units", use: DirectoryAPI.listUnits)
    secured.post("units", use: DirectoryAPI.createUnit)
    secured.patch("units", ":unitID", use: DirectoryAPI.updateUnit)
    secured.get("blocs", use: DirectoryAPI.listBlocs)
    secured.post("blocs", use: DirectoryAPI.createBloc)
    secured.get("blocs", ":blocID", "cycles", use: DirectoryAPI.listCycles)
    secured.post("blocs", ":blocID", "cycles", use: DirectoryAPI.createCycle)
    secured.get("cycles", ":cycleID", use: DirectoryAPI.getCycle)
    secured.patch("cycles", ":cycleID", use: DirectoryAPI.updateCycle)
    secured.get("cycles", ":cycleID", "milestones", use: MilestonesAPI.list)
    secured.post("cycles", ":cycleID", "milestones", use: MilestonesAPI.create)
    secured.patch("milestones", ":milestoneID", use: MilestonesAPI.update)
    secured.delete("milestones", ":milestoneID", use: MilestonesAPI.delete)
    secured.get("users", use: AccountsAPI.listUsers)
    secured.post("users", use: AccountsAPI.createUser)
    secured.get("rule-sets", use: DirectoryAPI.listRuleSets)
    secured.on(.POST, "rule-sets", body: .collect(maxSize: "1mb"), use: DirectoryAPI.createRuleSet)

    let web = app.grouped(app.sessions.middleware, WebLanguageMiddleware(), SessionUserAuthenticator(), CSRFMiddleware())
    web.get { req in req.redirect(to: SiteURL.blocs) }
    web.get("login", use: AccountsController.loginPage)
    web.post("login", use: AccountsController.login)
    web.post("logout", use: AccountsController.logout)

    let pages = web.grouped(RequireUser())
    pages.get("blocs", use: BlocsController.index)
    pages.post("blocs", use: BlocsController.create)
    pages.get("blocs", ":blocID", use: BlocsController.show)
    pages.post("blocs", ":blocID", "cycles", use: BlocsController.createCycle)
    pages.get("cycles", ":cycleID", use: CyclesController.show)
    pages.post("cycles", ":cycleID", "milestones", use: CyclesController.createMilestone)
    pages.post("cycles", ":cycleID", "setup", use: CyclesController.updateSetup)
    pages.post("milestones", ":milestoneID", use: CyclesController.updateMilestone)
    pages.post("milestones", ":milestoneID", "delete", use: CyclesController.deleteMilestone)
    pages.get("units", use: BlocsController.units)
    pages.post("units", use: BlocsController.createUnit)
    pages.get("account", "password", use: AccountsController.passwordPage)
    pages.post("account", "password", use: AccountsController.changePassword)
    pages.get("users", use: AccountsController.users)
    pages.post("users", use: AccountsController.createUser)
}
