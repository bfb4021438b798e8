/** Routes. Everything but /login needs a session; admin screens check abilities. */
import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from './auth';
import { Loading } from './components/ui';
import { Layout } from './pages/Layout';
import { LoginPage } from './pages/LoginPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { PlansPage } from './pages/PlansPage';
import { PlanPage } from './pages/plan/PlanPage';
import { PlanCalendarPage } from './pages/PlanCalendarPage';
import { PlanReportingPage } from './pages/PlanReportingPage';
import { PlanUnclearPage } from './pages/PlanUnclearPage';
import { ImportPreviewPage } from './pages/import/ImportPreviewPage';
import { ImportUploadPage } from './pages/import/ImportUploadPage';
import { MeasurePage } from './pages/MeasurePage';
import { MyMeasuresPage } from './pages/MyMeasuresPage';
import { OrganisationsPage } from './pages/organisations/OrganisationsPage';
import { UsersPage } from './pages/UsersPage';
import { AuditPage } from './pages/AuditPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { DashboardPage } from './pages/DashboardPage';
import { ReportsPage } from './pages/ReportsPage';
import { ReportPage } from './pages/ReportPage';
import { HomePage } from './pages/HomePage';
import { NotificationsPage } from './pages/NotificationsPage';
import { HelpPage } from './pages/HelpPage';
import { SearchPage } from './pages/SearchPage';
import { SettingsPage } from './pages/SettingsPage';
import { QuestionnairePage } from './pages/nok/QuestionnairePage';
import { NokCampaignsPage } from './pages/nok/NokCampaignsPage';
import { NokCampaignPage } from './pages/nok/NokCampaignPage';
import { NokAssessmentPage } from './pages/nok/NokAssessmentPage';
import { NokPosterPage } from './pages/nok/NokPosterPage';
import { NokPublicResultsPage } from './pages/nok/NokPublicResultsPage';
import { CouncilsPage } from './pages/councils/CouncilsPage';
import { CouncilPage } from './pages/councils/CouncilPage';
import { MeetingPage } from './pages/councils/MeetingPage';
import { PlanIndicatorsPage } from './pages/indicators/PlanIndicatorsPage';
import { IndicatorPage } from './pages/indicators/IndicatorPage';
import { MyIndicatorsPage } from './pages/indicators/MyIndicatorsPage';
import { RatingsPage } from './pages/ratings/RatingsPage';
import { RatingPage } from './pages/ratings/RatingPage';
import { PublicRatingPage } from './pages/ratings/PublicRatingPage';

function RequireSession({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <Loading label="Проверка входа…" />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (user.mustChangePassword) return <ChangePasswordPage />;
  return <>{children}</>;
}

/** Where one lands after login: executors on their work, everyone else on the plans. */
function Landing() {
  const { user } = useAuth();
  return <Navigate to={user?.role === 'executor' && user.organisation ? '/home' : '/plans'} replace />;
}

export function App() {
  return (
    <AuthProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          {/* НОК: the citizens' questionnaire, without login (short link and embed). */}
          <Route path="/q/:code" element={<QuestionnairePage />} />
          <Route path="/embed/nok/:code" element={<QuestionnairePage embedded />} />
          <Route path="/results/nok/:campaignId" element={<NokPublicResultsPage />} />
          <Route path="/public/ratings/:ratingId" element={<PublicRatingPage />} />
          <Route
            element={
              <RequireSession>
                <Layout />
              </RequireSession>
            }
          >
            <Route index element={<Landing />} />
            <Route path="home" element={<HomePage />} />
            <Route path="notifications" element={<NotificationsPage />} />
            <Route path="help" element={<HelpPage />} />
            <Route path="reports/:reportId" element={<ReportPage />} />
            <Route path="plans" element={<PlansPage />} />
            <Route path="plans/:planId" element={<PlanPage />} />
            <Route path="plans/:planId/calendar" element={<PlanCalendarPage />} />
            <Route path="plans/:planId/reporting" element={<PlanReportingPage />} />
            <Route path="plans/:planId/unclear" element={<PlanUnclearPage />} />
            <Route path="councils" element={<CouncilsPage />} />
            <Route path="councils/:councilId" element={<CouncilPage />} />
            <Route path="meetings/:meetingId" element={<MeetingPage />} />
            <Route path="plans/:planId/indicators" element={<PlanIndicatorsPage />} />
            <Route path="indicators" element={<MyIndicatorsPage />} />
            <Route path="ratings" element={<RatingsPage />} />
            <Route path="ratings/:ratingId" element={<RatingPage />} />
            <Route path="indicators/:indicatorId" element={<IndicatorPage />} />
            <Route path="import" element={<ImportUploadPage />} />
            <Route path="import/:importId" element={<ImportPreviewPage />} />
            <Route path="measures/:measureId" element={<MeasurePage />} />
            <Route path="my" element={<MyMeasuresPage />} />
            <Route path="plans/:planId/monitoring" element={<DashboardPage />} />
            <Route path="dashboard" element={<DashboardPage />} />
            <Route path="reports" element={<ReportsPage />} />
            <Route path="search" element={<SearchPage />} />
            <Route path="settings" element={<SettingsPage />} />
            <Route path="organisations" element={<OrganisationsPage />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="audit" element={<AuditPage />} />
            <Route path="nok" element={<NokCampaignsPage />} />
            <Route path="nok/:campaignId" element={<NokCampaignPage />} />
            <Route path="nok/assessments/:assessmentId" element={<NokAssessmentPage />} />
            <Route path="nok/assessments/:assessmentId/poster" element={<NokPosterPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </AuthProvider>
  );
}
