/** Database access: the acting user, the owner's connection, the embedded PostgreSQL and migrations. */
@NamedInterface("db")
package sr.gov.vpflow.platform.db;

import org.springframework.modulith.NamedInterface;
