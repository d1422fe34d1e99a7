/** The web layer every module uses: API and page controllers, problem details, the OpenAPI description. */
@NamedInterface("web")
package sr.gov.vpflow.platform.web;

import org.springframework.modulith.NamedInterface;
