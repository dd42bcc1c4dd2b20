import Fluent
import Vapor

extension Application {
    /// Registers every migration in order. Landed migrations are never edited; add a new one.
    func registerMigrations() {
        migrations.add(M001_CreateDirectory())
        migrations.add(M002_CreateCycles())
        migrations.add(M003_CreateMilestones())
        migrations.add(M004_CreateAccounts())
        migrations.add(M005_CreateAuditLog())
        migrations.add(SessionRecord.migration)
        migrations.add(M006_CreateSubmissions())
        migrations.add(M007_CreateConference())
        migrations.add(M008_CreateScoring())
        migrations.add(M009_CreateDocuments())
        migrations.add(M010_CreateNotifications())
        migrations.add(M011_CreateAwards())
        migrations.add(M012_LinkAwardDocuments())
        migrations.add(M013_AddPlanRoles())
        migrations.add(M014_AddBlocPlace())
        migrations.add(M015_AddConferenceOfficers())
        migrations.add(M016_AddBlocContact())
        migrations.add(M017_SealBallots())
        migrations.add(M018_ReviewProposals())
        migrations.add(M019_CreateCertificateLayouts())
        migrations.add(M020_CreateCouncil())
        migrations.add(M021_ClassifyAwards())
        migrations.add(M022_CreateProvinceRegister())
        migrations.add(M023_CreatePastAwards())
        migrations.add(M024_AddUserProvince())
        migrations.add(M025_TrackDataRevision())
        migrations.add(M026_KeepBoardRecordsPerProvince())
    }
}
