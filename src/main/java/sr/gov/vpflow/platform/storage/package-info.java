/**
 * Places that keep named objects whole: a folder (a second disk, a mounted share) or an
 * S3-compatible bucket. Backups are copied off the machine through them.
 */
@NamedInterface("storage")
package sr.gov.vpflow.platform.storage;

import org.springframework.modulith.NamedInterface;
