/** Database access as the acting user, the embedded PostgreSQL, errors, i18n and security configuration. */
@ApplicationModule(allowedDependencies = {})
package sr.gov.vpflow.platform;

import org.springframework.modulith.ApplicationModule;
