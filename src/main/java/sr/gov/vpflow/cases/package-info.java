/** Cases: the matters that come out of appointments, from opening with a yearly reference to closing. */
@ApplicationModule(allowedDependencies = {"audit", "holidays", "platform", "platform :: security", "platform :: web"})
package sr.gov.vpflow.cases;

import org.springframework.modulith.ApplicationModule;
