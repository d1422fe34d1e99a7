/** Signing in: sessions, tokens, passkeys, the second factor and the current user. */
@NamedInterface("security")
package sr.gov.vpflow.platform.security;

import org.springframework.modulith.NamedInterface;
