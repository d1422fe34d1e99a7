package sr.gov.vpflow.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.appointments.AppointmentService;
import sr.gov.vpflow.appointments.SeriesService;
import sr.gov.vpflow.audit.AuditLog;
import sr.gov.vpflow.cases.CaseService;
import sr.gov.vpflow.documents.DocumentUploads;
import sr.gov.vpflow.guests.GuestService;
import sr.gov.vpflow.holidays.HolidayService;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.platform.VpFlowProperties;
import sr.gov.vpflow.platform.db.HistoryWindow;
import sr.gov.vpflow.platform.db.Identities;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.users.UserService;

/**
 * Demo mode ({@code serve --demo}, VPFLOW_DEMO=true): only the server loads demo data, never a
 * command-line action that starts the application for a moment.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "vpflow.demo", havingValue = "true")
class DemoConfiguration {

    @Bean
    @Primary
    DemoClock demoClock() {
        return new DemoClock();
    }

    @Bean
    DemoData demoData(
            GuestService guests,
            AppointmentService appointments,
            CaseService cases,
            AuditLog audit,
            TransactionTemplate tx,
            UserService users,
            Operators operators,
            Identities identities,
            VpFlowProperties properties,
            DemoClock clock,
            SeriesService series,
            HolidayService holidays,
            HistoryWindow history,
            DocumentUploads uploads,
            SchemaFeatures features) {
        return new DemoData(
                guests,
                appointments,
                cases,
                audit,
                tx,
                new DemoAccounts(users, operators, properties.dataDir()),
                new DemoData.Access(operators, identities),
                clock,
                new DemoSeries(series, appointments, guests, holidays),
                history,
                uploads,
                holidays,
                features);
    }
}
